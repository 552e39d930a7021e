//! Domain types. Everything here that crosses IPC derives `TS` and is listed in
//! [`crate::bindings`], which generates `ui/src/lib/bindings/`.

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
pub use settings::*;
