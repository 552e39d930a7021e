//! Maillage's store: the SQLite file itself. Opening it (connect, key, pragmas, migrations — the
//! files of the top-level `migrations/` folder — and its identity), its integrity gate and seal,
//! the medium it lies on, its backups and the journal's triggers. The policy of a session (when
//! to back up, which journal origin, the gate) is `maillage_core::session`'s; the domain's SQL is
//! `maillage-queries`'.

use maillage_model as model;
use maillage_model::{error, files};

pub mod backup;
pub mod db;
pub mod integrity;
pub mod journal;
pub mod medium;

pub use db::Database;
