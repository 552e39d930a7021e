//! Maillage core: the domain, its SQLite storage and its queries.
//!
//! It has no desktop dependency: the Tauri app and `maillage-cli` are two thin shells over it.
//! Every user-facing message it produces is French and lives in [`error`].

pub mod about;
pub mod archive;
pub mod backup;
pub mod bilan;
pub mod bindings;
pub mod checkin_code;
pub mod db;
pub mod demo;
pub mod error;
pub mod export;
pub mod figures;
pub mod files;
pub mod import;
pub mod incoming;
mod integrity;
pub mod journal;
pub mod labels;
pub mod lists;
pub mod mailings;
mod medium;
pub mod model;
pub mod print_sheets;
pub mod privacy;
pub mod queries;
pub mod session;
pub mod sync;
pub mod text;
mod validate;

pub use session::Database;
pub use error::{Error, ErrorPayload, Result};

/// Version of the application, written into exports and archives.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
