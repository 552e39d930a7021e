//! Maillage core: the services over the model, the store, the queries and the workbooks — sessions
//! on a database, laptop copies and their merge, personal data (RGPD), imports, the archive, the
//! bilan, lists, mailings, printed sheets, the demo network — and the TypeScript bindings.
//!
//! It has no desktop dependency: the Tauri app and `maillage-cli` are two thin shells over it, and
//! it re-exports the lower crates under the paths they use (`model`, `db`, `queries`, `export`…).
//! Every user-facing message it produces is French and lives in [`error`] (the shells' own words
//! live in the shells).

pub use maillage_figures as figures;
pub use maillage_model as model;
pub use maillage_model::{error, files, labels, text, APP_VERSION};
pub use maillage_queries as queries;
pub use maillage_sheets as export;
pub use maillage_store::{backup, db, journal};
use maillage_model::validate;
use maillage_store::{integrity, medium};

pub mod about;
pub mod archive;
pub mod bilan;
pub mod bindings;
pub mod checkin_code;
pub mod demo;
pub mod import;
pub mod incoming;
pub mod lists;
pub mod mailings;
pub mod print_sheets;
pub mod privacy;
pub mod report;
pub mod session;
pub mod sync;

pub use error::{Error, ErrorPayload, Result};
pub use session::Database;
