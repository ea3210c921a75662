#!/usr/bin/env bash
# Configures and builds one flavour of nianbao: `build.sh release` into build/,
# `build.sh asan` (AddressSanitizer + UBSan, no benchmarks) into build-asan/.
set -euo pipefail
cd "$(dirname "$0")/.."
flavour=${1:-release}
jobs=$(nproc)
case "$flavour" in
  release) cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNIANBAO_WERROR=ON >/dev/null ;;
  asan)    cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNIANBAO_WERROR=ON -DNIANBAO_SANITIZE=ON -DNIANBAO_BUILD_BENCH=OFF >/dev/null ;;
  *) echo "usage: build.sh release|asan" >&2; exit 2 ;;
esac
dir=build; [ "$flavour" = asan ] && dir=build-asan
cmake --build "$dir" -j "$jobs"
