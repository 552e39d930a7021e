#!/usr/bin/env bash
# How the bilan prints, seen through a real spreadsheet program: LibreOffice Calc (headless)
# turns the workbook into a PDF, poppler into PNG pages to look at; prints the page count of each
# sheet (`Synthèse` must fit on one page).
#   scripts/print-preview.sh [WORKBOOK.xlsx]   (default: the demo's bilan of its latest year)
# Output in target/print-preview/. Not part of `make test` (LibreOffice is a large install).
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
for p in libreoffice-calc-nogui poppler-utils; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" != 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

out=target/print-preview
rm -rf "$out" && mkdir -p "$out"
book=${1:-}
if [ -z "$book" ]; then
  db="$out/demo.sqlite"
  cargo run -q -p maillage-core --bin maillage-cli -- --db "$db" demo >/dev/null
  year=$(cargo run -q -p maillage-core --example print_year -- "$db")
  book="$out/Bilan.xlsx"
  cargo run -q -p maillage-core --bin maillage-cli -- --db "$db" bilan --year "$year" --out "$book" >/dev/null
fi
cp "$book" "$out/classeur.xlsx"
# A profile of its own: a desktop LibreOffice already open would otherwise take the job.
soffice -env:UserInstallation="file://$PWD/$out/profile" --headless --convert-to pdf --outdir "$out" "$out/classeur.xlsx" >/dev/null
pdf="$out/classeur.pdf"
pdftoppm -r 60 -png "$pdf" "$out/page"
pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
echo "$pages page(s) en tout : $pdf, images $out/page-*.png"

# Which sheet each page belongs to: a sheet's first page begins with its first row, which is also
# the header row repeated on its next pages (for `Définitions`, its title, then its header row).
python3 - "$out/classeur.xlsx" "$pdf" "$pages" <<'PY'
import re, subprocess, sys, zipfile, xml.etree.ElementTree as ET
book, pdf, pages = sys.argv[1], sys.argv[2], int(sys.argv[3])
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
z = zipfile.ZipFile(book)
strings = ["".join(t.text or "" for t in si.iter("{%s}t" % ns["m"])) for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)]
sheets = [s.get("name") for s in ET.fromstring(z.read("xl/workbook.xml")).find("m:sheets", ns)]
def first_cell(i):
    root = ET.fromstring(z.read(f"xl/worksheets/sheet{i + 1}.xml"))
    for c in root.iter("{%s}c" % ns["m"]):
        v = c.find("m:v", ns)
        if v is not None:
            return strings[int(v.text)] if c.get("t") == "s" else v.text
    return None
firsts = [first_cell(i) for i in range(len(sheets))]
norm = lambda s: re.sub(r"\s+", " ", s or "").strip()
counts, current = {s: 0 for s in sheets}, 0
for p in range(1, pages + 1):
    text = subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), pdf, "-"], capture_output=True, text=True).stdout
    line = next((norm(l) for l in text.splitlines() if l.strip()), "")
    for k in range(current + (1 if counts[sheets[current]] else 0), len(sheets)):
        if firsts[k] and line.startswith(norm(firsts[k])):
            current = k
            break
    counts[sheets[current]] += 1
for s in sheets:
    print(f"  {s} : {counts[s]} page(s)")
if counts.get("Synthèse", 0) != 1:
    sys.exit("Synthèse ne tient pas sur une page")
PY
