//! Archive export and import: time and peak memory against the size (docs/measurements.md). For
//! each size, a network of N people (N/10 organisations, a post each, N/50 meetings of 100
//! invitations, half of them present, 1 in 20 standing in for someone) is generated and exported,
//! then imported into an empty base in a process of its own, so that its peak resident memory
//! (VmHWM) is the import's alone. Prints figures; never fails on time.
//!
//! `cargo bench -p maillage-core --bench archive` (20,000, 40,000 and 80,000 people), or with
//! other sizes: `cargo bench -p maillage-core --bench archive -- 5000 10000`.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use maillage_core::archive;
use maillage_core::Database;

fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok()).unwrap_or(0.0) / 1024.0
}

/// CPU time of this process so far (user + system, Linux), in seconds: steadier than the wall
/// clock on a shared machine.
fn cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks: f64 = fields.get(11).and_then(|u| u.parse().ok()).unwrap_or(0.0) + fields.get(12).and_then(|s| s.parse().ok()).unwrap_or(0.0);
    ticks / 100.0
}

fn main() {
    // `cargo bench` adds `--bench`.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    match args.first().map(String::as_str) {
        Some("generate") => generate(args[1].parse().unwrap(), Path::new(&args[2])),
        Some("import") => import(Path::new(&args[1])),
        _ => {
            let sizes: Vec<usize> = if args.is_empty() { vec![20_000, 40_000, 80_000] } else { args.iter().map(|a| a.parse().unwrap()).collect() };
            let dir = tempfile::tempdir().unwrap();
            let me = std::env::current_exe().unwrap();
            println!("| people | rows | archive | export | read (check) | import (wall) | import (CPU) | CPU per 1,000 rows | import peak memory |");
            println!("|---|---|---|---|---|---|---|---|---|");
            for n in sizes {
                let path = dir.path().join(format!("archive-{n}.json"));
                let generated = Command::new(&me).args(["generate", &n.to_string()]).arg(&path).output().unwrap();
                assert!(generated.status.success(), "{}", String::from_utf8_lossy(&generated.stderr));
                let imported = Command::new(&me).arg("import").arg(&path).output().unwrap();
                assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
                let (g, i) = (String::from_utf8_lossy(&generated.stdout).trim().to_owned(), String::from_utf8_lossy(&imported.stdout).trim().to_owned());
                let g: Vec<&str> = g.split(' ').collect();
                let i: Vec<&str> = i.split(' ').collect();
                let (rows, mb, export) = (g[0], g[1], g[2]);
                let (read, import, cpu, peak) = (i[0], i[1], i[2], i[3]);
                let per_k = cpu.parse::<f64>().unwrap() / rows.parse::<f64>().unwrap() * 1000.0;
                println!("| {n} | {rows} | {mb} MB | {export} s | {read} s | {import} s | {cpu} s | {:.0} ms | {peak} MB |", per_k * 1000.0);
                std::fs::remove_file(&path).ok();
            }
        }
    }
}

/// Writes the network of `n` people straight into a new base, then exports it to `out`. Prints
/// « rows MB export_seconds ».
fn generate(n: usize, out: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("source.sqlite");
    drop(Database::open(&db_path).unwrap());
    // Straight SQL (no journal triggers): the generation is not what is measured.
    let mut c = rusqlite::Connection::open(&db_path).unwrap();
    let tx = c.transaction().unwrap();
    let at = "2026-06-01T08:00:00.000Z";
    let id = |kind: u32, i: usize| format!("01900000-{kind:04x}-7000-8000-{i:012x}");
    let orgs = (n / 10).max(1);
    {
        let mut org = tx.prepare("INSERT INTO organisation (id, name, sector, category, commune, name_key, commune_key, search_text, created_at, updated_at) VALUES (?1, ?2, 'associatif', 'autre', 'Brive', ?3, 'brive', ?3, ?4, ?4)").unwrap();
        for i in 0..orgs {
            org.execute(rusqlite::params![id(1, i), format!("Structure {i}"), format!("structure {i}"), at]).unwrap();
        }
        let mut person = tx.prepare("INSERT INTO person (id, first_name, last_name, category, email, phone, sort_key, search_text, created_at, updated_at) VALUES (?1, 'Sophie', ?2, 'professionnel', ?3, '05 55 12 34 56', ?4, ?4, ?5, ?5)").unwrap();
        let mut post = tx.prepare("INSERT INTO affiliation (id, person_id, organisation_id, function, created_at, updated_at) VALUES (?1, ?2, ?3, 'Travailleur social', ?4, ?4)").unwrap();
        for i in 0..n {
            person.execute(rusqlite::params![id(2, i), format!("Martin-{i}"), format!("p{i}@exemple.fr"), format!("martin-{i} sophie"), at]).unwrap();
            post.execute(rusqlite::params![id(3, i), id(2, i), id(1, i % orgs), at]).unwrap();
        }
        tx.execute("INSERT INTO body (id, name, kind, name_key, created_at, updated_at) VALUES (?1, 'Plénière', 'pleniere', 'pleniere', ?2, ?2)", rusqlite::params![id(4, 0), at]).unwrap();
        let mut meeting = tx.prepare("INSERT INTO meeting (id, body_id, title, date, status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 'tenue', ?5, ?5)").unwrap();
        let mut invite = tx.prepare("INSERT INTO invitation (id, meeting_id, person_id, is_member, reply, created_at, updated_at) VALUES (?1, ?2, ?3, 1, 'accepte', ?4, ?4)").unwrap();
        let mut mark = tx.prepare("INSERT INTO attendance (id, meeting_id, person_id, person_category, status, is_member, stand_in_for_person_id, recorded_at, created_at, updated_at) VALUES (?1, ?2, ?3, 'professionnel', 'present', 1, ?4, ?5, ?5, ?5)").unwrap();
        let mut k = 0;
        for m in 0..(n / 50).max(1) {
            let date = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(m as i64 % 2000);
            meeting.execute(rusqlite::params![id(5, m), id(4, 0), format!("Réunion {m}"), date.to_string(), at]).unwrap();
            for j in 0..100 {
                let p = (m * 37 + j * 101) % n;
                invite.execute(rusqlite::params![id(6, k), id(5, m), id(2, p), at]).unwrap();
                if j % 2 == 0 {
                    let stand_in = (k % 20 == 0).then(|| id(2, (p + 1) % n));
                    mark.execute(rusqlite::params![id(7, k), id(5, m), id(2, p), stand_in, at]).unwrap();
                }
                k += 1;
            }
        }
    }
    tx.commit().unwrap();
    drop(c);
    let db = Database::open(&db_path).unwrap();
    let t = Instant::now();
    archive::export_to(db.conn(), out).unwrap();
    let export = t.elapsed().as_secs_f64();
    let rows: i64 = archive::TABLES.iter().map(|t| db.conn().query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get::<_, i64>(0)).unwrap()).sum();
    let mb = std::fs::metadata(out).unwrap().len() as f64 / 1e6;
    println!("{rows} {mb:.1} {export:.2}");
}

/// Imports `path` into a new, empty base. Prints « read_s import_s import_cpu_s peak_MB ».
fn import(path: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let db = Database::open(&dir.path().join("target.sqlite")).unwrap();
    let t = Instant::now();
    let file = archive::read(path).unwrap();
    let read = t.elapsed().as_secs_f64();
    let (t, c) = (Instant::now(), cpu_s());
    archive::import(db.conn(), &file).unwrap();
    let (import, cpu) = (t.elapsed().as_secs_f64(), cpu_s() - c);
    println!("{read:.2} {import:.2} {cpu:.2} {:.0}", peak_mb());
}
