#!/usr/bin/env python3
"""The web UI in a real browser: headless Chromium loads the pages that
`claimtrack serve` builds from hostile articles, and the DOM it ends up with
is checked.

- Every page renders: its heading, and the table or number line it is for.
- The fact page has its number line (an SVG with a dot per claim) and its
  legend, and its timeline strip with its legend.
- Pagination works: the articles list, a page at a time, leads through
  every article by its next links.
- The hostile articles inject nothing: the DOM holds no element the UI
  does not write and no on* attribute, and no link runs script.

Exit status 77 (a skip, as ctest is told) with the reason when Chromium is
not installed or cannot start; never a silent pass.

    python3 tests/web/browser_test.py --bin build/cli/claimtrack
"""

import argparse
import html.parser
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SKIP = 77

# The elements the UI writes; the parser adds tbody to tables.
ALLOWED = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "nav",
    "a", "h1", "h2", "p", "div", "span", "strong", "blockquote", "mark", "br",
    "code", "table", "tbody", "tr", "th", "td", "ul", "li", "form", "label",
    "select", "option", "input", "button", "svg", "text", "line", "circle",
    "polygon", "details", "summary",
}

# Articles written to attack the pages: markup in titles, outlets, URLs and
# sentences. The figures make facts, so that every page shows them.
HOSTILE = [
    ("first", "Ferrous Wire", "2025-10-06",
     "<script>alert(1)</script> Lab buys 6 GW",
     "https://ferrous.example/1",
     "The lab agreed to buy 6 GW of accelerators from Chipmaker. "
     "<img src=x onerror=alert(2)> was in the press kit."),
    ("second", "\"><svg onload=alert(3)> Daily", "2025-10-07",
     "Lab and Chipmaker sign 6 GW deal",
     "javascript:alert(4)",
     "Lab will buy 6 GW from Chipmaker over five years, "
     "said <b onmouseover=alert(5)>a spokesperson</b>."),
    ("third", "Evening Post", "2025-10-08",
     "Lab deal: 8 GW <iframe src=//evil.example>",
     "https://post.example/3",
     "Chipmaker will supply 8 GW to Lab, according to the filing."),
]


def page_html(slug, outlet, date, title, url, text):
    esc = html.escape
    canonical = ""
    if url.startswith("http"):
        canonical = '<link rel="canonical" href="%s">' % esc(url)
    else:
        canonical = '<meta property="og:url" content="%s">' % esc(url)
    return ("<!doctype html><html><head><meta charset=\"utf-8\">"
            "<title>%s</title>%s"
            "<meta property=\"og:site_name\" content=\"%s\">"
            "<meta property=\"article:published_time\" content=\"%sT09:00:00Z\">"
            "</head><body><article><h1>%s</h1><p>%s</p>"
            "<p>More on the %s story as it develops.</p></article>"
            "</body></html>" % (esc(title), canonical, esc(outlet), date,
                                esc(title), esc(text), slug))


class Dom(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []       # (tag, attrs) in order.
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    def __init__(self, binary, profile):
        self.binary = binary
        self.profile = profile

    def dom(self, url):
        argv = [self.binary, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run",
                "--user-data-dir=" + self.profile, "--dump-dom", url]
        done = subprocess.run(argv, capture_output=True, text=True,
                              timeout=90, check=False)
        if done.returncode != 0 or "<html" not in done.stdout:
            raise RuntimeError("chromium could not load %s (exit %d): %s" % (
                url, done.returncode, done.stderr.strip()[-300:]))
        d = Dom()
        d.feed(done.stdout)
        return d


def check_clean(dom, where, failures):
    for tag, attrs in dom.tags:
        if tag not in ALLOWED:
            failures.append("%s: an element the UI does not write: <%s>" %
                            (where, tag))
        for name, value in attrs.items():
            if name.startswith("on"):
                failures.append("%s: <%s %s=...>" % (where, tag, name))
            if name in ("href", "src", "action") and value and \
                    value.strip().lower().startswith("javascript:"):
                failures.append("%s: <%s %s=%r>" % (where, tag, name, value))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    args = p.parse_args()
    chromium = find_chromium()
    if chromium is None:
        print("SKIP: chromium is not installed (scripts/setup.sh installs "
              "Debian's chromium)")
        return SKIP

    work = Path(tempfile.mkdtemp(prefix="ct_browser_"))
    server = None
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        for slug, outlet, date, title, url, text in HOSTILE:
            (corpus / (slug + ".html")).write_text(
                page_html(slug, outlet, date, title, url, text))
        db = work / "b.db"
        ingest = subprocess.run([args.bin, "--db", str(db), "ingest",
                                 str(corpus)], capture_output=True, text=True,
                                check=False)
        if ingest.returncode != 0:
            print("FAIL: ingest: " + ingest.stderr)
            return 1
        port = free_port()
        server = subprocess.Popen(
            [args.bin, "--db", str(db), "serve", "--port", str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), 1).close()
                break
            except OSError:
                time.sleep(0.1)
        base = "http://127.0.0.1:%d" % port
        browser = Browser(chromium, str(work / "profile"))
        try:
            overview = browser.dom(base + "/")
        except (RuntimeError, subprocess.TimeoutExpired, OSError) as e:
            print("SKIP: chromium cannot start here: %s" % e)
            return SKIP

        failures = []
        pages = {"/": overview}
        links = [a.get("href", "") for t, a in overview.tags if t == "a"]
        fact_links = sorted({h for h in links if h.startswith("/facts/") and
                             h[7:].isdigit()})
        if not fact_links:
            failures.append("/: no fact is linked")
        for path in fact_links[:2] + ["/articles", "/articles/1",
                                      "/search?q=Chipmaker", "/sources"]:
            pages[path] = browser.dom(base + path)

        for path, dom in pages.items():
            check_clean(dom, path, failures)
            if not any(t == "h1" for t, _ in dom.tags):
                failures.append("%s: no heading rendered" % path)
        if not any(t == "table" for t, _ in overview.tags):
            failures.append("/: no table of facts")
        for path in fact_links[:2]:
            tags = [t for t, _ in pages[path].tags]
            if "svg" not in tags or tags.count("circle") < 1:
                failures.append("%s: no number line" % path)
            if "the value stated" not in "".join(pages[path].text):
                failures.append("%s: no legend for the number line" % path)
            svgs = [a for t, a in pages[path].tags if t == "svg"]
            if not any(a.get("class") == "timeline" for a in svgs):
                failures.append("%s: no timeline strip" % path)
            if "the first report" not in "".join(pages[path].text):
                failures.append("%s: no legend for the timeline" % path)
        # The hostile text is there, as text.
        text = "".join(t for d in pages.values() for t in d.text)
        if "<script>alert(1)</script>" not in text:
            failures.append("the hostile title is not shown as text")

        # Through the articles a page at a time, by the next links.
        seen = []
        url = base + "/articles?limit=1"
        for _ in range(10):
            dom = browser.dom(url)
            check_clean(dom, url, failures)
            seen += [a["href"] for t, a in dom.tags
                     if t == "a" and a.get("href", "").startswith("/articles/")]
            nxt = [a["href"] for t, a in dom.tags
                   if t == "a" and a.get("rel") == "next"]
            if not nxt:
                break
            url = base + nxt[0]
        if sorted(set(seen)) != sorted(seen) or len(seen) != len(HOSTILE):
            failures.append("pagination: saw %r, want %d different articles"
                            % (seen, len(HOSTILE)))

        if failures:
            print("FAIL:\n  " + "\n  ".join(failures))
            return 1
        print("ok: %d pages in Chromium, %d articles by next links" %
              (len(pages) + len(seen), len(seen)))
        return 0
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
