//! The yearly evaluation (bilan) of a period, compared with the previous period: reads the
//! period's rows once (`queries/`, one module per table), computes every figure in memory
//! (`figures/`, pure), then adds what the working groups did. The workbook is written by
//! [`crate::export::bilan_xlsx`] from the result.

use std::path::Path;

use rusqlite::Connection;

use crate::error::Result;
use crate::figures::{self, definitions, summary, Rows};
use crate::model::*;
use crate::queries;

pub use crate::figures::period::{previous, range, year};

/// The rows every figure of the periods from `from` to `to` needs, read once, in one read
/// transaction: every table as of the same moment, even if another program writes meanwhile.
pub fn load(conn: &Connection, from: &str, to: &str) -> Result<Rows> {
    crate::db::in_one_read(conn, || read_rows(conn, from, to))
}

fn read_rows(conn: &Connection, from: &str, to: &str) -> Result<Rows> {
    let scope = queries::MeetingScope::Between(from, to);
    let mut ids = figures::Ids::default();
    let meetings = queries::meetings::figure_rows(conn, from, to, &mut ids)?;
    let invitations = figures::ByMeeting::new(queries::invitations::figure_rows(conn, scope, &mut ids)?, |r| r.meeting);
    let attendance = figures::ByMeeting::new(queries::attendance::figure_rows(conn, scope, &mut ids)?, |r| r.meeting);
    Ok(Rows {
        meetings,
        invitations,
        attendance,
        organisations: queries::organisations::figure_rows(conn, &mut ids)?,
        memberships: queries::memberships::figure_rows(conn, &mut ids)?,
        signatures: queries::agreements::figure_rows(conn, &mut ids)?,
        bodies: queries::bodies::figure_rows(conn, &mut ids)?,
        body_members: queries::body_members::figure_rows(conn, &mut ids)?,
        affiliations: queries::affiliations::figure_rows(conn, &mut ids)?,
        actions: queries::actions::list(conn, None)?,
    })
}

/// The figures of `period` and of the same period a year earlier, without the working groups'
/// section (what computed indicators are taken from).
pub fn figures(conn: &Connection, period: Period) -> Result<Bilan> {
    Ok(figures_and_rows(conn, period)?.0)
}

/// The figures, and the rows they were computed from (the working groups' section reuses them).
fn figures_and_rows(conn: &Connection, period: Period) -> Result<(Bilan, Rows)> {
    let previous = previous(&period);
    let rows = load(conn, &previous.from, &period.to)?;
    let settings = queries::settings::get(conn)?;
    Ok((assemble(&rows, period, previous, &settings), rows))
}

fn assemble(rows: &Rows, period: Period, previous: Period, settings: &Settings) -> Bilan {
    // N and N-1 on the two cores.
    let (now, before) = std::thread::scope(|s| {
        let before = s.spawn(|| summary::measure(rows, &previous));
        (summary::measure(rows, &period), before.join().expect("chiffres de N-1"))
    });
    Bilan {
        key_figures: summary::key_figures(&now, &before),
        work: BilanWork::default(),
        file_name: figures::period::file_name(settings, &period),
        period,
        previous,
        meetings: now.meetings,
        bodies: now.bodies,
        organisations: now.organisations,
        profiles: now.profiles,
        months: now.months,
        generated_at: crate::db::now(),
    }
}

/// The bilan of `period`, compared with the same period a year earlier: the figures, then what
/// the working groups did.
pub fn compute(conn: &Connection, period: Period) -> Result<Bilan> {
    let (mut b, rows) = figures_and_rows(conn, period)?;
    b.work = work_of(conn, &b, &rows)?;
    Ok(b)
}

/// Computes the bilan of `period` and writes the workbook at `path` (with names only when
/// `with_names`). Returns the bilan, so callers can report on it.
pub fn export(conn: &Connection, period: Period, with_names: bool, path: &Path) -> Result<Bilan> {
    let bilan = compute(conn, period)?;
    let settings = queries::settings::get(conn)?;
    let people = if with_names { Some(queries::attendance::participants(conn, &bilan.period.from, &bilan.period.to)?) } else { None };
    crate::files::refuse_other_kind(path, crate::files::OutputKind::Workbook)?;
    crate::files::write_atomically(path, |partial| crate::export::bilan_xlsx::write(&bilan, &settings, people.as_deref(), partial))?;
    Ok(bilan)
}

/// The values of an indicator: typed ones as stored, computed ones year by year from the
/// figures (never retyped), from the year of the first meeting to this year.
pub fn indicator_values(conn: &Connection, indicator_id: &str) -> Result<Vec<IndicatorValue>> {
    let ind = queries::indicators::get(conn, indicator_id)?;
    let Some(formula) = ind.formula.clone() else { return queries::indicators::values(conn, indicator_id) };
    let Some(first) = queries::meetings::first_date(conn)? else { return Ok(Vec::new()) };
    let first_year: i32 = first[..4].parse().unwrap_or(2000);
    let this_year = chrono::Datelike::year(&chrono::Local::now()).max(first_year);
    let rows = load(conn, &year(first_year - 1).from, &year(this_year).to)?;
    let settings = queries::settings::get(conn)?;
    Ok((first_year..=this_year)
        .map(|y| {
            let p = year(y);
            let b = assemble(&rows, p.clone(), previous(&p), &settings);
            IndicatorValue {
                id: None,
                period_kind: PeriodKind::Annee,
                number: value_from(&b, &ind, &formula),
                period_start: p.from,
                period_end: p.to,
                text: None,
                comment: None,
                computed: true,
            }
        })
        .collect())
}

/// A computed indicator's value, read from figures already computed for its period.
fn value_from(b: &Bilan, ind: &Indicator, formula: &str) -> Option<f64> {
    let as_percent = |v: f64| if ind.unit == IndicatorUnit::Pourcentage { v * 100.0 } else { v };
    if let Some(body) = &ind.body {
        let row = b.bodies.iter().find(|r| r.id == body.id)?;
        return match formula {
            "meetings_held" => Some(row.held as f64),
            "meetings_cancelled" => Some(row.cancelled as f64),
            "average_present" => row.average_present,
            "participation_rate" => row.participation_rate.map(as_percent),
            "distinct_people" => Some(row.distinct_people as f64),
            "distinct_organisations" => Some(row.distinct_organisations as f64),
            "members" => Some(row.members_at_end as f64),
            _ => None,
        };
    }
    let unit = definitions::get(formula)?.unit;
    b.key_figures.iter().find(|k| k.code == formula).and_then(|k| k.current).map(|v| if unit == FigureUnit::Rate { as_percent(v) } else { v })
}

/// Working groups, actions, indicators and the watch figures of the period.
fn work_of(conn: &Connection, b: &Bilan, rows: &Rows) -> Result<BilanWork> {
    let (period, previous) = (&b.period, &b.previous);
    let indicators = queries::indicators::list(conn, None)?;
    let overlaps = |start: Option<&str>, end: Option<&str>| start.is_none_or(|s| s <= period.to.as_str()) && end.is_none_or(|e| e >= period.from.as_str());
    let groups = rows
        .bodies
        .iter()
        .filter(|g| g.kind == BodyKind::GroupeTravail)
        .map(|g| {
            let line = b.bodies.iter().find(|l| l.id == g.id);
            Ok(BilanGroup {
                name: g.name.clone(),
                theme: g.theme.clone(),
                pilot: queries::body_members::pilot_organisation(conn, &g.id, &period.to)?,
                members: line.map_or(0, |l| l.members_at_end),
                guests: rows.body_members.iter().filter(|m| m.body == g.key && m.role == MemberRole::InviteNonMembre && overlaps(m.start_date.as_deref(), m.end_date.as_deref())).count() as u32,
                held: line.map_or(0, |l| l.held),
                average_present: line.and_then(|l| l.average_present),
                distinct_organisations: line.map_or(0, |l| l.distinct_organisations),
                actions: rows.actions.iter().filter(|a| a.working_group.as_ref().is_some_and(|w| w.id == g.id)).count() as u32,
                indicators: indicators.iter().filter(|i| i.body.as_ref().is_some_and(|x| x.id == g.id)).count() as u32,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let actions = rows
        .actions
        .iter()
        .filter(|a| overlaps(a.start_date.as_deref(), a.end_date.as_deref()))
        .map(|a| {
            let names = |role: PartnerRole| a.partners.iter().filter(|p| p.role == role).map(|p| p.organisation.label.clone()).collect::<Vec<_>>();
            let total = |metric: ActionMetric| {
                a.counts.iter().filter(|c| c.metric == metric && c.period_start.as_str() <= period.to.as_str() && c.period_end.as_str() >= period.from.as_str()).map(|c| c.count).sum()
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
            (_, Some(a)) => crate::labels::action_scope(&a.label),
            _ => crate::labels::NETWORK_SCOPE.to_owned(),
        };
        // A computed indicator takes the figures this bilan already has, for its own period.
        if let Some(formula) = &ind.formula {
            values.push(BilanIndicatorValue {
                code: ind.code.clone(),
                label: ind.label.clone(),
                scope,
                period: period.label.clone(),
                number: value_from(b, ind, formula),
                text: None,
                unit: ind.unit,
                computed: true,
            });
            continue;
        }
        for v in queries::indicators::values(conn, &ind.id)? {
            if v.period_start.as_str() > period.to.as_str() || v.period_end.as_str() < period.from.as_str() {
                continue;
            }
            let label = if v.period_kind == PeriodKind::Annee && v.period_start.ends_with("-01-01") {
                v.period_start[..4].to_owned()
            } else {
                crate::error::msg::period_label(&crate::text::french_date(&v.period_start), &crate::text::french_date(&v.period_end))
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
    let held_watch = |k: &str| b.key_figures.iter().find(|f| f.code == k).map(|f| (f.current.unwrap_or(0.0) as u32, f.previous.unwrap_or(0.0) as u32));
    Ok(BilanWork {
        groups,
        actions,
        indicators: values,
        watch: queries::watch::figures(conn, period)?,
        watch_previous: queries::watch::figures(conn, previous)?,
        watch_meetings: held_watch("held_groupe_veille").unwrap_or((0, 0)),
    })
}
