//! The counting rules of the figures issue, one test each. Every one of them failed on the code
//! before the figures layer (the comment says how), and passes now.

use crate::common;

use common::{fresh, make_org, make_person};
use maillage_core::bilan;
use maillage_core::db::Connection;
use maillage_core::model::*;
use maillage_core::queries::{affiliations, attendance, bodies, body_members, invitations, meetings, memberships, organisations, persons};

fn figure(b: &Bilan, code: &str) -> Option<f64> {
    b.key_figures.iter().find(|k| k.code == code).unwrap_or_else(|| panic!("no figure {code}")).current
}

fn body(c: &Connection, name: &str) -> String {
    bodies::create(c, BodyInput { name: name.into(), kind: Some(BodyKind::Pleniere), ..Default::default() }).unwrap().id
}

fn seat(c: &Connection, body: &str, person: Option<&str>, org: Option<&str>) {
    body_members::add(c, BodyMemberInput { body_id: body.into(), person_id: person.map(Into::into), organisation_id: org.map(Into::into), role: Some(MemberRole::Membre), ..Default::default() }).unwrap();
}

fn post(c: &Connection, person: &str, org: &str) {
    affiliations::create(c, AffiliationInput { person_id: person.into(), organisation_id: org.into(), start_date: Some("2020-01-01".into()), ..Default::default() }).unwrap();
}

fn meeting(c: &Connection, body: &str, date: &str) -> String {
    meetings::create(c, MeetingInput { body_id: body.into(), date: Some(date.into()), ..Default::default() }).unwrap().id
}

fn invite(c: &Connection, meeting: &str, people: &[&str], orgs: &[&str]) {
    invitations::invite(c, InviteRequest { meeting_id: meeting.into(), body_members: false, person_ids: people.iter().map(|s| s.to_string()).collect(), organisation_ids: orgs.iter().map(|s| s.to_string()).collect() }).unwrap();
}

fn mark(c: &Connection, meeting: &str, person: &str, status: AttendanceStatus, stand_in_for: Option<&str>) {
    attendance::set(c, AttendanceInput { meeting_id: meeting.into(), person_id: person.into(), status: Some(status), stand_in_for_person_id: stand_in_for.map(Into::into), ..Default::default() }).unwrap();
}

/// Everything a bilan says, less the moment it was produced.
fn snapshot(c: &Connection, year: i32) -> serde_json::Value {
    let mut v = serde_json::to_value(bilan::compute(c, bilan::year(year)).unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("generated_at");
    v
}

/// Rule 1. Before: `persons::remove` tombstoned the person and the loader dropped their
/// invitations, so 2025's invited count and participation rate changed.
#[test]
fn a_past_year_does_not_move_when_a_person_is_removed() {
    let t = fresh();
    let caf = make_org(&t, "CAF", None);
    let plenary = body(&t, "Plénière");
    let (ana, bob) = (make_person(&t, "Ana", "Alpha", None), make_person(&t, "Bob", "Bravo", None));
    for p in [&ana, &bob] {
        post(&t, &p.id, &caf.id);
        seat(&t, &plenary, Some(&p.id), None);
    }
    let m = meeting(&t, &plenary, "2025-03-10");
    invite(&t, &m, &[&ana.id, &bob.id], &[]);
    mark(&t, &m, &bob.id, AttendanceStatus::Present, None);
    let before = snapshot(&t, 2025);
    let names_before = attendance::participants(&t, "2025-01-01", "2025-12-31").unwrap();
    assert_eq!(persons::remove(&t, &ana.id).unwrap(), RemovalOutcome::Archived, "invited: history");
    assert_eq!(persons::remove(&t, &bob.id).unwrap(), RemovalOutcome::Archived, "present: history");
    assert_eq!(snapshot(&t, 2025), before, "every figure of 2025 is identical");
    assert_eq!(attendance::participants(&t, "2025-01-01", "2025-12-31").unwrap(), names_before, "the names sheet keeps them");
    let b = bilan::compute(&t, bilan::year(2025)).unwrap();
    assert_eq!(b.meetings[0].figures.invited_members, 2);
    assert_eq!(figure(&b, "participation_rate"), Some(0.5));
    // Archived, not gone: out of the lists, back with « réactiver ».
    let listed = persons::list(&t, &PersonFilter::default()).unwrap();
    assert!(listed.iter().all(|p| p.id != ana.id), "an archived person leaves the list");
    assert!(persons::get(&t, &ana.id).unwrap().archived_at.is_some());
    assert!(persons::unarchive(&t, &ana.id).unwrap().archived_at.is_none());
    // Someone without history is deleted outright.
    let nobody = make_person(&t, "Zoé", "Zulu", None);
    assert_eq!(persons::remove(&t, &nobody.id).unwrap(), RemovalOutcome::Deleted);
}

/// Rule 2. Before: a walk-in linked to the organisation counted in the numerator only: 2 ÷ 1.
#[test]
fn an_organisation_rate_never_exceeds_100_percent() {
    let t = fresh();
    let caf = make_org(&t, "CAF", None);
    let plenary = body(&t, "Plénière");
    let ana = make_person(&t, "Ana", "Alpha", None);
    post(&t, &ana.id, &caf.id);
    let m1 = meeting(&t, &plenary, "2025-03-10");
    invite(&t, &m1, &[&ana.id], &[]);
    mark(&t, &m1, &ana.id, AttendanceStatus::Present, None);
    let m2 = meeting(&t, &plenary, "2025-04-10");
    attendance::walk_in(&t, WalkInInput { meeting_id: m2, name: "Léa Lima".into(), organisation: Some("CAF".into()), ..Default::default() }).unwrap();
    let b = bilan::compute(&t, bilan::year(2025)).unwrap();
    let row = b.organisations.iter().find(|o| o.id == caf.id).unwrap();
    assert_eq!((row.meetings_invited, row.meetings_attended, row.meetings_attended_uninvited), (1, 2, 1));
    assert_eq!(row.participation_rate, Some(1.0), "invited and present ÷ invited");
}

/// Rule 3. Before: archived within the period, the organisation left the withdrawals while it
/// still counted among the distinct organisations present.
#[test]
fn a_withdrawal_counts_even_when_the_organisation_was_archived_since() {
    let t = fresh();
    let udaf = make_org(&t, "UDAF", None);
    let plenary = body(&t, "Plénière");
    let ana = make_person(&t, "Ana", "Alpha", None);
    post(&t, &ana.id, &udaf.id);
    let m = meeting(&t, &plenary, "2025-02-10");
    invite(&t, &m, &[&ana.id], &[]);
    mark(&t, &m, &ana.id, AttendanceStatus::Present, None);
    for (status, date) in [(MembershipStatus::Membre, "2024-01-10"), (MembershipStatus::Retire, "2025-03-01")] {
        memberships::add(&t, MembershipEventInput { organisation_id: udaf.id.clone(), status: Some(status), effective_date: Some(date.into()), note: None }).unwrap();
    }
    assert_eq!(organisations::remove(&t, &udaf.id).unwrap(), RemovalOutcome::Archived);
    // The secretariat archived it in June 2025 (the app stamps the moment of the click).
    t.execute("UPDATE organisation SET archived_at = '2025-06-01T09:00:00.000Z' WHERE id = ?", [&udaf.id]).unwrap();
    let b = bilan::compute(&t, bilan::year(2025)).unwrap();
    assert_eq!(figure(&b, "distinct_organisations"), Some(1.0));
    assert_eq!(figure(&b, "withdrawals"), Some(1.0), "its withdrawal of March 2025 counts");
    assert_eq!(figure(&b, "members"), Some(0.0), "no end-of-period status once archived");
    let row = b.organisations.iter().find(|o| o.id == udaf.id).expect("listed for what it did in 2025");
    assert!(row.archived);
}

/// Rule 4. Before: someone coming for an organisation invited alone was a walk-in, shown as « non
/// invité(e) », and counted among the non-members.
#[test]
fn someone_coming_for_an_organisation_invited_alone_is_not_a_walk_in() {
    let t = fresh();
    let caf = make_org(&t, "CAF", None);
    let plenary = body(&t, "Plénière");
    seat(&t, &plenary, None, Some(&caf.id));
    let ana = make_person(&t, "Ana", "Alpha", None);
    post(&t, &ana.id, &caf.id);
    let m = meeting(&t, &plenary, "2025-03-10");
    invite(&t, &m, &[], &[&caf.id]);
    let hits = attendance::search(&t, &m, None, "alpha", 10).unwrap();
    assert!(hits.iter().any(|h| h.person_id == ana.id && h.invited), "shown as invited through the CAF: {hits:?}");
    attendance::check_in(&t, &m, None, &ana.id).unwrap();
    let f = meetings::get(&t, &m).unwrap().figures;
    assert_eq!((f.walk_ins, f.non_members_present, f.present, f.organisations_present), (0, 0, 1, 1));
    // Typed at the door with the name of the organisation invited alone: on its invitation too.
    let hit = attendance::walk_in(&t, WalkInInput { meeting_id: m.clone(), name: "Léa Lima".into(), organisation: Some("CAF".into()), ..Default::default() }).unwrap();
    assert!(hit.invited, "{hit:?}");
    let f = meetings::get(&t, &m).unwrap().figures;
    assert_eq!((f.walk_ins, f.present), (0, 2));
}

/// Rule 5. Before: Bob, an invited member present, also filled Ana's seat: 2 ÷ 2.
#[test]
fn a_stand_in_who_is_an_invited_member_counts_once() {
    let t = fresh();
    let plenary = body(&t, "Plénière");
    let (ana, bob, cyd) = (make_person(&t, "Ana", "Alpha", None), make_person(&t, "Bob", "Bravo", None), make_person(&t, "Cyd", "Charlie", None));
    for p in [&ana, &bob, &cyd] {
        seat(&t, &plenary, Some(&p.id), None);
    }
    let m = meeting(&t, &plenary, "2025-03-10");
    invite(&t, &m, &[&ana.id, &bob.id, &cyd.id], &[]);
    mark(&t, &m, &bob.id, AttendanceStatus::Present, Some(&ana.id));
    let f = meetings::get(&t, &m).unwrap().figures;
    assert_eq!((f.members_present, f.invited_members, f.represented), (1, 3, 1), "{f:?}");
    // A stand-in who was not invited fills the seat of the member they came for.
    let dan = make_person(&t, "Dan", "Delta", None);
    mark(&t, &m, &dan.id, AttendanceStatus::Present, Some(&cyd.id));
    let f = meetings::get(&t, &m).unwrap().figures;
    assert_eq!((f.members_present, f.represented, f.present), (2, 2, 2), "{f:?}");
    assert_eq!(f.participation_rate, Some(2.0 / 3.0));
}

/// Rule 6. Before: any status or date was accepted, an empty status became « prévue », and the
/// meeting silently left the bilan; a planned meeting showed 0 %.
#[test]
fn a_held_meeting_keeps_its_status_and_a_planned_one_has_no_rate() {
    let t = fresh();
    let plenary = body(&t, "Plénière");
    let ana = make_person(&t, "Ana", "Alpha", None);
    seat(&t, &plenary, Some(&ana.id), None);
    let m = meeting(&t, &plenary, "2025-03-10");
    invite(&t, &m, &[&ana.id], &[]);
    mark(&t, &m, &ana.id, AttendanceStatus::Present, None);
    let input = |status: Option<MeetingStatus>, date: &str| MeetingInput { body_id: plenary.clone(), date: Some(date.into()), status, place: Some("Mairie".into()), ..Default::default() };
    let kept = meetings::update(&t, &m, input(None, "2025-03-10")).unwrap();
    assert_eq!(kept.status, MeetingStatus::Tenue, "an empty status keeps the current one");
    for status in [MeetingStatus::Prevue, MeetingStatus::Annulee, MeetingStatus::Reportee] {
        let err = meetings::update(&t, &m, input(Some(status), "2025-03-10")).unwrap_err();
        assert!(err.to_string().contains("reste « tenue »"), "{err}");
    }
    let err = meetings::update(&t, &m, input(None, "2099-01-01")).unwrap_err();
    assert!(err.to_string().contains("date future"), "{err}");
    assert_eq!(figure(&bilan::compute(&t, bilan::year(2025)).unwrap(), "meetings_held"), Some(1.0));

    let planned = meeting(&t, &plenary, "2099-05-01");
    invite(&t, &planned, &[&ana.id], &[]);
    assert_eq!(meetings::get(&t, &planned).unwrap().figures.participation_rate, None, "« — », not 0 %");
}

/// Rule 7. Before: the figure did not exist.
#[test]
fn distinct_people_and_organisations_present_or_excused() {
    let t = fresh();
    let plenary = body(&t, "Plénière");
    let (caf, udaf, mlo) = (make_org(&t, "CAF", None), make_org(&t, "UDAF", None), make_org(&t, "Mission locale", None));
    let (ana, cyd) = (make_person(&t, "Ana", "Alpha", None), make_person(&t, "Cyd", "Charlie", None));
    post(&t, &ana.id, &caf.id);
    post(&t, &cyd.id, &udaf.id);
    let m = meeting(&t, &plenary, "2025-03-10");
    invite(&t, &m, &[&ana.id, &cyd.id], &[&mlo.id]);
    mark(&t, &m, &ana.id, AttendanceStatus::Present, None);
    mark(&t, &m, &cyd.id, AttendanceStatus::Excuse, None);
    let mlo_invitation = invitations::of_meeting(&t, &m).unwrap().into_iter().find(|i| i.person.is_none()).unwrap();
    invitations::set_reply(&t, &mlo_invitation.id, Reply::Excuse, None).unwrap();
    let b = bilan::compute(&t, bilan::year(2025)).unwrap();
    assert_eq!(figure(&b, "distinct_people"), Some(1.0));
    assert_eq!(figure(&b, "distinct_people_mobilised"), Some(2.0));
    assert_eq!(figure(&b, "distinct_organisations"), Some(1.0));
    assert_eq!(figure(&b, "distinct_organisations_mobilised"), Some(3.0), "CAF present, UDAF through Cyd, the mission invited alone");
    let line = b.bodies.iter().find(|x| x.id == plenary).unwrap();
    assert_eq!((line.distinct_people_mobilised, line.distinct_organisations_mobilised), (2, 3));
    let udaf_row = b.organisations.iter().find(|o| o.id == udaf.id).unwrap();
    assert_eq!((udaf_row.meetings_attended, udaf_row.meetings_present_or_excused), (0, 1));
}

/// The change from N-1 is the core's, carried by the figure (the dashboard and the workbook used
/// to compute it each on their own).
#[test]
fn the_change_is_computed_once_by_the_core() {
    let t = fresh();
    let plenary = body(&t, "Plénière");
    let ana = make_person(&t, "Ana", "Alpha", None);
    seat(&t, &plenary, Some(&ana.id), None);
    for date in ["2024-05-01", "2025-05-01", "2025-06-01", "2025-07-01"] {
        let m = meeting(&t, &plenary, date);
        invite(&t, &m, &[&ana.id], &[]);
        if date != "2025-07-01" {
            mark(&t, &m, &ana.id, AttendanceStatus::Present, None);
        } else {
            mark(&t, &m, &ana.id, AttendanceStatus::Absent, None);
        }
    }
    let b = bilan::compute(&t, bilan::year(2025)).unwrap();
    let k = |code: &str| b.key_figures.iter().find(|k| k.code == code).unwrap().clone();
    assert_eq!(k("meetings_held").change, Some(2.0), "3 against 1: +200 %");
    let rate = k("participation_rate");
    assert!((rate.change.unwrap() - (2.0 / 3.0 - 1.0) * 100.0).abs() < 1e-9, "in points: {rate:?}");
    assert_eq!(k("meetings_held").drill, Drill::HeldMeetings);
    assert_eq!(k("projects_done").drill, Drill::Actions);
    assert_eq!(k("new_members").change, None, "no change from 0");
}

/// Rule 5 across sessions (pure, on rows): one stand-in who came for two absent members, in the
/// morning for one and in the afternoon for the other, still fills one seat only.
#[test]
fn one_stand_in_fills_one_seat_even_across_sessions() {
    use maillage_core::figures::{meeting, AttendanceRow, InvitationRow, Key};
    let (ana, bob, dan, eve): (Key, Key, Key, Key) = (1, 2, 3, 4);
    let inv = |p: Key| InvitationRow { meeting: 0, person: Some(p), organisation: None, is_member: true, reply: Reply::EnAttente };
    let present_for = |who: Key, absent: Key| AttendanceRow {
        meeting: 0,
        person: who,
        category: PersonCategory::Professionnel,
        organisation: None,
        status: AttendanceStatus::Present,
        is_member: true,
        walk_in: false,
        stand_in_for: Some(absent),
    };
    let f = meeting::compute(MeetingStatus::Tenue, None, &[inv(ana), inv(bob)], &[present_for(dan, ana), present_for(dan, bob)]);
    assert_eq!((f.present, f.represented, f.members_present), (1, 2, 1), "{f:?}");
    // Two stand-ins for the same member: one seat.
    let f = meeting::compute(MeetingStatus::Tenue, None, &[inv(ana), inv(bob)], &[present_for(dan, ana), present_for(eve, ana)]);
    assert_eq!((f.present, f.represented, f.members_present), (2, 1, 1), "{f:?}");
}

/// A rate is Σ numerators ÷ Σ denominators over the meetings, never the mean of the meetings'
/// rates: here 1/1 and 1/4 give 2/5 = 40 %, where a mean of rates would say 62.5 %.
#[test]
fn a_rate_sums_counts_it_never_averages_rates() {
    let t = fresh();
    let plenary = body(&t, "Plénière");
    let people: Vec<String> = (0..4).map(|i| make_person(&t, &format!("P{i}"), "Membre", None).id).collect();
    for p in &people {
        seat(&t, &plenary, Some(p), None);
    }
    let small = meeting(&t, &plenary, "2025-02-01");
    invite(&t, &small, &[&people[0]], &[]);
    mark(&t, &small, &people[0], AttendanceStatus::Present, None);
    let large = meeting(&t, &plenary, "2025-03-01");
    invite(&t, &large, &people.iter().map(String::as_str).collect::<Vec<_>>(), &[]);
    mark(&t, &large, &people[1], AttendanceStatus::Present, None);
    let b = bilan::compute(&t, bilan::year(2025)).unwrap();
    let k = b.key_figures.iter().find(|k| k.code == "participation_rate").unwrap();
    assert_eq!(k.current_ratio, Some((2, 5)));
    assert_eq!(k.current, Some(0.4));
    assert_eq!(b.bodies[0].participation_rate, Some(0.4), "the body's average rate too");
}
