//! The `body` table: the network's bodies (plenary, steering committee, working groups…).

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::db::{new_id, now, today, write_tx};
use crate::error::{msg, Error, Result};
use crate::model::*;
use crate::text::fold;
use crate::validate as v;

fn validate(conn: &Connection, id: Option<&str>, mut i: BodyInput) -> Result<(BodyInput, BodyKind, String)> {
    i.name = v::required("name", "Nom", Some(i.name))?;
    v::max_len("name", "Nom", &Some(i.name.clone()), 200)?;
    let kind = i.kind.ok_or_else(|| Error::invalid("kind", msg::required("Type d'instance")))?;
    i.theme = v::clean(i.theme);
    i.frequency_label = v::clean(i.frequency_label);
    i.work_axes = v::clean(i.work_axes);
    v::max_len("work_axes", "Axes de travail", &i.work_axes, 4000)?;
    if let Some(m) = i.frequency_months {
        if !(1..=120).contains(&m) {
            return Err(Error::invalid("frequency_months", msg::bad_frequency()));
        }
    }
    i.start_date = v::date("start_date", "Début", i.start_date)?;
    i.end_date = v::date("end_date", "Fin", i.end_date)?;
    v::date_range("end_date", &i.start_date, &i.end_date)?;
    let key = fold(&i.name);
    let taken: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM body WHERE name_key = ? AND deleted_at IS NULL AND id <> ?)",
        params![key, id.unwrap_or("")],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::conflict("name", msg::duplicate_body(&i.name)));
    }
    Ok((i, kind, key))
}

pub fn create(conn: &Connection, input: BodyInput) -> Result<Body> {
    let (i, kind, key) = validate(conn, None, input)?;
    let id = new_id();
    conn.execute(
        "INSERT INTO body (id, name, kind, theme, frequency_label, frequency_months, start_date, end_date, work_axes,
                           name_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![id, i.name, kind, i.theme, i.frequency_label, i.frequency_months, i.start_date, i.end_date, i.work_axes, key, now()],
    )?;
    get(conn, &id)
}

pub fn update(conn: &Connection, id: &str, input: BodyInput) -> Result<Body> {
    let (i, kind, key) = validate(conn, Some(id), input)?;
    let n = conn.execute(
        "UPDATE body SET name = ?2, kind = ?3, theme = ?4, frequency_label = ?5, frequency_months = ?6, start_date = ?7,
                end_date = ?8, work_axes = ?9, name_key = ?10, updated_at = ?11
         WHERE id = ?1 AND deleted_at IS NULL",
        params![id, i.name, kind, i.theme, i.frequency_label, i.frequency_months, i.start_date, i.end_date, i.work_axes, key, now()],
    )?;
    if n == 0 {
        return Err(Error::NotFound { what: crate::error::what::BODY });
    }
    get(conn, id)
}

/// Deletes a body without meetings (with its member list); one with meetings is refused.
pub fn remove(conn: &Connection, id: &str) -> Result<()> {
    let body = get(conn, id)?;
    if body.meeting_count > 0 {
        return Err(Error::conflict("name", msg::body_has_meetings(&body.name, body.meeting_count as i64)));
    }
    let tx = write_tx(conn)?;
    let at = now();
    tx.execute("UPDATE body_member SET deleted_at = ?2, updated_at = ?2 WHERE body_id = ?1 AND deleted_at IS NULL", params![id, at])?;
    tx.execute("UPDATE body SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1", params![id, at])?;
    tx.commit()
}

const SELECT: &str = "SELECT b.id, b.name, b.kind, b.theme, b.frequency_label, b.frequency_months, b.start_date,
        b.end_date, b.work_axes,
        (SELECT count(*) FROM body_member m WHERE m.body_id = b.id AND m.deleted_at IS NULL AND m.role <> 'invite_non_membre'
            AND (m.end_date IS NULL OR m.end_date >= ?1) AND (m.start_date IS NULL OR m.start_date <= ?1)) AS members,
        (SELECT count(*) FROM meeting g WHERE g.body_id = b.id AND g.deleted_at IS NULL) AS meetings,
        (SELECT min(g.date) FROM meeting g WHERE g.body_id = b.id AND g.deleted_at IS NULL AND g.date >= ?1
            AND g.status = 'prevue') AS next_meeting
    FROM body b";

fn row(r: &Row) -> rusqlite::Result<Body> {
    Ok(Body {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        theme: r.get(3)?,
        frequency_label: r.get(4)?,
        frequency_months: r.get(5)?,
        start_date: r.get(6)?,
        end_date: r.get(7)?,
        work_axes: r.get(8)?,
        member_count: r.get(9)?,
        meeting_count: r.get(10)?,
        next_meeting: r.get(11)?,
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<Body> {
    conn.query_row(&format!("{SELECT} WHERE b.id = ?2 AND b.deleted_at IS NULL"), params![today(), id], row)
        .optional()?
        .ok_or(Error::NotFound { what: crate::error::what::BODY })
}

pub fn list(conn: &Connection) -> Result<Vec<Body>> {
    let sql = format!("{SELECT} WHERE b.deleted_at IS NULL ORDER BY b.name_key");
    let rows = conn.prepare(&sql)?.query_map([today()], row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Every body not deleted, for the figures.
pub fn figure_rows(conn: &Connection, ids: &mut crate::figures::Ids) -> Result<Vec<crate::figures::BodyRow>> {
    let rows = conn
        .prepare_cached("SELECT id, name, kind, theme, frequency_label, frequency_months, start_date, end_date FROM body WHERE deleted_at IS NULL ORDER BY name_key, id")?
        .query_map([], |r| {
            Ok(crate::figures::BodyRow {
                key: super::key(ids, r, 0)?,
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                theme: r.get(3)?,
                frequency_label: r.get(4)?,
                frequency_months: r.get(5)?,
                start_date: r.get(6)?,
                end_date: r.get(7)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
