//! Bilan speed on a large realistic database: 10 years, 2,000 organisations, 20,000 people,
//! 5,000 meetings, 100,000 attendance rows. Prints the time to compute a year's figures and to
//! write the workbook (medians), and writes the `Réunions` sheet of all 5,000 meetings, whose rows
//! it also saves as JSON so that `scripts/bench_xlsxwriter.py` writes the same with Python's
//! XlsxWriter. Then the integrity gate's cost: SQLite's checks, and `maillage-cli bilan --year`
//! end to end (first run with the full check, then sealed). Run everything with
//! `scripts/bench-bilan.sh`.

use std::time::{Duration, Instant};

use maillage_core::model::*;
use maillage_core::bilan;
use maillage_core::queries::{bodies, organisations, persons};
use maillage_core::Database;
use rusqlite::params;

const YEARS: i32 = 10;
const ORGS: usize = 2_000;
const PEOPLE: usize = 20_000;
const MEETINGS: usize = 5_000;
const ATTENDANCE_PER_MEETING: usize = 22;
const INVITED_PER_MEETING: usize = 28;

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1e3
}

fn main() {
    let out_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&out_dir).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = Database::open(&dir.path().join("large.sqlite")).unwrap();
    let c = db.conn();
    let mut rng = fastrand::Rng::with_seed(2026);
    let t = Instant::now();
    let tx = maillage_core::db::write_tx(c).unwrap();
    let sectors = [Sector::Public, Sector::Parapublic, Sector::Associatif, Sector::Prive];
    let orgs: Vec<String> = (0..ORGS)
        .map(|i| organisations::create(&tx, OrganisationInput { name: format!("Organisme {i}"), sector: Some(sectors[i % 4]), category: Some(OrgCategory::Autre), commune: Some(format!("Commune {}", i % 50)), ..Default::default() }).unwrap().id)
        .collect();
    let cats = PersonCategory::ALL;
    let people: Vec<(String, PersonCategory, usize)> = (0..PEOPLE)
        .map(|i| {
            let cat = cats[i % cats.len()];
            let id = persons::create(&tx, PersonInput { first_name: Some(format!("Prénom{i}")), last_name: Some(format!("Nom{i}")), category: Some(cat), ..Default::default() }).unwrap().id;
            (id, cat, i % ORGS)
        })
        .collect();
    for (i, o) in orgs.iter().enumerate() {
        let status = ["prospect", "interesse", "membre", "membre"][i % 4];
        tx.execute("INSERT INTO membership_event (id, organisation_id, status, effective_date, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, '2020-01-01', '2020-01-01')",
            params![uuid::Uuid::now_v7().to_string(), o, status, format!("{}-03-01", 2017 + (i % 8) as i32)]).unwrap();
    }
    let kinds = BodyKind::ALL;
    let body_ids: Vec<String> = (0..40)
        .map(|i| bodies::create(&tx, BodyInput { name: format!("Instance {i}"), kind: Some(kinds[i % kinds.len()]), frequency_months: Some(1 + (i % 6) as u32), ..Default::default() }).unwrap().id)
        .collect();
    let first_year = 2026 - YEARS + 1;
    let mut inv = tx.prepare("INSERT INTO invitation (id, meeting_id, person_id, organisation_id, is_member, reply, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, '2020-01-01', '2020-01-01')").unwrap();
    let mut att = tx.prepare("INSERT INTO attendance (id, meeting_id, person_id, organisation_id, person_category, status, is_member, walk_in, recorded_at, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, '2020-01-01', '2020-01-01', '2020-01-01')").unwrap();
    let mut attendance_rows = 0;
    for k in 0..MEETINGS {
        let y = first_year + (k * YEARS as usize / MEETINGS) as i32;
        let date = format!("{y}-{:02}-{:02}", 1 + rng.u32(0..12), 1 + rng.u32(0..28));
        let status = if rng.u8(0..100) < 5 { "annulee" } else { "tenue" };
        let id = uuid::Uuid::now_v7().to_string();
        tx.execute("INSERT INTO meeting (id, body_id, date, start_time, place, status, minutes_sent_on, created_at, updated_at) VALUES (?1, ?2, ?3, '14:00', 'Salle du conseil', ?4, ?3, '2020-01-01', '2020-01-01')",
            params![id, body_ids[k % body_ids.len()], date, status]).unwrap();
        let start = rng.usize(0..PEOPLE - INVITED_PER_MEETING);
        for (j, (p, cat, o)) in people[start..start + INVITED_PER_MEETING].iter().enumerate() {
            let reply = ["accepte", "accepte", "excuse", "en_attente", "decline"][j % 5];
            inv.execute(params![uuid::Uuid::now_v7().to_string(), id, p, orgs[*o], j % 7 != 0, reply]).unwrap();
            if status == "tenue" && j < ATTENDANCE_PER_MEETING {
                let st = if j % 9 == 8 { "excuse" } else { "present" };
                att.execute(params![uuid::Uuid::now_v7().to_string(), id, p, orgs[*o], cat.code(), st, j % 7 != 0]).unwrap();
                attendance_rows += 1;
            }
        }
    }
    drop(inv);
    drop(att);
    tx.commit().unwrap();
    println!(
        "database: {YEARS} years, {ORGS} organisations, {PEOPLE} people, {MEETINGS} meetings, {attendance_rows} attendance rows — built in {:.1} s",
        t.elapsed().as_secs_f64()
    );

    // Kept for inspection (EXPLAIN QUERY PLAN, sqlite3): target/bench/large.sqlite.
    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    let _ = std::fs::copy(dir.path().join("large.sqlite"), out_dir.join("large.sqlite"));
    let year = bilan::year(2026);
    // The figures alone (what the dashboard, the Synthèse and computed indicators need): the
    // period's rows read once, the rest in memory.
    let mut figures = Vec::new();
    // Warm-up: the first reads fill SQLite's page cache.
    for _ in 0..3 {
        std::hint::black_box(bilan::figures(c, year.clone()).unwrap());
    }
    for _ in 0..25 {
        let t = Instant::now();
        std::hint::black_box(bilan::figures(c, year.clone()).unwrap());
        figures.push(t.elapsed());
    }
    println!("the year's figures with N-1             median {:>8.1} ms   target < 30 ms", median(figures));
    let mut compute = Vec::new();
    let mut last = None;
    for _ in 0..15 {
        let t = Instant::now();
        last = Some(bilan::compute(c, year.clone()).unwrap());
        compute.push(t.elapsed());
    }
    let b = last.unwrap();
    println!("the whole bilan (figures + work)         median {:>8.1} ms   target < 200 ms   ({} meetings in the year)", median(compute), b.meetings.len());

    let path = out_dir.join("bilan-large.xlsx");
    let settings = maillage_core::queries::settings::get(c).unwrap();
    let mut write = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        maillage_core::export::bilan_xlsx::write(&b, &settings, None, &path).unwrap();
        write.push(t.elapsed());
    }
    println!("write the workbook (6 sheets)           median {:>8.1} ms   target < 1000 ms", median(write));

    // All 5,000 meetings in one Réunions sheet, for the comparison with Python's XlsxWriter.
    let all = bilan::compute(c, bilan::range(&format!("{first_year}-01-01"), "2026-12-31").unwrap()).unwrap();
    let rows: Vec<serde_json::Value> = all
        .meetings
        .iter()
        .map(|m| {
            let f = &m.figures;
            serde_json::json!([m.date, m.body, maillage_core::labels::body_kind(m.body_kind), m.place, f.invited_people, f.invited_organisations,
                f.present, f.excused, f.absent, f.no_reply, f.organisations_present, f.organisations_present_or_excused, f.non_members_present,
                f.participation_rate, m.minutes_sent_on, maillage_core::labels::meeting_status(m.status), f.represented, f.walk_ins])
        })
        .collect();
    std::fs::write(out_dir.join("reunions.json"), serde_json::to_string(&rows).unwrap()).unwrap();
    let sheet = out_dir.join("reunions-rust.xlsx");
    let mut meetings_sheet = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        maillage_core::export::bilan_xlsx::meetings_workbook(&all.meetings, &sheet).unwrap();
        meetings_sheet.push(t.elapsed());
    }
    println!("RUST_REUNIONS_MS {:.1} ({} rows)", median(meetings_sheet), rows.len());

    // What the integrity gate costs (src/integrity.rs): SQLite's two checks on this database, then
    // `maillage-cli bilan --year 2026` end to end on a copy of it, as a user runs it — the first
    // run makes the full check and seals the file, the next ones find the seal.
    let check = |pragma: &str| {
        let t = Instant::now();
        let found: Vec<String> = c.prepare(pragma).unwrap().query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
        assert_eq!(found, ["ok"]);
        t.elapsed().as_secs_f64() * 1e3
    };
    println!("PRAGMA quick_check                      {:>8.1} ms", check("PRAGMA quick_check"));
    println!("PRAGMA integrity_check (the full check) {:>8.1} ms", check("PRAGMA integrity_check"));
    let e2e = tempfile::tempdir().unwrap();
    let file = e2e.path().join("large.sqlite");
    std::fs::copy(out_dir.join("large.sqlite"), &file).unwrap();
    // The release `maillage-cli` (its own crate: scripts/bench-bilan.sh builds it first).
    let cli = std::env::var_os("MAILLAGE_CLI")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/release/maillage-cli"));
    assert!(cli.is_file(), "{} introuvable : cargo build --release -p maillage-cli (ou MAILLAGE_CLI)", cli.display());
    let run = || {
        let t = Instant::now();
        let done = std::process::Command::new(&cli)
            .env("MAILLAGE_STATE_DIR", e2e.path().join("seals"))
            .arg("--db").arg(&file)
            .args(["bilan", "--year", "2026", "--force", "--out"]).arg(e2e.path().join("bilan.xlsx"))
            .output()
            .unwrap();
        assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
        t.elapsed()
    };
    let first = run();
    let sealed: Vec<Duration> = (0..9).map(|_| run()).collect();
    println!("CLI bilan --year, first run (full check)  {:>8.1} ms", first.as_secs_f64() * 1e3);
    println!("CLI bilan --year, file sealed (median)    {:>8.1} ms   target < 150 ms end to end", median(sealed));
}
