//! The activity report on the 10-year bench database (target/bench/large.sqlite, written by
//! `cargo bench -p maillage-core --bench bilan`, i.e. scripts/bench-bilan.sh): the bilan of one
//! year computed once, then the PDF, the ODT and the DOCX, each timed (median of 5) and written
//! to target/bench/; the peak memory of the process. Prints figures; never fails on time.

use std::time::{Duration, Instant};

use maillage_core::report::{self, Format, Texts};
use maillage_core::{bilan, Database};

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

/// The process's peak resident memory (Linux), in MB.
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let out_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    let source = out_dir.join("large.sqlite");
    if !source.exists() {
        println!("report bench: {} is missing — run `cargo bench -p maillage-core --bench bilan` (scripts/bench-bilan.sh) first", source.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("large.sqlite");
    std::fs::copy(&source, &file).unwrap();
    let db = Database::open(&file).unwrap();
    let conn = db.conn();
    let t = Instant::now();
    let b = bilan::compute(conn, bilan::year(2026)).unwrap();
    let compute_ms = t.elapsed().as_secs_f64() * 1000.0;
    let texts = Texts { introduction: Some("Introduction.".into()), faits_marquants: Some("Faits marquants.".into()), perspectives: Some("Perspectives.".into()) };
    let data = report::data_of(conn, &b, &texts, "2026-12-31").unwrap();
    println!("bilan 2026 computed in {compute_ms:.0} ms ({} bodies, {} organisations)", b.bodies.len(), b.organisations.len());
    for (format, ext) in [(Format::Pdf, "pdf"), (Format::Odt, "odt"), (Format::Docx, "docx")] {
        let mut times = Vec::new();
        let mut bytes = Vec::new();
        for _ in 0..5 {
            let t = Instant::now();
            bytes = report::render(&data, format).unwrap();
            times.push(t.elapsed());
        }
        std::fs::write(out_dir.join(format!("rapport.{ext}")), &bytes).unwrap();
        println!("REPORT_{}_MS {:.1} (first {:.1}; {} KB)", ext.to_uppercase(), median(times.clone()), times[0].as_secs_f64() * 1000.0, bytes.len() / 1024);
    }
    // End to end as the CLI does it: compute, lay out, write.
    let t = Instant::now();
    report::export(conn, bilan::year(2026), Format::Pdf, &texts, &dir.path().join("r.pdf")).unwrap();
    println!("REPORT_PDF_END_TO_END_MS {:.0}", t.elapsed().as_secs_f64() * 1000.0);
    if let Some(mb) = peak_mb() {
        println!("PEAK_RSS_MB {mb:.0}");
    }
}
