//! The activity report on the bilan's scripted network (tests/bilan.rs `world()`, figures counted
//! by hand): the workbook and the report of 2026 written from the same data, every `Synthèse`
//! line found in the PDF's text with the known values, and the secretariat's texts in the three
//! formats. The demo network's check is maillage-cli's (crates/cli/tests/report.rs).

use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader};
use maillage_core::bilan;
use maillage_core::figures::definitions::DEFINITIONS;
use maillage_core::model::FigureUnit;
use maillage_core::report::{self, format, Format, Texts};

fn flat(s: &str) -> String {
    s.replace(['\u{202F}', '\u{A0}'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pdf_lines(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext").args(["-layout", "-enc", "UTF-8"]).arg(pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().lines().map(flat).collect()
}

fn zip_text(file: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
    flat(&s.replace("&apos;", "'").replace("&quot;", "\"").replace("&amp;", "&"))
}

#[test]
fn the_report_of_the_scripted_network_holds_its_known_figures() {
    let w = crate::bilan::world();
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("bilan.xlsx");
    bilan::export(&w.t, bilan::year(2026), false, &xlsx).unwrap();
    // The secretariat's texts, stored for the period as the dashboard stores them.
    let texts = Texts {
        introduction: Some("Une année de rencontres.".into()),
        faits_marquants: Some("La charte signée par la CAF.".into()),
        perspectives: Some("Accueillir l'UDAF en plénière.".into()),
    };
    let p = bilan::year(2026);
    maillage_core::queries::report_texts::save(&w.t, maillage_core::model::ReportTextsInput { from: p.from.clone(), to: p.to.clone(), texts: texts.clone() }).unwrap();
    let files: Vec<_> = [(Format::Pdf, "r.pdf"), (Format::Odt, "r.odt"), (Format::Docx, "r.docx")]
        .into_iter()
        .map(|(f, name)| {
            let p = dir.path().join(name);
            report::export(&w.t, bilan::year(2026), f, &p).unwrap();
            p
        })
        .collect();
    let lines = pdf_lines(&files[0]);
    // Counted by hand (tests/bilan.rs): 2 meetings held against 1, participation 3/6 against
    // 1/3, mobilisation 5/7, 2 members against 1.
    for want in [
        "Réunions tenues 2 1 100,0 %",
        "Taux de participation 50,0 % 33,3 % +16,7 pt",
        "Organismes membres au terme de la période 2 1 100,0 %",
        "Réunions annulées 1 0",
        "Organismes intéressés au terme de la période 0 1 -100,0 %",
    ] {
        assert!(lines.iter().any(|l| l.contains(want)), "« {want} » absent du PDF");
    }
    assert!(lines.iter().any(|l| l.starts_with("Taux de mobilisation 71,4 %")), "mobilisation 5/7");
    // Every line of the workbook's Synthèse, formatted by the report's formatter from the cell.
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let s = wb.worksheet_range("Synthèse").unwrap();
    let (odt, docx) = (zip_text(&files[1], "content.xml"), zip_text(&files[2], "word/document.xml"));
    for r in 1..s.height() {
        let label = s.get((r, 0)).map(|c| c.to_string()).unwrap_or_default();
        if label.is_empty() {
            break;
        }
        let unit = DEFINITIONS.iter().find(|d| d.label == label).map_or(FigureUnit::Count, |d| d.unit);
        let num = |c: usize| match s.get((r, c)) {
            Some(Data::Float(f)) => Some(*f),
            _ => None,
        };
        let change = match (unit, num(3)) {
            (_, None) => String::new(),
            (FigureUnit::Count, c) => format::rate(c),
            (FigureUnit::Rate, c) => format::points(c),
        };
        let want = flat(&format!("{label} {} {} {change}", format::value(unit, num(1)), format::value(unit, num(2))));
        assert!(lines.iter().any(|l| l.contains(&want)), "PDF : « {want} » absent");
        assert!(strip(&odt).contains(&want), "ODT : « {want} » absent");
        assert!(flat(&strip(&docx)).contains(&want), "DOCX : « {want} » absent");
    }
    for t in ["Une année de rencontres.", "La charte signée par la CAF.", "Accueillir l'UDAF en plénière."] {
        assert!(lines.iter().any(|l| l.contains(t)), "PDF : « {t} » absent");
        assert!(strip(&odt).contains(t) && strip(&docx).contains(t), "ODT/DOCX : « {t} » absent");
    }
}

fn strip(xml: &str) -> String {
    let mut out = String::new();
    let mut tag = false;
    for c in xml.chars() {
        match c {
            '<' => {
                tag = true;
                out.push(' ')
            }
            '>' => tag = false,
            c if !tag => out.push(c),
            _ => {}
        }
    }
    flat(&out)
}
