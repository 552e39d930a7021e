//! maillage-cli's integration tests, in one binary: the real `maillage-cli` run on real files,
//! plain and encrypted. The helpers are maillage-core's (`core/tests/common`). `windows` runs
//! only with `--ignored`, under Wine (scripts/test-windows.sh).

#[path = "../../../core/tests/common/mod.rs"]
mod common;

mod archive;
mod backups;
mod cli;
mod damage;
mod import;
mod read_only;
mod report;
mod report_texts;
mod storage;
mod windows;
