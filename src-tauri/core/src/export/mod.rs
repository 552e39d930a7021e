//! Files the core writes for people: the bilan workbook (and, later, other exports).

pub mod bilan_xlsx;
