//! The `import_mapping` table: the column mappings the user confirmed, remembered by the headers
//! of their file (`signature`) for the next file like it.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::model::ImportKind;

/// The fields remembered for a file of `kind` with these headers, as saved (JSON).
pub fn get(conn: &Connection, kind: ImportKind, signature: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT fields FROM import_mapping WHERE kind = ? AND signature = ?", params![kind.code(), signature], |r| r.get(0))
        .optional()?)
}

/// Remembers the fields (JSON) of a file of `kind` with these headers.
pub fn save(conn: &Connection, kind: ImportKind, signature: &str, fields: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO import_mapping (kind, signature, fields, saved_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (kind, signature) DO UPDATE SET fields = excluded.fields, saved_at = excluded.saved_at",
        params![kind.code(), signature, fields, crate::db::now()],
    )?;
    Ok(())
}
