//! The JSON archive: a full round trip, merging by UUID (the latest change wins), refusal of an
//! unknown version or a broken file — and nothing half-imported.

mod common;

use common::{fresh, make_org, rows};
use maillage_core::archive;
use maillage_core::model::*;
use maillage_core::bilan;
use maillage_core::queries::{minutes_files, organisations};

#[test]
fn a_round_trip_keeps_every_row_and_every_figure() {
    let a = fresh();
    maillage_core::demo::generate(&a, "a").unwrap();
    // A minutes file (bytes, every value): written as base64, read back the same.
    let meeting_id: String = a.query_row("SELECT id FROM meeting WHERE minutes_text IS NOT NULL LIMIT 1", [], |r| r.get(0)).unwrap();
    let minutes: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
    let file = a.dir.path().join("compte rendu.pdf");
    std::fs::write(&file, &minutes).unwrap();
    minutes_files::attach(&a, &meeting_id, &file).unwrap();
    let path = a.dir.path().join("archive.json");
    let written = archive::export_to(&a, &path).unwrap();
    assert_eq!(written.format, "maillage-archive");
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    use base64::Engine;
    assert_eq!(json["tables"]["minutes_file"][0]["content"]["base64"], base64::engine::general_purpose::STANDARD.encode(&minutes));
    let b = fresh();
    let report = archive::import(&b, &archive::read(&path).unwrap()).unwrap();
    for table in archive::TABLES {
        let n = rows(&b, table);
        assert_eq!(n, rows(&a, table), "{table}");
        if *table != "setting" {
            assert_eq!(report[*table].0 as i64, n - rows(&fresh(), table), "{table}: all added");
        }
    }
    // Same data, same figures, on either machine.
    let year = chrono::Datelike::year(&chrono::Local::now());
    let (fa, fb) = (bilan::compute(&a, bilan::year(year)).unwrap(), bilan::compute(&b, bilan::year(year)).unwrap());
    let values = |x: &Bilan| x.key_figures.iter().map(|k| (k.code.clone(), k.current, k.previous)).collect::<Vec<_>>();
    assert_eq!(values(&fa), values(&fb));
    // Search still works on the imported people (the trigram index follows).
    let hits = maillage_core::queries::persons::list(&b, &PersonFilter { query: Some("chastang".into()), ..Default::default() }).unwrap();
    assert_eq!(hits.len(), maillage_core::queries::persons::list(&a, &PersonFilter { query: Some("chastang".into()), ..Default::default() }).unwrap().len());
    assert_eq!(minutes_files::content(&b, &meeting_id).unwrap().1, minutes);
    assert_eq!(minutes_files::get(&b, &meeting_id).unwrap(), minutes_files::get(&a, &meeting_id).unwrap());
    // Importing again changes nothing.
    let again = archive::import(&b, &archive::read(&path).unwrap()).unwrap();
    assert!(again.values().all(|(added, updated, _)| *added == 0 && *updated == 0));
}

#[test]
fn the_latest_change_wins_when_merging() {
    let office = fresh();
    let org = make_org(&office, "CAF", Some("Brive"));
    let path = office.dir.path().join("office.json");
    archive::export_to(&office, &path).unwrap();
    // The laptop starts from the office's archive, then the office edits the phone number.
    let laptop = fresh();
    archive::import(&laptop, &archive::read(&path).unwrap()).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    let input = OrganisationInput { phone: Some("05 55 00 00 01".into()), ..common::org("CAF", Some("Brive")) };
    organisations::update(&office, &org.id, input).unwrap();
    archive::export_to(&office, &path).unwrap();
    let report = archive::import(&laptop, &archive::read(&path).unwrap()).unwrap();
    assert_eq!(report["organisation"], (0, 1, 0));
    assert_eq!(organisations::get(&laptop, &org.id).unwrap().phone.as_deref(), Some("05 55 00 00 01"));
    // An older archive does not undo a newer change.
    let old = laptop.dir.path().join("old.json");
    let mut a = archive::read(&path).unwrap();
    a.tables.get_mut("organisation").unwrap()[0].insert("updated_at".into(), "2000-01-01T00:00:00.000Z".into());
    a.tables.get_mut("organisation").unwrap()[0].insert("phone".into(), "01 01 01 01 01".into());
    std::fs::write(&old, serde_json::to_string(&a).unwrap()).unwrap();
    archive::import(&laptop, &archive::read(&old).unwrap()).unwrap();
    assert_eq!(organisations::get(&laptop, &org.id).unwrap().phone.as_deref(), Some("05 55 00 00 01"));
}

#[test]
fn an_unknown_version_or_a_broken_file_is_refused_and_nothing_is_written() {
    let t = fresh();
    let dir = t.dir.path();
    let future = dir.join("future.json");
    std::fs::write(&future, r#"{"format":"maillage-archive","version":9,"tables":{}}"#).unwrap();
    let err = archive::read(&future).err().unwrap();
    assert!(err.to_string().contains("format version 9") && err.to_string().contains("Rien n'a été importé"), "{err}");
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{\n  \"format\": \"maillage-archive\",\n  \"version\": 1,\n  \"tables\": {\n").unwrap();
    let err = archive::read(&broken).err().unwrap();
    assert!(err.to_string().contains("ligne 5"), "{err}");
    let other = dir.join("other.json");
    std::fs::write(&other, r#"{"hello": "world"}"#).unwrap();
    assert!(archive::read(&other).err().unwrap().to_string().contains("n'est pas une archive Maillage"));

    // A valid archive with one bad row: the whole import is refused.
    let source = fresh();
    make_org(&source, "A", None);
    make_org(&source, "B", None);
    let mut a = archive::export(&source).unwrap();
    a.tables.get_mut("organisation").unwrap()[1].insert("sector".into(), "martien".into());
    let err = archive::import(&t, &a).unwrap_err();
    assert!(err.to_string().contains("ligne 2 de la table « organisation »"), "{err}");
    assert_eq!(rows(&t, "organisation"), 0, "nothing half-imported");
    let mut a = archive::export(&source).unwrap();
    a.tables.get_mut("organisation").unwrap()[0].insert("couleur".into(), "bleu".into());
    assert!(archive::import(&t, &a).unwrap_err().to_string().contains("colonne inconnue « couleur »"));
}

/// What the archive refused or took as given before (the probes of the laptop-copy issue): every
/// value is checked as the forms check it, with the table and line in the message, and derived
/// columns are recomputed.
#[test]
fn values_are_checked_and_derived_columns_recomputed() {
    let a = fresh();
    let caf = make_org(&a, "Caisse d'allocations familiales", Some("Tulle"));
    let path = a.dir.path().join("archive.json");
    archive::export_to(&a, &path).unwrap();
    let good = archive::read(&path).unwrap();
    let line = |arch: &archive::Archive| arch.tables["organisation"].iter().position(|r| r["id"] == caf.id.as_str()).unwrap() + 1;

    let with = |column: &str, value: serde_json::Value| {
        let mut arch = archive::read(&path).unwrap();
        let l = line(&arch);
        arch.tables.get_mut("organisation").unwrap()[l - 1].insert(column.to_owned(), value);
        arch
    };
    let cases = [
        ("name", serde_json::json!("x".repeat(40_000)), "trop longue"),
        ("created_at", serde_json::json!("pas une date"), "n'est pas un horodatage"),
        ("updated_at", serde_json::json!("zzzz"), "n'est pas un horodatage"),
        ("parent_id", serde_json::json!("pas-un-uuid"), "n'est pas un UUID"),
    ];
    for (column, value, why) in cases {
        let b = fresh();
        let before = rows(&b, "organisation");
        let err = archive::import(&b, &with(column, value)).unwrap_err().to_string();
        assert!(err.contains(why) && err.contains(&format!("ligne {}", line(&good))) && err.contains("organisation"), "{column}: {err}");
        assert_eq!(rows(&b, "organisation"), before, "nothing imported");
    }

    // A reference to a row that is nowhere: the table and line are named.
    let b = fresh();
    let orphan = with("parent_id", serde_json::json!("01a20000-0000-7000-8000-0000000000ff"));
    let err = archive::import(&b, &orphan).unwrap_err().to_string();
    assert!(err.contains(&format!("la ligne {}", line(&good))) && err.contains("« organisation »"), "{err}");

    // Derived columns given wrong in the file are recomputed.
    let b = fresh();
    let mut lying = with("search_text", serde_json::json!("texte faux"));
    lying.tables.get_mut("organisation").unwrap()[line(&good) - 1].insert("name_key".into(), serde_json::json!("faux"));
    archive::import(&b, &lying).unwrap();
    let found = organisations::list(&b, &OrganisationFilter { query: Some("allocations".into()), ..Default::default() }).unwrap();
    assert_eq!(found.len(), 1);
    let key: String = b.query_row("SELECT name_key FROM organisation WHERE id = ?", [&caf.id], |r| r.get(0)).unwrap();
    assert_eq!(key, "caisse d'allocations familiales");
}

#[test]
fn a_value_of_the_wrong_shape_is_told_in_french() {
    let t = fresh();
    let path = t.dir.path().join("archive.json");
    std::fs::write(&path, r#"{"format":"maillage-archive","version":1,"schema_version":1,"app_version":"0.1.0","exported_at":"2026-11-23T00:00:00Z","tables":[]}"#).unwrap();
    let err = archive::read(&path).err().expect("refused").to_string();
    assert!(err.contains("ligne 1") && err.contains("n'a pas la forme attendue"), "{err}");
    assert!(!err.contains("invalid type") && !err.contains("expected"), "{err}");
}

#[test]
fn a_file_in_the_archive_is_checked_and_its_fingerprint_recomputed() {
    let a = fresh();
    let body = maillage_core::queries::bodies::create(&a, BodyInput { name: "Comité de suivi".into(), kind: Some(BodyKind::Copil), ..Default::default() }).unwrap();
    let m = maillage_core::queries::meetings::create(&a, MeetingInput { body_id: body.id.clone(), date: Some("2026-03-02".into()), ..Default::default() }).unwrap();
    let file = a.dir.path().join("cr.txt");
    std::fs::write(&file, "Relevé de décisions").unwrap();
    minutes_files::attach(&a, &m.id, &file).unwrap();
    let mut json: serde_json::Value = serde_json::to_value(archive::export(&a).unwrap()).unwrap();

    // A fingerprint or a size that lies is recomputed from the bytes.
    json["tables"]["minutes_file"][0]["sha256"] = "0000".into();
    json["tables"]["minutes_file"][0]["size"] = 1.into();
    let b = fresh();
    archive::import(&b, &serde_json::from_value(json.clone()).unwrap()).unwrap();
    assert_eq!(minutes_files::get(&b, &m.id).unwrap(), minutes_files::get(&a, &m.id).unwrap());

    // Bytes that are not base64: refused in French, with the table and the line; nothing written.
    json["tables"]["minutes_file"][0]["content"]["base64"] = "pas du base64 !".into();
    let c = fresh();
    let err = archive::import(&c, &serde_json::from_value(json).unwrap()).unwrap_err().to_string();
    assert!(err.contains("ligne 1") && err.contains("minutes_file") && err.contains("« content » devrait contenir un fichier encodé en base64"), "{err}");
    assert_eq!(rows(&c, "meeting"), 0);
}
