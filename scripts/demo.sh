#!/usr/bin/env bash
# Sets up, builds, ingests the example corpus into demo.db and serves the web
# UI on http://localhost:${PORT:-8080}/ until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh build Release
db=${CLAIMTRACK_DB:-demo.db}
build/cli/claimtrack --db "$db" ingest examples/corpus
build/cli/claimtrack --db "$db" facts
exec build/cli/claimtrack --db "$db" serve --port "${PORT:-8080}"
