#!/usr/bin/env bash
# How a workbook prints, seen through a real spreadsheet program: LibreOffice Calc (headless)
# prints it to PDF, poppler turns the pages into PNG images to look at. The check is the test's
# (`tests/libreoffice.rs`, same code: `examples/print_check.rs`): pages and smallest text of each
# sheet; a page not A4, text under 7 pt or text printed over text is a fault (exit 1).
#   scripts/print-preview.sh [WORKBOOK.xlsx…]   (default: the demo's bilan of its latest year)
# Output in target/print-preview/. `make test` runs the same check (scripts/setup.sh --test
# installs LibreOffice).
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
for p in libreoffice-calc-nogui fonts-crosextra-carlito poppler-utils; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" != 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

out=target/print-preview
rm -rf "$out" && mkdir -p "$out"
books=("$@")
if [ ${#books[@]} -eq 0 ]; then
  db="$out/demo.sqlite"
  cargo run -q -p maillage-cli -- --db "$db" demo >/dev/null
  year=$(cargo run -q -p maillage-core --example print_year -- "$db")
  books=("$out/Bilan.xlsx")
  cargo run -q -p maillage-cli -- --db "$db" bilan --year "$year" --out "${books[0]}" >/dev/null
fi
status=0
cargo run -q -p maillage-core --example print_check -- "$out" "${books[@]}" || status=$?
for pdf in "$out"/*.pdf; do
  pdftoppm -r 60 -png "$pdf" "${pdf%.pdf}-page"
done
echo "Pages en images : $out/*-page-*.png"
exit $status
