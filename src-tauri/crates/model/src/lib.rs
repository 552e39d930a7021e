//! Maillage's model: the domain types and their codes, the French labels of the codes, the errors
//! (French sentences without a shell's words), text folding, validation, and the rules of the
//! files Maillage writes. No SQL and no I/O of the database here: the layers above
//! (`maillage-store`, `maillage-queries`, `maillage-core`) use these.
//!
//! Everything here that crosses IPC derives `TS` and is listed in `maillage_core::bindings`, which
//! generates `ui/src/lib/bindings/`.

pub mod checkin_code;
pub mod error;
pub mod files;
pub mod labels;
pub mod text;
pub mod validate;

mod backup;
mod bilan;
mod codes;
mod directory;
mod domain;
mod dossier;
mod groups;
mod import;
mod journal;
mod meetings;
mod network;
mod organisation;
mod person;
mod report_texts;
mod settings;

pub use backup::*;
pub use bilan::*;
pub use codes::*;
pub use directory::*;
pub use domain::*;
pub use dossier::*;
pub use groups::*;
pub use import::*;
pub use journal::*;
pub use meetings::*;
pub use network::*;
pub use organisation::*;
pub use person::*;
pub use report_texts::*;
pub use settings::*;

pub use error::{Error, ErrorPayload, Result};

/// Version of the application, written into exports and archives (every crate of the workspace
/// has the workspace's version).
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
