#!/usr/bin/env bash
# Installs the Debian packages claimtrack builds and tests with (Chromium
# for the browser test), when any is missing.
# Runs as root or through sudo; does nothing when everything is there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache python3
  libpoco-dev libsqlite3-dev libicu-dev libre2-dev libxml2-dev zlib1g-dev
  catch2 clang libclang-rt-14-dev
  chromium
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
