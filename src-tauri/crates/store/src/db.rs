//! Opening the SQLite file: location, pragmas, schema migrations, and the refusal of a file written
//! by a newer Maillage.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

pub use rusqlite::Connection;
use rusqlite::OpenFlags;
use rusqlite_migration::{Migrations, M};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};

/// Tauri's bundle identifier; the app-data folder is named after it on every platform.
/// Must equal `identifier` in `src-tauri/tauri.conf.json` (a test checks it).
pub const APP_IDENTIFIER: &str = "fr.maillage.app";
/// Environment variable naming the database file, for both the app and the CLI.
pub const DB_ENV: &str = "MAILLAGE_DB";
const DB_FILE_NAME: &str = "maillage.sqlite";

/// The numbered files of `migrations/`, applied in order. Add a line for a new file; never edit a
/// file that has landed (a test checks that every file is listed here, in order).
pub const MIGRATION_FILES: &[(&str, &str)] = &[
    ("0001_directory.sql", include_str!("../../../../migrations/0001_directory.sql")),
    ("0002_meetings.sql", include_str!("../../../../migrations/0002_meetings.sql")),
    ("0003_checkin_speed.sql", include_str!("../../../../migrations/0003_checkin_speed.sql")),
    ("0004_working_groups.sql", include_str!("../../../../migrations/0004_working_groups.sql")),
    ("0005_figures.sql", include_str!("../../../../migrations/0005_figures.sql")),
    ("0006_copies.sql", include_str!("../../../../migrations/0006_copies.sql")),
    ("0007_privacy.sql", include_str!("../../../../migrations/0007_privacy.sql")),
    ("0008_import_mappings.sql", include_str!("../../../../migrations/0008_import_mappings.sql")),
    ("0009_mailings_by_reply.sql", include_str!("../../../../migrations/0009_mailings_by_reply.sql")),
    ("0010_minutes_file.sql", include_str!("../../../../migrations/0010_minutes_file.sql")),
    ("0011_agency_address.sql", include_str!("../../../../migrations/0011_agency_address.sql")),
    ("0012_report_text.sql", include_str!("../../../../migrations/0012_report_text.sql")),
];

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(MIGRATION_FILES.iter().map(|(_, sql)| M::up(sql).foreign_key_check()).collect()));

/// Schema version this build writes (`PRAGMA user_version` after all migrations).
pub fn supported_schema_version() -> i64 {
    MIGRATION_FILES.len() as i64
}

/// Marks a file as Maillage's (`PRAGMA application_id`, in the file's header): a non-empty SQLite
/// file without it is another program's and is refused untouched. "MAIL" in ASCII.
pub const APPLICATION_ID: i32 = 0x4D41_494C;

/// Where the database lives: `explicit` (a `--db` argument) first, then `$MAILLAGE_DB`, then the
/// platform's *local* app-data folder (`~/.local/share/fr.maillage.app/` on Linux,
/// `%LOCALAPPDATA%\fr.maillage.app\` on Windows): roaming profiles of municipal PCs often live on
/// a network share, where SQLite's WAL is unsafe.
pub fn resolve_db_path(explicit: Option<PathBuf>) -> PathBuf {
    if let Some(p) = explicit {
        return p;
    }
    if let Some(p) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    default_db_path()
}

/// The app's own place for its database, the only one created without being asked for.
pub fn default_db_path() -> PathBuf {
    dirs::data_local_dir().unwrap_or_else(|| PathBuf::from(".")).join(APP_IDENTIFIER).join(DB_FILE_NAME)
}

/// A warning when the database lives on a network share (NFS, SMB/CIFS, a Windows UNC path…),
/// where SQLite's locking and WAL are unsafe; `None` on a local disk.
pub fn storage_warning(path: &Path) -> Option<String> {
    let shown = path.display().to_string();
    if shown.starts_with(r"\\") || shown.starts_with("//") {
        return Some(crate::error::msg::network_storage(&shown));
    }
    #[cfg(windows)]
    if on_network_drive(path) {
        return Some(crate::error::msg::network_storage(&shown));
    }
    let mounts = std::fs::read_to_string("/proc/mounts").ok()?;
    let full = std::fs::canonicalize(path).or_else(|_| path.parent().map(std::fs::canonicalize).unwrap_or(Ok(path.to_owned()))).ok()?;
    network_fs_in(&mounts, &full).then(|| crate::error::msg::network_storage(&shown))
}

/// Whether `path` is on a drive letter that Windows maps to a network share (`H:` for the
/// user's « home » on many municipal networks): `GetDriveTypeW` says `DRIVE_REMOTE`.
#[cfg(windows)]
fn on_network_drive(path: &Path) -> bool {
    use std::path::{Component, Prefix};
    use windows_sys::Win32::Storage::FileSystem::GetDriveTypeW;
    const DRIVE_REMOTE: u32 = 4;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let Some(Component::Prefix(prefix)) = absolute.components().next() else { return false };
    let letter = match prefix.kind() {
        Prefix::Disk(l) | Prefix::VerbatimDisk(l) => l,
        // \\server\share and \\?\UNC\…: always a network path.
        Prefix::UNC(..) | Prefix::VerbatimUNC(..) => return true,
        _ => return false,
    };
    let root: Vec<u16> = format!("{}:\\", letter as char).encode_utf16().chain(std::iter::once(0)).collect();
    // SAFETY: `root` is a NUL-terminated UTF-16 string that outlives the call.
    unsafe { GetDriveTypeW(root.as_ptr()) == DRIVE_REMOTE }
}

/// Whether `path` lies on a network file system according to `mounts` (the text of
/// `/proc/mounts`): the longest mount point above it decides.
fn network_fs_in(mounts: &str, path: &Path) -> bool {
    const NETWORK: &[&str] = &["nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs", "ceph", "glusterfs", "davfs", "fuse.davfs2"];
    // Spaces and tabs in mount points are written as octal escapes (\040).
    let unescape = |s: &str| s.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\");
    mounts
        .lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            let (_, point, kind) = (f.next()?, f.next()?, f.next()?);
            Some((PathBuf::from(unescape(point)), kind.to_owned()))
        })
        .filter(|(point, _)| path.starts_with(point))
        .max_by_key(|(point, _)| point.as_os_str().len())
        .is_some_and(|(_, kind)| NETWORK.contains(&kind.as_str()))
}

/// The passphrase of an encrypted file (SQLCipher). Never printed, never stored by Maillage.
#[derive(Clone)]
pub struct Passphrase(String);

impl Passphrase {
    /// A passphrase typed by the user or read from a file (a final line break is not part of it).
    pub fn new(text: impl Into<String>) -> Self {
        let mut text = text.into();
        while text.ends_with('\n') || text.ends_with('\r') {
            text.pop();
        }
        Passphrase(text)
    }

    /// Reads a passphrase file (`--passphrase-file`).
    pub fn from_file(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.display().to_string(), source })?;
        let p = Passphrase::new(text);
        if p.0.is_empty() {
            return Err(Error::invalid("passphrase", crate::error::msg::empty_passphrase_file(&path.display().to_string())));
        }
        Ok(p)
    }

    /// A new passphrase typed twice (a copy's, an encrypted database's): both must agree.
    pub fn confirmed(first: &str, second: &str) -> Result<Self> {
        if first != second {
            return Err(Error::invalid("passphrase_confirmation", crate::error::msg::passphrases_differ()));
        }
        Ok(Passphrase::new(first))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.chars().count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(***)")
    }
}

/// How a file is opened.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// Create the file when it does not exist (`init`, the app's first start at its own place).
    /// Elsewhere a missing file is an error: a typo in a path must not make an empty database.
    pub create: bool,
    /// The file is encrypted with this passphrase.
    pub passphrase: Option<Passphrase>,
}

impl OpenOptions {
    pub fn create() -> Self {
        OpenOptions { create: true, passphrase: None }
    }
    pub fn existing(passphrase: Option<Passphrase>) -> Self {
        OpenOptions { create: false, passphrase }
    }
}

/// The first 16 bytes of every plain SQLite file. An encrypted (SQLCipher) file starts with
/// random bytes instead.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What the first bytes of a file say it is.
#[derive(Debug, PartialEq, Eq)]
pub enum FileKind {
    Empty,
    Plain,
    /// Not plain SQLite, page-aligned: most likely encrypted (SQLCipher).
    Encrypted,
    /// Something else entirely.
    Other,
}

pub fn file_kind(path: &Path) -> Result<FileKind> {
    use std::io::Read;
    let mut head = Vec::with_capacity(16);
    let file = std::fs::File::open(path).map_err(|source| Error::Io { path: path.display().to_string(), source })?;
    file.take(16).read_to_end(&mut head).map_err(|source| Error::Io { path: path.display().to_string(), source })?;
    let len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    Ok(match head.len() {
        0 => FileKind::Empty,
        _ if head == SQLITE_MAGIC => FileKind::Plain,
        // SQLCipher writes whole pages of at least 1 KiB.
        _ if len >= 1024 && len.is_multiple_of(1024) => FileKind::Encrypted,
        _ => FileKind::Other,
    })
}

/// Opens a connection to `path` and proves it can be read: keyed first when a passphrase is given,
/// then the schema is read (the first real access). Nothing is written. Shared by the database,
/// backups, copies and restores, so that every file gets the same French diagnosis.
///
/// Read only, a file in WAL mode (the office database, a backup made before 2026-12) on a medium
/// where nothing can be created beside it cannot be opened as usual: SQLite needs its `-shm`
/// file and cannot make one (code 14). It is then read as immutable (no locks, no `-shm`), which
/// is right as long as nobody writes the file meanwhile — nobody can on a locked USB stick, and a
/// writer elsewhere on a share would have a `-wal` beside it. A `-wal` holding changes is never
/// ignored (immutable would read the file without them): that case is refused, saying what to do.
pub fn connect(path: &Path, passphrase: Option<&Passphrase>, flags: OpenFlags) -> Result<Connection> {
    let shown = path.display().to_string();
    let kind = file_kind(path)?;
    // A passphrase given for an encrypted file is not forced on a plain one (the CLI's global
    // --passphrase-file serves the copy while the office database is plain).
    let passphrase = passphrase.filter(|_| kind != FileKind::Plain);
    let read_only = flags.contains(OpenFlags::SQLITE_OPEN_READ_ONLY);
    let opened = match open_keyed(&path.to_string_lossy(), passphrase, flags) {
        Err(e) if read_only && e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen) => {
            if crate::medium::pending_wal(path) {
                return Err(Error::ReadOnlyWithJournal { path: shown });
            }
            open_keyed(&crate::medium::immutable_uri(path), passphrase, flags | OpenFlags::SQLITE_OPEN_URI)
        }
        other => other,
    };
    opened.map_err(|e| match (kind, passphrase, e.sqlite_error_code()) {
        (FileKind::Encrypted, Some(_), Some(rusqlite::ErrorCode::NotADatabase)) => Error::WrongPassphrase { path: shown },
        (FileKind::Encrypted, None, Some(rusqlite::ErrorCode::NotADatabase)) => Error::Encrypted { path: shown },
        (_, _, Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)) => Error::Busy { path: shown },
        (FileKind::Plain, _, Some(rusqlite::ErrorCode::DatabaseCorrupt)) => Error::Damaged {
            path: shown,
            detail: crate::error::sqlite_code(&e),
            latest_backup: crate::backup::list(path).ok().and_then(|l| l.into_iter().next()).map(|b| PathBuf::from(b.path)),
        },
        _ => Error::NotADatabase { path: shown, detail: crate::error::sqlite_code(&e) },
    })
}

/// One attempt of [`connect`] on `target` (a path, or a `file:` URI).
fn open_keyed(target: &str, passphrase: Option<&Passphrase>, flags: OpenFlags) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(target, flags)?;
    // SQLCipher would print its own English diagnostics on stderr (a wrong passphrase…): the
    // French message of `connect` says it.
    let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
    if let Some(p) = passphrase {
        conn.pragma_update(None, "key", p.expose())?;
    }
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // Room for the statements an import or a check-in repeats (rusqlite keeps 16 by default).
    conn.set_prepared_statement_cache_capacity(64);
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0))?;
    Ok(conn)
}

/// A database file opened for this process: its connection, its passphrase, its integrity seal.
/// Made by [`Opening::into_database`]; the policy of a session (a backup before migrating, the
/// journal, a copy's journal mode, the integrity gate) is `maillage_core::session`'s.
pub struct Database {
    conn: Connection,
    path: PathBuf,
    passphrase: Option<Passphrase>,
    /// Whether the file is known sound (src/integrity.rs).
    integrity: crate::integrity::Integrity,
    /// On a medium that cannot be written: opened read only, never migrated nor switched to WAL.
    read_only: bool,
    /// A laptop copy (its `copy_info` row), not an office database.
    is_copy: bool,
}

/// A database file opened, keyed and identified, its pragmas set, its schema not yet brought up
/// to date: what [`open`] gives `maillage_core::session`, which migrates it and makes it a [`Database`].
pub struct Opening {
    conn: Connection,
    path: PathBuf,
    passphrase: Option<Passphrase>,
    identity: Identity,
    read_only: bool,
}

/// Opens the file at `path`: connects (keyed when a passphrase is given and the file is not plain
/// SQLite), reads its identity and sets the connection's pragmas. Nothing is written. Refused
/// untouched: a missing file (unless `create`), a folder, another program's SQLite file, a file
/// from a newer Maillage, an encrypted file without its passphrase or with a wrong one; on a
/// read-only medium, a new file or one that would need migrating.
pub fn open(path: &Path, options: &OpenOptions) -> Result<Opening> {
    let shown = path.display().to_string();
    if path.is_dir() {
        return Err(Error::IsADirectory { path: shown });
    }
    if !path.exists() {
        if !options.create {
            return Err(Error::FileNotFound { path: shown });
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io { path: dir.display().to_string(), source })?;
        }
        // An empty file: the migrations make it a Maillage database.
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .or_else(|e| if e.kind() == std::io::ErrorKind::AlreadyExists { std::fs::File::open(path) } else { Err(e) })
            .map_err(|source| Error::Io { path: shown.clone(), source })?;
    }
    // A file on a read-only medium is read as it is: check, bilan and exports work; what
    // would write is refused by `Database::writable`, in French.
    let read_only = !crate::medium::writable(path);
    let access = if read_only { OpenFlags::SQLITE_OPEN_READ_ONLY } else { OpenFlags::SQLITE_OPEN_READ_WRITE };
    let flags = access | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    // The passphrase is the file's only when the file is not plain SQLite (see `connect`).
    let passphrase = options.passphrase.clone().filter(|_| file_kind(path).map(|k| k != FileKind::Plain).unwrap_or(true));
    let conn = connect(path, passphrase.as_ref(), flags)?;

    // Read-only look first: another program's file and a newer schema are refused untouched.
    let identity = Identity::read(&conn).map_err(|e| Error::NotADatabase { path: shown.clone(), detail: crate::error::sqlite_code(&e) })?;
    if !identity.is_maillage() {
        return Err(Error::NotMaillage { path: shown });
    }
    if identity.user_version > supported_schema_version() {
        return Err(Error::NewerSchema { path: shown, found: identity.user_version, supported: supported_schema_version() });
    }

    if read_only {
        // Nothing is written — no WAL switch, no migration, no mark. A file that would need
        // them is refused in French.
        if identity.objects == 0 {
            return Err(Error::ReadOnly { path: shown });
        }
        if identity.user_version < supported_schema_version() {
            return Err(Error::ReadOnlyOutdated { path: shown });
        }
        // Per connection, nothing written: the same reading rules as a writable file.
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
    } else {
        // foreign_keys is per connection. Deleted content is overwritten with zeros, not left in
        // free pages of the file: the data of vulnerable people must really go (RGPD).
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "secure_delete", "ON")?;
        // Temporary data (the savepoint journals of an import's rows, sorts) stays in memory: no
        // personal data in clear in temporary files beside an encrypted copy or in /tmp.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
    }
    Ok(Opening { conn, path: path.to_owned(), passphrase, identity, read_only })
}

impl Opening {
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn passphrase(&self) -> Option<&Passphrase> {
        self.passphrase.as_ref()
    }

    /// On a read-only medium: read as it is (never migrated).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// A Maillage file with content whose schema is older than this build's (a new, empty file
    /// is made, not migrated).
    pub fn is_outdated(&self) -> bool {
        self.identity.user_version < supported_schema_version() && self.identity.objects > 0
    }

    /// Brings the schema up to date and marks the file as Maillage's.
    pub fn migrate(&mut self) -> Result<()> {
        migrate(&mut self.conn)?;
        if self.identity.application_id != APPLICATION_ID {
            self.conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        Ok(())
    }

    /// Sets the file's journal mode (`WAL`, or `DELETE` for a laptop copy) and the matching
    /// `synchronous` level.
    pub fn set_journal_mode(&self, mode: &str, synchronous: &str) -> Result<()> {
        set_journal_mode(&self.conn, mode)?;
        self.conn.pragma_update(None, "synchronous", synchronous)?;
        Ok(())
    }

    /// The opened file, ready for a session; `is_copy` says whether it is a laptop copy (its
    /// damage is told as a copy's).
    pub fn into_database(self, is_copy: bool) -> Database {
        let integrity = crate::integrity::Integrity::new(&self.path, is_copy);
        Database { conn: self.conn, path: self.path, passphrase: self.passphrase, integrity, read_only: self.read_only, is_copy }
    }
}

impl Database {
    /// Whether the file is on a read-only medium (opened read only).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The French refusal of anything that writes the database or beside it (a backup, a merge,
    /// an import…) when it is on a read-only medium.
    pub fn writable(&self) -> Result<()> {
        if self.read_only {
            return Err(Error::ReadOnly { path: self.path.display().to_string() });
        }
        Ok(())
    }

    /// Where the changes made through this database come from, in the journal (the command line
    /// sets « ligne de commande »; the app keeps « application »).
    pub fn set_origin(&self, origin: crate::model::JournalOrigin) -> Result<()> {
        crate::journal::install(&self.conn, origin)
    }

    /// The passphrase the file was opened with, for backups and copies of an encrypted database.
    pub fn passphrase(&self) -> Option<&Passphrase> {
        self.passphrase.as_ref()
    }

    /// A laptop copy, not an office database.
    pub fn is_copy(&self) -> bool {
        self.is_copy
    }

    /// A backup of the database now, then the old ones that `retention` lets expire go
    /// (docs/backups.md).
    pub fn backup_with(&self, reason: crate::backup::Reason, retention: crate::backup::Retention) -> Result<crate::backup::BackupInfo> {
        self.writable()?;
        crate::backup::create(&self.conn, &self.path, self.passphrase.as_ref(), reason, retention)
    }

    /// Replaces the database's content with the file at `backup` (already checked by the caller),
    /// page by page, then brings its schema up to date. The seal is dropped: the file is checked
    /// in full before it next gives figures.
    pub fn replace_content(&mut self, backup: &Path) -> Result<()> {
        {
            let source = connect(backup, self.passphrase.as_ref(), OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            let copy = rusqlite::backup::Backup::new(&source, &mut self.conn)?;
            copy.run_to_completion(256, std::time::Duration::ZERO, None)?;
        }
        // The backup's pages were checked by SQLite's quick check only: not this process's own
        // writes, so the file is checked in full before it next gives figures.
        self.integrity.forget();
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        migrate(&mut self.conn)?;
        Ok(())
    }

    /// The gate before anything gives figures or writes (a bilan, an export, a copy, a merge, a
    /// list, a change): a damaged file is refused in French, naming what is damaged, with the
    /// latest backup offered (or, for a laptop copy, a new copy). The full `integrity_check` runs
    /// only when the file changed outside this process since it was last found sound
    /// (src/integrity.rs, docs/backups.md).
    pub fn verify(&self) -> Result<()> {
        self.integrity.verify(&self.conn)
    }

    /// To call after a command's writes: this process's own commits keep the file's seal, so that
    /// the next `verify` need not check it again (unless another connection wrote meanwhile).
    pub fn seal_own_writes(&self) -> Result<()> {
        self.integrity.seal_own_writes(&self.conn)
    }

    /// Closes the database; the seal follows this process's last writes and the checkpoint that
    /// closing makes, so that the next process finds the file sealed (the CLI's end).
    pub fn close(self) -> Result<()> {
        let (held, follow) = (self.integrity.is_held(), self.integrity.may_follow_close(&self.conn));
        let Database { conn, integrity, .. } = self;
        conn.close().map_err(|(_, e)| Error::from(e))?;
        // Without a seal held (`backups`, `restore`), the one on disk is left as it is: it still
        // matches the file only if nothing wrote to it.
        if follow {
            integrity.seal_at_rest();
        } else if held {
            integrity.forget();
        }
        Ok(())
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Integrity and foreign-key checks, for `maillage-cli check`: always the full check, which
    /// seals the file when it passes. The messages say in French what is damaged; SQLite's own
    /// lines go to the technical log only.
    pub fn check(&self) -> Result<CheckReport> {
        let schema_version = self.schema_version()? as u32;
        let (before, version) = self.integrity.before_check(&self.conn)?;
        let found = crate::integrity::examine(&self.conn, &self.path)?;
        let integrity_messages = match &found {
            None => Vec::new(),
            Some(f) => {
                log::warn!("contrôle d'intégrité en échec : {} — {}", self.path.display(), f.raw());
                vec![crate::integrity::describe(&self.conn, f)]
            }
        };
        let foreign_key_violations: i64 = if found.is_none() {
            self.conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?
        } else {
            0
        };
        self.integrity.record_check(&self.conn, before, version, found.is_none())?;
        Ok(CheckReport {
            schema_version,
            integrity_ok: found.is_none(),
            integrity_messages,
            foreign_key_violations: foreign_key_violations as u32,
        })
    }
}

#[derive(Debug, Serialize, TS)]
pub struct CheckReport {
    pub schema_version: u32,
    pub integrity_ok: bool,
    pub integrity_messages: Vec<String>,
    pub foreign_key_violations: u32,
}

/// A write transaction. At top level it is `BEGIN IMMEDIATE` (it takes the write lock at once, so
/// two processes on one file wait for each other under `busy_timeout` instead of failing half-way);
/// inside an outer transaction it is a savepoint, so query functions compose into one larger
/// all-or-nothing write (the demo generator, imports). Dropped without `commit`, it rolls back.
pub struct WriteTx<'c> {
    conn: &'c Connection,
    nested: bool,
    done: bool,
}

pub fn write_tx(conn: &Connection) -> Result<WriteTx<'_>> {
    let nested = !conn.is_autocommit();
    conn.prepare_cached(if nested { "SAVEPOINT write_tx" } else { "BEGIN IMMEDIATE" })?.execute([])?;
    Ok(WriteTx { conn, nested, done: false })
}

impl WriteTx<'_> {
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        self.conn.prepare_cached(if self.nested { "RELEASE write_tx" } else { "COMMIT" })?.execute([])?;
        Ok(())
    }
}

impl std::ops::Deref for WriteTx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for WriteTx<'_> {
    fn drop(&mut self) {
        if !self.done {
            let sql = if self.nested { "ROLLBACK TO write_tx; RELEASE write_tx" } else { "ROLLBACK" };
            let _ = self.conn.execute_batch(sql);
        }
    }
}

/// What a file's header and schema say about it, read without writing.
pub struct Identity {
    application_id: i32,
    pub user_version: i64,
    pub objects: i64,
    has_maillage_tables: bool,
}

impl Identity {
    pub fn read(conn: &Connection) -> rusqlite::Result<Self> {
        Ok(Identity {
            application_id: conn.pragma_query_value(None, "application_id", |r| r.get(0))?,
            user_version: conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
            objects: conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?,
            has_maillage_tables: conn.query_row(
                "SELECT count(*) = 3 FROM sqlite_schema WHERE type = 'table' AND name IN ('organisation', 'person', 'domain')",
                [],
                |r| r.get(0),
            )?,
        })
    }

    /// Marked as Maillage's, or empty (a new file), or a database of a Maillage from before the
    /// mark (its schema version and tables are Maillage's).
    pub fn is_maillage(&self) -> bool {
        self.application_id == APPLICATION_ID
            || (self.application_id == 0 && self.objects == 0 && self.user_version == 0)
            || (self.application_id == 0 && self.user_version >= 1 && self.has_maillage_tables)
    }
}

/// Sets the file's journal mode. Changing it needs the file to itself, and SQLite answers BUSY
/// at once, without its busy handler, when another connection is reading at that moment (two
/// processes opening a new file together: seen 3 times in 300 under load). So it is tried again
/// for as long as `busy_timeout` would have waited.
fn set_journal_mode(conn: &Connection, mode: &str) -> Result<()> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        match conn.pragma_update_and_check(None, "journal_mode", mode, |r| r.get::<_, String>(0)) {
            Ok(set) => {
                debug_assert!(set.eq_ignore_ascii_case(mode), "journal_mode {set} instead of {mode}");
                return Ok(());
            }
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) && std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Brings the schema up to date. Two processes opening a new file at once: each migration runs
/// in an immediate transaction, so the second waits for the first; it then finds the tables made
/// and fails without writing anything — and the schema is up to date, which is all it wanted.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    // SQLite's way to rebuild a table that others point at (as 0007 does for `person`): foreign
    // keys off during the migration (the pragma is ignored inside a transaction, hence here),
    // and every file's result checked with `foreign_key_check` before it commits.
    let fk: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
    let outcome = MIGRATIONS.to_latest(conn);
    conn.set_transaction_behavior(rusqlite::TransactionBehavior::Deferred);
    conn.pragma_update(None, "foreign_keys", fk)?;
    match outcome {
        Ok(()) => Ok(()),
        Err(e) => match MIGRATIONS.pending_migrations(conn) {
            Ok(0) => Ok(()),
            _ => Err(Error::Migration(migration_detail(&e))),
        },
    }
}

/// What went wrong in a migration, for the support, without rusqlite's English words: the SQLite
/// error code when there is one.
fn migration_detail(e: &rusqlite_migration::Error) -> String {
    match e {
        rusqlite_migration::Error::RusqliteError { err: rusqlite::Error::SqliteFailure(f, _), .. } if f.code == rusqlite::ErrorCode::DatabaseBusy => {
            "base occupée par un autre programme".to_owned()
        }
        rusqlite_migration::Error::RusqliteError { err: rusqlite::Error::SqliteFailure(f, _), .. } => format!("code SQLite {}", f.extended_code),
        rusqlite_migration::Error::RusqliteError { .. } => "erreur SQLite".to_owned(),
        _ => "migration refusée".to_owned(),
    }
}

/// The WAL still holds the pages as they were before an erasure: written back into the file
/// (where secure_delete has zeroed what was removed) and emptied.
pub fn write_back_wal(conn: &Connection) -> Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

/// Runs `read` in one read transaction: every table as of the same moment, even if another
/// program writes meanwhile. A savepoint opens a deferred (read) transaction, or nests in the
/// caller's.
pub fn in_one_read<T>(conn: &Connection, read: impl FnOnce() -> Result<T>) -> Result<T> {
    conn.execute_batch("SAVEPOINT figures_read")?;
    let out = read();
    conn.execute_batch("RELEASE figures_read")?;
    out
}

/// Current time as stored in `created_at` / `updated_at`: RFC 3339, UTC, milliseconds.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A new primary key: UUID v7 (time-ordered, so indexes stay compact; unique across machines).
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Today's date in the user's local time zone, as stored in date columns.
pub fn today() -> String {
    chrono::Local::now().date_naive().format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().unwrap();
    }

    #[test]
    fn every_migration_file_is_listed_in_order() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../migrations");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        on_disk.sort();
        let listed: Vec<&str> = MIGRATION_FILES.iter().map(|(n, _)| *n).collect();
        assert_eq!(on_disk, listed);
        for (i, name) in listed.iter().enumerate() {
            assert!(name.starts_with(&format!("{:04}_", i + 1)), "{name} is not numbered {:04}", i + 1);
        }
    }

    #[test]
    fn a_network_share_is_recognised_by_its_mount() {
        let mounts = "/dev/vda1 / ext4 rw 0 0\nsrv:/partage /mnt/partage nfs4 rw 0 0\n//pc/Mes\\040documents /home/a/Mes\\040documents cifs rw 0 0\n";
        assert!(network_fs_in(mounts, Path::new("/mnt/partage/maillage.sqlite")));
        assert!(network_fs_in(mounts, Path::new("/home/a/Mes documents/maillage.sqlite")));
        assert!(!network_fs_in(mounts, Path::new("/home/a/maillage.sqlite")));
        assert!(!network_fs_in(mounts, Path::new("/mnt/partage-local/maillage.sqlite")));
        assert!(storage_warning(Path::new(r"\\serveur\mairie\maillage.sqlite")).is_some());
    }

    #[test]
    fn identifier_matches_tauri_conf() {
        let conf = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tauri.conf.json")).unwrap();
        let conf: serde_json::Value = serde_json::from_str(&conf).unwrap();
        assert_eq!(conf["identifier"], APP_IDENTIFIER);
    }
}
