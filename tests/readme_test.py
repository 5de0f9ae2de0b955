#!/usr/bin/env python3
"""The README's "Using it" commands, run as written after the demo's set-up.

The first ```sh block after "## Using it" in README.md is read when the test
runs, so the test follows the README. As scripts/demo.sh does, the example
corpus is ingested into a scratch demo.db; then each line of the block runs
through `bash -c` (with pipefail), its trailing `# comment` dropped, in a
scratch directory where `examples` links to the repository's, with the
binary's directory first on PATH and CLAIMTRACK_DB set to demo.db: what the
demo tells the user to export. Each line must exit 0.

- `https://news.example` (a reserved name the user replaces) stands for a
  local HTTP server on 127.0.0.1 and a free port, which serves a feed and
  two articles this file writes; that prefix, and nothing else, is rewritten
  to the local server's address in each line before it runs.
- The user's own files a line reads (sentences.jsonl, page.html) are
  written into the scratch directory first.
- `claimtrack serve ...` runs in the background until GET /healthz answers
  200 on its port (--port N, else 8080), then gets SIGTERM and must exit 0.
  A port already in use before it starts is a failure, named as such.
- A few outputs are checked besides the exit status: JSON where --json asks
  for it, a CSV header, the figure `extract` finds, the feed polled by
  `run-due`, the local story listed by `articles`.
- No claimtrack.db is created, in the repository or the scratch directory.

Every line runs; the failures are listed at the end, and the exit status is
1 if there was any.

    python3 tests/readme_test.py --bin build/cli/claimtrack
"""

import argparse
import html
import http.client
import http.server
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

TIMEOUT = 60          # Seconds any one line may take.
DEFAULT_PORT = 8080   # serve's port without --port.
PLACEHOLDER = re.compile(r"https://news\.example(?=[/\s\"']|$)")
GLOBAL_FLAGS = {"--db", "--gazetteer"}  # Global flags that take a value.

# The local stand-in for news.example: a feed and the articles it links to.
STORY_TITLE = "Halvard Cloud to build 300 MW campus for Brightwater Labs"
STORIES = {
    "/story": (
        STORY_TITLE, "2025-11-03T08:30:00Z",
        ["Halvard Cloud will build a 300 megawatt data-centre campus for "
         "Brightwater Labs at its Fenmoor site, the two companies said on "
         "Monday.",
         "The first hall is due to hold 48,000 GPUs by the end of next year, "
         "and the rest of the campus is planned to open in three phases.",
         "Brightwater Labs did not say what the lease is worth."]),
    "/story-two": (
        "Brightwater Labs adds 150 MW at Fenmoor", "2025-11-10T14:00:00Z",
        ["Brightwater Labs has asked Halvard Cloud for another 150 megawatts "
         "at Fenmoor, a week after the first agreement.",
         "A person familiar with the plans said the addition would bring the "
         "site to 450 megawatts."]),
}

PAGE_HTML = """<!doctype html>
<html><head><meta charset="utf-8">
<title>Halvard Cloud switches on the first Fenmoor hall</title>
<meta property="og:site_name" content="Fenmoor Gazette">
<meta property="article:published_time" content="2025-12-01T07:00:00Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/business">Business</a></nav>
<article>
<h1>Halvard Cloud switches on the first Fenmoor hall</h1>
<p>Halvard Cloud said on Monday that the first hall at its Fenmoor campus is
now drawing 60 megawatts and runs 12,000 GPUs for Brightwater Labs.</p>
<p>The company expects the second hall to follow in the spring.</p>
</article>
<footer>Fenmoor Gazette, all rights reserved.</footer>
</body></html>
"""
PAGE_PHRASE = "drawing 60 megawatts"

SENTENCES = [
    {"id": "a", "text": "Halvard Cloud will build a 300 megawatt campus "
                        "for Brightwater Labs."},
    {"id": "b", "text": "The first hall is due to hold 48,000 GPUs."},
    {"id": "c", "text": "The weather at Fenmoor was mild on Monday."},
]


def story_html(title, published, paragraphs):
    esc = html.escape
    return ("<!doctype html><html><head><meta charset=\"utf-8\">"
            "<title>%s</title>"
            "<meta property=\"og:site_name\" content=\"News Example\">"
            "<meta property=\"article:published_time\" content=\"%s\">"
            "</head><body><article><h1>%s</h1>%s</article></body></html>" % (
                esc(title), published, esc(title),
                "".join("<p>%s</p>" % esc(p) for p in paragraphs)))


def feed_rss(base):
    esc = html.escape
    items = []
    for path, (title, published, paragraphs) in STORIES.items():
        when = time.strptime(published, "%Y-%m-%dT%H:%M:%SZ")
        items.append(
            "<item><title>%s</title><link>%s%s</link><guid>%s%s</guid>"
            "<pubDate>%s</pubDate><description>%s</description></item>" % (
                esc(title), base, path, base, path,
                time.strftime("%a, %d %b %Y %H:%M:%S +0000", when),
                esc(paragraphs[0])))
    return ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<rss version=\"2.0\"><channel><title>News Example</title>"
            "<link>%s/</link><description>Data-centre deals</description>"
            "%s</channel></rss>\n" % (base, "".join(items)))


class NewsServer:
    """news.example on 127.0.0.1: /feed.rss and the stories, else 404."""

    def __init__(self):
        self.requests = []
        self.lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                path = self.path.split("?", 1)[0]
                with outer.lock:
                    outer.requests.append(path)
                if path == "/feed.rss":
                    body, kind = feed_rss(outer.base), "application/rss+xml"
                elif path in STORIES:
                    body, kind = story_html(*STORIES[path]), "text/html"
                else:
                    body, kind = "not found\n", "text/plain"
                data = body.encode("utf-8")
                self.send_response(200 if kind != "text/plain" else 404)
                self.send_header("Content-Type", kind + "; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       daemon=True)
        self.thread.start()

    def count(self, path):
        with self.lock:
            return self.requests.count(path)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def using_it_commands(readme):
    """The lines of the first ```sh block after "## Using it", comments
    dropped, as (line as written, command)."""
    lines = readme.read_text(encoding="utf-8").splitlines()
    try:
        start = lines.index("## Using it")
    except ValueError:
        raise SystemExit("FAIL: %s has no '## Using it' line" % readme)
    block = None
    for i in range(start + 1, len(lines)):
        if block is None and lines[i].strip() == "```sh":
            block = []
        elif block is not None and lines[i].strip().startswith("```"):
            break
        elif block is not None:
            block.append(lines[i])
    if not block:
        raise SystemExit("FAIL: no ```sh block after '## Using it' in %s"
                         % readme)
    out = []
    for line in block:
        command = strip_comment(line)
        if command:
            out.append((line.strip(), command))
    return out


def strip_comment(line):
    """The line without its trailing comment: a # that starts a word,
    outside quotes and not escaped, as the shell reads it (shlex would also
    cut `a#b`)."""
    quote = None
    word_start = True
    i = 0
    while i < len(line):
        c = line[i]
        if quote == "'":
            quote = None if c == "'" else quote
        elif c == "\\":
            i += 1
        elif quote == '"':
            quote = None if c == '"' else quote
        elif c in "'\"":
            quote = c
        elif c == "#" and word_start:
            return line[:i].strip()
        word_start = quote is None and c in " \t|&;<>()"
        i += 1
    return line.strip()


def claimtrack_words(command):
    """The claimtrack invocation's words after its global flags, e.g.
    ["facts", "--json"]; [] when the line runs no claimtrack."""
    lex = shlex.shlex(command, posix=True, punctuation_chars=True)
    lex.whitespace_split = True
    words = list(lex)
    for i, w in enumerate(words):
        if w == "claimtrack":
            rest = []
            for v in words[i + 1:]:
                if v in ("|", "||", "&&", ";", "&", "<", ">", ">>"):
                    break
                rest.append(v)
            while len(rest) >= 2 and rest[0] in GLOBAL_FLAGS:
                rest = rest[2:]
            return rest
    return []


def is_simple(command):
    lex = shlex.shlex(command, posix=True, punctuation_chars=True)
    lex.whitespace_split = True
    return not any(set(w) <= set("|&;<>()") for w in lex)


def port_in_use(port):
    try:
        socket.create_connection(("127.0.0.1", port), 1).close()
        return True
    except OSError:
        return False


def healthz(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        conn.request("GET", "/healthz")
        return conn.getresponse().status
    except OSError:
        return None
    finally:
        conn.close()


def tail(text, n=20):
    lines = text.rstrip("\n").splitlines()
    return "\n".join(["    " + l for l in lines[-n:]]) or "    (empty)"


class Run:
    def __init__(self, code, stdout, stderr, note=""):
        self.code, self.stdout, self.stderr, self.note = (code, stdout,
                                                          stderr, note)


def run_line(command, cwd, env):
    p = subprocess.Popen(["bash", "-c", "set -o pipefail\n" + command],
                         cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, start_new_session=True)
    try:
        out, err = p.communicate(timeout=TIMEOUT)
        return Run(p.returncode, out, err)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, err = p.communicate()
        return Run(None, out, err, "timed out after %d s" % TIMEOUT)


def run_serve(command, words, cwd, env):
    """Start the server, wait for /healthz, SIGTERM it: exit 0 wanted."""
    port = DEFAULT_PORT
    if "--port" in words and words.index("--port") + 1 < len(words):
        port = int(words[words.index("--port") + 1])
    if port_in_use(port):
        return Run(None, "", "", "port %d is already in use by another "
                   "program; stop it and run the test again" % port)
    if not is_simple(command):
        return Run(None, "", "", "a serve line with pipes or redirects is "
                   "not supported here")
    # exec: the signal goes to claimtrack, not to a shell around it.
    p = subprocess.Popen(["bash", "-c", "exec " + command], cwd=cwd, env=env,
                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True,
                         start_new_session=True)
    note = ""
    try:
        deadline = time.monotonic() + TIMEOUT
        status = None
        while time.monotonic() < deadline and p.poll() is None:
            status = healthz(port)
            if status == 200:
                break
            time.sleep(0.1)
        if p.poll() is not None:
            note = "exited before answering /healthz"
        elif status != 200:
            note = "GET /healthz on port %d answered %s within %d s" % (
                port, status, TIMEOUT)
        else:
            p.send_signal(signal.SIGTERM)
        out, err = p.communicate(timeout=TIMEOUT)
        if note:
            return Run(None, out, err, note)
        return Run(p.returncode, out, err,
                   "after SIGTERM" if p.returncode != 0 else "")
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, err = p.communicate()
        return Run(None, out, err, "did not exit within %d s of SIGTERM"
                   % TIMEOUT)
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()


def check_output(words, run, news, feed_before):
    """A problem with a successful line's output, or None."""
    if not words:
        return None
    cmd, flags = words[0], words[1:]
    if cmd in ("facts", "claims", "articles") and "--json" in flags:
        try:
            if not isinstance(json.loads(run.stdout), list):
                return "--json printed JSON that is not an array"
        except ValueError as e:
            return "--json printed no JSON: %s" % e
    if cmd in ("facts", "claims", "articles") and "--csv" in flags:
        first = run.stdout.splitlines()[0] if run.stdout else ""
        if "," not in first or any(ch.isdigit() for ch in first):
            return "--csv printed no header line: %r" % first[:200]
    if cmd == "extract" and not flags and "220" in run.command:
        if not re.search(r"220,?000", run.stdout):
            return "extract did not find the 220,000"
    if cmd == "extract" and "--jsonl" in flags:
        ids = [json.loads(l).get("id") for l in run.stdout.splitlines() if l]
        if ids != [s["id"] for s in SENTENCES]:
            return "extract --jsonl answered ids %r" % ids
    if cmd == "article" and "--json" in flags:
        if PAGE_PHRASE not in run.stdout:
            return "article --json lost the article's text %r" % PAGE_PHRASE
    if cmd == "run-due" and news.count("/feed.rss") == feed_before:
        return "run-due did not poll the added source (no request for " \
               "/feed.rss reached the local server)"
    if cmd == "articles" and not flags and STORY_TITLE[:30] not in run.stdout:
        return "articles does not list the local story %r" % STORY_TITLE
    return None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--repo", default=str(Path(__file__).resolve().parents[1]))
    args = p.parse_args()
    binary = Path(args.bin).resolve()
    repo = Path(args.repo).resolve()
    commands = using_it_commands(repo / "README.md")
    repo_db = repo / "claimtrack.db"
    repo_db_before = repo_db.exists()

    work = Path(tempfile.mkdtemp(prefix="ct_readme_"))
    news = None
    failures = []
    try:
        (work / "examples").symlink_to(repo / "examples")
        (work / "page.html").write_text(PAGE_HTML, encoding="utf-8")
        (work / "sentences.jsonl").write_text(
            "".join(json.dumps(s) + "\n" for s in SENTENCES), encoding="utf-8")
        db = work / "demo.db"
        # The user's own settings would change what the commands do.
        env = dict(os.environ)
        env.pop("CLAIMTRACK_GAZETTEER", None)
        env.pop("CLAIMTRACK_BUSY_TIMEOUT", None)
        env["PATH"] = str(binary.parent) + os.pathsep + env.get("PATH", "")
        env["CLAIMTRACK_DB"] = str(db)

        # The demo's set-up (scripts/demo.sh).
        setup = run_line(shlex.join([str(binary), "--db", str(db), "ingest",
                                     "examples/corpus"]), work, env)
        if setup.code != 0:
            print("FAIL: the demo's set-up (ingest examples/corpus) exited "
                  "%s\n  stderr:\n%s" % (setup.code, tail(setup.stderr)))
            return 1

        news = NewsServer()
        for line, command in commands:
            command = PLACEHOLDER.sub(news.base, command)
            print("$ " + line, flush=True)
            if command != strip_comment(line):
                print("  (run as: %s)" % command, flush=True)
            words = claimtrack_words(command)
            feed_before = news.count("/feed.rss")
            if words[:1] == ["serve"]:
                run = run_serve(command, words, work, env)
            else:
                run = run_line(command, work, env)
            run.command = command
            problem = None
            if run.code != 0:
                problem = run.note or "exit status %s" % run.code
                if run.note and run.code is not None:
                    problem = "exit status %s %s" % (run.code, run.note)
            else:
                problem = check_output(words, run, news, feed_before)
            if problem:
                failures.append((line, run, problem))
                print("  FAIL: " + problem, flush=True)

        if (work / "claimtrack.db").exists():
            failures.append(("(after all lines)", Run(None, "", ""),
                             "claimtrack.db was created in the working "
                             "directory: CLAIMTRACK_DB was not used"))
    finally:
        if news is not None:
            news.close()
        shutil.rmtree(work, ignore_errors=True)
    if not repo_db_before and repo_db.exists():
        failures.append(("(after all lines)", Run(None, "", ""),
                         "%s was created" % repo_db))

    if failures:
        print("\nFAIL: %d failed, of %d lines" %
              (len(failures), len(commands)))
        for line, run, problem in failures:
            print("\n$ %s\n  %s\n  stdout:\n%s\n  stderr:\n%s" % (
                line, problem, tail(run.stdout), tail(run.stderr)))
        return 1
    print("ok: the %d commands of the README's Using it section" %
          len(commands))
    return 0


if __name__ == "__main__":
    sys.exit(main())
