//! The `domain` table: the editable list of competence domains.

use rusqlite::{params, Connection, OptionalExtension};

use crate::db::{new_id, now};
use crate::error::{msg, Error, Result};
use crate::model::Domain;
use crate::text::fold;
use crate::validate as v;

pub fn list(conn: &Connection) -> Result<Vec<Domain>> {
    let rows = conn
        .prepare(
            "SELECT d.id, d.label, d.position,
                    (SELECT count(*) FROM organisation_domain od JOIN organisation o ON o.id = od.organisation_id
                      WHERE od.domain_id = d.id AND o.deleted_at IS NULL)
             FROM domain d WHERE d.deleted_at IS NULL ORDER BY d.position, d.label_key",
        )?
        .query_map([], |r| Ok(Domain { id: r.get(0)?, label: r.get(1)?, position: r.get(2)?, organisation_count: r.get(3)? }))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

fn check_label(conn: &Connection, id: Option<&str>, label: String) -> Result<(String, String)> {
    let label = v::required("label", "Domaine", Some(label))?;
    v::max_len("label", "Domaine", &Some(label.clone()), 80)?;
    let key = fold(&label);
    let taken: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM domain WHERE label_key = ? AND deleted_at IS NULL AND id <> ?)",
        params![key, id.unwrap_or("")],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::conflict("label", msg::duplicate_domain(&label)));
    }
    Ok((label, key))
}

pub fn create(conn: &Connection, label: String) -> Result<Domain> {
    let (label, key) = check_label(conn, None, label)?;
    let id = new_id();
    let position: i32 = conn.query_row("SELECT coalesce(max(position), 0) + 1 FROM domain", [], |r| r.get(0))?;
    conn.execute(
        "INSERT INTO domain (id, label, label_key, position, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![id, label, key, position, now()],
    )?;
    Ok(Domain { id, label, position, organisation_count: 0 })
}

pub fn rename(conn: &Connection, id: &str, label: String) -> Result<()> {
    let (label, key) = check_label(conn, Some(id), label)?;
    let n = conn.execute(
        "UPDATE domain SET label = ?2, label_key = ?3, updated_at = ?4 WHERE id = ?1 AND deleted_at IS NULL",
        params![id, label, key, now()],
    )?;
    if n == 0 {
        return Err(Error::NotFound { what: crate::error::what::DOMAIN });
    }
    Ok(())
}

/// Deletes a domain no organisation uses; a domain in use is refused, saying how many use it.
pub fn remove(conn: &Connection, id: &str) -> Result<()> {
    let (label, used): (String, i64) = conn
        .query_row(
            "SELECT d.label, (SELECT count(*) FROM organisation_domain od JOIN organisation o ON o.id = od.organisation_id
                               WHERE od.domain_id = d.id AND o.deleted_at IS NULL)
             FROM domain d WHERE d.id = ? AND d.deleted_at IS NULL",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or(Error::NotFound { what: crate::error::what::DOMAIN })?;
    if used > 0 {
        return Err(Error::conflict("label", msg::domain_in_use(&label, used)));
    }
    let at = now();
    conn.execute("UPDATE domain SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1", params![id, at])?;
    Ok(())
}
