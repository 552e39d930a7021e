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

use rustc_hash::{FxHashMap, FxHashSet};

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

/// Per organisation, counts of the held meetings of the period (each meeting is visited once and
/// its sets hold an organisation once, so counting is enough).
#[derive(Default)]
struct OrgMeetings {
    invited: u32,
    attended: u32,
    attended_invited: u32,
    attended_uninvited: u32,
    present_or_excused: u32,
}

pub fn measure(rows: &Rows, p: &Period) -> Measures {
    let mine: Vec<&MeetingRow> = rows.meetings.iter().filter(|m| contains(p, &m.date)).collect();
    let tallies: Vec<Tally> = mine
        .iter()
        .map(|m| {
            let (inv, att) = rows.of_meeting(m.key);
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
    let mut people: FxHashSet<Key> = FxHashSet::default();
    let mut people_mobilised: FxHashSet<Key> = FxHashSet::default();
    let mut orgs: FxHashSet<Key> = FxHashSet::default();
    let mut orgs_mobilised: FxHashSet<Key> = FxHashSet::default();
    let mut by_org: FxHashMap<Key, OrgMeetings> = FxHashMap::default();
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
        for &o in &t.organisations_invited {
            by_org.entry(o).or_default().invited += 1;
        }
        for &o in &t.organisations_present {
            let c = by_org.entry(o).or_default();
            c.attended += 1;
            if t.organisations_invited.contains(&o) { c.attended_invited += 1 } else { c.attended_uninvited += 1 }
            c.present_or_excused += 1;
        }
        for &o in t.organisations_excused.difference(&t.organisations_present) {
            by_org.entry(o).or_default().present_or_excused += 1;
        }
        // A person once per meeting, in the category recorded on their presence (the first in
        // the order of categories, should two sessions disagree).
        let mut category: BTreeMap<Key, PersonCategory> = BTreeMap::new();
        for a in rows.of_meeting(m.key).1.iter().filter(|a| a.status == AttendanceStatus::Present) {
            let c = category.entry(a.person).or_insert(a.category);
            *c = (*c).min(a.category);
        }
        for c in category.into_values() {
            *profiles.entry((m.body_kind, c)).or_default() += 1;
            *by_category.entry(c).or_default() += 1;
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
fn network(rows: &Rows, p: &Period, by_org: &FxHashMap<Key, OrgMeetings>, v: &mut HashMap<&'static str, Value>) -> Vec<BilanOrganisation> {
    let end = p.to.as_str();
    let mut steps: FxHashMap<Key, Vec<&MembershipRow>> = FxHashMap::default();
    for m in &rows.memberships {
        steps.entry(m.organisation).or_default().push(m);
    }
    let signed: FxHashSet<Key> = rows.signatures.iter().filter(|s| s.signed_on.as_str() <= end).map(|s| s.organisation).collect();
    let groups = working_groups_at(rows, end);

    let mut organisations = Vec::new();
    let (mut members, mut interested, mut prospects, mut new_members, mut withdrawals, mut signatories) = (0, 0, 0, 0, 0, 0);
    let mut by_sector: BTreeMap<Sector, usize> = BTreeMap::new();
    let empty = OrgMeetings::default();
    for o in &rows.organisations {
        let mine = steps.get(&o.key).map_or(&[][..], Vec::as_slice);
        // Dated history counts whatever became of the organisation since.
        if mine.iter().filter(|m| m.status == MembershipStatus::Membre).map(|m| m.effective_date.as_str()).min().is_some_and(|d| contains(p, d)) {
            new_members += 1;
        }
        if mine.iter().any(|m| m.status == MembershipStatus::Retire && contains(p, &m.effective_date)) {
            withdrawals += 1;
        }
        let meetings = by_org.get(&o.key).unwrap_or(&empty);
        let archived_at_end = o.archived_on.as_deref().is_some_and(|d| d <= end);
        let archived_before = o.archived_on.as_deref().is_some_and(|d| d < p.from.as_str());
        if archived_before && meetings.invited == 0 && meetings.attended == 0 {
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
        if !archived_at_end && signed.contains(&o.key) {
            signatories += 1;
        }
        let invited = meetings.invited;
        let attended_invited = meetings.attended_invited;
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
            meetings_attended: meetings.attended,
            participation_rate: (invited > 0).then(|| attended_invited as f64 / invited as f64),
            working_groups: groups.get(&o.key).map_or(0, |g| g.len() as u32),
            meetings_present_or_excused: meetings.present_or_excused,
            meetings_attended_uninvited: meetings.attended_uninvited,
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
fn working_groups_at(rows: &Rows, date: &str) -> FxHashMap<Key, FxHashSet<Key>> {
    let groups: FxHashSet<Key> = rows.bodies.iter().filter(|b| b.kind == BodyKind::GroupeTravail).map(|b| b.key).collect();
    let mut posts: FxHashMap<Key, Vec<Key>> = FxHashMap::default();
    for a in rows.affiliations.iter().filter(|a| covers(&a.start_date, &a.end_date, date)) {
        posts.entry(a.person).or_default().push(a.organisation);
    }
    let mut out: FxHashMap<Key, FxHashSet<Key>> = FxHashMap::default();
    for m in rows.body_members.iter().filter(|m| groups.contains(&m.body) && m.member_on(date)) {
        let via_person = m.person.and_then(|p| posts.get(&p)).into_iter().flatten().copied();
        for o in m.organisation.into_iter().chain(via_person) {
            out.entry(o).or_default().insert(m.body);
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
        let of_body: Vec<usize> = (0..mine.len()).filter(|&i| mine[i].body == b.key).collect();
        let held: Vec<&Tally> = of_body.iter().filter(|&&i| mine[i].status == MeetingStatus::Tenue).map(|&i| &tallies[i]).collect();
        let present: u32 = held.iter().map(|t| t.figures.present).sum();
        let (num, den) = held.iter().fold((0, 0), |(n, d), t| (n + t.figures.members_present, d + t.figures.invited_members));
        let mut people: FxHashSet<Key> = FxHashSet::default();
        let mut people_mobilised: FxHashSet<Key> = FxHashSet::default();
        let mut orgs: FxHashSet<Key> = FxHashSet::default();
        let mut orgs_mobilised: FxHashSet<Key> = FxHashSet::default();
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
            members_at_end: rows.body_members.iter().filter(|m| m.body == b.key && m.member_on(&p.to)).count() as u32,
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
    let line = |code: String, label: String, definition: &str, unit: FigureUnit, drill: Drill, c: Value, p: Value| KeyFigure {
        change: change(unit, c.value, p.value),
        code,
        label,
        definition: definition.to_owned(),
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
            line(d.code.to_owned(), d.label.to_owned(), d.text, d.unit, d.drill, get(now), get(before))
        })
        .collect();
    for kind in BodyKind::ALL {
        let (c, p) = (now.held_by_kind.get(kind).copied().unwrap_or(0), before.held_by_kind.get(kind).copied().unwrap_or(0));
        if c + p > 0 {
            let label = crate::labels::held_of_kind(*kind);
            out.push(line(format!("held_{}", kind.code()), label, super::definitions::HELD_BY_KIND, FigureUnit::Count, Drill::HeldMeetings, Value::count(c as usize), Value::count(p as usize)));
        }
    }
    for cat in PersonCategory::ALL {
        let (c, p) = (now.presences_by_category.get(cat).copied().unwrap_or(0), before.presences_by_category.get(cat).copied().unwrap_or(0));
        let label = crate::labels::presences_of_category(*cat);
        out.push(line(format!("presences_{}", cat.code()), label, super::definitions::PRESENCES_BY_CATEGORY, FigureUnit::Count, Drill::HeldMeetings, Value::count(c as usize), Value::count(p as usize)));
    }
    out
}
