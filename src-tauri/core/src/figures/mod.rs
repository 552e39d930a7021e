//! The figures: pure functions from rows to typed figures.
//!
//! No SQL and no I/O here. The rows are read by `queries/` (one module per table) and handed over
//! by [`crate::bilan`]; everything below is arithmetic in memory, so each rule can be read, tested
//! and checked against the independent oracle of the tests on its own. Dependencies go one way:
//! `model` ← `figures` ← `queries` ← `bilan` ← `export`.

pub mod definitions;
pub mod meeting;
pub mod period;
pub mod rows;
pub mod summary;

pub use rows::*;
