//! `maillage-cli` drives the core without any desktop around it.

use assert_cmd::Command;
use predicates::str::contains;

fn cli() -> Command {
    let mut c = Command::cargo_bin("maillage-cli").unwrap();
    c.env_remove("MAILLAGE_DB");
    c
}

#[test]
fn init_demo_and_check_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sous-dossier").join("demo.sqlite");
    cli().arg("--db").arg(&db).arg("init").assert().success().stdout(contains("Base prête"))
        .stdout(contains(format!("schéma version {}", maillage_core::db::supported_schema_version())));
    cli().arg("--db").arg(&db).arg("demo").assert().success().stdout(contains("120 organismes"));
    cli().arg("--db").arg(&db).arg("check").assert().success().stdout(contains("intègre"));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let n: i64 = conn.query_row("SELECT count(*) FROM person WHERE deleted_at IS NULL", [], |r| r.get(0)).unwrap();
    assert!(n >= 300, "{n}");
    // Twice is refused, in French, with a failing exit code.
    cli().arg("--db").arg(&db).arg("demo").assert().failure().stderr(contains("contient déjà des données"));
}

#[test]
fn the_database_can_be_named_by_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.sqlite");
    cli().env("MAILLAGE_DB", &db).arg("init").assert().success().stdout(contains(db.display().to_string()));
    assert!(db.exists());
}

#[test]
fn a_newer_database_is_refused_by_the_cli_too() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("future.sqlite");
    rusqlite::Connection::open(&db).unwrap().execute_batch("PRAGMA user_version = 42; PRAGMA application_id = 1296124236;").unwrap();
    cli().arg("--db").arg(&db).arg("check").assert().failure().stderr(contains("version plus récente de Maillage"));
}

#[test]
fn help_is_in_french() {
    cli().arg("--help").assert().success().stdout(contains("Remplit une base vide"));
}

#[test]
fn the_bilan_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    cli().arg("--db").arg(&db).arg("demo").assert().success();
    let out = dir.path().join("bilan.xlsx");
    let year = chrono::Datelike::year(&chrono::Local::now());
    cli().arg("--db").arg(&db).args(["bilan", "--year", &year.to_string(), "--out"]).arg(&out).assert().success()
        .stdout(contains(format!("Bilan {year} écrit dans")));
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    use calamine::Reader;
    assert_eq!(wb.sheet_names()[0], "Synthèse");
    let s = wb.worksheet_range("Synthèse").unwrap();
    assert_eq!(s.get((0, 1)).unwrap().to_string(), year.to_string());
    // Without --out, the file is named after the agency and the year, in the current folder.
    cli().current_dir(dir.path()).arg("--db").arg(&db).args(["bilan", "--du", "2026-01-01", "--au", "2026-06-30"]).assert().success();
    assert!(dir.path().join("Bilan_CCAS_de_Brive-la-Gaillarde_2026-01-01_2026-06-30.xlsx").exists());
    // A bad date says what to fix, in French.
    cli().arg("--db").arg(&db).args(["bilan", "--du", "2026-13-01", "--au", "2026-06-30"]).assert().failure().stderr(contains("AAAA-MM-JJ"));
}

#[test]
fn archive_export_and_import_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.sqlite"), dir.path().join("b.sqlite"));
    let json = dir.path().join("archive.json");
    cli().arg("--db").arg(&a).arg("demo").assert().success();
    cli().arg("--db").arg(&a).args(["archive", "export", "--out"]).arg(&json).assert().success().stdout(contains("format maillage-archive version 1"));
    cli().arg("--db").arg(&b).args(["archive", "import", "--in"]).arg(&json).assert().success().stdout(contains("inchangée(s)"));
    let count = |p: &std::path::Path| -> i64 { rusqlite::Connection::open(p).unwrap().query_row("SELECT count(*) FROM attendance", [], |r| r.get(0)).unwrap() };
    assert_eq!(count(&a), count(&b));
    std::fs::write(&json, "pas du JSON").unwrap();
    cli().arg("--db").arg(&b).args(["archive", "import", "--in"]).arg(&json).assert().failure().stderr(contains("ligne 1, colonne"));
}
