//! The archive through the real command line (once in maillage-core's tests/archive.rs).

use predicates::prelude::PredicateBooleanExt;

/// The real command line: a refused archive leaves the database file as it was.
#[test]
fn hostile_the_command_line_refuses_a_bad_setting_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bureau.sqlite");
    let cli = || {
        let mut c = assert_cmd::Command::cargo_bin("maillage-cli").unwrap();
        c.env_remove("MAILLAGE_DB");
        c
    };
    cli().arg("--db").arg(&db).arg("init").assert().success();
    let json = dir.path().join("reglages.json");
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let archive = serde_json::json!({
        "format": "maillage-archive", "version": 1, "schema_version": 1, "app_version": "0.1.0", "exported_at": now,
        "tables": { "setting": [
            { "key": "backup_keep_recent", "value": "0", "updated_at": now },
            { "key": "backup_keep_months", "value": "0", "updated_at": now }
        ] }
    });
    std::fs::write(&json, serde_json::to_vec_pretty(&archive).unwrap()).unwrap();
    let settings = || rusqlite::Connection::open(&db).unwrap().query_row("SELECT count(*) FROM setting", [], |r| r.get::<_, i64>(0)).unwrap();
    let before = settings();
    cli().arg("--db").arg(&db).args(["archive", "import", "--in"]).arg(&json).assert().failure().stderr(predicates::str::contains(
        "la ligne 1 de la table « setting »",
    ).and(predicates::str::contains("de 1 à 1000")));
    assert_eq!(settings(), before);
    // What is put in Maillage's form is said.
    let archive = serde_json::json!({
        "format": "maillage-archive", "version": 1, "schema_version": 1, "app_version": "0.1.0", "exported_at": now,
        "tables": { "domain": [
            { "id": "{0190C000-0000-7000-8000-0000000000AA}", "label": "Logement\r\nsocial", "label_key": "x", "position": 20, "created_at": now, "updated_at": now }
        ] }
    });
    std::fs::write(&json, serde_json::to_vec_pretty(&archive).unwrap()).unwrap();
    cli().arg("--db").arg(&db).args(["archive", "import", "--in"]).arg(&json).assert().success().stdout(
        predicates::str::contains("2 valeur(s) écrite(s) autrement").and(predicates::str::contains("table « domain », ligne 1, colonne « id »")),
    );
    let (id, label): (String, String) =
        rusqlite::Connection::open(&db).unwrap().query_row("SELECT id, label FROM domain WHERE position = 20", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!((id.as_str(), label.as_str()), ("0190c000-0000-7000-8000-0000000000aa", "Logement social"));
}
