//! Is the database sound before it gives figures or takes a write? (docs/backups.md, « Fichier
//! endommagé »)
//!
//! Only SQLite's full `PRAGMA integrity_check` compares every index with the rows it indexes:
//! `quick_check` does not, and a bilan read through a damaged index counts other rows (64 bytes
//! flipped in a leaf of `attendance_figures`: 380 attendances became 379, exit 0). The full
//! check reads the whole file (≈ 1 s on a 10-year database), so it is done once and its success
//! remembered — a *seal* — with the state of the file on disk (its [`Fingerprint`]). The next
//! `verify` compares the fingerprint (a few `stat` calls, microseconds) and checks again only when
//! the file changed in a way Maillage cannot vouch for.
//!
//! The rules, and why they are sound:
//! - A write that does not go through this process's SQLite connection changes the fingerprint:
//!   another program's or another process's commit changes the WAL (or, in rollback mode, the
//!   file and its header's change counter); bytes written into the file by anything changes its
//!   modification and, on Unix, its status-change time, which no program can set back (`touch`
//!   and `utime` set it to now); a file put in its place has another inode. So a seal never
//!   matches a file that changed outside Maillage since its check, and such a file is checked
//!   in full again.
//! - This process's own commits keep the seal ([`Integrity::seal_own_writes`], after each
//!   command): SQLite writes b-tree pages and their indexes together in one atomic transaction,
//!   on a file that was sound, so what it commits is sound. They are told apart from other
//!   connections' commits by `PRAGMA data_version`, which changes only when *another* connection
//!   commits; when it changed, the seal is dropped. What can slip through is a write by another
//!   program *without SQLite* during the milliseconds of a Maillage command (a sync client
//!   rewriting the file while an import runs), and a commit of another connection in the instant
//!   between the last look at `data_version` and the close's checkpoint (a SQLite commit: sound):
//!   documented, not caught until the next full check (at most a day later).
//! - Content copied in wholesale (a restore copies a backup's pages) is not a write of this
//!   process's: the seal is dropped.
//! - A seal is at most [`FULL_CHECK_EVERY`] old: storage that decays underneath the file system
//!   changes no time stamp, so the full check comes back once a day (at the app's first start of
//!   the day, or the first command of the day).
//!
//! Where the seal is kept: in the app's *local* data folder (`…/fr.maillage.app/integrity/`), one
//! small JSON file per database, named after a hash of its full path. Not inside the database
//! (writing it would change the file it describes), and not beside it: the fingerprint (device,
//! inode, times) only means something on this machine for this user, which is exactly the scope
//! of that folder; a database on read-only media or a network share keeps its seal too; and
//! nothing is added to the user's folders. The CLI and the app share it. Seals of files that no
//! longer exist are removed when another is written. A seal protects against accidents, not
//! against someone who writes with the user's rights: they could as well forge rows that pass
//! every check.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// How long a full check is trusted, whatever the file's state.
pub const FULL_CHECK_EVERY: chrono::TimeDelta = chrono::TimeDelta::hours(24);

/// Environment variable naming the folder of the seals (tests, portable installs); by default
/// `integrity/` in the app's local data folder.
pub const STATE_DIR_ENV: &str = "MAILLAGE_STATE_DIR";

/// One file's state on disk: what any write to it changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    len: u64,
    modified_ns: i64,
    /// Unix: the status-change time (ctime), which no program can set back. Windows: the
    /// creation time (a file put in place of another).
    changed_ns: i64,
    device: u64,
    inode: u64,
}

/// The database file, its WAL, and the change counter of its header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    db: Stamp,
    /// `None` when there is no WAL or an empty one (nothing in it is read).
    wal: Option<Stamp>,
    /// Bytes 24–27 of the file as stored: the header's change counter (ciphertext for an
    /// encrypted file, which changes whenever page 1 is written).
    counter: [u8; 4],
}

/// The seal as kept on disk.
#[derive(Debug, Serialize, Deserialize)]
struct Seal {
    path: String,
    fingerprint: Fingerprint,
    /// The last full check (RFC 3339, UTC).
    checked_at: DateTime<Utc>,
}

/// The seal this process holds, with `data_version` as its connection read it then.
#[derive(Debug, Clone)]
struct Held {
    fingerprint: Fingerprint,
    data_version: i64,
    checked_at: DateTime<Utc>,
}

/// The integrity state of one open database.
#[derive(Debug)]
pub struct Integrity {
    path: PathBuf,
    /// A laptop copy: its damage is told as the copy's, with what to do about a copy.
    is_copy: bool,
    held: RefCell<Option<Held>>,
    /// The database file as this process reads its header, opened once and closed only after
    /// the connection (`Database` declares its connection first, so it is dropped first). On
    /// Unix, closing *any* descriptor of a file drops every lock the process holds on it —
    /// SQLite's included (« How To Corrupt An SQLite Database File », § 2.2): reading the header
    /// through a file opened and closed at each look let another program take the file for
    /// unused, checkpoint the WAL and delete it under Maillage, whose later commits went to the
    /// deleted WAL and were lost. One handle per file seen at the path (a file put in its place
    /// gets its own; the old one stays open, as SQLite may still hold locks on it).
    handles: RefCell<Vec<(FileId, std::fs::File)>>,
}

/// A file's identity on its file system (device and inode on Unix; nothing on Windows, where
/// closing a handle releases only that handle's locks and one handle is enough).
type FileId = (u64, u64);

impl Integrity {
    pub fn new(path: &Path, is_copy: bool) -> Self {
        Integrity { path: path.to_owned(), is_copy, held: RefCell::new(None), handles: RefCell::new(Vec::new()) }
    }

    /// The file's state now, its header read through a handle kept open (see `handles`).
    fn fingerprint(&self) -> std::io::Result<Fingerprint> {
        fingerprint_with(&self.path, |stamp| {
            let id = (stamp.device, stamp.inode);
            let mut handles = self.handles.borrow_mut();
            if !handles.iter().any(|(seen, _)| *seen == id) {
                handles.push((id, std::fs::File::open(&self.path)?));
            }
            let (_, file) = handles.iter().find(|(seen, _)| *seen == id).expect("just added");
            read_counter(file)
        })
    }

    /// The gate before anything gives figures or writes: `Ok` when the file is sealed and
    /// unchanged since (outside this process's own writes), else a full check, sealed when it
    /// passes. A damaged file is refused in French, naming what is damaged.
    pub fn verify(&self, conn: &Connection) -> Result<()> {
        let now = self.fingerprint().map_err(|source| Error::Io { path: self.path.display().to_string(), source })?;
        let version = data_version(conn)?;
        let fresh = |at: &DateTime<Utc>| Utc::now() - *at < FULL_CHECK_EVERY;
        if let Some(h) = self.held.borrow().as_ref() {
            if h.fingerprint == now && h.data_version == version && fresh(&h.checked_at) {
                return Ok(());
            }
        }
        if let Some(seal) = read_seal(&self.path).filter(|s| s.fingerprint == now && fresh(&s.checked_at)) {
            *self.held.borrow_mut() = Some(Held { fingerprint: now, data_version: version, checked_at: seal.checked_at });
            return Ok(());
        }
        self.forget();
        if let Some(found) = examine(conn, &self.path)? {
            return Err(self.damaged(conn, found));
        }
        self.sealed_after_check(conn, now, version)
    }

    /// Seals the state `before` a full check that passed, when nothing changed during the check.
    fn sealed_after_check(&self, conn: &Connection, before: Fingerprint, version: i64) -> Result<()> {
        let after = self.fingerprint().ok();
        if after.as_ref() == Some(&before) && data_version(conn)? == version {
            let held = Held { fingerprint: before, data_version: version, checked_at: Utc::now() };
            write_seal(&self.path, &held);
            prune(&self.path);
            *self.held.borrow_mut() = Some(held);
        }
        Ok(())
    }

    /// After a full check made by `Database::check`: sealed when it passed, forgotten when not.
    pub fn record_check(&self, conn: &Connection, before: Fingerprint, version: i64, sound: bool) -> Result<()> {
        if sound {
            self.sealed_after_check(conn, before, version)
        } else {
            self.forget();
            Ok(())
        }
    }

    /// After this process's own writes (the end of a command): the seal follows the file when no
    /// other connection committed meanwhile; otherwise it is dropped and the next `verify` checks
    /// the file in full.
    pub fn seal_own_writes(&self, conn: &Connection) -> Result<()> {
        let Some(held) = self.held.borrow().clone() else { return Ok(()) };
        if data_version(conn)? != held.data_version {
            self.forget();
            return Ok(());
        }
        match self.fingerprint() {
            Ok(now) if now == held.fingerprint => {}
            Ok(now) => {
                let held = Held { fingerprint: now, ..held };
                write_seal(&self.path, &held);
                *self.held.borrow_mut() = Some(held);
            }
            Err(_) => self.forget(),
        }
        Ok(())
    }

    /// Whether this process holds a seal (it passed the gate since its last write by others).
    pub fn is_held(&self) -> bool {
        self.held.borrow().is_some()
    }

    /// Whether the seal may follow this process's writes up to now: the last step before the
    /// connection closes (its checkpoint is this process's own write too).
    pub fn may_follow_close(&self, conn: &Connection) -> bool {
        self.held.borrow().as_ref().is_some_and(|h| data_version(conn).ok() == Some(h.data_version))
    }

    /// After the connection closed, when [`Self::may_follow_close`] said so: the file's state at
    /// rest (WAL checkpointed and removed) is sealed.
    pub fn seal_at_rest(&self) {
        let held = self.held.borrow().clone();
        match (held, self.fingerprint()) {
            (Some(h), Ok(now)) if now != h.fingerprint => write_seal(&self.path, &Held { fingerprint: now, ..h }),
            (Some(_), Ok(_)) => {}
            _ => self.forget(),
        }
    }

    /// Drops the seal (here and on disk): the next `verify` checks in full.
    pub fn forget(&self) {
        *self.held.borrow_mut() = None;
        if let Some(f) = seal_file(&self.path) {
            let _ = std::fs::remove_file(f);
        }
    }

    /// The state of the file now, and its connection's `data_version`, before a full check.
    pub fn before_check(&self, conn: &Connection) -> Result<(Fingerprint, i64)> {
        let now = self.fingerprint().map_err(|source| Error::Io { path: self.path.display().to_string(), source })?;
        Ok((now, data_version(conn)?))
    }

    /// The French refusal of a damaged file, from the check's lines (or the error that stopped
    /// it). SQLite's own lines go to the technical log only.
    fn damaged(&self, conn: &Connection, found: impl Into<Found>) -> Error {
        let found = found.into();
        log::warn!("contrôle d'intégrité en échec : {} — {}", self.path.display(), found.raw());
        damaged_error(&self.path, self.is_copy, describe(conn, &found))
    }
}

/// What a full check found: its lines, or the error that stopped it (unreadable pages).
pub enum Found {
    Lines(Vec<String>),
    Failed(rusqlite::Error),
}

impl From<Vec<String>> for Found {
    fn from(lines: Vec<String>) -> Self {
        Found::Lines(lines)
    }
}

impl From<rusqlite::Error> for Found {
    fn from(e: rusqlite::Error) -> Self {
        Found::Failed(e)
    }
}

impl Found {
    pub fn raw(&self) -> String {
        match self {
            Found::Lines(l) => l.join(" | ").replace('\n', " "),
            Found::Failed(e) => e.to_string(),
        }
    }
}

/// The error for a damaged file: a laptop copy is the copy's problem (make a new one), the
/// office database's is solved by a backup.
pub fn damaged_error(path: &Path, is_copy: bool, detail: String) -> Error {
    let shown = path.display().to_string();
    if is_copy {
        return Error::DamagedCopy { path: shown, detail };
    }
    let latest = crate::backup::list(path).ok().and_then(|l| l.into_iter().next()).map(|b| PathBuf::from(b.path));
    Error::Damaged { path: shown, detail, latest_backup: latest }
}

/// `PRAGMA integrity_check`: every page, every b-tree, every index against its table, NOT NULL
/// and CHECK constraints. `["ok"]` when sound. An error (a page that cannot be read or decrypted)
/// is returned as such.
pub fn full_check(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    conn.prepare("PRAGMA integrity_check")?.query_map([], |r| r.get(0))?.collect()
}

/// The full check: `None` when sound, what was found otherwise. A file busy with another
/// program is not damaged: that is said as such.
pub fn examine(conn: &Connection, path: &Path) -> Result<Option<Found>> {
    match full_check(conn) {
        Ok(lines) if lines == ["ok"] => Ok(None),
        Ok(lines) => Ok(Some(lines.into())),
        Err(e) if matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)) => {
            Err(Error::Busy { path: path.display().to_string() })
        }
        Err(e) => Ok(Some(e.into())),
    }
}

/// Runs the full check on a file that is read once and never sealed (a laptop copy being
/// merged): `Ok` when sound, else the copy's French refusal.
pub fn check_copy(conn: &Connection, path: &Path) -> Result<()> {
    let Some(found) = examine(conn, path)? else { return Ok(()) };
    log::warn!("contrôle d'intégrité en échec : {} — {}", path.display(), found.raw());
    Err(damaged_error(path, true, describe(conn, &found)))
}

/// What is damaged, in French: the tables and indexes named by the check's lines (their names
/// read from the schema when it can still be read), the pages otherwise, and how many problems.
pub fn describe(conn: &Connection, found: &Found) -> String {
    let lines = match found {
        Found::Failed(e) => return crate::error::msg::damage_unreadable(&crate::error::sqlite_code(e)),
        Found::Lines(lines) => lines,
    };
    // SQLite's lines name an index, a table (`T.C` or `T`), or a b-tree by its root page.
    let mut indexes: Vec<String> = Vec::new();
    let mut tables: Vec<String> = Vec::new();
    let mut pages: Vec<u32> = Vec::new();
    let push = |v: &mut Vec<String>, s: &str| {
        let s = s.trim().to_owned();
        if !s.is_empty() && !v.contains(&s) {
            v.push(s);
        }
    };
    let root_name = |root: u32| -> Option<(String, String)> {
        conn.query_row("SELECT type, name FROM sqlite_schema WHERE rootpage = ?", [root], |r| Ok((r.get(0)?, r.get(1)?))).ok()
    };
    let count = lines.iter().flat_map(|l| l.lines()).filter(|l| !l.starts_with("***")).count();
    for line in lines.iter().flat_map(|l| l.lines()) {
        if let Some(rest) = line.split_once(" from index ").map(|(_, r)| r).or_else(|| line.split_once(" in index ").map(|(_, r)| r)) {
            push(&mut indexes, rest);
        } else if let Some(rest) = line.strip_prefix("NULL value in ").or_else(|| line.strip_prefix("CHECK constraint failed in ")) {
            push(&mut tables, rest.split('.').next().unwrap_or(rest));
        } else if let Some(rest) = line.strip_prefix("Tree ") {
            let root: Option<u32> = rest.split_whitespace().next().and_then(|n| n.parse().ok());
            match root.and_then(root_name) {
                Some((kind, name)) if kind == "index" => push(&mut indexes, &name),
                Some((_, name)) => push(&mut tables, &name),
                None => pages.extend(page_of(line)),
            }
        } else {
            pages.extend(page_of(line));
        }
    }
    pages.sort_unstable();
    pages.dedup();
    let table_of = |index: &str| -> Option<String> {
        conn.query_row("SELECT tbl_name FROM sqlite_schema WHERE type = 'index' AND name = ?", [index], |r| r.get(0)).ok()
    };
    let indexes: Vec<(String, Option<String>)> = indexes.into_iter().map(|i| {
        let t = table_of(&i);
        (i, t)
    }).collect();
    crate::error::msg::damage_detail(&tables, &indexes, &pages, count)
}

/// The page number a line of the check names (`page 427`, `Page 14: never used`).
fn page_of(line: &str) -> Option<u32> {
    let lower = line.to_ascii_lowercase();
    let at = lower.rfind("page ")?;
    lower[at + 5..].split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

fn data_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "data_version", |r| r.get(0))
}

fn stamp(path: &Path) -> std::io::Result<Stamp> {
    let m = std::fs::metadata(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Ok(Stamp {
            len: m.len(),
            modified_ns: m.mtime().saturating_mul(1_000_000_000).saturating_add(m.mtime_nsec()),
            changed_ns: m.ctime().saturating_mul(1_000_000_000).saturating_add(m.ctime_nsec()),
            device: m.dev(),
            inode: m.ino(),
        })
    }
    #[cfg(not(unix))]
    {
        let ns = |t: std::io::Result<std::time::SystemTime>| {
            t.ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos() as i64)
        };
        Ok(Stamp { len: m.len(), modified_ns: ns(m.modified()), changed_ns: ns(m.created()), device: 0, inode: 0 })
    }
}

/// The state of the file at `path` now, its change counter read by `counter`.
fn fingerprint_with(path: &Path, counter: impl FnOnce(&Stamp) -> std::io::Result<[u8; 4]>) -> std::io::Result<Fingerprint> {
    let db = stamp(path)?;
    let counter = if db.len >= 28 { counter(&db)? } else { [0; 4] };
    let mut wal_path = path.as_os_str().to_owned();
    wal_path.push("-wal");
    let wal = match stamp(Path::new(&wal_path)) {
        Ok(s) if s.len > 0 => Some(s),
        Ok(_) => None,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    Ok(Fingerprint { db, wal, counter })
}

/// Bytes 24–27 of the file: the header's change counter.
fn read_counter(mut file: &std::fs::File) -> std::io::Result<[u8; 4]> {
    use std::io::{Read, Seek, SeekFrom};
    let mut counter = [0u8; 4];
    file.seek(SeekFrom::Start(24))?;
    file.read_exact(&mut counter)?;
    Ok(counter)
}

/// The folder of the seals.
fn state_dir() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(STATE_DIR_ENV).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    Some(dirs::data_local_dir()?.join(crate::db::APP_IDENTIFIER).join("integrity"))
}

/// The seal file of the database at `path`: named after a hash of its full path.
fn seal_file(path: &Path) -> Option<PathBuf> {
    use sha2::Digest;
    let full = std::fs::canonicalize(path).ok()?;
    let hash = sha2::Sha256::digest(full.as_os_str().as_encoded_bytes());
    let name: String = hash[..12].iter().map(|b| format!("{b:02x}")).collect();
    Some(state_dir()?.join(format!("{name}.json")))
}

fn read_seal(path: &Path) -> Option<Seal> {
    let text = std::fs::read_to_string(seal_file(path)?).ok()?;
    let seal: Seal = serde_json::from_str(&text).ok()?;
    let full = std::fs::canonicalize(path).ok()?;
    (Path::new(&seal.path) == full).then_some(seal)
}

/// Writes the seal (whole or not at all: beside, then renamed). A seal that cannot be written is
/// only a full check more next time.
fn write_seal(path: &Path, held: &Held) {
    let (Some(file), Ok(full)) = (seal_file(path), std::fs::canonicalize(path)) else { return };
    let Some(dir) = file.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let seal = Seal { path: full.display().to_string(), fingerprint: held.fingerprint.clone(), checked_at: held.checked_at };
    let Ok(text) = serde_json::to_string(&seal) else { return };
    let partial = file.with_extension(format!("{}.partial", std::process::id()));
    if std::fs::write(&partial, text).is_ok() && std::fs::rename(&partial, &file).is_err() {
        let _ = std::fs::remove_file(&partial);
    }
}

/// Removes the seals of databases that no longer exist (tests' temporary files, a database
/// moved), after a full check (not after every write: a check-in stays fast).
fn prune(path: &Path) {
    let Some(keep) = seal_file(path) else { return };
    let Some(dir) = keep.parent() else { return };
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p == keep || p.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let gone = std::fs::read_to_string(&p).ok().and_then(|t| serde_json::from_str::<Seal>(&t).ok()).is_none_or(|s| !Path::new(&s.path).exists());
        if gone {
            let _ = std::fs::remove_file(&p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_read_from_sqlite_lines() {
        assert_eq!(page_of("Fragmentation of 46 bytes reported as 0 on page 427"), Some(427));
        assert_eq!(page_of("Page 14: never used"), Some(14));
        assert_eq!(page_of("row 58 missing from index attendance_figures"), None);
    }
}
