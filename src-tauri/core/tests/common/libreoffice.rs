//! Maillage's workbooks seen through LibreOffice Calc (headless), the spreadsheet program most
//! agencies without Excel use: it recalculates every formula on load and prints to PDF, which
//! poppler's `pdftotext -bbox-layout` reads back word by word (font size, position).
//! Shared by `tests/libreoffice.rs` and `examples/print_check.rs` (`scripts/print-preview.sh`).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use quick_xml::events::Event;

/// The smallest text a printed page may carry, in points.
pub const MIN_TEXT_PT: f64 = 7.0;
/// A4, in points, either way round; a PDF page's size is rounded to the hundredth.
const A4_PT: (f64, f64) = (595.28, 841.89);

/// LibreOffice with a profile of its own: a desktop LibreOffice already open would otherwise take
/// the job, and the profile says « recalculate every formula when a file is opened ».
pub struct Office {
    profile: PathBuf,
}

impl Office {
    /// `soffice` on the PATH. When it is missing the caller decides: `make test` sets
    /// MAILLAGE_REQUIRE_LIBREOFFICE, and then a missing LibreOffice is a failure, not a skip.
    pub fn find(profile: &Path) -> Option<Office> {
        let found = Command::new("soffice").arg("--version").output().is_ok_and(|o| o.status.success());
        if !found {
            assert!(
                std::env::var_os("MAILLAGE_REQUIRE_LIBREOFFICE").is_none(),
                "LibreOffice (soffice) est introuvable : scripts/setup.sh --test l'installe (libreoffice-calc-nogui)"
            );
            eprintln!("LibreOffice (soffice) absent : vérification sautée (MAILLAGE_REQUIRE_LIBREOFFICE non défini)");
            return None;
        }
        let user = profile.join("user");
        std::fs::create_dir_all(&user).unwrap();
        // 0 = always recalculate, for Excel 2007+ and ODF files (Tools › Options › Calc › Formula).
        std::fs::write(
            user.join("registrymodifications.xcu"),
            r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
        )
        .unwrap();
        Some(Office { profile: profile.to_owned() })
    }

    /// Converts `files` (one run of LibreOffice) to `format` ("pdf", "xlsx") in `out`; returns the
    /// converted files, in the same order.
    pub fn convert(&self, files: &[PathBuf], format: &str, out: &Path) -> Vec<PathBuf> {
        std::fs::create_dir_all(out).unwrap();
        let run = Command::new("soffice")
            .arg(format!("-env:UserInstallation=file://{}", self.profile.canonicalize().unwrap().display()))
            .args(["--headless", "--norestore", "--convert-to", format, "--outdir"])
            .arg(out)
            .args(files)
            .output()
            .expect("soffice");
        assert!(run.status.success(), "soffice : {}", String::from_utf8_lossy(&run.stderr));
        files
            .iter()
            .map(|f| {
                let done = out.join(f.file_stem().unwrap()).with_extension(format);
                assert!(done.exists(), "LibreOffice n'a pas produit {} : {}", done.display(), String::from_utf8_lossy(&run.stderr));
                done
            })
            .collect()
    }
}

/// A word printed on a page: its box in points from the top left, its font size.
#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub size: f64,
}

#[derive(Debug)]
pub struct Page {
    pub number: usize,
    pub width: f64,
    pub height: f64,
    pub words: Vec<Word>,
    /// The page's lines of text, top to bottom (pdftotext's).
    pub lines: Vec<String>,
}

/// How tall poppler makes a word's box for each point of font size: the fonts' ascent minus
/// descent, or 0.95 + 0.35 when a font does not say (LibreOffice writes 0 for both). The largest
/// of the PDF's fonts, so that a size is never overestimated.
fn box_per_point(pdf: &[u8]) -> f64 {
    let text = String::from_utf8_lossy(pdf);
    let number = |s: &str, key: &str| -> Option<f64> { s.split(key).nth(1)?.trim_start().split(|c: char| !(c.is_ascii_digit() || c == '-' || c == '.')).next()?.parse().ok() };
    text.split("/FontDescriptor")
        .skip(1)
        .filter_map(|d| {
            let d = d.split(">>").next()?;
            let ascent = number(d, "/Ascent").filter(|a| *a != 0.0).unwrap_or(950.0);
            let descent = number(d, "/Descent").filter(|a| *a != 0.0).unwrap_or(-350.0);
            Some((ascent - descent) / 1000.0)
        })
        .fold(1.3_f64, f64::max)
}

/// Every page of `pdf`, read by `pdftotext -bbox-layout`.
pub fn pages(pdf: &Path) -> Vec<Page> {
    let ratio = box_per_point(&std::fs::read(pdf).unwrap());
    let out = Command::new("pdftotext").args(["-bbox-layout", "-enc", "UTF-8"]).arg(pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success(), "pdftotext : {}", String::from_utf8_lossy(&out.stderr));
    let xml = String::from_utf8(out.stdout).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut pages, mut word, mut line): (Vec<Page>, Option<Word>, Vec<String>) = (vec![], None, vec![]);
    let attr = |e: &quick_xml::events::BytesStart, name: &str| -> f64 {
        let a = e.try_get_attribute(name).unwrap().unwrap_or_else(|| panic!("{name}"));
        a.value.parse().unwrap()
    };
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == "page" => {
                pages.push(Page { number: pages.len() + 1, width: attr(&e, "width"), height: attr(&e, "height"), words: vec![], lines: vec![] });
            }
            Event::Start(e) if e.name().as_ref() == "line" => line.clear(),
            Event::Start(e) if e.name().as_ref() == "word" => {
                let (x0, y0, x1, y1) = (attr(&e, "xMin"), attr(&e, "yMin"), attr(&e, "xMax"), attr(&e, "yMax"));
                word = Some(Word { text: String::new(), x0, y0, x1, y1, size: 0.0 });
            }
            Event::Text(t) => {
                if let Some(w) = word.as_mut() {
                    w.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(w) = word.as_mut() {
                    let name: &str = &r;
                    w.text.push_str(match name {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        other => other,
                    });
                }
            }
            Event::End(e) if e.name().as_ref() == "word" => {
                let mut w = word.take().unwrap();
                let (wide, tall) = (w.x1 - w.x0, w.y1 - w.y0);
                // Text turned a quarter (a chart's vertical axis title) has its size across.
                let across = if tall > 1.5 * wide && w.text.chars().count() >= 3 { wide } else { tall };
                w.size = across / ratio;
                line.push(w.text.clone());
                pages.last_mut().unwrap().words.push(w);
            }
            Event::End(e) if e.name().as_ref() == "line" => pages.last_mut().unwrap().lines.push(line.join(" ")),
            Event::Eof => break,
            _ => {}
        }
    }
    pages
}

impl Page {
    pub fn is_a4(&self) -> bool {
        let near = |a: f64, b: f64| (a - b).abs() < 1.0;
        (near(self.width, A4_PT.0) && near(self.height, A4_PT.1)) || (near(self.width, A4_PT.1) && near(self.height, A4_PT.0))
    }

    pub fn smallest(&self) -> Option<&Word> {
        self.words.iter().min_by(|a, b| a.size.total_cmp(&b.size))
    }

    /// Words printed over one another: their boxes cross across (same column) and share more
    /// than 30 % of their height. Lines of one wrapped cell share about 20 % (poppler's boxes are
    /// 1.3 em tall, the lines 1.0 em apart); a row printed over the next, or a cell's text run
    /// into its neighbour's, far more.
    pub fn overlaps(&self) -> Vec<(&Word, &Word)> {
        let mut found = vec![];
        let mut words: Vec<&Word> = self.words.iter().collect();
        words.sort_by(|a, b| a.y0.total_cmp(&b.y0));
        for (i, a) in words.iter().enumerate() {
            for b in &words[i + 1..] {
                if b.y0 >= a.y1 {
                    break;
                }
                let across = a.x1.min(b.x1) - a.x0.max(b.x0);
                let down = a.y1.min(b.y1) - a.y0.max(b.y0);
                if across > 0.5 && down > 0.3 * (a.y1 - a.y0).min(b.y1 - b.y0) {
                    found.push((*a, *b));
                }
            }
        }
        found
    }

    /// The sheet a page belongs to, from its footer « … — <feuille> — page P / N ».
    pub fn sheet(&self) -> Option<String> {
        let footer = self.lines.iter().rev().find(|l| l.contains(" — page "))?;
        let parts: Vec<&str> = footer.split(" — ").collect();
        let at = parts.iter().position(|p| p.starts_with("page "))?;
        (at > 0).then(|| parts[at - 1].to_owned())
    }
}

/// What a workbook printed to: pages per sheet and the smallest text of each sheet.
#[derive(Debug, Default)]
pub struct Printed {
    pub pages: usize,
    /// Sheet → (pages, smallest text in points), in the order printed.
    pub sheets: Vec<(String, usize, f64)>,
    /// Every fault found, in French, page by page.
    pub faults: Vec<String>,
}

/// Reads `pdf` back and checks every page: A4, no text under `MIN_TEXT_PT`, no words over others.
pub fn check_print(pdf: &Path) -> Printed {
    let mut printed = Printed::default();
    let mut by_sheet: BTreeMap<String, usize> = BTreeMap::new();
    for page in pages(pdf) {
        printed.pages += 1;
        let sheet = page.sheet().unwrap_or_else(|| "?".to_owned());
        let n = page.number;
        if !page.is_a4() {
            printed.faults.push(format!("page {n} ({sheet}) : {:.1} × {:.1} pt, pas A4", page.width, page.height));
        }
        let smallest = page.smallest().map_or(f64::INFINITY, |w| w.size);
        if let Some(w) = page.smallest().filter(|w| w.size < MIN_TEXT_PT) {
            printed.faults.push(format!("page {n} ({sheet}) : « {} » imprimé en {:.1} pt (moins de {MIN_TEXT_PT} pt)", w.text, w.size));
        }
        for (a, b) in page.overlaps().into_iter().take(3) {
            printed.faults.push(format!("page {n} ({sheet}) : « {} » et « {} » se chevauchent", a.text, b.text));
        }
        match by_sheet.get(&sheet) {
            Some(&i) => {
                let s = &mut printed.sheets[i];
                s.1 += 1;
                s.2 = s.2.min(smallest);
            }
            None => {
                by_sheet.insert(sheet.clone(), printed.sheets.len());
                printed.sheets.push((sheet, 1, smallest));
            }
        }
    }
    printed
}
