//! The `agreement` and `agreement_signatory` tables: charters, conventions, protocols and their signatures.

use rusqlite::{params, Connection, OptionalExtension};

use crate::db::{new_id, now, today};
use crate::error::{msg, Error, Result};
use crate::model::*;
use crate::validate as v;

pub fn list(conn: &Connection) -> Result<Vec<Agreement>> {
    let rows = conn
        .prepare(
            "SELECT g.id, g.kind, g.title, g.version, g.dated,
                    (SELECT count(*) FROM agreement_signatory s JOIN organisation o ON o.id = s.organisation_id
                      WHERE s.agreement_id = g.id AND s.deleted_at IS NULL AND o.deleted_at IS NULL)
             FROM agreement g WHERE g.deleted_at IS NULL ORDER BY coalesce(g.dated, '') DESC, g.title",
        )?
        .query_map([], |r| {
            Ok(Agreement {
                id: r.get(0)?,
                kind: r.get(1)?,
                title: r.get(2)?,
                version: r.get(3)?,
                dated: r.get(4)?,
                signatory_count: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

pub fn create(conn: &Connection, input: AgreementInput) -> Result<Agreement> {
    let kind = input.kind.ok_or_else(|| Error::invalid("kind", msg::required("Type")))?;
    let title = v::required("title", "Titre", Some(input.title))?;
    v::max_len("title", "Titre", &Some(title.clone()), 200)?;
    let version = v::clean(input.version);
    let dated = v::date("dated", "Date", input.dated)?;
    let id = new_id();
    conn.execute(
        "INSERT INTO agreement (id, kind, title, version, dated, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![id, kind, title, version, dated, now()],
    )?;
    Ok(Agreement { id, kind, title, version, dated, signatory_count: 0 })
}

pub fn sign(conn: &Connection, input: SignatureInput) -> Result<Signature> {
    let signed_on = v::date("signed_on", "Date de signature", input.signed_on)?.unwrap_or_else(today);
    let already: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM agreement_signatory WHERE agreement_id = ? AND organisation_id = ? AND deleted_at IS NULL)",
        params![input.agreement_id, input.organisation_id],
        |r| r.get(0),
    )?;
    if already {
        return Err(Error::conflict("agreement_id", msg::already_signed()));
    }
    let id = new_id();
    conn.execute(
        "INSERT INTO agreement_signatory (id, agreement_id, organisation_id, signed_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![id, input.agreement_id, input.organisation_id, signed_on, now()],
    )
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => Error::NotFound { what: crate::error::what::AGREEMENT_OR_ORGANISATION },
        _ => e.into(),
    })?;
    get_signature(conn, &id)
}

pub fn remove_signature(conn: &Connection, id: &str) -> Result<()> {
    let at = now();
    let n = conn.execute(
        "UPDATE agreement_signatory SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        params![id, at],
    )?;
    if n == 0 {
        return Err(Error::NotFound { what: crate::error::what::SIGNATURE });
    }
    Ok(())
}

const SELECT_SIGNATURE: &str = "SELECT s.id, g.id, g.title, g.kind, g.version, o.id, o.name, s.signed_on
    FROM agreement_signatory s JOIN agreement g ON g.id = s.agreement_id JOIN organisation o ON o.id = s.organisation_id";

fn signature(r: &rusqlite::Row) -> rusqlite::Result<Signature> {
    Ok(Signature {
        id: r.get(0)?,
        agreement_id: r.get(1)?,
        agreement_title: r.get(2)?,
        agreement_kind: r.get(3)?,
        agreement_version: r.get(4)?,
        organisation_id: r.get(5)?,
        organisation_name: r.get(6)?,
        signed_on: r.get(7)?,
    })
}

fn get_signature(conn: &Connection, id: &str) -> Result<Signature> {
    conn.query_row(&format!("{SELECT_SIGNATURE} WHERE s.id = ?"), [id], signature)
        .optional()?
        .ok_or(Error::NotFound { what: crate::error::what::SIGNATURE })
}

pub fn signatures_of(conn: &Connection, organisation_id: &str) -> Result<Vec<Signature>> {
    let sql = format!(
        "{SELECT_SIGNATURE} WHERE s.organisation_id = ? AND s.deleted_at IS NULL AND g.deleted_at IS NULL
         ORDER BY s.signed_on DESC"
    );
    let rows = conn.prepare(&sql)?.query_map([organisation_id], signature)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Every signature, for the figures.
pub fn figure_rows(conn: &Connection, ids: &mut crate::figures::Ids) -> Result<Vec<crate::figures::SignatureRow>> {
    let rows = conn
        .prepare_cached("SELECT organisation_id, signed_on FROM agreement_signatory WHERE deleted_at IS NULL")?
        .query_map([], |r| Ok(crate::figures::SignatureRow { organisation: super::key(ids, r, 0)?, signed_on: r.get(1)? }))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
