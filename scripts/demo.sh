#!/usr/bin/env bash
# Sets up, builds, ingests the example corpus into demo.db and serves the web
# UI on http://localhost:${PORT:-8080}/ until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# Only what the demo runs: the tests and benchmarks wait for scripts/test.sh.
CT_TARGET=claimtrack scripts/build.sh build Release
db=${CLAIMTRACK_DB:-demo.db}
build/cli/claimtrack --db "$db" ingest examples/corpus
build/cli/claimtrack --db "$db" facts
# The README's examples run as written against this database, in a shell
# where these two are set (or after `cmake --install build`, the first).
echo "demo: to try the README's commands on this database, run:" >&2
echo "  export PATH=\"$PWD/build/cli:\$PATH\" CLAIMTRACK_DB=\"$(realpath "$db")\"" >&2
exec build/cli/claimtrack --db "$db" serve --port "${PORT:-8080}"
