//! The `retention_hold` table (people kept past their retention period, with a reason), the day of
//! the last purge, and what the purge of `maillage_core::privacy::retention` reads: each person's
//! last activity.

use rusqlite::{params, Connection};

use crate::db::now;
use crate::error::{Error, Result};
use crate::model::PersonCategory;

/// A person not erased, with no post or seat still running on the day asked, and the dates of
/// their activity: their last meeting (invited or marked), the end of their last post, of their
/// last seat, and the day their record was made.
pub struct Activity {
    pub person_id: String,
    pub category: PersonCategory,
    pub name: String,
    /// Kept on purpose: the reason given.
    pub kept: Option<String>,
    pub dates: [Option<String>; 4],
}

/// Everyone who could be due for erasure on `day` (see [`Activity`]).
pub fn activities(conn: &Connection, day: &str) -> Result<Vec<Activity>> {
    let mut stmt = conn.prepare(
        "WITH activity AS (
            SELECT p.id, p.category, p.first_name, p.last_name, h.reason AS kept,
                   (SELECT max(g.date) FROM meeting g WHERE g.deleted_at IS NULL AND g.date <= ?1 AND g.id IN (
                        SELECT meeting_id FROM invitation WHERE person_id = p.id AND deleted_at IS NULL
                        UNION SELECT meeting_id FROM attendance WHERE (person_id = p.id OR stand_in_for_person_id = p.id)
                                AND deleted_at IS NULL)) AS last_meeting,
                   (SELECT max(end_date) FROM affiliation WHERE person_id = p.id AND deleted_at IS NULL) AS last_post,
                   (SELECT max(end_date) FROM body_member WHERE person_id = p.id AND deleted_at IS NULL) AS last_seat,
                   substr(p.created_at, 1, 10) AS created,
                   EXISTS (SELECT 1 FROM affiliation WHERE person_id = p.id AND deleted_at IS NULL AND (end_date IS NULL OR end_date >= ?1))
                   OR EXISTS (SELECT 1 FROM body_member WHERE person_id = p.id AND deleted_at IS NULL AND (end_date IS NULL OR end_date >= ?1))
                       AS in_office
            FROM person p LEFT JOIN retention_hold h ON h.person_id = p.id
            WHERE p.deleted_at IS NULL AND p.erased_at IS NULL)
         SELECT id, category, first_name, last_name, kept, last_meeting, last_post, last_seat, created FROM activity
         WHERE NOT in_office",
    )?;
    let rows = stmt.query_map([day], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, PersonCategory>(1)?,
            super::persons::display_name(r.get::<_, Option<String>>(2)?.as_deref(), r.get::<_, Option<String>>(3)?.as_deref()),
            r.get::<_, Option<String>>(4)?,
            [r.get::<_, Option<String>>(5)?, r.get::<_, Option<String>>(6)?, r.get::<_, Option<String>>(7)?, r.get::<_, Option<String>>(8)?],
        ))
    })?;
    Ok(rows
        .map(|r| r.map(|(person_id, category, name, kept, dates)| Activity { person_id, category, name, kept, dates }))
        .collect::<Result<_, _>>()?)
}

/// The day of the last purge (AAAA-MM-JJ), if there was one.
pub fn last_purge_on(conn: &Connection) -> Option<String> {
    conn.query_row("SELECT value FROM setting WHERE key = 'last_purge_on'", [], |r| r.get(0)).ok()
}

/// Notes `day` as the day of the last purge.
pub fn note_purge(conn: &Connection, day: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO setting (key, value, updated_at) VALUES ('last_purge_on', ?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        params![day, now()],
    )?;
    Ok(())
}

/// Keeps the person `person_id` past their retention period for `reason` (checked by the caller).
pub fn hold(conn: &Connection, person_id: &str, reason: &str) -> Result<()> {
    let at = now();
    conn.execute(
        "INSERT INTO retention_hold (person_id, reason, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)
         ON CONFLICT(person_id) DO UPDATE SET reason = excluded.reason, updated_at = excluded.updated_at",
        params![person_id, reason, at],
    )
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY => {
            Error::NotFound { what: crate::error::what::PERSON }
        }
        other => other.into(),
    })?;
    Ok(())
}

/// No longer keeps the person `person_id` on purpose.
pub fn release(conn: &Connection, person_id: &str) -> Result<()> {
    conn.execute("DELETE FROM retention_hold WHERE person_id = ?", [person_id])?;
    Ok(())
}
