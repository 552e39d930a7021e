//! Personal data (RGPD): erasure keeps every figure and leaves no identity in the file, the yearly
//! purge lists the right people, a person's file holds everything, the journal says who changed
//! what, consent withdrawn keeps people out of mailings. On real SQLite files.

use crate::common;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::{fresh, make_org, make_person};
use maillage_core::model::*;
use maillage_core::privacy::{self, retention, OpenRoles};
use maillage_core::queries::journal::{self, JournalFilter};
use maillage_core::queries::{affiliations, attendance, bodies, body_members, invitations, meetings, organisations, persons, settings};
use maillage_core::mailings;
use maillage_core::{archive, bilan};

/// Every cell of every sheet of a workbook, as text, sheet by sheet.
fn cells(path: &std::path::Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.sheet_names()
        .into_iter()
        .map(|s| {
            let range = wb.worksheet_range(&s).unwrap();
            (s, range.rows().map(|r| r.iter().map(Data::to_string).collect()).collect())
        })
        .collect()
}

fn year() -> i32 {
    chrono::Datelike::year(&chrono::Local::now())
}

/// The figures of a bilan, without the names it carries for the screen (pilots): those become
/// « Personne effacée », which is the point.
fn figures(b: &Bilan) -> serde_json::Value {
    let mut v = serde_json::to_value(b).unwrap();
    v["generated_at"] = serde_json::Value::Null; // the instant it was computed
    for g in v["work"]["groups"].as_array_mut().into_iter().flatten() {
        g["pilot"] = serde_json::Value::Null;
    }
    for a in v["work"]["actions"].as_array_mut().into_iter().flatten() {
        a["pilot"] = serde_json::Value::Null;
        a["copilots"] = serde_json::Value::Null;
    }
    v
}

/// Where two JSON values first differ, as a path (`key_figures/3/current`).
fn first_difference(a: &serde_json::Value, b: &serde_json::Value, at: String) -> Option<String> {
    use serde_json::Value as V;
    match (a, b) {
        (V::Object(x), V::Object(y)) => x.keys().chain(y.keys()).find_map(|k| first_difference(&x[k], y.get(k).unwrap_or(&V::Null), format!("{at}/{k}"))),
        (V::Array(x), V::Array(y)) if x.len() == y.len() => x.iter().zip(y).enumerate().find_map(|(i, (p, q))| first_difference(p, q, format!("{at}/{i}"))),
        _ if a == b => None,
        _ => Some(format!("{at}: {a} ≠ {b}")),
    }
}

#[test]
fn erasing_a_third_of_the_people_leaves_every_figure_of_every_period() {
    let t = fresh();
    maillage_core::demo::generate(&t, "demo").unwrap();
    // A random third of the people (seeded: the same third on every run).
    let everyone: Vec<String> = t
        .prepare("SELECT id FROM person WHERE deleted_at IS NULL ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut rng = fastrand::Rng::with_seed(12);
    let mut chosen = everyone.clone();
    rng.shuffle(&mut chosen);
    chosen.truncate(everyone.len() / 3);
    assert!(chosen.len() > 90, "a third of the demo's people: {}", chosen.len());
    let with_history: i64 = t
        .query_row(
            &format!("SELECT count(DISTINCT person_id) FROM attendance WHERE person_id IN ({})", chosen.iter().map(|i| format!("'{i}'")).collect::<Vec<_>>().join(",")),
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(with_history > 20, "many of them took part in meetings: {with_history}");
    // Those who still sit in a body are asked to end their roles first: that is the user's
    // decision (it moves this year's « members at the end »), made before the erasure.
    let mut ended = 0;
    for id in &chosen {
        let seats: Vec<String> = t
            .prepare("SELECT id FROM body_member WHERE person_id = ? AND deleted_at IS NULL AND (end_date IS NULL OR end_date > date('now', 'localtime'))")
            .unwrap()
            .query_map([id], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for seat in seats {
            body_members::end(&t, &seat, None).unwrap();
            ended += 1;
        }
    }
    assert!(ended > 10, "some of them held seats: {ended}");

    let years: Vec<i32> = (year() - 2..=year()).collect();
    let before: Vec<serde_json::Value> = years.iter().map(|y| figures(&bilan::compute(&t, bilan::year(*y)).unwrap())).collect();
    let workbooks_before: Vec<_> = years
        .iter()
        .map(|y| {
            let p = t.dir.path().join(format!("avant-{y}.xlsx"));
            bilan::export(&t, bilan::year(*y), false, &p).unwrap();
            cells(&p)
        })
        .collect();
    let report = privacy::erase(&t, &chosen, OpenRoles::Refuse, Default::default()).unwrap();
    assert_eq!(report.erased as usize, chosen.len());

    for (i, y) in years.iter().enumerate() {
        let after = figures(&bilan::compute(&t, bilan::year(*y)).unwrap());
        if let Some(path) = first_difference(&after, &before[i], String::new()) {
            panic!("figures of {y} differ at {path}");
        }
        let p = t.dir.path().join(format!("apres-{y}.xlsx"));
        bilan::export(&t, bilan::year(*y), false, &p).unwrap();
        assert_eq!(cells(&p), workbooks_before[i], "workbook of {y}, cell by cell");
    }
    // Erasing again changes nothing, and says so.
    let again = privacy::erase(&t, &chosen[..3], OpenRoles::Refuse, Default::default()).unwrap();
    assert_eq!((again.erased, again.already), (0, 3));
}

#[test]
fn an_erased_identity_is_gone_from_the_file_the_archive_and_the_screens() {
    let t = fresh();
    let org = make_org(&t, "Secours mutuel", Some("Tulle"));
    let p = persons::create(
        &t,
        PersonInput {
            civility: Some(Civility::Madame),
            first_name: Some("Zéphyrine".into()),
            last_name: Some("Quillebœuf".into()),
            category: Some(PersonCategory::Habitant),
            email: Some("zephyrine.quilleboeuf@exemple.fr".into()),
            phone: Some("06 11 22 33 44".into()),
            notes: Some("Préfère être appelée le matin".into()),
            contact_consent: Some(ConsentStatus::Donne),
            consent_date: Some("2026-01-10".into()),
            consent_method: Some(ConsentMethod::BulletinPapier),
        },
    )
    .unwrap();
    affiliations::create(&t, AffiliationInput { person_id: p.id.clone(), organisation_id: org.id.clone(), ..Default::default() }).unwrap();
    let body = bodies::create(&t, BodyInput { name: "Groupe de terrain".into(), kind: Some(BodyKind::GroupeTerrain), ..Default::default() }).unwrap();
    let m = meetings::create(&t, MeetingInput { body_id: body.id.clone(), date: Some("2026-03-02".into()), ..Default::default() }).unwrap();
    invitations::invite(&t, InviteRequest { meeting_id: m.id.clone(), person_ids: vec![p.id.clone()], ..Default::default() }).unwrap();
    attendance::check_in(&t, &m.id, None, &p.id).unwrap();
    // Found by the search before.
    let search = |q: &str| persons::list(&t, &PersonFilter { query: Some(q.into()), include_archived: true, ..Default::default() }).unwrap().len();
    assert_eq!(search("quilleb"), 1);

    privacy::erase(&t, &[p.id.clone()], OpenRoles::Refuse, maillage_core::backup::Census { complete: 2, unfinished: 0 }).unwrap();

    let erased = persons::get(&t, &p.id).unwrap();
    assert_eq!(erased.display_name, "Personne effacée");
    assert!(erased.first_name.is_none() && erased.email.is_none() && erased.notes.is_none() && erased.consent_date.is_none());
    assert_eq!(erased.category, PersonCategory::Habitant, "the category stays: figures count by it");
    assert!(erased.erased_at.is_some());
    let today = maillage_core::db::today();
    assert!(erased.affiliations.iter().all(|a| a.end_date.as_deref() == Some(today.as_str())), "their post ends today");
    let inv = invitations::of_meeting(&t, &m.id).unwrap();
    assert_eq!(inv[0].person.as_ref().unwrap().label, "Personne effacée");
    assert_eq!(search("quilleb"), 0);
    assert!(matches!(persons::update(&t, &p.id, PersonInput { first_name: Some("Z".into()), category: Some(PersonCategory::Habitant), ..Default::default() }),
        Err(maillage_core::Error::Invalid { .. })), "an erased record is not edited back");

    // Not in the file's bytes (database and WAL), nor in a new archive.
    let db_path = t.db.path().to_owned();
    let archive_path = t.dir.path().join("archive.json");
    archive::export_to(&t, &archive_path).unwrap();
    drop(t.db);
    let mut bytes = std::fs::read(&db_path).unwrap();
    bytes.extend(std::fs::read(db_path.with_extension("sqlite-wal")).unwrap_or_default());
    bytes.extend(std::fs::read(&archive_path).unwrap());
    for needle in ["Quillebœuf", "quilleboeuf", "zephyrine", "Zéphyrine", "06 11 22 33 44", "Préfère être appelée"] {
        let found = bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
        assert!(!found, "« {needle} » is still in the file");
    }
    // The trigrams of the search index too: « qui » of Quillebœuf would be there.
    let db = maillage_core::Database::open(&db_path).unwrap();
    let left: i64 = db.conn().query_row("SELECT count(*) FROM person_search WHERE person_search MATCH 'quilleb'", [], |r| r.get(0)).unwrap();
    assert_eq!(left, 0);
}

#[test]
fn someone_who_still_holds_a_seat_is_erased_only_once_the_roles_are_ended() {
    let t = fresh();
    let p = make_person(&t, "Paule", "Pilote", None);
    let body = bodies::create(&t, BodyInput { name: "Groupe logement".into(), kind: Some(BodyKind::GroupeTravail), ..Default::default() }).unwrap();
    body_members::add(&t, BodyMemberInput { body_id: body.id.clone(), person_id: Some(p.id.clone()), role: Some(MemberRole::Pilote), ..Default::default() }).unwrap();
    let refused = privacy::erase(&t, &[p.id.clone()], OpenRoles::Refuse, Default::default()).unwrap_err();
    let message = refused.to_string();
    assert!(message.contains("Paule Pilote") && message.contains("Pilote — Groupe logement"), "{message}");
    assert!(persons::get(&t, &p.id).unwrap().erased_at.is_none(), "nothing was written");
    let done = privacy::erase(&t, &[p.id.clone()], OpenRoles::End, Default::default()).unwrap();
    assert_eq!((done.erased, done.roles_ended), (1, 1));
    let seat = &body_members::of_body(&t, &body.id).unwrap()[0];
    assert_eq!(seat.end_date, Some(maillage_core::db::today()), "the seat ends today");
    assert_eq!(seat.person.as_ref().unwrap().label, "Personne effacée");
}

#[test]
fn a_deleted_person_leaves_no_identity_behind() {
    let t = fresh();
    let p = make_person(&t, "Tom", "Tombstone", Some("tom@exemple.fr"));
    assert_eq!(persons::remove(&t, &p.id).unwrap(), RemovalOutcome::Deleted);
    let (first, email, erased): (Option<String>, Option<String>, Option<String>) =
        t.query_row("SELECT first_name, email, erased_at FROM person WHERE id = ?", [&p.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
    assert_eq!((first, email), (None, None));
    assert!(erased.is_some());
}

#[test]
fn an_archive_made_before_cannot_bring_an_erased_identity_back() {
    let t = fresh();
    let p = make_person(&t, "Ange", "Revenant", Some("ange@exemple.fr"));
    let path = t.dir.path().join("avant.json");
    archive::export_to(&t, &path).unwrap();
    privacy::erase(&t, &[p.id.clone()], OpenRoles::Refuse, Default::default()).unwrap();
    // Even an archive whose row looks newer (edited elsewhere after the erasure; a later date than
    // now within the tolerance for another machine's clock, docs/archive.md).
    let mut a: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let later = (chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    for row in a["tables"]["person"].as_array_mut().unwrap() {
        row["updated_at"] = serde_json::json!(later);
    }
    std::fs::write(&path, serde_json::to_vec(&a).unwrap()).unwrap();
    archive::import(&t, &archive::read(&path).unwrap()).unwrap();
    let again = persons::get(&t, &p.id).unwrap();
    assert!(again.first_name.is_none() && again.email.is_none() && again.erased_at.is_some(), "{again:?}");
}

/// Days relative to today, as stored.
fn days_ago(n: i64) -> String {
    (chrono::Local::now().date_naive() - chrono::Duration::days(n)).format("%Y-%m-%d").to_string()
}

#[test]
fn the_yearly_purge_lists_the_people_past_their_period_and_why() {
    let t = fresh();
    let org = make_org(&t, "Centre social", None);
    let body = bodies::create(&t, BodyInput { name: "Groupe de terrain".into(), kind: Some(BodyKind::GroupeTerrain), ..Default::default() }).unwrap();
    let inhabitant = |first: &str| {
        persons::create(&t, PersonInput { first_name: Some(first.into()), category: Some(PersonCategory::Habitant), ..Default::default() }).unwrap()
    };
    let meeting_on = |date: String, people: &[&str]| {
        let m = meetings::create(&t, MeetingInput { body_id: body.id.clone(), date: Some(date), ..Default::default() }).unwrap();
        invitations::invite(&t, InviteRequest { meeting_id: m.id.clone(), person_ids: people.iter().map(|s| s.to_string()).collect(), ..Default::default() }).unwrap();
        for p in people {
            attendance::check_in(&t, &m.id, None, p).unwrap();
        }
    };
    // An inhabitant who last came 3 years ago (due: 2 years), one who came last month (not due).
    let gone = inhabitant("Gaston");
    let active = inhabitant("Aline");
    meeting_on(days_ago(3 * 365 + 10), &[&gone.id, &active.id]);
    meeting_on(days_ago(30), &[&active.id]);
    // A professional whose post ended 4 years ago (due: 3 years), one in post (never due), one
    // whose post ended a year ago (not due).
    let left = make_person(&t, "Lucie", "Partie", None);
    let a = affiliations::create(&t, AffiliationInput { person_id: left.id.clone(), organisation_id: org.id.clone(), start_date: Some(days_ago(3000)), ..Default::default() }).unwrap();
    affiliations::update(&t, &a.id, AffiliationInput { person_id: left.id.clone(), organisation_id: org.id.clone(), start_date: Some(days_ago(3000)), end_date: Some(days_ago(4 * 365 + 5)), ..Default::default() }).unwrap();
    let in_post = make_person(&t, "Paul", "EnPoste", None);
    affiliations::create(&t, AffiliationInput { person_id: in_post.id.clone(), organisation_id: org.id.clone(), start_date: Some(days_ago(3000)), ..Default::default() }).unwrap();
    let recent = make_person(&t, "Rita", "Récente", None);
    let r = affiliations::create(&t, AffiliationInput { person_id: recent.id.clone(), organisation_id: org.id.clone(), start_date: Some(days_ago(3000)), ..Default::default() }).unwrap();
    affiliations::update(&t, &r.id, AffiliationInput { person_id: recent.id.clone(), organisation_id: org.id.clone(), start_date: Some(days_ago(3000)), end_date: Some(days_ago(365)), ..Default::default() }).unwrap();

    let today = maillage_core::db::today();
    let preview = retention::preview(&t, &today).unwrap();
    let due: Vec<(&str, &str)> = preview.due.iter().map(|d| (d.name.as_str(), d.why.as_str())).collect();
    assert_eq!(due.len(), 2, "{due:?}");
    assert!(due.iter().any(|(n, w)| *n == "Lucie Partie" && w.starts_with("dernier poste terminé le")), "{due:?}");
    assert!(due.iter().any(|(n, w)| *n == "Gaston" && w.starts_with("dernière participation le")), "{due:?}");
    assert!(preview.proposed, "never purged: proposed");

    // A longer period for professionals puts Lucie out of reach; keeping Gaston with a reason
    // leaves him listed but not erased.
    settings::save(&t, Settings { retention_professionnel: Some(5), ..settings::get(&t).unwrap() }).unwrap();
    retention::keep(&t, &gone.id, "Demande de la personne : rester informée").unwrap();
    let preview = retention::preview(&t, &today).unwrap();
    assert_eq!(preview.due.len(), 1);
    assert_eq!(preview.due[0].kept.as_deref(), Some("Demande de la personne : rester informée"));
    assert!(!preview.proposed, "nobody to erase");
    retention::release(&t, &gone.id).unwrap();

    let report = retention::purge(&t, &today, Default::default()).unwrap();
    assert_eq!(report.erased, 1);
    assert!(persons::get(&t, &gone.id).unwrap().erased_at.is_some());
    assert!(persons::get(&t, &active.id).unwrap().erased_at.is_none());
    let after = retention::preview(&t, &today).unwrap();
    assert_eq!(after.last_purge_on.as_deref(), Some(today.as_str()));
    assert!(after.due.is_empty() && !after.proposed);
}

#[test]
fn the_journal_says_who_changed_an_organisations_phone_and_when() {
    let t = fresh();
    let o = make_org(&t, "Épicerie solidaire", Some("Brive"));
    let mut input = common::org("Épicerie solidaire", Some("Brive"));
    input.phone = Some("05 55 00 00 01".into());
    organisations::update(&t, &o.id, input).unwrap();
    let lines = journal::list(&t, &JournalFilter { record_id: Some(o.id.clone()), ..Default::default() }).unwrap();
    assert_eq!(lines.len(), 2, "{lines:?}");
    let change = &lines[0];
    assert_eq!(change.action, JournalAction::Modification);
    assert_eq!(change.origin, JournalOrigin::Application);
    assert_eq!(change.fields, vec!["Téléphone".to_owned()], "only the field that changed, by its French name");
    assert_eq!(change.table_label, "Organismes");
    let (user, machine) = (whoami::username().unwrap(), whoami::hostname().unwrap());
    assert_eq!((change.os_user.as_str(), change.machine.as_str()), (user.as_str(), machine.as_str()));
    assert_eq!(lines[1].action, JournalAction::Creation);
    // The journal holds no content: the number is nowhere in it.
    let content: i64 = t.query_row("SELECT count(*) FROM journal WHERE fields LIKE '%05 55%' OR record_id LIKE '%05 55%'", [], |r| r.get(0)).unwrap();
    assert_eq!(content, 0);
    // A period that ended yesterday holds none of today's lines.
    let yesterday = days_ago(1);
    assert!(journal::list(&t, &JournalFilter { until: Some(yesterday), ..Default::default() }).unwrap().is_empty());
    assert_eq!(journal::list(&t, &JournalFilter { since: Some(maillage_core::db::today()), record_id: Some(o.id), ..Default::default() }).unwrap().len(), 2);
}

#[test]
fn a_persons_file_holds_everything_about_them() {
    let t = fresh();
    let org = make_org(&t, "CAF", None);
    let p = make_person(&t, "Dora", "Dossier", Some("dora@exemple.fr"));
    affiliations::create(&t, AffiliationInput { person_id: p.id.clone(), organisation_id: org.id.clone(), function: Some("Conseillère".into()), ..Default::default() }).unwrap();
    let body = bodies::create(&t, BodyInput { name: "Plénière".into(), kind: Some(BodyKind::Pleniere), ..Default::default() }).unwrap();
    body_members::add(&t, BodyMemberInput { body_id: body.id.clone(), person_id: Some(p.id.clone()), role: Some(MemberRole::Membre), ..Default::default() }).unwrap();
    let m = meetings::create(&t, MeetingInput { body_id: body.id.clone(), date: Some("2026-04-02".into()), ..Default::default() }).unwrap();
    invitations::invite(&t, InviteRequest { meeting_id: m.id.clone(), body_members: true, ..Default::default() }).unwrap();
    attendance::check_in(&t, &m.id, None, &p.id).unwrap();
    let folder = t.dir.path().join("envois");
    std::fs::create_dir(&folder).unwrap();
    mailings::produce(&t, MailingRequest { meeting_id: m.id.clone(), folder: folder.display().to_string(), ..Default::default() }).unwrap();

    let out = t.dir.path().join("dora.xlsx");
    let d = privacy::access::export(&t, &p.id, &out, false).unwrap();
    assert_eq!((d.seats.len(), d.invitations.len(), d.presences.len()), (1, 1, 1));
    assert!(d.mailings.len() >= 2, "the invitation's drafts: {}", d.mailings.len());
    assert!(d.journal.len() >= 4, "creation, post, seat, invitation, presence: {}", d.journal.len());
    let sheets = cells(&out);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, maillage_core::export::dossier_xlsx::SHEETS);
    let record = &sheets[0].1;
    assert!(record.iter().any(|r| r == &vec!["Courriel".to_owned(), "dora@exemple.fr".to_owned()]), "{record:?}");
    assert_eq!(sheets[1].1[1][..2], ["CAF".to_owned(), "Conseillère".to_owned()]);
    assert_eq!(sheets[2].1[1][..2], ["Plénière".to_owned(), "Membre".to_owned()]);
    assert_eq!(sheets[4].1[1][2], "Présent");
    assert_eq!(sheets[6].1.len() - 1, d.journal.len(), "one row per journal line");
    // The journal's times are Excel date-times (in UTC, as its header says), shown with a format.
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let journal = wb.worksheet_range("Journal").unwrap();
    for (row, line) in journal.rows().skip(1).zip(&d.journal) {
        match &row[0] {
            Data::DateTime(t) => {
                let at = chrono::DateTime::parse_from_rfc3339(&line.at).unwrap().naive_utc();
                let read = t.as_datetime().unwrap();
                assert!((read - at).num_milliseconds().abs() < 1000, "{read} ≠ {at}");
            }
            other => panic!("a date-time cell, not {other:?}"),
        }
    }
    // Every sheet prints like the bilan's (sheet::print_setup): A4, one page wide or at a scale
    // that keeps the text at 7 pt or more, its header row repeated, a footer.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let read = |zip: &mut zip::ZipArchive<std::fs::File>, name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let workbook = read(&mut zip, "xl/workbook.xml");
    for (i, name) in maillage_core::export::dossier_xlsx::SHEETS.iter().enumerate() {
        let sheet = read(&mut zip, &format!("xl/worksheets/sheet{}.xml", i + 1));
        assert!(sheet.contains(r#"paperSize="9""#) && sheet.contains("orientation="), "{name}: {sheet}");
        let one_page_wide = sheet.contains(r#"fitToHeight="0""#) && (sheet.contains("<fitToPage/>") || sheet.contains(r#"fitToPage="1""#));
        let scale = sheet.split(r#"scale=""#).nth(1).and_then(|s| s.split('"').next()).and_then(|s| s.parse::<u32>().ok());
        assert!(one_page_wide || scale.is_some_and(|s| s >= 66), "{name}: {sheet}");
        assert!(sheet.contains("<oddFooter>") && sheet.contains("Dora"), "{name}");
        assert!(workbook.contains(&format!("'{name}'!$1:$1")) || workbook.contains(&format!("{name}!$1:$1")), "{name}: {workbook}");
    }
    assert!(read(&mut zip, "xl/styles.xml").contains("dd/mm/yyyy hh:mm:ss"));
    // An existing file is not replaced without asking.
    assert!(privacy::access::export(&t, &p.id, &out, false).is_err());
}

#[test]
fn a_person_who_withdrew_consent_is_left_out_of_mailings() {
    let t = fresh();
    let body = bodies::create(&t, BodyInput { name: "Plénière".into(), kind: Some(BodyKind::Pleniere), ..Default::default() }).unwrap();
    let yes = make_person(&t, "Oui", "Contact", Some("oui@exemple.fr"));
    let no = persons::create(
        &t,
        PersonInput {
            first_name: Some("Non".into()),
            last_name: Some("Merci".into()),
            category: Some(PersonCategory::Benevole),
            email: Some("non@exemple.fr".into()),
            contact_consent: Some(ConsentStatus::Retire),
            consent_date: Some("2026-02-01".into()),
            consent_method: Some(ConsentMethod::Courriel),
            ..Default::default()
        },
    )
    .unwrap();
    let m = meetings::create(&t, MeetingInput { body_id: body.id.clone(), date: Some("2026-12-02".into()), ..Default::default() }).unwrap();
    invitations::invite(&t, InviteRequest { meeting_id: m.id.clone(), person_ids: vec![yes.id.clone(), no.id.clone()], ..Default::default() }).unwrap();
    let folder = t.dir.path().join("envois");
    std::fs::create_dir(&folder).unwrap();
    let files = mailings::produce(&t, MailingRequest { meeting_id: m.id.clone(), folder: folder.display().to_string(), ..Default::default() }).unwrap();
    assert_eq!(files.recipients, 1);
    assert_eq!(files.consent_withdrawn, vec!["Non Merci".to_owned()]);
    let eml = std::fs::read_to_string(files.files.iter().find(|f| f.ends_with(".eml")).unwrap()).unwrap();
    assert!(eml.contains("oui@exemple.fr") && !eml.contains("non@exemple.fr"));
    // Bcc by default: the recipients are in Bcc, the secretariat alone in To.
    assert!(eml.lines().any(|l| l.starts_with("Bcc:") && l.contains("oui@exemple.fr")), "{eml}");
    assert!(!eml.lines().any(|l| l.starts_with("To:") && l.contains("oui@exemple.fr")));
    // No printed letter either: named apart for the warning.
    let letters = mailings::letter_recipients(&t, &m.id, false).unwrap();
    assert_eq!(letters.invitations.iter().map(|i| i.person.as_ref().unwrap().label.as_str()).collect::<Vec<_>>(), ["Oui Contact"]);
    assert_eq!(letters.consent_withdrawn, ["Non Merci"]);
    // A consent date or means without the consent itself is refused, in French.
    let bad = persons::create(&t, PersonInput { first_name: Some("X".into()), category: Some(PersonCategory::Habitant), consent_date: Some("2026-01-01".into()), ..Default::default() });
    assert!(bad.unwrap_err().to_string().contains("Consentement"));
}

#[test]
fn formula_like_names_are_written_as_text_in_workbooks() {
    let t = fresh();
    let p = make_person(&t, "=HYPERLINK(\"http://x\",\"clic\")", "+cmd", Some("f@exemple.fr"));
    let out = t.dir.path().join("f.xlsx");
    privacy::access::export(&t, &p.id, &out, false).unwrap();
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let formulas = wb.worksheet_formula("Fiche").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formula in the sheet");
    let range = wb.worksheet_range("Fiche").unwrap();
    assert!(range.rows().any(|r| r[1] == Data::String("=HYPERLINK(\"http://x\",\"clic\")".into())));
}
