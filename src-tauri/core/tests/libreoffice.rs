//! The exported workbooks opened by LibreOffice Calc (headless), as an agency without Excel opens
//! them: every value reads back as Maillage computed it (formulas recalculated on load), and every
//! printed page is A4 with no text under 7 pt and no text printed over other text.
//! Two runs of LibreOffice for the whole file (≈ 5 s each). `make test` requires LibreOffice
//! (MAILLAGE_REQUIRE_LIBREOFFICE, set by scripts/test.sh); elsewhere, without it, this test says
//! so and passes.

use crate::common;
#[allow(clippy::module_inception)]
#[path = "common/libreoffice.rs"]
mod libreoffice;

use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::fresh;
use maillage_core::model::*;
use maillage_core::{bilan, export, lists};

/// Every cell of every sheet, as calamine reads the values stored in the file.
fn cells(path: &Path) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.sheet_names()
        .into_iter()
        .map(|s| {
            let range = wb.worksheet_range(&s).unwrap();
            let rows = range.rows().map(|r| r.to_vec()).collect();
            (s, rows)
        })
        .collect()
}

/// The formulas of a workbook: (sheet, row, column, formula).
fn formulas(path: &Path) -> Vec<(String, usize, usize, String)> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let mut out = vec![];
    for s in wb.sheet_names() {
        let f = wb.worksheet_formula(&s).unwrap();
        let (r0, c0) = f.start().unwrap_or((0, 0));
        for (r, row) in f.rows().enumerate() {
            for (c, formula) in row.iter().enumerate() {
                if !formula.is_empty() {
                    out.push((s.clone(), r0 as usize + r, c0 as usize + c, formula.clone()));
                }
            }
        }
    }
    out
}

/// Equal values; numbers to LibreOffice's precision: it keeps 15 significant digits of the 17
/// Maillage writes (0.5943396226415094 comes back as 0.594339622641509).
fn same(a: &Data, b: &Data) -> bool {
    match (a, b) {
        (Data::Float(x), Data::Float(y)) => close(*x, *y),
        (Data::Int(x), Data::Float(y)) | (Data::Float(y), Data::Int(x)) => (*x as f64 - y).abs() < 1e-9,
        // LibreOffice writes a date as a number formatted as a date, as Maillage does.
        (Data::DateTime(x), Data::DateTime(y)) => (x.as_f64() - y.as_f64()).abs() < 1e-9,
        _ => a == b,
    }
}

/// The values LibreOffice holds after opening (and recalculating) `original`, saved as `resaved`,
/// equal those Maillage wrote, cell by cell, formulas included.
fn values_survive(original: &Path, resaved: &Path) {
    let (ours, theirs) = (cells(original), cells(resaved));
    assert_eq!(ours.iter().map(|s| &s.0).collect::<Vec<_>>(), theirs.iter().map(|s| &s.0).collect::<Vec<_>>(), "feuilles");
    for ((sheet, a), (_, b)) in ours.iter().zip(&theirs) {
        assert_eq!(a.len(), b.len(), "{sheet} : nombre de lignes");
        for (r, (ra, rb)) in a.iter().zip(b).enumerate() {
            for (c, (x, y)) in ra.iter().zip(rb).enumerate() {
                assert!(same(x, y), "{sheet}, ligne {}, colonne {} : Maillage {x:?}, LibreOffice {y:?}", r + 1, c + 1);
            }
        }
    }
}

fn close(x: f64, y: f64) -> bool {
    (x - y).abs() <= 1e-13 * x.abs().max(1.0)
}

/// The same figure: both absent, or both present and equal to LibreOffice's precision.
fn same_figure(cell: &Data, figure: Option<f64>) -> bool {
    match (number(cell), figure) {
        (Some(x), Some(y)) => close(x, y),
        (None, None) => true,
        _ => false,
    }
}

fn row_of<'a>(sheet: &'a [Vec<Data>], label: &str) -> &'a [Data] {
    sheet.iter().find(|r| r.first().is_some_and(|c| *c == label)).unwrap_or_else(|| panic!("pas de ligne « {label} »"))
}

fn number(d: &Data) -> Option<f64> {
    match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

#[test]
fn the_bilan_and_a_list_in_libreoffice() {
    let t = fresh();
    let Some(office) = libreoffice::Office::find(&t.dir.path().join("profil")) else { return };
    maillage_core::demo::generate(&t, "demo").unwrap();
    // The demo's latest year with held meetings (as scripts/print-preview.sh prints).
    let year: i32 = t
        .query_row("SELECT CAST(substr(max(date), 1, 4) AS INTEGER) FROM meeting WHERE deleted_at IS NULL AND status = 'tenue'", [], |r| r.get(0))
        .unwrap();
    let dir = t.dir.path();
    let book = dir.join("Bilan.xlsx");
    bilan::export(&t, bilan::year(year), false, &book).unwrap();
    let list = dir.join("Organismes.xlsx");
    let organisations = lists::list(&t, &ListRequest::Organisations { filter: OrganisationFilter::default() }).unwrap();
    std::fs::write(&list, export::lists::xlsx(&organisations).unwrap()).unwrap();
    // A formula whose stored result is wrong: LibreOffice must give 2, or nothing here is
    // recalculated and the comparison below proves nothing.
    let probe = dir.join("Sonde.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().write_formula(0, 0, rust_xlsxwriter::Formula::new("=1+1").set_result("999")).unwrap();
    wb.save(&probe).unwrap();

    let files: Vec<PathBuf> = vec![book.clone(), list.clone(), probe.clone()];
    let resaved = office.convert(&files, "xlsx", &dir.join("recalcul"));

    // (a) Recalculated values: the probe is recalculated, and every cell of both workbooks reads
    // back as written; every formula's recalculated value equals the cached one Maillage wrote.
    assert_eq!(cells(&resaved[2])[0].1[0][0], Data::Float(2.0), "LibreOffice n'a pas recalculé la formule de la sonde");
    for (ours, theirs) in files.iter().zip(&resaved).take(2) {
        for (sheet, r, c, f) in formulas(ours) {
            let cached = &cells(ours).into_iter().find(|s| s.0 == sheet).unwrap().1[r][c];
            let recalculated = &cells(theirs).into_iter().find(|s| s.0 == sheet).unwrap().1[r][c];
            assert!(same(cached, recalculated), "{sheet} {f} : Maillage {cached:?}, LibreOffice {recalculated:?}");
        }
        values_survive(ours, theirs);
    }
    // ... and they are Maillage's own figures, computed again here.
    let b = bilan::compute(&t, bilan::year(year)).unwrap();
    let sheets = cells(&resaved[0]);
    let sheet = |name: &str| &sheets.iter().find(|s| s.0 == name).unwrap_or_else(|| panic!("feuille {name}")).1;
    for k in &b.key_figures {
        let row = row_of(sheet("Synthèse"), &k.label);
        assert!(same_figure(&row[1], k.current), "Synthèse, {} ({year}) : {:?} au lieu de {:?}", k.label, row[1], k.current);
        assert!(same_figure(&row[2], k.previous), "Synthèse, {} ({}) : {:?} au lieu de {:?}", k.label, year - 1, row[2], k.previous);
    }
    let meetings = sheet("Réunions");
    assert_eq!(meetings.len() - 1, b.meetings.len(), "Réunions : une ligne par réunion");
    for (row, m) in meetings[1..].iter().zip(&b.meetings) {
        assert!(same_figure(&row[6], Some(f64::from(m.figures.present))), "Réunions, présents du {} : {:?}", m.date, row[6]);
        assert!(same_figure(&row[13], m.figures.participation_rate), "Réunions, taux du {} : {:?} au lieu de {:?}", m.date, row[13], m.figures.participation_rate);
    }
    let orgs = cells(&resaved[1]);
    assert_eq!(orgs[0].1.len() - 1, organisations.rows.len(), "Organismes : une ligne par organisme");

    // (b), (c) Printed: every page A4, no text under 7 pt, nothing printed over other text;
    // Synthèse on one page.
    let pdfs = office.convert(&files[..2], "pdf", &dir.join("pdf"));
    for pdf in &pdfs {
        let printed = libreoffice::check_print(pdf);
        for (sheet, pages, smallest) in &printed.sheets {
            eprintln!("{} — {sheet} : {pages} page(s), plus petit texte {smallest:.1} pt", pdf.file_name().unwrap().to_string_lossy());
        }
        assert!(printed.pages > 0);
        assert!(printed.faults.is_empty(), "{} :\n{}", pdf.display(), printed.faults.join("\n"));
    }
    let bilan_pages = libreoffice::check_print(&pdfs[0]);
    let names: Vec<&str> = bilan_pages.sheets.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(names, sheets.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(), "chaque feuille imprimée, dans l'ordre, nommée en pied de page");
    assert_eq!(bilan_pages.sheets[0].1, 1, "Synthèse sur une page");
}

/// A small deterministic generator (xorshift): the same workbooks on every run.
struct Dice(u64);

impl Dice {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below as u64) as usize
    }

    /// Text as users type it, and worse: long words, a word longer than any column, line breaks,
    /// accents and French quotes, digits.
    fn text(&mut self, words: usize) -> String {
        self.words(words, true)
    }

    /// `words` words; tame (`wild` false): no word wider than a column, no line break.
    fn words(&mut self, words: usize, wild: bool) -> String {
        const PIECES: [&str; 8] = ["Association", "d'aide", "à", "domicile", "«", "Les", "Chapélies", "»"];
        let mut s = String::new();
        for i in 0..words {
            if i > 0 {
                s.push(if wild && self.next(12) == 0 { '\n' } else { ' ' });
            }
            match self.next(20) {
                0 if wild => s.push_str(&"W".repeat(20 + self.next(120))),
                1 => s.push_str(&self.next(1_000_000).to_string()),
                _ => s.push_str(PIECES[self.next(PIECES.len())]),
            }
        }
        s
    }
}

/// Lists of hostile shapes — up to 30 columns, long headers, long unbroken words, line breaks,
/// a cell of 2,500 characters — and an import report with long reasons: printed by LibreOffice, every
/// page is A4 with no text under 7 pt and nothing printed over.
#[test]
fn hostile_workbooks_print_readable_in_libreoffice() {
    let dir = tempfile::tempdir().unwrap();
    let Some(office) = libreoffice::Office::find(&dir.path().join("profil")) else { return };
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15);
    let mut files = vec![];
    for round in 0..common::probe_rounds(2) {
        let columns = 2 + dice.next(29);
        let headers: Vec<String> = (0..columns)
            .map(|c| {
                let words = 1 + dice.next(6);
                format!("{c} {}", dice.text(words))
            })
            .collect();
        let rows = (0..1 + dice.next(60))
            .map(|r| {
                (0..columns)
                    .map(|c| match (r, c, dice.next(6)) {
                        // About 2,500 characters of prose: more than the tallest row (27
                        // lines) holds in 240 px; its column widens (docs/printing.md).
                        (0, 1, _) => export::lists::ListCell::Text(Some(dice.words(300, false))),
                        (_, _, 0) => export::lists::ListCell::Text(None),
                        (_, _, 1) => export::lists::ListCell::Date(Some("2026-02-29".into())),
                        (_, _, 2) => export::lists::ListCell::Date(Some("2026-03-01".into())),
                        _ => {
                            let words = 1 + dice.next(12);
                            export::lists::ListCell::Text(Some(dice.text(words)))
                        }
                    })
                    .collect()
            })
            .collect();
        let list = export::lists::List { sheet: "Organismes", headers, rows };
        let path = dir.path().join(format!("liste-{round}.xlsx"));
        std::fs::write(&path, export::lists::xlsx(&list).unwrap()).unwrap();
        files.push(path);
    }
    let report = ImportSummary {
        file_name: dice.text(30),
        sheet: "Feuil1".into(),
        rows: 3,
        rejected: 2,
        rejections: (1..40)
            .map(|line| {
                let words = 5 + dice.next(60);
                Rejection { sheet: "Feuil1".into(), line, column: dice.text(3), reason: dice.text(words) }
            })
            .collect(),
        ..Default::default()
    };
    let path = dir.path().join("rapport.xlsx");
    std::fs::write(&path, export::import_report_xlsx::write(&report).unwrap()).unwrap();
    files.push(path);

    for pdf in office.convert(&files, "pdf", &dir.path().join("pdf")) {
        let printed = libreoffice::check_print(&pdf);
        assert!(printed.pages > 0);
        assert!(printed.faults.is_empty(), "{} :\n{}", pdf.display(), printed.faults.join("\n"));
    }
}
