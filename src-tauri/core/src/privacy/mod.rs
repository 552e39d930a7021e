//! Personal data under the RGPD (docs/privacy.md): erasure that keeps every figure, retention
//! periods and the yearly purge, and the document answering an access request.
//!
//! Erasure keeps the person's row — its id, category, dates and every link (invitations,
//! attendance with its own snapshots of category and organisation) — so the figures of every
//! period count them as before (the rule of `figures/`); it removes their identity for good.

pub mod access;
pub mod retention;

use std::collections::BTreeSet;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::{now, today, write_tx};
use crate::queries::persons;
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
        match persons::is_erased(&tx, id)? {
            None => return Err(Error::NotFound { what: crate::error::what::PERSON }),
            Some(true) => {
                report.already += 1;
                continue;
            }
            Some(false) => {}
        }
        let seats = persons::open_seats(&tx, id, &day)?;
        if !seats.is_empty() {
            if roles == OpenRoles::Refuse {
                let name = persons::name_of(&tx, id)?;
                return Err(Error::conflict("roles", msg::erase_open_roles(&name, &seats)));
            }
            report.roles_ended += persons::end_current(&tx, "body_member", id, &day, &at)? as u32;
        }
        // Their posts end today, as when a person is archived: the past stays as it was.
        persons::end_current(&tx, "affiliation", id, &day, &at)?;
        persons::erase_identity(&tx, id, &at)?;
        erased.insert(id.clone());
        report.erased += 1;
    }
    persons::forget_traces(&tx, &erased)?;
    tx.commit()?;
    // Inside a caller's transaction (a merge bringing an erasure made on the laptop), the caller
    // writes the WAL back once it commits.
    if conn.is_autocommit() {
        crate::db::write_back_wal(conn)?;
    }
    Ok(report)
}
