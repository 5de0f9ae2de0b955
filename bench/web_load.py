#!/usr/bin/env python3
"""Web load benchmark: `claimtrack serve` on a database of a million claims,
measured with wrk.

The database is the one bench/scale.py builds from 100,000 generated
articles (1,059,311 claims); build it first, or pass another with --db.
The server runs with its defaults (16 workers, each with its own read-only
connection; answers kept until the database changes) and wrk runs on the
same two cores, so both share them.

Each view is measured twice:
  - repeated: one URL again and again, as a dashboard that many people
    open between two ingests; answers come from the server's cache;
  - spread: a different URL each time, never one asked for before (every
    fact's page in turn, every facts page by status and sort, searches for
    different words; past the end of the list, again with a `round`
    parameter the server ignores), so that every answer is built from the
    database. A first pass, not measured, maps the database's pages into
    the server, as a server that has run a while has them.

    scripts/build.sh build Release
    python3 bench/scale.py --sizes 100000 --memory-cases none --increment 0
    python3 bench/web_load.py --db build/scale/100000.db

Targets (--check makes the exit status 1 when one fails): p99 under 50 ms
for the overview, a fact page, /api/facts and a search, repeated; a fact
page at 3,000 requests a second or more, repeated and spread. The markdown
table goes to stdout and the figures to web_load.json beside the database.
Python 3.9 or later, standard library only; needs wrk.
"""

import argparse
import json
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
P99_MS_MAX = 50.0
FACT_PAGE_RPS_MIN = 3000.0

# Words of the generated coverage, common and rare, for the spread search.
SEARCH_WORDS = ["gigawatts", "deal", "chips", "billion", "capacity",
                "data", "center", "agreement", "shares", "GPUs"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, timeout_s=120):
    end = time.time() + timeout_s
    while time.time() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.2)
    return False


THREADS = 2  # wrk's threads.


def lua_rotating(paths, first_round=0):
    """A wrk script that asks for each of `paths` in turn, never twice.

    Each wrk thread runs its own copy: thread k asks for paths k, k + 2,
    k + 4, ..., so that the two never ask for the same one. Past the end of
    the list, a `round=N` parameter (which the server ignores) makes each
    address new again, so that no answer comes from the server's cache.
    `first_round` starts there, so that a run after another asks for none of
    the addresses the first did.
    """
    quoted = ",".join(json.dumps(p) for p in paths)
    return ("paths = {%s}\n"
            "local threads = 0\n"
            "function setup(thread)\n"
            "  thread:set(\"id\", threads)\n"
            "  threads = threads + 1\n"
            "end\n"
            "function init(args)\n"
            "  counter = id + %d * #paths\n"
            "end\n"
            "request = function()\n"
            "  local path = paths[(counter %% #paths) + 1]\n"
            "  local round = math.floor(counter / #paths)\n"
            "  counter = counter + %d\n"
            "  if round > 0 then\n"
            "    local sep = string.find(path, \"?\", 1, true) and \"&\" "
            "or \"?\"\n"
            "    path = path .. sep .. \"round=\" .. round\n"
            "  end\n"
            "  return wrk.format(\"GET\", path)\n"
            "end\n" % (quoted, first_round, THREADS))


def parse_wrk(text):
    def ms(value, unit):
        v = float(value)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    out = {}
    for pct in ("50", "99"):
        m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)" % pct, text, re.M)
        if m:
            out["p%s_ms" % pct] = round(ms(m.group(1), m.group(2)), 2)
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if m:
        out["rps"] = round(float(m.group(1)))
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    out["errors"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: (.*)", text)
    out["socket_errors"] = m.group(1).strip() if m else ""
    return out


def run_wrk(args, port, paths, tmp, first_round=0):
    argv = ["wrk", "-t%d" % THREADS, "-c%d" % args.connections,
            "-d%ds" % args.seconds, "--latency"]
    if len(paths) > 1:
        script = Path(tmp) / ("rotate-%d-%d.lua" % (len(paths), first_round))
        script.write_text(lua_rotating(paths, first_round))
        argv += ["-s", str(script)]
    argv.append("http://127.0.0.1:%d%s" % (port, paths[0]))
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    return parse_wrk(done.stdout)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--bin", type=Path,
                   default=REPO / "build" / "cli" / "claimtrack")
    p.add_argument("--db", type=Path,
                   default=REPO / "build" / "scale" / "100000.db")
    p.add_argument("--seconds", type=int, default=8)
    p.add_argument("--connections", type=int, default=16)
    p.add_argument("--check", action="store_true")
    args = p.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("web_load.py: wrk is not installed (apt-get install wrk)")
    if not args.db.exists():
        sys.exit("web_load.py: no database at %s (build it with "
                 "bench/scale.py first)" % args.db)

    # Fact ids, most claims first and all of them for the spread.
    with sqlite3.connect("file:%s?mode=ro" % args.db, uri=True) as db:
        claims = db.execute("SELECT count(*) FROM claims").fetchone()[0]
        facts = [r[0] for r in db.execute("SELECT id FROM facts ORDER BY id")]
    median_fact = facts[len(facts) // 2]

    port = free_port()
    server = subprocess.Popen(
        [str(args.bin), "--db", str(args.db), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        if not wait_for(port):
            sys.exit("web_load.py: the server did not start")
        views = [
            ("overview", ["/"],
             ["/?status=%s&sort=%s" % (st, so)
              for st in ("", "conflict", "compatible", "agree", "single")
              for so in ("status", "sources", "reported", "fact")]),
            ("fact page", ["/facts/%d" % median_fact],
             ["/facts/%d" % f for f in facts]),
            ("/api/facts", ["/api/facts"],
             ["/api/facts?status=%s&limit=%d" % (st, n)
              for st in ("conflict", "compatible", "agree", "single")
              for n in (20, 50, 100)]),
            ("search", ["/search?q=gigawatts"],
             ["/search?q=%s" % w for w in SEARCH_WORDS]),
        ]
        rows = []
        with tempfile.TemporaryDirectory() as tmp:
            for name, repeated, spread in views:
                # What the first request costs: the answer built from
                # the database, before any is kept.
                start = time.time()
                with urllib.request.urlopen(
                        "http://127.0.0.1:%d%s" % (port, repeated[0]),
                        timeout=120) as answer:
                    answer.read()
                cold_ms = round((time.time() - start) * 1000, 1)
                for kind, paths in (("repeated", repeated),
                                    ("spread", spread)):
                    print("%s, %s ..." % (name, kind), file=sys.stderr,
                          flush=True)
                    if kind == "spread":
                        # A server that has run a while has the database's
                        # pages mapped: a first pass maps them, then the
                        # measured pass asks for addresses none asked for.
                        run_wrk(args, port, paths, tmp)
                    r = run_wrk(args, port, paths, tmp,
                                first_round=1000 if kind == "spread" else 0)
                    r["first_ms"] = cold_ms if kind == "repeated" else None
                    r.update({"view": name, "kind": kind,
                              "urls": len(paths)})
                    rows.append(r)
    finally:
        server.terminate()
        server.wait(timeout=30)

    print("Database: %s claims, %s facts; wrk -t2 -c%d -d%ds on the same two "
          "cores.\n" % (format(claims, ","), format(len(facts), ","),
                        args.connections, args.seconds))
    print("| view | URLs | first request ms | req/s | p50 ms | p99 ms | "
          "errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print("| %s, %s | %d | %s | %s | %s | %s | %d |" % (
            r["view"], r["kind"], r["urls"],
            r["first_ms"] if r.get("first_ms") is not None else "",
            format(r.get("rps", 0), ","), r.get("p50_ms", "-"),
            r.get("p99_ms", "-"), r["errors"]))
    (args.db.parent / "web_load.json").write_text(
        json.dumps({"claims": claims, "facts": len(facts), "rows": rows},
                   indent=2) + "\n")
    failures = []
    for r in rows:
        if r["kind"] == "repeated" and r.get("p99_ms", 1e9) > P99_MS_MAX:
            failures.append("%s: p99 %.1f ms > %.0f ms" % (
                r["view"], r.get("p99_ms", 0), P99_MS_MAX))
        if r["view"] == "fact page" and r.get("rps", 0) < FACT_PAGE_RPS_MIN:
            failures.append("fact page, %s: %d req/s < %d" % (
                r["kind"], r.get("rps", 0), FACT_PAGE_RPS_MIN))
        if r["errors"]:
            failures.append("%s, %s: %d errors" % (r["view"], r["kind"],
                                                   r["errors"]))
    if failures:
        print("\nTargets failed:\n- " + "\n- ".join(failures))
    if args.check and failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
