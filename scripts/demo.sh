#!/usr/bin/env bash
# The main job on the bundled data: builds nianbao, extracts and ingests the bundled report
# fixtures, crawls the bundled demo portal served on 127.0.0.1, shows what was stored, and ends
# with the audit of report year 2022 (the portal's 演示市 columns, crawled twice around an edit).
# NIANBAO=path/to/nianbao runs an already built program instead of building build-release/cli/nianbao;
# NIANBAO_DEMO_OUT=DIR writes the outputs there instead of demo-out/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${NIANBAO:-}" ]; then
  bash scripts/build.sh program nianbao   # the program only (Release, no tests, no benchmarks)
fi
nianbao=${NIANBAO:-build-release/cli/nianbao}
out=${NIANBAO_DEMO_OUT:-demo-out}
db=$out/nianbao-demo.sqlite
mkdir -p "$out"
rm -f "$db" "$db-wal" "$db-shm" "$db.crawl.log"

echo "== extract: the seed report (first cells of the JSON line)"
"$nianbao" extract fixtures/seed/fushun-amr-2021.txt > "$out/seed.jsonl"
head -c 600 "$out/seed.jsonl"; echo " …"

echo "== ingest: bundled reports (text, HTML, PDF, DOCX)"
"$nianbao" ingest --db "$db" fixtures/seed/fushun-amr-2021.txt fixtures/derived/*.txt \
  fixtures/real/kirogovcompare/*.pdf fixtures/real/govnianbao/*.pdf fixtures/real/govnianbao/*.docx \
  fixtures/real/kirogovcompare/shanghai-stcsm-2024-source.md

echo "== crawl: the bundled demo portal (平潭 column, a TRS column, a Hanweb column)"
"$nianbao" serve-demo --port 0 > "$out/serve-demo.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out/serve-demo.out" | head -n 1 || true)
  [ -n "$base" ] && break
  sleep 0.1
done
[ -n "$base" ] || { echo "demo portal did not start:" >&2; cat "$out/serve-demo.out" >&2; exit 1; }
sed "s|http://127\.0\.0\.1:8760|$base|" fixtures/portal/sources.csv > "$out/sources.csv"
"$nianbao" crawl --db "$db" --sources "$out/sources.csv" --delay 0.2

echo "== the registry of reporting bodies: names no agency matches yet, then the demo registry (aliases included) imported"
"$nianbao" agencies unmatched --db "$db"
"$nianbao" agencies import --db "$db" fixtures/agencies/demo-registry.csv
"$nianbao" agencies list --db "$db"

echo "== reports stored"
"$nianbao" reports --db "$db"
echo "== one report in the official layout, with the source of every value"
"$nianbao" show --db "$db" --agency 抚顺市 --year 2021 --source > "$out/show-fushun-2021.txt"
head -n 80 "$out/show-fushun-2021.txt"

echo "== 平潭综合实验区 year by year (2019 format beside 2021, spec §7)"
"$nianbao" compare --db "$db" --agency 平潭综合实验区 --years 2019-2025

echo "== the dataset: long CSV, wide CSV and an Excel workbook in $out/"
"$nianbao" export --db "$db" --format csv --out "$out/cells.csv"
"$nianbao" export --db "$db" --format csv --wide --out "$out/panel-wide.csv"
"$nianbao" export --db "$db" --format xlsx --out "$out/nianbao.xlsx"
wc -l "$out/cells.csv" "$out/panel-wide.csv"

echo "== audit of report year 2022: the 演示市 report columns of the demo portal (fixtures/portal/site/audit)"
echo "   crawled, the portal switched to its next edition (one published report edited), crawled again"
sed "s|http://127\.0\.0\.1:8760|$base|" fixtures/portal/audit-sources.csv > "$out/audit-sources.csv"
"$nianbao" crawl --db "$db" --sources "$out/audit-sources.csv" --delay 0.2
kill -USR1 "$server"   # serve-demo: edition 2
for _ in $(seq 1 50); do grep -q '^  edition 2' "$out/serve-demo.out" && break; sleep 0.1; done
"$nianbao" crawl --db "$db" --sources "$out/audit-sources.csv" --delay 0.2
"$nianbao" agencies import --db "$db" fixtures/agencies/audit-registry.csv
rm -rf "$out/audit"
"$nianbao" audit --db "$db" --year 2022 --region 990100 --out "$out/audit"
echo "   flags: $out/audit/flags.csv; the page: $out/audit/audit.html (open it from disk; the stored sources are beside it)"
cut -d, -f2,6 "$out/audit/flags.csv"
