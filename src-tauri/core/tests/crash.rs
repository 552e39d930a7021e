//! Crash safety (bounded for `make test`): a child process checks people in, or merges a laptop
//! copy, and is killed with SIGKILL at a random moment — 50 times each. After every kill the file
//! passes `PRAGMA integrity_check`, every check-in the child reported as committed is there, and a
//! merge is either whole or absent. CRASH_LOOPS changes the number of kills of each kind.
//!
//! The child is this test binary itself (`tests/main.rs`), run again on the `crash::crash_child`
//! test with an environment variable saying what to do; without it, `crash_child` does nothing.

use crate::common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use maillage_core::db::{OpenOptions, Passphrase};
use maillage_core::model::*;
use maillage_core::queries::{attendance, bodies, invitations, meetings, persons};
use maillage_core::sync::{self, merge::MergeChoices};
use maillage_core::Database;

const CHILD: &str = "MAILLAGE_CRASH_CHILD";
const DB: &str = "MAILLAGE_CRASH_DB";
const COPY: &str = "MAILLAGE_CRASH_COPY";
const PASS: &str = "copie de la plénière";
const INVITED: usize = 120;

fn loops() -> usize {
    std::env::var("CRASH_LOOPS").ok().and_then(|n| n.parse().ok()).unwrap_or(50)
}

/// The child's work; a no-op unless run by `spawn`.
#[test]
fn crash_child() {
    let Ok(mode) = std::env::var(CHILD) else { return };
    let db = Database::open_with(Path::new(&std::env::var(DB).unwrap()), &OpenOptions::existing(None)).unwrap();
    let mut out = std::io::stdout().lock();
    match mode.as_str() {
        "checkin" => {
            let meeting: String = db.conn().query_row("SELECT id FROM meeting", [], |r| r.get(0)).unwrap();
            let todo: Vec<String> = db
                .conn()
                .prepare("SELECT person_id FROM invitation WHERE person_id NOT IN (SELECT person_id FROM attendance) ORDER BY person_id")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            for p in todo {
                attendance::check_in(db.conn(), &meeting, None, &p).unwrap();
                writeln!(out, "COMMITTED {p}").unwrap();
                out.flush().unwrap();
            }
        }
        "merge" => {
            let copy = std::env::var(COPY).unwrap();
            let choices = MergeChoices { prefer: Some(sync::merge::Side::Copy), ..Default::default() };
            sync::merge::merge(&db, Path::new(&copy), &Passphrase::new(PASS), &choices, false).unwrap();
            writeln!(out, "MERGED").unwrap();
            out.flush().unwrap();
        }
        _ => unreachable!(),
    }
    // Stay alive until killed: the parent decides when the child dies.
    std::thread::sleep(Duration::from_secs(30));
}

/// Runs the child on `db` and kills it with SIGKILL after `delay`. Returns what it printed.
fn spawn(mode: &str, db: &Path, copy: Option<&Path>, delay: Duration) -> Vec<String> {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    // The child's test by its full name in this binary (`crash::crash_child`).
    let child_test = format!("{}::crash_child", module_path!().split_once("::").map_or(module_path!(), |(_, m)| m));
    cmd.args([child_test.as_str(), "--exact", "--nocapture", "--test-threads=1", "--quiet"])
        .env(CHILD, mode)
        .env(DB, db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some(c) = copy {
        cmd.env(COPY, c);
    }
    let mut child = cmd.spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || BufReader::new(stdout).lines().map_while(Result::ok).collect::<Vec<_>>());
    std::thread::sleep(delay);
    child.kill().unwrap(); // SIGKILL on Unix: no destructor, no rollback, no checkpoint
    child.wait().unwrap();
    reader.join().unwrap()
}

fn integrity(db: &Path) {
    let c = rusqlite::Connection::open(db).unwrap();
    let r: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(r, "ok");
}

/// A meeting today with INVITED invited people.
fn network(t: &common::TestDb) -> String {
    let body = bodies::create(t, BodyInput { name: "Plénière".into(), kind: Some(BodyKind::Pleniere), ..Default::default() }).unwrap().id;
    let today = chrono::Local::now().date_naive().to_string();
    let meeting = meetings::create(t, MeetingInput { body_id: body, date: Some(today), ..Default::default() }).unwrap().id;
    let tx = maillage_core::db::write_tx(t).unwrap();
    let people: Vec<String> = (0..INVITED)
        .map(|i| persons::create(&tx, PersonInput { last_name: Some(format!("Nom{i:03}")), category: Some(PersonCategory::Habitant), ..Default::default() }).unwrap().id)
        .collect();
    invitations::invite(&tx, InviteRequest { meeting_id: meeting.clone(), body_members: false, person_ids: people, organisation_ids: vec![] }).unwrap();
    tx.commit().unwrap();
    meeting
}

#[cfg(unix)]
#[test]
fn check_ins_killed_at_random_moments_are_never_lost() {
    let t = common::fresh();
    network(&t);
    let path = t.db.path().to_owned();
    let mut committed = std::collections::BTreeSet::new();
    for _ in 0..loops() {
        let lines = spawn("checkin", &path, None, Duration::from_millis(fastrand::u64(5..60)));
        committed.extend(lines.into_iter().filter_map(|l| l.strip_prefix("COMMITTED ").map(str::to_owned)));
        integrity(&path);
        let c = rusqlite::Connection::open(&path).unwrap();
        let present: std::collections::BTreeSet<String> =
            c.prepare("SELECT person_id FROM attendance").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        assert!(committed.is_subset(&present), "a check-in reported as committed is missing");
        if present.len() == INVITED {
            break;
        }
    }
    assert!(!committed.is_empty(), "the child never got to check anyone in");
}

#[cfg(unix)]
#[test]
fn a_merge_killed_at_a_random_moment_is_whole_or_absent() {
    // The office database and a copy where the laptop checked everyone in, made once.
    let t = common::fresh();
    let meeting = network(&t);
    let dir = t.dir.path().to_owned();
    let copy = dir.join("c.maillage");
    sync::copy::make(&t.db, &[meeting.clone()], &copy, &Passphrase::new(PASS), false).unwrap();
    {
        let laptop = Database::open_with(&copy, &OpenOptions::existing(Some(Passphrase::new(PASS)))).unwrap();
        let ids: Vec<String> = laptop.conn().prepare("SELECT person_id FROM invitation").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        for p in ids {
            attendance::check_in(laptop.conn(), &meeting, None, &p).unwrap();
        }
    }
    let office = t.db.path().to_owned();
    t.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    let pristine = dir.join("pristine.sqlite");
    std::fs::copy(&office, &pristine).unwrap();
    drop(t.db);

    let (mut whole, mut absent) = (0, 0);
    for i in 0..loops() {
        let run = dir.join(format!("run{i}.sqlite"));
        std::fs::copy(&pristine, &run).unwrap();
        // Merging takes a few hundred milliseconds (the passphrase's key derivation, then the
        // transaction): kill anywhere in it, or after.
        spawn("merge", &run, Some(&copy), Duration::from_millis(fastrand::u64(0..900)));
        integrity(&run);
        let c = rusqlite::Connection::open(&run).unwrap();
        let present: i64 = c.query_row("SELECT count(*) FROM attendance", [], |r| r.get(0)).unwrap();
        let merged: i64 = c.query_row("SELECT count(*) FROM merged_copy", [], |r| r.get(0)).unwrap();
        match (present, merged) {
            (0, 0) => absent += 1,
            (n, 1) if n == INVITED as i64 => whole += 1,
            other => panic!("a half merge: {other:?}"),
        }
        drop(c);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", run.display()));
        }
        let _ = std::fs::remove_dir_all(maillage_core::backup::dir(&run));
    }
    eprintln!("merges killed: {absent} before the commit, {whole} after");
}
