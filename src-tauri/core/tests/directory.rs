//! Competence domains and the printable directory, and the demonstration data.

use crate::common;

use common::{fresh, org};
use maillage_core::model::*;
use maillage_core::queries::{directory, domains, memberships, organisations};

#[test]
fn domains_are_editable_and_a_used_one_cannot_be_deleted() {
    let t = fresh();
    let d = domains::create(&t, "Mobilité".into()).unwrap();
    assert!(domains::create(&t, "mobilite".into()).unwrap_err().to_string().contains("existe déjà"));
    organisations::create(&t, OrganisationInput { domain_ids: vec![d.id.clone()], ..org("Garage solidaire", None) }).unwrap();
    let err = domains::remove(&t, &d.id).unwrap_err();
    assert!(err.to_string().contains("attribué à 1 organisme"), "{err}");
    domains::rename(&t, &d.id, "Mobilité solidaire".into()).unwrap();
    let listed = domains::list(&t).unwrap();
    let found = listed.iter().find(|x| x.id == d.id).unwrap();
    assert_eq!((found.label.as_str(), found.organisation_count), ("Mobilité solidaire", 1));
    let unused = domains::create(&t, "Culture".into()).unwrap();
    domains::remove(&t, &unused.id).unwrap();
    assert!(!domains::list(&t).unwrap().iter().any(|x| x.id == unused.id));
}

#[test]
fn the_directory_groups_by_domain_or_sector() {
    let t = fresh();
    const SANTE: &str = "0190c000-0000-7000-8000-000000000005";
    const LOGEMENT: &str = "0190c000-0000-7000-8000-000000000004";
    let both = organisations::create(&t, OrganisationInput { domain_ids: vec![SANTE.into(), LOGEMENT.into()], ..org("Bailleur santé", None) }).unwrap();
    organisations::create(&t, OrganisationInput { sector: Some(Sector::Public), ..org("Sans domaine", None) }).unwrap();
    let archived = organisations::create(&t, OrganisationInput { domain_ids: vec![SANTE.into()], ..org("Ancienne", None) }).unwrap();
    organisations::remove(&t, &archived.id).unwrap(); // no history: deleted

    let groups = directory::build(&t, DirectoryGrouping::Domain, false).unwrap();
    let shape: Vec<(Option<String>, Vec<String>)> = groups
        .iter()
        .map(|g| (g.domain.as_ref().map(|d| d.label.clone()), g.entries.iter().map(|e| e.name.clone()).collect()))
        .collect();
    assert_eq!(shape, vec![
        (Some("Logement".into()), vec!["Bailleur santé".into()]),
        (Some("Santé".into()), vec!["Bailleur santé".into()]),
        (None, vec!["Sans domaine".into()]),
    ]);
    let by_sector = directory::build(&t, DirectoryGrouping::Sector, false).unwrap();
    let sectors: Vec<Option<Sector>> = by_sector.iter().map(|g| g.sector).collect();
    assert_eq!(sectors, [Some(Sector::Public), Some(Sector::Associatif)]);

    memberships::add(&t, MembershipEventInput { organisation_id: both.id.clone(), status: Some(MembershipStatus::Membre), effective_date: Some("2020-01-01".into()), note: None }).unwrap();
    let members = directory::build(&t, DirectoryGrouping::Sector, true).unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].entries[0].name, "Bailleur santé");
}

#[test]
fn the_demo_is_realistic_complete_and_reproducible() {
    let a = fresh();
    let s = maillage_core::demo::generate(&a, "a").unwrap();
    assert!((110..=130).contains(&s.organisations), "{}", s.organisations);
    assert!((290..=360).contains(&s.people), "{}", s.people);
    // Every person category, every sector and every membership status is represented.
    for table_col in ["person.category", "organisation.sector"] {
        let (table, col) = table_col.split_once('.').unwrap();
        let n: i64 = a.query_row(&format!("SELECT count(DISTINCT {col}) FROM {table}"), [], |r| r.get(0)).unwrap();
        let expected = if table == "person" { PersonCategory::ALL.len() } else { Sector::ALL.len() };
        assert_eq!(n as usize, expected, "{table_col}");
    }
    let statuses: i64 = a.query_row("SELECT count(DISTINCT status) FROM membership_event", [], |r| r.get(0)).unwrap();
    assert_eq!(statuses, 4);
    let ended: i64 = a.query_row("SELECT count(*) FROM affiliation WHERE end_date IS NOT NULL", [], |r| r.get(0)).unwrap();
    assert!(ended >= 10, "staff turnover is part of the demo");
    let report = a.db.check().unwrap();
    assert!(report.integrity_ok && report.foreign_key_violations == 0);
    // A living network over two years: bodies of many types, held, cancelled and planned
    // meetings, sessions, every kind of reply, excused people, walk-ins, guests, stand-ins.
    let count = |sql: &str| -> i64 { a.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert!(count("SELECT count(DISTINCT kind) FROM body") >= 8);
    assert!(count("SELECT count(*) FROM meeting") >= 40);
    assert!(count("SELECT count(*) FROM meeting WHERE status = 'annulee'") >= 1);
    assert!(count("SELECT count(DISTINCT meeting_id) FROM meeting_session") >= 1);
    assert_eq!(count("SELECT count(DISTINCT reply) FROM invitation"), 4);
    assert!(count("SELECT count(*) FROM attendance WHERE status = 'excuse'") > 0);
    assert!(count("SELECT count(*) FROM attendance WHERE walk_in = 1") > 0);
    assert!(count("SELECT count(*) FROM attendance WHERE status = 'present' AND is_member = 0 AND walk_in = 0") > 0, "guests came");
    assert!(count("SELECT count(*) FROM attendance WHERE stand_in_for_person_id IS NOT NULL") > 0);
    assert!(count("SELECT count(DISTINCT substr(date, 1, 4)) FROM meeting") >= 2, "current and previous year");
    assert_eq!(count("SELECT count(*) FROM meeting WHERE date = date('now', 'localtime') AND status = 'prevue'"), 1, "today's plenary awaits its check-in");
    // Working groups at work: actions with a pilot, indicators entered and computed, a watch year.
    assert_eq!(count("SELECT count(DISTINCT status) FROM action"), 4);
    assert_eq!(count("SELECT count(*) FROM action a WHERE status = 'en_cours' AND NOT EXISTS (SELECT 1 FROM action_partner p WHERE p.action_id = a.id AND p.role = 'pilote')"), 0);
    assert_eq!(count("SELECT count(*) FROM indicator WHERE formula IS NOT NULL"), 2);
    assert!(count("SELECT count(*) FROM indicator_value") > 0);
    assert!(count("SELECT count(DISTINCT substr(received_on, 1, 4)) FROM difficulty_report") >= 2);
    assert!(count("SELECT count(*) FROM solicitation WHERE answered_on IS NULL") > 0);
    // Same seed, same network.
    let b = fresh();
    maillage_core::demo::generate(&b, "b").unwrap();
    let names = |t: &common::TestDb| -> Vec<String> {
        t.prepare("SELECT name || '|' || coalesce(commune, '') FROM organisation ORDER BY name_key").unwrap()
            .query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(names(&a), names(&b));
    // A second run on the same file is refused and writes nothing.
    let before = common::rows(&a, "organisation");
    assert!(maillage_core::demo::generate(&a, "a").unwrap_err().to_string().contains("contient déjà des données"));
    assert_eq!(common::rows(&a, "organisation"), before);
}
