#!/usr/bin/env bash
# Builds the release tree (scripts/build.sh release → build/) and runs every built benchmark
# build/bench/*_bench. A benchmark with its own runner bench/<name>.sh needs arguments or set-up
# (e.g. crawl_vs_scrapy) and is skipped here: run that script instead. Extra arguments go to each
# benchmark (e.g. bench/run.sh --benchmark_filter=Seed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh release
status=0
found=0
for binary in build/bench/*_bench; do
  [ -x "$binary" ] || continue
  name=$(basename "$binary")
  if [ -f "bench/$name.sh" ] || [ -f "bench/${name%_bench}.sh" ]; then
    echo "== $name: skipped (needs arguments; run bench/${name%_bench}.sh)"
    continue
  fi
  found=$((found + 1))
  echo "== $name"
  "$binary" "$@" || status=1
done
if [ "$found" -eq 0 ]; then
  echo "no benchmarks found in build/bench (was the release tree built with NIANBAO_BUILD_BENCH=ON?)" >&2
  exit 1
fi
bash bench/memory_bench.sh build/cli/nianbao || status=1  # memory: document size vs peak RSS (issue 10)
bash bench/extract_throughput.sh build/cli/nianbao || status=1  # throughput: docs/s, RSS, vs Gumbo and pandas (issue 9)
exit "$status"
