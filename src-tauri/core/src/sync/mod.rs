//! Laptop copies and their merge (docs/sync.md).
//!
//! A copy is a Maillage database file, encrypted with a passphrase, holding the rows some meetings
//! need and its *base*: the image of those rows when it was made. The merge finds what the laptop
//! changed by diffing base and copy with SQLite's session extension, and applies that changeset to
//! the office database field by field: a field changed on one side only is taken, a field changed
//! on both sides to different values is a conflict the user settles. UUIDs are the identity of every
//! row; derived columns are recomputed, never trusted from the file.

pub mod copy;
pub mod merge;

/// The tables a merge brings back: every data table of the archive, and the journal (the lines the
/// laptop wrote: who checked whom in, on which machine). A copy starts with an empty journal.
pub(crate) fn merged_tables() -> impl Iterator<Item = &'static str> {
    crate::archive::TABLES.iter().copied().chain(["journal"])
}

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Passphrase;
use crate::error::Result;

/// What a copy is: read from its `copy_info` row.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CopyInfo {
    pub copy_id: String,
    pub origin_database_id: String,
    pub made_at: String,
    pub meeting_ids: Vec<String>,
}

/// The copy's identity when `conn` is a laptop copy; `None` for an office database.
pub fn info(conn: &Connection) -> Result<Option<CopyInfo>> {
    let row: Option<(String, String, String, String)> = conn
        .query_row("SELECT copy_id, origin_database_id, made_at, meeting_ids FROM copy_info WHERE singleton = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    Ok(row.map(|(copy_id, origin_database_id, made_at, ids)| CopyInfo {
        copy_id,
        origin_database_id,
        made_at,
        meeting_ids: serde_json::from_str(&ids).unwrap_or_default(),
    }))
}

/// A copy and its meetings, for the banner of the app open on it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CopyDescription {
    pub info: CopyInfo,
    pub meetings: Vec<copy::CopyMeeting>,
}

/// What the copy open on `conn` is, or `None` for an office database.
pub fn describe(conn: &Connection) -> Result<Option<CopyDescription>> {
    let Some(info) = info(conn)? else { return Ok(None) };
    let mut meetings = Vec::new();
    for id in &info.meeting_ids {
        // A meeting removed on the laptop is simply not in the banner.
        meetings.extend(copy::meetings(conn, std::slice::from_ref(id)).ok().into_iter().flatten());
    }
    Ok(Some(CopyDescription { info, meetings }))
}

/// Minutes of inactivity before an open copy locks itself (setting `copy_lock_minutes`, 10).
pub fn lock_minutes(conn: &Connection) -> u32 {
    crate::queries::settings::get(conn).ok().and_then(|s| s.copy_lock_minutes).map_or(10, |m| m.max(1) as u32)
}

/// The name a new copy is offered: `Maillage-copie-<first meeting's date>.maillage`.
pub fn default_file_name(meetings: &[copy::CopyMeeting]) -> String {
    let date = meetings.iter().map(|m| m.date.as_str()).min().map(str::to_owned).unwrap_or_else(crate::db::today);
    format!("Maillage-copie-{date}.maillage")
}

/// The error of a merge asked for before a copy was chosen.
pub fn copy_not_chosen() -> crate::Error {
    crate::Error::invalid("copy", crate::error::msg::copy_not_chosen())
}

/// Attaches the database file `path` as `schema`, keyed when it is encrypted (an empty key means
/// a plain file for SQLCipher).
/// A file on a read-only medium (a copy on a locked USB stick, the office database when a copy
/// is made from it) is attached as immutable, as `db::connect` reads it.
pub(crate) fn attach(conn: &Connection, schema: &str, path: &Path, passphrase: Option<&Passphrase>) -> Result<()> {
    let target = if !crate::medium::writable(path) && !crate::medium::pending_wal(path) {
        crate::medium::immutable_uri(path)
    } else {
        path.to_string_lossy().into_owned()
    };
    conn.execute(&format!("ATTACH DATABASE ?1 AS {schema} KEY ?2"), params![target, passphrase.map(|p| p.expose()).unwrap_or("")])?;
    Ok(())
}

/// The columns of `table`, in order.
pub(crate) fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let cols = conn
        .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?
        .query_map([table], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(cols)
}
