//! The JSON archive: a full round trip, merging by UUID (the latest change wins), refusal of an
//! unknown version or a broken file — and nothing half-imported.

use crate::common;

use common::{fresh, make_org, make_person, rows, TestDb};
use maillage_core::archive;
use maillage_core::model::*;
use maillage_core::bilan;
use maillage_core::queries::{minutes_files, organisations};

/// The archive of `db` as JSON, to be changed as a hand or another program would.
fn json_of(db: &TestDb) -> serde_json::Value {
    let path = db.dir.path().join(format!("export-{}.json", fastrand::u64(..)));
    archive::export_to(db, &path).unwrap();
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// Writes `json` to a file and imports it into `db`, as `maillage-cli archive import` does.
fn import_json(db: &TestDb, json: &serde_json::Value) -> maillage_core::Result<archive::ImportReport> {
    let path = db.dir.path().join(format!("import-{}.json", fastrand::u64(..)));
    std::fs::write(&path, serde_json::to_vec_pretty(json).unwrap()).unwrap();
    archive::import(db, &archive::read(&path)?)
}

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
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(json["format"], "maillage-archive");
    assert_eq!(written.rows, archive::TABLES.iter().map(|t| json["tables"][*t].as_array().unwrap().len()).sum::<usize>());
    use base64::Engine;
    assert_eq!(json["tables"]["minutes_file"][0]["content"]["base64"], base64::engine::general_purpose::STANDARD.encode(&minutes));
    let b = fresh();
    let report = archive::import(&b, &archive::read(&path).unwrap()).unwrap();
    for table in archive::TABLES {
        let n = rows(&b, table);
        assert_eq!(n, rows(&a, table), "{table}");
        if *table != "setting" {
            assert_eq!(report.tables[*table].0 as i64, n - rows(&fresh(), table), "{table}: all added");
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
    assert!(again.tables.values().all(|(added, updated, _)| *added == 0 && *updated == 0));
    assert_eq!(again.normalised, 0, "Maillage's own archive is already in Maillage's form: {again:?}");
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
    assert_eq!(report.tables["organisation"], (0, 1, 0));
    assert_eq!(organisations::get(&laptop, &org.id).unwrap().phone.as_deref(), Some("05 55 00 00 01"));
    // An older archive does not undo a newer change.
    let mut a = json_of(&office);
    a["tables"]["organisation"][0]["updated_at"] = "2000-01-01T00:00:00.000Z".into();
    a["tables"]["organisation"][0]["phone"] = "01 01 01 01 01".into();
    import_json(&laptop, &a).unwrap();
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
    let mut a = json_of(&source);
    a["tables"]["organisation"][1]["sector"] = "martien".into();
    let err = import_json(&t, &a).unwrap_err();
    assert!(err.to_string().contains("ligne 2 de la table « organisation »"), "{err}");
    assert_eq!(rows(&t, "organisation"), 0, "nothing half-imported");
    let mut a = json_of(&source);
    a["tables"]["organisation"][0]["couleur"] = "bleu".into();
    assert!(import_json(&t, &a).unwrap_err().to_string().contains("colonne inconnue « couleur »"));
}

/// What the archive refused or took as given before (the probes of the laptop-copy issue): every
/// value is checked as the forms check it, with the table and line in the message, and derived
/// columns are recomputed.
#[test]
fn values_are_checked_and_derived_columns_recomputed() {
    let a = fresh();
    let caf = make_org(&a, "Caisse d'allocations familiales", Some("Tulle"));
    let good = json_of(&a);
    let line = |arch: &serde_json::Value| arch["tables"]["organisation"].as_array().unwrap().iter().position(|r| r["id"] == caf.id.as_str()).unwrap() + 1;

    let with = |column: &str, value: serde_json::Value| {
        let mut arch = good.clone();
        let l = line(&arch);
        arch["tables"]["organisation"][l - 1][column] = value;
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
        let err = import_json(&b, &with(column, value)).unwrap_err().to_string();
        assert!(err.contains(why) && err.contains(&format!("ligne {}", line(&good))) && err.contains("organisation"), "{column}: {err}");
        assert_eq!(rows(&b, "organisation"), before, "nothing imported");
    }

    // A reference to a row that is nowhere: the table and line are named.
    let b = fresh();
    let orphan = with("parent_id", serde_json::json!("01a20000-0000-7000-8000-0000000000ff"));
    let err = import_json(&b, &orphan).unwrap_err().to_string();
    assert!(err.contains(&format!("la ligne {}", line(&good))) && err.contains("« organisation »"), "{err}");

    // Derived columns given wrong in the file are recomputed.
    let b = fresh();
    let mut lying = with("search_text", serde_json::json!("texte faux"));
    lying["tables"]["organisation"][line(&good) - 1]["name_key"] = serde_json::json!("faux");
    import_json(&b, &lying).unwrap();
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
    let err = archive::read(&path).expect_err("refused").to_string();
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
    let mut json = json_of(&a);

    // A fingerprint or a size that lies is recomputed from the bytes.
    json["tables"]["minutes_file"][0]["sha256"] = "0000".into();
    json["tables"]["minutes_file"][0]["size"] = 1.into();
    let b = fresh();
    import_json(&b, &json).unwrap();
    assert_eq!(minutes_files::get(&b, &m.id).unwrap(), minutes_files::get(&a, &m.id).unwrap());

    // Bytes that are not base64: refused in French, with the table and the line; nothing written.
    json["tables"]["minutes_file"][0]["content"]["base64"] = "pas du base64 !".into();
    let c = fresh();
    let err = import_json(&c, &json).unwrap_err().to_string();
    assert!(err.contains("ligne 1") && err.contains("minutes_file") && err.contains("« content » devrait contenir un fichier encodé en base64"), "{err}");
    assert_eq!(rows(&c, "meeting"), 0);
}

// ---------------------------------------------------------------------------------------------
// Hostile archives: each value a form would refuse is refused with the table and the line, and
// nothing is written; each value written otherwise than Maillage writes it is put in its form.

/// Every table's rows, in order, with every value: equal before and after means nothing written.
fn dump(db: &TestDb) -> Vec<String> {
    let tables: Vec<String> = db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'person_search%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = Vec::new();
    for t in tables {
        let mut stmt = db.prepare(&format!("SELECT * FROM {t} ORDER BY 1, 2")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let values: Vec<String> = (0..n).map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap())).collect();
            out.push(format!("{t}: {}", values.join(" | ")));
        }
    }
    out
}

/// A small office: an organisation, two people (one with a post), a body and a meeting.
fn office() -> (TestDb, String, String) {
    let t = fresh();
    let org = make_org(&t, "Secours populaire", Some("Brive"));
    let p = make_person(&t, "Aline", "Martin", Some("aline@exemple.fr"));
    make_person(&t, "Bruno", "Petit", Some("bruno@exemple.fr"));
    maillage_core::queries::affiliations::create(&t, AffiliationInput { person_id: p.id.clone(), organisation_id: org.id.clone(), ..Default::default() }).unwrap();
    let body = maillage_core::queries::bodies::create(&t, BodyInput { name: "Plénière".into(), kind: Some(BodyKind::Pleniere), ..Default::default() }).unwrap();
    let m = maillage_core::queries::meetings::create(&t, MeetingInput { body_id: body.id, date: Some("2026-03-02".into()), title: Some("Plénière de printemps".into()), ..Default::default() }).unwrap();
    (t, p.id, m.id)
}

/// The line (from 1) of the row of `table` whose `column` is `value`.
fn line_of(json: &serde_json::Value, table: &str, column: &str, value: &str) -> usize {
    json["tables"][table].as_array().unwrap().iter().position(|r| r[column] == value).unwrap() + 1
}

/// Imports `json` into a database that already holds data: refused, in French, naming the table
/// and the line, and the database exactly as it was. Returns the message.
fn refused(json: &serde_json::Value, table: &str, line: usize) -> String {
    let target = fresh();
    make_org(&target, "Mairie", Some("Tulle"));
    let before = dump(&target);
    let err = import_json(&target, json).expect_err("refused").to_string();
    assert!(err.contains(&format!("la ligne {line} de la table « {table} »")) && err.contains("Rien n'a été importé"), "{err}");
    assert!(!err.contains("constraint") && !err.contains("failed") && !err.contains("doublon ou lien"), "no SQLite English, no vague message: {err}");
    assert_eq!(dump(&target), before, "nothing written");
    err
}

#[test]
fn hostile_an_id_in_three_spellings_is_one_row_in_its_canonical_form() {
    let (t, person, _) = office();
    let mut json = json_of(&t);
    let line = line_of(&json, "person", "id", &person);
    let row = json["tables"]["person"][line - 1].clone();
    let upper = person.to_uppercase();
    let braced = format!("{{{person}}}");
    let bare = person.replace('-', "");
    // Three more spellings of the same person, each edited later than the one before.
    for (i, id) in [&upper, &braced, &bare].into_iter().enumerate() {
        let mut copy = row.clone();
        copy["id"] = id.as_str().into();
        copy["notes"] = format!("version {i}").into();
        let later = chrono::Utc::now() + chrono::Duration::minutes(i as i64 + 1);
        copy["updated_at"] = later.to_rfc3339_opts(chrono::SecondsFormat::Millis, true).into();
        json["tables"]["person"].as_array_mut().unwrap().push(copy);
    }
    // A link spelled in upper case finds its row.
    json["tables"]["affiliation"][0]["person_id"] = upper.as_str().into();
    let b = fresh();
    let report = import_json(&b, &json).unwrap();
    assert_eq!(rows(&b, "person"), rows(&t, "person"), "one row per person");
    let (id, notes): (String, Option<String>) = b.query_row("SELECT id, notes FROM person WHERE first_name = 'Aline'", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!(id, person, "stored lower-case with its dashes");
    assert_eq!(notes.as_deref(), Some("version 2"), "the latest change won");
    let linked: String = b.query_row("SELECT person_id FROM affiliation", [], |r| r.get(0)).unwrap();
    assert_eq!(linked, person);
    assert!(report.normalised >= 4, "{report:?}");
    // An id that is no UUID at all is refused.
    json["tables"]["person"][line - 1]["id"] = "personne-1".into();
    let err = refused(&json, "person", line);
    assert!(err.contains("n'est pas un UUID"), "{err}");
}

#[test]
fn hostile_an_unknown_table_is_refused_by_its_name() {
    let (t, ..) = office();
    let mut json = json_of(&t);
    json["tables"]["personne"] = serde_json::json!([{ "id": "01a20000-0000-7000-8000-000000000001" }]);
    let (target, ..) = office();
    let before = dump(&target);
    let path = target.dir.path().join("inconnue.json");
    std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
    let err = archive::read(&path).unwrap_err().to_string();
    assert!(err.contains("la table « personne » n'existe pas dans Maillage") && err.contains("Rien n'a été importé"), "{err}");
    assert_eq!(dump(&target), before);
    // A table given twice is refused too (JSON lets a key come twice; the second would be lost).
    let text = serde_json::to_string(&json_of(&t)).unwrap().replacen("\"tables\":{", "\"tables\":{\"domain\":[],", 1);
    std::fs::write(&path, text).unwrap();
    let err = archive::read(&path).unwrap_err().to_string();
    assert!(err.contains("la table « domain » y figure deux fois"), "{err}");
}

#[test]
fn hostile_a_timestamp_in_the_future_or_malformed_is_refused() {
    let (t, person, _) = office();
    let json = json_of(&t);
    let line = line_of(&json, "person", "id", &person);
    for (value, why) in [
        ("2099-01-01T00:00:00.000Z", "dans le futur"),
        ("2026-13-45T10:00:00Z", "n'est pas un horodatage"),
        ("2026-03-02 10:00", "n'est pas un horodatage"),
    ] {
        let mut bad = json.clone();
        bad["tables"]["person"][line - 1]["updated_at"] = value.into();
        let err = refused(&bad, "person", line);
        assert!(err.contains(why) && err.contains("updated_at"), "{value}: {err}");
    }
    // Within the tolerance (another machine's clock a little ahead), and in another offset: taken,
    // stored in UTC as Maillage writes it.
    let mut ahead = json.clone();
    let soon = chrono::Utc::now() + chrono::Duration::hours(2);
    ahead["tables"]["person"][line - 1]["updated_at"] = soon.with_timezone(&chrono::FixedOffset::east_opt(3600).unwrap()).to_rfc3339().into();
    let b = fresh();
    import_json(&b, &ahead).unwrap();
    let stored: String = b.query_row("SELECT updated_at FROM person WHERE id = ?", [&person], |r| r.get(0)).unwrap();
    assert_eq!(stored, soon.to_rfc3339_opts(chrono::SecondsFormat::Millis, true));
}

#[test]
fn hostile_line_breaks_in_a_one_line_field_are_put_on_one_line() {
    let (t, _, meeting) = office();
    let mut json = json_of(&t);
    let line = line_of(&json, "meeting", "id", &meeting);
    json["tables"]["meeting"][line - 1]["title"] = "Plénière\r\nBEGIN:VEVENT".into();
    json["tables"]["meeting"][line - 1]["place"] = "Salle B\r".into();
    json["tables"]["meeting"][line - 1]["agenda"] = "1. Accueil\n2. Bilan".into();
    json["tables"]["meeting"][line - 1]["start_time"] = "09:30:00".into();
    let b = fresh();
    let report = import_json(&b, &json).unwrap();
    let (title, place, agenda, start): (String, String, String, String) =
        b.query_row("SELECT title, place, agenda, start_time FROM meeting WHERE id = ?", [&meeting], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap();
    assert_eq!((title.as_str(), place.as_str(), start.as_str()), ("Plénière BEGIN:VEVENT", "Salle B", "09:30"));
    assert_eq!(agenda, "1. Accueil\n2. Bilan", "multi-line text keeps its lines");
    assert_eq!(report.first_normalised, Some(("meeting".to_owned(), line, "place".to_owned())), "{report:?}");
    assert_eq!(report.normalised, 3);
    // A time that is no time is refused.
    json["tables"]["meeting"][line - 1]["start_time"] = "9h30".into();
    let err = refused(&json, "meeting", line);
    assert!(err.contains("n'est pas une heure") && err.contains("start_time"), "{err}");
}

#[test]
fn hostile_settings_get_the_settings_screens_checks() {
    let t = fresh();
    maillage_core::queries::settings::save(&t, Settings { backup_keep_recent: Some(3), backup_keep_months: Some(2), ..Default::default() }).unwrap();
    let json = json_of(&t);
    let line = line_of(&json, "setting", "key", "backup_keep_recent");
    for (value, why) in [("0", "de 1 à 1000"), ("-4", "de 1 à 1000"), ("beaucoup", "de 1 à 1000"), ("", "est vide")] {
        let mut bad = json.clone();
        bad["tables"]["setting"][line - 1]["value"] = value.into();
        let err = refused(&bad, "setting", line);
        assert!(err.contains("backup_keep_recent") && err.contains(why), "{value}: {err}");
    }
    let mut bad = json.clone();
    bad["tables"]["setting"][line - 1]["key"] = "couleur".into();
    let err = refused(&bad, "setting", line);
    assert!(err.contains("« couleur » n'existe pas"), "{err}");
    // A value the screen would take is stored as the screen stores it.
    let mut fine = json.clone();
    fine["tables"]["setting"][line - 1]["value"] = " 12 ".into();
    let b = fresh();
    import_json(&b, &fine).unwrap();
    assert_eq!(maillage_core::queries::settings::get(&b).unwrap().backup_keep_recent, Some(12));
}

#[test]
fn hostile_rule_and_type_errors_say_what_is_wrong() {
    let (t, person, _) = office();
    let json = json_of(&t);
    let org_line = 1;
    let person_line = line_of(&json, "person", "id", &person);
    let other_line = line_of(&json, "person", "first_name", "Bruno");
    let cases: Vec<(&str, usize, &str, serde_json::Value, &str)> = vec![
        // A CHECK rule of the schema, with the column it is about.
        ("organisation", org_line, "sector", "martien".into(), "la valeur de « sector » n'est pas permise"),
        // A type: text where a whole number goes, a number where text goes.
        ("organisation", org_line, "sector", 3.into(), "attend un texte"),
        ("person", person_line, "first_name", serde_json::json!(["Aline"]), "une liste ou un objet"),
        // A value the schema requires.
        ("person", person_line, "category", serde_json::Value::Null, "« category » est obligatoire"),
        // A duplicate: another person's e-mail.
        ("person", other_line, "email", "aline@exemple.fr".into(), "une autre ligne a déjà la même valeur de « email » (doublon)"),
    ];
    for (table, line, column, value, why) in cases {
        let mut bad = json.clone();
        bad["tables"][table][line - 1][column] = value;
        let err = refused(&bad, table, line);
        assert!(err.contains(why), "{table}.{column}: {err}");
    }
    // A whole number where one is expected.
    let mut bad = json.clone();
    let m = bad["tables"]["meeting"][0].as_object_mut().unwrap();
    m.insert("headcount".into(), "douze".into());
    let err = refused(&bad, "meeting", 1);
    assert!(err.contains("« headcount » attend un nombre entier"), "{err}");
    // A person with no name at all (and not erased): the rule names the columns it is about.
    let mut bad = json.clone();
    bad["tables"]["person"][person_line - 1]["first_name"] = serde_json::Value::Null;
    bad["tables"]["person"][person_line - 1]["last_name"] = serde_json::Value::Null;
    let err = refused(&bad, "person", person_line);
    assert!(err.contains("first_name") && err.contains("n'est pas permise"), "{err}");
}

#[test]
fn hostile_stale_derived_keys_are_recomputed_not_trusted() {
    let t = fresh();
    make_org(&t, "Restos du cœur", Some("Tulle"));
    make_org(&t, "Croix-Rouge", Some("Tulle"));
    let mut json = json_of(&t);
    // Both organisations claim the same keys: trusted, they would clash (or hide a duplicate).
    for row in json["tables"]["organisation"].as_array_mut().unwrap() {
        row["name_key"] = "meme cle".into();
        row["search_text"] = "".into();
    }
    for row in json["tables"]["person"].as_array_mut().unwrap_or(&mut vec![]) {
        row["sort_key"] = "faux".into();
    }
    let b = fresh();
    import_json(&b, &json).unwrap();
    let keys: Vec<String> = b.prepare("SELECT name_key FROM organisation ORDER BY name_key").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert_eq!(keys, ["croix-rouge", "restos du coeur"]);
    let found = organisations::list(&b, &OrganisationFilter { query: Some("restos".into()), ..Default::default() }).unwrap();
    assert_eq!(found.len(), 1);
}

/// Random hostile values in random places: each import is whole or refused in French with the
/// table and the line, the database untouched.
#[test]
fn hostile_random_values_are_refused_by_table_and_line_or_taken_whole() {
    let (t, ..) = office();
    let json = json_of(&t);
    let hostile: Vec<serde_json::Value> = vec![
        "2099-12-31T23:59:59.000Z".into(),
        "Titre\r\nBEGIN:VEVENT".into(),
        "ABCDEF00-0000-7000-8000-000000000000".into(),
        "x".repeat(30_000).into(),
        12.into(),
        (-1).into(),
        serde_json::Value::Null,
        serde_json::json!({ "base64": "!!" }),
        "".into(),
    ];
    let tables: Vec<&str> = archive::TABLES.iter().copied().filter(|t| json["tables"][*t].as_array().is_some_and(|r| !r.is_empty())).collect();
    let mut rng = fastrand::Rng::with_seed(std::env::var("MAILLAGE_PROBE_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(20));
    for _ in 0..common::probe_rounds(6) {
        let table = tables[rng.usize(..tables.len())];
        let n = json["tables"][table].as_array().unwrap().len();
        let line = rng.usize(..n) + 1;
        let columns: Vec<String> = json["tables"][table][line - 1].as_object().unwrap().keys().cloned().collect();
        let column = &columns[rng.usize(..columns.len())];
        let value = hostile[rng.usize(..hostile.len())].clone();
        let mut bad = json.clone();
        bad["tables"][table][line - 1][column.as_str()] = value.clone();
        let target = fresh();
        make_org(&target, "Mairie", Some("Tulle"));
        let before = dump(&target);
        match import_json(&target, &bad) {
            Err(e) => {
                let err = e.to_string();
                let placed = err.contains(&format!("ligne {line} de la table « {table} »")) || err.contains("renvoie à une ligne absente");
                assert!(placed && err.contains("Rien n'a été importé"), "{table}.{column} = {value}: {err}");
                assert!(!err.contains("constraint") && !err.contains("doublon ou lien"), "{err}");
                assert_eq!(dump(&target), before, "{table}.{column}: nothing written");
            }
            Ok(_) => {
                let sound: String = target.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
                assert_eq!(sound, "ok");
                let broken: i64 = target.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
                assert_eq!(broken, 0, "{table}.{column} = {value}");
            }
        }
    }
}
