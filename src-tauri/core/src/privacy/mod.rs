//! Personal data under the RGPD (docs/privacy.md): erasure that keeps every figure, retention
//! periods and the yearly purge, and the document answering an access request.
//!
//! Erasure keeps the person's row — its id, category, dates and every link (invitations,
//! attendance with its own snapshots of category and organisation) — so the figures of every
//! period count them as before (the rule of `figures/`); it removes their identity for good.

pub mod access;
pub mod retention;

use std::collections::BTreeSet;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::{now, today, write_tx};
use crate::error::{msg, Error, Result};

/// What « Effacer » does with a seat a person still holds in a body (pilot, member…).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OpenRoles {
    /// Refuse, naming the seats: the user ends them first (or says `End`).
    #[default]
    Refuse,
    /// End the seats today, then erase.
    End,
}

/// What an erasure did.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct ErasureReport {
    pub erased: u32,
    /// Already erased before: left as they were.
    pub already: u32,
    /// Seats in bodies ended today (with `OpenRoles::End`).
    pub roles_ended: u32,
    /// Backups made before the erasure still hold the data until they expire (docs/backups.md).
    pub older_backups: u32,
    /// Interrupted backups (hidden `.partial` files) still hold it too, until the next backup or
    /// start removes them.
    pub unfinished_backups: u32,
}

/// The identity columns an erasure empties, and the derived ones it blanks with them.
pub(crate) const IDENTITY: &str = "civility = NULL, first_name = NULL, last_name = NULL, email = NULL, phone = NULL, notes = NULL,
                        contact_consent = NULL, consent_date = NULL, consent_method = NULL, sort_key = '', search_text = ''";

/// Erases the identity of `ids`, in one transaction: their current posts end today, their seats
/// in bodies too when `roles` says so (else the erasure is refused, naming them), and the data is
/// gone from the file (secure_delete, the search index's secure-delete, their posts' functions
/// and the copies' history of merges redacted: `forget_traces`; the WAL is checkpointed after).
/// `backups` counts the files beside the database that hold its data as it was
/// (`backup::census`), for the report.
pub fn erase(conn: &Connection, ids: &[String], roles: OpenRoles, backups: crate::backup::Census) -> Result<ErasureReport> {
    let mut report = ErasureReport { older_backups: backups.complete, unfinished_backups: backups.unfinished, ..Default::default() };
    let tx = write_tx(conn)?;
    let (at, day) = (now(), today());
    let mut erased = BTreeSet::new();
    for id in ids {
        let state: Option<bool> = tx.query_row("SELECT erased_at IS NOT NULL FROM person WHERE id = ?", [id], |r| r.get(0)).optional()?;
        match state {
            None => return Err(Error::NotFound { what: crate::error::what::PERSON }),
            Some(true) => {
                report.already += 1;
                continue;
            }
            Some(false) => {}
        }
        let seats = open_seats(&tx, id, &day)?;
        if !seats.is_empty() {
            if roles == OpenRoles::Refuse {
                let name = tx.query_row("SELECT first_name, last_name FROM person WHERE id = ?", [id], |r| {
                    Ok(crate::queries::persons::display_name(r.get::<_, Option<String>>(0)?.as_deref(), r.get::<_, Option<String>>(1)?.as_deref()))
                })?;
                return Err(Error::conflict("roles", msg::erase_open_roles(&name, &seats)));
            }
            report.roles_ended += crate::queries::persons::end_current(&tx, "body_member", id, &day, &at)? as u32;
        }
        // Their posts end today, as when a person is archived: the past stays as it was.
        crate::queries::persons::end_current(&tx, "affiliation", id, &day, &at)?;
        tx.execute(
            &format!("UPDATE person SET {IDENTITY}, erased_at = ?2, archived_at = coalesce(archived_at, ?2), updated_at = ?2 WHERE id = ?1"),
            params![id, at],
        )?;
        tx.execute("DELETE FROM retention_hold WHERE person_id = ?", [id])?;
        erased.insert(id.clone());
        report.erased += 1;
    }
    forget_traces(&tx, &erased)?;
    tx.commit()?;
    // Inside a caller's transaction (a merge bringing an erasure made on the laptop), the caller
    // writes the WAL back once it commits.
    if conn.is_autocommit() {
        write_back_wal(conn)?;
    }
    Ok(report)
}

/// The WAL still holds the pages as they were before an erasure: written back into the file
/// (where secure_delete has zeroed what was removed) and emptied.
pub(crate) fn write_back_wal(conn: &Connection) -> Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

/// A person's seats in bodies that are not over, as « pilote — Groupe logement ».
fn open_seats(conn: &Connection, id: &str, day: &str) -> Result<Vec<String>> {
    let seats = conn
        .prepare(
            "SELECT m.role, b.name FROM body_member m JOIN body b ON b.id = m.body_id
             WHERE m.person_id = ?1 AND m.deleted_at IS NULL AND (m.end_date IS NULL OR m.end_date > ?2) ORDER BY b.name_key",
        )?
        .query_map(params![id, day], |r| Ok((r.get::<_, crate::model::MemberRole>(0)?, r.get::<_, String>(1)?)))?
        .map(|r| r.map(|(role, body)| format!("{} — {body}", crate::labels::member_role(role))))
        .collect::<Result<_, _>>()?;
    Ok(seats)
}

/// What names a person beyond their record goes with their identity (an erasure, a deletion):
/// the functions of their posts (« Directrice du CCAS de Tulle » says who), and what the office
/// keeps of merged laptop copies (`merged_copy`, to merge the same copy again): the changes about
/// them are taken out of it, the others stay, so merging such a copy again still finds nothing
/// to do, and nothing the copy says about them is taken then either (`sync::erased`).
pub(crate) fn forget_traces(conn: &Connection, ids: &BTreeSet<String>) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let mut functions = conn.prepare("UPDATE affiliation SET function = NULL WHERE person_id = ?1 AND function IS NOT NULL")?;
    for id in ids {
        functions.execute([id])?;
    }
    let rows: Vec<(String, String, Vec<u8>)> = conn
        .prepare("SELECT copy_id, merged_at, changeset FROM merged_copy")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (copy_id, merged_at, changeset) in rows {
        let (kept, left_out) = crate::sync::without_people(&changeset, ids, conn, "main")?;
        if left_out > 0 {
            conn.execute(
                "UPDATE merged_copy SET changeset = ?3, digest = ?4 WHERE copy_id = ?1 AND merged_at = ?2",
                params![copy_id, merged_at, kept, crate::text::sha256_hex(&kept)],
            )?;
        }
    }
    Ok(())
}

/// The people erased in `conn`, before an import or a merge that could bring their data back.
pub(crate) fn erased_ids(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn.prepare("SELECT id FROM person WHERE erased_at IS NOT NULL")?.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?)
}

/// An erasure is for good: after an import or a merge, the people erased before are erased again
/// (their identity emptied, their erasure date kept) whatever the incoming rows said.
pub(crate) fn reassert(conn: &Connection, ids: &[String]) -> Result<()> {
    let mut stmt = conn.prepare(&format!(
        "UPDATE person SET {IDENTITY}, erased_at = coalesce(erased_at, ?2), archived_at = coalesce(archived_at, ?2) WHERE id = ?1"
    ))?;
    let at = now();
    for id in ids {
        stmt.execute(params![id, at])?;
    }
    Ok(())
}
