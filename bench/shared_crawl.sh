#!/usr/bin/env bash
# Runs the distributed-crawl benchmark (issue 11): 1 and 3 `nianbao crawl` workers sharing one
# PostgreSQL frontier (a server the benchmark starts itself) on a politeness-bound loopback site of
# 240 hosts. Options go to the program (see bench/shared_crawl_bench.cc: --hosts --reports --delay
# --response --concurrency --workers). Needs the postgresql package (scripts/setup.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BUILD_DIR:-build}
cmake --build "$dir" --target shared_crawl_bench nianbao >/dev/null
"$dir/bench/shared_crawl_bench" "$@"
