//! Fuzzing of the readers of files that come from elsewhere (proptest on stable, bounded for
//! `make test`; FUZZ_CASES raises it): a laptop copy with bytes flipped, cut or replaced, an
//! archive with its JSON mangled, a spreadsheet or CSV list damaged or made of anything. Whatever
//! the file, the reader answers with a French error or takes it in cleanly — never a panic, never
//! a half-written office database. A failure found here becomes a named test below the fuzzers.

use crate::common;

use maillage_core::archive;
use maillage_core::import::{self, columns};
use maillage_core::db::Passphrase;
use maillage_core::model::*;
use maillage_core::queries::{bodies, invitations, meetings};
use maillage_core::sync::{self, merge::MergeChoices};
use proptest::prelude::*;

const PASS: &str = "copie à abîmer";

fn cases() -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(40)
}

/// A small office database and a copy of its one meeting, made once per process.
fn fixture() -> &'static (tempfile::TempDir, std::path::PathBuf, Vec<u8>, Vec<u8>) {
    static F: std::sync::OnceLock<(tempfile::TempDir, std::path::PathBuf, Vec<u8>, Vec<u8>)> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        let t = common::fresh();
        let people: Vec<String> = (0..5).map(|i| common::make_person(&t, &format!("P{i}"), &format!("N{i}"), None).id).collect();
        let org = common::make_org(&t, "Secours populaire", Some("Brive"));
        let body = bodies::create(&t, BodyInput { name: "Plénière".into(), kind: Some(BodyKind::Pleniere), ..Default::default() }).unwrap().id;
        let meeting = meetings::create(&t, MeetingInput { body_id: body, date: Some("2026-12-03".into()), ..Default::default() }).unwrap().id;
        invitations::invite(&t, InviteRequest { meeting_id: meeting.clone(), body_members: false, person_ids: people, organisation_ids: vec![org.id] }).unwrap();
        let copy = t.dir.path().join("c.maillage");
        sync::copy::make(&t.db, &[meeting], &copy, &Passphrase::new(PASS), false).unwrap();
        let archive_path = t.dir.path().join("a.json");
        archive::export_to(&t, &archive_path).unwrap();
        t.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
        let office = t.db.path().to_owned();
        let (copy_bytes, archive_bytes) = (std::fs::read(&copy).unwrap(), std::fs::read(&archive_path).unwrap());
        drop(t.db);
        (t.dir, office, copy_bytes, archive_bytes)
    })
}

#[derive(Debug, Clone)]
enum Damage {
    Flip(usize, u8),
    Cut(usize),
    Zero(usize, usize),
}

fn damage() -> impl Strategy<Value = Vec<Damage>> {
    prop::collection::vec(
        prop_oneof![
            (any::<usize>(), 1u8..=255).prop_map(|(i, b)| Damage::Flip(i, b)),
            any::<usize>().prop_map(Damage::Cut),
            (any::<usize>(), 1usize..2048).prop_map(|(i, n)| Damage::Zero(i, n)),
        ],
        1..4,
    )
}

fn apply(bytes: &[u8], damage: &[Damage]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for d in damage {
        if out.is_empty() {
            break;
        }
        let len = out.len();
        match *d {
            Damage::Flip(i, b) => out[i % len] ^= b,
            Damage::Cut(i) => out.truncate(i % len),
            Damage::Zero(i, n) => {
                let start = i % len;
                let end = (start + n).min(len);
                out[start..end].iter_mut().for_each(|b| *b = 0);
            }
        }
    }
    out
}

fn office_rows(db: &maillage_core::Database) -> i64 {
    db.conn().query_row("SELECT (SELECT count(*) FROM attendance) + (SELECT count(*) FROM person) + (SELECT count(*) FROM merged_copy)", [], |r| r.get(0)).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_damaged_copy_is_refused_or_merged_whole(d in damage()) {
        let (dir, office, copy, _) = fixture();
        let case = tempfile::tempdir_in(dir.path()).unwrap();
        let db_path = case.path().join("bureau.sqlite");
        std::fs::copy(office, &db_path).unwrap();
        let db = maillage_core::Database::open(&db_path).unwrap();
        let before = office_rows(&db);
        let damaged = case.path().join("abimee.maillage");
        std::fs::write(&damaged, apply(copy, &d)).unwrap();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            sync::merge::merge(&db, &damaged, &Passphrase::new(PASS), &MergeChoices::default(), false)
        }));
        prop_assert!(outcome.is_ok(), "the reader panicked on {d:?}");
        match outcome.unwrap() {
            Err(e) => {
                let text = e.to_string();
                prop_assert!(!text.is_empty() && !text.contains("database disk image"), "{text}");
                prop_assert_eq!(office_rows(&db), before, "nothing written after {}", text);
            }
            // A flip in a page SQLCipher authenticates cannot pass; one in unused bytes may.
            Ok(r) => prop_assert!(r.nothing_to_do || r.applied),
        }
        prop_assert!(db.check().unwrap().integrity_ok);
    }

    #[test]
    fn a_mangled_archive_is_refused_in_french_or_imported_whole(d in damage()) {
        let (dir, _, _, archive_bytes) = fixture();
        let case = tempfile::tempdir_in(dir.path()).unwrap();
        let path = case.path().join("archive.json");
        std::fs::write(&path, apply(archive_bytes, &d)).unwrap();
        let db = maillage_core::Database::open(&case.path().join("vide.sqlite")).unwrap();
        let before = office_rows(&db);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| archive::read(&path).and_then(|a| archive::import(db.conn(), &a))));
        prop_assert!(outcome.is_ok(), "the archive reader panicked on {d:?}");
        if let Err(e) = outcome.unwrap() {
            prop_assert_eq!(office_rows(&db), before, "nothing written after {}", e);
            // French, with no serde or SQLite English in it.
            let text = e.to_string();
            prop_assert!(!text.contains("expected") && !text.contains("invalid type"), "{text}");
        }
    }

    #[test]
    fn a_damaged_spreadsheet_or_csv_is_refused_in_french_or_imported_row_by_row(d in damage(), csv in any::<bool>()) {
        let (dir, _, _, _) = fixture();
        let lists = lists();
        let case = tempfile::tempdir_in(dir.path()).unwrap();
        let db = maillage_core::Database::open(&case.path().join("vide.sqlite")).unwrap();
        let bytes = apply(if csv { &lists.1 } else { &lists.0 }, &d);
        let name = if csv { "contacts.csv" } else { "contacts.xlsx" };
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| list_in(&db, name, &bytes)));
        prop_assert!(outcome.is_ok(), "the list reader panicked on {d:?}");
        if let Err(text) = outcome.unwrap() {
            prop_assert_eq!(office_rows(&db), 0, "nothing written after {}", text);
            prop_assert!(text.contains("Le fichier « contacts") || text.contains("colonne"), "{text}");
        }
    }

    #[test]
    fn any_text_as_a_csv_list_is_read_or_refused_in_french(text in "[A-Za-zéè;,\t\"\r\n@. 0-9']{0,400}", bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let (dir, _, _, _) = fixture();
        let case = tempfile::tempdir_in(dir.path()).unwrap();
        let db = maillage_core::Database::open(&case.path().join("vide.sqlite")).unwrap();
        for (name, content) in [("liste.csv", text.as_bytes().to_vec()), ("octets.csv", bytes.clone()), ("octets.xlsx", bytes)] {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| list_in(&db, name, &content)));
            prop_assert!(outcome.is_ok(), "the list reader panicked on {name}");
        }
    }
}

/// The messy list as a workbook and as a CSV (with a short long cell), made once.
fn lists() -> &'static (Vec<u8>, Vec<u8>) {
    static L: std::sync::OnceLock<(Vec<u8>, Vec<u8>)> = std::sync::OnceLock::new();
    L.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("contacts.xlsx");
        common::messy::xlsx(&path);
        (std::fs::read(&path).unwrap(), common::messy::csv_bytes(600))
    })
}

/// Reads a list and imports it as people (any mapping the guess makes); the error's French text.
fn list_in(db: &maillage_core::Database, name: &str, bytes: &[u8]) -> Result<ImportSummary, String> {
    let source = import::read_bytes(name, bytes).map_err(|e| e.to_string())?;
    let mapping = columns::guess(db.conn(), ImportKind::People, &source, None, None).map_err(|e| e.to_string())?;
    let req = ImportRequest { kind: ImportKind::People, mapping, on_duplicate: DuplicateChoice::Merge, choices: Vec::new(), body_id: None, strict: false };
    let summary = import::apply(db, &source, &req).map_err(|e| e.to_string())?;
    // Every row is accounted for.
    assert_eq!(summary.rows, summary.created + summary.updated + summary.skipped + summary.rejected);
    Ok(summary)
}
