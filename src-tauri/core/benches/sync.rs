//! Laptop copy, merge and backup speed on the 10-year database of the bilan benchmark
//! (`target/bench/large.sqlite`, made by `cargo bench -p maillage-core --bench bilan`): preparing a
//! copy for a plenary of 400 invited people, merging it back after 400 check-ins and 50 edits,
//! and a backup. Prints figures (medians of 3); never fails on time. Targets: copy < 2 s, merge
//! < 1 s, backup < 2 s (docs/measurements.md).

use std::time::{Duration, Instant};

use maillage_core::db::{OpenOptions, Passphrase};
use maillage_core::model::*;
use maillage_core::queries::{attendance, meetings, persons};
use maillage_core::sync::{self, merge::MergeChoices};
use maillage_core::Database;

const INVITED: usize = 400;
const EDITS: usize = 50;
const PASS: &str = "banc d'essai de la copie";

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1e3
}

fn main() {
    let large = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench/large.sqlite");
    if !large.exists() {
        eprintln!("Base de test absente : lancez d'abord « cargo bench -p maillage-core --bench bilan ».");
        std::process::exit(1);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.sqlite");
    std::fs::copy(&large, &path).unwrap();
    let office = Database::open(&path).unwrap();
    let c = office.conn();

    // A plenary today with 400 invited people.
    let body: String = c.query_row("SELECT id FROM body ORDER BY name LIMIT 1", [], |r| r.get(0)).unwrap();
    let today = chrono::Local::now().date_naive().to_string();
    let meeting = meetings::create(c, MeetingInput { body_id: body, date: Some(today), ..Default::default() }).unwrap().id;
    let people: Vec<String> = c.prepare("SELECT id FROM person WHERE deleted_at IS NULL ORDER BY id LIMIT ?").unwrap()
        .query_map([INVITED as i64], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    maillage_core::queries::invitations::invite(c, InviteRequest { meeting_id: meeting.clone(), body_members: false, person_ids: people.clone(), organisation_ids: vec![] }).unwrap();

    let (mut copies, mut previews, mut merges, mut backups) = (vec![], vec![], vec![], vec![]);
    let mut size = 0;
    for run in 0..3 {
        let out = dir.path().join(format!("copie{run}.maillage"));
        let t = Instant::now();
        let summary = sync::copy::make(&office, &[meeting.clone()], &out, &Passphrase::new(PASS), false).unwrap();
        copies.push(t.elapsed());
        size = std::fs::metadata(&out).unwrap().len();
        if run == 0 {
            println!("Copie : {} personnes, {} organismes, {} invitations, {:.1} Mo", summary.people, summary.organisations, summary.invitations, size as f64 / 1e6);
        }
        {
            let laptop = Database::open_with(&out, &OpenOptions::existing(Some(Passphrase::new(PASS)))).unwrap();
            let tx = maillage_core::db::write_tx(laptop.conn()).unwrap();
            for p in &people {
                attendance::check_in(&tx, &meeting, None, p).unwrap();
            }
            for (i, p) in people.iter().take(EDITS).enumerate() {
                let mut input: PersonInput = serde_json::from_value(serde_json::to_value(persons::get(&tx, p).unwrap()).unwrap()).unwrap();
                input.phone = Some(format!("05 55 00 {:02} {:02}", run, i));
                persons::update(&tx, p, input).unwrap();
            }
            tx.commit().unwrap();
        }
        let choices = MergeChoices { prefer: Some(sync::merge::Side::Copy), ..Default::default() };
        let t = Instant::now();
        sync::merge::merge(&office, &out, &Passphrase::new(PASS), &choices, true).unwrap();
        previews.push(t.elapsed());
        let t = Instant::now();
        let r = sync::merge::merge(&office, &out, &Passphrase::new(PASS), &choices, false).unwrap();
        merges.push(t.elapsed());
        assert!(r.applied);
        // The next run starts from no presence again (the merge's own backup is not counted here).
        c.execute("DELETE FROM attendance WHERE meeting_id = ?", [&meeting]).unwrap();
        let t = Instant::now();
        office.backup(maillage_core::backup::Reason::Manual).unwrap();
        backups.push(t.elapsed());
    }
    let db_size = std::fs::metadata(&path).unwrap().len();
    println!("COPY_MS {:.0} (copie de {:.1} Mo, cible < 2000)", median(copies), size as f64 / 1e6);
    println!("MERGE_PREVIEW_MS {:.0}", median(previews));
    println!("MERGE_MS {:.0} ({INVITED} présences et {EDITS} modifications, sauvegarde avant fusion comprise ; cible < 1000)", median(merges));
    println!("BACKUP_MS {:.0} (base de {:.0} Mo, cible < 2000)", median(backups), db_size as f64 / 1e6);
}
