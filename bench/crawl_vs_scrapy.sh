#!/usr/bin/env bash
# Runs the crawl benchmark (politeness: 20 hosts, 200 ms delay; overhead: 50 hosts, 5,100 pages, no delay,
# nianbao vs Scrapy vs bare libcurl), installing python3-scrapy if missing. Usage: see crawl_vs_scrapy_bench.cc main.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BUILD_DIR:-build}
if ! dpkg -s python3-scrapy >/dev/null 2>&1; then
  echo "installing python3-scrapy (apt-get)…" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-scrapy >/dev/null
fi
cmake --build "$dir" --target crawl_vs_scrapy_bench bare_curl_multi nianbao >/dev/null
"$dir/bench/crawl_vs_scrapy_bench" "$@"
