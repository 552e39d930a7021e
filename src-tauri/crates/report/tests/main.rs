//! maillage-report on a bilan written by hand (known figures, 50 bodies, the secretariat's
//! texts): the PDF's text (pdftotext) holds the formatted figures and texts, is tagged PDF/A with
//! embedded fonts, breaks a long table with its header repeated, and the same data gives the
//! same bytes; the ODT and DOCX hold the same figures and texts. The comparison with the workbook
//! on real databases is in maillage-cli's tests (crates/cli/tests/report.rs).

use std::path::Path;
use std::process::Command;

use maillage_model::*;
use maillage_report::{data::Context, from_bilan, render, Format, ReportData};

fn period(y: i32) -> Period {
    Period { from: format!("{y}-01-01"), to: format!("{y}-12-31"), label: y.to_string() }
}

fn key(code: &str, label: &str, unit: FigureUnit, now: f64, before: f64) -> KeyFigure {
    let change = match unit {
        FigureUnit::Count => (before > 0.0).then(|| (now - before) / before),
        FigureUnit::Rate => Some((now - before) * 100.0),
    };
    KeyFigure { code: code.into(), label: label.into(), definition: String::new(), unit, current: Some(now), previous: Some(before), current_ratio: None, previous_ratio: None, change, drill: Drill::HeldMeetings }
}

/// A bilan of known figures with `bodies` bodies.
fn bilan(bodies: usize) -> Bilan {
    Bilan {
        period: period(2025),
        previous: period(2024),
        key_figures: vec![
            key("meetings_held", "Réunions tenues", FigureUnit::Count, 45.0, 40.0),
            key("presences", "Présences (personnes-réunions)", FigureUnit::Count, 1234.0, 1100.0),
            key("participation_rate", "Taux de participation", FigureUnit::Rate, 0.5514, 0.5),
            key("members", "Organismes membres au terme de la période", FigureUnit::Count, 87.0, 90.0),
            key("held_pleniere", "Réunions tenues — assemblée plénière", FigureUnit::Count, 3.0, 2.0),
        ],
        meetings: vec![],
        bodies: (0..bodies)
            .map(|i| BilanBody {
                id: format!("b{i}"),
                name: format!("Commission numéro {i:02}"),
                kind: BodyKind::Pleniere,
                frequency_label: None,
                expected: None,
                held: 3 + i as u32,
                cancelled: 1,
                average_present: Some(7.25),
                participation_rate: Some(0.5 + i as f64 / 200.0),
                members_at_end: 20,
                distinct_people: 30,
                distinct_organisations: 12,
                distinct_people_mobilised: 31,
                distinct_organisations_mobilised: 13,
            })
            .collect(),
        organisations: vec![],
        profiles: vec![],
        months: (1..=12).map(|m| MonthPoint { month: format!("2025-{m:02}"), meetings_held: m, presences: 10 * m }).collect(),
        work: BilanWork::default(),
        generated_at: "2025-12-31T00:00:00".into(),
        file_name: "Bilan.xlsx".into(),
    }
}

fn data(bodies: usize) -> ReportData {
    let ctx = Context {
        agency_name: Some("CCAS de Testville".into()),
        agency_town: Some("Testville".into()),
        introduction: Some("Une année de travail en commun.".into()),
        highlights: Some("La charte signée par œuvre commune.\n\nUn second paragraphe.".into()),
        outlook: Some("Ouvrir le réseau aux bailleurs.".into()),
        produced_on: "2026-01-15".into(),
        app_version: "test".into(),
    };
    from_bilan(&bilan(bodies), &ctx)
}

fn flat(s: &str) -> String {
    s.replace(['\u{202F}', '\u{A0}'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn tool(cmd: &str, args: &[&str], file: &Path) -> String {
    // pdftotext writes to a file unless told « - ».
    let to_stdout: &[&str] = if cmd == "pdftotext" { &["-"] } else { &[] };
    let out = Command::new(cmd).args(args).arg(file).args(to_stdout).output().unwrap_or_else(|e| panic!("{cmd} (poppler-utils) : {e}"));
    assert!(out.status.success(), "{cmd} : {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn zip_text(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
    s
}

const EXPECTED: &[&str] = &[
    "Réunions tenues 45 40 12,5 %",
    "Présences (personnes-réunions) 1 234 1 100 12,2 %",
    "Taux de participation 55,1 % 50,0 % +5,1 pt",
    "Organismes membres au terme de la période 87 90 -3,3 %",
    "Réunions tenues — assemblée plénière 3 2 50,0 %",
];

#[test]
fn the_pdf_holds_the_figures_and_texts_tagged_and_embedded() {
    let dir = tempfile::tempdir().unwrap();
    let d = data(3);
    let bytes = render(&d, Format::Pdf).unwrap();
    let pdf = dir.path().join("r.pdf");
    std::fs::write(&pdf, &bytes).unwrap();
    let text = tool("pdftotext", &["-layout", "-enc", "UTF-8"], &pdf).replace("-\n", "\n");
    let lines: Vec<String> = tool("pdftotext", &["-layout", "-enc", "UTF-8"], &pdf).lines().map(flat).collect();
    for e in EXPECTED {
        assert!(lines.iter().any(|l| l.contains(e)), "« {e} » absent du PDF");
    }
    for t in ["Une année de travail en commun.", "La charte signée par œuvre commune.", "Ouvrir le réseau aux bailleurs.", "CCAS de Testville", "Faits marquants", "Perspectives"] {
        assert!(flat(&text).contains(t), "« {t} » absent du PDF");
    }
    assert!(!text.contains('\u{AD}'), "césure dans le texte copié");
    let info = tool("pdfinfo", &[], &pdf) + &tool("pdfinfo", &["-meta"], &pdf);
    assert!(info.lines().any(|l| l.starts_with("Tagged:") && l.trim_end().ends_with("yes")), "{info}");
    assert!(info.contains("pdfaid") && info.contains("pdfuaid"), "{info}");
    assert!(info.contains("Title:           Rapport d'activité 2025"), "{info}");
    let fonts = tool("pdffonts", &[], &pdf);
    assert!(fonts.lines().skip(2).all(|l| l.contains(" yes ")), "{fonts}");
    // Same data, same bytes.
    assert!(render(&d, Format::Pdf).unwrap() == bytes);
    assert!(render(&d, Format::Odt).unwrap() == render(&d, Format::Odt).unwrap());
}

#[test]
fn fifty_bodies_break_pages_with_the_header_repeated() {
    let d = data(50);
    let doc = maillage_report::pdf::layout(&d).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("r.pdf");
    std::fs::write(&pdf, render(&d, Format::Pdf).unwrap()).unwrap();
    let pages = doc.pages().len();
    let mut with_bodies = 0;
    for p in 1..=pages {
        let t = tool("pdftotext", &["-layout", "-enc", "UTF-8", "-f", &p.to_string(), "-l", &p.to_string()], &pdf);
        // A row of the bodies' table: the body's name and its type on one line.
        let rows = t.lines().filter(|l| l.contains("Commission numéro") && l.contains("Séance plénière")).count();
        if rows > 0 {
            with_bodies += 1;
            assert!(t.lines().any(|l| l.contains("Instance") && l.contains("Type")), "page {p} : en-tête du tableau absent");
        }
    }
    assert!(with_bodies >= 2, "le tableau des 50 instances tient sur {with_bodies} page(s)");
    // No heading alone at the foot of a page: a page's last line (before the footer) is never
    // a heading.
    let headings: Vec<String> = maillage_report::blocks::body(&d)
        .iter()
        .filter_map(|b| match b {
            maillage_report::blocks::Block::Heading { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect();
    for p in 1..=pages {
        let t = tool("pdftotext", &["-layout", "-enc", "UTF-8", "-f", &p.to_string(), "-l", &p.to_string()], &pdf);
        let last = t.lines().map(str::trim).rfind(|l| !l.is_empty() && !l.contains(" — page ")).unwrap_or("");
        assert!(!headings.iter().any(|h| last.ends_with(h.as_str())), "page {p} : le titre « {last} » reste seul en bas de page");
    }
    let text = flat(&tool("pdftotext", &["-layout", "-enc", "UTF-8"], &pdf));
    for i in [0, 25, 49] {
        assert!(text.contains(&format!("Commission numéro {i:02}")), "instance {i} absente");
    }
}

#[test]
fn odt_and_docx_hold_the_same_figures_and_texts() {
    let d = data(3);
    let odt = render(&d, Format::Odt).unwrap();
    assert_eq!(&odt[30..38], b"mimetype");
    let strip = |xml: &str| {
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
        flat(&out.replace("&apos;", "'").replace("&quot;", "\"").replace("&amp;", "&"))
    };
    let content = strip(&zip_text(&odt, "content.xml"));
    let docx = strip(&zip_text(&render(&d, Format::Docx).unwrap(), "word/document.xml"));
    for t in EXPECTED.iter().copied().chain(["Une année de travail en commun.", "La charte signée par œuvre commune.", "Un second paragraphe.", "Ouvrir le réseau aux bailleurs."]) {
        assert!(content.contains(t), "ODT : « {t} » absent");
        assert!(docx.contains(t), "DOCX : « {t} » absent");
    }
    let styles = zip_text(&odt, "styles.xml");
    assert!(styles.contains(r#"style:display-name="Heading 1""#) && styles.contains(r#"style:display-name="Table Contents""#));
}

#[test]
fn without_the_secretariats_texts_their_sections_are_left_out() {
    let ctx = Context { agency_name: None, produced_on: "2026-01-15".into(), ..Context::default() };
    let d = from_bilan(&bilan(1), &ctx);
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("r.pdf");
    std::fs::write(&pdf, render(&d, Format::Pdf).unwrap()).unwrap();
    let text = tool("pdftotext", &["-enc", "UTF-8"], &pdf);
    assert!(!text.contains("Faits marquants") && !text.contains("Perspectives"));
    assert!(text.contains("Chiffres clés"));
}
