//! The watch group's records: `difficulty_report` (fiches de remontées, anonymous), their
//! categories, and `solicitation` of institutions about them — with their figures.

use rusqlite::{params, Connection, OptionalExtension};

use crate::db::{new_id, now, today, write_tx};
use crate::error::{msg, Error, Result};
use crate::model::*;
use crate::validate as v;

pub fn categories(conn: &Connection) -> Result<Vec<Ref>> {
    let rows = conn
        .prepare("SELECT id, label FROM report_category WHERE deleted_at IS NULL ORDER BY position, label_key")?
        .query_map([], |r| Ok(Ref { id: r.get(0)?, label: r.get(1)? }))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

fn write_report(conn: &Connection, id: &str, i: DifficultyReportInput, creating: bool) -> Result<()> {
    let received = v::date("received_on", "Reçue le", i.received_on)?.unwrap_or_else(today);
    let summary = v::clean(i.summary);
    if summary.as_ref().is_some_and(|s| s.chars().count() > 500) {
        return Err(Error::invalid("summary", msg::summary_warning()));
    }
    let tx = write_tx(conn)?;
    let at = now();
    if creating {
        tx.execute(
            "INSERT INTO difficulty_report (id, received_on, source_body_id, source_organisation_id, right_concerned, follow_up, resolved, summary, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![id, received, v::clean(i.source_body_id), v::clean(i.source_organisation_id), i.right_concerned, i.follow_up, i.resolved, summary, at],
        )?;
    } else {
        let n = tx.execute(
            "UPDATE difficulty_report SET received_on = ?2, source_body_id = ?3, source_organisation_id = ?4, right_concerned = ?5,
                    follow_up = ?6, resolved = ?7, summary = ?8, updated_at = ?9 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, received, v::clean(i.source_body_id), v::clean(i.source_organisation_id), i.right_concerned, i.follow_up, i.resolved, summary, at],
        )?;
        if n == 0 {
            return Err(Error::NotFound { what: crate::error::what::REPORT });
        }
        tx.execute("DELETE FROM difficulty_report_category WHERE report_id = ?", [id])?;
    }
    for c in &i.category_ids {
        tx.execute("INSERT OR IGNORE INTO difficulty_report_category (report_id, category_id, created_at) VALUES (?1, ?2, ?3)", params![id, c, at])
            .map_err(|_| Error::invalid("category_ids", msg::unknown_category()))?;
    }
    tx.commit()
}

pub fn create_report(conn: &Connection, input: DifficultyReportInput) -> Result<DifficultyReport> {
    let id = new_id();
    write_report(conn, &id, input, true)?;
    get_report(conn, &id)
}

pub fn update_report(conn: &Connection, id: &str, input: DifficultyReportInput) -> Result<DifficultyReport> {
    write_report(conn, id, input, false)?;
    get_report(conn, id)
}

pub fn get_report(conn: &Connection, id: &str) -> Result<DifficultyReport> {
    let mut r = conn
        .query_row(
            "SELECT d.id, d.received_on, d.source_body_id, b.name, d.source_organisation_id, o.name, d.right_concerned, d.follow_up, d.resolved, d.summary
             FROM difficulty_report d LEFT JOIN body b ON b.id = d.source_body_id LEFT JOIN organisation o ON o.id = d.source_organisation_id
             WHERE d.id = ? AND d.deleted_at IS NULL",
            [id],
            |r| {
                let body: Option<String> = r.get(2)?;
                let org: Option<String> = r.get(4)?;
                Ok(DifficultyReport {
                    id: r.get(0)?,
                    received_on: r.get(1)?,
                    source_body: body.map(|id| Ok::<_, rusqlite::Error>(Ref { id, label: r.get(3)? })).transpose()?,
                    source_organisation: org.map(|id| Ok::<_, rusqlite::Error>(Ref { id, label: r.get(5)? })).transpose()?,
                    categories: Vec::new(),
                    right_concerned: r.get(6)?,
                    follow_up: r.get(7)?,
                    resolved: r.get(8)?,
                    summary: r.get(9)?,
                })
            },
        )
        .optional()?
        .ok_or(Error::NotFound { what: crate::error::what::REPORT })?;
    r.categories = conn
        .prepare("SELECT c.id, c.label FROM difficulty_report_category dc JOIN report_category c ON c.id = dc.category_id WHERE dc.report_id = ? ORDER BY c.position")?
        .query_map([id], |x| Ok(Ref { id: x.get(0)?, label: x.get(1)? }))?
        .collect::<Result<_, _>>()?;
    Ok(r)
}

pub fn list_reports(conn: &Connection, from: &str, to: &str) -> Result<Vec<DifficultyReport>> {
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM difficulty_report WHERE deleted_at IS NULL AND received_on BETWEEN ?1 AND ?2 ORDER BY received_on DESC")?
        .query_map(params![from, to], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.iter().map(|id| get_report(conn, id)).collect()
}

pub fn save_solicitation(conn: &Connection, id: Option<&str>, i: SolicitationInput) -> Result<Solicitation> {
    let subject = v::required("subject", "Objet", Some(i.subject))?;
    let sent = v::date("sent_on", "Envoyée le", i.sent_on)?.unwrap_or_else(today);
    let answered = v::date("answered_on", "Réponse le", i.answered_on)?;
    if answered.as_ref().is_some_and(|a| a < &sent) {
        return Err(Error::invalid("answered_on", msg::answer_before_sending()));
    }
    let tx = write_tx(conn)?;
    let at = now();
    let id = match id {
        Some(id) => {
            let n = tx.execute(
                "UPDATE solicitation SET institution_id = ?2, sent_on = ?3, subject = ?4, answered_on = ?5, answer_summary = ?6, updated_at = ?7
                 WHERE id = ?1 AND deleted_at IS NULL",
                params![id, i.institution_id, sent, subject, answered, v::clean(i.answer_summary), at],
            )?;
            if n == 0 {
                return Err(Error::NotFound { what: crate::error::what::SOLICITATION });
            }
            tx.execute("DELETE FROM solicitation_report WHERE solicitation_id = ?", [id])?;
            id.to_owned()
        }
        None => {
            let id = new_id();
            tx.execute(
                "INSERT INTO solicitation (id, institution_id, sent_on, subject, answered_on, answer_summary, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![id, i.institution_id, sent, subject, answered, v::clean(i.answer_summary), at],
            )
            .map_err(|_| Error::invalid("institution_id", msg::required("Institution")))?;
            id
        }
    };
    for r in &i.report_ids {
        tx.execute("INSERT OR IGNORE INTO solicitation_report (solicitation_id, report_id, created_at) VALUES (?1, ?2, ?3)", params![id, r, at])?;
    }
    tx.commit()?;
    get_solicitation(conn, &id)
}

pub fn list_solicitations(conn: &Connection, from: &str, to: &str) -> Result<Vec<Solicitation>> {
    solicitations(conn, "s.sent_on BETWEEN ?1 AND ?2", params![from, to])
}

fn get_solicitation(conn: &Connection, id: &str) -> Result<Solicitation> {
    solicitations(conn, "s.id = ?1", params![id])?.pop().ok_or(Error::NotFound { what: crate::error::what::SOLICITATION })
}

/// Solicitations matching `filter` (on `s`), newest first.
fn solicitations(conn: &Connection, filter: &str, p: &[&dyn rusqlite::ToSql]) -> Result<Vec<Solicitation>> {
    let rows = conn
        .prepare(&format!(
            "SELECT s.id, o.id, o.name, s.sent_on, s.subject, s.answered_on, s.answer_summary,
                    (SELECT group_concat(report_id, char(31)) FROM solicitation_report WHERE solicitation_id = s.id)
             FROM solicitation s JOIN organisation o ON o.id = s.institution_id
             WHERE s.deleted_at IS NULL AND {filter} ORDER BY s.sent_on DESC"
        ))?
        .query_map(p, |r| {
            Ok(Solicitation {
                id: r.get(0)?,
                institution: Ref { id: r.get(1)?, label: r.get(2)? },
                sent_on: r.get(3)?,
                subject: r.get(4)?,
                answered_on: r.get(5)?,
                answer_summary: r.get(6)?,
                report_ids: super::split_concat(r.get(7)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The watch figures of a period: every share is computed from the counts it shows.
pub fn figures(conn: &Connection, p: &Period) -> Result<WatchFigures> {
    let reports = list_reports(conn, &p.from, &p.to)?;
    let n = reports.len() as u32;
    let share = |label: String, count: u32| Share { label, count, share: (n > 0).then(|| count as f64 / n as f64) };
    let categories = categories(conn)?
        .into_iter()
        .map(|c| {
            let count = reports.iter().filter(|r| r.categories.iter().any(|x| x.id == c.id)).count() as u32;
            share(c.label, count)
        })
        .collect();
    let rights = RightConcerned::ALL
        .iter()
        .map(|r| share(crate::labels::right(*r).to_owned(), reports.iter().filter(|x| x.right_concerned == Some(*r)).count() as u32))
        .filter(|s| s.count > 0)
        .collect();
    let follow_ups = FollowUp::ALL
        .iter()
        .map(|f| share(crate::labels::follow_up(*f).to_owned(), reports.iter().filter(|x| x.follow_up == Some(*f)).count() as u32))
        .filter(|s| s.count > 0)
        .collect();
    let mut institutions: Vec<InstitutionFigures> = Vec::new();
    for s in list_solicitations(conn, &p.from, &p.to)? {
        let i = match institutions.iter_mut().find(|i| i.institution == s.institution.label) {
            Some(i) => i,
            None => {
                institutions.push(InstitutionFigures { institution: s.institution.label.clone(), solicitations: 0, answered: 0, pending: 0, subjects: Vec::new() });
                institutions.last_mut().unwrap()
            }
        };
        i.solicitations += 1;
        if s.answered_on.is_some() { i.answered += 1 } else { i.pending += 1 }
        i.subjects.push(s.subject);
    }
    institutions.sort_by(|a, b| a.institution.cmp(&b.institution));
    Ok(WatchFigures { reports: n, resolved: reports.iter().filter(|r| r.resolved).count() as u32, categories, rights, follow_ups, institutions })
}
