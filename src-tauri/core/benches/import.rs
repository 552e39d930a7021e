//! Import speed and memory (docs/measurements.md): 20,000 people with their posts in 500
//! organisations, from an `.xlsx` as a secretariat would have one, into an empty base — reading,
//! the preview and the write, each timed (5 runs: median and best) — then the peak memory of reading and
//! previewing 100,000 rows. Prints figures; never fails on time.
//! `cargo bench -p maillage-core --bench import`. Targets: preview < 3 s, write < 3 s for 20,000
//! rows; 100,000 rows under 300 MB.

use std::time::{Duration, Instant};

use maillage_core::import::{self, columns};
use maillage_core::model::*;
use maillage_core::Database;
use rust_xlsxwriter::Workbook;

const FIRST: [&str; 12] = ["Sophie", "Jean", "Élodie", "Paul", "Lucie", "Luis", "Anne", "Marc", "Léa", "Karim", "Fatou", "Hugo"];
const LAST: [&str; 10] = ["Martin", "Dupré", "Moreau", "Garcia", "Petit", "Bernard", "Leroy", "Nguyen", "Diallo", "Rousseau"];

fn workbook(path: &std::path::Path, rows: usize) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in ["Civilité", "Nom", "Prénom", "Structure", "Fonction", "Courriel", "Téléphone", "Date d'entrée"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..rows {
        let r = i as u32 + 1;
        ws.write_string(r, 0, if i % 2 == 0 { "Mme" } else { "M." }).unwrap();
        // Unique names: a name seen twice is a probable duplicate, which is not what is measured.
        ws.write_string(r, 1, format!("{}-{i}", LAST[i % LAST.len()])).unwrap();
        ws.write_string(r, 2, FIRST[i % FIRST.len()]).unwrap();
        ws.write_string(r, 3, format!("Structure {}", i % 500)).unwrap();
        ws.write_string(r, 4, "Travailleur social").unwrap();
        ws.write_string(r, 5, format!("personne{i}@exemple.fr")).unwrap();
        ws.write_string(r, 6, format!("05 55 {:02} {:02} {:02}", i / 10000 % 100, i / 100 % 100, i % 100)).unwrap();
        ws.write_string(r, 7, format!("{:02}/{:02}/20{:02}", 1 + i % 28, 1 + i % 12, 10 + i % 15)).unwrap();
    }
    book.save(path).unwrap();
}

/// CPU time of this process so far (user + system, Linux), in seconds: steadier than the wall
/// clock on a shared machine.
fn cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks: f64 = fields.get(11).and_then(|u| u.parse().ok()).unwrap_or(0.0) + fields.get(12).and_then(|s| s.parse().ok()).unwrap_or(0.0);
    ticks / 100.0
}

/// Peak resident memory of this process so far (Linux), in MB.
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok()).unwrap_or(0.0) / 1024.0
}

/// « médiane 3.6 s, meilleure 3.4 s »: the machine is shared, the best run says what the code
/// costs, the median what a user waits.
fn spread(mut v: Vec<Duration>) -> String {
    v.sort();
    format!("médiane {:.2} s, meilleure {:.2} s", v[v.len() / 2].as_secs_f64(), v[0].as_secs_f64())
}

fn request(mapping: ImportMapping) -> ImportRequest {
    ImportRequest { kind: ImportKind::People, mapping, on_duplicate: DuplicateChoice::Skip, choices: Vec::new(), body_id: None, strict: false }
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("contacts-20000.xlsx");
    workbook(&path, 20_000);
    let size = std::fs::metadata(&path).unwrap().len();
    let (mut reads, mut previews, mut writes) = (vec![], vec![], vec![]);
    let (mut preview_cpu, mut write_cpu) = (vec![], vec![]);
    for run in 0..5 {
        let db = Database::open(&dir.path().join(format!("base{run}.sqlite"))).unwrap();
        let t = Instant::now();
        let source = import::read(&path).unwrap();
        reads.push(t.elapsed());
        let mapping = columns::guess(db.conn(), ImportKind::People, &source, None, None).unwrap();
        let (t, c) = (Instant::now(), cpu_s());
        let p = import::preview(db.conn(), &source, &request(mapping.clone())).unwrap();
        previews.push(t.elapsed());
        preview_cpu.push(Duration::from_secs_f64(cpu_s() - c));
        assert_eq!((p.created, p.rejected), (20_000, 0));
        let (t, c) = (Instant::now(), cpu_s());
        let w = import::apply(&db, &source, &request(mapping)).unwrap();
        writes.push(t.elapsed());
        write_cpu.push(Duration::from_secs_f64(cpu_s() - c));
        assert_eq!((w.created, w.new_organisations.len()), (20_000, 500));
    }
    println!("Import de 20 000 personnes avec leur poste (xlsx de {:.1} Mo, 500 structures) :", size as f64 / 1e6);
    println!("  lecture du fichier : {}", spread(reads));
    println!("  aperçu             : {} (cible < 3 s)", spread(previews));
    println!("  écriture           : {} (cible < 3 s, sauvegarde comprise)", spread(writes));
    println!("  temps processeur   : aperçu {}, écriture {}", spread(preview_cpu), spread(write_cpu));
    println!("  mémoire maximale   : {:.0} Mo", peak_mb());

    let big = dir.path().join("contacts-100000.xlsx");
    workbook(&big, 100_000);
    let db = Database::open(&dir.path().join("grande.sqlite")).unwrap();
    let t = Instant::now();
    let source = import::read(&big).unwrap();
    let read = t.elapsed().as_secs_f64();
    let mapping = columns::guess(db.conn(), ImportKind::People, &source, None, None).unwrap();
    let t = Instant::now();
    let p = import::preview(db.conn(), &source, &request(mapping)).unwrap();
    println!("100 000 lignes : lecture {read:.1} s, aperçu {:.1} s ({} à créer), mémoire maximale du processus {:.0} Mo (cible < 300 Mo)", t.elapsed().as_secs_f64(), p.created, peak_mb());
}
