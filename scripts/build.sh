#!/usr/bin/env bash
# Configures and builds one tree: scripts/build.sh DIR BUILD_TYPE [CMAKE ARGS...]
# Builds every target, or only $CT_TARGET when it is set.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$1
type=$2
shift 2
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "${launcher[@]}" "$@" >/dev/null
cmake --build "$dir" -j "${JOBS:-2}" ${CT_TARGET:+--target "$CT_TARGET"}
