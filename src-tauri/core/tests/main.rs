//! maillage-core's integration tests, in one binary: one link of SQLite, SQLCipher and OpenSSL
//! for all of them instead of one per file. Each module is one former test file; `common` holds
//! the helpers (shared with maillage-cli's tests). The tests that set the process's time zone are
//! in `tests/paris.rs`; those that run the real command line are maillage-cli's.

mod common;

mod archive;
mod bilan;
mod crash;
mod directory;
mod figures_rules;
mod fuzz_readers;
mod groups;
mod import;
mod layers;
mod libreoffice;
mod meetings;
mod organisations;
mod people;
mod printing;
mod privacy;
mod report;
mod report_texts;
mod storage;
mod sync;
mod sync_property;
