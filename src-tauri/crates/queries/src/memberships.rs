//! The `membership_event` table: an organisation's dated path prospect → intéressé → membre → retiré.

use rusqlite::{params, Connection, OptionalExtension};

use crate::db::{new_id, now, today};
use crate::error::{msg, Error, Result};
use crate::model::*;
use crate::validate as v;

pub fn add(conn: &Connection, input: MembershipEventInput) -> Result<MembershipEvent> {
    let status = input.status.ok_or_else(|| Error::invalid("status", msg::required("Statut")))?;
    let date = v::date("effective_date", "Date", input.effective_date)?.unwrap_or_else(today);
    let note = v::clean(input.note);
    v::max_len("note", "Remarque", &note, 500)?;
    let org_ok: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM organisation WHERE id = ? AND deleted_at IS NULL)",
        [&input.organisation_id],
        |r| r.get(0),
    )?;
    if !org_ok {
        return Err(Error::NotFound { what: crate::error::what::ORGANISATION });
    }
    // An organisation cannot leave before it joined.
    if status == MembershipStatus::Retire {
        let was_member: bool = conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM membership_event WHERE organisation_id = ? AND status = 'membre'
                 AND effective_date <= ? AND deleted_at IS NULL)",
            params![input.organisation_id, date],
            |r| r.get(0),
        )?;
        if !was_member {
            return Err(Error::invalid("effective_date", msg::withdraw_before_join()));
        }
    }
    let id = new_id();
    conn.execute(
        "INSERT INTO membership_event (id, organisation_id, status, effective_date, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![id, input.organisation_id, status, date, note, now()],
    )?;
    Ok(MembershipEvent { id, status, effective_date: date, note })
}

pub fn remove(conn: &Connection, id: &str) -> Result<()> {
    let at = now();
    let n = conn.execute(
        "UPDATE membership_event SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        params![id, at],
    )?;
    if n == 0 {
        return Err(Error::NotFound { what: crate::error::what::MEMBERSHIP_STEP });
    }
    Ok(())
}

/// Newest first.
pub fn history(conn: &Connection, organisation_id: &str) -> Result<Vec<MembershipEvent>> {
    let rows = conn
        .prepare(
            "SELECT id, status, effective_date, note FROM membership_event
             WHERE organisation_id = ? AND deleted_at IS NULL ORDER BY effective_date DESC, created_at DESC",
        )?
        .query_map([organisation_id], |r| {
            Ok(MembershipEvent { id: r.get(0)?, status: r.get(1)?, effective_date: r.get(2)?, note: r.get(3)? })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The status in force on `date` (the latest event on or before it).
pub fn status_on(conn: &Connection, organisation_id: &str, date: &str) -> Result<Option<MembershipStatus>> {
    Ok(conn
        .query_row(
            "SELECT status FROM membership_event WHERE organisation_id = ? AND deleted_at IS NULL AND effective_date <= ?
             ORDER BY effective_date DESC, created_at DESC, id DESC LIMIT 1",
            params![organisation_id, date],
            |r| r.get(0),
        )
        .optional()?)
}

/// Every membership step, for the figures.
pub fn figure_rows(conn: &Connection, ids: &mut crate::figures::Ids) -> Result<Vec<crate::figures::MembershipRow>> {
    let rows = conn
        .prepare_cached("SELECT organisation_id, status, effective_date, created_at, id FROM membership_event WHERE deleted_at IS NULL")?
        .query_map([], |r| Ok(crate::figures::MembershipRow { organisation: super::key(ids, r, 0)?, status: r.get(1)?, effective_date: r.get(2)?, created_at: r.get(3)?, id: r.get(4)? }))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
