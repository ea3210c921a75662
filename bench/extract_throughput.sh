#!/usr/bin/env bash
# Extraction throughput (issue 9, items 2 and 3): docs/s and peak RSS of `nianbao extract` with 1
# and N workers (N = cores) on the real 平潭 HTML pages (6 × 40), the real PDF fixtures and the seed
# text (copies, in a temp dir); the per-document extraction / bare Gumbo parse ratio on one core
# (html_extract_bench); and the ratio to pandas.read_html on the same HTML files, installing
# Debian's python3-pandas first if it is missing. Prints each figure beside its target.
# Usage: bench/extract_throughput.sh [path/to/nianbao]   (BUILD_DIR: the tree with bench/, default build)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BUILD_DIR:-build}
binary=${1:-$dir/cli/nianbao}
[ -x "$binary" ] || { echo "extract_throughput: no nianbao binary at $binary (build it, or pass its path)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "extract_throughput: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
workers=$(nproc)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Inputs: copies, so that one run is long enough to time and every file is a document of its own.
mkdir -p "$work/html" "$work/pdf" "$work/text"
page=0
for source in fixtures/real/pingtan-archive/zfxxgknb/*/*/page.html; do
  page=$((page + 1))
  for copy in $(seq 1 40); do cp "$source" "$work/html/p${page}-${copy}.html"; done
done
pdf=0
while IFS= read -r source; do
  pdf=$((pdf + 1))
  for copy in $(seq 1 4); do cp "$source" "$work/pdf/d${pdf}-${copy}.pdf"; done
done < <(find fixtures/real -name '*.pdf' | sort)
# 1,000 copies: the seed is read in ~1 ms, and a run of 200 was too short to time against the
# program's start-up (ICU, libxml2, poppler load in ~30 ms).
for copy in $(seq 1 1000); do cp fixtures/seed/fushun-amr-2021.txt "$work/text/seed-${copy}.txt"; done

# `extract -j` may be missing (an older build): then N processes on N slices of the file list.
has_jobs=1
"$binary" extract -j 1 "$work/text/seed-1.txt" >/dev/null 2>&1 || has_jobs=0

# Runs one extraction of every file in $1 with $2 workers; prints "seconds peak_rss_kib".
# Without -j, N processes share the list; their RSS is summed (they run at the same time).
run_extract() {
  local set=$1 jobs=$2
  local files=("$work/$set"/*)
  if [ "$has_jobs" = 1 ]; then
    /usr/bin/time -f '%e %M' -o "$work/time.txt" "$binary" extract -j "$jobs" "${files[@]}" >/dev/null 2>"$work/stderr.txt" || true
    cat "$work/time.txt"
    return
  fi
  local started ended slice rss=0
  started=$(date +%s.%N)
  for slice in $(seq 0 $((jobs - 1))); do
    local part=()
    for index in "${!files[@]}"; do
      [ $((index % jobs)) = "$slice" ] && part+=("${files[$index]}")
    done
    /usr/bin/time -f '%e %M' -o "$work/time-$slice.txt" "$binary" extract "${part[@]}" >/dev/null 2>&1 &
  done
  wait
  ended=$(date +%s.%N)
  for slice in $(seq 0 $((jobs - 1))); do rss=$((rss + $(cut -d' ' -f2 "$work/time-$slice.txt"))); done
  echo "$(calc "$ended - $started") $rss"
}

calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }      # awk, not bc: awk is in every Debian
verdict() { awk "BEGIN { exit !($1) }" && echo "met" || echo "NOT met"; }
declare -A docs_per_second
echo "== nianbao extract ($binary; $workers cores; $([ "$has_jobs" = 1 ] && echo "-j N" || echo "N processes: this build has no -j"))"
printf '%-6s %6s %8s %9s %9s %13s\n' set docs workers seconds docs/s "peak RSS MiB"
for set in html pdf text; do
  count=$(ls "$work/$set" | wc -l)
  for jobs in 1 "$workers"; do
    read -r seconds rss < <(run_extract "$set" "$jobs")
    rate=$(calc "$count / ($seconds + 0.001)")
    docs_per_second[$set-$jobs]=$rate
    printf '%-6s %6d %8d %9.2f %9.1f %13.1f\n' "$set" "$count" "$jobs" "$seconds" "$rate" "$(calc "$rss / 1024")"
  done
done

echo
for set in html pdf text; do
  speedup=$(calc "${docs_per_second[$set-$workers]} / ${docs_per_second[$set-1]}")
  if [ "$workers" -ge 2 ]; then
    echo "$set: $workers workers = ${speedup}x 1 worker (target with 2 workers: >= 1.8x: $(verdict "$speedup >= 1.8"))"
  else
    echo "$set: one core only, no parallel speed-up to measure"
  fi
done

# Extraction / bare Gumbo parse per document, one core, from the Google Benchmark program.
echo
if [ -x "$dir/bench/html_extract_bench" ]; then
  "$dir/bench/html_extract_bench" --benchmark_format=json --benchmark_repetitions=5 \
      --benchmark_report_aggregates_only=true >"$work/html_bench.json" 2>/dev/null
  ratio=$(python3 - "$work/html_bench.json" <<'EOF'
import json, sys
runs = {b['run_name']: b['cpu_time'] for b in json.load(open(sys.argv[1]))['benchmarks'] if b.get('aggregate_name') == 'median'}
print(f"{runs['BM_ExtractHtmlReports'] / runs['BM_GumboParseOnly']:.2f}")
EOF
  )
  echo "HTML extraction / bare Gumbo parse, per document, one core: ${ratio}x (target <= 1.3: $(verdict "$ratio <= 1.3"))"
else
  echo "HTML extraction / bare Gumbo parse: $dir/bench/html_extract_bench not built (configure with -DNIANBAO_BUILD_BENCH=ON)"
fi

# pandas.read_html on the same HTML files (Debian's packages; installed here when missing).
echo
if ! dpkg -s python3-pandas python3-lxml python3-bs4 python3-html5lib >/dev/null 2>&1; then
  echo "installing python3-pandas, python3-lxml, python3-bs4, python3-html5lib (apt-get)…" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      python3-pandas python3-lxml python3-bs4 python3-html5lib >/dev/null
fi
debian_python=/usr/bin/python3  # Debian's packages live there, whatever python3 is first on PATH
[ -x "$debian_python" ] || debian_python=python3
pandas_line=$("$debian_python" bench/pandas_read_html.py "$work/html"/*)
echo "$pandas_line"
pandas_rate=$(echo "$pandas_line" | sed -E 's/.* ([0-9.]+) docs\/s.*/\1/')
for jobs in 1 "$workers"; do
  times=$(calc "${docs_per_second[html-$jobs]} / $pandas_rate")
  echo "nianbao extract, $jobs worker(s): ${times}x pandas.read_html docs/s (target on this machine: >= 4x: $(verdict "$times >= 4"))"
done
