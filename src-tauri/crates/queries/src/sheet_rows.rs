//! Who is on the sheets printed for a meeting or a body (badges, labels, letters' addresses), read
//! for `maillage_core::print_sheets`.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::model::{Civility, MemberRole, Reply};
use super::persons::name_sql;

/// One person (or an organisation's seat) of a printed sheet, before it becomes a badge or an
/// address.
pub struct SheetRow {
    pub person_id: Option<String>,
    pub civility: Option<Civility>,
    pub name: String,
    pub organisation: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub commune: Option<String>,
    pub role: Option<MemberRole>,
    pub function: Option<String>,
    pub withdrawn: bool,
}

/// The person's organisation for the sheet: the one named by the invitation or the seat, else
/// their current main post's. `{org}` is the explicit organisation's id column.
fn organisation_sql(org: &str, on: &str) -> String {
    format!(
        "coalesce({org}, (SELECT a.organisation_id FROM affiliation a WHERE a.person_id = p.id AND a.deleted_at IS NULL
                           AND (a.end_date IS NULL OR a.end_date >= {on}) ORDER BY a.is_main_contact DESC, a.start_date DESC LIMIT 1))"
    )
}

/// The function of the person's post at the organisation `o`.
const FUNCTION_SQL: &str = "(SELECT a.function FROM affiliation a WHERE a.person_id = p.id AND a.organisation_id = o.id AND a.deleted_at IS NULL
                              ORDER BY a.end_date IS NULL DESC, a.start_date DESC LIMIT 1)";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SheetRow> {
    Ok(SheetRow {
        person_id: r.get(0)?,
        civility: r.get(1)?,
        name: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
        organisation: r.get(3)?,
        street: r.get(4)?,
        postal_code: r.get(5)?,
        commune: r.get(6)?,
        role: r.get(7)?,
        function: r.get(8)?,
        withdrawn: r.get::<_, Option<bool>>(9)?.unwrap_or(false),
    })
}

fn columns(role: &str) -> String {
    format!(
        "p.id, p.civility, {name}, o.name, o.address, o.postal_code, o.commune, {role}, {FUNCTION_SQL}, p.contact_consent IS 'retire'",
        name = name_sql("p", false)
    )
}

/// A meeting's invited people (only those expected — no « excusé » or « décliné » reply — with
/// `expected_only`), by name.
pub fn of_meeting(conn: &Connection, meeting_id: &str, expected_only: bool) -> Result<Vec<SheetRow>> {
    let expected = if expected_only { format!("AND i.reply NOT IN ('{}', '{}')", Reply::Excuse.code(), Reply::Decline.code()) } else { String::new() };
    let sql = format!(
        "SELECT {cols} FROM invitation i JOIN meeting m ON m.id = i.meeting_id JOIN person p ON p.id = i.person_id
         LEFT JOIN organisation o ON o.id = {org}
         WHERE i.meeting_id = ?1 AND i.deleted_at IS NULL AND p.deleted_at IS NULL AND p.erased_at IS NULL {expected}
         ORDER BY p.sort_key",
        cols = columns("(SELECT bm.role FROM body_member bm WHERE bm.body_id = m.body_id AND bm.person_id = p.id AND bm.deleted_at IS NULL
                          AND (bm.end_date IS NULL OR bm.end_date >= m.date) LIMIT 1)"),
        org = organisation_sql("i.organisation_id", "m.date"),
    );
    let rows = conn.prepare(&sql)?.query_map([meeting_id], row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A body's name and current members: an organisation's seat without a named person is a line
/// for the organisation.
pub fn of_body(conn: &Connection, body_id: &str) -> Result<(String, Vec<SheetRow>)> {
    let title: String = conn
        .query_row("SELECT name FROM body WHERE id = ? AND deleted_at IS NULL", [body_id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound { what: crate::error::what::BODY })?;
    // Current members; an organisation's seat without a named person gets a label for the
    // organisation (no badge).
    let sql = format!(
        "SELECT {cols} FROM body_member bm LEFT JOIN person p ON p.id = bm.person_id AND p.deleted_at IS NULL AND p.erased_at IS NULL
         LEFT JOIN organisation o ON o.id = CASE WHEN bm.person_id IS NULL THEN bm.organisation_id ELSE {org} END
         WHERE bm.body_id = ?1 AND bm.deleted_at IS NULL AND (bm.end_date IS NULL OR bm.end_date >= ?2)
           AND (p.id IS NOT NULL OR (bm.person_id IS NULL AND o.id IS NOT NULL AND o.deleted_at IS NULL))
         ORDER BY p.sort_key IS NULL, p.sort_key, o.name_key",
        cols = columns("bm.role"),
        org = organisation_sql("bm.organisation_id", "?2"),
    );
    let rows = conn.prepare(&sql)?.query_map(params![body_id, crate::db::today()], row)?.collect::<rusqlite::Result<_>>()?;
    Ok((title, rows))
}
