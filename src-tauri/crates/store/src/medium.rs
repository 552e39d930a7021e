//! What the medium under a database file allows: a locked USB stick or a read-only share is read,
//! never written (docs/backups.md, « Supports en lecture seule »).

use std::path::Path;

/// Whether Maillage may write `path` and create files beside it (SQLite's journal, a backups
/// folder). Asked of the system for the current user, as `access(W_OK)` answers: permission bits,
/// a file system mounted read-only, and root's right to write anyway all count.
pub fn writable(path: &Path) -> bool {
    let folder = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    may_write(path) && may_write(folder)
}

#[cfg(unix)]
fn may_write(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c_path) = std::ffi::CString::new(path.as_os_str().as_bytes()) else { return false };
    // SAFETY: `c_path` is a NUL-terminated string that outlives the call.
    unsafe { libc::access(c_path.as_ptr(), libc::W_OK) == 0 }
}

/// Windows has no `access`: a file is writable when it opens for writing (a write-protected
/// medium or the read-only attribute refuse it; nothing is changed). Folders are not asked: the
/// system's read-only attribute of a folder does not stop writing into it.
#[cfg(not(unix))]
fn may_write(path: &Path) -> bool {
    if path.is_dir() {
        return true;
    }
    std::fs::OpenOptions::new().write(true).open(path).is_ok()
}

/// The URI that reads `path` as immutable: SQLite then uses neither locks nor the `-shm` file.
/// For a file in WAL mode on a medium where nothing can be created beside it (SQLite answers
/// « cannot open », code 14, as it cannot make the `-shm`), and only when no `-wal` holds
/// changes (see `db::connect`). In a `file:` URI only `%`, `?` and `#` need escaping; Windows
/// paths take forward slashes and a leading slash (`file:///C:/…`).
pub fn immutable_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut shown = absolute.to_string_lossy().replace('\\', "/").replace('%', "%25").replace('?', "%3f").replace('#', "%23");
    if !shown.starts_with('/') {
        shown.insert(0, '/');
    }
    format!("file://{shown}?mode=ro&immutable=1")
}

/// Whether a `-wal` file beside `path` holds changes not yet in the file itself.
pub fn pending_wal(path: &Path) -> bool {
    let wal = format!("{}-wal", path.display());
    std::fs::metadata(wal).map(|m| m.len() > 0).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_escape_what_sqlite_reads_as_syntax() {
        let uri = immutable_uri(Path::new("/a/b c/d?e#f%g.sqlite"));
        assert_eq!(uri, "file:///a/b c/d%3fe%23f%25g.sqlite?mode=ro&immutable=1");
    }
}
