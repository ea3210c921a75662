#!/usr/bin/env bash
# Memory benchmark: document size vs peak RSS of `nianbao extract` and `nianbao ingest` for text,
# HTML, DOCX and PDF inputs (generated from fixtures in a temp dir, never committed); prints a table
# with issue 10's bound, 8 × size + 64 MiB. Usage: bench/memory_bench.sh [path/to/nianbao]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-build/cli/nianbao}
[ -x "$binary" ] || { echo "memory_bench: no nianbao binary at $binary (build it, or pass its path)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "memory_bench: needs python3 (to generate the inputs)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Inputs: the Fushun text report with prose filler (5, 10, 20 MB); the same prose as an HTML page
# with the report's tables; the 2021 DOCX template with its body repeated; the PDF fixtures as they are.
python3 - "$work" <<'EOF'
import sys, zipfile, html
work = sys.argv[1]
seed = open('fixtures/seed/fushun-amr-2021.txt', encoding='utf-8').read()
cut = seed.index('二、主動公開政府信息情況')
prose = ''.join(l + '\n' for l in seed[:cut].split('\n') if '|' not in l and len(l) > 20)
prose += ('Annex: in 2021 the bureau published 1433 items, 876 on its portal, 176 on Weibo and 381 on '
          'WeChat; 128 briefs went to the province.\n')
for mb in (5, 10, 20):
    body, size = [seed[:cut]], cut
    while size + len(prose.encode()) + len(seed[cut:].encode()) < mb * 10**6:
        body.append(prose); size += len(prose.encode())
    body.append(seed[cut:])
    open(f'{work}/text-{mb}mb.txt', 'w', encoding='utf-8').write(''.join(body))
    parts, table = [], []
    for line in ''.join(body).split('\n'):
        if '|' in line:
            table.append('<tr>' + ''.join(f'<td>{html.escape(c.strip())}</td>' for c in line.split('|')) + '</tr>')
            continue
        if table:
            parts.append('<table>' + ''.join(table) + '</table>')
            table = []
        parts.append(f'<p>{html.escape(line)}</p>')
    if table:
        parts.append('<table>' + ''.join(table) + '</table>')
    page = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>抚顺市市场监督管理局2021年政府信息公开工作年度报告'
            '</title></head><body>' + ''.join(parts) + '</body></html>')
    open(f'{work}/html-{mb}mb.html', 'w', encoding='utf-8').write(page)
template = zipfile.ZipFile('fixtures/real/govnianbao/template-2021-format-blank.docx')
document = template.read('word/document.xml').decode('utf-8')
begin = document.index('<w:body>') + len('<w:body>')
end = document.rindex('<w:sectPr')
for copies in (1, 20, 60):
    out = zipfile.ZipFile(f'{work}/docx-x{copies}.docx', 'w', zipfile.ZIP_DEFLATED)
    for item in template.infolist():
        data = template.read(item.filename)
        if item.filename == 'word/document.xml':
            data = (document[:begin] + document[begin:end] * copies + document[end:]).encode('utf-8')
        out.writestr(item.filename, data)
    out.close()
EOF
cp fixtures/real/govnianbao/huaian-city-2024.pdf "$work/pdf-huaian-2024.pdf"
cp fixtures/portal/site/trs/attach/0/7c1e2a4b.pdf "$work/pdf-trs-attachment.pdf"

# Peak RSS (KiB) of one run, from GNU time, or from python's resource module when it is missing.
peak_kib() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o "$work/peak" "$@" >/dev/null 2>"$work/stderr" || true
    tail -1 "$work/peak"
  else
    python3 -c 'import resource,subprocess,sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
  fi
}

printf '%-24s %10s %14s %14s %14s %8s\n' document bytes extract_MiB ingest_MiB bound_MiB ok
status=0
for file in "$work"/text-*.txt "$work"/html-*.html "$work"/docx-*.docx "$work"/pdf-*.pdf; do
  bytes=$(stat -c %s "$file")
  extract=$(peak_kib "$binary" extract "$file")
  rm -f "$work/bench.sqlite"
  ingest=$(peak_kib "$binary" ingest --db "$work/bench.sqlite" "$file")
  bound=$(( (8 * bytes) / 1024 + 64 * 1024 ))
  ok=yes
  if [ "$extract" -gt "$bound" ] || [ "$ingest" -gt "$bound" ]; then ok=NO; fi
  printf '%-24s %10d %14d %14d %14d %8s\n' "$(basename "$file")" "$bytes" $((extract / 1024)) $((ingest / 1024)) \
    $((bound / 1024)) "$ok"
done
echo "bound: 8 × document size + 64 MiB (issue 10); acceptance: extract and ingest of 20 MB text under 400 MB"
exit "$status"
