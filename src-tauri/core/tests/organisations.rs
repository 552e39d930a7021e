//! The organisations of the directory: creation, validation, uniqueness, search, filters,
//! archiving instead of deleting.

use crate::common;

use common::{fresh, make_org, make_person, org, rows};
use maillage_core::model::*;
use maillage_core::queries::{affiliations, memberships, organisations as orgs};
use maillage_core::{Error, ErrorPayload};

const SANTE: &str = "0190c000-0000-7000-8000-000000000005";
const LOGEMENT: &str = "0190c000-0000-7000-8000-000000000004";

#[test]
fn creates_and_reads_back_every_field() {
    let t = fresh();
    let cd = make_org(&t, "Conseil départemental de la Corrèze", Some("Tulle"));
    let input = OrganisationInput {
        name: "  Maison départementale de la solidarité  ".into(),
        acronym: Some("MDS".into()),
        sector: Some(Sector::Public),
        category: Some(OrgCategory::ConseilDepartemental),
        parent_id: Some(cd.id.clone()),
        address: Some("3 rue Gambetta".into()),
        postal_code: Some("19 100".into()),
        commune: Some("Brive-la-Gaillarde".into()),
        territory: Some("Brive ouest".into()),
        phone: Some("05 55 00 00 00".into()),
        email: Some("MDS.Brive@Correze.fr".into()),
        website: Some("www.correze.fr".into()),
        missions: Some("Service social de secteur".into()),
        public_served: Some("Habitants".into()),
        access_conditions: Some("Sur rendez-vous".into()),
        partnership_expectations: Some("Orienter".into()),
        partnership_limits: Some(" ".into()),
        domain_ids: vec![SANTE.into(), LOGEMENT.into(), SANTE.into()],
    };
    let o = orgs::create(&t, input).unwrap();
    let back = orgs::get(&t, &o.id).unwrap();
    assert_eq!(back.name, "Maison départementale de la solidarité");
    assert_eq!(back.postal_code.as_deref(), Some("19100"));
    assert_eq!(back.email.as_deref(), Some("mds.brive@correze.fr"));
    assert_eq!(back.partnership_limits, None, "a blank text is stored as nothing");
    assert_eq!(back.parent.as_ref().map(|p| p.label.as_str()), Some("Conseil départemental de la Corrèze"));
    let domain_labels: Vec<&str> = back.domains.iter().map(|d| d.label.as_str()).collect();
    assert_eq!(domain_labels, ["Logement", "Santé"]);
    assert_eq!(orgs::get(&t, &cd.id).unwrap().children[0].id, o.id);
    // The id is a UUID v7 and timestamps are set.
    assert_eq!(uuid::Uuid::parse_str(&o.id).unwrap().get_version_num(), 7);
    assert!(back.created_at.ends_with('Z') && back.created_at == back.updated_at);
}

#[test]
fn validation_names_the_field_in_french() {
    let t = fresh();
    let cases: Vec<(OrganisationInput, &str, &str)> = vec![
        (org("   ", None), "name", "« Nom » est obligatoire"),
        (OrganisationInput { sector: None, ..org("A", None) }, "sector", "« Secteur » est obligatoire"),
        (OrganisationInput { email: Some("accueil@ccas".into()), ..org("A", None) }, "email", "n'est pas valide"),
        (OrganisationInput { phone: Some("zéro cinq".into()), ..org("A", None) }, "phone", "n'est pas valide"),
        (OrganisationInput { postal_code: Some("191".into()), ..org("A", None) }, "postal_code", "5 chiffres"),
        (OrganisationInput { website: Some("mon site".into()), ..org("A", None) }, "website", "n'est pas valide"),
        (OrganisationInput { domain_ids: vec!["nope".into()], ..org("A", None) }, "domain_ids", "n'existe plus"),
        (OrganisationInput { name: "x".repeat(201), ..org("A", None) }, "name", "trop long"),
    ];
    for (input, field, words) in cases {
        let err = orgs::create(&t, input).unwrap_err();
        let payload = ErrorPayload::from(&err);
        assert_eq!(payload.field.as_deref(), Some(field), "{err}");
        assert!(payload.message.contains(words), "{field}: {}", payload.message);
    }
    assert_eq!(rows(&t, "organisation"), 0, "nothing half-written");
    assert_eq!(rows(&t, "organisation_domain"), 0);
}

#[test]
fn same_name_in_same_commune_is_refused_whatever_the_accents() {
    let t = fresh();
    make_org(&t, "Sécurité Sociale", Some("Brive"));
    let err = orgs::create(&t, org("securite  sociale", Some("BRIVE"))).unwrap_err();
    assert!(matches!(err, Error::Conflict { ref field, .. } if field == "name"), "{err:?}");
    assert!(err.to_string().contains("« Sécurité Sociale » existe déjà à Brive."), "{err}");
    // Another commune is another organisation.
    make_org(&t, "Sécurité Sociale", Some("Tulle"));
    // Renaming onto an existing name is refused too.
    let other = make_org(&t, "Autre", Some("Brive"));
    assert!(orgs::update(&t, &other.id, org("SÉCURITÉ SOCIALE", Some("brive"))).is_err());
}

#[test]
fn a_parent_loop_is_refused() {
    let t = fresh();
    let a = make_org(&t, "A", None);
    let b = orgs::create(&t, OrganisationInput { parent_id: Some(a.id.clone()), ..org("B", None) }).unwrap();
    let c = orgs::create(&t, OrganisationInput { parent_id: Some(b.id.clone()), ..org("C", None) }).unwrap();
    let err = orgs::update(&t, &a.id, OrganisationInput { parent_id: Some(c.id.clone()), ..org("A", None) }).unwrap_err();
    assert!(err.to_string().contains("boucle"), "{err}");
    let err = orgs::update(&t, &a.id, OrganisationInput { parent_id: Some(a.id.clone()), ..org("A", None) }).unwrap_err();
    assert!(err.to_string().contains("son propre"), "{err}");
}

#[test]
fn search_ignores_accents_and_case_and_needs_every_word() {
    let t = fresh();
    orgs::create(&t, OrganisationInput { acronym: Some("CPAM".into()), ..org("Caisse primaire — Sécurité sociale", Some("Brive")) }).unwrap();
    make_org(&t, "Œuvre d'entraide", Some("Malemort"));
    make_org(&t, "Secours populaire", Some("Brive"));
    let names = |q: &str| -> Vec<String> {
        orgs::list(&t, &OrganisationFilter { query: Some(q.into()), ..Default::default() })
            .unwrap()
            .into_iter()
            .map(|o| o.name)
            .collect()
    };
    assert_eq!(names("securite"), ["Caisse primaire — Sécurité sociale"]);
    assert_eq!(names("SÉCU brive"), ["Caisse primaire — Sécurité sociale"]);
    assert_eq!(names("cpam"), ["Caisse primaire — Sécurité sociale"]);
    assert_eq!(names("oeuvre"), ["Œuvre d'entraide"]);
    assert_eq!(names("brive"), ["Caisse primaire — Sécurité sociale", "Secours populaire"]);
    assert!(names("securite malemort").is_empty());
    assert!(names("50%").is_empty(), "LIKE wildcards are taken literally");
}

#[test]
fn filters_combine_and_sort() {
    let t = fresh();
    let a = orgs::create(&t, OrganisationInput { domain_ids: vec![SANTE.into()], ..org("Alpha", Some("Ussac")) }).unwrap();
    let b = orgs::create(&t, OrganisationInput { sector: Some(Sector::Public), category: Some(OrgCategory::Ccas), ..org("Bêta", Some("Brive")) }).unwrap();
    let c = make_org(&t, "Gamma", Some("brive"));
    memberships::add(&t, MembershipEventInput { organisation_id: a.id.clone(), status: Some(MembershipStatus::Membre), effective_date: Some("2020-01-01".into()), note: None }).unwrap();
    memberships::add(&t, MembershipEventInput { organisation_id: c.id.clone(), status: Some(MembershipStatus::Interesse), effective_date: Some("2020-01-01".into()), note: None }).unwrap();
    let ids = |f: OrganisationFilter| -> Vec<String> { orgs::list(&t, &f).unwrap().into_iter().map(|o| o.id).collect() };
    assert_eq!(ids(OrganisationFilter { sector: Some(Sector::Public), ..Default::default() }), [b.id.clone()]);
    assert_eq!(ids(OrganisationFilter { category: Some(OrgCategory::Ccas), ..Default::default() }), [b.id.clone()]);
    assert_eq!(ids(OrganisationFilter { domain_id: Some(SANTE.into()), ..Default::default() }), [a.id.clone()]);
    assert_eq!(ids(OrganisationFilter { commune: Some("BRIVE".into()), ..Default::default() }), [b.id.clone(), c.id.clone()]);
    assert_eq!(ids(OrganisationFilter { membership_status: Some(MembershipStatus::Membre), ..Default::default() }), [a.id.clone()]);
    assert_eq!(ids(OrganisationFilter { without_membership: true, ..Default::default() }), [b.id.clone()]);
    assert_eq!(ids(OrganisationFilter { sort: OrganisationSort::Name, descending: true, ..Default::default() }), [c.id.clone(), b.id.clone(), a.id.clone()]);
    assert_eq!(ids(OrganisationFilter { sort: OrganisationSort::MembershipStatus, ..Default::default() }), [a.id.clone(), c.id.clone(), b.id.clone()]);
    let first = &orgs::list(&t, &OrganisationFilter::default()).unwrap()[0];
    assert_eq!(first.domains, ["Santé"]);
    assert_eq!(first.membership_status, Some(MembershipStatus::Membre));
}

#[test]
fn an_organisation_without_history_is_deleted_one_with_history_is_archived() {
    let t = fresh();
    let lonely = make_org(&t, "Seule", None);
    assert_eq!(orgs::remove(&t, &lonely.id).unwrap(), RemovalOutcome::Deleted);
    assert!(matches!(orgs::get(&t, &lonely.id), Err(Error::NotFound { .. })));
    assert_eq!(rows(&t, "organisation"), 1, "a tombstone stays for synchronisation");
    // Its name can be reused after deletion.
    make_org(&t, "Seule", None);

    let busy = make_org(&t, "Occupée", None);
    let p = make_person(&t, "Anne", "Durand", None);
    affiliations::create(&t, AffiliationInput { person_id: p.id.clone(), organisation_id: busy.id.clone(), ..Default::default() }).unwrap();
    assert_eq!(orgs::remove(&t, &busy.id).unwrap(), RemovalOutcome::Archived);
    let listed = |include_archived| orgs::list(&t, &OrganisationFilter { include_archived, ..Default::default() }).unwrap();
    assert!(!listed(false).iter().any(|o| o.id == busy.id));
    assert!(listed(true).iter().any(|o| o.id == busy.id && o.archived));
    assert!(orgs::get(&t, &busy.id).unwrap().archived_at.is_some());
    // The person's post is kept.
    assert_eq!(maillage_core::queries::persons::get(&t, &p.id).unwrap().affiliations.len(), 1);
    assert!(orgs::unarchive(&t, &busy.id).unwrap().archived_at.is_none());
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let t = fresh();
    // Valid fields but a domain that disappears between validation and writing cannot happen;
    // what can: an update of a missing organisation, which must not write domains.
    let err = orgs::update(&t, "0190c000-dead-7000-8000-000000000000", org("X", None)).unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }));
    assert!(err.to_string().starts_with("L'organisme introuvable"), "{err}");
    assert_eq!(rows(&t, "organisation_domain"), 0);
    // A nested write that fails rolls back only itself, and the outer transaction then decides.
    let outer = maillage_core::db::write_tx(&t).unwrap();
    make_org(&outer, "Gardée", None);
    assert!(orgs::create(&outer, org("", None)).is_err());
    drop(outer); // rolled back: nothing from inside survives
    assert_eq!(rows(&t, "organisation"), 0);
}
