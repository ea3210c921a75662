#!/usr/bin/env bash
# Configures and builds one flavour of nianbao: `build.sh program` (the user's build: Release, no
# tests, no benchmarks, warnings not errors) into build-release/, `build.sh release` (the project's
# test build, warnings are errors) into build/, `build.sh asan` (AddressSanitizer + UBSan, no
# benchmarks) into build-asan/. Further arguments are targets; default: everything.
set -euo pipefail
cd "$(dirname "$0")/.."
flavour=${1:-release}
jobs=$(nproc)
case "$flavour" in
  program) cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DNIANBAO_BUILD_TESTS=OFF -DNIANBAO_BUILD_BENCH=OFF >/dev/null ;;
  # Line tables only (-g1): stack traces keep file:line, and the test builds compile far faster
  # than with full debug info (CI's time budget).
  release) cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
             -DNIANBAO_WERROR=ON >/dev/null ;;
  asan)    cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
             -DNIANBAO_WERROR=ON -DNIANBAO_SANITIZE=ON -DNIANBAO_BUILD_BENCH=OFF >/dev/null ;;
  *) echo "usage: build.sh program|release|asan [targets...]" >&2; exit 2 ;;
esac
case "$flavour" in
  program) dir=build-release ;;
  release) dir=build ;;
  asan)    dir=build-asan ;;
esac
targets=()
for target in "${@:2}"; do targets+=(--target "$target"); done
cmake --build "$dir" -j "$jobs" "${targets[@]}"
