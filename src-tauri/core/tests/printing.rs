//! Badges, address labels and the address block of window-envelope letters: who is on the sheets
//! and what each line says (the layouts are checked in the browser, ui/tests/browser/printing.test.ts).

use crate::common;

use common::{fresh, make_person};
use maillage_core::model::*;
use maillage_core::print_sheets::{self, SheetRequest};
use maillage_core::queries::{affiliations, bodies, body_members, invitations, meetings, organisations, persons};

#[test]
fn badges_and_addresses_for_a_meeting_and_a_body() {
    let t = fresh();
    let caf = organisations::create(&t, OrganisationInput {
        address: Some("Service action sociale\n2 rue Gambetta".into()),
        postal_code: Some("19100".into()),
        ..common::org("Caisse d'allocations familiales", Some("Brive-la-Gaillarde"))
    })
    .unwrap();
    let secours = common::make_org(&t, "Secours populaire", Some("Tulle")); // no street: no postal address
    let anne = persons::create(&t, PersonInput { civility: Some(Civility::Madame), first_name: Some("Anne".into()), last_name: Some("Durand".into()), category: Some(PersonCategory::Professionnel), ..Default::default() }).unwrap();
    affiliations::create(&t, AffiliationInput { person_id: anne.id.clone(), organisation_id: caf.id.clone(), function: Some("Conseillère en économie sociale".into()), ..Default::default() }).unwrap();
    let paul = make_person(&t, "Paul", "Berger", None);
    affiliations::create(&t, AffiliationInput { person_id: paul.id.clone(), organisation_id: secours.id.clone(), function: Some("Bénévole".into()), ..Default::default() }).unwrap();
    let zoe = make_person(&t, "Zoé", "Martin", None); // no post: no organisation, no address
    let refus = persons::create(&t, PersonInput { first_name: Some("Luc".into()), last_name: Some("Refus".into()), category: Some(PersonCategory::Habitant), contact_consent: Some(ConsentStatus::Retire), ..Default::default() }).unwrap();
    affiliations::create(&t, AffiliationInput { person_id: refus.id.clone(), organisation_id: caf.id.clone(), ..Default::default() }).unwrap();

    let body = bodies::create(&t, BodyInput { name: "Groupe logement".into(), kind: Some(BodyKind::GroupeTravail), ..Default::default() }).unwrap();
    for (person, role) in [(&anne, MemberRole::Pilote), (&paul, MemberRole::Membre), (&zoe, MemberRole::Membre), (&refus, MemberRole::Membre)] {
        body_members::add(&t, BodyMemberInput { body_id: body.id.clone(), person_id: Some(person.id.clone()), role: Some(role), ..Default::default() }).unwrap();
    }
    // A seat held by the organisation itself: a label for it, no badge.
    body_members::add(&t, BodyMemberInput { body_id: body.id.clone(), organisation_id: Some(caf.id.clone()), role: Some(MemberRole::Membre), ..Default::default() }).unwrap();

    let s = print_sheets::sheets(&t, &SheetRequest { body_id: Some(body.id.clone()), ..Default::default() }).unwrap();
    assert_eq!(s.title, "Groupe logement");
    let badges: Vec<(&str, Option<&str>, Option<&str>)> = s.badges.iter().map(|b| (b.name.as_str(), b.organisation.as_deref(), b.role.as_deref())).collect();
    assert_eq!(badges, [
        ("Paul Berger", Some("Secours populaire"), Some("Bénévole")),
        ("Anne Durand", Some("Caisse d'allocations familiales"), Some("Pilote")),
        ("Zoé Martin", None, None),
        ("Luc Refus", Some("Caisse d'allocations familiales"), None),
    ], "sorted by last name; a telling role, else the function");
    let lines: Vec<Vec<&str>> = s.addresses.iter().map(|a| a.lines.iter().map(String::as_str).collect()).collect();
    assert_eq!(lines, [
        vec!["Madame Anne Durand", "Caisse d'allocations familiales", "Service action sociale", "2 rue Gambetta", "19100 BRIVE-LA-GAILLARDE"],
        vec!["Caisse d'allocations familiales", "Service action sociale", "2 rue Gambetta", "19100 BRIVE-LA-GAILLARDE"],
    ]);
    assert_eq!(s.without_address, ["Paul Berger", "Zoé Martin"]);
    assert_eq!(s.consent_withdrawn, ["Luc Refus"]);

    // A meeting: the invited people; « attendus » leaves out the excused and those who declined.
    let m = meetings::create(&t, MeetingInput { body_id: body.id.clone(), date: Some("2026-12-03".into()), ..Default::default() }).unwrap();
    invitations::invite(&t, InviteRequest { meeting_id: m.id.clone(), body_members: true, ..Default::default() }).unwrap();
    let inv = invitations::of_meeting(&t, &m.id).unwrap();
    let of = |p: &Person| inv.iter().find(|i| i.person.as_ref().map(|r| r.id.as_str()) == Some(p.id.as_str())).unwrap().id.clone();
    invitations::set_reply(&t, &of(&paul), Reply::Excuse, None).unwrap();
    invitations::set_reply(&t, &of(&zoe), Reply::Decline, None).unwrap();
    let all = print_sheets::sheets(&t, &SheetRequest { meeting_id: Some(m.id.clone()), ..Default::default() }).unwrap();
    assert_eq!(all.title, "Groupe logement — 03/12/2026");
    assert_eq!(all.badges.len(), 4);
    let expected = print_sheets::sheets(&t, &SheetRequest { meeting_id: Some(m.id.clone()), expected_only: true, ..Default::default() }).unwrap();
    assert_eq!(expected.badges.iter().map(|b| b.name.as_str()).collect::<Vec<_>>(), ["Anne Durand", "Luc Refus"]);
    assert_eq!(expected.badges[0].role.as_deref(), Some("Pilote"), "the role in the meeting's body");

    let err = print_sheets::sheets(&t, &SheetRequest::default()).unwrap_err();
    assert_eq!(err.to_string(), "Choisissez une réunion ou une instance pour préparer les badges ou les étiquettes.");
}

#[test]
fn the_agency_address_is_kept_for_the_letters_sender_block() {
    use maillage_core::queries::settings;
    let t = fresh();
    let address = "Pôle solidarités\n7 place de l'Hôtel de ville\n19100 Brive-la-Gaillarde";
    let saved = settings::save(&t, Settings { agency_name: Some("CCAS de Brive".into()), agency_address: Some(format!("  {address}\n ")), ..Default::default() }).unwrap();
    assert_eq!(saved.agency_address.as_deref(), Some(address), "trimmed, lines kept");
    assert_eq!(settings::get(&t).unwrap().agency_address.as_deref(), Some(address));
    let err = settings::save(&t, Settings { agency_address: Some("x".repeat(501)), ..Default::default() }).unwrap_err();
    assert!(err.to_string().contains("Adresse postale de la structure"), "{err}");
    settings::save(&t, Settings::default()).unwrap();
    assert_eq!(settings::get(&t).unwrap().agency_address, None, "emptied");
}
