//! The office database as the command line sees it, plain or encrypted: every CLI test runs on
//! both (`on_both!`), so that no command works only on a plain file.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The two kinds of office database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Plain,
    /// Encrypted with SQLCipher, its passphrase given with `--passphrase-file`.
    Encrypted,
}

/// The passphrase of the encrypted office databases of the tests.
pub const PASSPHRASE: &str = "la phrase du bureau, assez longue";

/// `maillage-cli` without the environment of the machine running the tests.
pub fn cli() -> Command {
    let mut c = Command::cargo_bin("maillage-cli").unwrap();
    c.env_remove("MAILLAGE_DB").env_remove("MAILLAGE_PASSPHRASE_FILE");
    c
}

/// An office database file at `db` (made by the commands themselves) and, when encrypted, its
/// passphrase file beside it.
pub struct Office {
    pub kind: Kind,
    pub db: PathBuf,
    pub passphrase_file: Option<PathBuf>,
}

impl Office {
    /// The database `name` in `dir`, not created yet.
    pub fn new(kind: Kind, dir: &Path, name: &str) -> Office {
        let db = dir.join(name);
        let passphrase_file = (kind == Kind::Encrypted).then(|| {
            let f = dir.join(format!("{name}.phrase"));
            std::fs::write(&f, format!("{PASSPHRASE}\n")).unwrap();
            f
        });
        Office { kind, db, passphrase_file }
    }

    /// `maillage-cli --db FILE [--passphrase-file P]`.
    pub fn cli(&self) -> Command {
        let mut c = cli();
        c.arg("--db").arg(&self.db);
        if let Some(p) = &self.passphrase_file {
            c.arg("--passphrase-file").arg(p);
        }
        c
    }

    /// A connection to the file, keyed when it is encrypted: what the tests read and change.
    pub fn conn(&self) -> rusqlite::Connection {
        open(&self.db, self.kind)
    }
}

/// A connection to `path`, keyed with [`PASSPHRASE`] when `kind` is encrypted.
pub fn open(path: &Path, kind: Kind) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(path).unwrap();
    if kind == Kind::Encrypted {
        c.pragma_update(None, "key", PASSPHRASE).unwrap();
    }
    c
}

/// Each named `fn name(kind: Kind)` becomes two tests, `name::plain` and `name::encrypted`.
#[macro_export]
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn plain() {
                super::$name($crate::common::office::Kind::Plain)
            }
            #[test]
            fn encrypted() {
                super::$name($crate::common::office::Kind::Encrypted)
            }
        }
    )*};
}
