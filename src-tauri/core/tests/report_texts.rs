//! The secretariat's own words in the activity report (table `report_text`, #22): saved, read,
//! replaced and erased per period and section; journaled; carried by archives (and an archive
//! written before the table still imports); carried by a laptop copy and merged back, a text
//! edited on both sides being a conflict the user settles. Every test runs on a plain and on an
//! encrypted database.

use crate::common::office::{Kind, PASSPHRASE};
use crate::on_both;

use maillage_core::archive;
use maillage_core::db::{OpenOptions, Passphrase};
use maillage_core::model::*;
use maillage_core::queries::{bodies, meetings, report_texts};
use maillage_core::sync::{self, merge::MergeChoices, merge::Side};
use maillage_core::{bilan, Database};

const COPY_PASS: &str = "plénière du 3 décembre";

/// A new database in its own folder, plain or encrypted.
fn database(kind: Kind) -> (Database, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let passphrase = (kind == Kind::Encrypted).then(|| Passphrase::new(PASSPHRASE));
    let db = Database::open_with(&dir.path().join("bureau.sqlite"), &OpenOptions { create: true, passphrase }).unwrap();
    (db, dir)
}

fn year(y: i32) -> Period {
    bilan::year(y)
}

fn live_rows(db: &Database) -> i64 {
    db.conn().query_row("SELECT count(*) FROM report_text WHERE deleted_at IS NULL", [], |r| r.get(0)).unwrap()
}

fn saves_reads_replaces_and_erases(kind: Kind) {
    let (db, _dir) = database(kind);
    let c = db.conn();
    let p2025 = year(2025);
    assert_eq!(report_texts::report_texts(c, &p2025).unwrap(), ReportTexts::default(), "nothing written yet");

    let texts = report_texts::set(c, &p2025.from, &p2025.to, ReportSection::FaitsMarquants, Some("  L'ouverture du point d'accès aux droits.\nDeux nouvelles communes.  ".into())).unwrap();
    assert_eq!(texts.faits_marquants.as_deref(), Some("L'ouverture du point d'accès aux droits.\nDeux nouvelles communes."), "trimmed, lines kept");
    assert_eq!((texts.introduction.as_deref(), texts.perspectives.as_deref()), (None, None));

    // The dashboard's form saves the three at once.
    let input = ReportTextsInput {
        from: p2025.from.clone(),
        to: p2025.to.clone(),
        texts: ReportTexts { introduction: Some("Une année de rencontres.".into()), faits_marquants: texts.faits_marquants.clone(), perspectives: Some("Ouvrir un groupe de veille.".into()) },
    };
    let saved = report_texts::save(c, input).unwrap();
    assert_eq!(report_texts::report_texts(c, &p2025).unwrap(), saved);
    assert_eq!(saved.introduction.as_deref(), Some("Une année de rencontres."));
    assert_eq!(live_rows(&db), 3);

    // Another period has its own texts: the first half of 2025 is not 2025, 2026 neither.
    let half = bilan::range("2025-01-01", "2025-06-30").unwrap();
    report_texts::set(c, &half.from, &half.to, ReportSection::Introduction, Some("Premier semestre.".into())).unwrap();
    assert_eq!(report_texts::report_texts(c, &half).unwrap().introduction.as_deref(), Some("Premier semestre."));
    assert_eq!(report_texts::report_texts(c, &p2025).unwrap().introduction.as_deref(), Some("Une année de rencontres."));
    assert_eq!(report_texts::report_texts(c, &year(2026)).unwrap(), ReportTexts::default());
    // A range covering a whole year is that year.
    assert_eq!(report_texts::get(c, "2025-01-01", "2025-12-31").unwrap(), saved);

    // Replace: one row per section, whatever the number of saves.
    report_texts::set(c, &p2025.from, &p2025.to, ReportSection::Perspectives, Some("Ouvrir deux groupes.".into())).unwrap();
    assert_eq!(report_texts::report_texts(c, &p2025).unwrap().perspectives.as_deref(), Some("Ouvrir deux groupes."));
    assert_eq!(live_rows(&db), 4);

    // Erase (a blank text is no text): a tombstone without the words.
    let after = report_texts::set(c, &p2025.from, &p2025.to, ReportSection::Perspectives, Some("   ".into())).unwrap();
    assert_eq!(after.perspectives, None);
    let (text, deleted): (String, Option<String>) = c
        .query_row("SELECT text, deleted_at FROM report_text WHERE section = 'perspectives' AND period_start = '2025-01-01'", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(text, "", "the words go with the erasure");
    assert!(deleted.is_some());
    // Written again: the same row comes back.
    report_texts::set(c, &p2025.from, &p2025.to, ReportSection::Perspectives, Some("Revenues.".into())).unwrap();
    assert_eq!(c.query_row("SELECT count(*) FROM report_text WHERE section = 'perspectives'", [], |r| r.get::<_, i64>(0)).unwrap(), 1);

    // Refused, in French, beside the field: too long, a bad period.
    let long = "é".repeat(REPORT_TEXT_MAX + 1);
    match report_texts::set(c, &p2025.from, &p2025.to, ReportSection::Introduction, Some(long)).unwrap_err() {
        maillage_core::Error::Invalid { field, message } => {
            assert_eq!(field, "introduction");
            assert_eq!(message, format!("Le champ « Introduction » est trop long ({} caractères) : 20000 au maximum.", REPORT_TEXT_MAX + 1));
        }
        other => panic!("{other:?}"),
    }
    assert!(report_texts::set(c, "2025-13-01", "2025-12-31", ReportSection::Introduction, Some("x".into())).is_err());
    assert!(report_texts::set(c, "2025-12-31", "2025-01-01", ReportSection::Introduction, Some("x".into())).is_err());
    let exact = "a".repeat(REPORT_TEXT_MAX);
    assert_eq!(report_texts::set(c, &p2025.from, &p2025.to, ReportSection::Introduction, Some(exact.clone())).unwrap().introduction, Some(exact));
    // The schema keeps the rules whoever writes.
    assert!(c.execute("UPDATE report_text SET section = 'conclusion'", []).is_err());
    assert!(c.execute("UPDATE report_text SET text = '' WHERE deleted_at IS NULL", []).is_err());
}

fn every_change_is_journaled(kind: Kind) {
    let (db, _dir) = database(kind);
    let c = db.conn();
    let p = year(2025);
    let journal = |action: &str| -> i64 {
        c.query_row("SELECT count(*) FROM journal WHERE table_name = 'report_text' AND action = ?", [action], |r| r.get(0)).unwrap()
    };
    report_texts::set(c, &p.from, &p.to, ReportSection::FaitsMarquants, Some("Un an.".into())).unwrap();
    assert_eq!(journal("creation"), 1);
    // Saving the same words again writes nothing, so adds no line.
    report_texts::set(c, &p.from, &p.to, ReportSection::FaitsMarquants, Some("Un an.".into())).unwrap();
    assert_eq!(journal("modification"), 0);
    report_texts::set(c, &p.from, &p.to, ReportSection::FaitsMarquants, Some("Un an et demi.".into())).unwrap();
    assert_eq!(journal("modification"), 1);
    let fields: String = c
        .query_row("SELECT fields FROM journal WHERE table_name = 'report_text' AND action = 'modification'", [], |r| r.get(0))
        .unwrap();
    assert!(fields.contains("text"), "{fields}");
    report_texts::set(c, &p.from, &p.to, ReportSection::FaitsMarquants, None).unwrap();
    assert_eq!(journal("suppression"), 1);
    let id = report_text_id(&p.from, &p.to, ReportSection::FaitsMarquants);
    let journaled: Vec<String> = c.prepare("SELECT record_id FROM journal WHERE table_name = 'report_text'").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert!(journaled.iter().all(|r| *r == id), "{journaled:?}");
}

fn an_archive_carries_the_texts(kind: Kind) {
    let (a, dir) = database(kind);
    let p = year(2025);
    report_texts::set(a.conn(), &p.from, &p.to, ReportSection::Introduction, Some("« Maillage » : une année.\nSuite.".into())).unwrap();
    report_texts::set(a.conn(), &p.from, &p.to, ReportSection::Perspectives, Some("À effacer.".into())).unwrap();
    report_texts::set(a.conn(), &p.from, &p.to, ReportSection::Perspectives, None).unwrap();
    let path = dir.path().join("archive.json");
    archive::export_to(a.conn(), &path).unwrap();
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(json["tables"]["report_text"].as_array().unwrap().len(), 2, "the tombstone travels too");

    let (b, _d) = database(kind);
    let report = archive::import(b.conn(), &archive::read(&path).unwrap()).unwrap();
    assert_eq!(report.tables["report_text"], (2, 0, 0));
    assert_eq!(report_texts::report_texts(b.conn(), &p).unwrap(), report_texts::report_texts(a.conn(), &p).unwrap());
    assert_eq!(report_texts::report_texts(b.conn(), &p).unwrap().introduction.as_deref(), Some("« Maillage » : une année.\nSuite."));
    // The latest change wins; importing again changes nothing.
    report_texts::set(a.conn(), &p.from, &p.to, ReportSection::Introduction, Some("Réécrite.".into())).unwrap();
    std::fs::remove_file(&path).unwrap();
    archive::export_to(a.conn(), &path).unwrap();
    let report = archive::import(b.conn(), &archive::read(&path).unwrap()).unwrap();
    assert_eq!(report.tables["report_text"], (0, 1, 1));
    assert_eq!(report_texts::report_texts(b.conn(), &p).unwrap().introduction.as_deref(), Some("Réécrite."));
    // A text saved after an import writes the imported row, never a second one.
    report_texts::set(b.conn(), &p.from, &p.to, ReportSection::Introduction, Some("Encore.".into())).unwrap();
    assert_eq!(b.conn().query_row("SELECT count(*) FROM report_text", [], |r| r.get::<_, i64>(0)).unwrap(), 2);

    // An archive from before the table (schema 11) still imports.
    let mut old = json.clone();
    old["schema_version"] = 11.into();
    old["tables"].as_object_mut().unwrap().remove("report_text");
    let old_path = dir.path().join("ancienne.json");
    std::fs::write(&old_path, serde_json::to_vec_pretty(&old).unwrap()).unwrap();
    let (c, _d2) = database(kind);
    let report = archive::import(c.conn(), &archive::read(&old_path).unwrap()).unwrap();
    assert!(!report.tables.contains_key("report_text") || report.tables["report_text"] == (0, 0, 0));
    assert_eq!(report_texts::report_texts(c.conn(), &p).unwrap(), ReportTexts::default());

    // A row against the rules is refused with its table and line, nothing imported.
    let mut bad = json.clone();
    bad["tables"]["report_text"][0]["section"] = "conclusion".into();
    let bad_path = dir.path().join("mauvaise.json");
    std::fs::write(&bad_path, serde_json::to_vec_pretty(&bad).unwrap()).unwrap();
    let (d, _d3) = database(kind);
    let err = archive::import(d.conn(), &archive::read(&bad_path).unwrap()).unwrap_err().to_string();
    assert!(err.contains("report_text") && err.contains("ligne 1") && err.contains("section"), "{err}");
    assert_eq!(d.conn().query_row("SELECT count(*) FROM report_text", [], |r| r.get::<_, i64>(0)).unwrap(), 0);
    let mut long = json;
    long["tables"]["report_text"][0]["text"] = "a".repeat(REPORT_TEXT_MAX + 1).into();
    std::fs::write(&bad_path, serde_json::to_vec_pretty(&long).unwrap()).unwrap();
    assert!(archive::import(d.conn(), &archive::read(&bad_path).unwrap()).is_err());
}

/// An office with a meeting today (a copy needs one) and its folder.
fn office(kind: Kind) -> (Database, tempfile::TempDir, String) {
    let (db, dir) = database(kind);
    let body = bodies::create(db.conn(), BodyInput { name: "Assemblée plénière".into(), kind: Some(BodyKind::Pleniere), ..Default::default() }).unwrap().id;
    let today = chrono::Local::now().date_naive().to_string();
    let meeting = meetings::create(db.conn(), MeetingInput { body_id: body, date: Some(today), ..Default::default() }).unwrap().id;
    (db, dir, meeting)
}

fn copy_of(db: &Database, dir: &tempfile::TempDir, meeting: &str) -> std::path::PathBuf {
    let out = dir.path().join(format!("copie-{}.maillage", fastrand::u32(..)));
    sync::copy::make(db, &[meeting.to_owned()], &out, &Passphrase::new(COPY_PASS), false).unwrap();
    out
}

fn open_copy(path: &std::path::Path) -> Database {
    Database::open_with(path, &OpenOptions::existing(Some(Passphrase::new(COPY_PASS)))).unwrap()
}

fn merge(db: &Database, path: &std::path::Path, choices: &MergeChoices, dry_run: bool) -> maillage_core::Result<sync::merge::MergeReport> {
    sync::merge::merge(db, path, &Passphrase::new(COPY_PASS), choices, dry_run)
}

fn a_copy_carries_the_texts_and_brings_them_back(kind: Kind) {
    let (db, dir, meeting) = office(kind);
    let p = year(2025);
    report_texts::set(db.conn(), &p.from, &p.to, ReportSection::Introduction, Some("Écrite au bureau.".into())).unwrap();
    report_texts::set(db.conn(), &p.from, &p.to, ReportSection::Perspectives, Some("À effacer sur le portable.".into())).unwrap();
    let path = copy_of(&db, &dir, &meeting);
    {
        let laptop = open_copy(&path);
        assert_eq!(report_texts::report_texts(laptop.conn(), &p).unwrap().introduction.as_deref(), Some("Écrite au bureau."), "the copy has the office's texts");
        // On the laptop: one text edited, one added, one erased.
        report_texts::set(laptop.conn(), &p.from, &p.to, ReportSection::Introduction, Some("Relue dans le train.".into())).unwrap();
        report_texts::set(laptop.conn(), &p.from, &p.to, ReportSection::FaitsMarquants, Some("La plénière de décembre.".into())).unwrap();
        report_texts::set(laptop.conn(), &p.from, &p.to, ReportSection::Perspectives, None).unwrap();
    }
    let preview = merge(&db, &path, &MergeChoices::default(), true).unwrap();
    assert_eq!(preview.unsettled, 0, "{:?}", preview.conflicts);
    let changes = preview.changes.iter().find(|c| c.table == "report_text").expect("the texts are in the preview");
    assert_eq!((changes.added, changes.changed), (1, 2), "{changes:?}");
    let done = merge(&db, &path, &MergeChoices::default(), false).unwrap();
    assert!(done.applied);
    assert_eq!(
        report_texts::report_texts(db.conn(), &p).unwrap(),
        ReportTexts { introduction: Some("Relue dans le train.".into()), faits_marquants: Some("La plénière de décembre.".into()), perspectives: None }
    );
    assert!(db.check().unwrap().integrity_ok);
    let again = merge(&db, &path, &MergeChoices::default(), false).unwrap();
    assert!(again.nothing_to_do, "{again:?}");
}

fn a_text_edited_on_both_sides_is_a_conflict(kind: Kind) {
    let (db, dir, meeting) = office(kind);
    let p = year(2025);
    report_texts::set(db.conn(), &p.from, &p.to, ReportSection::FaitsMarquants, Some("Version de départ.".into())).unwrap();
    let path = copy_of(&db, &dir, &meeting);
    {
        let laptop = open_copy(&path);
        report_texts::set(laptop.conn(), &p.from, &p.to, ReportSection::FaitsMarquants, Some("Version du portable.".into())).unwrap();
        // Written on both sides for the first time: the same row too (its id is the period's).
        report_texts::set(laptop.conn(), &p.from, &p.to, ReportSection::Perspectives, Some("Perspectives du portable.".into())).unwrap();
    }
    report_texts::set(db.conn(), &p.from, &p.to, ReportSection::FaitsMarquants, Some("Version du bureau.".into())).unwrap();
    report_texts::set(db.conn(), &p.from, &p.to, ReportSection::Perspectives, Some("Perspectives du bureau.".into())).unwrap();

    let preview = merge(&db, &path, &MergeChoices::default(), true).unwrap();
    let conflicts: Vec<_> = preview.conflicts.iter().filter(|c| c.table == "report_text" && c.field == "text").collect();
    assert_eq!(conflicts.len(), 2, "{:?}", preview.conflicts);
    let highlights = conflicts.iter().find(|c| c.record.contains("Faits marquants")).expect("named by its section");
    assert!(highlights.record.contains("2025"), "{}", highlights.record);
    assert_eq!(highlights.field_label, "Texte");
    assert_eq!(highlights.base.as_deref(), Some("Version de départ."));
    assert_eq!(highlights.office.as_deref(), Some("Version du bureau."));
    assert_eq!(highlights.copy.as_deref(), Some("Version du portable."));

    // Never silently lost: unsettled, the merge is refused and writes nothing.
    assert!(merge(&db, &path, &MergeChoices::default(), false).is_err());
    assert_eq!(report_texts::report_texts(db.conn(), &p).unwrap().faits_marquants.as_deref(), Some("Version du bureau."));

    let mut choices = MergeChoices::default();
    for c in &preview.conflicts {
        choices.conflicts.insert(c.key.clone(), if c.record.contains("Faits marquants") { Side::Copy } else { Side::Office });
    }
    assert!(merge(&db, &path, &choices, false).unwrap().applied);
    let texts = report_texts::report_texts(db.conn(), &p).unwrap();
    assert_eq!(texts.faits_marquants.as_deref(), Some("Version du portable."));
    assert_eq!(texts.perspectives.as_deref(), Some("Perspectives du bureau."));
}

on_both!(
    saves_reads_replaces_and_erases,
    every_change_is_journaled,
    an_archive_carries_the_texts,
    a_copy_carries_the_texts_and_brings_them_back,
    a_text_edited_on_both_sides_is_a_conflict,
);
