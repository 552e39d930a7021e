//! Files the core writes for people, from what they are given (no SQL): the bilan workbook, a
//! person's file (access request), an import's report, the exported lists (workbook or CSV).
//! Every rust_xlsxwriter writer of Maillage is here.

use maillage_model as model;
use maillage_model::{error, files, labels, text, APP_VERSION};

pub mod bilan_xlsx;
pub mod csv_text;
pub mod dossier_xlsx;
pub mod import_report_xlsx;
pub mod lists;
pub(crate) mod sheet;
