//! The figures against the independent oracle of `oracle/` on random networks (proptest, 500
//! cases per run, with shrinking), and the invariant that archiving people and organisations or
//! changing jobs today never moves a past year's bilan.
//!
//! Bounded for `make test`: each case is a fresh SQLite file of a few dozen rows; PROPTEST_CASES
//! raises the count for a longer hunt.

use crate::common;
use crate::paris;
#[path = "oracle/mod.rs"]
mod oracle;

use maillage_core::bilan;
use maillage_core::db::Connection;
use maillage_core::model::*;
use maillage_core::queries::{affiliations, agreements, attendance, bodies, body_members, invitations, meetings, memberships, organisations, persons};
use proptest::prelude::*;

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

/// Every figure of `year`'s bilan (N and N-1) equals the oracle's. Returns the first difference.
fn check(c: &Connection, year: i32) -> Result<(), String> {
    let b = bilan::figures(c, bilan::year(year)).map_err(|e| e.to_string())?;
    let d = oracle::read(c);
    for (p, now) in [(&b.period, true), (&b.previous, false)] {
        for (code, want) in d.summary(&p.from, &p.to) {
            let k = b.key_figures.iter().find(|k| k.code == code).ok_or(format!("no figure {code}"))?;
            let have = if now { k.current } else { k.previous };
            if !close(have, want) {
                return Err(format!("{} {code}: core {have:?}, oracle {want:?}", p.label));
            }
        }
        for (cat, want) in d.presences_by_category(&p.from, &p.to) {
            let k = b.key_figures.iter().find(|k| k.code == format!("presences_{cat}")).ok_or("no category line")?;
            let have = if now { k.current } else { k.previous };
            if have != Some(want as f64) {
                return Err(format!("{} presences_{cat}: core {have:?}, oracle {want}", p.label));
            }
        }
    }
    // Each meeting of the period.
    for bm in &b.meetings {
        let m = d.meetings.iter().find(|m| m.id == bm.id).ok_or("unknown meeting")?;
        let f = &bm.figures;
        let invited: std::collections::BTreeSet<String> = d.invitations_of(&m.id).iter().filter_map(|i| i.person.clone()).collect();
        let fates: Vec<oracle::Fate> = invited.iter().map(|p| d.fate(m, p)).collect();
        let n = |x: oracle::Fate| fates.iter().filter(|f| **f == x).count() as u32;
        let members = invited.iter().filter(|p| d.invitations_of(&m.id).iter().any(|i| i.person.as_ref() == Some(p) && i.member)).count() as u32;
        let present = d.present_people(&m.id);
        let walk_ins = present.iter().filter(|p| d.marks_of(&m.id).iter().any(|a| a.status == "present" && a.walk_in && a.person.as_ref().unwrap_or(&a.id) == *p)).count() as u32;
        let orgs_pe = d.orgs_present(&m.id).union(&d.orgs_excused(m)).count() as u32;
        let rate = (m.status == "tenue" && members > 0).then(|| d.members_present(m) as f64 / members as f64);
        let want = (invited.len() as u32, members, d.orgs_invited(&m.id).len() as u32, present.len() as u32, n(oracle::Fate::Excused), n(oracle::Fate::Represented), n(oracle::Fate::Absent), n(oracle::Fate::NoReply), d.orgs_present(&m.id).len() as u32, orgs_pe, walk_ins, d.members_present(m) as u32);
        let have = (f.invited_people, f.invited_members, f.invited_organisations, f.present, f.excused, f.represented, f.absent, f.no_reply, f.organisations_present, f.organisations_present_or_excused, f.walk_ins, f.members_present);
        if want != have || !close(rate, f.participation_rate) {
            return Err(format!("meeting {} ({}): core {have:?} {:?}, oracle {want:?} {rate:?}", m.date, m.status, f.participation_rate));
        }
    }
    // The meetings list shows the same counts (it asks the same rules).
    let listed = meetings::list(c, &MeetingFilter { from: Some(b.period.from.clone()), to: Some(b.period.to.clone()), ..Default::default() }).map_err(|e| e.to_string())?;
    for l in &listed {
        let bm = b.meetings.iter().find(|m| m.id == l.id).ok_or("a listed meeting is not in the bilan")?;
        if (l.invited_people, l.present) != (bm.figures.invited_people, bm.figures.present) {
            return Err(format!("list of meetings {}: {:?} against {:?}", l.date, (l.invited_people, l.present), (bm.figures.invited_people, bm.figures.present)));
        }
    }
    // Partners and bodies.
    for o in &b.organisations {
        let (inv, att, both, uninv, mob) = d.organisation(&o.id, &b.period.from, &b.period.to);
        let rate = (inv > 0).then(|| both as f64 / inv as f64);
        let want = (inv as u32, att as u32, uninv as u32, mob as u32, d.working_groups(&o.id, &b.period.to) as u32);
        let have = (o.meetings_invited, o.meetings_attended, o.meetings_attended_uninvited, o.meetings_present_or_excused, o.working_groups);
        if want != have || !close(rate, o.participation_rate) {
            return Err(format!("organisation {}: core {have:?} {:?}, oracle {want:?} {rate:?}", o.name, o.participation_rate));
        }
    }
    for l in &b.bodies {
        let [held, cancelled, members, present, num, den, people, orgs, people_m, orgs_m] = d.body(&l.id, &b.period.from, &b.period.to);
        let want = (held, cancelled, members, people, orgs, people_m, orgs_m);
        let have = (l.held as usize, l.cancelled as usize, l.members_at_end as usize, l.distinct_people as usize, l.distinct_organisations as usize, l.distinct_people_mobilised as usize, l.distinct_organisations_mobilised as usize);
        let avg = (held > 0).then(|| present as f64 / held as f64);
        let rate = (den > 0).then(|| num as f64 / den as f64);
        if want != have || !close(avg, l.average_present) || !close(rate, l.participation_rate) {
            return Err(format!("body {}: core {have:?}, oracle {want:?}", l.name));
        }
    }
    Ok(())
}


/// Everything a bilan says, less the moment it was produced.
fn snapshot(c: &Connection, year: i32) -> serde_json::Value {
    let mut v = serde_json::to_value(bilan::compute(c, bilan::year(year)).unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("generated_at");
    v
}

/// The path and values of the first difference between two JSON documents, if any.
fn first_difference(a: &serde_json::Value, b: &serde_json::Value, path: &str) -> Option<String> {
    use serde_json::Value as J;
    match (a, b) {
        (J::Object(x), J::Object(y)) => x.keys().chain(y.keys()).find_map(|k| match (x.get(k), y.get(k)) {
            (Some(u), Some(v)) => first_difference(u, v, &format!("{path}.{k}")),
            (u, v) => Some(format!("{path}.{k}: {u:?} ≠ {v:?}")),
        }),
        (J::Array(x), J::Array(y)) if x.len() == y.len() => x.iter().zip(y).enumerate().find_map(|(i, (u, v))| first_difference(u, v, &format!("{path}[{i}]"))),
        _ if a == b => None,
        _ => Some(format!("{path}: {a} ≠ {b}")),
    }
}

// ----- Random networks -----

/// Dates of the two past years the networks live in, with both sides of new year's eve.
const DATES: &[&str] = &["2024-01-01", "2024-03-15", "2024-06-30", "2024-12-31", "2025-01-01", "2025-05-20", "2025-12-31"];
const KINDS: &[BodyKind] = &[BodyKind::Pleniere, BodyKind::GroupeTravail, BodyKind::Copil];
const ROLES: &[MemberRole] = &[MemberRole::Membre, MemberRole::Membre, MemberRole::Pilote, MemberRole::InviteNonMembre];
const STATUSES: &[MembershipStatus] = &[MembershipStatus::Prospect, MembershipStatus::Interesse, MembershipStatus::Membre, MembershipStatus::Retire];
const REPLIES: &[Reply] = &[Reply::EnAttente, Reply::Accepte, Reply::Excuse, Reply::Decline];
const MEETING: &[MeetingStatus] = &[MeetingStatus::Prevue, MeetingStatus::Tenue, MeetingStatus::Tenue, MeetingStatus::Annulee, MeetingStatus::Reportee];
const MARKS: &[AttendanceStatus] = &[AttendanceStatus::Present, AttendanceStatus::Present, AttendanceStatus::Excuse, AttendanceStatus::Absent];

#[derive(Debug, Clone)]
struct MarkPlan {
    person: usize,
    status: usize,
    session: Option<usize>,
    stand_in_for: Option<usize>,
    /// A walk-in typed at the door, with the organisation (index) they said, if any.
    walk_in: Option<Option<usize>>,
}

#[derive(Debug, Clone)]
struct MeetingPlan {
    body: usize,
    date: usize,
    status: usize,
    sessions: usize,
    members: bool,
    people: Vec<usize>,
    orgs: Vec<usize>,
    replies: Vec<usize>,
    marks: Vec<MarkPlan>,
    headcount: Option<u32>,
}

#[derive(Debug, Clone)]
struct Plan {
    orgs: Vec<(usize, Vec<(usize, usize)>, Option<usize>)>,
    people: Vec<(usize, Option<usize>, Option<(usize, usize)>)>,
    bodies: Vec<(usize, Vec<(usize, bool, usize, Option<usize>, Option<usize>)>)>,
    meetings: Vec<MeetingPlan>,
    removals: Vec<usize>,
    archives: Vec<usize>,
    job_changes: Vec<(usize, usize)>,
}

fn mark_plan() -> impl Strategy<Value = MarkPlan> {
    (0..8usize, 0..4usize, prop::option::weighted(0.2, 0..2usize), prop::option::weighted(0.35, 0..3usize), prop::option::weighted(0.15, prop::option::of(0..4usize)))
        .prop_map(|(person, status, session, stand_in_for, walk_in)| MarkPlan { person, status, session, stand_in_for, walk_in })
}

fn meeting_plan() -> impl Strategy<Value = MeetingPlan> {
    (0..3usize, 0..DATES.len(), 0..MEETING.len(), 0..3usize, any::<bool>(), prop::collection::vec(0..8usize, 0..4), prop::collection::vec(0..4usize, 0..3), prop::collection::vec(0..4usize, 0..8), prop::collection::vec(mark_plan(), 0..7), prop::option::weighted(0.1, 0..500u32))
        .prop_map(|(body, date, status, sessions, members, people, orgs, replies, marks, headcount)| MeetingPlan { body, date, status, sessions, members, people, orgs, replies, marks, headcount })
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        prop::collection::vec((0..4usize, prop::collection::vec((0..4usize, 0..DATES.len()), 0..3), prop::option::of(0..DATES.len())), 1..5),
        prop::collection::vec((0..7usize, prop::option::weighted(0.8, 0..4usize), prop::option::weighted(0.25, (0..4usize, 0..DATES.len()))), 1..8),
        prop::collection::vec((0..KINDS.len(), prop::collection::vec((0..8usize, any::<bool>(), 0..ROLES.len(), prop::option::weighted(0.3, 0..DATES.len()), prop::option::weighted(0.3, 0..DATES.len())), 0..5)), 1..4),
        prop::collection::vec(meeting_plan(), 1..6),
        prop::collection::vec(0..8usize, 0..3),
        prop::collection::vec(0..4usize, 0..2),
        prop::collection::vec((0..8usize, 0..4usize), 0..2),
    )
        .prop_map(|(orgs, people, bodies, meetings, removals, archives, job_changes)| Plan { orgs, people, bodies, meetings, removals, archives, job_changes })
}

const SECTORS: &[Sector] = &[Sector::Public, Sector::Parapublic, Sector::Associatif, Sector::Prive];

/// Builds the network through the core's own functions, as the app would; a refused step (a
/// stand-in for themselves, a mark on a cancelled meeting…) is simply not taken.
fn build(c: &Connection, plan: &Plan) -> (Vec<String>, Vec<String>) {
    let mut org_ids = Vec::new();
    for (i, (sector, steps, signed)) in plan.orgs.iter().enumerate() {
        let o = organisations::create(c, OrganisationInput { name: format!("Organisme {i}"), sector: Some(SECTORS[*sector]), category: Some(OrgCategory::Autre), ..Default::default() }).unwrap();
        for (status, date) in steps {
            let _ = memberships::add(c, MembershipEventInput { organisation_id: o.id.clone(), status: Some(STATUSES[*status]), effective_date: Some(DATES[*date].into()), note: None });
        }
        if let Some(date) = signed {
            let a = agreements::create(c, AgreementInput { kind: Some(AgreementKind::Charte), title: format!("Charte {i}"), version: None, dated: None }).unwrap();
            agreements::sign(c, SignatureInput { agreement_id: a.id, organisation_id: o.id.clone(), signed_on: Some(DATES[*date].into()) }).unwrap();
        }
        org_ids.push(o.id);
    }
    let mut people = Vec::new();
    for (i, (category, org, change)) in plan.people.iter().enumerate() {
        let p = persons::create(c, PersonInput { first_name: Some(format!("P{i}")), last_name: Some(format!("Personne{i}")), category: Some(PersonCategory::ALL[*category]), ..Default::default() }).unwrap();
        if let Some(o) = org {
            let end = change.map(|(_, d)| DATES[d].to_owned());
            let _ = affiliations::create(c, AffiliationInput { person_id: p.id.clone(), organisation_id: org_ids[o % org_ids.len()].clone(), start_date: Some("2020-01-01".into()), end_date: end.clone(), ..Default::default() });
            if let (Some((next, _)), Some(end)) = (change, end) {
                // A job change: the next post starts the day after.
                let start = (chrono::NaiveDate::parse_from_str(&end, "%Y-%m-%d").unwrap() + chrono::Duration::days(1)).to_string();
                let _ = affiliations::create(c, AffiliationInput { person_id: p.id.clone(), organisation_id: org_ids[next % org_ids.len()].clone(), start_date: Some(start), ..Default::default() });
            }
        }
        people.push(p.id);
    }
    let mut body_ids = Vec::new();
    for (i, (kind, seats)) in plan.bodies.iter().enumerate() {
        let b = bodies::create(c, BodyInput { name: format!("Instance {i}"), kind: Some(KINDS[*kind]), ..Default::default() }).unwrap();
        for (who, is_org, role, start, end) in seats {
            let (start, end) = (start.map(|d| DATES[d].to_owned()), end.map(|d| DATES[d].to_owned()));
            let (person_id, organisation_id) = if *is_org { (None, Some(org_ids[who % org_ids.len()].clone())) } else { (Some(people[who % people.len()].clone()), None) };
            let _ = body_members::add(c, BodyMemberInput { body_id: b.id.clone(), person_id, organisation_id, role: Some(ROLES[*role]), start_date: start, end_date: end });
        }
        body_ids.push(b.id);
    }
    for (n, m) in plan.meetings.iter().enumerate() {
        // New year's eve and day meet late in the evening: the local date decides the year.
        let late = DATES[m.date].ends_with("12-31") || DATES[m.date].ends_with("01-01");
        let meeting = meetings::create(c, MeetingInput {
            body_id: body_ids[m.body % body_ids.len()].clone(),
            date: Some(DATES[m.date].into()),
            start_time: late.then(|| "22:30".to_owned()),
            end_time: late.then(|| "23:59".to_owned()),
            status: Some(MEETING[m.status]),
            headcount: m.headcount,
            ..Default::default()
        })
        .unwrap();
        let sessions: Vec<String> = (0..m.sessions).map(|s| meetings::add_session(c, MeetingSessionInput { meeting_id: meeting.id.clone(), title: format!("Séance {s}"), ..Default::default() }).unwrap().id).collect();
        invitations::invite(c, InviteRequest {
            meeting_id: meeting.id.clone(),
            body_members: m.members,
            person_ids: m.people.iter().map(|p| people[p % people.len()].clone()).collect(),
            organisation_ids: m.orgs.iter().map(|o| org_ids[o % org_ids.len()].clone()).collect(),
        })
        .unwrap();
        for (inv, reply) in invitations::of_meeting(c, &meeting.id).unwrap().iter().zip(&m.replies) {
            invitations::set_reply(c, &inv.id, REPLIES[*reply], None).unwrap();
        }
        for (k, mk) in m.marks.iter().enumerate() {
            let session = mk.session.and_then(|s| sessions.get(s).cloned());
            if let Some(org) = mk.walk_in {
                let organisation = org.map(|o| format!("Organisme {}", o % org_ids.len()));
                let _ = attendance::walk_in(c, WalkInInput { meeting_id: meeting.id.clone(), session_id: session, name: format!("Arrivée{n}x{k} Sans{k}"), organisation });
                continue;
            }
            let _ = attendance::set(c, AttendanceInput {
                meeting_id: meeting.id.clone(),
                session_id: session,
                person_id: people[mk.person % people.len()].clone(),
                status: Some(MARKS[mk.status]),
                stand_in_for_person_id: mk.stand_in_for.map(|p| people[p % people.len()].clone()),
                ..Default::default()
            });
        }
    }
    (people, org_ids)
}

/// What a secretariat does today to people and organisations whose past is recorded.
fn mutate(c: &Connection, plan: &Plan, people: &[String], orgs: &[String]) {
    for p in &plan.removals {
        let _ = persons::remove(c, &people[p % people.len()]);
    }
    for o in &plan.archives {
        let _ = organisations::remove(c, &orgs[o % orgs.len()]);
    }
    for (p, o) in &plan.job_changes {
        let person = &people[p % people.len()];
        for a in affiliations::of_person(c, person).unwrap_or_default().into_iter().filter(|a| a.current) {
            let _ = affiliations::end(c, &a.id, None);
        }
        let _ = affiliations::create(c, AffiliationInput { person_id: person.clone(), organisation_id: orgs[o % orgs.len()].clone(), start_date: Some(today()), ..Default::default() });
    }
}

/// A job change happens today: the new post starts today (a post without a start date would
/// say « since always » and rightly rewrite the past).
fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(500)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), max_shrink_iters: 4000, failure_persistence: None, ..ProptestConfig::default() })]

    /// The core's figures equal the oracle's on random networks, before and after archiving people
    /// and organisations and changing jobs; and the past years' bilans do not move.
    #[test]
    fn figures_match_the_oracle_and_the_past_never_moves(plan in plan()) {
        paris();
        let t = common::fresh();
        let (people, orgs) = build(&t, &plan);
        for year in [2024, 2025] {
            if let Err(e) = check(&t, year) { prop_assert!(false, "before: {}", e); }
        }
        let mut before = [snapshot(&t, 2024), snapshot(&t, 2025)];
        mutate(&t, &plan, &people, &orgs);
        let after = [snapshot(&t, 2024), snapshot(&t, 2025)];
        // An organisation without any history is deleted, not archived: it counted in no figure,
        // and its empty line leaves the Partenaires sheet with it.
        let deleted: Vec<String> = t.prepare("SELECT id FROM organisation WHERE deleted_at IS NOT NULL").unwrap()
            .query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        for b in &mut before {
            b["organisations"].as_array_mut().unwrap().retain(|o| !deleted.iter().any(|d| o["id"] == d.as_str()));
        }
        for (b, a) in before.iter().zip(&after) {
            if let Some(d) = first_difference(b, a, "bilan") { prop_assert!(false, "a past year's bilan moved: {}", d); }
        }
        if let Err(e) = check(&t, 2025) { prop_assert!(false, "after: {}", e); }
    }
}

/// The invariant on the demonstration network (the real scale: 120 organisations, 300 people):
/// every past year's bilan is identical after removing a third of the people, archiving a third
/// of the organisations and changing jobs — and the oracle agrees with the core on it.
#[test]
fn the_demo_network_past_years_never_move() {
    paris();
    let t = common::fresh();
    maillage_core::demo::generate(&t, "demo").unwrap();
    let this_year = chrono::Datelike::year(&chrono::Local::now());
    let years: Vec<i32> = (this_year - 2..this_year).collect();
    for y in &years {
        check(&t, *y).unwrap_or_else(|e| panic!("{y}: {e}"));
    }
    let before: Vec<_> = years.iter().map(|y| snapshot(&t, *y)).collect();
    let people: Vec<String> = persons::list(&t, &PersonFilter::default()).unwrap().into_iter().map(|p| p.id).collect();
    let orgs: Vec<String> = organisations::list(&t, &OrganisationFilter::default()).unwrap().into_iter().map(|o| o.id).collect();
    let mut rng = fastrand::Rng::with_seed(9);
    for p in people.iter().filter(|_| rng.u8(0..3) == 0) {
        persons::remove(&t, p).unwrap();
    }
    for o in orgs.iter().filter(|_| rng.u8(0..3) == 0) {
        organisations::remove(&t, o).unwrap();
    }
    for p in people.iter().step_by(7) {
        for a in affiliations::of_person(&t, p).map(|v| v.into_iter().filter(|a| a.current).collect::<Vec<_>>()).unwrap_or_default() {
            let _ = affiliations::end(&t, &a.id, None);
        }
        let _ = affiliations::create(&t, AffiliationInput { person_id: p.clone(), organisation_id: orgs[rng.usize(0..orgs.len())].clone(), start_date: Some(today()), ..Default::default() });
    }
    let after: Vec<_> = years.iter().map(|y| snapshot(&t, *y)).collect();
    for (i, y) in years.iter().enumerate() {
        assert_eq!(first_difference(&before[i], &after[i], "bilan"), None, "the bilan of {y} moved");
        check(&t, *y).unwrap_or_else(|e| panic!("{y} after: {e}"));
    }
}
