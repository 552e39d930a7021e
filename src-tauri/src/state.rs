//! The app's one piece of state: the open database, or why it could not be opened (shown to the
//! user by the UI instead of crashing).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use maillage_core::db::{OpenOptions, Passphrase};
use maillage_core::{session, Database, ErrorPayload};

/// The database the window works on: the office's, or a laptop copy opened in its place.
struct Current {
    path: PathBuf,
    db: Result<Database, ErrorPayload>,
}

pub struct AppState {
    /// The database the app was started on (where « Fermer la copie » comes back to).
    office_path: PathBuf,
    current: Mutex<Current>,
    /// The opening of the start, on a thread of its own (see [`AppState::open`]); taken and
    /// awaited by the first command.
    opening: Mutex<Option<std::thread::JoinHandle<Result<Database, ErrorPayload>>>>,
    /// The copy chosen for « Fusionner une copie », between the preview and the merge.
    pub merge_source: Mutex<Option<PathBuf>>,
    /// The list chosen for « Importer un fichier », read once, between the preview and the import.
    pub import_source: Mutex<Option<std::sync::Arc<maillage_core::import::SourceFile>>>,
    /// « Annuler » during an import: read by the import between rows.
    pub import_cancel: std::sync::atomic::AtomicBool,
    /// The files written by this session's commands: the only ones « Ouvrir » and
    /// « Afficher dans le dossier » accept (the web view cannot have any other path opened).
    produced: Mutex<std::collections::BTreeSet<PathBuf>>,
}

/// Opens a database the way the app does: checked (`Database::verify`: the full integrity check
/// when the file changed outside Maillage since the last one, or once a day; a damaged file is
/// refused with the latest backup offered), then backed up once a day. A laptop copy is not
/// backed up: the office is, before it merges the copy.
fn open(path: &Path, options: &OpenOptions) -> Result<Database, ErrorPayload> {
    let opened = open_checked(path, options);
    match &opened {
        Ok(db) => log::info!("base ouverte : {} (schéma {})", path.display(), db.schema_version().unwrap_or_default()),
        Err(e) => log::error!("base non ouverte : {} ({:?})", path.display(), e.kind),
    }
    opened
}

fn open_checked(path: &Path, options: &OpenOptions) -> Result<Database, ErrorPayload> {
    let options = session::Options { open: options.clone(), verify: true, daily: true, ..Default::default() };
    session::open(path, &options).map_err(ErrorPayload::from)
}

impl AppState {
    /// Opens the database at start: created only at the app's own place (a `--db` path that does
    /// not exist is an error, not a new empty database). The opening (the integrity gate, the
    /// daily backup: 0.1–0.3 s, more on a large file) runs on a thread of its own, so that the
    /// window and its page load meanwhile instead of after it (docs/measurements.md,
    /// « Démarrage »); the first command waits for it.
    pub fn open(path: PathBuf) -> Self {
        let options = OpenOptions { create: path == maillage_core::db::default_db_path(), passphrase: None };
        let opening = {
            let path = path.clone();
            std::thread::Builder::new().name("ouverture de la base".into()).spawn(move || open(&path, &options))
        };
        // Without a thread (the system refused one), the opening is done here, as before.
        let (db, opening) = match opening {
            Ok(handle) => (Err(interrupted(&path)), Some(handle)),
            Err(_) => (open(&path, &OpenOptions { create: path == maillage_core::db::default_db_path(), passphrase: None }), None),
        };
        AppState {
            office_path: path.clone(),
            current: Mutex::new(Current { path, db }),
            opening: Mutex::new(opening),
            merge_source: Mutex::new(None),
            import_source: Mutex::new(None),
            import_cancel: Default::default(),
            produced: Default::default(),
        }
    }

    /// Records that this session wrote the file `path`; returns it as the UI shows it.
    pub fn produced(&self, path: &Path) -> String {
        self.produced.lock().unwrap_or_else(|p| p.into_inner()).insert(path.to_path_buf());
        path.display().to_string()
    }

    /// `path` if this session wrote it; else the French refusal.
    pub fn was_produced(&self, path: &str) -> Result<PathBuf, ErrorPayload> {
        let p = PathBuf::from(path);
        if self.produced.lock().unwrap_or_else(|p| p.into_inner()).contains(&p) {
            Ok(p)
        } else {
            Err(ErrorPayload::from(maillage_core::Error::invalid("path", crate::words::not_produced(path))))
        }
    }

    fn current(&self) -> std::sync::MutexGuard<'_, Current> {
        // A panic in an earlier command poisons the lock; the connection itself is still sound.
        let mut current = self.current.lock().unwrap_or_else(|p| p.into_inner());
        // The start's opening, awaited once, under the lock: no command sees the file before it.
        if let Some(opening) = self.opening.lock().unwrap_or_else(|p| p.into_inner()).take() {
            current.db = opening.join().unwrap_or_else(|_| Err(interrupted(&current.path)));
        }
        current
    }

    /// Runs `f` on the connection and turns a core error into what the UI displays.
    pub fn with<T>(&self, f: impl FnOnce(&maillage_core::db::Connection) -> maillage_core::Result<T>) -> Result<T, ErrorPayload> {
        self.with_db(|db| f(db.conn()))
    }

    /// Runs `f` on the database itself (backups, copies, merges). Every command passes the
    /// integrity gate first (microseconds while the file is sealed; the full check when it
    /// changed outside Maillage), so that nothing is shown, exported or written from a damaged
    /// file; the seal then follows the command's own writes.
    pub fn with_db<T>(&self, f: impl FnOnce(&mut Database) -> maillage_core::Result<T>) -> Result<T, ErrorPayload> {
        self.run(true, f)
    }

    /// Without the integrity gate: only for what cures a damaged database (the list of its
    /// backups, a restore).
    pub fn with_db_unchecked<T>(&self, f: impl FnOnce(&mut Database) -> maillage_core::Result<T>) -> Result<T, ErrorPayload> {
        self.run(false, f)
    }

    fn run<T>(&self, gate: bool, f: impl FnOnce(&mut Database) -> maillage_core::Result<T>) -> Result<T, ErrorPayload> {
        let mut current = self.current();
        let db = current.db.as_mut().map_err(|e| e.clone())?;
        let outcome: maillage_core::Result<T> = (|| {
            if gate {
                db.verify()?;
            }
            let value = f(&mut *db)?;
            db.seal_own_writes()?;
            Ok(value)
        })();
        outcome.map_err(|e| {
            let payload = ErrorPayload::from(e);
            // The kind and the field only: a message can name a person, and the log is not
            // reached by an erasure.
            log::warn!("demande refusée : {:?}{}", payload.kind, payload.field.as_deref().map(|f| format!(" (champ {f})")).unwrap_or_default());
            payload
        })
    }

    pub fn db_path(&self) -> PathBuf {
        self.current().path.clone()
    }

    pub fn open_error(&self) -> Option<ErrorPayload> {
        self.current().db.as_ref().err().cloned()
    }

    /// Puts the file at `path` in place of the current database. An encrypted file (a laptop
    /// copy) is then waiting for its passphrase: the UI asks for it and calls [`Self::unlock`].
    pub fn switch_to(&self, path: PathBuf) {
        let db = open(&path, &OpenOptions::existing(None));
        *self.current() = Current { path, db };
    }

    /// Opens the current (encrypted) file with `passphrase`. A wrong one leaves it locked.
    pub fn unlock(&self, passphrase: Passphrase) -> Result<(), ErrorPayload> {
        let mut current = self.current();
        let db = open(&current.path, &OpenOptions::existing(Some(passphrase)))?;
        current.db = Ok(db);
        Ok(())
    }

    /// Closes an encrypted database after the idle time: the key leaves memory with the
    /// connection, and the passphrase is asked again. A plain database is left open.
    pub fn lock(&self) {
        let mut current = self.current();
        if current.db.as_ref().is_ok_and(|db| db.passphrase().is_some()) {
            let path = current.path.display().to_string();
            current.db = Err(ErrorPayload::from(maillage_core::Error::Encrypted { path }));
        }
    }

    /// The latest backup, when the database could not be opened for a reason other than its
    /// passphrase (a damaged file): what the UI offers to restore.
    pub fn latest_backup_if_unopenable(&self) -> Option<maillage_core::backup::BackupInfo> {
        let current = self.current();
        match &current.db {
            Err(e) if e.kind != maillage_core::error::ErrorKind::Passphrase => maillage_core::backup::list(&current.path).ok()?.into_iter().next(),
            _ => None,
        }
    }

    /// Restores the latest backup in place of a database that cannot be opened; the damaged file
    /// is kept aside. Then opens the restored database.
    pub fn restore_latest(&self) -> Result<(), ErrorPayload> {
        let latest = self.latest_backup_if_unopenable().ok_or_else(|| ErrorPayload::from(maillage_core::Error::NotFound { what: maillage_core::error::what::BACKUP }))?;
        let mut current = self.current();
        maillage_core::backup::replace_unopenable(&current.path, std::path::Path::new(&latest.path), None).map_err(ErrorPayload::from)?;
        current.db = open(&current.path, &OpenOptions::existing(None));
        current.db.as_ref().map(|_| ()).map_err(Clone::clone)
    }

    /// Back to the database the app was started on.
    pub fn close_copy(&self) {
        self.switch_to(self.office_path.clone());
    }
}

/// The opening of the start did not finish (its thread panicked, which the log records).
fn interrupted(path: &Path) -> ErrorPayload {
    ErrorPayload { kind: maillage_core::error::ErrorKind::Internal, field: None, message: crate::words::opening_interrupted(&path.display().to_string()) }
}

/// Reads `--db PATH` or `--db=PATH` from the command line.
pub fn db_arg(args: impl Iterator<Item = String>) -> Option<PathBuf> {
    let mut args = args.skip(1);
    while let Some(a) = args.next() {
        if a == "--db" {
            return args.next().map(PathBuf::from);
        }
        if let Some(p) = a.strip_prefix("--db=") {
            return Some(PathBuf::from(p));
        }
    }
    None
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_db_argument_in_both_forms() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>().into_iter();
        assert_eq!(db_arg(args(&["maillage", "--db", "/tmp/a.sqlite"])), Some(PathBuf::from("/tmp/a.sqlite")));
        assert_eq!(db_arg(args(&["maillage", "--db=/tmp/b.sqlite"])), Some(PathBuf::from("/tmp/b.sqlite")));
        assert_eq!(db_arg(args(&["maillage"])), None);
    }
}
