#!/usr/bin/env python3
"""Scale benchmark: the real claimtrack binary, end to end, on generated news.

For each corpus size it generates (once, then cached) a corpus of made-up
articles with bench/gen_corpus, ingests it into a fresh database, then lists
every fact and every claim as JSON, recording the wall time and the peak
resident memory of each command (the child's own ru_maxrss, from wait4).
Then 100 more articles (another seed) are ingested into a copy of the
largest database and into an empty one, to show that the facts a write
judges again cost what the write touches, not what is stored. Three memory
cases follow, each ingested into a fresh database: one article
whose body is a single 15 MB line; one RSS file of 100,000 headline-only
items; and the fullest RSS file of whole articles (26,000) that fits the
16 MiB cap ingest puts on a file.

Build first (Release), then run from anywhere:

    scripts/build.sh build Release
    python3 bench/scale.py                       # sizes 1000,10000,100000
    python3 bench/scale.py --sizes 1000,10000 --check
    python3 bench/scale.py --bin build-x/cli/claimtrack --work /tmp/scale \\
        --threads 2 --timeout-s 600 --memory-cases line

Corpora live in the work directory (default build/scale, git-ignored) as
articles-N/, line-BYTES.txt and feed-N.xml, each with a .stamp file naming
the generator's mode, amount and seed; delete a stamp to have its corpus
generated again (after a change to the generator, for instance). Databases
are N.db, line.db and feed.db, removed before each run. Each command's
stderr is kept in logs/, and the figures in results.json.

The table is markdown on stdout. With --check the exit status is 1 when a
target fails (a command that fails, is killed or times out fails too):
  - articles/s at the largest size >= articles/s at the smallest / 1.5
  - ingest peak RSS <= 500 MB (the target is for 100k; smaller sizes must
    meet it a fortiori)
  - facts --json peak RSS <= 200 MB at every size
  - each memory case: ingest peak RSS <= 500 MB
  - 100 more articles into the largest database take at most 2x (+0.5 s)
    what they take into an empty one
MB here is 10^6 bytes. Python 3.9 or later, standard library only.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

INGEST_MB_MAX = 500
FACTS_MB_MAX = 200
MEMORY_CASE_MB_MAX = 500
SLOWDOWN_MAX = 1.5
# Adding a few articles to a large database may cost this many times what it
# costs in an empty one, plus the slack (opening a large file, its caches).
INCREMENT_SLOWDOWN_MAX = 2.0
INCREMENT_SLACK_S = 0.5

# "ingested 1000 inputs: 1000 new, 0 updated, 0 unchanged, 0 duplicate,
#  0 not modified, 10151 claims, 0 failed; peak memory 36 MiB"
SUMMARY = re.compile(
    r"ingested (\d+) inputs?: (\d+) new, (\d+) updated, (\d+) unchanged, "
    r"(\d+) duplicate, (\d+) not modified, (\d+) claims, (\d+) failed; "
    r"peak memory (\d+) MiB")


class Run:
    """One command's outcome: exit code, wall seconds, peak RSS, stderr."""

    def __init__(self, argv, code, seconds, peak_bytes, timed_out, stderr):
        self.argv = argv
        self.code = code
        self.seconds = seconds
        self.peak_bytes = peak_bytes
        self.timed_out = timed_out
        self.stderr = stderr

    @property
    def peak_mb(self):
        return self.peak_bytes / 1e6

    @property
    def ok(self):
        return self.code == 0 and not self.timed_out

    def problem(self):
        """'' when it succeeded, else what went wrong, in a few words."""
        if self.timed_out:
            return "timed out after %.0f s" % self.seconds
        if self.code == 0:
            return ""
        if self.code < 0:
            return "killed by signal %d" % -self.code
        lines = [l for l in self.stderr.splitlines() if l.strip()]
        errors = [l for l in lines if not SUMMARY.search(l)]
        detail = errors[0] if errors else (lines[-1] if lines else "")
        if len(detail) > 160:
            detail = detail[:157] + "..."
        return "exit %d: %s" % (self.code, detail)

    def as_dict(self):
        return {
            "argv": self.argv,
            "exit": self.code,
            "seconds": round(self.seconds, 3),
            "peak_mb": round(self.peak_mb, 1),
            "timed_out": self.timed_out,
            "problem": self.problem(),
        }


def measure(argv, log_path, timeout_s, stdout_path=os.devnull):
    """Runs argv to completion or until timeout_s, and measures it.

    The peak RSS is the child's own ru_maxrss from wait4, so neither this
    script nor other processes count. On timeout the child's process group
    (it gets a session of its own) is killed with SIGKILL.
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as err, open(stdout_path, "wb") as out:
        start = time.monotonic()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=err, start_new_session=True)
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout_s, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            # Ctrl-C: leave no benchmark running behind us.
            kill()
            os.wait4(proc.pid, 0)
            proc.returncode = -signal.SIGKILL
            raise
        finally:
            timer.cancel()
        seconds = time.monotonic() - start
    # Reaped here, not by Popen: tell it, so that it does not wait again.
    proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in KiB on Linux.
    peak = usage.ru_maxrss * 1024
    stderr = log_path.read_text(errors="replace")
    return Run(argv, proc.returncode, seconds, peak, timed_out.is_set(),
               stderr)


def parse_summary(stderr):
    m = SUMMARY.search(stderr)
    if not m:
        return None
    keys = ("inputs", "new", "updated", "unchanged", "duplicate",
            "not_modified", "claims", "failed", "self_peak_mib")
    return dict(zip(keys, (int(g) for g in m.groups())))


def ensure_corpus(gen, path, mode, amount, seed):
    """Generates `path` unless a stamp says it holds these arguments."""
    args = [str(gen), "--" + mode, str(amount), "--out", str(path),
            "--seed", str(seed)]
    stamp = path.with_name(path.name + ".stamp")
    # Not the path: a corpus moved or linked elsewhere is still good.
    want = json.dumps({"mode": mode, "amount": amount, "seed": seed})
    if path.exists() and stamp.exists() and stamp.read_text() == want:
        return False
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    stamp.unlink(missing_ok=True)
    print("generating %s ..." % path.name, file=sys.stderr, flush=True)
    result = subprocess.run(args, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit("scale.py: %s failed: %s" % (" ".join(args),
                                               result.stderr.strip()))
    print(result.stderr.strip(), file=sys.stderr, flush=True)
    stamp.write_text(want)
    return True


def size_of(path):
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


def fresh_db(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        p = Path(str(path) + suffix)
        if p.exists():
            p.unlink()


def ingest_argv(args, db, inputs):
    argv = [str(args.bin), "--db", str(db), "ingest"]
    if args.threads is not None:
        argv += ["--threads", str(args.threads)]
    return argv + [str(i) for i in inputs]


def run_size(args, n):
    work = args.work
    corpus = work / ("articles-%d" % n)
    ensure_corpus(args.gen, corpus, "articles", n, args.seed)
    db = work / ("%d.db" % n)
    fresh_db(db)
    logs = work / "logs"
    row = {"size": n, "corpus_mb": round(size_of(corpus) / 1e6, 1)}
    print("ingest %d ..." % n, file=sys.stderr, flush=True)
    ingest = measure(ingest_argv(args, db, [corpus]),
                     logs / ("ingest-%d.stderr" % n), args.timeout_s)
    row["ingest"] = ingest.as_dict()
    summary = parse_summary(ingest.stderr)
    row["summary"] = summary
    # Inputs that failed still took their time: the rate counts them, and
    # the notes say how many failed.
    row["articles_per_s"] = (n / ingest.seconds
                             if summary and not ingest.timed_out else None)
    row["claims"] = summary["claims"] if summary else None
    if ingest.timed_out or ingest.code < 0 or summary is None:
        # A half-written database tells nothing about the queries.
        row["facts"] = row["claims_json"] = None
        return row
    for key, command in (("facts", "facts"), ("claims_json", "claims")):
        print("%s --json %d ..." % (command, n), file=sys.stderr, flush=True)
        r = measure([str(args.bin), "--db", str(db), command, "--json"],
                    logs / ("%s-%d.stderr" % (command, n)), args.timeout_s)
        row[key] = r.as_dict()
    return row


def run_incremental(args, n):
    """100 new articles into the database of n articles, and into an empty
    one: the cost of judging the facts they touch must not grow with the
    database."""
    work = args.work
    logs = work / "logs"
    batch = work / ("articles-%d-more" % args.increment)
    ensure_corpus(args.gen, batch, "articles", args.increment, args.seed + 1000)
    big = work / ("%d.db" % n)
    grown = work / ("%d-plus.db" % n)
    fresh_db(grown)
    for suffix in ("", "-wal"):
        if (big.parent / (big.name + suffix)).exists():
            shutil.copyfile(big.parent / (big.name + suffix),
                            grown.parent / (grown.name + suffix))
    # The copy's own write-back is not the ingest's cost: flush it first,
    # or the ingest's first fsync waits for a gigabyte it never wrote.
    os.sync()
    empty = work / "empty-plus.db"
    fresh_db(empty)
    row = {"size": n, "increment": args.increment}
    for key, db in (("empty", empty), ("full", grown)):
        print("ingest %d more into %s ..." % (args.increment, key),
              file=sys.stderr, flush=True)
        r = measure(ingest_argv(args, db, [batch]),
                    logs / ("increment-%s.stderr" % key), args.timeout_s)
        row[key] = r.as_dict()
    return row


def run_memory_case(args, case):
    work = args.work
    logs = work / "logs"
    if case == "line":
        path = work / ("line-%d.txt" % args.line_bytes)
        ensure_corpus(args.gen, path, "line", args.line_bytes, args.seed)
        label = "one %s-byte line" % format(args.line_bytes, ",")
    elif case == "feed":
        # Headline-only items: 100,000 of them fit the 16 MiB cap that
        # ingest puts on a file.
        path = work / ("headlines-%d.xml" % args.feed_items)
        ensure_corpus(args.gen, path, "headlines", args.feed_items, args.seed)
        label = "feed of %s headlines" % format(args.feed_items, ",")
    else:
        # The fullest feed of whole articles that fits the cap.
        path = work / ("feed-%d.xml" % args.full_feed_items)
        ensure_corpus(args.gen, path, "feed", args.full_feed_items, args.seed)
        label = "feed of %s articles" % format(args.full_feed_items, ",")
    db = work / ("%s.db" % case)
    fresh_db(db)
    print("ingest %s ..." % label, file=sys.stderr, flush=True)
    r = measure(ingest_argv(args, db, [path]), logs / ("%s.stderr" % case),
                args.timeout_s)
    summary = parse_summary(r.stderr)
    return {
        "case": case,
        "label": label,
        "input_mb": round(size_of(path) / 1e6, 1),
        "ingest": r.as_dict(),
        "summary": summary,
        "claims": summary["claims"] if summary else None,
        "new": summary["new"] if summary else None,
    }


def fmt(value, spec="%.1f"):
    return "-" if value is None else spec % value


def cell(run, what):
    if run is None:
        return "-"
    if run["timed_out"]:
        return "timeout"
    if what == "s":
        return "%.2f" % run["seconds"]
    return "%.0f" % run["peak_mb"]


def table(rows, cases):
    out = []
    if rows:
        out.append("| articles | corpus MB | ingest s | articles/s | new | "
                   "claims | ingest peak MB | facts --json s | facts peak MB "
                   "| claims --json s | claims peak MB | notes |")
        out.append("|" + " ---: |" * 11 + " --- |")
        for r in rows:
            s = r["summary"] or {}
            notes = [x[k]["problem"] for x, k in
                     ((r, "ingest"), (r, "facts"), (r, "claims_json"))
                     if x.get(k) and x[k]["problem"]]
            if s.get("failed"):
                notes.append("%d inputs failed" % s["failed"])
            out.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | "
                       "%s | %s |" % (
                           format(r["size"], ","), fmt(r["corpus_mb"]),
                           cell(r["ingest"], "s"),
                           fmt(r["articles_per_s"], "%.0f"),
                           fmt(s.get("new"), "%d"),
                           fmt(r["claims"], "%d"),
                           cell(r["ingest"], "mb"),
                           cell(r["facts"], "s"), cell(r["facts"], "mb"),
                           cell(r["claims_json"], "s"),
                           cell(r["claims_json"], "mb"),
                           "; ".join(notes).replace("|", "/")))
    if cases:
        if out:
            out.append("")
        out.append("| memory case | input MB | ingest s | peak MB | new "
                   "articles | claims | result |")
        out.append("| --- |" + " ---: |" * 5 + " --- |")
        for c in cases:
            r = c["ingest"]
            out.append("| %s | %s | %s | %s | %s | %s | %s |" % (
                c["label"], fmt(c["input_mb"]), cell(r, "s"), cell(r, "mb"),
                fmt(c["new"], "%d"), fmt(c["claims"], "%d"),
                (r["problem"] or "ok").replace("|", "/")))
    return "\n".join(out)


def increment_table(inc):
    if not inc:
        return ""
    return "\n".join([
        "| %s more articles into | ingest s | peak MB |" % inc["increment"],
        "| --- | ---: | ---: |",
        "| an empty database | %s | %s |" % (cell(inc["empty"], "s"),
                                            cell(inc["empty"], "mb")),
        "| the database of %s articles | %s | %s |" % (
            format(inc["size"], ","), cell(inc["full"], "s"),
            cell(inc["full"], "mb")),
    ])


def check(rows, cases, inc=None):
    """The failed targets, as sentences."""
    failures = []
    if inc:
        for key in ("empty", "full"):
            if inc[key]["problem"]:
                failures.append("increment into %s: %s" % (
                    key, inc[key]["problem"]))
        small, large = inc["empty"]["seconds"], inc["full"]["seconds"]
        if large > INCREMENT_SLOWDOWN_MAX * small + INCREMENT_SLACK_S:
            failures.append(
                "%d more articles took %.2f s into %s articles, %.2f s into "
                "an empty database" % (inc["increment"], large,
                                       format(inc["size"], ","), small))
    for r in rows:
        n = format(r["size"], ",")
        for key, name in (("ingest", "ingest"), ("facts", "facts --json"),
                          ("claims_json", "claims --json")):
            run = r.get(key)
            if run is None and key != "ingest":
                failures.append("%s articles: %s did not run" % (n, name))
            elif run and run["problem"]:
                failures.append("%s articles: %s: %s" % (n, name,
                                                         run["problem"]))
        if r["ingest"]["peak_mb"] > INGEST_MB_MAX:
            failures.append("%s articles: ingest peak %.0f MB > %d MB" % (
                n, r["ingest"]["peak_mb"], INGEST_MB_MAX))
        if r.get("facts") and r["facts"]["peak_mb"] > FACTS_MB_MAX:
            failures.append("%s articles: facts --json peak %.0f MB > %d MB"
                            % (n, r["facts"]["peak_mb"], FACTS_MB_MAX))
    measured = [r for r in rows if r["articles_per_s"]]
    if len(measured) >= 2:
        small = min(measured, key=lambda r: r["size"])
        large = max(measured, key=lambda r: r["size"])
        if large["articles_per_s"] < small["articles_per_s"] / SLOWDOWN_MAX:
            failures.append(
                "articles/s fell from %.0f at %s to %.0f at %s (more than "
                "%.1fx)" % (small["articles_per_s"], format(small["size"], ","),
                            large["articles_per_s"],
                            format(large["size"], ","), SLOWDOWN_MAX))
    for c in cases:
        r = c["ingest"]
        if r["problem"]:
            failures.append("%s: %s" % (c["label"], r["problem"]))
        if r["peak_mb"] > MEMORY_CASE_MB_MAX:
            failures.append("%s: peak %.0f MB > %d MB" % (
                c["label"], r["peak_mb"], MEMORY_CASE_MB_MAX))
    return failures


def int_list(text):
    if text.strip().lower() in ("", "none"):
        return []
    return [int(x.replace("_", "")) for x in text.split(",") if x.strip()]


def main():
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bin", type=Path,
                   default=REPO / "build" / "cli" / "claimtrack",
                   help="the claimtrack binary (default build/cli/claimtrack)")
    p.add_argument("--gen", type=Path, default=None,
                   help="the corpus generator (default: bench/gen_corpus in "
                        "the build tree of --bin)")
    p.add_argument("--work", type=Path, default=REPO / "build" / "scale",
                   help="corpora, databases and logs (default build/scale)")
    p.add_argument("--sizes", type=int_list, default=[1000, 10000, 100000],
                   help="comma-separated article counts, or 'none' "
                        "(default 1000,10000,100000)")
    p.add_argument("--memory-cases", default="line,feed,fullfeed",
                   help="which of line,feed,fullfeed to run, or 'none' "
                        "(default all three)")
    p.add_argument("--line-bytes", type=int, default=15_000_000)
    p.add_argument("--feed-items", type=int, default=100_000)
    p.add_argument("--full-feed-items", type=int, default=26_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--increment", type=int, default=100,
                   help="articles added to the largest database afterwards, "
                        "and to an empty one (0: skip; default 100)")
    p.add_argument("--threads", type=int, default=None,
                   help="passed as ingest --threads N (default: not passed)")
    p.add_argument("--timeout-s", type=float, default=1800,
                   help="kill a command after this many seconds "
                        "(default 1800)")
    p.add_argument("--check", action="store_true",
                   help="exit 1 when a target fails")
    args = p.parse_args()

    cases = [c for c in args.memory_cases.replace(" ", "").split(",")
             if c and c != "none"]
    for c in cases:
        if c not in ("line", "feed", "fullfeed"):
            p.error("--memory-cases takes line, feed, fullfeed or none, "
                    "not %r" % c)
    args.bin = args.bin.resolve()
    if args.gen is None:
        args.gen = args.bin.parent.parent / "bench" / "gen_corpus"
    args.gen = args.gen.resolve()
    for tool in (args.bin, args.gen):
        if not os.access(tool, os.X_OK):
            sys.exit("scale.py: %s is not an executable; build first "
                     "(scripts/build.sh build Release)" % tool)
    args.work = args.work.resolve()
    args.work.mkdir(parents=True, exist_ok=True)

    rows = [run_size(args, n) for n in sorted(args.sizes)]
    inc = None
    done = [r for r in rows if r["claims"] is not None]
    if args.increment > 0 and done:
        inc = run_incremental(args, max(r["size"] for r in done))
    case_rows = [run_memory_case(args, c) for c in cases]
    report = {"bin": str(args.bin), "threads": args.threads,
              "cpus": os.cpu_count(), "sizes": rows, "increment": inc,
              "memory_cases": case_rows}
    (args.work / "results.json").write_text(json.dumps(report, indent=2) +
                                            "\n")
    print(table(rows, case_rows))
    if inc:
        print()
        print(increment_table(inc))
    if args.check:
        failures = check(rows, case_rows, inc)
        print()
        if failures:
            print("Targets failed:")
            for f in failures:
                print("- " + f)
            return 1
        print("All targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
