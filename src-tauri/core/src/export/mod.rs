//! Files the core writes for people: the bilan workbook, a person's file (access request).

pub mod bilan_xlsx;
pub mod dossier_xlsx;
pub(crate) mod sheet;
