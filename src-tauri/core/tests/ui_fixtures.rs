//! The browser tests' backend data, produced by the real core (the browser tests' mock replays it
//! and never counts or searches by itself). Written to `target/ui-fixtures/backend.json` by every
//! `cargo test -p maillage-core`, which `make test` runs before the browser tests.
//!
//! - the dashboard: the bilans and periods of the demonstration network;
//! - the directory: a small network, with the answer of `list_organisations` for every filter the
//!   tests send (each prefix of what they type), the directory, the records;
//! - the check-in mode: a plenary of today with three invited people, and for every state of the
//!   door (who is checked in, whether the walk-in came) the counts, the meeting and the search
//!   answer for each prefix the tests type.

use crate::common;

use std::collections::BTreeMap;

use maillage_core::bilan;
use maillage_core::db::Connection;
use maillage_core::model::*;
use maillage_core::print_sheets;
use maillage_core::queries::{affiliations, attendance, bodies, body_members, directory, domains, invitations, meetings, memberships, organisations, persons, settings};
use maillage_core::mailings;
use serde_json::{json, Value};

/// JSON with object keys sorted at every level: the key the mock computes for a request.
fn canonical(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let inner: Vec<String> = keys.iter().map(|k| format!("{}:{}", Value::String((*k).clone()), canonical(&m[*k]))).collect();
            format!("{{{}}}", inner.join(","))
        }
        Value::Array(a) => format!("[{}]", a.iter().map(canonical).collect::<Vec<_>>().join(",")),
        _ => v.to_string(),
    }
}

fn prefixes(words: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = words.iter().flat_map(|w| (1..=w.chars().count()).map(move |n| w.chars().take(n).collect::<String>())).collect();
    out.sort();
    out.dedup();
    out
}

fn to_json<T: serde::Serialize>(v: T) -> Value {
    serde_json::to_value(v).unwrap()
}

fn dashboard() -> Value {
    let t = common::fresh();
    maillage_core::demo::generate(&t, "demo").unwrap();
    let this_year = chrono::Datelike::year(&chrono::Local::now());
    let mut bilans = serde_json::Map::new();
    let mut periods = serde_json::Map::new();
    for y in this_year - 3..=this_year {
        let p = bilan::year(y);
        periods.insert(format!("year:{y}"), to_json(&p));
        if y >= this_year - 1 {
            bilans.insert(format!("{}|{}", p.from, p.to), to_json(bilan::compute(&t, p).unwrap()));
        }
    }
    periods.insert("current".into(), to_json(bilan::year(this_year)));
    json!({ "bilan": bilans, "period": periods, "report_texts": report_texts_data(&t, this_year) })
}

/// The « Textes du rapport » panel: the core's texts of this year and last year, its answer to the
/// save the test makes (typed with spaces around, the introduction emptied), and its refusal of a
/// text one character too long.
fn report_texts_data(t: &common::TestDb, this_year: i32) -> Value {
    use maillage_core::model::{ReportTexts, ReportTextsInput, REPORT_TEXT_MAX};
    use maillage_core::queries::report_texts;
    let last = bilan::year(this_year - 1);
    let input = ReportTextsInput {
        from: last.from.clone(),
        to: last.to.clone(),
        texts: ReportTexts {
            introduction: None,
            faits_marquants: Some("  L'ouverture du point d'accès aux droits.\nDeux nouvelles communes.  ".into()),
            perspectives: Some("Un groupe de veille.".into()),
        },
    };
    // What the core holds before the test types anything: last year's texts of the demo, none
    // this year.
    let mut by_period = serde_json::Map::new();
    for p in [bilan::year(this_year), last.clone()] {
        by_period.insert(format!("{}|{}", p.from, p.to), to_json(report_texts::report_texts(t, &p).unwrap()));
    }
    let answer = report_texts::save(t, input.clone()).unwrap();
    let long = ReportTextsInput { texts: ReportTexts { introduction: Some("a".repeat(REPORT_TEXT_MAX + 1)), ..ReportTexts::default() }, ..input.clone() };
    let too_long = maillage_core::ErrorPayload::from(report_texts::save(t, long).unwrap_err());
    let mut saves = serde_json::Map::new();
    saves.insert(canonical(&to_json(&input)), to_json(&answer));
    json!({
        "by_period": by_period,
        "saves": saves,
        "too_long": to_json(too_long),
    })
}

fn directory_data() -> Value {
    let t = common::fresh();
    let all = domains::list(&t).unwrap();
    let domain = |label: &str| all.iter().find(|d| d.label == label).unwrap_or_else(|| panic!("no domain {label}")).id.clone();
    let org = |name: &str, acronym: Option<&str>, sector, category, commune: &str, domains: Vec<String>, extra: OrganisationInput| {
        organisations::create(&t, OrganisationInput { name: name.into(), acronym: acronym.map(Into::into), sector: Some(sector), category: Some(category), commune: Some(commune.into()), domain_ids: domains, ..extra }).unwrap()
    };
    let caf = org("Caisse d'allocations familiales", Some("CAF"), Sector::Parapublic, OrgCategory::Caf, "Brive-la-Gaillarde", vec![domain("Logement")], OrganisationInput {
        address: Some("2 rue Gambetta".into()), postal_code: Some("19100".into()), phone: Some("05 55 00 00 00".into()), email: Some("contact@caf.fr".into()),
        missions: Some("Prestations familiales".into()), public_served: Some("Allocataires".into()), access_conditions: Some("Sur rendez-vous".into()), ..Default::default()
    });
    let cpam = org("Sécurité sociale", Some("CPAM"), Sector::Parapublic, OrgCategory::SecuriteSociale, "Tulle", vec![domain("Santé")], OrganisationInput::default());
    org("Restos du cœur", None, Sector::Associatif, OrgCategory::AssociationEntraide, "Brive-la-Gaillarde", vec![], OrganisationInput::default());
    memberships::add(&t, MembershipEventInput { organisation_id: caf.id.clone(), status: Some(MembershipStatus::Membre), effective_date: Some("2024-01-15".into()), note: None }).unwrap();
    memberships::add(&t, MembershipEventInput { organisation_id: cpam.id.clone(), status: Some(MembershipStatus::Interesse), effective_date: Some("2025-03-01".into()), note: None }).unwrap();
    let anne = persons::create(&t, PersonInput { first_name: Some("Anne".into()), last_name: Some("Durand".into()), category: Some(PersonCategory::Professionnel), email: Some("anne@caf.fr".into()), ..Default::default() }).unwrap();
    affiliations::create(&t, AffiliationInput { person_id: anne.id.clone(), organisation_id: caf.id.clone(), function: Some("Conseillère".into()), ..Default::default() }).unwrap();

    let default_filter = json!({ "query": null, "sector": null, "category": null, "domain_id": null, "commune": null, "membership_status": null,
        "without_membership": false, "include_archived": false, "sort": "name", "descending": false });
    let mut lists = serde_json::Map::new();
    let mut queries: Vec<Value> = vec![Value::Null];
    queries.extend(prefixes(&["securite"]).into_iter().map(Value::String));
    for q in &queries {
        for sector in [Value::Null, json!("associatif")] {
            for descending in [false, true] {
                let mut f = default_filter.clone();
                f["query"] = q.clone();
                f["sector"] = sector.clone();
                f["descending"] = json!(descending);
                let filter: OrganisationFilter = serde_json::from_value(f.clone()).unwrap();
                lists.insert(canonical(&f), to_json(organisations::list(&t, &filter).unwrap()));
            }
        }
    }
    let person_filter = json!({ "query": null, "category": null, "organisation_id": null, "sort": "last_name", "descending": false, "include_archived": false });
    let people = persons::list(&t, &serde_json::from_value(person_filter.clone()).unwrap()).unwrap();
    let mut records = serde_json::Map::new();
    for o in organisations::list(&t, &OrganisationFilter::default()).unwrap() {
        records.insert(o.id.clone(), to_json(organisations::get(&t, &o.id).unwrap()));
    }
    json!({
        "domains": to_json(domains::list(&t).unwrap()),
        "communes": to_json(organisations::communes(&t).unwrap()),
        "organisation_refs": to_json(organisations::refs(&t).unwrap()),
        "organisations": lists,
        "organisation": records,
        "persons": { canonical(&person_filter): to_json(&people) },
        "person": { anne.id.clone(): to_json(persons::get(&t, &anne.id).unwrap()) },
        "directory": {
            "domain|false": to_json(directory::build(&t, DirectoryGrouping::Domain, false).unwrap()),
            "sector|false": to_json(directory::build(&t, DirectoryGrouping::Sector, false).unwrap()),
        },
    })
}

/// Brings the door to a state: exactly these people checked in.
fn set_state(t: &Connection, meeting: &str, present: &[&String]) {
    let marks: Vec<(String, String)> = t
        .prepare("SELECT id, person_id FROM attendance WHERE meeting_id = ? AND deleted_at IS NULL").unwrap()
        .query_map([meeting], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    for (id, person) in &marks {
        if !present.contains(&person) {
            attendance::undo(t, id).unwrap();
        }
    }
    for p in present {
        if !marks.iter().any(|(_, q)| q == *p) {
            attendance::check_in(t, meeting, None, p).unwrap();
        }
    }
}

fn checkin() -> Value {
    let t = common::fresh();
    // (Their addresses are for the letters' window.)
    let caf = organisations::create(&t, OrganisationInput { name: "CAF".into(), sector: Some(Sector::Parapublic), category: Some(OrgCategory::Caf),
        address: Some("1 place du Marché".into()), postal_code: Some("19100".into()), commune: Some("Brive-la-Gaillarde".into()), ..Default::default() }).unwrap();
    let udaf = organisations::create(&t, OrganisationInput { name: "UDAF".into(), sector: Some(Sector::Parapublic), category: Some(OrgCategory::Autre), ..Default::default() }).unwrap();
    let plenary = bodies::create(&t, BodyInput { name: "Séance plénière".into(), kind: Some(BodyKind::Pleniere), ..Default::default() }).unwrap();
    let mut people = BTreeMap::new();
    for (key, first, last, org) in [("dur", "Anne", "Durand", &caf), ("dup", "Paul", "Dupont", &caf), ("mar", "Zoé", "Martin", &udaf)] {
        let p = persons::create(&t, PersonInput { first_name: Some(first.into()), last_name: Some(last.into()), category: Some(PersonCategory::Professionnel), ..Default::default() }).unwrap();
        affiliations::create(&t, AffiliationInput { person_id: p.id.clone(), organisation_id: org.id.clone(), ..Default::default() }).unwrap();
        body_members::add(&t, BodyMemberInput { body_id: plenary.id.clone(), person_id: Some(p.id.clone()), role: Some(MemberRole::Membre), ..Default::default() }).unwrap();
        people.insert(key, p.id);
    }
    let today = chrono::Local::now().date_naive().to_string();
    let meeting = meetings::create(&t, MeetingInput { body_id: plenary.id.clone(), date: Some(today), start_time: Some("18:00".into()), end_time: Some("20:00".into()), place: Some("Hôtel de ville".into()), ..Default::default() }).unwrap();
    invitations::invite(&t, InviteRequest { meeting_id: meeting.id.clone(), body_members: true, ..Default::default() }).unwrap();
    let m = meeting.id.clone();
    // The meeting page's invitations (nobody checked in yet).
    let invited = to_json(invitations::of_meeting(&t, &m).unwrap());
    let queries = prefixes(&["dup", "caf", "dupont"]);
    // Enter asks the core whether the field holds a check-in code: for every search typed, no;
    // for Zoé Martin's code, her check-in (recorded from an empty door, then undone).
    let mut codes: serde_json::Map<String, Value> = queries.iter().map(|q| (q.clone(), Value::Null)).collect();
    let zoe = invitations::of_meeting(&t, &m).unwrap().into_iter().find(|i| i.person.as_ref().map(|p| &p.id) == Some(&people["mar"])).unwrap();
    let zoe_code = maillage_core::checkin_code::of_invitation(&zoe.id);
    let hit = attendance::check_in_by_code(&t, &m, None, &zoe_code).unwrap().unwrap();
    attendance::undo(&t, hit.attendance_id.as_deref().unwrap()).unwrap();
    codes.insert(zoe_code.clone(), to_json(&hit));
    // The same code from a scanner set to a US keyboard on a French (AZERTY) computer.
    let azerty = maillage_core::checkin_code::as_typed_on_azerty(&zoe_code);
    codes.insert(azerty.clone(), to_json(&hit));
    let mut states = serde_json::Map::new();
    let mut walk_in: Option<CheckInHit> = None;
    let mut already = Value::Null;
    let ids: Vec<&String> = people.values().collect();
    for with_walk_in in [false, true] {
        for mask in 0..8u8 {
            let mut present: Vec<&String> = ids.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, p)| *p).collect();
            if with_walk_in && walk_in.is_none() {
                set_state(&t, &m, &[]);
                walk_in = Some(attendance::walk_in(&t, WalkInInput { meeting_id: m.clone(), name: "Marc Passant".into(), organisation: Some("Association X".into()), ..Default::default() }).unwrap());
            }
            if let (true, Some(w)) = (with_walk_in, &walk_in) {
                present.push(&w.person_id);
            }
            set_state(&t, &m, &present);
            if mask == 7 && !with_walk_in {
                // What the core says when someone already present is checked in again.
                already = to_json(maillage_core::ErrorPayload::from(attendance::check_in(&t, &m, None, &people["dup"]).unwrap_err()));
            }
            let mut key: Vec<&str> = present.iter().map(|s| s.as_str()).collect();
            key.sort();
            let search: serde_json::Map<String, Value> = queries.iter().map(|q| (q.clone(), to_json(attendance::search(&t, &m, None, q, 12).unwrap()))).collect();
            states.insert(key.join(","), json!({
                "counts": to_json(attendance::counts(&t, &m).unwrap()),
                "meeting": to_json(meetings::get(&t, &m).unwrap()),
                "search": search,
            }));
        }
    }
    settings::save(&t, Settings { agency_name: Some("CCAS de Brive".into()), agency_town: Some("Brive-la-Gaillarde".into()), agency_address: Some("7 place de l'Hôtel de ville\n19100 Brive-la-Gaillarde".into()), ..Default::default() }).unwrap();
    let printing = printing(&m, &t);
    json!({ "meeting_id": m, "people": people, "invitations": invited, "printing": printing, "codes": codes, "zoe_code": zoe_code, "zoe_code_azerty": azerty, "states": states, "walk_in": to_json(walk_in), "already_present": already })
}

/// Printed sheets: a working group of 30 members (27 reachable by post) for badges and labels, and
/// the check-in meeting's letters (`meeting_id`, with its text and settings).
fn printing(meeting_id: &str, t: &Connection) -> Value {
    let body = bodies::create(t, BodyInput { name: "Groupe accès aux droits".into(), kind: Some(BodyKind::GroupeTravail), ..Default::default() }).unwrap();
    let mut orgs = Vec::new();
    for (i, town) in ["Brive-la-Gaillarde", "Tulle", "Ussel"].iter().enumerate() {
        orgs.push(organisations::create(t, OrganisationInput {
            name: format!("Centre social n° {}", i + 1), sector: Some(Sector::Associatif), category: Some(OrgCategory::AssociationEntraide),
            address: Some(format!("{} avenue de la République", 10 + i)), postal_code: Some(format!("19{}00", i + 1)), commune: Some((*town).into()),
            ..Default::default()
        }).unwrap());
    }
    for i in 0..30 {
        let p = persons::create(t, PersonInput { first_name: Some(format!("Prénom{i:02}")), last_name: Some(format!("Membre{i:02}")), category: Some(PersonCategory::Benevole), ..Default::default() }).unwrap();
        // Three people without a post: no postal address.
        if i >= 3 {
            affiliations::create(t, AffiliationInput { person_id: p.id.clone(), organisation_id: orgs[i % 3].id.clone(), function: Some("Bénévole".into()), ..Default::default() }).unwrap();
        }
        body_members::add(t, BodyMemberInput { body_id: body.id.clone(), person_id: Some(p.id.clone()), role: Some(if i == 0 { MemberRole::Pilote } else { MemberRole::Membre }), ..Default::default() }).unwrap();
    }
    let mut sheets = serde_json::Map::new();
    let requests = [json!({ "meeting_id": null, "body_id": body.id, "expected_only": true }), json!({ "meeting_id": null, "body_id": body.id, "expected_only": false }),
        json!({ "meeting_id": meeting_id, "body_id": null, "expected_only": false }), json!({ "meeting_id": meeting_id, "body_id": null, "expected_only": true })];
    for r in requests {
        let req: print_sheets::SheetRequest = serde_json::from_value(r.clone()).unwrap();
        sheets.insert(canonical(&r), to_json(print_sheets::sheets(t, &req).unwrap()));
    }
    json!({
        "body_id": body.id,
        "sheets": sheets,
        "letter_text": mailings::text(t, meeting_id, MailingPurpose::Invitation).unwrap(),
        "letter_recipients": to_json(mailings::letter_recipients(t, meeting_id, false).unwrap()),
        "codes": to_json(maillage_core::checkin_code::codes(t, meeting_id).unwrap()),
        "settings": to_json(settings::get(t).unwrap()),
    })
}

#[test]
fn write_the_browser_tests_backend_data() {
    crate::paris();
    let data = json!({ "dashboard": dashboard(), "directory": directory_data(), "checkin": checkin() });
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/ui-fixtures");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("backend.json"), serde_json::to_string(&data).unwrap()).unwrap();
    // The data is what the tests need: three organisations, one of them found by « securite ».
    let lists = data["directory"]["organisations"].as_object().unwrap();
    assert!(lists.values().any(|l| l.as_array().unwrap().len() == 3));
    assert_eq!(data["checkin"]["states"].as_object().unwrap().len(), 16);
}
