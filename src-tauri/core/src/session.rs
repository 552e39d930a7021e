//! A session on a database: how the app and the command line open one, and what they do with the
//! whole file (a backup, a restore).
//!
//! `db::open` is the low-level opening (connect, key, identity, pragmas); the policy is here, once,
//! for both shells: the file as it was is backed up before its schema is migrated, every change is
//! journaled (with the shell's origin), a laptop copy keeps a rollback journal (every commit in the
//! one file that travels), what interrupted backups left goes, and — when the shell asks — the
//! integrity gate and the upkeep of the app's start (the daily backup, the journal's pruning).

use std::ops::{Deref, DerefMut};
use std::path::Path;

use crate::backup::{BackupInfo, Reason, Retention};
use crate::db::OpenOptions;
use crate::error::Result;
use crate::model::JournalOrigin;

/// An open database: the file (`db::Database`: its connection, passphrase and seal, which it
/// derefs to) with the session's policy for backups and restores.
pub struct Database {
    file: crate::db::Database,
}

impl Deref for Database {
    type Target = crate::db::Database;
    fn deref(&self) -> &crate::db::Database {
        &self.file
    }
}

impl DerefMut for Database {
    fn deref_mut(&mut self) -> &mut crate::db::Database {
        &mut self.file
    }
}

/// What a shell asks of the opening beyond [`Database::open_with`]'s.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub open: OpenOptions,
    /// Where the session's changes come from, in the journal (« application » when `None`).
    pub origin: Option<JournalOrigin>,
    /// The session writes: a file on a read-only medium is refused at once, in French.
    pub writes: bool,
    /// Told a warning about where the file lives (a network share) once it is open, before the
    /// integrity gate.
    pub warn: Option<fn(&str)>,
    /// The integrity gate (`Database::verify`) before anything is read.
    pub verify: bool,
    /// The app's start: once the gate is passed, the daily backup and the journal's pruning (an
    /// office database on a writable medium; a laptop copy is backed up by the office, before
    /// the merge), then the seal follows these writes.
    pub daily: bool,
}

impl From<OpenOptions> for Options {
    fn from(open: OpenOptions) -> Self {
        Options { open, ..Default::default() }
    }
}

/// Opens the database at `path` for a session, with the policy of the module's head.
pub fn open(path: &Path, options: &Options) -> Result<Database> {
    let mut opening = crate::db::open(path, &options.open)?;
    let is_copy = if opening.is_read_only() {
        crate::sync::info(opening.conn())?.is_some()
    } else {
        if opening.is_outdated() {
            // The file as it was, before the migration changes it (docs/backups.md).
            crate::backup::create(opening.conn(), path, opening.passphrase(), Reason::BeforeMigration, retention(opening.conn()))?;
        }
        opening.migrate()?;
        // WAL only once the schema is Maillage's: a failed migration leaves the file as it was.
        // A laptop copy keeps a rollback journal instead: every commit is then in the one file
        // that travels on the USB stick (a WAL file beside it would be left behind).
        let is_copy = crate::sync::info(opening.conn())?.is_some();
        if is_copy {
            opening.set_journal_mode("DELETE", "FULL")?;
        } else {
            opening.set_journal_mode("WAL", "NORMAL")?;
        }
        is_copy
    };
    // Every change through this connection is journaled (TEMP triggers: on a read-only medium
    // too, where no write ever fires them); the command line says so itself.
    crate::journal::install(opening.conn(), options.origin.unwrap_or(JournalOrigin::Application))?;
    if !opening.is_read_only() {
        // What interrupted backups left (a killed process, a power cut) goes at start.
        crate::backup::remove_leftovers(path);
    }
    let db = Database { file: opening.into_database(is_copy) };
    if options.writes {
        // A database on a read-only medium is read (check, bilan, exports), never written.
        db.writable()?;
    }
    if let Some(warn) = options.warn {
        if let Some(w) = crate::db::storage_warning(path) {
            warn(&w);
        }
    }
    if options.verify {
        db.verify()?;
    }
    if options.daily {
        // On a read-only medium the database is read as it is: no backup can be written beside it.
        if !db.is_read_only() && !db.is_copy() {
            crate::backup::daily(db.conn(), db.path(), db.passphrase(), retention(db.conn()))?;
            crate::journal::prune(db.conn(), crate::queries::settings::get(db.conn())?.journal_keep_years)?;
        }
        db.seal_own_writes()?;
    }
    Ok(db)
}

/// How many backups the settings keep (`backup_keep_recent`, `backup_keep_months`); the defaults
/// when they cannot be read (a file from before a column).
pub fn retention(conn: &rusqlite::Connection) -> Retention {
    let s = crate::queries::settings::get(conn).unwrap_or_default();
    Retention::from_settings(s.backup_keep_recent, s.backup_keep_months)
}

impl Database {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// For the app's own place, `init` and tests; other callers use [`Database::open_with`].
    pub fn open(path: &Path) -> Result<Self> {
        Self::open_with(path, &OpenOptions::create())
    }

    /// Opens the database at `path` and brings its schema up to date, with the session's policy
    /// ([`open`]) and nothing more. Refused untouched: a missing file (unless `create`), a folder,
    /// another program's SQLite file, a file from a newer Maillage, an encrypted file without its
    /// passphrase or with a wrong one.
    pub fn open_with(path: &Path, options: &OpenOptions) -> Result<Self> {
        open(path, &Options::from(options.clone()))
    }

    /// A backup of the database now (docs/backups.md); the old ones expire as the settings say.
    pub fn backup(&self, reason: Reason) -> Result<BackupInfo> {
        self.writable()?;
        self.file.backup_with(reason, retention(self.conn()))
    }

    /// Replaces the database's content with the backup at `backup`, once it is checked (a sound
    /// Maillage file this version can open) and the current state is backed up. Returns that
    /// safety backup. A backup from an older schema is brought up to date.
    pub fn restore(&mut self, backup: &Path) -> Result<BackupInfo> {
        self.writable()?;
        crate::backup::check_restorable(backup, self.passphrase())?;
        let safety = self.backup(Reason::BeforeRestore)?;
        // The journal's triggers name this schema's tables: off while an older one comes in.
        let origin = crate::journal::uninstall(self.conn())?;
        self.file.replace_content(backup)?;
        crate::journal::install(self.conn(), origin)?;
        Ok(safety)
    }

    /// Closes the database (see `db::Database::close`).
    pub fn close(self) -> Result<()> {
        self.file.close()
    }
}
