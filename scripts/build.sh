#!/usr/bin/env bash
# Configures and builds one flavour of nianbao: `build.sh release` into build/,
# `build.sh asan` (AddressSanitizer + UBSan, no benchmarks) into build-asan/. Further arguments
# are targets (e.g. `build.sh release nianbao` for the program alone); default: everything.
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
targets=()
for target in "${@:2}"; do targets+=(--target "$target"); done
cmake --build "$dir" -j "$jobs" "${targets[@]}"
