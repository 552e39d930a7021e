//! The `action`, `action_status_event`, `action_partner` and `action_count` tables: actions
//! born in working groups, their partners (one pilot at most) and their totals per period.

use rusqlite::{params, Connection, OptionalExtension};

use crate::db::{new_id, now, today, write_tx};
use crate::error::{msg, Error, Result};
use crate::model::*;
use crate::validate as v;

fn pilot(conn: &Connection, action_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT o.name FROM action_partner p JOIN organisation o ON o.id = p.organisation_id
             WHERE p.action_id = ? AND p.role = 'pilote' AND p.deleted_at IS NULL",
            [action_id],
            |r| r.get(0),
        )
        .optional()?)
}

fn validate(i: ActionInput) -> Result<ActionInput> {
    let mut i = i;
    i.title = v::required("title", "Intitulé", Some(i.title))?;
    v::max_len("title", "Intitulé", &Some(i.title.clone()), 200)?;
    i.description = v::clean(i.description);
    v::max_len("description", "Description", &i.description, 4000)?;
    i.working_group_id = v::clean(i.working_group_id);
    i.evaluated_meeting_id = v::clean(i.evaluated_meeting_id);
    i.start_date = v::date("start_date", "Début", i.start_date)?;
    i.end_date = v::date("end_date", "Fin", i.end_date)?;
    v::date_range("end_date", &i.start_date, &i.end_date)?;
    Ok(i)
}

pub fn create(conn: &Connection, input: ActionInput) -> Result<Action> {
    let i = validate(input)?;
    let status = i.status.unwrap_or(ActionStatus::Proposee);
    // A new action has no partner yet, so no pilot.
    if status == ActionStatus::EnCours {
        return Err(Error::invalid("status", msg::in_progress_needs_pilot()));
    }
    let tx = write_tx(conn)?;
    let id = new_id();
    let at = now();
    tx.execute(
        "INSERT INTO action (id, title, description, working_group_id, timescale, status, start_date, end_date, evaluated_meeting_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![id, i.title, i.description, i.working_group_id, i.timescale, status, i.start_date, i.end_date, i.evaluated_meeting_id, at],
    )?;
    tx.execute(
        "INSERT INTO action_status_event (id, action_id, status, effective_date, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![new_id(), id, status, i.start_date.clone().unwrap_or_else(today), at],
    )?;
    tx.commit()?;
    get(conn, &id)
}

pub fn update(conn: &Connection, id: &str, input: ActionInput) -> Result<Action> {
    let i = validate(input)?;
    let tx = write_tx(conn)?;
    let current: ActionStatus = tx
        .query_row("SELECT status FROM action WHERE id = ? AND deleted_at IS NULL", [id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound { what: crate::error::what::ACTION })?;
    let status = i.status.unwrap_or(current);
    if status == ActionStatus::EnCours && pilot(&tx, id)?.is_none() {
        return Err(Error::invalid("status", msg::in_progress_needs_pilot()));
    }
    let at = now();
    tx.execute(
        "UPDATE action SET title = ?2, description = ?3, working_group_id = ?4, timescale = ?5, status = ?6, start_date = ?7,
                end_date = ?8, evaluated_meeting_id = ?9, updated_at = ?10 WHERE id = ?1",
        params![id, i.title, i.description, i.working_group_id, i.timescale, status, i.start_date, i.end_date, i.evaluated_meeting_id, at],
    )?;
    if status != current {
        tx.execute(
            "INSERT INTO action_status_event (id, action_id, status, effective_date, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![new_id(), id, status, today(), at],
        )?;
    }
    tx.commit()?;
    get(conn, id)
}

pub fn add_partner(conn: &Connection, action_id: &str, organisation_id: &str, role: PartnerRole) -> Result<Action> {
    let action = get(conn, action_id)?;
    if let Some(p) = action.partners.iter().find(|p| p.organisation.id == organisation_id) {
        return Err(Error::conflict("organisation_id", msg::already_partner(&p.organisation.label)));
    }
    if role == PartnerRole::Pilote {
        if let Some(current) = pilot(conn, action_id)? {
            return Err(Error::conflict("role", msg::one_pilot(&current)));
        }
    }
    conn.execute(
        "INSERT INTO action_partner (id, action_id, organisation_id, role, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![new_id(), action_id, organisation_id, role, now()],
    )
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => Error::NotFound { what: crate::error::what::ORGANISATION },
        _ => e.into(),
    })?;
    get(conn, action_id)
}

pub fn remove_partner(conn: &Connection, partner_id: &str) -> Result<()> {
    let (role, status): (PartnerRole, ActionStatus) = conn
        .query_row(
            "SELECT p.role, a.status FROM action_partner p JOIN action a ON a.id = p.action_id WHERE p.id = ? AND p.deleted_at IS NULL",
            [partner_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or(Error::NotFound { what: crate::error::what::PARTNER })?;
    if role == PartnerRole::Pilote && status == ActionStatus::EnCours {
        return Err(Error::invalid("role", msg::pilot_of_running_action()));
    }
    let at = now();
    conn.execute("UPDATE action_partner SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1", params![partner_id, at])?;
    Ok(())
}

/// Records a total for a period (replacing the previous figure for the same period and metric).
pub fn set_count(conn: &Connection, input: ActionCountInput) -> Result<Action> {
    let metric = input.metric.ok_or_else(|| Error::invalid("metric", msg::required("Mesure")))?;
    let start = v::date("period_start", "Début", input.period_start)?.ok_or_else(|| Error::invalid("period_start", msg::required("Début")))?;
    let end = v::date("period_end", "Fin", input.period_end)?.ok_or_else(|| Error::invalid("period_end", msg::required("Fin")))?;
    v::date_range("period_end", &Some(start.clone()), &Some(end.clone()))?;
    let count = super::indicators::parse_count(&input.count).ok_or_else(|| Error::invalid("count", msg::bad_count(input.count.trim())))?;
    get(conn, &input.action_id)?;
    let at = now();
    conn.execute(
        "INSERT INTO action_count (id, action_id, period_start, period_end, metric, count, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
         ON CONFLICT(action_id, metric, period_start, period_end) WHERE deleted_at IS NULL
         DO UPDATE SET count = excluded.count, updated_at = excluded.updated_at",
        params![new_id(), input.action_id, start, end, metric, count, at],
    )?;
    get(conn, &input.action_id)
}

pub fn get(conn: &Connection, id: &str) -> Result<Action> {
    let mut a = conn
        .query_row(
            "SELECT a.id, a.title, a.description, a.working_group_id, b.name, a.timescale, a.status, a.start_date, a.end_date,
                    a.evaluated_meeting_id, m.date, mb.name
             FROM action a LEFT JOIN body b ON b.id = a.working_group_id
             LEFT JOIN meeting m ON m.id = a.evaluated_meeting_id LEFT JOIN body mb ON mb.id = m.body_id
             WHERE a.id = ? AND a.deleted_at IS NULL",
            [id],
            |r| {
                let group: Option<String> = r.get(3)?;
                let meeting: Option<String> = r.get(9)?;
                let meeting_label = format!("{} du {}", r.get::<_, Option<String>>(11)?.unwrap_or_default(), crate::text::french_date(&r.get::<_, Option<String>>(10)?.unwrap_or_default()));
                Ok(Action {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    description: r.get(2)?,
                    working_group: group.map(|id| Ok::<_, rusqlite::Error>(Ref { id, label: r.get(4)? })).transpose()?,
                    timescale: r.get(5)?,
                    status: r.get(6)?,
                    start_date: r.get(7)?,
                    end_date: r.get(8)?,
                    evaluated_meeting: meeting.map(|id| Ref { id, label: meeting_label }),
                    partners: Vec::new(),
                    counts: Vec::new(),
                })
            },
        )
        .optional()?
        .ok_or(Error::NotFound { what: crate::error::what::ACTION })?;
    a.partners = conn
        .prepare(
            "SELECT p.id, o.id, o.name, p.role FROM action_partner p JOIN organisation o ON o.id = p.organisation_id
             WHERE p.action_id = ? AND p.deleted_at IS NULL
             ORDER BY CASE p.role WHEN 'pilote' THEN 0 WHEN 'copilote' THEN 1 WHEN 'structure_referente' THEN 2 ELSE 3 END, o.name_key",
        )?
        .query_map([id], |r| Ok(ActionPartner { id: r.get(0)?, organisation: Ref { id: r.get(1)?, label: r.get(2)? }, role: r.get(3)? }))?
        .collect::<Result<_, _>>()?;
    a.counts = conn
        .prepare("SELECT id, period_start, period_end, metric, count FROM action_count WHERE action_id = ? AND deleted_at IS NULL ORDER BY period_start, metric")?
        .query_map([id], |r| Ok(ActionCount { id: r.get(0)?, period_start: r.get(1)?, period_end: r.get(2)?, metric: r.get(3)?, count: r.get(4)? }))?
        .collect::<Result<_, _>>()?;
    Ok(a)
}

/// Actions, of one working group or all, newest first.
pub fn list(conn: &Connection, working_group_id: Option<&str>) -> Result<Vec<Action>> {
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM action WHERE deleted_at IS NULL AND (?1 IS NULL OR working_group_id = ?1) ORDER BY coalesce(start_date, '') DESC, title")?
        .query_map([working_group_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.iter().map(|id| get(conn, id)).collect()
}
