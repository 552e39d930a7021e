#!/usr/bin/env bash
# The bilan benchmark: large database, figures and workbook timings, the same Réunions rows
# written by Maillage (rust_xlsxwriter) and by Python's XlsxWriter, with the ratio, and the CLI's
# bilan end to end with the integrity gate (first run: full check; then sealed). Prints figures;
# never fails on time. Needs Python 3 and installs XlsxWriter from PyPI for the comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
# The CLI's end-to-end run at the end needs the release maillage-cli (its own crate).
cargo build --release -q -p maillage-cli
out=$(MAILLAGE_CLI="$PWD/target/release/maillage-cli" cargo bench -p maillage-core --bench bilan 2>/dev/null)
echo "$out"
python3 -m pip install --quiet --disable-pip-version-check XlsxWriter >/dev/null 2>&1 || python3 -m pip install --user --quiet XlsxWriter
py=$(python3 scripts/bench_xlsxwriter.py target/bench/reunions.json target/bench/reunions-python.xlsx)
echo "$py"
rust_ms=$(sed -n 's/^RUST_REUNIONS_MS \([0-9.]*\).*/\1/p' <<<"$out")
py_ms=$(sed -n 's/^PYTHON_REUNIONS_MS \([0-9.]*\).*/\1/p' <<<"$py")
python3 -c "print(f'Réunions sheet: Maillage {float($rust_ms):.1f} ms, Python XlsxWriter {float($py_ms):.1f} ms — Maillage is {float($py_ms)/float($rust_ms):.1f}× faster (target ≥ 3×)')"
# The activity report on the same database (docs/rapport.md): PDF, ODT and DOCX times, peak memory.
cargo bench -p maillage-core --bench report 2>/dev/null
