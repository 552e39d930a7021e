//! The figures of a period — the summary, meetings, bodies, partners, profiles and months — from
//! the rows of [`Rows`]. Pure: the same rows always give the same figures, on every machine.
//!
//! Rules that hold for every figure (their French wording is in [`super::definitions`]):
//! - a meeting belongs to the period by its local date (Europe/Paris, as stored);
//! - only held meetings (« tenue ») count in attendance figures and rates; cancelled meetings are
//!   counted as such and never in rates;
//! - a meeting's figures follow the counting rules of [`super::meeting`], and figures over the
//!   period count distinct people and organisations by the same classification;
//! - rates are computed from stored counts: Σ numerators ÷ Σ denominators over the meetings,
//!   never an average of percentages, and they carry both numbers;
//! - a past period's figures depend only on its meetings (invitations, replies, attendance) and
//!   on dated history (membership steps, signatures, seats, posts): archiving a person or an
//!   organisation, or a job change today, never moves them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::definitions::DEFINITIONS;
use super::meeting::{tally, Tally};
use super::period::{contains, month_keys, months};
use super::rows::*;
use crate::model::*;

/// A figure of the summary for one period: its value and, for a rate, its two numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Value {
    pub value: Option<f64>,
    pub ratio: Option<(u32, u32)>,
}

impl Value {
    fn count(n: usize) -> Self {
        Value { value: Some(n as f64), ratio: None }
    }
    fn ratio(num: u32, den: u32) -> Self {
        Value { value: (den > 0).then(|| num as f64 / den as f64), ratio: Some((num, den)) }
    }
}

/// What one period measures, before it is laid out.
#[derive(Debug, Clone, Default)]
pub struct Measures {
    pub meetings: Vec<BilanMeeting>,
    pub bodies: Vec<BilanBody>,
    pub organisations: Vec<BilanOrganisation>,
    pub profiles: Vec<ProfileCell>,
    pub months: Vec<MonthPoint>,
    pub values: HashMap<&'static str, Value>,
    pub held_by_kind: BTreeMap<BodyKind, u32>,
    pub presences_by_category: BTreeMap<PersonCategory, u32>,
}

/// Per organisation, the held meetings of the period it was invited to, attended, or was excused at.
#[derive(Default)]
struct OrgMeetings<'a> {
    invited: BTreeSet<&'a str>,
    attended: BTreeSet<&'a str>,
    excused: BTreeSet<&'a str>,
}

pub fn measure(rows: &Rows, p: &Period) -> Measures {
    let mine: Vec<&MeetingRow> = rows.meetings.iter().filter(|m| contains(p, &m.date)).collect();
    let tallies: Vec<Tally> = mine
        .iter()
        .map(|m| {
            let (inv, att) = rows.of_meeting(&m.id);
            tally(m.status, m.headcount, inv, att)
        })
        .collect();
    let held: Vec<usize> = (0..mine.len()).filter(|&i| mine[i].status == MeetingStatus::Tenue).collect();
    let sum = |f: &dyn Fn(&MeetingFigures) -> u32| held.iter().map(|&i| f(&tallies[i].figures)).sum::<u32>();

    let mut v: HashMap<&'static str, Value> = HashMap::new();
    v.insert("meetings_held", Value::count(held.len()));
    v.insert("meetings_cancelled", Value::count(mine.iter().filter(|m| m.status == MeetingStatus::Annulee).count()));
    v.insert("presences", Value::count(sum(&|f| f.present) as usize));
    v.insert("excused", Value::count(sum(&|f| f.excused) as usize));
    v.insert("represented", Value::count(sum(&|f| f.represented) as usize));
    v.insert("absent", Value::count(sum(&|f| f.absent) as usize));
    v.insert("no_reply", Value::count(sum(&|f| f.no_reply) as usize));
    v.insert("non_members", Value::count(sum(&|f| f.non_members_present) as usize));
    v.insert("headcount", Value::count(sum(&|f| f.headcount.unwrap_or(0)) as usize));
    v.insert("participation_rate", Value::ratio(sum(&|f| f.members_present), sum(&|f| f.invited_members)));
    v.insert("mobilisation_rate", Value::ratio(sum(&|f| f.present_or_excused_invited()), sum(&|f| f.invited_people)));

    // Distinct people and organisations, profiles, months: from the tallies of held meetings.
    let mut people: BTreeSet<&str> = BTreeSet::new();
    let mut people_mobilised: BTreeSet<&str> = BTreeSet::new();
    let mut orgs: BTreeSet<&str> = BTreeSet::new();
    let mut orgs_mobilised: BTreeSet<&str> = BTreeSet::new();
    let mut by_org: HashMap<&str, OrgMeetings> = HashMap::new();
    let mut profiles: BTreeMap<(BodyKind, PersonCategory), u32> = BTreeMap::new();
    let mut by_category: BTreeMap<PersonCategory, u32> = BTreeMap::new();
    let mut held_by_kind: BTreeMap<BodyKind, u32> = BTreeMap::new();
    let mut by_month: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for &i in &held {
        let (m, t) = (mine[i], &tallies[i]);
        *held_by_kind.entry(m.body_kind).or_default() += 1;
        let month = by_month.entry(&m.date[..7]).or_default();
        month.0 += 1;
        month.1 += t.figures.present;
        people.extend(&t.present);
        people_mobilised.extend(t.present.iter().chain(&t.excused_or_represented));
        orgs.extend(&t.organisations_present);
        orgs_mobilised.extend(t.organisations_present.iter().chain(&t.organisations_excused));
        for o in &t.organisations_invited {
            by_org.entry(o).or_default().invited.insert(&m.id);
        }
        for o in &t.organisations_present {
            by_org.entry(o).or_default().attended.insert(&m.id);
        }
        for o in t.organisations_present.iter().chain(&t.organisations_excused) {
            by_org.entry(o).or_default().excused.insert(&m.id);
        }
        // A person once per meeting, in the category of their first present mark.
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for a in rows.of_meeting(&m.id).1.iter().filter(|a| a.status == AttendanceStatus::Present) {
            if seen.insert(&a.person_key) {
                *profiles.entry((m.body_kind, a.category)).or_default() += 1;
                *by_category.entry(a.category).or_default() += 1;
            }
        }
    }
    v.insert("distinct_people", Value::count(people.len()));
    v.insert("distinct_people_mobilised", Value::count(people_mobilised.len()));
    v.insert("distinct_organisations", Value::count(orgs.len()));
    v.insert("distinct_organisations_mobilised", Value::count(orgs_mobilised.len()));

    let organisations = network(rows, p, &by_org, &mut v);
    projects(rows, p, &mut v);
    let bodies = bodies(rows, p, &mine, &tallies);

    let meetings = mine
        .iter()
        .zip(tallies)
        .map(|(m, t)| BilanMeeting {
            id: m.id.clone(),
            date: m.date.clone(),
            body: m.body_name.clone(),
            body_kind: m.body_kind,
            title: m.title.clone(),
            place: m.place.clone(),
            status: m.status,
            minutes_sent_on: m.minutes_sent_on.clone(),
            figures: t.figures,
        })
        .collect();
    Measures {
        meetings,
        bodies,
        organisations,
        profiles: profiles.into_iter().map(|((body_kind, category), presences)| ProfileCell { body_kind, category, presences }).collect(),
        months: month_keys(p)
            .into_iter()
            .map(|month| {
                let (meetings_held, presences) = by_month.get(month.as_str()).copied().unwrap_or_default();
                MonthPoint { month, meetings_held, presences }
            })
            .collect(),
        values: v,
        held_by_kind,
        presences_by_category: by_category,
    }
}

/// The network at the end of the period (membership steps, signatures, sectors) and one line
/// per organisation for `Partenaires`.
fn network(rows: &Rows, p: &Period, by_org: &HashMap<&str, OrgMeetings>, v: &mut HashMap<&'static str, Value>) -> Vec<BilanOrganisation> {
    let end = p.to.as_str();
    let mut steps: HashMap<&str, Vec<&MembershipRow>> = HashMap::new();
    for m in &rows.memberships {
        steps.entry(&m.organisation_id).or_default().push(m);
    }
    let signed: BTreeSet<&str> = rows.signatures.iter().filter(|s| s.signed_on.as_str() <= end).map(|s| s.organisation_id.as_str()).collect();
    let groups = working_groups_at(rows, end);

    let mut organisations = Vec::new();
    let (mut members, mut interested, mut prospects, mut new_members, mut withdrawals, mut signatories) = (0, 0, 0, 0, 0, 0);
    let mut by_sector: BTreeMap<Sector, usize> = BTreeMap::new();
    let empty = OrgMeetings::default();
    for o in &rows.organisations {
        let mine = steps.get(o.id.as_str()).map_or(&[][..], Vec::as_slice);
        // Dated history counts whatever became of the organisation since.
        if mine.iter().filter(|m| m.status == MembershipStatus::Membre).map(|m| m.effective_date.as_str()).min().is_some_and(|d| contains(p, d)) {
            new_members += 1;
        }
        if mine.iter().any(|m| m.status == MembershipStatus::Retire && contains(p, &m.effective_date)) {
            withdrawals += 1;
        }
        let meetings = by_org.get(o.id.as_str()).unwrap_or(&empty);
        let archived_at_end = o.archived_on.as_deref().is_some_and(|d| d <= end);
        let archived_before = o.archived_on.as_deref().is_some_and(|d| d < p.from.as_str());
        if archived_before && meetings.invited.is_empty() && meetings.attended.is_empty() {
            continue;
        }
        // The status at the end of the period: an organisation archived by then has none.
        let status = if archived_at_end {
            None
        } else {
            mine.iter()
                .filter(|m| m.effective_date.as_str() <= end)
                .max_by(|a, b| (&a.effective_date, &a.created_at, &a.id).cmp(&(&b.effective_date, &b.created_at, &b.id)))
                .map(|m| m.status)
        };
        match status {
            Some(MembershipStatus::Membre) => {
                members += 1;
                *by_sector.entry(o.sector).or_default() += 1;
            }
            Some(MembershipStatus::Interesse) => interested += 1,
            Some(MembershipStatus::Prospect) => prospects += 1,
            _ => {}
        }
        if !archived_at_end && signed.contains(o.id.as_str()) {
            signatories += 1;
        }
        let invited = meetings.invited.len() as u32;
        let attended_invited = meetings.attended.intersection(&meetings.invited).count() as u32;
        organisations.push(BilanOrganisation {
            id: o.id.clone(),
            name: o.name.clone(),
            sector: o.sector,
            category: o.category,
            commune: o.commune.clone(),
            member_since: (status == Some(MembershipStatus::Membre))
                .then(|| mine.iter().filter(|m| m.status == MembershipStatus::Membre && m.effective_date.as_str() <= end).map(|m| m.effective_date.clone()).max())
                .flatten(),
            status,
            archived: archived_at_end,
            meetings_invited: invited,
            meetings_attended: meetings.attended.len() as u32,
            participation_rate: (invited > 0).then(|| attended_invited as f64 / invited as f64),
            working_groups: groups.get(o.id.as_str()).map_or(0, |g| g.len() as u32),
            meetings_present_or_excused: meetings.excused.len() as u32,
            meetings_attended_uninvited: meetings.attended.difference(&meetings.invited).count() as u32,
        });
    }
    v.insert("members", Value::count(members));
    v.insert("interested", Value::count(interested));
    v.insert("prospects", Value::count(prospects));
    v.insert("new_members", Value::count(new_members));
    v.insert("withdrawals", Value::count(withdrawals));
    v.insert("signatories", Value::count(signatories));
    for (s, code) in [(Sector::Public, "sector_public"), (Sector::Parapublic, "sector_parapublic"), (Sector::Associatif, "sector_associatif"), (Sector::Prive, "sector_prive")] {
        v.insert(code, Value::count(by_sector.get(&s).copied().unwrap_or(0)));
    }
    organisations
}

/// Working groups each organisation sits in on `date`: itself, or through a person holding a
/// post with it on that date.
fn working_groups_at<'a>(rows: &'a Rows, date: &str) -> HashMap<&'a str, BTreeSet<&'a str>> {
    let groups: BTreeSet<&str> = rows.bodies.iter().filter(|b| b.kind == BodyKind::GroupeTravail).map(|b| b.id.as_str()).collect();
    let mut posts: HashMap<&str, Vec<&str>> = HashMap::new();
    for a in rows.affiliations.iter().filter(|a| covers(&a.start_date, &a.end_date, date)) {
        posts.entry(&a.person_id).or_default().push(&a.organisation_id);
    }
    let mut out: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for m in rows.body_members.iter().filter(|m| groups.contains(m.body_id.as_str()) && m.member_on(date)) {
        let via_person = m.person_id.as_deref().and_then(|p| posts.get(p)).into_iter().flatten().copied();
        for o in m.organisation_id.as_deref().into_iter().chain(via_person) {
            out.entry(o).or_default().insert(&m.body_id);
        }
    }
    out
}

fn projects(rows: &Rows, p: &Period, v: &mut HashMap<&'static str, Value>) {
    let done = rows.actions.iter().filter(|a| a.status == ActionStatus::Terminee && a.end_date.as_deref().is_some_and(|d| contains(p, d))).count();
    let partners: BTreeSet<&str> = rows
        .actions
        .iter()
        .filter(|a| !matches!(a.status, ActionStatus::Proposee | ActionStatus::Abandonnee))
        .filter(|a| a.start_date.as_deref().is_none_or(|s| s <= p.to.as_str()) && a.end_date.as_deref().is_none_or(|e| e >= p.from.as_str()))
        .flat_map(|a| a.partners.iter().map(|x| x.organisation.id.as_str()))
        .collect();
    v.insert("projects_done", Value::count(done));
    v.insert("project_partners", Value::count(partners.len()));
}

/// One line per body active during the period, for `Instances`.
fn bodies(rows: &Rows, p: &Period, mine: &[&MeetingRow], tallies: &[Tally]) -> Vec<BilanBody> {
    let span = months(p);
    let mut out = Vec::new();
    for b in rows.bodies.iter().filter(|b| b.start_date.as_deref().is_none_or(|s| s <= p.to.as_str()) && b.end_date.as_deref().is_none_or(|e| e >= p.from.as_str())) {
        let of_body: Vec<usize> = (0..mine.len()).filter(|&i| mine[i].body_id == b.id).collect();
        let held: Vec<&Tally> = of_body.iter().filter(|&&i| mine[i].status == MeetingStatus::Tenue).map(|&i| &tallies[i]).collect();
        let present: u32 = held.iter().map(|t| t.figures.present).sum();
        let (num, den) = held.iter().fold((0, 0), |(n, d), t| (n + t.figures.members_present, d + t.figures.invited_members));
        let mut people: BTreeSet<&str> = BTreeSet::new();
        let mut people_mobilised: BTreeSet<&str> = BTreeSet::new();
        let mut orgs: BTreeSet<&str> = BTreeSet::new();
        let mut orgs_mobilised: BTreeSet<&str> = BTreeSet::new();
        for t in &held {
            people.extend(&t.present);
            people_mobilised.extend(t.present.iter().chain(&t.excused_or_represented));
            orgs.extend(&t.organisations_present);
            orgs_mobilised.extend(t.organisations_present.iter().chain(&t.organisations_excused));
        }
        out.push(BilanBody {
            id: b.id.clone(),
            name: b.name.clone(),
            kind: b.kind,
            frequency_label: b.frequency_label.clone(),
            expected: b.frequency_months.map(|f| (span / f as f64).round().max(1.0) as u32),
            held: held.len() as u32,
            cancelled: of_body.iter().filter(|&&i| mine[i].status == MeetingStatus::Annulee).count() as u32,
            average_present: (!held.is_empty()).then(|| present as f64 / held.len() as f64),
            participation_rate: (den > 0).then(|| num as f64 / den as f64),
            members_at_end: rows.body_members.iter().filter(|m| m.body_id == b.id && m.member_on(&p.to)).count() as u32,
            distinct_people: people.len() as u32,
            distinct_organisations: orgs.len() as u32,
            distinct_people_mobilised: people_mobilised.len() as u32,
            distinct_organisations_mobilised: orgs_mobilised.len() as u32,
        });
    }
    out
}

/// The change from N-1 to N, computed here once: for a count, (N − N-1) ÷ N-1 (none when N-1 is
/// 0); for a rate, the difference in percentage points.
pub fn change(unit: FigureUnit, current: Option<f64>, previous: Option<f64>) -> Option<f64> {
    let (c, p) = (current?, previous?);
    match unit {
        FigureUnit::Count => (p > 0.0).then(|| (c - p) / p),
        FigureUnit::Rate => Some((c - p) * 100.0),
    }
}

/// The summary's lines: every defined figure, then one line per body type held and per person
/// category, each with N, N-1 and the change.
pub fn key_figures(now: &Measures, before: &Measures) -> Vec<KeyFigure> {
    let line = |code: String, label: String, unit: FigureUnit, drill: Drill, c: Value, p: Value| KeyFigure {
        change: change(unit, c.value, p.value),
        code,
        label,
        unit,
        current: c.value,
        previous: p.value,
        current_ratio: c.ratio,
        previous_ratio: p.ratio,
        drill,
    };
    let mut out: Vec<KeyFigure> = DEFINITIONS
        .iter()
        .map(|d| {
            let get = |m: &Measures| m.values.get(d.code).copied().unwrap_or_default();
            line(d.code.to_owned(), d.label.to_owned(), d.unit, d.drill, get(now), get(before))
        })
        .collect();
    for kind in BodyKind::ALL {
        let (c, p) = (now.held_by_kind.get(kind).copied().unwrap_or(0), before.held_by_kind.get(kind).copied().unwrap_or(0));
        if c + p > 0 {
            let label = crate::labels::held_of_kind(*kind);
            out.push(line(format!("held_{}", kind.code()), label, FigureUnit::Count, Drill::HeldMeetings, Value::count(c as usize), Value::count(p as usize)));
        }
    }
    for cat in PersonCategory::ALL {
        let (c, p) = (now.presences_by_category.get(cat).copied().unwrap_or(0), before.presences_by_category.get(cat).copied().unwrap_or(0));
        let label = crate::labels::presences_of_category(*cat);
        out.push(line(format!("presences_{}", cat.code()), label, FigureUnit::Count, Drill::HeldMeetings, Value::count(c as usize), Value::count(p as usize)));
    }
    out
}
