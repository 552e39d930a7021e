//! The app's one piece of state: the open database, or why it could not be opened (shown to the
//! user by the UI instead of crashing).

use std::path::PathBuf;
use std::sync::Mutex;

use maillage_core::{Database, ErrorPayload};

pub struct AppState {
    pub db_path: PathBuf,
    db: Result<Mutex<Database>, ErrorPayload>,
}

impl AppState {
    /// Opens the database at start: created only at the app's own place (a `--db` path that does
    /// not exist is an error, not a new empty database), checked (`quick_check`: a damaged file is
    /// refused with the latest backup offered), then backed up once a day.
    pub fn open(path: PathBuf) -> Self {
        let options = maillage_core::db::OpenOptions { create: path == maillage_core::db::default_db_path(), passphrase: None };
        let db = Database::open_with(&path, &options)
            .and_then(|db| {
                db.verify()?;
                maillage_core::backup::daily(db.conn(), db.path(), db.passphrase())?;
                Ok(db)
            })
            .map(Mutex::new)
            .map_err(ErrorPayload::from);
        AppState { db_path: path, db }
    }

    /// Runs `f` on the database itself (backups, restore).
    pub fn with_db<T>(&self, f: impl FnOnce(&mut Database) -> maillage_core::Result<T>) -> Result<T, ErrorPayload> {
        let db = self.db.as_ref().map_err(Clone::clone)?;
        let mut db = db.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut db).map_err(ErrorPayload::from)
    }

    /// Runs `f` on the connection and turns a core error into what the UI displays.
    pub fn with<T>(&self, f: impl FnOnce(&maillage_core::db::Connection) -> maillage_core::Result<T>) -> Result<T, ErrorPayload> {
        let db = self.db.as_ref().map_err(Clone::clone)?;
        // A panic in an earlier command poisons the lock; the connection itself is still sound.
        let db = db.lock().unwrap_or_else(|p| p.into_inner());
        f(db.conn()).map_err(ErrorPayload::from)
    }

    pub fn open_error(&self) -> Option<ErrorPayload> {
        self.db.as_ref().err().cloned()
    }
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
