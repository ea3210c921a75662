#!/usr/bin/env bash
# Builds nianbao twice (normal, then AddressSanitizer + UBSan) and runs the whole test suite
# under each build. Exits non-zero if any build or test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0"  # third-party leaks only
for flavour in release asan; do
  echo "== build ($flavour)"
  bash scripts/build.sh "$flavour"
  dir=build; [ "$flavour" = asan ] && dir=build-asan
  echo "== tests ($flavour)"
  ctest --test-dir "$dir" --output-on-failure -j "$(nproc)" --timeout 600
done
