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
    ("0001_directory.sql", include_str!("../../../migrations/0001_directory.sql")),
    ("0002_meetings.sql", include_str!("../../../migrations/0002_meetings.sql")),
    ("0003_checkin_speed.sql", include_str!("../../../migrations/0003_checkin_speed.sql")),
    ("0004_working_groups.sql", include_str!("../../../migrations/0004_working_groups.sql")),
    ("0005_figures.sql", include_str!("../../../migrations/0005_figures.sql")),
];

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(MIGRATION_FILES.iter().map(|(_, sql)| M::up(sql)).collect()));

/// Schema version this build writes (`PRAGMA user_version` after all migrations).
pub fn supported_schema_version() -> i64 {
    MIGRATION_FILES.len() as i64
}

/// Where the database lives: `explicit` (a `--db` argument) first, then `$MAILLAGE_DB`, then the
/// platform's app-data folder (`~/.local/share/fr.maillage.app/` on Linux, `%APPDATA%` on Windows).
pub fn resolve_db_path(explicit: Option<PathBuf>) -> PathBuf {
    if let Some(p) = explicit {
        return p;
    }
    if let Some(p) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join(APP_IDENTIFIER).join(DB_FILE_NAME)
}

pub struct Database {
    conn: Connection,
    path: PathBuf,
}

impl Database {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// A file from a newer Maillage is refused before anything is written to it.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|source| Error::Io { path: dir.display().to_string(), source })?;
        }
        let shown = path.display().to_string();
        let not_db = |e: rusqlite::Error| Error::NotADatabase { path: shown.clone(), detail: e.to_string() };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(not_db)?;
        conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(not_db)?;

        // Read-only look first: reading the version is the first real access to the file, so a
        // file that is not SQLite fails here, and a newer schema is refused untouched.
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(not_db)?;
        if found > supported_schema_version() {
            return Err(Error::NewerSchema { path: shown, found, supported: supported_schema_version() });
        }

        // Pragmas one at a time: a batch can fail silently. foreign_keys is per connection.
        let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        debug_assert_eq!(mode.to_lowercase(), "wal");
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Deleted content is overwritten with zeros, not left in free pages of the file: the data
        // of vulnerable people must really go when it is deleted (RGPD).
        conn.pragma_update(None, "secure_delete", "ON")?;

        MIGRATIONS.to_latest(&mut conn).map_err(|e| Error::Migration(migration_detail(&e)))?;
        Ok(Database { conn, path: path.to_owned() })
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

    /// Integrity and foreign-key checks, for `maillage-cli check`.
    pub fn check(&self) -> Result<CheckReport> {
        let integrity: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let foreign_key_violations: i64 =
            self.conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        Ok(CheckReport {
            schema_version: self.schema_version()? as u32,
            integrity_ok: integrity == ["ok"],
            integrity_messages: integrity.into_iter().filter(|m| m != "ok").collect(),
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
    conn.execute_batch(if nested { "SAVEPOINT write_tx" } else { "BEGIN IMMEDIATE" })?;
    Ok(WriteTx { conn, nested, done: false })
}

impl WriteTx<'_> {
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        self.conn.execute_batch(if self.nested { "RELEASE write_tx" } else { "COMMIT" })?;
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

/// Current time as stored in `created_at` / `updated_at`: RFC 3339, UTC, milliseconds.
/// What went wrong in a migration, for the support, without rusqlite's English words: the SQLite
/// error code when there is one.
fn migration_detail(e: &rusqlite_migration::Error) -> String {
    match e {
        rusqlite_migration::Error::RusqliteError { err: rusqlite::Error::SqliteFailure(f, _), .. } => format!("code SQLite {}", f.extended_code),
        rusqlite_migration::Error::RusqliteError { .. } => "erreur SQLite".to_owned(),
        _ => "migration refusée".to_owned(),
    }
}

pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A new primary key: UUID v7 (time-ordered, so indexes stay compact; unique across machines).
pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Today's date in the user's local time zone, as stored in date columns.
pub(crate) fn today() -> String {
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
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
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
    fn identifier_matches_tauri_conf() {
        let conf = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../tauri.conf.json")).unwrap();
        let conf: serde_json::Value = serde_json::from_str(&conf).unwrap();
        assert_eq!(conf["identifier"], APP_IDENTIFIER);
    }
}
