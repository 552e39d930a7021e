//! An independent oracle of the bilan: every figure recomputed by plain loops over every row of
//! the file, read into memory with `SELECT *`-like queries. It is written from the written
//! definitions (the workbook's `Définitions` sheet, `figures/definitions.rs`), not from the
//! code of `figures/`: no helper, type or set of the core is reused, and each figure is counted
//! by its own loop, however slow. Codes are compared as the strings SQLite stores.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

use maillage_core::db::Connection;

#[derive(Debug, Clone)]
pub struct Meeting { pub id: String, pub body: String, pub date: String, pub status: String, pub headcount: Option<i64> }
#[derive(Debug, Clone)]
pub struct Invitation { pub meeting: String, pub person: Option<String>, pub org: Option<String>, pub member: bool, pub reply: String }
#[derive(Debug, Clone)]
pub struct Mark { pub id: String, pub meeting: String, pub person: Option<String>, pub org: Option<String>, pub category: String, pub status: String, pub member: bool, pub walk_in: bool, pub stand_in_for: Option<String> }
#[derive(Debug, Clone)]
pub struct Org { pub id: String, pub sector: String, pub archived_at: Option<String> }
#[derive(Debug, Clone)]
pub struct Step { pub id: String, pub org: String, pub status: String, pub date: String, pub created: String }
#[derive(Debug, Clone)]
pub struct Body { pub id: String, pub kind: String, pub start: Option<String>, pub end: Option<String> }
#[derive(Debug, Clone)]
pub struct Seat { pub body: String, pub person: Option<String>, pub org: Option<String>, pub role: String, pub start: Option<String>, pub end: Option<String> }
#[derive(Debug, Clone)]
pub struct Post { pub person: String, pub org: String, pub start: Option<String>, pub end: Option<String> }
#[derive(Debug, Clone)]
pub struct ActionRow { pub id: String, pub status: String, pub start: Option<String>, pub end: Option<String> }

/// Every row of the file the definitions speak of (tombstones left out, nothing else).
pub struct Data {
    pub meetings: Vec<Meeting>,
    pub invitations: Vec<Invitation>,
    pub marks: Vec<Mark>,
    pub orgs: Vec<Org>,
    pub steps: Vec<Step>,
    pub signatures: Vec<(String, String)>,
    pub bodies: Vec<Body>,
    pub seats: Vec<Seat>,
    pub posts: Vec<Post>,
    pub actions: Vec<ActionRow>,
    pub action_partners: Vec<(String, String)>,
}

pub fn read(c: &Connection) -> Data {
    macro_rules! all {
        ($sql:expr, $f:expr) => {
            c.prepare($sql).unwrap().query_map([], $f).unwrap().map(Result::unwrap).collect()
        };
    }
    Data {
        meetings: all!("SELECT id, body_id, date, status, headcount FROM meeting WHERE deleted_at IS NULL", |r| Ok(Meeting { id: r.get(0)?, body: r.get(1)?, date: r.get(2)?, status: r.get(3)?, headcount: r.get(4)? })),
        invitations: all!("SELECT meeting_id, person_id, organisation_id, is_member, reply FROM invitation WHERE deleted_at IS NULL", |r| Ok(Invitation { meeting: r.get(0)?, person: r.get(1)?, org: r.get(2)?, member: r.get(3)?, reply: r.get(4)? })),
        marks: all!("SELECT id, meeting_id, person_id, organisation_id, person_category, status, is_member, walk_in, stand_in_for_person_id FROM attendance WHERE deleted_at IS NULL ORDER BY recorded_at, id", |r| Ok(Mark { id: r.get(0)?, meeting: r.get(1)?, person: r.get(2)?, org: r.get(3)?, category: r.get(4)?, status: r.get(5)?, member: r.get(6)?, walk_in: r.get(7)?, stand_in_for: r.get(8)? })),
        orgs: all!("SELECT id, sector, archived_at FROM organisation WHERE deleted_at IS NULL", |r| Ok(Org { id: r.get(0)?, sector: r.get(1)?, archived_at: r.get(2)? })),
        steps: all!("SELECT organisation_id, status, effective_date, created_at, id FROM membership_event WHERE deleted_at IS NULL", |r| Ok(Step { org: r.get(0)?, status: r.get(1)?, date: r.get(2)?, created: r.get(3)?, id: r.get(4)? })),
        signatures: all!("SELECT organisation_id, signed_on FROM agreement_signatory WHERE deleted_at IS NULL", |r| Ok((r.get(0)?, r.get(1)?))),
        bodies: all!("SELECT id, kind, start_date, end_date FROM body WHERE deleted_at IS NULL", |r| Ok(Body { id: r.get(0)?, kind: r.get(1)?, start: r.get(2)?, end: r.get(3)? })),
        seats: all!("SELECT body_id, person_id, organisation_id, role, start_date, end_date FROM body_member WHERE deleted_at IS NULL", |r| Ok(Seat { body: r.get(0)?, person: r.get(1)?, org: r.get(2)?, role: r.get(3)?, start: r.get(4)?, end: r.get(5)? })),
        posts: all!("SELECT person_id, organisation_id, start_date, end_date FROM affiliation WHERE deleted_at IS NULL", |r| Ok(Post { person: r.get(0)?, org: r.get(1)?, start: r.get(2)?, end: r.get(3)? })),
        actions: all!("SELECT id, status, start_date, end_date FROM action WHERE deleted_at IS NULL", |r| Ok(ActionRow { id: r.get(0)?, status: r.get(1)?, start: r.get(2)?, end: r.get(3)? })),
        action_partners: all!("SELECT action_id, organisation_id FROM action_partner WHERE deleted_at IS NULL", |r| Ok((r.get(0)?, r.get(1)?))),
    }
}

fn within(d: &str, from: &str, to: &str) -> bool {
    from <= d && d <= to
}

fn open_range(start: &Option<String>, end: &Option<String>, day: &str) -> bool {
    start.as_ref().is_none_or(|s| s.as_str() <= day) && end.as_ref().is_none_or(|e| e.as_str() >= day)
}

/// « une personne » of a mark: the person, or the mark itself once the person was erased.
fn who(m: &Mark) -> String {
    m.person.clone().unwrap_or_else(|| m.id.clone())
}

/// The local date (the machine's time zone, Paris for the tests) of a timestamp.
fn local_day(ts: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(ts).unwrap().with_timezone(&chrono::Local).date_naive().to_string()
}

/// How an invited person of one meeting ended up, by the definitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate { Present, Represented, Excused, Absent, NoReply, Nothing }

impl Data {
    pub fn invitations_of(&self, m: &str) -> Vec<&Invitation> {
        self.invitations.iter().filter(|i| i.meeting == m).collect()
    }
    pub fn marks_of(&self, m: &str) -> Vec<&Mark> {
        self.marks.iter().filter(|a| a.meeting == m).collect()
    }
    fn present(&self, m: &str, person: &str) -> bool {
        self.marks_of(m).iter().any(|a| a.status == "present" && who(a) == person)
    }
    fn represented(&self, m: &str, person: &str) -> bool {
        !self.present(m, person) && self.marks_of(m).iter().any(|a| a.status == "present" && a.stand_in_for.as_deref() == Some(person))
    }
    fn invited_people(&self, m: &str) -> BTreeSet<String> {
        self.invitations_of(m).iter().filter_map(|i| i.person.clone()).collect()
    }
    fn invited_member(&self, m: &str, person: &str) -> bool {
        self.invitations_of(m).iter().any(|i| i.person.as_deref() == Some(person) && i.member)
    }

    pub fn fate(&self, meeting: &Meeting, person: &str) -> Fate {
        let m = &meeting.id;
        if self.present(m, person) {
            return Fate::Present;
        }
        if self.represented(m, person) {
            return Fate::Represented;
        }
        let marks: Vec<&str> = self.marks_of(m).iter().filter(|a| a.person.as_deref() == Some(person)).map(|a| a.status.as_str()).collect();
        let reply = self.invitations_of(m).iter().find(|i| i.person.as_deref() == Some(person)).map(|i| i.reply.clone()).unwrap();
        if marks.contains(&"excuse") || (marks.is_empty() && reply == "excuse") {
            return Fate::Excused;
        }
        if marks.contains(&"absent") || (marks.is_empty() && meeting.status == "tenue" && (reply == "accepte" || reply == "decline")) {
            return Fate::Absent;
        }
        if marks.is_empty() && reply == "en_attente" {
            return Fate::NoReply;
        }
        Fate::Nothing
    }

    fn count_fate(&self, meeting: &Meeting, fate: Fate) -> usize {
        self.invited_people(&meeting.id).iter().filter(|p| self.fate(meeting, p) == fate).count()
    }

    /// « Membres invités présents ou représentés » of one meeting.
    pub fn members_present(&self, meeting: &Meeting) -> usize {
        let m = &meeting.id;
        let invited = self.invited_people(m);
        let here = invited.iter().filter(|p| self.invited_member(m, p) && self.present(m, p)).count();
        // Members who did not come, represented by someone who was not an invited member.
        let mut seats = BTreeSet::new();
        let mut stand_ins = BTreeSet::new();
        for a in self.marks_of(m) {
            let (Some(target), "present") = (a.stand_in_for.as_deref(), a.status.as_str()) else { continue };
            if self.invited_member(m, &who(a)) {
                continue;
            }
            if invited.contains(target) && self.invited_member(m, target) && !self.present(m, target) {
                seats.insert(target.to_owned());
                stand_ins.insert(who(a));
            }
        }
        here + seats.len().min(stand_ins.len())
    }

    pub fn present_people(&self, m: &str) -> BTreeSet<String> {
        self.marks_of(m).iter().filter(|a| a.status == "present").map(|a| who(a)).collect()
    }

    pub fn orgs_present(&self, m: &str) -> BTreeSet<String> {
        self.marks_of(m).iter().filter(|a| a.status == "present").filter_map(|a| a.org.clone()).collect()
    }

    pub fn orgs_excused(&self, meeting: &Meeting) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for i in self.invitations_of(&meeting.id) {
            match &i.person {
                Some(p) => {
                    if matches!(self.fate(meeting, p), Fate::Excused | Fate::Represented) {
                        out.extend(i.org.clone());
                    }
                }
                None => {
                    if i.reply == "excuse" {
                        out.extend(i.org.clone());
                    }
                }
            }
        }
        out
    }

    pub fn orgs_invited(&self, m: &str) -> BTreeSet<String> {
        self.invitations_of(m).iter().filter_map(|i| i.org.clone()).collect()
    }

    /// Held meetings of the period.
    pub fn held(&self, from: &str, to: &str) -> Vec<&Meeting> {
        self.meetings.iter().filter(|m| m.status == "tenue" && within(&m.date, from, to)).collect()
    }

    /// Every figure of the summary over one period, by its code.
    pub fn summary(&self, from: &str, to: &str) -> BTreeMap<String, Option<f64>> {
        let held = self.held(from, to);
        let mut v: BTreeMap<String, Option<f64>> = BTreeMap::new();
        fn put(v: &mut BTreeMap<String, Option<f64>>, k: &str, x: usize) {
            v.insert(k.to_owned(), Some(x as f64));
        }
        put(&mut v, "meetings_held", held.len());
        put(&mut v, "meetings_cancelled", self.meetings.iter().filter(|m| m.status == "annulee" && within(&m.date, from, to)).count());
        put(&mut v, "presences", held.iter().map(|m| self.present_people(&m.id).len()).sum());
        put(&mut v, "excused", held.iter().map(|m| self.count_fate(m, Fate::Excused)).sum());
        put(&mut v, "represented", held.iter().map(|m| self.count_fate(m, Fate::Represented)).sum());
        put(&mut v, "absent", held.iter().map(|m| self.count_fate(m, Fate::Absent)).sum());
        put(&mut v, "no_reply", held.iter().map(|m| self.count_fate(m, Fate::NoReply)).sum());
        let mut non_members = 0;
        for m in &held {
            for p in self.present_people(&m.id) {
                let member_seat = self.marks_of(&m.id).iter().any(|a| a.status == "present" && who(a) == p && a.member);
                if !member_seat {
                    non_members += 1;
                }
            }
        }
        put(&mut v, "non_members", non_members);
        put(&mut v, "headcount", held.iter().map(|m| m.headcount.unwrap_or(0) as usize).sum());
        let mut people = BTreeSet::new();
        let mut mobilised = BTreeSet::new();
        let mut orgs = BTreeSet::new();
        let mut orgs_mobilised = BTreeSet::new();
        for m in &held {
            people.extend(self.present_people(&m.id));
            mobilised.extend(self.present_people(&m.id));
            for p in self.invited_people(&m.id) {
                if matches!(self.fate(m, &p), Fate::Excused | Fate::Represented) {
                    mobilised.insert(p);
                }
            }
            orgs.extend(self.orgs_present(&m.id));
            orgs_mobilised.extend(self.orgs_present(&m.id));
            orgs_mobilised.extend(self.orgs_excused(m));
        }
        put(&mut v, "distinct_people", people.len());
        put(&mut v, "distinct_people_mobilised", mobilised.len());
        put(&mut v, "distinct_organisations", orgs.len());
        put(&mut v, "distinct_organisations_mobilised", orgs_mobilised.len());
        let (num, den): (usize, usize) = held.iter().fold((0, 0), |(n, d), m| {
            let members = self.invited_people(&m.id).iter().filter(|p| self.invited_member(&m.id, p)).count();
            (n + self.members_present(m), d + members)
        });
        v.insert("participation_rate".into(), (den > 0).then(|| num as f64 / den as f64));
        let (num, den): (usize, usize) = held.iter().fold((0, 0), |(n, d), m| {
            let ok = self.invited_people(&m.id).iter().filter(|p| matches!(self.fate(m, p), Fate::Present | Fate::Represented | Fate::Excused)).count();
            (n + ok, d + self.invited_people(&m.id).len())
        });
        v.insert("mobilisation_rate".into(), (den > 0).then(|| num as f64 / den as f64));

        // The network at the end of the period.
        let status_at_end = |o: &Org| -> Option<String> {
            if o.archived_at.as_deref().is_some_and(|a| local_day(a).as_str() <= to) {
                return None;
            }
            let mut last: Option<&Step> = None;
            for s in self.steps.iter().filter(|s| s.org == o.id && s.date.as_str() <= to) {
                if last.is_none_or(|l| (&s.date, &s.created, &s.id) > (&l.date, &l.created, &l.id)) {
                    last = Some(s);
                }
            }
            last.map(|s| s.status.clone())
        };
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for o in &self.orgs {
            let st = status_at_end(o);
            for (code, want) in [("members", "membre"), ("interested", "interesse"), ("prospects", "prospect")] {
                if st.as_deref() == Some(want) {
                    *counts.entry(code).or_default() += 1;
                }
            }
            if st.as_deref() == Some("membre") {
                *counts.entry(match o.sector.as_str() { "public" => "sector_public", "parapublic" => "sector_parapublic", "associatif" => "sector_associatif", _ => "sector_prive" }).or_default() += 1;
            }
            let first_member = self.steps.iter().filter(|s| s.org == o.id && s.status == "membre").map(|s| s.date.clone()).min();
            if first_member.is_some_and(|d| within(&d, from, to)) {
                *counts.entry("new_members").or_default() += 1;
            }
            if self.steps.iter().any(|s| s.org == o.id && s.status == "retire" && within(&s.date, from, to)) {
                *counts.entry("withdrawals").or_default() += 1;
            }
            let archived = o.archived_at.as_deref().is_some_and(|a| local_day(a).as_str() <= to);
            if !archived && self.signatures.iter().any(|(org, on)| *org == o.id && on.as_str() <= to) {
                *counts.entry("signatories").or_default() += 1;
            }
        }
        for code in ["members", "interested", "prospects", "new_members", "withdrawals", "signatories", "sector_public", "sector_parapublic", "sector_associatif", "sector_prive"] {
            put(&mut v, code, counts.get(code).copied().unwrap_or(0));
        }
        put(&mut v, "projects_done", self.actions.iter().filter(|a| a.status == "terminee" && a.end.as_deref().is_some_and(|e| within(e, from, to))).count());
        let mut partners = BTreeSet::new();
        for a in &self.actions {
            let running = a.status != "proposee" && a.status != "abandonnee";
            let overlaps = a.start.as_deref().is_none_or(|s| s <= to) && a.end.as_deref().is_none_or(|e| e >= from);
            if running && overlaps {
                partners.extend(self.action_partners.iter().filter(|(x, _)| *x == a.id).map(|(_, o)| o.clone()));
            }
        }
        put(&mut v, "project_partners", partners.len());
        v
    }

    /// Presences per person category: a person once per held meeting, in the category recorded
    /// on their presence (the first in the order of the categories when two sessions differ).
    pub fn presences_by_category(&self, from: &str, to: &str) -> BTreeMap<String, usize> {
        const ORDER: [&str; 7] = ["professionnel", "benevole", "elu", "habitant", "decideur", "intervenant", "autre"];
        let rank = |c: &str| ORDER.iter().position(|x| *x == c).unwrap();
        let mut out = BTreeMap::new();
        for m in self.held(from, to) {
            for p in self.present_people(&m.id) {
                let cat = self.marks_of(&m.id).into_iter().filter(|a| a.status == "present" && who(a) == p).map(|a| a.category.as_str()).min_by_key(|c| rank(c)).unwrap();
                *out.entry(cat.to_owned()).or_default() += 1;
            }
        }
        out
    }

    /// Per organisation: (invited, attended, attended and invited, attended uninvited, present or excused).
    pub fn organisation(&self, org: &str, from: &str, to: &str) -> (usize, usize, usize, usize, usize) {
        let (mut inv, mut att, mut both, mut uninv, mut mob) = (0, 0, 0, 0, 0);
        for m in self.held(from, to) {
            let i = self.orgs_invited(&m.id).contains(org);
            let a = self.orgs_present(&m.id).contains(org);
            let e = self.orgs_excused(m).contains(org);
            inv += i as usize;
            att += a as usize;
            both += (i && a) as usize;
            uninv += (a && !i) as usize;
            mob += (a || e) as usize;
        }
        (inv, att, both, uninv, mob)
    }

    /// Working groups an organisation sits in on `day`, itself or through a post of that day.
    pub fn working_groups(&self, org: &str, day: &str) -> usize {
        self.bodies
            .iter()
            .filter(|b| b.kind == "groupe_travail")
            .filter(|b| {
                self.seats.iter().any(|s| {
                    s.body == b.id && s.role != "invite_non_membre" && open_range(&s.start, &s.end, day)
                        && (s.org.as_deref() == Some(org)
                            || s.person.as_ref().is_some_and(|p| self.posts.iter().any(|x| x.person == *p && x.org == org && open_range(&x.start, &x.end, day))))
                })
            })
            .count()
    }

    /// Per body: (held, cancelled, members at the end, Σ present, members present, invited members, distinct people, distinct orgs, people mobilised, orgs mobilised).
    pub fn body(&self, body: &str, from: &str, to: &str) -> [usize; 10] {
        let held: Vec<&Meeting> = self.held(from, to).into_iter().filter(|m| m.body == body).collect();
        let cancelled = self.meetings.iter().filter(|m| m.body == body && m.status == "annulee" && within(&m.date, from, to)).count();
        let members = self.seats.iter().filter(|s| s.body == body && s.role != "invite_non_membre" && open_range(&s.start, &s.end, to)).count();
        let present: usize = held.iter().map(|m| self.present_people(&m.id).len()).sum();
        let num: usize = held.iter().map(|m| self.members_present(m)).sum();
        let den: usize = held.iter().map(|m| self.invited_people(&m.id).iter().filter(|p| self.invited_member(&m.id, p)).count()).sum();
        let mut people = BTreeSet::new();
        let mut orgs = BTreeSet::new();
        let mut people_m = BTreeSet::new();
        let mut orgs_m = BTreeSet::new();
        for m in &held {
            people.extend(self.present_people(&m.id));
            orgs.extend(self.orgs_present(&m.id));
            people_m.extend(self.present_people(&m.id));
            people_m.extend(self.invited_people(&m.id).into_iter().filter(|p| matches!(self.fate(m, p), Fate::Excused | Fate::Represented)));
            orgs_m.extend(self.orgs_present(&m.id));
            orgs_m.extend(self.orgs_excused(m));
        }
        [held.len(), cancelled, members, present, num, den, people.len(), orgs.len(), people_m.len(), orgs_m.len()]
    }
}
