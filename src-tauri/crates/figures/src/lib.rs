//! The figures: pure functions from rows to typed figures.
//!
//! No SQL and no I/O here. The rows are read by `maillage-queries` (one module per table) and
//! handed over by `maillage_core::bilan`; everything below is arithmetic in memory, so each rule
//! can be read, tested and checked against the independent oracle of the tests on its own.
//! Dependencies go one way:
//! `maillage-model` ← `maillage-figures` ← `maillage-queries` ← `maillage_core::bilan`, and the
//! bilan's workbook in `maillage-sheets`.

use maillage_model as model;
use maillage_model::{error, labels};

pub mod definitions;
pub mod meeting;
pub mod period;
pub mod rows;
pub mod summary;

pub use rows::*;
