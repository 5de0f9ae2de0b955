#!/usr/bin/env bash
# Sets up, builds and runs every test: a Release build, then the same suite
# under AddressSanitizer and UndefinedBehaviorSanitizer, then each fuzz
# target for FUZZ_SECONDS (default 20) seconds (scripts/fuzz.sh).
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

# libFuzzer comes with clang; setup.sh installs it, but a machine set up by
# hand may not have it, and then the stage says so instead of failing.
if why=$(scripts/fuzz.sh check 2>&1); then
  echo "== Fuzzing, ${FUZZ_SECONDS:-20} s a target" >&2
  scripts/fuzz.sh all "${FUZZ_SECONDS:-20}"
else
  echo "== Fuzzing skipped: $why" >&2
fi
echo "all tests passed" >&2
