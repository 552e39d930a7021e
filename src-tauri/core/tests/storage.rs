//! Opening files: migrations, pragmas, refusal of newer or foreign files, schema snapshot.

use crate::common;

use maillage_core::db::supported_schema_version;
use maillage_core::{Database, Error};

#[test]
fn an_empty_file_is_migrated_with_wal_and_foreign_keys() {
    let t = common::fresh();
    assert_eq!(t.db.schema_version().unwrap(), supported_schema_version());
    let mode: String = t.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = t.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
    // The seeded list of domains is there.
    assert_eq!(common::rows(&t, "domain"), 15);
    let report = t.db.check().unwrap();
    assert!(report.integrity_ok && report.foreign_key_violations == 0);
}

#[test]
fn reopening_keeps_data_and_version() {
    let t = common::fresh();
    common::make_org(&t, "Secours populaire", Some("Brive"));
    let path = t.db.path().to_owned();
    drop(t.db);
    let again = Database::open(&path).unwrap();
    assert_eq!(common::rows(again.conn(), "organisation"), 1);
    assert_eq!(again.schema_version().unwrap(), supported_schema_version());
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.sqlite");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE future(x); PRAGMA user_version = 99; PRAGMA application_id = 1296124236;").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Database::open(&path).err().expect("a newer schema must be refused");
    assert!(matches!(err, Error::NewerSchema { found: 99, .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("version plus récente") && text.contains("n'a pas été modifiée"), "{text}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file must not be modified");
    assert!(!dir.path().join("future.sqlite-wal").exists());
}

#[test]
fn a_file_that_is_not_sqlite_gets_a_french_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.sqlite");
    std::fs::write(&path, "Ceci est un fichier texte, pas une base de données.".repeat(20)).unwrap();
    let err = Database::open(&path).err().unwrap();
    assert!(matches!(err, Error::NotADatabase { .. }), "{err:?}");
    assert!(err.to_string().contains("n'est pas une base de données Maillage"), "{err}");
}

/// The whole schema as SQLite stores it: every migration shows up here as a reviewable diff.
#[test]
fn schema_snapshot() {
    let t = common::fresh();
    let mut stmt = t
        .prepare("SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .unwrap();
    let schema: Vec<String> = stmt
        .query_map([], |r| Ok(format!("-- {} {}\n{};", r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    insta::assert_snapshot!("schema", schema.join("\n\n"));
}

/// Deleted data leaves the file: `secure_delete` overwrites it (in the WAL and, once checkpointed,
/// in the database file) instead of leaving it in free pages.
#[test]
fn deleted_data_is_overwritten_in_the_file() {
    let t = common::fresh();
    let marker = "Zéphyrine-Quatremare-7Q";
    let id = maillage_core::queries::domains::create(&t, marker.to_owned()).unwrap().id;
    t.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    let file = t.db.path().to_owned();
    let contains = |bytes: &[u8]| bytes.windows(marker.len()).any(|w| w == marker.as_bytes());
    assert!(contains(&std::fs::read(&file).unwrap()), "the marker was written");
    t.execute("DELETE FROM domain WHERE id = ?", [&id]).unwrap();
    t.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    assert!(!contains(&std::fs::read(&file).unwrap()), "the deleted text is gone from the file");
}

/// A migration that fails leaves the file byte for byte as it was, and says so.
#[test]
fn a_failed_migration_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ancienne.sqlite");
    {
        // A database of schema 5 (before the copies), in which something already holds the name
        // of a table migration 6 creates.
        let c = rusqlite::Connection::open(&path).unwrap();
        for (_, sql) in &maillage_core::db::MIGRATION_FILES[..5] {
            c.execute_batch(sql).unwrap();
        }
        c.execute_batch("PRAGMA user_version = 5; CREATE TABLE database_info (x TEXT);").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Database::open(&path).err().expect("the migration must fail");
    assert!(matches!(err, Error::Migration(_)), "{err:?}");
    assert!(err.to_string().contains("rien n'a été modifié"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file is untouched");
    assert!(!dir.path().join("ancienne.sqlite-wal").exists());
    // The state before was backed up first, all the same.
    assert_eq!(maillage_core::backup::list(&path).unwrap().len(), 1);
}

/// A damaged database is refused with its latest backup named; restoring puts the backup in its
/// place and keeps the damaged file aside.
#[test]
fn a_damaged_database_is_replaced_by_its_latest_backup_and_kept_aside() {
    let t = common::fresh();
    common::make_org(&t, "Restos du cœur", Some("Brive"));
    t.db.backup(maillage_core::backup::Reason::Manual).unwrap();
    let path = t.db.path().to_owned();
    t.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    drop(t.db);
    // Garbage over the pages after the header: the file is still SQLite, but damaged.
    let mut bytes = std::fs::read(&path).unwrap();
    let len = bytes.len();
    bytes[4096..len].iter_mut().enumerate().for_each(|(i, b)| *b = (i * 7 % 251) as u8);
    std::fs::write(&path, &bytes).unwrap();
    let err = Database::open(&path).and_then(|db| db.verify()).expect_err("damaged");
    let latest = maillage_core::backup::list(&path).unwrap().remove(0);
    if let Error::Damaged { latest_backup, .. } = &err {
        assert_eq!(latest_backup.as_deref(), Some(std::path::Path::new(&latest.path)));
    }
    let aside = maillage_core::backup::replace_unopenable(&path, std::path::Path::new(&latest.path), None).unwrap();
    assert_eq!(std::fs::read(&aside).unwrap(), bytes, "the damaged file is kept as it was");
    let db = Database::open(&path).unwrap();
    db.verify().unwrap();
    assert_eq!(common::rows(db.conn(), "organisation"), 1);
}

// The journal's triggers and retention (once unit tests of `journal.rs`).

#[test]
fn triggers_compile_on_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let db = maillage_core::Database::open(&dir.path().join("j.sqlite"));
    if let Err(e) = &db {
        panic!("{e:?}");
    }
}

#[test]
fn old_lines_go_after_their_retention() {
    let dir = tempfile::tempdir().unwrap();
    let db = maillage_core::Database::open(&dir.path().join("j.sqlite")).unwrap();
    let c = db.conn();
    maillage_core::queries::settings::save(c, maillage_core::model::Settings { agency_name: Some("CCAS".into()), ..Default::default() }).unwrap();
    let lines: i64 = c.query_row("SELECT count(*) FROM journal", [], |r| r.get(0)).unwrap();
    assert!(lines >= 1);
    c.execute("UPDATE journal SET at = '2019-01-01T00:00:00.000Z' WHERE rowid = (SELECT min(rowid) FROM journal)", []).unwrap();
    assert_eq!(maillage_core::journal::prune(c, None).unwrap(), 1);
    assert_eq!(c.query_row("SELECT count(*) FROM journal", [], |r| r.get::<_, i64>(0)).unwrap(), lines - 1);
}

/// Another program reading the file while Maillage has it open (the e2e tests' Python, a backup
/// tool, `sqlite3`) must find Maillage's locks in place. Looking at the file's header for the
/// integrity seal once opened and closed a descriptor of the database, which on Unix dropped
/// every lock of the process: the other program then took itself for the last user, folded the
/// WAL into the file and deleted it, and every later commit of Maillage went to the deleted WAL
/// — shown in the app, lost for everyone else and at exit.
#[test]
fn another_program_reading_the_open_database_sees_every_commit() {
    let t = common::fresh();
    let path = t.db.path().to_owned();
    let wal = path.with_file_name(format!("{}-wal", path.file_name().unwrap().to_string_lossy()));
    let count_outside = || -> i64 {
        let script = "import sqlite3,sys; c=sqlite3.connect(sys.argv[1], timeout=10); print(c.execute('SELECT count(*) FROM organisation').fetchone()[0]); c.close()";
        let out = std::process::Command::new("python3").args(["-c", script]).arg(&path).output().expect("python3");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    };
    for n in 1..=3 {
        // What the app does around every command: the gate, the write, the seal.
        t.db.verify().unwrap();
        common::make_org(&t, &format!("Association {n}"), None);
        t.db.seal_own_writes().unwrap();
        assert_eq!(count_outside(), n, "commit {n} seen by another program");
        assert!(wal.exists(), "the WAL of the open database is still there after commit {n}");
    }
}
