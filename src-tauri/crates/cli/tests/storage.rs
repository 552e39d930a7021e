//! Storage through the real command line (once in maillage-core's tests/storage.rs).

use maillage_core::db::supported_schema_version;
use maillage_core::Database;

/// Two processes opening the same new file at once: both succeed, one waits for the other.
#[test]
fn two_processes_creating_one_file_at_once_both_succeed() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..15 {
        let path = dir.path().join(format!("nouvelle{i}.sqlite"));
        let spawn = || {
            std::process::Command::new(env!("CARGO_BIN_EXE_maillage-cli"))
                .arg("--db")
                .arg(&path)
                .arg("init")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "trial {i}: {}", String::from_utf8_lossy(&out.stderr));
        }
        let db = Database::open(&path).unwrap();
        assert_eq!(db.schema_version().unwrap(), supported_schema_version());
    }
}
