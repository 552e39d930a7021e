//! The activity report from the command line (issue #22): `bilan --out rapport.pdf|.odt|.docx`,
//! every key figure equal to the workbook's cell for the same period, read back from the files
//! (pdftotext, the ODT's and DOCX's XML), the PDF tagged and its fonts embedded, LibreOffice
//! opening the ODT and the DOCX, and the extension checked.

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader};
use maillage_core::figures::definitions::DEFINITIONS;
use maillage_core::model::FigureUnit;
use maillage_core::report::format;
use predicates::str::contains;

use crate::common::office::{Kind, Office};

#[path = "../../../core/tests/common/libreoffice.rs"]
#[allow(dead_code)]
mod libreoffice;

/// Text with every kind of space as one plain space (pdftotext gives U+202F back as a space).
fn flat(s: &str) -> String {
    s.replace(['\u{202F}', '\u{A0}'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn run(cmd: &str, args: &[&str], file: &Path) -> String {
    // pdftotext writes to a file unless told « - ».
    let to_stdout: &[&str] = if cmd == "pdftotext" { &["-"] } else { &[] };
    let out = Command::new(cmd).args(args).arg(file).args(to_stdout).output().unwrap_or_else(|e| panic!("{cmd} (poppler-utils) : {e}"));
    assert!(out.status.success(), "{cmd} : {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext").args(["-layout", "-enc", "UTF-8"]).arg(pdf).arg("-").output().expect("pdftotext");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn zip_part(file: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
    s
}

/// XML to its text, tags dropped (a cell's text stays in one piece).
fn xml_text(xml: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    flat(&out.replace("&amp;", "&").replace("&apos;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">"))
}

/// The `Synthèse` sheet's lines as the report must write them: label, N, N-1 and the change,
/// each formatted from the workbook's cell by the report's one formatter.
fn workbook_lines(xlsx: &Path) -> Vec<[String; 4]> {
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(xlsx).unwrap();
    let s = wb.worksheet_range("Synthèse").unwrap();
    let mut lines = Vec::new();
    for r in 1..s.height() as u32 {
        let label = s.get((r as usize, 0)).map(|c| c.to_string()).unwrap_or_default();
        if label.is_empty() {
            break;
        }
        let unit = DEFINITIONS.iter().find(|d| d.label == label).map_or(FigureUnit::Count, |d| d.unit);
        let num = |c: usize| match s.get((r as usize, c)) {
            Some(Data::Float(f)) => Some(*f),
            Some(Data::Int(i)) => Some(*i as f64),
            _ => None,
        };
        let change = match (unit, num(3)) {
            (_, None) => String::new(),
            (FigureUnit::Count, c) => format::rate(c),
            (FigureUnit::Rate, c) => format::points(c),
        };
        lines.push([label, format::value(unit, num(1)), format::value(unit, num(2)), change]);
    }
    assert!(lines.len() >= 20, "{} lignes dans Synthèse", lines.len());
    lines
}

/// Every line of the workbook's summary is a line of `text` (label, N, N-1, change).
fn holds_every_line(text: &str, lines: &[[String; 4]], what: &str) {
    let flat_lines: Vec<String> = text.lines().map(flat).collect();
    for l in lines {
        let want = flat(&l.join(" "));
        assert!(flat_lines.iter().any(|x| x.contains(&want)), "{what} : ligne « {want} » introuvable");
    }
}

fn write_all(o: &Office, dir: &Path, period: &[&str]) -> (PathBuf, PathBuf, PathBuf, PathBuf) {
    // Three stems: LibreOffice names its PDF after the file.
    let files = ["bilan.xlsx", "rapport.pdf", "rapport-odt.odt", "rapport-docx.docx"].map(|f| dir.join(f));
    for f in &files {
        o.cli().arg("bilan").args(period).arg("--out").arg(f).assert().success();
    }
    let [a, b, c, d] = files;
    (a, b, c, d)
}

#[test]
fn the_report_of_the_demo_network_holds_the_workbooks_figures() {
    let dir = tempfile::tempdir().unwrap();
    let o = Office::new(Kind::Plain, dir.path(), "demo.sqlite");
    o.cli().arg("demo").assert().success();
    let year = (chrono::Datelike::year(&chrono::Local::now()) - 1).to_string();
    // The secretariat's words for the year, typed as the product owner's acceptance does.
    let highlights = "Le forum des aidants a réuni 14 organismes en juin.";
    o.cli().args(["rapport", "texte", "--year", &year, "--section", "faits-marquants", "--texte", highlights]).assert().success();
    let (xlsx, pdf, odt, docx) = write_all(&o, dir.path(), &["--year", &year]);
    let lines = workbook_lines(&xlsx);

    // The PDF: every line of the summary, the key figures first; tagged, PDF/A, fonts embedded.
    let text = pdf_text(&pdf);
    holds_every_line(&text, &lines, "PDF");
    assert!(text.contains("Rapport d'activité") && text.contains("Sommaire") && text.contains("Définitions"));
    // The definitions wrap in their table's column: read in the order written (a cell's lines
    // together), not as laid out.
    let plain = flat(&run("pdftotext", &["-raw", "-enc", "UTF-8"], &pdf));
    for d in DEFINITIONS {
        assert!(plain.contains(&flat(d.text)), "définition absente du PDF : {}", d.label);
    }
    let info = run("pdfinfo", &[], &pdf) + &run("pdfinfo", &["-meta"], &pdf);
    assert!(info.lines().any(|l| l.starts_with("Tagged:") && l.trim_end().ends_with("yes")), "{info}");
    assert!(info.contains("pdfaid:part") || info.contains("pdfaid"), "métadonnées PDF/A absentes : {info}");
    assert!(info.contains("pdfuaid"), "métadonnées PDF/UA absentes");
    let fonts = run("pdffonts", &[], &pdf);
    for l in fonts.lines().skip(2) {
        assert!(l.contains(" yes "), "police non incorporée : {l}");
    }
    assert!(fonts.contains("LibertinusSerif"), "{fonts}");
    // No person's name: the demo's people are not in the report.
    let conn = o.conn();
    let name: String = conn.query_row("SELECT last_name FROM person WHERE deleted_at IS NULL AND length(last_name) > 4 ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap();
    assert!(!text.contains(&format!(" {name} ")), "un nom de personne dans le rapport : {name}");

    // ODT and DOCX: the same lines.
    let odt_text = xml_text(&zip_part(&odt, "content.xml"));
    let docx_text = xml_text(&zip_part(&docx, "word/document.xml"));
    for l in &lines {
        let want = flat(&l.join(" "));
        assert!(odt_text.contains(&want), "ODT : « {want} » introuvable");
        assert!(docx_text.contains(&want), "DOCX : « {want} » introuvable");
    }
    assert_eq!(std::fs::read(&odt).unwrap()[30..38], *b"mimetype");
    // The secretariat's text, in each format.
    assert!(flat(&run("pdftotext", &["-raw", "-enc", "UTF-8"], &pdf)).contains(&flat(highlights)), "faits marquants absents du PDF");
    assert!(odt_text.contains(&flat(highlights)), "faits marquants absents de l'ODT");
    assert!(docx_text.contains(&flat(highlights)), "faits marquants absents du DOCX");

    // Same data, same bytes (the date is the day's).
    let again = dir.path().join("encore.pdf");
    o.cli().args(["bilan", "--year", &year, "--out"]).arg(&again).assert().success();
    assert!(std::fs::read(&again).unwrap() == std::fs::read(&pdf).unwrap(), "deux PDF différents pour les mêmes données");

    // LibreOffice opens the ODT and the DOCX (Writer converts both to PDF without error).
    let profile = tempfile::tempdir().unwrap();
    if let Some(office) = libreoffice::Office::find(profile.path()) {
        let out = dir.path().join("lo");
        for p in office.convert(&[odt.clone(), docx.clone()], "pdf", &out) {
            let pages = libreoffice::pages(&p);
            eprintln!("{} : {} pages", p.display(), pages.len());
            assert!(pages.len() >= 3, "{} : {} pages", p.display(), pages.len());
            holds_every_line(&pdf_text(&p), &lines[..5], "PDF de LibreOffice");
        }
    }
}

#[test]
fn a_period_report_and_the_files_it_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let o = Office::new(Kind::Plain, dir.path(), "demo.sqlite");
    o.cli().arg("demo").assert().success();
    let period = ["--du", "2025-01-01", "--au", "2025-06-30"];
    let (xlsx, pdf, _odt, _docx) = write_all(&o, dir.path(), &period);
    holds_every_line(&pdf_text(&pdf), &workbook_lines(&xlsx), "PDF d'une période");
    // An unknown extension is refused, in French, and nothing is written.
    let txt = dir.path().join("rapport.txt");
    o.cli().arg("bilan").args(period).arg("--out").arg(&txt).assert().failure().stderr(contains("extension inconnue"));
    assert!(!txt.exists());
    // A PDF replaces only a PDF, even with --force; an ODT only an office document.
    let fake = dir.path().join("classeur.pdf");
    std::fs::copy(&xlsx, &fake).unwrap();
    o.cli().arg("bilan").args(period).arg("--force").arg("--out").arg(&fake).assert().failure().stderr(contains("ne remplace qu'un document PDF"));
    let fake = dir.path().join("texte.odt");
    std::fs::write(&fake, "des notes").unwrap();
    o.cli().arg("bilan").args(period).arg("--force").arg("--out").arg(&fake).assert().failure().stderr(contains("ne remplace qu'un document bureautique"));
    // Without --force an existing report is kept; with it, replaced.
    o.cli().arg("bilan").args(period).arg("--out").arg(&pdf).assert().failure().stderr(contains("existe déjà"));
    o.cli().arg("bilan").args(period).arg("--force").arg("--out").arg(&pdf).assert().success().stdout(contains("Rapport d'activité"));
    // Names are the workbook's option only.
    o.cli().arg("bilan").args(period).args(["--avec-noms", "--force", "--out"]).arg(&pdf).assert().failure().stderr(contains("que des totaux"));
}
