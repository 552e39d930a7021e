//! The laptop copy and its merge (docs/sync.md): the plenary scenario of the issue, conflicts,
//! duplicates, a second merge that changes nothing, and the files that must be refused.

use crate::common;

use maillage_core::db::{OpenOptions, Passphrase};
use maillage_core::model::*;
use maillage_core::queries::{attendance, body_members, bodies, invitations, meetings, minutes_files, organisations, persons};
use maillage_core::sync::{self, merge::MergeChoices, merge::Side};
use maillage_core::{bilan, Database, Error};

const PASS: &str = "plénière du 3 décembre";

struct Network {
    office: common::TestDb,
    meeting: String,
    body: String,
    caf: String,
    people: Vec<String>,
}

fn caf_input(phone: &str) -> OrganisationInput {
    OrganisationInput { phone: Some(phone.into()), ..common::org("CAF de la Corrèze", Some("Tulle")) }
}

/// A plenary today with 50 invited members, one of them from the CAF.
fn network() -> Network {
    let office = common::fresh();
    let caf = organisations::create(&office, caf_input("05 55 00 00 01")).unwrap().id;
    let body = bodies::create(&office, BodyInput { name: "Assemblée plénière".into(), kind: Some(BodyKind::Pleniere), ..Default::default() }).unwrap().id;
    let mut people = Vec::new();
    for i in 0..50 {
        let p = common::make_person(&office, &format!("Prénom{i}"), &format!("Nom{i:02}"), Some(&format!("p{i}@exemple.fr")));
        body_members::add(&office, BodyMemberInput { body_id: body.clone(), person_id: Some(p.id.clone()), organisation_id: if i == 0 { Some(caf.clone()) } else { None }, role: Some(MemberRole::Membre), ..Default::default() }).unwrap();
        people.push(p.id);
    }
    let today = chrono::Local::now().date_naive().to_string();
    let meeting = meetings::create(&office, MeetingInput { body_id: body.clone(), date: Some(today), start_time: Some("09:30".into()), ..Default::default() }).unwrap().id;
    invitations::invite(&office, InviteRequest { meeting_id: meeting.clone(), body_members: true, person_ids: vec![], organisation_ids: vec![] }).unwrap();
    Network { office, meeting, body, caf, people }
}

fn copy_of(n: &Network, name: &str) -> std::path::PathBuf {
    let out = n.office.dir.path().join(name);
    sync::copy::make(&n.office.db, &[n.meeting.clone()], &out, &Passphrase::new(PASS), false).unwrap();
    out
}

fn open_copy(path: &std::path::Path) -> Database {
    Database::open_with(path, &OpenOptions::existing(Some(Passphrase::new(PASS)))).unwrap()
}

fn presences(conn: &maillage_core::db::Connection, meeting: &str) -> i64 {
    conn.query_row("SELECT count(*) FROM attendance WHERE meeting_id = ? AND deleted_at IS NULL AND status = 'present'", [meeting], |r| r.get(0)).unwrap()
}

fn year_figures(conn: &maillage_core::db::Connection) -> serde_json::Value {
    let year = chrono::Datelike::year(&chrono::Local::now());
    let mut v = serde_json::to_value(bilan::compute(conn, bilan::year(year)).unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("generated_at");
    v
}

#[test]
fn the_plenary_round_trip_loses_nothing() {
    let n = network();
    let path = copy_of(&n, "Maillage-copie.maillage");

    // At the office, after the copy was made: the CAF's phone changes, a member joins.
    organisations::update(&n.office, &n.caf, caf_input("05 55 11 11 11")).unwrap();
    let newcomer = common::make_person(&n.office, "Nouvelle", "Membre", Some("nouvelle@exemple.fr"));
    body_members::add(&n.office, BodyMemberInput { body_id: n.body.clone(), person_id: Some(newcomer.id.clone()), role: Some(MemberRole::Membre), ..Default::default() }).unwrap();

    // On the laptop: 40 check-ins, 3 walk-ins, and the same phone edited otherwise.
    {
        let laptop = open_copy(&path);
        assert!(sync::info(laptop.conn()).unwrap().is_some(), "the copy knows it is a copy");
        for p in &n.people[..40] {
            attendance::check_in(laptop.conn(), &n.meeting, None, p).unwrap();
        }
        for name in ["Alice Passante", "Bruno Visiteur", "Chloé Curieuse"] {
            attendance::walk_in(laptop.conn(), WalkInInput { meeting_id: n.meeting.clone(), session_id: None, name: name.into(), organisation: Some("CAF de la Corrèze".into()) }).unwrap();
        }
        organisations::update(laptop.conn(), &n.caf, caf_input("05 55 22 22 22")).unwrap();
    }

    let preview = sync::merge::merge(&n.office.db, &path, &Passphrase::new(PASS), &MergeChoices::default(), true).unwrap();
    assert!(!preview.applied);
    assert_eq!(preview.unsettled, 1, "{:?}", preview.conflicts);
    let phone = &preview.conflicts[0];
    assert_eq!((phone.table.as_str(), phone.field.as_str(), phone.field_label.as_str()), ("organisation", "phone", "Téléphone"));
    assert_eq!(phone.office.as_deref(), Some("05 55 11 11 11"));
    assert_eq!(phone.copy.as_deref(), Some("05 55 22 22 22"));
    assert_eq!(phone.base.as_deref(), Some("05 55 00 00 01"));
    assert!(phone.record.contains("CAF de la Corrèze"), "{}", phone.record);
    let attendance_added = preview.changes.iter().find(|c| c.table == "attendance").map(|c| c.added);
    assert_eq!(attendance_added, Some(43));
    assert_eq!(presences(&n.office, &n.meeting), 0, "a preview writes nothing");

    // Unsettled, the merge is refused and writes nothing.
    let refused = sync::merge::merge(&n.office.db, &path, &Passphrase::new(PASS), &MergeChoices::default(), false).unwrap_err();
    assert!(refused.to_string().contains("1 conflit(s)"), "{refused}");
    assert_eq!(presences(&n.office, &n.meeting), 0);

    let mut choices = MergeChoices::default();
    choices.conflicts.insert(phone.key.clone(), Side::Copy);
    let done = sync::merge::merge(&n.office.db, &path, &Passphrase::new(PASS), &choices, false).unwrap();
    assert!(done.applied && done.backup.is_some());
    assert_eq!(presences(&n.office, &n.meeting), 43);
    assert_eq!(organisations::get(&n.office, &n.caf).unwrap().phone.as_deref(), Some("05 55 22 22 22"));
    assert!(body_members::of_body(&n.office, &n.body).unwrap().iter().any(|m| m.person.as_ref().map(|p| p.id.as_str()) == Some(newcomer.id.as_str())));
    // Walk-ins are searchable at the office: derived columns were recomputed there.
    let hits = attendance::search(&n.office, &n.meeting, None, "chloe", 10).unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(n.office.db.check().unwrap().integrity_ok);

    // Merging the same copy again changes nothing.
    let before = year_figures(&n.office);
    let again = sync::merge::merge(&n.office.db, &path, &Passphrase::new(PASS), &MergeChoices::default(), false).unwrap();
    assert!(again.nothing_to_do && !again.applied, "{again:?}");
    assert_eq!(year_figures(&n.office), before);
    assert_eq!(presences(&n.office, &n.meeting), 43);

    // The bilan is the same whichever machine computes it: a new copy made after the merge.
    let second = copy_of(&n, "apres-fusion.maillage");
    let laptop = open_copy(&second);
    let there = year_figures(laptop.conn());
    for (k, v) in before.as_object().unwrap() {
        assert_eq!(&there[k], v, "« {k} » differs on the laptop");
    }
}

#[test]
fn fields_changed_on_different_sides_merge_without_conflict() {
    let n = network();
    let path = copy_of(&n, "c.maillage");
    let mut office_side = caf_input("05 55 00 00 01");
    office_side.email = Some("accueil@caf.fr".into());
    organisations::update(&n.office, &n.caf, office_side.clone()).unwrap();
    {
        let laptop = open_copy(&path);
        organisations::update(laptop.conn(), &n.caf, caf_input("05 55 99 99 99")).unwrap();
    }
    let done = sync::merge::merge(&n.office.db, &path, &Passphrase::new(PASS), &MergeChoices::default(), false).unwrap();
    assert!(done.conflicts.is_empty(), "{:?}", done.conflicts);
    let caf = organisations::get(&n.office, &n.caf).unwrap();
    assert_eq!((caf.phone.as_deref(), caf.email.as_deref()), (Some("05 55 99 99 99"), Some("accueil@caf.fr")));
}

#[test]
fn a_person_created_on_both_sides_is_offered_as_a_duplicate() {
    let n = network();
    let path = copy_of(&n, "c.maillage");
    // The office records the same newcomer after the copy was made, with an e-mail and a post.
    let office_twin = common::make_person(&n.office, "Élise", "Durand", Some("elise.durand@caf.fr"));
    maillage_core::queries::affiliations::create(&n.office, AffiliationInput { person_id: office_twin.id.clone(), organisation_id: n.caf.clone(), ..Default::default() }).unwrap();
    let copy_twin;
    {
        let laptop = open_copy(&path);
        copy_twin = common::make_person(laptop.conn(), "Elise", "DURAND", None);
        maillage_core::queries::affiliations::create(laptop.conn(), AffiliationInput { person_id: copy_twin.id.clone(), organisation_id: n.caf.clone(), ..Default::default() }).unwrap();
        let by_mail = common::make_person(laptop.conn(), "Marc", "Lenoir", Some("m.lenoir@exemple.fr"));
        attendance::check_in(laptop.conn(), &n.meeting, None, &by_mail.id).unwrap();
        attendance::walk_in(laptop.conn(), WalkInInput { meeting_id: n.meeting.clone(), session_id: None, name: "Élise Durand".into(), organisation: None }).unwrap();
    }
    let marc_at_office = common::make_person(&n.office, "Marc", "Lenoir", Some("m.lenoir@exemple.fr"));

    let preview = sync::merge::merge(&n.office.db, &path, &Passphrase::new(PASS), &MergeChoices::default(), true).unwrap();
    let elise = preview.duplicates.iter().find(|d| d.copy_person_id == copy_twin.id).expect("Élise is a probable duplicate");
    assert_eq!(elise.office_person_id, office_twin.id);
    assert!(!elise.merge, "a name match is kept apart unless the user merges");
    let marc = preview.duplicates.iter().find(|d| d.office_person_id == marc_at_office.id).expect("Marc matches by e-mail");
    assert!(marc.merge, "the same e-mail is always the same person");

    let mut choices = MergeChoices::default();
    choices.duplicates.insert(copy_twin.id.clone(), true);
    sync::merge::merge(&n.office.db, &path, &Passphrase::new(PASS), &choices, false).unwrap();
    let durands: i64 = n.office.query_row("SELECT count(*) FROM person WHERE sort_key = 'durand elise' AND deleted_at IS NULL", [], |r| r.get(0)).unwrap();
    let lenoirs: i64 = n.office.query_row("SELECT count(*) FROM person WHERE email = 'm.lenoir@exemple.fr'", [], |r| r.get(0)).unwrap();
    assert_eq!(lenoirs, 1);
    let marc_present: i64 = n.office.query_row("SELECT count(*) FROM attendance WHERE person_id = ?", [&marc_at_office.id], |r| r.get(0)).unwrap();
    assert_eq!(marc_present, 1, "the presence entered on the laptop is the office Marc's");
    // The walk-in « Élise Durand » was created on the laptop as a third record (no organisation):
    // only the one with the CAF post was merged.
    assert!(durands <= 2, "{durands}");
    assert!(persons::get(&n.office, &office_twin.id).is_ok());
    assert!(persons::get(&n.office, &copy_twin.id).is_err(), "the laptop's twin was merged into the office's");
}

#[test]
fn wrong_passphrase_other_database_and_damaged_copies_are_refused_untouched() {
    let n = network();
    let path = copy_of(&n, "c.maillage");
    let office_file = n.office.db.path().to_owned();
    n.office.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    let before = std::fs::read(&office_file).unwrap();

    let wrong = sync::merge::merge(&n.office.db, &path, &Passphrase::new("pas la bonne"), &MergeChoices::default(), false).unwrap_err();
    assert!(matches!(wrong, Error::WrongPassphrase { .. }), "{wrong:?}");
    assert!(wrong.to_string().contains("phrase de passe"), "{wrong}");

    let opened = Database::open_with(&path, &OpenOptions::existing(None)).err().unwrap();
    assert!(matches!(opened, Error::Encrypted { .. }), "{opened:?}");

    // The copy's bytes are unreadable without the passphrase: no name in clear.
    let bytes = std::fs::read(&path).unwrap();
    assert!(!bytes.windows(5).any(|w| w == b"Nom07"), "the copy must be encrypted");

    let other = common::fresh();
    let elsewhere = sync::merge::merge(&other.db, &path, &Passphrase::new(PASS), &MergeChoices::default(), false).unwrap_err();
    assert!(elsewhere.to_string().contains("autre base de données"), "{elsewhere}");

    let not_a_copy = sync::merge::merge(&n.office.db, &office_file, &Passphrase::new(PASS), &MergeChoices::default(), false).unwrap_err();
    assert!(matches!(not_a_copy, Error::NotADatabase { .. } | Error::WrongPassphrase { .. } | Error::Invalid { .. }), "{not_a_copy:?}");

    let mut flipped = bytes.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x5A;
    let damaged = n.office.dir.path().join("abimee.maillage");
    std::fs::write(&damaged, &flipped).unwrap();
    assert!(sync::merge::merge(&n.office.db, &damaged, &Passphrase::new(PASS), &MergeChoices::default(), false).is_err());

    let truncated = n.office.dir.path().join("tronquee.maillage");
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap();
    assert!(sync::merge::merge(&n.office.db, &truncated, &Passphrase::new(PASS), &MergeChoices::default(), false).is_err());

    n.office.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    assert_eq!(std::fs::read(&office_file).unwrap(), before, "the office database is untouched");
}

/// A copy changed by another program against a rule of the database (a sector that does not
/// exist, a person without a name) is refused as a damaged copy naming the table, before anything
/// reaches the office: such a row is never told as a duplicate, nor merged.
#[test]
fn a_copy_breaking_a_rule_of_the_database_is_refused_naming_the_table() {
    let n = network();
    let office_file = n.office.db.path().to_owned();
    for (name, sql) in [
        ("secteur.maillage", format!("UPDATE organisation SET sector = 'nulle_part' WHERE id = '{}'", n.caf)),
        ("sans-nom.maillage", format!("UPDATE person SET first_name = NULL, last_name = ' ' WHERE id = '{}'", n.people[3])),
    ] {
        let path = copy_of(&n, name);
        {
            let other = rusqlite::Connection::open(&path).unwrap();
            other.pragma_update(None, "key", PASS).unwrap();
            other.execute_batch(&format!("PRAGMA ignore_check_constraints = ON; {sql};")).unwrap();
        }
        n.office.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
        let before = std::fs::read(&office_file).unwrap();
        let refused = sync::merge::merge(&n.office.db, &path, &Passphrase::new(PASS), &MergeChoices::default(), false).unwrap_err().to_string();
        assert!(refused.contains("est endommagée") && !refused.contains("doublon"), "{name}: {refused}");
        let table = if name.starts_with("secteur") { "organisation" } else { "person" };
        assert!(refused.contains(&format!("« {table} »")), "{name}: {refused}");
        n.office.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
        assert_eq!(std::fs::read(&office_file).unwrap(), before, "{name}: the office database is untouched");
    }
}

#[test]
fn a_copy_holds_only_what_the_meetings_need() {
    let n = network();
    persons::update(&n.office, &n.people[3], PersonInput {
        first_name: Some("Prénom3".into()),
        last_name: Some("Nom03".into()),
        category: Some(PersonCategory::Professionnel),
        email: Some("p3@exemple.fr".into()),
        notes: Some("Situation familiale difficile".into()),
        ..Default::default()
    })
    .unwrap();
    let stranger = persons::create(&n.office, PersonInput { first_name: Some("Habitante".into()), last_name: Some("Sansrapport".into()), category: Some(PersonCategory::Habitant), ..Default::default() }).unwrap();
    let path = copy_of(&n, "c.maillage");
    let laptop = open_copy(&path);
    let notes: i64 = laptop.conn().query_row("SELECT count(*) FROM person WHERE notes IS NOT NULL", [], |r| r.get(0)).unwrap();
    assert_eq!(notes, 0, "notes about people never leave the office");
    assert!(persons::get(laptop.conn(), &stranger.id).is_err(), "people unconcerned stay at the office");
    assert_eq!(common::rows(laptop.conn(), "invitation"), 50);
    assert_eq!(common::rows(laptop.conn(), "difficulty_report"), 0);
    // A copy is not copied again.
    let err = sync::copy::make(&laptop, &[n.meeting.clone()], &n.office.dir.path().join("x.maillage"), &Passphrase::new(PASS), false).unwrap_err();
    assert!(err.to_string().contains("déjà une copie"), "{err}");
}

#[test]
fn a_copy_needs_a_real_passphrase_and_never_overwrites_silently() {
    let n = network();
    let out = n.office.dir.path().join("c.maillage");
    let short = sync::copy::make(&n.office.db, &[n.meeting.clone()], &out, &Passphrase::new("court"), false).unwrap_err();
    assert!(short.to_string().contains("au moins 8 caractères"), "{short}");
    assert!(!out.exists());
    sync::copy::make(&n.office.db, &[n.meeting.clone()], &out, &Passphrase::new(PASS), false).unwrap();
    let exists = sync::copy::make(&n.office.db, &[n.meeting.clone()], &out, &Passphrase::new(PASS), false).unwrap_err();
    assert!(exists.to_string().contains("--force") || exists.to_string().contains("copie"), "{exists}");
    let onto_db = sync::copy::make(&n.office.db, &[n.meeting.clone()], n.office.db.path(), &Passphrase::new(PASS), true).unwrap_err();
    assert!(onto_db.to_string().contains("base de données"), "{onto_db}");
    assert!(n.office.db.check().unwrap().integrity_ok);
}

/// The laptop's journal comes back with the merge (who checked whom in, on which machine), and
/// someone erased at the office while the copy was out stays erased, whatever the laptop edited.
#[test]
fn the_laptops_journal_comes_back_and_an_erasure_holds() {
    let n = network();
    let path = copy_of(&n, "Maillage-copie.maillage");
    let erased = n.people[1].clone();
    {
        let laptop = open_copy(&path);
        let empty: i64 = laptop.conn().query_row("SELECT count(*) FROM journal", [], |r| r.get(0)).unwrap();
        assert_eq!(empty, 0, "a copy starts with an empty journal");
        attendance::check_in(laptop.conn(), &n.meeting, None, &n.people[0]).unwrap();
        let mut p = persons::get(laptop.conn(), &erased).unwrap();
        p.phone = Some("06 00 00 00 99".into());
        let input = PersonInput { first_name: p.first_name, last_name: p.last_name, category: Some(p.category), email: p.email, phone: p.phone, ..Default::default() };
        persons::update(laptop.conn(), &erased, input).unwrap();
    }
    // Meanwhile at the office, that person asks to be erased (their seat ended first).
    maillage_core::privacy::erase(&n.office, &[erased.clone()], maillage_core::privacy::OpenRoles::End, Default::default()).unwrap();

    let report = sync::merge::merge(&n.office.db, &path, &Passphrase::new(PASS), &MergeChoices::default(), false).unwrap();
    assert!(report.applied);
    assert!(report.notes.iter().any(|m| m.contains("personne(s) effacée(s)")), "{:?}", report.notes);
    let back = persons::get(&n.office, &erased).unwrap();
    assert!(back.first_name.is_none() && back.phone.is_none() && back.erased_at.is_some(), "{back:?}");
    // The laptop's lines, and the merge's own, in the office journal.
    let lines = maillage_core::queries::journal::list(&n.office, &maillage_core::queries::journal::JournalFilter { person_id: Some(n.people[0].clone()), ..Default::default() }).unwrap();
    let checkins: Vec<_> = lines.iter().filter(|l| l.table_name == "attendance" && l.action == JournalAction::Creation).collect();
    assert!(checkins.iter().any(|l| l.origin == JournalOrigin::Application), "the laptop's line: {lines:?}");
    assert!(checkins.iter().any(|l| l.origin == JournalOrigin::Fusion), "the merge's line: {lines:?}");
}

#[test]
fn the_minutes_file_travels_with_the_copy_and_comes_back() {
    let n = network();
    let v1 = n.office.dir.path().join("ordre du jour et CR.pdf");
    std::fs::write(&v1, b"%PDF-1.4 version du bureau").unwrap();
    minutes_files::attach(&n.office, &n.meeting, &v1).unwrap();
    let path = copy_of(&n, "avec-compte-rendu.maillage");
    std::fs::remove_file(&v1).unwrap();

    // On the laptop: the file is there (no path to follow), and the secretary writes the new one.
    let v2 = n.office.dir.path().join("CR relu en séance.odt");
    std::fs::write(&v2, b"version relue en seance").unwrap();
    {
        let laptop = open_copy(&path);
        let (file, bytes) = minutes_files::content(laptop.conn(), &n.meeting).unwrap();
        assert_eq!((file.file_name.as_str(), bytes.as_slice()), ("ordre du jour et CR.pdf", b"%PDF-1.4 version du bureau".as_slice()));
        minutes_files::attach(laptop.conn(), &n.meeting, &v2).unwrap();
    }
    let done = sync::merge::merge(&n.office.db, &path, &Passphrase::new(PASS), &MergeChoices::default(), false).unwrap();
    assert!(done.applied && done.unsettled == 0, "{:?}", done.conflicts);
    let (file, bytes) = minutes_files::content(&n.office, &n.meeting).unwrap();
    assert_eq!(bytes, b"version relue en seance");
    assert_eq!(file.file_name, "CR relu en séance.odt");
    assert_eq!(file.media_type, "application/vnd.oasis.opendocument.text", "derived from the name, at the office");
    assert_eq!(file.sha256, maillage_core::text::sha256_hex(b"version relue en seance"));

    // Both sides attach a file to a meeting that had none: one row, the user chooses.
    let m2 = meetings::create(&n.office, MeetingInput { body_id: n.body.clone(), date: Some(chrono::Local::now().date_naive().to_string()), start_time: Some("14:00".into()), ..Default::default() }).unwrap().id;
    let out = n.office.dir.path().join("deux.maillage");
    sync::copy::make(&n.office.db, &[m2.clone()], &out, &Passphrase::new(PASS), false).unwrap();
    minutes_files::attach(open_copy(&out).conn(), &m2, &v2).unwrap();
    minutes_files::attach(&n.office, &m2, &v1_again(&n)).unwrap();
    let preview = sync::merge::merge(&n.office.db, &out, &Passphrase::new(PASS), &MergeChoices::default(), true).unwrap();
    let fields: Vec<&str> = preview.conflicts.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["file_name", "content"], "the bytes and the name, not their fingerprints");
    let content = preview.conflicts.iter().find(|c| c.field == "content").unwrap();
    assert_eq!((content.office.as_deref(), content.copy.as_deref()), (Some("(8 octets)"), Some("(23 octets)")));
}

fn v1_again(n: &Network) -> std::path::PathBuf {
    let p = n.office.dir.path().join("bureau.txt");
    std::fs::write(&p, b"bureau !").unwrap();
    p
}

/// Where `needles` still are in the office database: every text or blob column of every table
/// (the search index's own tables and `merged_copy`'s changesets included), then, once the WAL is
/// written back, the raw bytes of the file and of its WAL. Empty when none is found anywhere.
fn traces_left(db: Database, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    let conn = db.conn();
    let tables: Vec<String> =
        conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    for table in &tables {
        let cols: Vec<String> = conn.prepare("SELECT name FROM pragma_table_info(?1)").unwrap().query_map([table], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        for col in &cols {
            for needle in needles {
                let n: i64 = conn
                    .query_row(&format!("SELECT count(*) FROM \"{table}\" WHERE instr(CAST(\"{col}\" AS BLOB), CAST(?1 AS BLOB)) > 0"), [needle], |r| r.get(0))
                    .unwrap();
                if n > 0 {
                    found.push(format!("« {needle} » in {table}.{col}"));
                }
            }
        }
    }
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
    let path = db.path().to_owned();
    drop(db);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend(std::fs::read(path.with_extension("sqlite-wal")).unwrap_or_default());
    for needle in needles {
        if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
            found.push(format!("« {needle} » in the file's bytes"));
        }
    }
    found
}

/// A person's phone and notes as the laptop edits them, and a post of theirs it adds.
fn edit_on_laptop(path: &std::path::Path, person: &str, phone: &str, notes: &str, org: &str, function: &str) {
    let laptop = open_copy(path);
    let p = persons::get(laptop.conn(), person).unwrap();
    let input = PersonInput {
        first_name: p.first_name,
        last_name: p.last_name,
        category: Some(p.category),
        email: p.email,
        phone: Some(phone.into()),
        notes: Some(notes.into()),
        ..Default::default()
    };
    persons::update(laptop.conn(), person, input).unwrap();
    maillage_core::queries::affiliations::create(
        laptop.conn(),
        AffiliationInput { person_id: person.into(), organisation_id: org.into(), function: Some(function.into()), ..Default::default() },
    )
    .unwrap();
}

fn set_phone_at_office(n: &Network, person: &str, phone: &str, notes: &str) {
    let p = persons::get(&n.office, person).unwrap();
    let input = PersonInput { first_name: p.first_name, last_name: p.last_name, category: Some(p.category), email: p.email, phone: Some(phone.into()), notes: Some(notes.into()), ..Default::default() };
    persons::update(&n.office, person, input).unwrap();
}

/// The case of the issue: a copy made before an erasure, the person's phone and notes edited on
/// the laptop, merged after the erasure. Nothing of theirs may stay in the office file: not in the
/// record, nor in the merge's history, the journal, a post, a presence, nor in the file's bytes.
#[test]
fn an_erased_person_leaves_nothing_through_the_merge_of_an_older_copy() {
    let n = network();
    let erased = n.people[1].clone();
    let (old_phone, office_notes) = ("05 49 17 17 17", "Note du bureau à ne pas garder");
    set_phone_at_office(&n, &erased, old_phone, office_notes);
    let path = copy_of(&n, "avant-effacement.maillage");
    let (new_phone, laptop_notes, function) = ("06 77 88 99 00", "Noté en séance : ne plus l'appeler", "Fonction saisie sur le portable");
    edit_on_laptop(&path, &erased, new_phone, laptop_notes, &n.caf, function);
    {
        let laptop = open_copy(&path);
        attendance::check_in(laptop.conn(), &n.meeting, None, &erased).unwrap();
        attendance::check_in(laptop.conn(), &n.meeting, None, &n.people[0]).unwrap();
    }
    maillage_core::privacy::erase(&n.office, &[erased.clone()], maillage_core::privacy::OpenRoles::End, Default::default()).unwrap();

    // Even preferring the copy for every conflict.
    let choices = MergeChoices { prefer: Some(Side::Copy), ..Default::default() };
    let report = sync::merge::merge(&n.office.db, &path, &Passphrase::new(PASS), &choices, false).unwrap();
    assert!(report.applied, "{report:?}");
    assert!(report.notes.iter().any(|m| m.contains("personne(s) effacée(s)")), "{:?}", report.notes);
    assert!(report.conflicts.iter().all(|c| c.record_id != erased), "{:?}", report.conflicts);
    assert_eq!(presences(&n.office, &n.meeting), 1, "the other person's presence came back, not the erased one's");
    let back = persons::get(&n.office, &erased).unwrap();
    assert!(back.phone.is_none() && back.notes.is_none() && back.erased_at.is_some(), "{back:?}");

    let again = sync::merge::merge(&n.office.db, &path, &Passphrase::new(PASS), &MergeChoices::default(), false).unwrap();
    assert!(again.nothing_to_do && !again.applied, "{again:?}");

    let office = n.office;
    let left = traces_left(office.db, &[old_phone, office_notes, new_phone, laptop_notes, function]);
    assert!(left.is_empty(), "{left:#?}");
}

/// Erased after a first copy was merged: the office's history of that merge loses the person (and
/// only them: merging that copy again finds nothing to do), and a second copy, made before the
/// erasure and merged after it, brings nothing of theirs either.
#[test]
fn a_person_erased_after_a_merge_leaves_nothing_in_its_history_nor_through_another_copy() {
    let n = network();
    let erased = n.people[2].clone();
    let first = copy_of(&n, "premiere.maillage");
    let (phone_a, notes_a, function_a) = ("06 11 11 11 11", "Première note du portable", "Fonction de la première copie");
    edit_on_laptop(&first, &erased, phone_a, notes_a, &n.caf, function_a);
    attendance::check_in(open_copy(&first).conn(), &n.meeting, None, &erased).unwrap();
    attendance::check_in(open_copy(&first).conn(), &n.meeting, None, &n.people[0]).unwrap();
    let done = sync::merge::merge(&n.office.db, &first, &Passphrase::new(PASS), &MergeChoices::default(), false).unwrap();
    assert!(done.applied && done.unsettled == 0, "{done:?}");
    assert_eq!(persons::get(&n.office, &erased).unwrap().phone.as_deref(), Some(phone_a));
    let held: i64 = n.office.query_row("SELECT count(*) FROM merged_copy WHERE instr(changeset, CAST(?1 AS BLOB)) > 0", [phone_a], |r| r.get(0)).unwrap();
    assert_eq!(held, 1, "the history of that merge holds the laptop's edit until the erasure");

    let second = copy_of(&n, "seconde.maillage");
    let (phone_b, notes_b, function_b) = ("07 22 22 22 22", "Seconde note du portable", "Fonction de la seconde copie");
    edit_on_laptop(&second, &erased, phone_b, notes_b, &n.caf, function_b);
    attendance::check_in(open_copy(&second).conn(), &n.meeting, None, &n.people[3]).unwrap();
    maillage_core::privacy::erase(&n.office, &[erased.clone()], maillage_core::privacy::OpenRoles::End, Default::default()).unwrap();

    let report = sync::merge::merge(&n.office.db, &second, &Passphrase::new(PASS), &MergeChoices { prefer: Some(Side::Copy), ..Default::default() }, false).unwrap();
    assert!(report.applied, "{report:?}");
    assert_eq!(presences(&n.office, &n.meeting), 3, "people 0 and 3, and the erased person's presence merged before the erasure");
    // The first copy again: what it brought was merged already, nothing of the erased person comes.
    let again = sync::merge::merge(&n.office.db, &first, &Passphrase::new(PASS), &MergeChoices::default(), false).unwrap();
    assert!(again.nothing_to_do && !again.applied, "{again:?}");

    let office = n.office;
    let left = traces_left(office.db, &[phone_a, notes_a, function_a, phone_b, notes_b, function_b]);
    assert!(left.is_empty(), "{left:#?}");
}

/// Erased on the laptop (the request was made at the plenary): the office's copy of the record is
/// erased by the merge, and the merge's history keeps nothing of them either.
#[test]
fn a_person_erased_on_the_laptop_leaves_nothing_at_the_office() {
    let n = network();
    let erased = n.people[4].clone();
    let (phone, notes) = ("05 19 19 19 19", "Note du bureau sur Nom04");
    set_phone_at_office(&n, &erased, phone, notes);
    let path = copy_of(&n, "effacee-en-seance.maillage");
    {
        let laptop = open_copy(&path);
        attendance::check_in(laptop.conn(), &n.meeting, None, &n.people[0]).unwrap();
        maillage_core::privacy::erase(laptop.conn(), &[erased.clone()], maillage_core::privacy::OpenRoles::End, Default::default()).unwrap();
    }
    let report = sync::merge::merge(&n.office.db, &path, &Passphrase::new(PASS), &MergeChoices::default(), false).unwrap();
    assert!(report.applied && report.unsettled == 0, "{report:?}");
    assert!(persons::get(&n.office, &erased).unwrap().erased_at.is_some());
    let again = sync::merge::merge(&n.office.db, &path, &Passphrase::new(PASS), &MergeChoices::default(), false).unwrap();
    assert!(again.nothing_to_do, "{again:?}");
    let office = n.office;
    let left = traces_left(office.db, &[phone, notes, "Nom04", "p4@exemple.fr"]);
    assert!(left.is_empty(), "{left:#?}");
}

/// A person created on the laptop, merged, then deleted at the office (« Supprimer », no history):
/// the tombstone keeps no identity, nor does the merge's history.
#[test]
fn a_person_deleted_after_the_merge_leaves_nothing_in_its_history() {
    let n = network();
    let path = copy_of(&n, "nouveau-contact.maillage");
    let created = {
        let laptop = open_copy(&path);
        let input = PersonInput {
            first_name: Some("Ophélie".into()),
            last_name: Some("Transitoire".into()),
            category: Some(PersonCategory::Habitant),
            phone: Some("06 31 31 31 31".into()),
            ..Default::default()
        };
        persons::create(laptop.conn(), input).unwrap().id
    };
    let done = sync::merge::merge(&n.office.db, &path, &Passphrase::new(PASS), &MergeChoices::default(), false).unwrap();
    assert!(done.applied, "{done:?}");
    assert_eq!(persons::remove(&n.office, &created).unwrap(), RemovalOutcome::Deleted);
    let again = sync::merge::merge(&n.office.db, &path, &Passphrase::new(PASS), &MergeChoices::default(), false).unwrap();
    assert!(again.nothing_to_do, "{again:?}");
    let office = n.office;
    let left = traces_left(office.db, &["Transitoire", "06 31 31 31 31"]);
    assert!(left.is_empty(), "{left:#?}");
}

/// Random laptop work around one person (their record, presence, reply to the invitation, a post),
/// erased at the office before the merge or between two merges, merged preferring the
/// copy: none of the values the laptop or the office ever held about them stays in the office file.
#[test]
fn hostile_an_erased_person_leaves_nothing_whatever_the_laptop_did() {
    for round in 0..common::probe_rounds(2) {
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64 ^ (round as u64 + 1).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        let mut coin = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed & 1 == 1
        };
        let n = network();
        let erased = n.people[1 + round % 40].clone();
        let (old_phone, office_notes) = (format!("05 00 {round:02} 00 01"), format!("Note du bureau n°{round}"));
        set_phone_at_office(&n, &erased, &old_phone, &office_notes);
        let first = copy_of(&n, "premiere.maillage");
        let (phone, notes, function) = (format!("06 00 {round:02} 00 02"), format!("Note du portable n°{round}"), format!("Fonction du portable n°{round}"));
        edit_on_laptop(&first, &erased, &phone, &notes, &n.caf, &function);
        {
            let laptop = open_copy(&first);
            if coin() {
                attendance::check_in(laptop.conn(), &n.meeting, None, &erased).unwrap();
            }
            if coin() {
                let inv = invitations::of_meeting(laptop.conn(), &n.meeting).unwrap().into_iter().find(|i| i.person.as_ref().is_some_and(|p| p.id == erased)).unwrap();
                invitations::set_reply(laptop.conn(), &inv.id, Reply::Excuse, None).unwrap();
            }
            attendance::check_in(laptop.conn(), &n.meeting, None, &n.people[0]).unwrap();
        }
        let erase = || maillage_core::privacy::erase(&n.office, &[erased.clone()], maillage_core::privacy::OpenRoles::End, Default::default()).unwrap();
        let merge = |path: &std::path::Path| sync::merge::merge(&n.office.db, path, &Passphrase::new(PASS), &MergeChoices { prefer: Some(Side::Copy), ..Default::default() }, false).unwrap();
        let merged_before = coin();
        if merged_before {
            merge(&first);
        }
        let second = copy_of(&n, "seconde.maillage");
        edit_on_laptop(&second, &erased, "07 99 99 99 99", "Note de la seconde copie", &n.caf, "Fonction de la seconde copie");
        erase();
        if !merged_before {
            merge(&first);
        }
        merge(&second);
        assert!(merge(&first).nothing_to_do, "round {round}: the first copy again");
        let office = n.office;
        let left = traces_left(office.db, &[&old_phone, &office_notes, &phone, &notes, &function, "07 99 99 99 99", "Note de la seconde copie", "Fonction de la seconde copie"]);
        assert!(left.is_empty(), "round {round} (merged before the erasure: {merged_before}): {left:#?}");
    }
}
