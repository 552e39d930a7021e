#!/usr/bin/env python3
"""Writes the same `Réunions` rows as Maillage (target/bench/reunions.json, made by the bilan
benchmark) with Python's XlsxWriter — same table, formats, frozen header and autofit — and prints
the median time of 10 runs. Used by scripts/bench-bilan.sh for the comparison."""
import datetime, json, statistics, sys, time

import xlsxwriter

rows = json.load(open(sys.argv[1]))
out = sys.argv[2]
HEADERS = ["Date", "Instance", "Type d'instance", "Lieu", "Invités (personnes)", "Invités (organismes)", "Présents", "Excusés",
           "Absents", "Sans réponse", "Organismes présents", "Organismes présents ou excusés", "Non-membres présents",
           "Taux de participation", "Compte rendu envoyé le", "Statut", "Représentés", "Sans invitation"]

def write():
    wb = xlsxwriter.Workbook(out)
    count = wb.add_format({"num_format": "#,##0"})
    rate = wb.add_format({"num_format": "0.0%"})
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws = wb.add_worksheet("Réunions")
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            if v is None:
                continue
            if c in (0, 14):
                ws.write_datetime(r, c, datetime.datetime.strptime(v, "%Y-%m-%d"), date)
            elif c == 13:
                ws.write_number(r, c, v, rate)
            elif isinstance(v, (int, float)):
                ws.write_number(r, c, v, count)
            else:
                ws.write_string(r, c, v)
    ws.add_table(0, 0, max(len(rows), 1), len(HEADERS) - 1, {"name": "Reunions", "columns": [{"header": h} for h in HEADERS]})
    ws.freeze_panes(1, 0)
    ws.autofit()
    wb.close()

times = []
for _ in range(10):
    t = time.perf_counter()
    write()
    times.append(time.perf_counter() - t)
print(f"PYTHON_REUNIONS_MS {statistics.median(times) * 1000:.1f} ({len(rows)} rows, XlsxWriter {xlsxwriter.__version__})")
