//! What backups leave beside the database: one checked file each, nothing else. An interrupted
//! backup's hidden `.partial` file (everyone's data) goes at the next backup or start, is counted
//! by an erasure's report until then, and a backup another process is writing is never taken for
//! one. `hostile_` tests kill real backups (SIGKILL) at random moments.

use crate::common;

use std::path::{Path, PathBuf};
use std::time::Instant;

use common::office::{Kind, Office};
use maillage_core::backup::{self, Reason};
use maillage_core::db::OpenOptions;
use maillage_core::privacy::{self, OpenRoles};
use maillage_core::Database;

/// The names in the backups folder of `db` other than complete backups and the folder's lock.
fn leftovers(db: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(backup::dir(db)) else { return Vec::new() };
    let complete: Vec<String> = backup::list(db).unwrap().into_iter().map(|b| b.file_name).collect();
    let mut out: Vec<String> = entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".verrou" && !complete.contains(n))
        .collect();
    out.sort();
    out
}

/// What a killed backup leaves: its partial file and SQLite's journals beside it.
fn plant_leftover(db: &Path, name: &str) -> Vec<PathBuf> {
    let folder = backup::dir(db);
    std::fs::create_dir_all(&folder).unwrap();
    ["", "-journal", "-wal", "-shm"]
        .iter()
        .map(|s| {
            let p = folder.join(format!(".{name}.sqlite.4242.partial{s}"));
            std::fs::write(&p, b"les donnees de tout le monde").unwrap();
            p
        })
        .collect()
}

#[test]
fn a_backup_leaves_one_checked_file_and_nothing_else() {
    for kind in [Kind::Plain, Kind::Encrypted] {
        let dir = tempfile::tempdir().unwrap();
        let o = Office::new(kind, dir.path(), "bureau.sqlite");
        o.cli().arg("init").assert().success();
        o.cli().arg("backup").assert().success();
        o.cli().arg("backup").assert().success();
        assert_eq!(backup::list(&o.db).unwrap().len(), 2, "{kind:?}");
        assert_eq!(leftovers(&o.db), Vec::<String>::new(), "{kind:?}");
    }
}

#[test]
fn leftovers_go_at_start_and_at_the_next_backup_and_are_counted_until_then() {
    let t = common::fresh();
    let db = t.db.path().to_owned();
    let person = common::make_person(&t, "Jeanne", "Moulin", Some("jeanne@example.fr")).id;
    t.db.backup(Reason::Manual).unwrap();

    // Left while the database is open (another process killed meanwhile): counted by an erasure.
    plant_leftover(&db, "2026-12-01_100000.000Z_manuelle");
    assert_eq!(backup::census(&db).unwrap(), backup::Census { complete: 1, unfinished: 1 });
    let report = privacy::erase(&t, &[person], OpenRoles::Refuse, backup::census(&db).unwrap()).unwrap();
    assert_eq!((report.older_backups, report.unfinished_backups), (1, 1));
    let said = maillage_cli::words::erased(&report);
    assert!(said.contains("1 sauvegarde(s) interrompue(s)") && said.contains("prochaine sauvegarde"), "{said}");
    // The next backup removes them.
    t.db.backup(Reason::Manual).unwrap();
    assert_eq!(leftovers(&db), Vec::<String>::new());
    assert_eq!(backup::census(&db).unwrap().unfinished, 0);

    // So does the next start.
    plant_leftover(&db, "2026-12-02_100000.000Z_quotidienne");
    drop(t.db);
    let _again = Database::open_with(&db, &OpenOptions::existing(None)).unwrap();
    assert_eq!(leftovers(&db), Vec::<String>::new());
}

#[test]
fn a_backup_being_written_by_another_process_is_not_a_leftover() {
    let t = common::fresh();
    let db = t.db.path().to_owned();
    t.db.backup(Reason::Manual).unwrap();
    // Another process writing a backup holds the folder's lock, shared.
    let lock = std::fs::OpenOptions::new().write(true).open(backup::dir(&db).join(".verrou")).unwrap();
    lock.lock_shared().unwrap();
    let partial = plant_leftover(&db, "2026-12-03_100000.000Z_avant-fusion");
    backup::remove_leftovers(&db);
    t.db.backup(Reason::Manual).unwrap();
    assert!(partial.iter().all(|p| p.exists()), "a backup in progress was removed");
    drop(lock);
    backup::remove_leftovers(&db);
    assert_eq!(leftovers(&db), Vec::<String>::new());
}

/// `maillage-cli backup`, killed (SIGKILL: no destructor, no rollback) at a random moment of its
/// run, on a plain and an encrypted demo database. After each kill the next command — a backup,
/// or any command opening the database — leaves no partial file nor journal, and every complete
/// backup opens and passes `quick_check`.
#[cfg(unix)]
#[test]
fn hostile_killed_backups_leave_nothing_half_written() {
    for kind in [Kind::Plain, Kind::Encrypted] {
        let dir = tempfile::tempdir().unwrap();
        let o = Office::new(kind, dir.path(), "bureau.sqlite");
        o.cli().arg("demo").assert().success();
        // How long a whole backup takes here: the kills fall anywhere in it.
        let start = Instant::now();
        o.cli().arg("backup").assert().success();
        let whole = start.elapsed();
        let mut caught_writing = 0;
        for round in 0..common::probe_rounds(4) {
            let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("maillage-cli"));
            cmd.arg("--db").arg(&o.db).arg("backup");
            if let Some(p) = &o.passphrase_file {
                cmd.arg("--passphrase-file").arg(p);
            }
            let mut child = cmd.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
            std::thread::sleep(whole.mul_f64(fastrand::f64()));
            let _ = child.kill();
            child.wait().unwrap();
            if !leftovers(&o.db).is_empty() {
                caught_writing += 1;
            }
            // The next backup cleans up; so does any start.
            o.cli().arg(if round % 2 == 0 { "backup" } else { "check" }).assert().success();
            assert_eq!(leftovers(&o.db), Vec::<String>::new(), "{kind:?}, round {round}");
            for b in backup::list(&o.db).unwrap() {
                let conn = common::office::open(Path::new(&b.path), kind);
                let ok: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).unwrap();
                assert_eq!(ok, "ok", "{}", b.path);
            }
        }
        eprintln!("{kind:?}: {} backups killed, {caught_writing} while writing their partial file (whole backup {whole:?})", common::probe_rounds(4));
    }
}
