//! The yearly evaluation (bilan): every figure of a period, compared with the previous period.
//! Each figure is defined in [`DEFINITIONS`], which the workbook's `Définitions` sheet prints.
//!
//! Rules that hold for every figure:
//! - a meeting belongs to the period by its local date (Europe/Paris, as stored);
//! - only held meetings (« tenue ») count in attendance figures and rates; cancelled meetings are
//!   counted as such and never in rates;
//! - a meeting's figures follow the counting rules of [`super::meeting_figures`];
//! - rates are computed from stored counts: Σ numerators ÷ Σ denominators over the meetings,
//!   never an average of percentages, and they carry both numbers.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection};

use super::meeting_figures::{compute as meeting_figures, load_rows};
use crate::error::{Error, Result};
use crate::labels;
use crate::model::*;

/// Code, label and definition of every figure of the summary, in the order of the summary.
pub const DEFINITIONS: &[(&str, &str, &str)] = &[
    ("members", "Organismes membres au terme de la période", "Organismes dont la dernière étape d'adhésion à la date de fin de période est « membre »."),
    ("interested", "Organismes intéressés au terme de la période", "Dernière étape d'adhésion à la date de fin : « intéressé »."),
    ("prospects", "Prospects au terme de la période", "Dernière étape d'adhésion à la date de fin : « prospect »."),
    ("new_members", "Nouveaux membres", "Organismes dont la première étape « membre » tombe dans la période."),
    ("withdrawals", "Retraits", "Organismes ayant une étape « retiré » dans la période."),
    ("signatories", "Signataires d'une charte ou convention", "Organismes ayant signé au moins un document (charte, convention, protocole) à la date de fin."),
    ("sector_public", "Membres du secteur public", "Organismes membres au terme de la période, par secteur."),
    ("sector_parapublic", "Membres du secteur parapublic", "Idem, secteur parapublic."),
    ("sector_associatif", "Membres du secteur associatif", "Idem, secteur associatif."),
    ("sector_prive", "Membres du secteur privé", "Idem, secteur privé."),
    ("meetings_held", "Réunions tenues", "Réunions de la période au statut « tenue »."),
    ("meetings_cancelled", "Réunions annulées", "Réunions de la période au statut « annulée » ; elles ne comptent dans aucun taux."),
    ("presences", "Présences (personnes-réunions)", "Somme, sur les réunions tenues, des personnes présentes ; une personne compte une fois par réunion, même présente à plusieurs séances."),
    ("distinct_people", "Personnes distinctes présentes", "Personnes présentes à au moins une réunion tenue de la période."),
    ("distinct_organisations", "Organismes distincts présents", "Organismes représentés par au moins une personne présente à une réunion tenue."),
    ("excused", "Excusés", "Somme des personnes invitées excusées (réponse ou pointage « excusé »), jamais comptées présentes."),
    ("absent", "Absents", "Somme des personnes invitées ni présentes, ni représentées, ni excusées, qui avaient répondu ou ont été notées absentes."),
    ("no_reply", "Sans réponse", "Somme des personnes invitées sans réponse ni pointage."),
    ("participation_rate", "Taux de participation", "Membres invités présents ou représentés ÷ membres invités, sommés sur les réunions tenues ; les invités non-membres n'y entrent pas."),
    ("mobilisation_rate", "Taux de mobilisation", "(Invités présents, représentés ou excusés) ÷ personnes invitées, sommés sur les réunions tenues."),
    ("non_members", "Non-membres présents", "Somme des personnes présentes qui ne sont pas membres de l'instance (invités, arrivées sans invitation), comptées à part."),
    ("headcount", "Visiteurs (comptages anonymes)", "Somme des comptages anonymes des grands événements."),
    ("projects_done", "Projets co-définis réalisés", "Actions au statut « terminée » dont la fin tombe dans la période."),
    ("project_partners", "Partenaires impliqués dans les projets", "Organismes distincts pilotes, copilotes, référents ou partenaires d'une action en cours pendant la période (ni proposée, ni abandonnée)."),
];

/// The calendar year `year`.
pub fn year(year: i32) -> Period {
    Period { from: format!("{year:04}-01-01"), to: format!("{year:04}-12-31"), label: year.to_string() }
}

/// Any range of dates (both included).
pub fn range(from: &str, to: &str) -> Result<Period> {
    let parse = |field: &str, v: &str| {
        NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| Error::invalid(field, crate::error::msg::bad_date("Période", v)))
    };
    let (f, t) = (parse("from", from)?, parse("to", to)?);
    if t < f {
        return Err(Error::invalid("to", crate::error::msg::end_before_start()));
    }
    if f.month() == 1 && f.day() == 1 && t.month() == 12 && t.day() == 31 && f.year() == t.year() {
        return Ok(year(f.year()));
    }
    Ok(Period { from: f.to_string(), to: t.to_string(), label: format!("du {} au {}", f.format("%d/%m/%Y"), t.format("%d/%m/%Y")) })
}

/// The period to compare with: the same dates one year earlier (N-1), as evaluations do
/// (29 February becomes the 28th).
pub fn previous(p: &Period) -> Period {
    let back = |d: &str| {
        let d = NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap_or_default();
        d.with_year(d.year() - 1).or_else(|| NaiveDate::from_ymd_opt(d.year() - 1, d.month(), 28)).unwrap_or(d)
    };
    range(&back(&p.from).to_string(), &back(&p.to).to_string()).unwrap_or_else(|_| p.clone())
}

/// What one period measures, before it is laid out.
struct Measures {
    meetings: Vec<BilanMeeting>,
    bodies: Vec<BilanBody>,
    organisations: Vec<BilanOrganisation>,
    profiles: Vec<ProfileCell>,
    months: Vec<MonthPoint>,
    values: HashMap<&'static str, (f64, Option<(u32, u32)>)>,
    held_by_kind: BTreeMap<BodyKind, u32>,
    presences_by_category: BTreeMap<PersonCategory, u32>,
}

fn ratio(num: u32, den: u32) -> (f64, Option<(u32, u32)>) {
    (if den == 0 { f64::NAN } else { num as f64 / den as f64 }, Some((num, den)))
}

fn measure(conn: &Connection, p: &Period) -> Result<Measures> {
    // Meetings of the period with their rows, one query each.
    let rows = load_rows(conn, "g.date BETWEEN ?1 AND ?2", &[&p.from, &p.to])?;
    let mut stmt = conn.prepare_cached(
        "SELECT g.id, g.date, b.id, b.name, b.kind, g.title, g.place, g.status, g.minutes_sent_on, g.headcount
         FROM meeting g JOIN body b ON b.id = g.body_id
         WHERE g.deleted_at IS NULL AND g.date BETWEEN ?1 AND ?2 ORDER BY g.date, g.start_time",
    )?;
    let empty = (Vec::new(), Vec::new());
    let mut meetings = Vec::new();
    let mut body_of: Vec<String> = Vec::new();
    let mut q = stmt.query(params![p.from, p.to])?;
    while let Some(r) = q.next()? {
        let id: String = r.get(0)?;
        let status: MeetingStatus = r.get(7)?;
        let (inv, att) = rows.get(&id).unwrap_or(&empty);
        let figures = meeting_figures(status, r.get(9)?, inv, att);
        body_of.push(r.get(2)?);
        meetings.push(BilanMeeting {
            id,
            date: r.get(1)?,
            body: r.get(3)?,
            body_kind: r.get(4)?,
            title: r.get(5)?,
            place: r.get(6)?,
            status,
            minutes_sent_on: r.get(8)?,
            figures,
        });
    }

    let mut v: HashMap<&'static str, (f64, Option<(u32, u32)>)> = HashMap::new();
    let held: Vec<usize> = (0..meetings.len()).filter(|&i| meetings[i].status == MeetingStatus::Tenue).collect();
    let sum = |f: &dyn Fn(&MeetingFigures) -> u32| held.iter().map(|&i| f(&meetings[i].figures)).sum::<u32>();
    v.insert("meetings_held", (held.len() as f64, None));
    v.insert("meetings_cancelled", (meetings.iter().filter(|m| m.status == MeetingStatus::Annulee).count() as f64, None));
    v.insert("presences", (sum(&|f| f.present) as f64, None));
    v.insert("excused", (sum(&|f| f.excused) as f64, None));
    v.insert("absent", (sum(&|f| f.absent) as f64, None));
    v.insert("no_reply", (sum(&|f| f.no_reply) as f64, None));
    v.insert("non_members", (sum(&|f| f.non_members_present) as f64, None));
    v.insert("headcount", (sum(&|f| f.headcount.unwrap_or(0)) as f64, None));
    v.insert("participation_rate", ratio(sum(&|f| f.members_present), sum(&|f| f.invited_members)));
    v.insert("mobilisation_rate", ratio(sum(&|f| f.invited_people - f.absent - f.no_reply), sum(&|f| f.invited_people)));

    // Distinct people and organisations, profiles, months: from the attendance rows of held meetings.
    let mut people: HashSet<&str> = HashSet::new();
    let mut orgs_present: HashSet<&str> = HashSet::new();
    let mut profiles: BTreeMap<(BodyKind, PersonCategory), u32> = BTreeMap::new();
    let mut by_category: BTreeMap<PersonCategory, u32> = BTreeMap::new();
    let mut held_by_kind: BTreeMap<BodyKind, u32> = BTreeMap::new();
    let mut months: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut attended_by_org: HashMap<&str, HashSet<&str>> = HashMap::new();
    let mut invited_by_org: HashMap<&str, HashSet<&str>> = HashMap::new();
    for &i in &held {
        let m = &meetings[i];
        *held_by_kind.entry(m.body_kind).or_default() += 1;
        let month = months.entry(m.date[..7].to_owned()).or_default();
        month.0 += 1;
        month.1 += m.figures.present;
        let Some((inv, att)) = rows.get(&m.id) else { continue };
        let mut seen: HashSet<&str> = HashSet::new();
        for a in att.iter().filter(|a| a.status == AttendanceStatus::Present) {
            people.insert(&a.person_key);
            if let Some(o) = a.organisation_id.as_deref() {
                orgs_present.insert(o);
                attended_by_org.entry(o).or_default().insert(&m.id);
            }
            if seen.insert(&a.person_key) {
                *profiles.entry((m.body_kind, a.category)).or_default() += 1;
                *by_category.entry(a.category).or_default() += 1;
            }
        }
        for o in inv.iter().filter_map(|i| i.organisation_id.as_deref()) {
            invited_by_org.entry(o).or_default().insert(&m.id);
        }
    }
    v.insert("distinct_people", (people.len() as f64, None));
    v.insert("distinct_organisations", (orgs_present.len() as f64, None));

    // The network at the end of the period.
    let end = &p.to;
    let mut org_stmt = conn.prepare_cached(
        "SELECT o.id, o.name, o.sector, o.category, o.commune,
                (SELECT m.status FROM membership_event m WHERE m.organisation_id = o.id AND m.deleted_at IS NULL
                    AND m.effective_date <= ?1 ORDER BY m.effective_date DESC, m.created_at DESC LIMIT 1),
                (SELECT max(m.effective_date) FROM membership_event m WHERE m.organisation_id = o.id AND m.deleted_at IS NULL
                    AND m.effective_date <= ?1 AND m.status = 'membre'),
                (SELECT min(m.effective_date) FROM membership_event m WHERE m.organisation_id = o.id AND m.deleted_at IS NULL
                    AND m.status = 'membre'),
                EXISTS (SELECT 1 FROM membership_event m WHERE m.organisation_id = o.id AND m.deleted_at IS NULL
                    AND m.status = 'retire' AND m.effective_date BETWEEN ?2 AND ?1),
                EXISTS (SELECT 1 FROM agreement_signatory s WHERE s.organisation_id = o.id AND s.deleted_at IS NULL AND s.signed_on <= ?1),
                (SELECT count(DISTINCT bm.body_id) FROM body_member bm JOIN body b ON b.id = bm.body_id
                  WHERE b.kind = 'groupe_travail' AND b.deleted_at IS NULL AND bm.deleted_at IS NULL AND bm.role <> 'invite_non_membre'
                    AND (bm.start_date IS NULL OR bm.start_date <= ?1) AND (bm.end_date IS NULL OR bm.end_date >= ?1)
                    AND (bm.organisation_id = o.id OR bm.person_id IN (
                        SELECT a.person_id FROM affiliation a WHERE a.organisation_id = o.id AND a.deleted_at IS NULL
                           AND (a.start_date IS NULL OR a.start_date <= ?1) AND (a.end_date IS NULL OR a.end_date >= ?1))))
         FROM organisation o
         -- When a record was typed says nothing of when the partner existed (a secretariat enters
         -- long-standing partners today): only the dated membership history places it in time.
         WHERE o.deleted_at IS NULL AND (o.archived_at IS NULL OR substr(o.archived_at, 1, 10) > ?1)
         ORDER BY o.name_key",
    )?;
    let mut organisations = Vec::new();
    let (mut members, mut interested, mut prospects, mut new_members, mut withdrawals, mut signatories) = (0, 0, 0, 0, 0, 0);
    let mut by_sector: BTreeMap<Sector, u32> = BTreeMap::new();
    let mut q = org_stmt.query(params![end, p.from])?;
    while let Some(r) = q.next()? {
        let id: String = r.get(0)?;
        let sector: Sector = r.get(2)?;
        let status: Option<MembershipStatus> = r.get(5)?;
        let first_member: Option<String> = r.get(7)?;
        match status {
            Some(MembershipStatus::Membre) => members += 1,
            Some(MembershipStatus::Interesse) => interested += 1,
            Some(MembershipStatus::Prospect) => prospects += 1,
            _ => {}
        }
        if first_member.as_deref().is_some_and(|d| d >= p.from.as_str() && d <= end.as_str()) {
            new_members += 1;
        }
        if r.get::<_, bool>(8)? {
            withdrawals += 1;
        }
        if r.get::<_, bool>(9)? {
            signatories += 1;
        }
        if status == Some(MembershipStatus::Membre) {
            *by_sector.entry(sector).or_default() += 1;
        }
        let invited = invited_by_org.get(id.as_str()).map_or(0, |s| s.len() as u32);
        let attended = attended_by_org.get(id.as_str()).map_or(0, |s| s.len() as u32);
        organisations.push(BilanOrganisation {
            name: r.get(1)?,
            sector,
            category: r.get(3)?,
            commune: r.get(4)?,
            member_since: if status == Some(MembershipStatus::Membre) { r.get(6)? } else { None },
            status,
            meetings_invited: invited,
            meetings_attended: attended,
            participation_rate: (invited > 0).then(|| attended as f64 / invited as f64),
            working_groups: r.get(10)?,
            id,
        });
    }
    v.insert("members", (members as f64, None));
    v.insert("interested", (interested as f64, None));
    v.insert("prospects", (prospects as f64, None));
    v.insert("new_members", (new_members as f64, None));
    v.insert("withdrawals", (withdrawals as f64, None));
    v.insert("signatories", (signatories as f64, None));
    for (s, code) in [(Sector::Public, "sector_public"), (Sector::Parapublic, "sector_parapublic"), (Sector::Associatif, "sector_associatif"), (Sector::Prive, "sector_prive")] {
        v.insert(code, (*by_sector.get(&s).unwrap_or(&0) as f64, None));
    }

    let projects_done: i64 = conn.query_row(
        "SELECT count(*) FROM action WHERE deleted_at IS NULL AND status = 'terminee' AND end_date BETWEEN ?1 AND ?2",
        params![p.from, p.to],
        |r| r.get(0),
    )?;
    let project_partners: i64 = conn.query_row(
        "SELECT count(DISTINCT ap.organisation_id) FROM action_partner ap JOIN action a ON a.id = ap.action_id
         WHERE ap.deleted_at IS NULL AND a.deleted_at IS NULL AND a.status NOT IN ('proposee', 'abandonnee')
           AND (a.start_date IS NULL OR a.start_date <= ?2) AND (a.end_date IS NULL OR a.end_date >= ?1)",
        params![p.from, p.to],
        |r| r.get(0),
    )?;
    v.insert("projects_done", (projects_done as f64, None));
    v.insert("project_partners", (project_partners as f64, None));

    let bodies = bodies_of(conn, p, &meetings, &body_of, &rows)?;
    Ok(Measures {
        profiles: profiles.into_iter().map(|((body_kind, category), presences)| ProfileCell { body_kind, category, presences }).collect(),
        months: months_of(p, &months),
        meetings,
        bodies,
        organisations,
        values: v,
        held_by_kind,
        presences_by_category: by_category,
    })
}

/// Every month of the period, even those without meetings (a chart needs them).
fn months_of(p: &Period, found: &BTreeMap<String, (u32, u32)>) -> Vec<MonthPoint> {
    let mut out = Vec::new();
    let (mut y, mut m) = (p.from[..4].parse::<i32>().unwrap_or(2000), p.from[5..7].parse::<u32>().unwrap_or(1));
    let last = &p.to[..7];
    loop {
        let key = format!("{y:04}-{m:02}");
        let (held, presences) = found.get(&key).copied().unwrap_or((0, 0));
        out.push(MonthPoint { month: key.clone(), meetings_held: held, presences });
        if key.as_str() >= last || out.len() > 240 {
            break;
        }
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
    out
}

fn bodies_of(
    conn: &Connection,
    p: &Period,
    meetings: &[BilanMeeting],
    body_of: &[String],
    rows: &BTreeMap<String, (Vec<super::meeting_figures::InvitationRow>, Vec<super::meeting_figures::AttendanceRow>)>,
) -> Result<Vec<BilanBody>> {
    let months = {
        let f = NaiveDate::parse_from_str(&p.from, "%Y-%m-%d").unwrap_or_default();
        let t = NaiveDate::parse_from_str(&p.to, "%Y-%m-%d").unwrap_or_default();
        ((t - f).num_days() + 1) as f64 / 30.44
    };
    let mut stmt = conn.prepare_cached(
        "SELECT b.id, b.name, b.kind, b.frequency_label, b.frequency_months,
                (SELECT count(*) FROM body_member m LEFT JOIN person pe ON pe.id = m.person_id
                  WHERE m.body_id = b.id AND m.deleted_at IS NULL AND m.role <> 'invite_non_membre'
                    AND (pe.id IS NULL OR pe.deleted_at IS NULL)
                    AND (m.start_date IS NULL OR m.start_date <= ?2) AND (m.end_date IS NULL OR m.end_date >= ?2))
         FROM body b
         WHERE b.deleted_at IS NULL AND (b.start_date IS NULL OR b.start_date <= ?2) AND (b.end_date IS NULL OR b.end_date >= ?1)
         ORDER BY b.name_key",
    )?;
    let mut out = Vec::new();
    let mut q = stmt.query(params![p.from, p.to])?;
    while let Some(r) = q.next()? {
        let id: String = r.get(0)?;
        let mine: Vec<&BilanMeeting> = meetings.iter().zip(body_of).filter(|(_, b)| **b == id).map(|(m, _)| m).collect();
        let held: Vec<&&BilanMeeting> = mine.iter().filter(|m| m.status == MeetingStatus::Tenue).collect();
        let present: u32 = held.iter().map(|m| m.figures.present).sum();
        let (num, den) = held.iter().fold((0, 0), |(n, d), m| (n + m.figures.members_present, d + m.figures.invited_members));
        let mut people: HashSet<&str> = HashSet::new();
        let mut orgs: HashSet<&str> = HashSet::new();
        for m in &held {
            if let Some((_, att)) = rows.get(&m.id) {
                for a in att.iter().filter(|a| a.status == AttendanceStatus::Present) {
                    people.insert(&a.person_key);
                    orgs.extend(a.organisation_id.as_deref());
                }
            }
        }
        let frequency: Option<u32> = r.get(4)?;
        out.push(BilanBody {
            id,
            name: r.get(1)?,
            kind: r.get(2)?,
            frequency_label: r.get(3)?,
            expected: frequency.map(|f| (months / f as f64).round().max(1.0) as u32),
            held: held.len() as u32,
            cancelled: mine.iter().filter(|m| m.status == MeetingStatus::Annulee).count() as u32,
            average_present: (!held.is_empty()).then(|| present as f64 / held.len() as f64),
            participation_rate: (den > 0).then(|| num as f64 / den as f64),
            members_at_end: r.get(5)?,
            distinct_people: people.len() as u32,
            distinct_organisations: orgs.len() as u32,
        });
    }
    Ok(out)
}

/// The bilan of `period`, compared with the same period a year earlier: the figures, then what
/// the working groups did.
pub fn compute(conn: &Connection, period: Period) -> Result<Bilan> {
    let mut b = figures(conn, period)?;
    let held = |when: fn(&KeyFigure) -> Option<f64>| {
        b.key_figures.iter().find(|k| k.code == "held_groupe_veille").and_then(when).unwrap_or(0.0) as u32
    };
    let watch_meetings = (held(|k| k.current), held(|k| k.previous));
    b.work = work_of(conn, &b, watch_meetings)?;
    Ok(b)
}

/// The figures alone (what computed indicators are taken from; they cannot need the work
/// section, which lists indicators).
pub fn figures(conn: &Connection, period: Period) -> Result<Bilan> {
    let previous = previous(&period);
    let period_for_name = period.clone();
    let now = measure(conn, &period)?;
    let before = measure(conn, &previous)?;
    let value = |m: &Measures, code: &str| m.values.get(code).map(|(v, r)| (if v.is_nan() { None } else { Some(*v) }, *r)).unwrap_or((None, None));
    let mut key_figures = Vec::new();
    for (code, label, _) in DEFINITIONS {
        let (current, current_ratio) = value(&now, code);
        let (previous, previous_ratio) = value(&before, code);
        let unit = if code.ends_with("_rate") { FigureUnit::Rate } else { FigureUnit::Count };
        // Network figures open the organisations; everything counted from meetings opens them.
        let drill = match *code {
            "members" | "interested" | "prospects" | "new_members" | "withdrawals" | "signatories" | "distinct_organisations" => "organisations",
            "projects_done" | "project_partners" => "actions",
            c if c.starts_with("sector_") => "organisations",
            _ => "meetings",
        };
        let drill = Some(drill.to_owned());
        key_figures.push(KeyFigure { code: code.to_string(), label: label.to_string(), unit, current, previous, current_ratio, previous_ratio, drill });
    }
    // One line per body type and per person category, after the fixed ones.
    let count_line = |code: String, label: String, c: u32, p: u32| KeyFigure {
        code,
        label,
        unit: FigureUnit::Count,
        current: Some(c as f64),
        previous: Some(p as f64),
        current_ratio: None,
        previous_ratio: None,
        drill: Some("meetings".to_owned()),
    };
    for kind in BodyKind::ALL {
        let (c, p) = (now.held_by_kind.get(kind).copied().unwrap_or(0), before.held_by_kind.get(kind).copied().unwrap_or(0));
        if c + p > 0 {
            key_figures.push(count_line(format!("held_{}", kind.code()), format!("Réunions tenues — {}", labels::body_kind(*kind).to_lowercase()), c, p));
        }
    }
    for cat in PersonCategory::ALL {
        let (c, p) = (now.presences_by_category.get(cat).copied().unwrap_or(0), before.presences_by_category.get(cat).copied().unwrap_or(0));
        key_figures.push(count_line(format!("presences_{}", cat.code()), format!("Présences — {}", labels::person_category_plural(*cat).to_lowercase()), c, p));
    }
    Ok(Bilan {
        work: BilanWork::default(),
        period,
        previous,
        key_figures,
        meetings: now.meetings,
        bodies: now.bodies,
        organisations: now.organisations,
        profiles: now.profiles,
        months: now.months,
        generated_at: crate::db::now(),
        file_name: crate::export::bilan_xlsx::file_name(&super::settings::get(conn)?, &period_for_name),
    })
}

/// People present at the held meetings of the period, for the optional sheet with names.
pub fn participants(conn: &Connection, p: &Period) -> Result<Vec<crate::export::bilan_xlsx::Participant>> {
    let rows = conn
        .prepare(
            "SELECT DISTINCT g.date, b.name, trim(coalesce(pe.first_name, '') || ' ' || coalesce(pe.last_name, '')), o.name, a.person_category,
                    g.start_time, pe.sort_key
             FROM attendance a JOIN meeting g ON g.id = a.meeting_id JOIN body b ON b.id = g.body_id
             JOIN person pe ON pe.id = a.person_id LEFT JOIN organisation o ON o.id = a.organisation_id
             WHERE a.deleted_at IS NULL AND a.status = 'present' AND g.deleted_at IS NULL AND g.status = 'tenue'
               AND pe.deleted_at IS NULL AND g.date BETWEEN ?1 AND ?2
             ORDER BY g.date, g.start_time, b.name, pe.sort_key",
        )?
        .query_map(params![p.from, p.to], |r| {
            Ok(crate::export::bilan_xlsx::Participant { date: r.get(0)?, body: r.get(1)?, name: r.get(2)?, organisation: r.get(3)?, category: r.get(4)? })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Computes the bilan of `period` and writes the workbook at `path` (with names only when
/// `with_names`). Returns the bilan, so callers can report on it.
pub fn export(conn: &Connection, period: Period, with_names: bool, path: &std::path::Path) -> Result<Bilan> {
    let bilan = compute(conn, period)?;
    let settings = super::settings::get(conn)?;
    let people = if with_names { Some(participants(conn, &bilan.period)?) } else { None };
    crate::export::bilan_xlsx::write(&bilan, &settings, people.as_deref(), path)?;
    Ok(bilan)
}

/// Working groups, actions, indicators and the watch figures of the period.
fn work_of(conn: &Connection, b: &Bilan, watch_meetings: (u32, u32)) -> Result<BilanWork> {
    let (period, previous, bodies) = (&b.period, &b.previous, &b.bodies);
    let all_actions = super::actions::list(conn, None)?;
    let in_period = |a: &Action| {
        a.start_date.as_deref().is_none_or(|s| s <= period.to.as_str()) && a.end_date.as_deref().is_none_or(|e| e >= period.from.as_str())
    };
    let indicators = super::indicators::list(conn, None)?;
    let mut groups = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT b.id, b.name, b.theme,
                (SELECT coalesce(o.name, trim(coalesce(pe.first_name, '') || ' ' || coalesce(pe.last_name, '')))
                   FROM body_member m LEFT JOIN organisation o ON o.id = m.organisation_id LEFT JOIN person pe ON pe.id = m.person_id
                  WHERE m.body_id = b.id AND m.role = 'pilote' AND m.deleted_at IS NULL LIMIT 1),
                (SELECT count(*) FROM body_member m WHERE m.body_id = b.id AND m.deleted_at IS NULL AND m.role = 'invite_non_membre'
                    AND (m.end_date IS NULL OR m.end_date >= ?1))
         FROM body b WHERE b.deleted_at IS NULL AND b.kind = 'groupe_travail' ORDER BY b.name_key",
    )?;
    let mut q = stmt.query([&period.to])?;
    while let Some(r) = q.next()? {
        let id: String = r.get(0)?;
        let row = bodies.iter().find(|b| b.id == id);
        groups.push(BilanGroup {
            name: r.get(1)?,
            theme: r.get(2)?,
            pilot: r.get(3)?,
            members: row.map_or(0, |b| b.members_at_end),
            guests: r.get(4)?,
            held: row.map_or(0, |b| b.held),
            average_present: row.and_then(|b| b.average_present),
            distinct_organisations: row.map_or(0, |b| b.distinct_organisations),
            actions: all_actions.iter().filter(|a| a.working_group.as_ref().is_some_and(|g| g.id == id)).count() as u32,
            indicators: indicators.iter().filter(|i| i.body.as_ref().is_some_and(|b| b.id == id)).count() as u32,
        });
    }
    let actions = all_actions
        .iter()
        .filter(|a| in_period(a))
        .map(|a| {
            let names = |role: PartnerRole| a.partners.iter().filter(|p| p.role == role).map(|p| p.organisation.label.clone()).collect::<Vec<_>>();
            let total = |metric: ActionMetric| {
                a.counts
                    .iter()
                    .filter(|c| c.metric == metric && c.period_start.as_str() <= period.to.as_str() && c.period_end.as_str() >= period.from.as_str())
                    .map(|c| c.count)
                    .sum()
            };
            BilanAction {
                title: a.title.clone(),
                group: a.working_group.as_ref().map(|g| g.label.clone()),
                pilot: names(PartnerRole::Pilote).into_iter().next(),
                copilots: names(PartnerRole::Copilote),
                partners: a.partners.iter().filter(|p| p.role != PartnerRole::Pilote && p.role != PartnerRole::Copilote).map(|p| p.organisation.label.clone()).collect(),
                timescale: a.timescale,
                status: a.status,
                start_date: a.start_date.clone(),
                end_date: a.end_date.clone(),
                volunteers: total(ActionMetric::Benevoles),
                beneficiaries_identified: total(ActionMetric::BeneficiairesIdentifies),
                beneficiaries_visited: total(ActionMetric::BeneficiairesVisites),
                beneficiaries_referred: total(ActionMetric::BeneficiairesOrientes),
            }
        })
        .collect();
    let mut values = Vec::new();
    for ind in &indicators {
        let scope = match (&ind.body, &ind.action) {
            (Some(b), _) => b.label.clone(),
            (_, Some(a)) => format!("Action : {}", a.label),
            _ => "Réseau".to_owned(),
        };
        // A computed indicator takes the figures this bilan already has, for its own period.
        if let Some(formula) = &ind.formula {
            values.push(BilanIndicatorValue {
                code: ind.code.clone(),
                label: ind.label.clone(),
                scope,
                period: period.label.clone(),
                number: super::indicators::value_from(b, ind, formula),
                text: None,
                unit: ind.unit,
                computed: true,
            });
            continue;
        }
        for v in super::indicators::values(conn, &ind.id)? {
            if v.period_start.as_str() > period.to.as_str() || v.period_end.as_str() < period.from.as_str() {
                continue;
            }
            let label = if v.period_kind == PeriodKind::Annee && v.period_start.ends_with("-01-01") {
                v.period_start[..4].to_owned()
            } else {
                format!("du {} au {}", crate::text::french_date(&v.period_start), crate::text::french_date(&v.period_end))
            };
            values.push(BilanIndicatorValue {
                code: ind.code.clone(),
                label: ind.label.clone(),
                scope: scope.clone(),
                period: label,
                number: v.number,
                text: v.text,
                unit: ind.unit,
                computed: v.computed,
            });
        }
    }
    Ok(BilanWork {
        groups,
        actions,
        indicators: values,
        watch: super::watch::figures(conn, period)?,
        watch_previous: super::watch::figures(conn, previous)?,
        watch_meetings,
    })
}
