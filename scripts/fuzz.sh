#!/usr/bin/env bash
# Runs the libFuzzer targets in fuzz/ (clang, AddressSanitizer and
# UndefinedBehaviorSanitizer):
#
#   scripts/fuzz.sh list              the targets
#   scripts/fuzz.sh check             whether clang++ can build fuzzers here
#   scripts/fuzz.sh TARGET SECONDS    one target ("extract" or "extract_fuzzer")
#
# NAME is a target's name without "_fuzzer": its seeds are in fuzz/seeds/NAME/
# and its dictionary, if it has one, is fuzz/dict/NAME.dict.
#   scripts/fuzz.sh all SECONDS       every target in turn
#
# The tree is build-fuzz (FUZZ_BUILD_DIR), configured on first use and
# rebuilt incrementally, fuzz targets only. Each target's working corpus is
# build-fuzz/corpus/TARGET: the seeds (fuzz/seeds/NAME and fixtures from
# tests/testdata and examples/corpus) are copied in on every run, and what
# the fuzzer adds stays for the next one. Crashes, leaks and timeouts are
# saved under build-fuzz/artifacts/TARGET/, the log under build-fuzz/logs/.
# Exits 1 when any run found something, 2 on a usage or build error.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${FUZZ_BUILD_DIR:-build-fuzz}
cxx=${FUZZ_CXX:-clang++}

targets=(extract_fuzzer feed_fuzzer article_fuzzer charset_fuzzer date_fuzzer
         opml_fuzzer robots_fuzzer url_fuzzer)

usage() {
  echo "usage: scripts/fuzz.sh list | check | TARGET SECONDS | all SECONDS" >&2
  exit 2
}

# The seed files and folders of a target, besides fuzz/seeds/NAME.
fixtures() {
  case $1 in
    extract_fuzzer) echo tests/testdata/article.txt examples/corpus/*.txt ;;
    feed_fuzzer) echo tests/testdata/feeds ;;
    article_fuzzer)
      echo tests/testdata/page.html tests/testdata/pages \
        tests/testdata/article.txt examples/corpus/*.html ;;
    charset_fuzzer) echo tests/testdata/feeds/latin1.xml tests/testdata/page.html ;;
  esac
}

# The longest input worth trying: whole documents for the parsers, a line
# for dates and URLs.
max_len() {
  case $1 in
    date_fuzzer) echo 256 ;;
    url_fuzzer) echo 4096 ;;
    robots_fuzzer | opml_fuzzer) echo 16384 ;;
    *) echo 65536 ;;
  esac
}

# Whether clang++ can link a fuzzer with both sanitizers: the compiler and
# its runtime libraries (the libFuzzer runtime is a package of its own).
check() {
  if ! command -v "$cxx" >/dev/null; then
    echo "$cxx not found" >&2
    return 1
  fi
  local tmp
  tmp=$(mktemp -d)
  if ! echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*,
          unsigned long) { return 0; }' |
    "$cxx" -x c++ -fsanitize=fuzzer,address,undefined - -o "$tmp/probe" 2>/dev/null; then
    rm -rf "$tmp"
    echo "$cxx cannot link -fsanitize=fuzzer,address,undefined (no libFuzzer runtime?)" >&2
    return 1
  fi
  rm -rf "$tmp"
}

build() {
  if [ ! -f "$dir/build.ninja" ]; then
    launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    # Debug keeps assert() on; -O1 makes the runs several times faster.
    CXX=$cxx cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
      -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" -DCT_FUZZ=ON -DCT_BUILD_TESTS=OFF \
      "${launcher[@]}" >/dev/null
  fi
  cmake --build "$dir" -j "${JOBS:-2}" --target "$@"
}

# Copies the seeds of target $1 into its working corpus, named by where
# they came from so that a fixture and a seed of the same name both stay.
seed() {
  local corpus=$dir/corpus/$1 f
  mkdir -p "$corpus"
  for src in "fuzz/seeds/${1%_fuzzer}" $(fixtures "$1"); do
    [ -e "$src" ] || continue
    if [ -d "$src" ]; then
      for f in "$src"/*; do
        [ -f "$f" ] && cp "$f" "$corpus/seed-$(echo "$f" | tr / -)"
      done
    else
      cp "$src" "$corpus/seed-$(echo "$src" | tr / -)"
    fi
  done
}

# Runs target $1 for $2 seconds; returns 1 when it found something.
run() {
  local t=$1 seconds=$2
  local artifacts=$dir/artifacts/$t log=$dir/logs/$t.log
  mkdir -p "$artifacts" "$dir/logs"
  seed "$t"
  local dict=()
  [ -f "fuzz/dict/${t%_fuzzer}.dict" ] && dict=(-dict="fuzz/dict/${t%_fuzzer}.dict")
  local before
  before=$(find "$artifacts" -type f | wc -l)
  local status=0
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$dir/fuzz/$t" "$dir/corpus/$t" "${dict[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len="$(max_len "$t")" -artifact_prefix="$artifacts/" \
    -print_final_stats=1 >"$log" 2>&1 || status=$?
  local runs inputs after
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  inputs=$(find "$dir/corpus/$t" -type f | wc -l)
  after=$(find "$artifacts" -type f | wc -l)
  if [ "$status" -ne 0 ] || [ "$after" -gt "$before" ]; then
    echo "fuzz: $t: FOUND a problem after ${runs:-?} runs (exit $status);" \
      "log $log, artifacts in $artifacts/" >&2
    grep -m 3 -E '^==[0-9]+==ERROR|SUMMARY|invariant failed|^artifact_prefix|Test unit written' \
      "$log" >&2 || true
    return 1
  fi
  echo "fuzz: $t: ${runs:-?} runs in ${seconds} s, $inputs inputs in the corpus, nothing found" >&2
}

# "extract" or "extract_fuzzer" to the target's name; empty if unknown.
target_name() {
  local t
  for t in "${targets[@]}"; do
    if [ "$1" = "$t" ] || [ "$1_fuzzer" = "$t" ]; then
      echo "$t"
      return
    fi
  done
}

[ $# -ge 1 ] || usage
case $1 in
  list)
    printf '%s\n' "${targets[@]}"
    exit 0
    ;;
  check)
    check
    exit $?
    ;;
esac
[ $# -eq 2 ] || usage
seconds=$2
[[ $seconds =~ ^[0-9]+$ ]] || usage
if [ "$1" = all ]; then
  chosen=("${targets[@]}")
else
  t=$(target_name "$1")
  [ -n "$t" ] || { echo "fuzz: no target $1 (see scripts/fuzz.sh list)" >&2; exit 2; }
  chosen=("$t")
fi
check || exit 2
build "${chosen[@]}" || exit 2
found=0
for t in "${chosen[@]}"; do
  run "$t" "$seconds" || found=1
done
exit $found
