#!/usr/bin/env bash
# Runs the nianbao-vs-Scrapy crawl benchmark (20 loopback hosts, 1 request per host, 200 ms delay),
# installing Debian's python3-scrapy first if it is missing. Usage: bench/crawl_vs_scrapy.sh [REPORTS_PER_HOST]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BUILD_DIR:-build}
if ! dpkg -s python3-scrapy >/dev/null 2>&1; then
  echo "installing python3-scrapy (apt-get)…" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-scrapy >/dev/null
fi
cmake --build "$dir" --target crawl_vs_scrapy_bench nianbao >/dev/null
"$dir/bench/crawl_vs_scrapy_bench" "${1:-30}"
