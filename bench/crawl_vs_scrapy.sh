#!/usr/bin/env bash
# Runs the nianbao-vs-Scrapy crawl benchmark (20 loopback hosts, 1 request per host, 200 ms delay).
# Needs the release build (build/) and Debian's python3-scrapy. Usage: bench/crawl_vs_scrapy.sh [REPORTS_PER_HOST]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BUILD_DIR:-build}
cmake --build "$dir" --target crawl_vs_scrapy_bench nianbao >/dev/null
"$dir/bench/crawl_vs_scrapy_bench" "${1:-30}"
