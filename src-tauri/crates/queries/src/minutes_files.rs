//! The `minutes_file` table: a meeting's minutes file, its bytes kept in the database so that they
//! travel with backups, laptop copies and archives, and go out attached to the minutes e-mail.
//! One per meeting: the row's id is the meeting's (migration 0010 says why).

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

use crate::db::{now, write_tx};
use crate::error::{msg, Error, Result};
use crate::model::{Meeting, MinutesFile};

/// The largest file accepted: many mail servers refuse messages over 10 to 25 MB, and an
/// attachment grows by a third once encoded in the e-mail.
pub const MAX_SIZE: u64 = 10_000_000;

/// The kinds of file a secretariat writes minutes in, by extension, with their media type.
const ACCEPTED: &[(&str, &str)] = &[
    ("pdf", "application/pdf"),
    ("odt", "application/vnd.oasis.opendocument.text"),
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("doc", "application/msword"),
    ("rtf", "application/rtf"),
    ("txt", "text/plain"),
];

/// The extensions accepted, as the file dialog's filter and the error message name them.
pub fn accepted_extensions() -> Vec<&'static str> {
    ACCEPTED.iter().map(|(ext, _)| *ext).collect()
}

fn media_type(file_name: &str) -> Option<&'static str> {
    let ext = Path::new(file_name).extension()?.to_str()?.to_ascii_lowercase();
    ACCEPTED.iter().find(|(e, _)| *e == ext).map(|(_, t)| *t)
}

fn accepted_list() -> String {
    let exts: Vec<String> = accepted_extensions().iter().map(|e| format!(".{e}")).collect();
    let (last, rest) = exts.split_last().expect("a list of accepted kinds");
    format!("{} ou {last}", rest.join(", "))
}

/// Keeps the file at `path` as the minutes of meeting `meeting_id`, replacing the one kept before.
/// The file is checked (kind, size, not empty) before anything is written.
pub fn attach(conn: &Connection, meeting_id: &str, path: &Path) -> Result<Meeting> {
    let io = |source| Error::Io { path: path.display().to_string(), source };
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let media = media_type(&file_name).ok_or_else(|| Error::invalid("minutes_file", msg::minutes_file_kind(&file_name, &accepted_list())))?;
    // The size first: a huge file is refused without being read into memory.
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_SIZE {
        return Err(Error::invalid("minutes_file", msg::minutes_file_too_big(&file_name, size, MAX_SIZE)));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    if bytes.is_empty() {
        return Err(Error::invalid("minutes_file", msg::minutes_file_empty(&file_name)));
    }
    if bytes.len() as u64 > MAX_SIZE {
        return Err(Error::invalid("minutes_file", msg::minutes_file_too_big(&file_name, bytes.len() as u64, MAX_SIZE)));
    }
    let tx = write_tx(conn)?;
    let at = now();
    // Only for a meeting that exists and is not removed.
    let kept = tx.execute(
        "INSERT INTO minutes_file (id, file_name, media_type, size, sha256, content, created_at, updated_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7 FROM meeting WHERE id = ?1 AND deleted_at IS NULL
         ON CONFLICT (id) DO UPDATE SET file_name = ?2, media_type = ?3, size = ?4, sha256 = ?5, content = ?6,
                                        updated_at = ?7, deleted_at = NULL",
        params![meeting_id, file_name, media, bytes.len() as i64, crate::text::sha256_hex(&bytes), bytes, at],
    )?;
    if kept == 0 {
        return Err(Error::NotFound { what: crate::error::what::MEETING });
    }
    // A reference by path made before schema 10 is replaced by the file itself.
    tx.execute("UPDATE meeting SET minutes_path = NULL, minutes_sha256 = NULL WHERE id = ?1 AND minutes_path IS NOT NULL", [meeting_id])?;
    tx.commit()?;
    super::meetings::get(conn, meeting_id)
}

/// Removes the minutes file of meeting `meeting_id`: the row stays as a tombstone (so that copies
/// and archives learn of the removal) without the file's bytes.
pub fn remove(conn: &Connection, meeting_id: &str) -> Result<Meeting> {
    if tombstone(conn, meeting_id, &now())? == 0 {
        return Err(Error::invalid("minutes_file", msg::minutes_file_missing()));
    }
    super::meetings::get(conn, meeting_id)
}

/// Empties the minutes file of meeting `meeting_id` and marks it removed at `at` (also when the
/// meeting itself is removed); the number of rows changed (0: there was none).
pub fn tombstone(conn: &Connection, meeting_id: &str, at: &str) -> Result<usize> {
    Ok(conn.execute(
        "UPDATE minutes_file SET content = X'', size = 0, sha256 = '', updated_at = ?2, deleted_at = ?2
         WHERE id = ?1 AND deleted_at IS NULL",
        params![meeting_id, at],
    )?)
}

/// The minutes file of meeting `meeting_id`, if one is kept (without its bytes).
pub fn get(conn: &Connection, meeting_id: &str) -> Result<Option<MinutesFile>> {
    Ok(conn
        .query_row(
            "SELECT file_name, media_type, size, sha256, updated_at FROM minutes_file WHERE id = ? AND deleted_at IS NULL",
            [meeting_id],
            |r| {
                let size: u32 = r.get(2)?;
                Ok(MinutesFile { file_name: r.get(0)?, media_type: r.get(1)?, size, size_label: crate::text::file_size(size.into()), sha256: r.get(3)?, updated_at: r.get(4)? })
            },
        )
        .optional()?)
}

/// The minutes file of meeting `meeting_id`; a French error when there is none.
pub fn kept(conn: &Connection, meeting_id: &str) -> Result<MinutesFile> {
    get(conn, meeting_id)?.ok_or_else(|| Error::invalid("minutes_file", msg::minutes_file_missing()))
}

/// The minutes file of meeting `meeting_id` and its bytes (for the e-mail, or a copy on disk).
pub fn content(conn: &Connection, meeting_id: &str) -> Result<(MinutesFile, Vec<u8>)> {
    Ok((kept(conn, meeting_id)?, bytes(conn, meeting_id)?))
}

/// The bytes of the minutes file of meeting `meeting_id` (empty when it was removed).
pub fn bytes(conn: &Connection, meeting_id: &str) -> Result<Vec<u8>> {
    Ok(conn.query_row("SELECT content FROM minutes_file WHERE id = ?", [meeting_id], |r| r.get(0))?)
}

/// Writes a copy of the minutes file of meeting `meeting_id` to `out` (whole or not at all); an
/// existing file is replaced only with `force`.
pub fn save_copy(conn: &Connection, meeting_id: &str, out: &Path, force: bool) -> Result<MinutesFile> {
    let (file, bytes) = content(conn, meeting_id)?;
    crate::files::check_output(out, crate::files::OutputKind::Document, force)?;
    crate::files::write_atomically(out, |partial| std::fs::write(partial, &bytes).map_err(|source| Error::Io { path: out.display().to_string(), source }))?;
    Ok(file)
}

/// The fingerprint and media type of a file's bytes (empty ones, a removed file's tombstone, have
/// neither: "" for both, and the stored media type is kept).
pub fn fingerprint(name: &str, bytes: &[u8]) -> (String, &'static str) {
    if bytes.is_empty() { (String::new(), "") } else { (crate::text::sha256_hex(bytes), media_type(name).unwrap_or("application/octet-stream")) }
}

/// Recomputes size, fingerprint and media type from the bytes and the name (after a merge or an
/// archive import, where they are never taken from the file).
pub fn refresh_derived(conn: &Connection, id: &str) -> Result<()> {
    let row: Option<(String, Vec<u8>)> = conn.query_row("SELECT file_name, content FROM minutes_file WHERE id = ?", [id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    if let Some((name, bytes)) = row {
        let (sha, media) = fingerprint(&name, &bytes);
        conn.execute(
            "UPDATE minutes_file SET size = ?2, sha256 = ?3, media_type = coalesce(nullif(?4, ''), media_type)
             WHERE id = ?1 AND (size IS NOT ?2 OR sha256 IS NOT ?3 OR (?4 <> '' AND media_type IS NOT ?4))",
            params![id, bytes.len() as i64, sha, media],
        )?;
    }
    Ok(())
}
