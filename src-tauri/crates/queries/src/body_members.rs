//! The `body_member` table: who sits in a body, with which role, from when to when.

use rusqlite::{params, Connection, OptionalExtension};

use crate::db::{new_id, now, today};
use crate::error::{msg, Error, Result};
use crate::model::*;
use crate::validate as v;

pub fn add(conn: &Connection, input: BodyMemberInput) -> Result<BodyMember> {
    let person_id = v::clean(input.person_id);
    let organisation_id = v::clean(input.organisation_id);
    if person_id.is_none() && organisation_id.is_none() {
        return Err(Error::invalid("person_id", msg::member_needs_someone()));
    }
    let role = input.role.ok_or_else(|| Error::invalid("role", msg::required("Rôle")))?;
    let start = v::date("start_date", "Début", input.start_date)?;
    let end = v::date("end_date", "Fin", input.end_date)?;
    v::date_range("end_date", &start, &end)?;
    super::bodies::get(conn, &input.body_id)?;
    // The same person (or organisation alone) sits once at a time.
    let existing: Option<String> = conn
        .query_row(
            "SELECT id FROM body_member WHERE body_id = ?1 AND deleted_at IS NULL AND (end_date IS NULL OR end_date >= ?4)
               AND coalesce(person_id, '') = coalesce(?2, '') AND (?2 IS NOT NULL OR organisation_id = ?3)",
            params![input.body_id, person_id, organisation_id, today()],
            |r| r.get(0),
        )
        .optional()?;
    if existing.is_some() {
        let who = match &person_id {
            Some(p) => super::persons::get(conn, p)?.display_name,
            None => super::organisations::get(conn, organisation_id.as_deref().unwrap_or(""))?.name,
        };
        return Err(Error::conflict("person_id", msg::already_member(&who)));
    }
    let id = new_id();
    conn.execute(
        "INSERT INTO body_member (id, body_id, person_id, organisation_id, role, start_date, end_date, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![id, input.body_id, person_id, organisation_id, role, start, end, now()],
    )
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => Error::NotFound { what: crate::error::what::MEMBER_OR_ORGANISATION },
        _ => e.into(),
    })?;
    get(conn, &id)
}

/// Ends a membership on `end_date` (today by default); the history stays.
pub fn end(conn: &Connection, id: &str, end_date: Option<String>) -> Result<BodyMember> {
    let end = v::date("end_date", "Fin", end_date)?.unwrap_or_else(today);
    let m = get(conn, id)?;
    v::date_range("end_date", &m.start_date, &Some(end.clone()))?;
    conn.execute("UPDATE body_member SET end_date = ?2, updated_at = ?3 WHERE id = ?1", params![id, end, now()])?;
    get(conn, id)
}

pub fn remove(conn: &Connection, id: &str) -> Result<()> {
    let at = now();
    let n = conn.execute("UPDATE body_member SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL", params![id, at])?;
    if n == 0 {
        return Err(Error::NotFound { what: crate::error::what::BODY_MEMBER });
    }
    Ok(())
}

static SELECT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| format!("SELECT m.id, m.body_id, m.person_id, {name_p},
        m.organisation_id, o.name, m.role, m.start_date, m.end_date,
        (m.end_date IS NULL OR m.end_date >= ?1) AS current
    FROM body_member m LEFT JOIN person p ON p.id = m.person_id LEFT JOIN organisation o ON o.id = m.organisation_id",
    name_p = super::persons::name_sql("p", false)));

fn row(r: &rusqlite::Row) -> rusqlite::Result<BodyMember> {
    let person_id: Option<String> = r.get(2)?;
    let organisation_id: Option<String> = r.get(4)?;
    Ok(BodyMember {
        id: r.get(0)?,
        body_id: r.get(1)?,
        person: person_id.map(|id| Ok::<_, rusqlite::Error>(Ref { id, label: r.get(3)? })).transpose()?,
        organisation: organisation_id.map(|id| Ok::<_, rusqlite::Error>(Ref { id, label: r.get(5)? })).transpose()?,
        role: r.get(6)?,
        start_date: r.get(7)?,
        end_date: r.get(8)?,
        current: r.get(9)?,
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<BodyMember> {
    conn.query_row(&format!("{} WHERE m.id = ?2 AND m.deleted_at IS NULL", *SELECT), params![today(), id], row)
        .optional()?
        .ok_or(Error::NotFound { what: crate::error::what::BODY_MEMBER })
}

/// Members of a body: current first, pilots first, then by name.
pub fn of_body(conn: &Connection, body_id: &str) -> Result<Vec<BodyMember>> {
    let sql = format!(
        "{} WHERE m.body_id = ?2 AND m.deleted_at IS NULL AND (p.id IS NULL OR p.deleted_at IS NULL)
         ORDER BY current DESC, CASE m.role WHEN 'pilote' THEN 0 WHEN 'copilote' THEN 1 WHEN 'animateur' THEN 2
             WHEN 'rapporteur' THEN 3 WHEN 'membre' THEN 4 ELSE 5 END, coalesce(p.sort_key, o.name_key)",
        *SELECT
    );
    let rows = conn.prepare(&sql)?.query_map(params![today(), body_id], row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The people and organisations sitting in `body_id` on `date`, with whether they are members
/// (guests are not): what "invite the members" invites.
pub fn sitting_on(conn: &Connection, body_id: &str, date: &str) -> Result<Vec<(Option<String>, Option<String>, bool)>> {
    let rows = conn
        .prepare(
            "SELECT m.person_id, m.organisation_id, m.role <> 'invite_non_membre'
             FROM body_member m LEFT JOIN person p ON p.id = m.person_id
             WHERE m.body_id = ?1 AND m.deleted_at IS NULL AND (p.id IS NULL OR p.deleted_at IS NULL)
               AND (m.start_date IS NULL OR m.start_date <= ?2) AND (m.end_date IS NULL OR m.end_date >= ?2)",
        )?
        .query_map(params![body_id, date], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Every seat in a body, past and present, for the figures (whoever holds it, archived or not).
pub fn figure_rows(conn: &Connection, ids: &mut crate::figures::Ids) -> Result<Vec<crate::figures::BodyMemberRow>> {
    let rows = conn
        .prepare_cached("SELECT body_id, person_id, organisation_id, role, start_date, end_date FROM body_member WHERE deleted_at IS NULL")?
        .query_map([], |r| {
            Ok(crate::figures::BodyMemberRow { body: super::key(ids, r, 0)?, person: super::opt_key(ids, r, 1)?, organisation: super::opt_key(ids, r, 2)?, role: r.get(3)?, start_date: r.get(4)?, end_date: r.get(5)? })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The organisation piloting a body on `date`: the one named on the pilot's seat, or the pilot's
/// post on that date. Never a person's name (the bilan holds no names), and never today's post
/// for a past period (its figures and labels never move).
pub fn pilot_organisation(conn: &Connection, body_id: &str, date: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT coalesce(o.name, (SELECT o2.name FROM affiliation a JOIN organisation o2 ON o2.id = a.organisation_id
                                      WHERE a.person_id = m.person_id AND a.deleted_at IS NULL
                                        AND (a.start_date IS NULL OR a.start_date <= ?2) AND (a.end_date IS NULL OR a.end_date >= ?2)
                                      ORDER BY a.is_main_contact DESC, a.start_date DESC, a.id LIMIT 1))
             FROM body_member m LEFT JOIN organisation o ON o.id = m.organisation_id
             WHERE m.body_id = ?1 AND m.role = 'pilote' AND m.deleted_at IS NULL AND (m.start_date IS NULL OR m.start_date <= ?2)
             ORDER BY (m.end_date IS NULL OR m.end_date >= ?2) DESC, m.start_date DESC, m.id LIMIT 1",
            params![body_id, date],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}
