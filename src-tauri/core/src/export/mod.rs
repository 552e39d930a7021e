//! Files the core writes for people: the bilan workbook, a person's file (access request).

pub mod bilan_xlsx;
pub mod csv_text;
pub mod dossier_xlsx;
pub mod import_report_xlsx;
pub mod lists;
pub(crate) mod sheet;
