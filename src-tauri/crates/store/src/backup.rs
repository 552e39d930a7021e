//! Backups: complete, checked copies of the database file, made with SQLite's online backup API
//! while the app runs (docs/backups.md). They live beside the database, in `<name>-sauvegardes/`,
//! one file each, named by the instant (UTC) and the reason; a backup being written has a hidden
//! `.partial` name, so a crash never leaves a half backup that looks whole, and what a crash
//! leaves is removed at the next backup or start (`remove_leftovers`).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Local, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use crate::db::{connect, Passphrase, APPLICATION_ID};
use crate::error::{Error, Result};

/// Why a backup was made (a code of the model: its labels live with the others').
pub use crate::model::BackupReason as Reason;

/// One backup file.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupInfo {
    pub path: String,
    pub file_name: String,
    /// RFC 3339, UTC.
    pub made_at: String,
    pub reason: Reason,
    #[ts(type = "number")]
    pub size_bytes: u64,
}

/// How many backups are kept: the last `keep_recent`, and the newest of each of the last
/// `keep_months` months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    pub keep_recent: usize,
    pub keep_months: usize,
}

impl Default for Retention {
    fn default() -> Self {
        Retention { keep_recent: 10, keep_months: 12 }
    }
}

impl Retention {
    /// The retention the settings say (`backup_keep_recent`, `backup_keep_months`; `None`: the
    /// default).
    pub fn from_settings(keep_recent: Option<i32>, keep_months: Option<i32>) -> Self {
        let d = Retention::default();
        Retention { keep_recent: keep_recent.map_or(d.keep_recent, |n| n as usize), keep_months: keep_months.map_or(d.keep_months, |n| n as usize) }
    }
}

/// The folder of the backups of the database at `db_path`.
pub fn dir(db_path: &Path) -> PathBuf {
    let stem = db_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "maillage".to_owned());
    db_path.parent().unwrap_or(Path::new(".")).join(format!("{stem}-sauvegardes"))
}

const STAMP: &str = "%Y-%m-%d_%H%M%S%.3fZ";

/// Backs up the database open on `conn` (whose file is `db_path`), checks the backup, then lets
/// old backups expire under `retention`. An encrypted database gives a backup encrypted with the same passphrase.
/// The backup is written under a hidden partial name, checked, synced, then renamed.
pub fn create(conn: &Connection, db_path: &Path, passphrase: Option<&Passphrase>, reason: Reason, retention: Retention) -> Result<BackupInfo> {
    let folder = dir(db_path);
    std::fs::create_dir_all(&folder).map_err(|source| Error::Io { path: folder.display().to_string(), source })?;
    let _writing = Writing::start(&folder);
    let now = Utc::now();
    let file_name = format!("{}_{}.sqlite", now.format(STAMP), reason.code());
    let target = folder.join(&file_name);
    crate::files::write_atomically(&target, |partial| write_image(conn, partial, passphrase).and_then(|()| check_file(partial, passphrase)))?;
    prune(db_path, retention)?;
    info(&target).ok_or_else(|| Error::Io { path: target.display().to_string(), source: std::io::ErrorKind::NotFound.into() })
}

/// Writes a consistent image of `conn`'s main database to `target` (a new file), in rollback
/// journal mode: a backup is one self-contained file, which leaves no `-wal` or `-shm` beside it
/// when it is checked and which can be read from a read-only medium.
pub fn write_image(conn: &Connection, target: &Path, passphrase: Option<&Passphrase>) -> Result<()> {
    let io = |source| Error::Io { path: target.display().to_string(), source };
    match passphrase {
        // The online backup API copies pages as they are: it cannot re-key. SQLCipher's own
        // export copies the schema and rows into an attached database keyed alike. An attached
        // file is opened with the connection's flags, which lack CREATE (a missing file is never
        // made into a database by mistake): the new file is created empty first.
        Some(p) => {
            std::fs::File::create_new(target).map_err(io)?;
            conn.execute("ATTACH DATABASE ?1 AS backup_target KEY ?2", rusqlite::params![target.to_string_lossy(), p.expose()])?;
            let exported = conn
                .query_row("SELECT sqlcipher_export('backup_target')", [], |_| Ok(()))
                .and_then(|()| {
                    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
                    conn.pragma_update(Some("backup_target"), "user_version", version)?;
                    conn.pragma_update(Some("backup_target"), "application_id", APPLICATION_ID)?;
                    // A new attached file starts with a rollback journal; said, not assumed.
                    conn.pragma_update_and_check(Some("backup_target"), "journal_mode", "DELETE", |r| r.get::<_, String>(0))
                });
            let detached = conn.execute_batch("DETACH DATABASE backup_target");
            exported?;
            detached?;
        }
        None => {
            let mut image = Connection::open_with_flags(target, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE)?;
            rusqlite::backup::Backup::new(conn, &mut image)?.run_to_completion(1024, std::time::Duration::ZERO, None)?;
            // The pages copied say WAL, the office's mode: the backup gets a rollback journal.
            image.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0))?;
        }
    }
    Ok(())
}

/// The hidden lock file of a backups folder. A backup being written holds it shared; removing
/// leftovers takes it exclusively, so a backup that another process (the app, the command line)
/// is writing is never taken for a leftover. The system releases a lock with its process: the
/// files of a killed backup are free to go.
const LOCK_FILE: &str = ".verrou";

/// A backup being written in a folder (its shared lock, released when dropped).
struct Writing {
    _lock: Option<std::fs::File>,
}

impl Writing {
    /// Removes the leftovers of interrupted backups, then marks the folder as being written.
    fn start(folder: &Path) -> Writing {
        let lock = open_lock(folder);
        if let Some(l) = &lock {
            remove_leftovers_locked(folder, l);
            // Where the file system cannot lock, backups are written all the same; leftovers
            // then stay (counted by `census`) rather than risk removing another's backup.
            let _ = l.lock_shared();
        }
        Writing { _lock: lock }
    }
}

fn open_lock(folder: &Path) -> Option<std::fs::File> {
    std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(folder.join(LOCK_FILE)).ok()
}

/// Whether `name` in a backups folder is what an interrupted backup left: its hidden partial
/// file, or SQLite's journal files beside it.
fn is_leftover(name: &str) -> bool {
    name.starts_with('.') && ["", "-journal", "-wal", "-shm"].iter().any(|s| name.ends_with(&format!(".partial{s}")))
}

/// Removes what interrupted backups of the database at `db_path` left (hidden `.partial` files
/// with everyone's data, and their journals), unless a backup is being written at this moment.
/// Best effort: what cannot be removed stays, and an erasure's report counts it (`census`).
pub fn remove_leftovers(db_path: &Path) {
    let folder = dir(db_path);
    if !folder.is_dir() {
        return;
    }
    if let Some(lock) = open_lock(&folder) {
        remove_leftovers_locked(&folder, &lock);
    }
}

fn remove_leftovers_locked(folder: &Path, lock: &std::fs::File) {
    if lock.try_lock().is_err() {
        return; // another backup is being written (or the file system cannot tell)
    }
    if let Ok(entries) = std::fs::read_dir(folder) {
        for e in entries.flatten() {
            if e.file_name().to_str().is_some_and(is_leftover) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    let _ = lock.unlock();
}

/// How many files beside the database still hold its data: complete backups, and the partial
/// files of interrupted ones until they are removed. For the erasure's report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Census {
    pub complete: u32,
    pub unfinished: u32,
}

/// The [`Census`] of the backups of the database at `db_path`.
pub fn census(db_path: &Path) -> Result<Census> {
    let unfinished = match std::fs::read_dir(dir(db_path)) {
        Ok(entries) => entries.flatten().filter(|e| e.file_name().to_str().is_some_and(|n| n.starts_with('.') && n.ends_with(".partial"))).count(),
        Err(_) => 0,
    };
    Ok(Census { complete: list(db_path)?.len() as u32, unfinished: unfinished as u32 })
}

/// A backup is only kept if it opens and passes SQLite's quick check.
/// A backup is checked as fully as the database itself (src/integrity.rs): a damaged index that
/// SQLite's quick check lets through must neither be kept as a backup nor put back by a restore.
fn check_file(path: &Path, passphrase: Option<&Passphrase>) -> Result<()> {
    let conn = connect(path, passphrase, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    match crate::integrity::examine(&conn, path)? {
        None => Ok(()),
        Some(found) => Err(Error::Damaged { path: path.display().to_string(), detail: crate::integrity::describe(&conn, &found), latest_backup: None }),
    }
}

fn info(path: &Path) -> Option<BackupInfo> {
    let file_name = path.file_name()?.to_str()?.to_owned();
    let stem = file_name.strip_suffix(".sqlite")?;
    let (stamp, code) = stem.split_once("Z_")?;
    let made = chrono::NaiveDateTime::parse_from_str(&format!("{stamp}Z"), STAMP).ok()?.and_utc();
    let reason = Reason::from_code(code)?;
    let size_bytes = std::fs::metadata(path).ok()?.len();
    Some(BackupInfo {
        path: path.display().to_string(),
        file_name,
        made_at: made.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        reason,
        size_bytes,
    })
}

/// The backups of the database at `db_path`, newest first.
pub fn list(db_path: &Path) -> Result<Vec<BackupInfo>> {
    let folder = dir(db_path);
    let entries = match std::fs::read_dir(&folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(Error::Io { path: folder.display().to_string(), source }),
    };
    let mut found: Vec<BackupInfo> = entries.filter_map(|e| e.ok()).filter_map(|e| info(&e.path())).collect();
    found.sort_by(|a, b| b.made_at.cmp(&a.made_at).then_with(|| b.file_name.cmp(&a.file_name)));
    Ok(found)
}

/// Which backups expire under `retention` (newest first in `backups`).
pub fn expired(backups: &[BackupInfo], retention: Retention, today: chrono::NaiveDate) -> Vec<BackupInfo> {
    let month_index = |d: chrono::NaiveDate| d.year() * 12 + d.month0() as i32;
    let oldest_month = month_index(today) - retention.keep_months as i32 + 1;
    let mut months_kept = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (i, b) in backups.iter().enumerate() {
        let local = DateTime::parse_from_rfc3339(&b.made_at).map(|d| d.with_timezone(&Local).date_naive()).unwrap_or(today);
        let month = month_index(local);
        let monthly = retention.keep_months > 0 && month >= oldest_month && months_kept.insert(month);
        // The newest backup (the one just made) never expires, whatever the settings say.
        if i >= retention.keep_recent.max(1) && !monthly {
            out.push(b.clone());
        }
    }
    out
}

/// Deletes the backups that `retention` lets expire.
pub fn prune(db_path: &Path, retention: Retention) -> Result<Vec<BackupInfo>> {
    let gone = expired(&list(db_path)?, retention, Local::now().date_naive());
    for b in &gone {
        std::fs::remove_file(&b.path).map_err(|source| Error::Io { path: b.path.clone(), source })?;
    }
    Ok(gone)
}

/// The first start of a day makes a backup; later starts that day do nothing.
pub fn daily(conn: &Connection, db_path: &Path, passphrase: Option<&Passphrase>, retention: Retention) -> Result<Option<BackupInfo>> {
    let today = Local::now().date_naive();
    let done_today = list(db_path)?.iter().any(|b| {
        DateTime::parse_from_rfc3339(&b.made_at).map(|d| d.with_timezone(&Local).date_naive() == today).unwrap_or(false)
    });
    if done_today {
        return Ok(None);
    }
    create(conn, db_path, passphrase, Reason::Daily, retention).map(Some)
}

/// Puts the backup at `backup` in place of a database file that can no longer be opened (damaged):
/// the damaged file is kept aside as `<name>-endommagee-<instant>.sqlite` (with its journal files),
/// never deleted, for the support. Returns where it was put.
pub fn replace_unopenable(db_path: &Path, backup: &Path, passphrase: Option<&Passphrase>) -> Result<PathBuf> {
    check_restorable(backup, passphrase)?;
    let stem = db_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "maillage".to_owned());
    let aside = db_path.with_file_name(format!("{stem}-endommagee-{}.sqlite", Utc::now().format("%Y-%m-%d_%H%M%S")));
    let io = |p: &Path| {
        let shown = p.display().to_string();
        move |source| Error::Io { path: shown, source }
    };
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", db_path.display()));
        if from.exists() {
            std::fs::rename(&from, format!("{}{suffix}", aside.display())).map_err(io(&from))?;
        }
    }
    crate::files::write_atomically(db_path, |partial| std::fs::copy(backup, partial).map(|_| ()).map_err(io(backup)))?;
    Ok(aside)
}

/// Checks that `path` is a sound Maillage backup that this version can open, before a restore.
pub fn check_restorable(path: &Path, passphrase: Option<&Passphrase>) -> Result<i64> {
    let shown = path.display().to_string();
    if !path.is_file() {
        return Err(Error::FileNotFound { path: shown });
    }
    check_file(path, passphrase)?;
    let conn = connect(path, passphrase, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let identity = crate::db::Identity::read(&conn)?;
    // An empty file is a new database for `open`, never a backup to restore.
    if !identity.is_maillage() || identity.objects == 0 {
        return Err(Error::NotMaillage { path: shown });
    }
    let version = identity.user_version;
    if version > crate::db::supported_schema_version() {
        return Err(Error::NewerSchema { path: shown, found: version, supported: crate::db::supported_schema_version() });
    }
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(stamp: &str, i: usize) -> BackupInfo {
        BackupInfo { path: format!("/b/{i}"), file_name: format!("{i}"), made_at: stamp.to_owned(), reason: Reason::Daily, size_bytes: 1 }
    }

    #[test]
    fn keeps_the_last_ten_and_one_per_month_for_a_year() {
        // Two backups a day from 2026-11-23 back over 18 months, newest first.
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let all: Vec<BackupInfo> = (0..540)
            .flat_map(|d| {
                let day = today - chrono::Duration::days(d);
                [format!("{day}T16:00:00.000Z"), format!("{day}T08:00:00.000Z")]
            })
            .enumerate()
            .map(|(i, s)| at(&s, i))
            .collect();
        let gone = expired(&all, Retention::default(), today);
        let kept: Vec<&BackupInfo> = all.iter().filter(|b| !gone.iter().any(|g| g.path == b.path)).collect();
        // The 10 newest (5 days), then the newest of each earlier month of the last 12 months:
        // November 2026 is already among the 10, so 11 more (December 2025 … October 2026).
        assert_eq!(kept.len(), 10 + 11, "{:?}", kept.iter().map(|b| &b.made_at).collect::<Vec<_>>());
        assert!(kept[..10].iter().all(|b| b.made_at.starts_with("2026-11-")));
        assert_eq!(kept[10].made_at, "2026-10-31T16:00:00.000Z");
        assert_eq!(kept.last().unwrap().made_at, "2025-12-31T16:00:00.000Z");
    }

    #[test]
    fn the_newest_backup_never_expires_even_when_the_settings_keep_none() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let all: Vec<BackupInfo> = (0..3).map(|i| at(&format!("2026-11-2{}T08:00:00.000Z", 3 - i), i)).collect();
        let gone = expired(&all, Retention { keep_recent: 0, keep_months: 0 }, today);
        assert_eq!(gone.iter().map(|b| b.path.as_str()).collect::<Vec<_>>(), ["/b/1", "/b/2"], "the newest stays");
    }

    #[test]
    fn file_names_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("2026-11-23_101500.123Z_avant-fusion.sqlite");
        std::fs::write(&p, b"x").unwrap();
        let i = info(&p).unwrap();
        assert_eq!(i.made_at, "2026-11-23T10:15:00.123Z");
        assert_eq!(i.reason, Reason::BeforeMerge);
        assert!(info(&dir.path().join("notes.txt")).is_none());
    }
}
