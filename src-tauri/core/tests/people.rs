//! People, their posts (affiliations) with history, network membership and agreements.

use crate::common;

use common::{fresh, make_org, make_person, rows};
use maillage_core::model::*;
use maillage_core::queries::{affiliations, agreements, memberships, organisations, persons};
use maillage_core::Error;

#[test]
fn a_person_needs_a_name_and_a_category_and_short_notes() {
    let t = fresh();
    let err = persons::create(&t, PersonInput { category: Some(PersonCategory::Habitant), ..Default::default() }).unwrap_err();
    assert!(err.to_string().contains("prénom ou un nom"), "{err}");
    let err = persons::create(&t, PersonInput { first_name: Some("Léa".into()), ..Default::default() }).unwrap_err();
    assert!(err.to_string().contains("« Catégorie » est obligatoire"), "{err}");
    let err = persons::create(&t, PersonInput { first_name: Some("Léa".into()), category: Some(PersonCategory::Habitant), notes: Some("x".repeat(501)), ..Default::default() }).unwrap_err();
    assert!(err.to_string().contains("500 au maximum"), "{err}");
    // An inhabitant may be recorded by first name only.
    let p = persons::create(&t, PersonInput { first_name: Some("Léa".into()), category: Some(PersonCategory::Habitant), ..Default::default() }).unwrap();
    assert_eq!(p.display_name, "Léa");
    assert_eq!(rows(&t, "person"), 1);
}

#[test]
fn an_email_belongs_to_one_person_whatever_its_case() {
    let t = fresh();
    make_person(&t, "Anne", "Durand", Some("anne.durand@caf.fr"));
    let err = persons::create(&t, PersonInput { last_name: Some("Autre".into()), category: Some(PersonCategory::Elu), email: Some("Anne.Durand@CAF.fr".into()), ..Default::default() }).unwrap_err();
    assert!(matches!(err, Error::Conflict { ref field, .. } if field == "email"));
    assert!(err.to_string().contains("déjà celle de Anne Durand"), "{err}");
}

#[test]
fn posts_keep_their_history_and_show_the_current_one_first() {
    let t = fresh();
    let caf = make_org(&t, "CAF", None);
    let mission = make_org(&t, "Mission locale", None);
    let p = make_person(&t, "Karim", "Benali", None);
    let old = affiliations::create(&t, AffiliationInput {
        person_id: p.id.clone(), organisation_id: caf.id.clone(), function: Some("Conseiller".into()),
        start_date: Some("2019-03-01".into()), ..Default::default()
    }).unwrap();
    assert!(old.current);
    let ended = affiliations::end(&t, &old.id, Some("2024-06-30".into())).unwrap();
    assert!(!ended.current);
    affiliations::create(&t, AffiliationInput {
        person_id: p.id.clone(), organisation_id: mission.id.clone(), function: Some("Directeur".into()),
        start_date: Some("2024-07-01".into()), ..Default::default()
    }).unwrap();
    let back = persons::get(&t, &p.id).unwrap();
    let posts: Vec<(&str, bool)> = back.affiliations.iter().map(|a| (a.organisation_name.as_str(), a.current)).collect();
    assert_eq!(posts, [("Mission locale", true), ("CAF", false)]);
    // The CAF still lists him, as a former member of staff.
    let caf_people = organisations::get(&t, &caf.id).unwrap().people;
    assert_eq!(caf_people.len(), 1);
    assert!(!caf_people[0].current);
    // The list shows the current post only, and finds him by his organisation's name.
    let listed = persons::list(&t, &PersonFilter { query: Some("mission".into()), ..Default::default() }).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].current_posts, ["Mission locale (Directeur)"]);
    assert!(persons::list(&t, &PersonFilter { query: Some("caf".into()), ..Default::default() }).unwrap().is_empty());
    assert_eq!(persons::list(&t, &PersonFilter { organisation_id: Some(mission.id.clone()), ..Default::default() }).unwrap().len(), 1);
    // A post cannot end before it starts.
    let err = affiliations::end(&t, &old.id, Some("2010-01-01".into())).unwrap_err();
    assert!(err.to_string().contains("antérieure à la date de début"), "{err}");
}

#[test]
fn people_search_and_sort_ignore_accents() {
    let t = fresh();
    make_person(&t, "Émilie", "Éluard", None);
    make_person(&t, "Bernard", "Dupont", None);
    make_person(&t, "Zoé", "Abadie", None);
    let names: Vec<String> = persons::list(&t, &PersonFilter::default()).unwrap().into_iter().map(|p| p.display_name).collect();
    assert_eq!(names, ["Zoé Abadie", "Bernard Dupont", "Émilie Éluard"]);
    let found = persons::list(&t, &PersonFilter { query: Some("emilie eluard".into()), ..Default::default() }).unwrap();
    assert_eq!(found.len(), 1);
}

#[test]
fn removing_a_person_tombstones_their_posts_in_one_go() {
    let t = fresh();
    let o = make_org(&t, "CCAS", None);
    let p = make_person(&t, "Jean", "Martin", Some("jean@ccas.fr"));
    affiliations::create(&t, AffiliationInput { person_id: p.id.clone(), organisation_id: o.id.clone(), ..Default::default() }).unwrap();
    persons::remove(&t, &p.id).unwrap();
    assert!(matches!(persons::get(&t, &p.id), Err(Error::NotFound { .. })));
    assert!(organisations::get(&t, &o.id).unwrap().people.is_empty());
    let live: i64 = t.query_row("SELECT count(*) FROM affiliation WHERE deleted_at IS NULL", [], |r| r.get(0)).unwrap();
    assert_eq!(live, 0);
    // The e-mail is free again.
    make_person(&t, "Jeanne", "Martin", Some("jean@ccas.fr"));
}

#[test]
fn membership_has_a_dated_history_and_cannot_end_before_it_began() {
    let t = fresh();
    let o = make_org(&t, "Restos", None);
    let add = |status, date: &str| memberships::add(&t, MembershipEventInput { organisation_id: o.id.clone(), status: Some(status), effective_date: Some(date.into()), note: None });
    add(MembershipStatus::Prospect, "2016-09-01").unwrap();
    let err = add(MembershipStatus::Retire, "2016-10-01").unwrap_err();
    assert!(err.to_string().contains("pas encore membre"), "{err}");
    add(MembershipStatus::Interesse, "2016-11-09").unwrap();
    add(MembershipStatus::Membre, "2016-11-29").unwrap();
    assert_eq!(memberships::status_on(&t, &o.id, "2016-11-28").unwrap(), Some(MembershipStatus::Interesse));
    assert_eq!(memberships::status_on(&t, &o.id, "2016-12-31").unwrap(), Some(MembershipStatus::Membre));
    assert_eq!(memberships::status_on(&t, &o.id, "2016-01-01").unwrap(), None);
    add(MembershipStatus::Retire, "2018-01-15").unwrap();
    let back = organisations::get(&t, &o.id).unwrap();
    assert_eq!(back.membership_status, Some(MembershipStatus::Retire));
    let statuses: Vec<MembershipStatus> = back.membership_history.iter().map(|e| e.status).collect();
    assert_eq!(statuses, [MembershipStatus::Retire, MembershipStatus::Membre, MembershipStatus::Interesse, MembershipStatus::Prospect]);
    let err = add(MembershipStatus::Membre, "2018-02-31").unwrap_err();
    assert!(err.to_string().contains("AAAA-MM-JJ"), "{err}");
}

#[test]
fn an_agreement_is_signed_once_per_organisation() {
    let t = fresh();
    let o = make_org(&t, "UDAF", None);
    let charter = agreements::create(&t, AgreementInput { kind: Some(AgreementKind::Charte), title: "Charte de fonctionnement".into(), version: Some("1".into()), dated: Some("2016-11-29".into()) }).unwrap();
    let s = agreements::sign(&t, SignatureInput { agreement_id: charter.id.clone(), organisation_id: o.id.clone(), signed_on: Some("2016-12-05".into()) }).unwrap();
    assert_eq!(s.organisation_name, "UDAF");
    let err = agreements::sign(&t, SignatureInput { agreement_id: charter.id.clone(), organisation_id: o.id.clone(), signed_on: None }).unwrap_err();
    assert!(err.to_string().contains("déjà signé"), "{err}");
    assert_eq!(agreements::list(&t).unwrap()[0].signatory_count, 1);
    assert_eq!(organisations::get(&t, &o.id).unwrap().signatures[0].signed_on, "2016-12-05");
    agreements::remove_signature(&t, &s.id).unwrap();
    assert_eq!(agreements::list(&t).unwrap()[0].signatory_count, 0);
}
