#!/usr/bin/env bash
# Sets up, builds and runs every test: a Release build, then the same suite
# under AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

echo "== Release build and tests" >&2
scripts/build.sh build Release
ctest --test-dir build --output-on-failure -j "${JOBS:-2}"

echo "== ASan + UBSan build and tests" >&2
scripts/build.sh build-asan Debug -DCT_SANITIZE=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "${JOBS:-2}"
echo "all tests passed" >&2
