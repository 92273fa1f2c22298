#!/usr/bin/env bash
# Screenshots for the README and docs/, made from real output: the Word renvooi and the was-wordt
# table as LibreOffice renders them, and the HTML diff in headless Chromium.
# Needs: npm install (dist/), soffice, pdftoppm (poppler-utils), chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cli="node dist/cli/index.js"
$cli diff ambtenarenwet@2011-01-01 ambtenarenwet@2011-07-01 --format docx --out "$tmp/renvooi.docx"
$cli diff ambtenarenwet@2011-01-01 ambtenarenwet@2011-07-01 --format docx --was-wordt --out "$tmp/was-wordt.docx"
$cli diff ambtenarenwet@2011-01-01 ambtenarenwet@2011-07-01 --format html --out "$tmp/renvooi.html"
soffice --headless --norestore "-env:UserInstallation=file://$tmp/profiel" --convert-to pdf --outdir "$tmp" \
  "$tmp/renvooi.docx" "$tmp/was-wordt.docx" >/dev/null
# The page of the renvooi on which artikel 125 changes.
pages=$(pdfinfo "$tmp/renvooi.pdf" | awk '/^Pages:/ {print $2}')
page=1
for ((p = 1; p <= pages; p++)); do
  if pdftotext -f "$p" -l "$p" "$tmp/renvooi.pdf" - | grep -q 'uitsluitend elektronisch'; then page=$p; break; fi
done
pdftoppm -f "$page" -l "$page" -png -r 70 -singlefile "$tmp/renvooi.pdf" docs/img/renvooi-libreoffice
pdftoppm -f 1 -l 1 -png -r 70 -singlefile "$tmp/was-wordt.pdf" docs/img/was-wordt-libreoffice
node --input-type=module -e "
import { chromium } from 'playwright-core'
const b = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] })
const p = await b.newPage({ viewport: { width: 1000, height: 800 } })
await p.goto('file://$tmp/renvooi.html')
await p.screenshot({ path: 'docs/img/diff-html.png' })
await b.close()
"
echo "docs/img: renvooi-libreoffice.png (pagina $page), was-wordt-libreoffice.png, diff-html.png"
