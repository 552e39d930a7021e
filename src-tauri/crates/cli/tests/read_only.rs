//! A database and its backups on a read-only medium (a locked USB stick, a read-only share):
//! read by every command that only reads (check, bilan, lists, archive and RGPD exports, restore
//! *from* a backup there), refused in French by every command that writes, and left byte for
//! byte as it was.
//!
//! How the medium is made read-only: for a normal user, the folder 0555 and its files 0444; for
//! root, whom permission bits do not stop, the folder is bind-mounted read-only in a private mount
//! namespace (`unshare`), which is what a locked stick is to the system (EROFS). Where neither is
//! possible (root without namespaces), the tests say so on stderr and check nothing.

use crate::common;
use crate::on_both;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::office::{Kind, Office};
use predicates::str::contains;

on_both!(a_database_on_a_read_only_medium_is_read_never_written);

/// How a folder is made read-only for the commands run on it.
enum Medium {
    /// Permission bits (a normal user); put back when dropped.
    Bits(PathBuf),
    /// `unshare` with these options, then a read-only bind mount of the folder.
    Namespace(Vec<&'static str>),
}

impl Medium {
    /// Makes `folder` read-only for the commands of [`Medium::cli`], or `None` when this machine
    /// cannot.
    fn of(folder: &Path) -> Option<Medium> {
        let probe = folder.join(".sonde");
        std::fs::write(&probe, b"x").unwrap();
        set_mode(&probe, 0o444);
        let bits_stop_writes = std::fs::OpenOptions::new().write(true).open(&probe).is_err();
        std::fs::remove_file(&probe).unwrap();
        if bits_stop_writes {
            for e in std::fs::read_dir(folder).unwrap() {
                set_mode(&e.unwrap().path(), 0o444);
            }
            set_mode(folder, 0o555);
            return Some(Medium::Bits(folder.to_owned()));
        }
        for options in [vec!["--mount"], vec!["--user", "--map-root-user", "--mount"]] {
            let script = "mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\" && ! touch \"$0/.sonde\" 2>/dev/null";
            let ok = std::process::Command::new("unshare").args(&options).args(["sh", "-c", script]).arg(folder).status().is_ok_and(|s| s.success());
            if ok {
                return Some(Medium::Namespace(options));
            }
        }
        eprintln!("NON TESTÉ : ni les droits ni un montage en lecture seule ne protègent un dossier sur cette machine");
        None
    }

    /// `maillage-cli` with the database of `office` on the read-only medium `folder`.
    fn cli(&self, office: &Office, folder: &Path) -> Command {
        let mut c = match self {
            Medium::Bits(_) => Command::new(assert_cmd::cargo::cargo_bin("maillage-cli")),
            Medium::Namespace(options) => {
                let mut c = Command::new("unshare");
                c.args(options).args(["sh", "-c", "mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\" && exec \"$@\""]).arg(folder);
                c.arg(assert_cmd::cargo::cargo_bin("maillage-cli"));
                c
            }
        };
        c.env_remove("MAILLAGE_DB").env_remove("MAILLAGE_PASSPHRASE_FILE").arg("--db").arg(&office.db);
        if let Some(p) = &office.passphrase_file {
            c.arg("--passphrase-file").arg(p);
        }
        c
    }
}

impl Drop for Medium {
    fn drop(&mut self) {
        if let Medium::Bits(folder) = self {
            set_mode(folder, 0o755);
            for e in std::fs::read_dir(&*folder).unwrap() {
                set_mode(&e.unwrap().path(), 0o644);
            }
        }
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Every file under `folder` with its bytes.
fn snapshot(folder: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut todo = vec![folder.to_owned()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn a_database_on_a_read_only_medium_is_read_never_written(kind: Kind) {
    let dir = tempfile::tempdir().unwrap();
    let stick = dir.path().join("cle-usb");
    std::fs::create_dir(&stick).unwrap();
    let office = Office::new(kind, &stick, "bureau.sqlite");
    office.cli().arg("demo").assert().success();
    office.cli().arg("backup").assert().success();
    // A backup as Maillage wrote them before 2026-12: the office file as it is, in WAL mode.
    let old_backup = maillage_core::backup::dir(&office.db).join("2025-06-30_120000.000Z_manuelle.sqlite");
    std::fs::copy(&office.db, &old_backup).unwrap();
    let backups = maillage_core::backup::list(&office.db).unwrap();
    assert_eq!(backups.len(), 2);
    // The passphrase file stays on the writable disk, as a desk would have it.
    let office = match office.passphrase_file {
        Some(p) => {
            let kept = dir.path().join("phrase");
            std::fs::rename(&p, &kept).unwrap();
            Office { passphrase_file: Some(kept), ..office }
        }
        None => office,
    };
    // A writable database for the restores, from the same demo.
    let desk = Office::new(kind, dir.path(), "poste.sqlite");
    std::fs::copy(&office.db, &desk.db).unwrap();
    let before = snapshot(&stick);

    let Some(medium) = Medium::of(&stick) else { return };
    let out = dir.path().join("sorties");
    std::fs::create_dir(&out).unwrap();
    // Read: check, bilan, lists, archive, a person's data, the list of backups.
    medium.cli(&office, &stick).arg("check").assert().success().stdout(contains("intègre"));
    medium.cli(&office, &stick).args(["bilan", "--year", "2025", "--out"]).arg(out.join("bilan.xlsx")).assert().success();
    medium.cli(&office, &stick).args(["export", "people", "--out"]).arg(out.join("personnes.csv")).assert().success();
    medium.cli(&office, &stick).args(["archive", "export", "--out"]).arg(out.join("archive.json")).assert().success();
    let person: String = common::office::open(&desk.db, kind).query_row("SELECT id FROM person WHERE email IS NOT NULL LIMIT 1", [], |r| r.get(0)).unwrap();
    medium.cli(&office, &stick).args(["rgpd", "export", "--person", &person, "--out"]).arg(out.join("dossier.xlsx")).assert().success();
    medium.cli(&office, &stick).args(["rgpd", "purge", "--dry-run"]).assert().success();
    medium.cli(&office, &stick).arg("backups").assert().success().stdout(contains("Manuelle"));
    // A copy for a meeting, from the office on the stick (the copy's passphrase: the office's,
    // or one for the copy alone when the office is plain).
    let meeting: String = common::office::open(&desk.db, kind).query_row("SELECT id FROM meeting LIMIT 1", [], |r| r.get(0)).unwrap();
    let phrase = dir.path().join("phrase-copie");
    std::fs::write(&phrase, "une phrase pour la copie").unwrap();
    let mut copy = medium.cli(&office, &stick);
    if kind == Kind::Plain {
        copy.arg("--passphrase-file").arg(&phrase);
    }
    copy.args(["copy", "--meeting", &meeting, "--out"]).arg(out.join("copie.maillage")).assert().success();
    for f in ["bilan.xlsx", "personnes.csv", "archive.json", "dossier.xlsx", "copie.maillage"] {
        assert!(out.join(f).metadata().unwrap().len() > 0, "{f}");
    }
    // Written: refused, saying the medium is read-only.
    let csv = dir.path().join("structures.csv");
    std::fs::write(&csv, "Raison sociale;Ville\r\nÉpicerie solidaire;Brive\r\n").unwrap();
    let writes: Vec<Vec<&str>> = vec![
        vec!["init"],
        vec!["demo"],
        vec!["backup"],
        vec!["rgpd", "keep", "--person", &person, "--reason", "contentieux"],
        vec!["rgpd", "erase", "--person", &person],
        vec!["import", "organisations", csv.to_str().unwrap()],
        vec!["import", "organisations", csv.to_str().unwrap(), "--dry-run"],
        vec!["restore", &backups[0].path],
    ];
    for args in writes {
        medium.cli(&office, &stick).args(&args).assert().failure().stderr(contains("support en lecture seule")).stderr(contains("Copiez-la sur le disque"));
    }
    // Restore *from* the medium: the new backup (rollback journal) and the old one (WAL mode).
    for b in &backups {
        medium.cli(&desk, &stick).arg("restore").arg(&b.path).assert().success().stdout(contains("restaurée"));
    }
    desk.cli().arg("check").assert().success();
    drop(medium);
    assert_eq!(snapshot(&stick), before, "nothing on the read-only medium changed");
}

/// On a read-only medium, a database whose last changes are still in its `-wal` (copied while
/// Maillage was open) cannot be read without writing beside it: refused, saying what to do. One
/// that needs a schema update is refused too. Neither is read half.
#[test]
fn what_cannot_be_read_without_writing_is_refused_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let stick = dir.path().join("cle-usb");
    std::fs::create_dir(&stick).unwrap();
    let work = Office::new(Kind::Plain, dir.path(), "travail.sqlite");
    work.cli().arg("init").assert().success();
    let journaled = Office::new(Kind::Plain, &stick, "journal.sqlite");
    {
        let live = rusqlite::Connection::open(&work.db).unwrap();
        live.execute_batch("PRAGMA wal_autocheckpoint = 0; INSERT INTO setting (key, value, updated_at) VALUES ('agency_name', 'CCAS', 'x');").unwrap();
        std::fs::copy(&work.db, &journaled.db).unwrap();
        let copied = std::fs::copy(format!("{}-wal", work.db.display()), format!("{}-wal", journaled.db.display())).unwrap();
        assert!(copied > 0, "the -wal holds the change");
    }
    let older = Office::new(Kind::Plain, &stick, "ancienne.sqlite");
    std::fs::copy(&work.db, &older.db).unwrap();
    rusqlite::Connection::open(&older.db).unwrap().execute_batch("PRAGMA user_version = 10; PRAGMA journal_mode = DELETE;").unwrap();
    let Some(medium) = Medium::of(&stick) else { return };
    medium.cli(&journaled, &stick).arg("check").assert().failure().stderr(contains("encore dans son journal")).stderr(contains("Copiez les deux fichiers"));
    medium.cli(&older, &stick).arg("check").assert().failure().stderr(contains("version précédente de Maillage")).stderr(contains("lecture seule"));
}
