//! Files the user asks Maillage to write (workbooks, lists, archives, copies, mail drafts): never
//! over an existing file without being told, even then only over a file of the same kind (told
//! by its first bytes: never a database, a copy or an unknown file), and never half-written —
//! each is written beside its destination and renamed into place once complete.

use std::path::{Path, PathBuf};

use crate::error::{msg, Error, Result};

/// The `format` field naming a Maillage archive (`archive::FORMAT`): how a file about to be
/// replaced is recognised as one.
pub const ARCHIVE_FORMAT: &str = "maillage-archive";

/// What an export writes, so that an existing file is replaced only by one of its own kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputKind {
    /// An Excel workbook (.xlsx): the bilan, a list, an import's report, a person's data.
    Workbook,
    /// A CSV list: text.
    Csv,
    /// Maillage's JSON archive.
    Archive,
    /// A laptop copy: it may hold what was typed at a meeting and not yet merged, so it replaces
    /// nothing, not even another copy.
    Copy,
    /// A copy of a meeting's minutes file (PDF, office document or text).
    Document,
    /// The activity report as a PDF: replaces only a PDF.
    Pdf,
    /// The activity report as an ODT or a DOCX: replaces only an office document (a zip with a
    /// `mimetype` or `[Content_Types].xml` that is not a workbook, or an older .doc).
    OfficeText,
}

impl OutputKind {
    fn may_replace(self, found: Found) -> bool {
        matches!(
            (self, found),
            (_, Found::Empty)
                | (OutputKind::Workbook, Found::Workbook)
                | (OutputKind::Csv, Found::Text)
                | (OutputKind::Archive, Found::Archive)
                | (OutputKind::Document, Found::Pdf | Found::Workbook | Found::OfficeDocument | Found::Text)
                | (OutputKind::Pdf, Found::Pdf)
                | (OutputKind::OfficeText, Found::OfficeDocument)
        )
    }
}

impl From<crate::ListFormat> for OutputKind {
    fn from(format: crate::ListFormat) -> Self {
        match format {
            crate::ListFormat::Xlsx => OutputKind::Workbook,
            crate::ListFormat::Csv => OutputKind::Csv,
        }
    }
}

/// What an existing file seems to be, from its first bytes (its name only for a database's WAL,
/// shared memory or journal, whose bytes say little).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    Empty,
    /// A SQLite database (or its WAL / journal beside it).
    Database,
    Workbook,
    /// A zip-based or older office document that is not an Excel workbook.
    OfficeDocument,
    /// Another zip file.
    Zip,
    Pdf,
    /// Maillage's JSON archive.
    Archive,
    /// Text (a CSV, a JSON file that is not an archive, a note…).
    Text,
    /// Bytes Maillage cannot name: an encrypted database or copy looks like this.
    UnknownBinary,
}

/// Reads the first bytes of `path` to tell what it is.
pub fn sniff(path: &Path) -> Result<Found> {
    use std::io::Read;
    let io = |source| Error::Io { path: path.display().to_string(), source };
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(path).and_then(|f| f.take(4096).read_to_end(&mut head)).map_err(io)?;
    // A WAL's, a shared memory's or a journal's bytes say little: their names go with a database.
    if ["-wal", "-shm", "-journal"].iter().any(|s| name.ends_with(s)) && !head.is_empty() {
        return Ok(Found::Database);
    }
    Ok(match head.as_slice() {
        [] => Found::Empty,
        h if h.starts_with(b"SQLite format 3\0") => Found::Database,
        h if h.starts_with(b"%PDF-") => Found::Pdf,
        h if h.starts_with(b"PK\x03\x04") || h.starts_with(b"PK\x05\x06") => zip_kind(path),
        // The compound file of an older office document (.xls, .doc).
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, ..] => Found::OfficeDocument,
        h if is_text(h) => {
            let text = String::from_utf8_lossy(h);
            let start = text.trim_start_matches('\u{feff}').trim_start();
            if start.starts_with('{') && start.contains(&format!("\"{}\"", ARCHIVE_FORMAT)) { Found::Archive } else { Found::Text }
        }
        _ => Found::UnknownBinary,
    })
}

/// Text in any single-byte or UTF-8 encoding: no control character but tabs, line and page ends.
/// An encrypted file has, in its first 4 KiB, a NUL byte or a control character almost surely.
fn is_text(head: &[u8]) -> bool {
    head.iter().all(|&b| b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
}

fn zip_kind(path: &Path) -> Found {
    let Ok(archive) = std::fs::File::open(path).map_err(|_| ()).and_then(|f| zip::ZipArchive::new(f).map_err(|_| ())) else {
        return Found::UnknownBinary;
    };
    let has = |n: &str| archive.index_for_name(n).is_some();
    if has("xl/workbook.xml") {
        Found::Workbook
    } else if has("[Content_Types].xml") || has("mimetype") {
        Found::OfficeDocument
    } else {
        Found::Zip
    }
}

/// Checks that `out` may be written as a file of `kind`: not a folder, not in a folder that does
/// not exist, not over a file of another kind whatever the user confirmed (a database, a copy,
/// an archive… told by its bytes, not its name), and not over an existing file unless `force`
/// (the app's save dialog has asked; the CLI's `--force`).
pub fn check_output(out: &Path, kind: OutputKind, force: bool) -> Result<()> {
    let shown = out.display().to_string();
    if out.is_dir() {
        return Err(Error::IsADirectory { path: shown });
    }
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !parent.is_dir() {
        return Err(Error::invalid("out", msg::folder_missing(&parent.display().to_string())));
    }
    refuse_other_kind(out, kind)?;
    if out.exists() && !force {
        // A conflict, not an invalid value: each shell says how to confirm (the CLI: --force).
        return Err(Error::conflict("out", msg::output_exists(&shown)));
    }
    Ok(())
}

/// An export replaces only a file of its own kind (a workbook a workbook, a CSV text…), whatever
/// the user confirmed: never a database, a copy, an archive or a file Maillage cannot name.
pub fn refuse_other_kind(out: &Path, kind: OutputKind) -> Result<()> {
    if !out.is_file() {
        return Ok(());
    }
    let found = sniff(out)?;
    if kind.may_replace(found) {
        return Ok(());
    }
    let shown = out.display().to_string();
    Err(Error::invalid("out", match found {
        Found::Database => msg::output_is_a_database(&shown),
        _ => msg::output_of_other_kind(&shown, found, kind),
    }))
}

/// Writes `out` through `write`, which receives a temporary path beside it; the temporary file is
/// renamed into place only when `write` succeeded, and removed otherwise.
pub fn write_atomically(out: &Path, write: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let partial = partial_path(out);
    let _ = std::fs::remove_file(&partial);
    let outcome = write(&partial).and_then(|()| {
        // Durable before it takes the final name: a power cut leaves the old file or the new one.
        // Opened for writing: Windows flushes a file only through a handle that may write
        // (FlushFileBuffers on a read-only handle is « accès refusé »; found by tests/windows.rs).
        std::fs::OpenOptions::new().write(true).open(&partial).and_then(|f| f.sync_all()).map_err(|source| Error::Io { path: partial.display().to_string(), source })
    });
    if let Err(e) = outcome {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, out).map_err(|source| {
        let _ = std::fs::remove_file(&partial);
        Error::Io { path: out.display().to_string(), source }
    })
}

/// Writes a file of `kind` made in memory (a list, an import's report) at `out`: only over a file
/// of its kind, never half-written.
pub fn write_bytes(out: &Path, kind: OutputKind, bytes: &[u8]) -> Result<()> {
    refuse_other_kind(out, kind)?;
    write_atomically(out, |partial| std::fs::write(partial, bytes).map_err(|source| Error::Io { path: out.display().to_string(), source }))
}

fn partial_path(out: &Path) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    out.with_file_name(format!(".{name}.{}.partial", std::process::id()))
}

/// The longest file name (without its extension) Maillage makes: short enough for Windows'
/// 260-character paths once inside a folder of the same length.
const STEM_MAX: usize = 80;

/// A name usable as a file name on every system: letters, digits, `-` and `_` (spaces become `_`),
/// at most 80 characters.
pub fn safe_file_stem(s: &str) -> String {
    clean(s).chars().take(STEM_MAX).collect()
}

/// A file name of `parts` joined by `_`, at most 80 characters: only the part at index `cut` is
/// shortened, so that the others (what the file is, its date, whom it is for) always remain.
pub fn safe_file_stem_of(parts: &[&str], cut: usize) -> String {
    let mut cleaned: Vec<String> = parts.iter().map(|p| clean(p)).collect();
    let others: usize = cleaned.iter().enumerate().filter(|(i, p)| *i != cut && !p.is_empty()).map(|(_, p)| p.chars().count() + 1).sum();
    if let Some(p) = cleaned.get_mut(cut) {
        let room = STEM_MAX.saturating_sub(others).max(1);
        *p = p.chars().take(room).collect::<String>().trim_end_matches('_').to_owned();
    }
    cleaned.retain(|p| !p.is_empty());
    cleaned.join("_").chars().take(STEM_MAX).collect()
}

fn clean(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, ' ' | '-' | '_') { c } else { '_' })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join("_")
}

/// A new folder named `stem` in `parent` (`stem_2`, `stem_3`… when that name is taken), made by
/// this call: files written in it can overwrite nothing.
pub fn fresh_folder(parent: &Path, stem: &str) -> Result<PathBuf> {
    for n in 1u32.. {
        let path = if n == 1 { parent.join(stem) } else { parent.join(format!("{stem}_{n}")) };
        match std::fs::create_dir(&path) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(source) => return Err(Error::Io { path: path.display().to_string(), source }),
        }
    }
    unreachable!("a folder name is always found")
}

/// Writes a new file, refused if one of that name exists (never replaced).
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let io = |source| Error::Io { path: path.display().to_string(), source };
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(io)?;
    f.write_all(bytes).and_then(|()| f.sync_all()).map_err(|e| {
        let _ = std::fs::remove_file(path);
        io(e)
    })
}

/// Names that stay distinct on every file system (Windows' and macOS' ignore case): the second
/// « Marie_Martin » becomes « Marie_Martin_2 ».
#[derive(Default)]
pub struct UniqueNames(std::collections::HashSet<String>);

impl UniqueNames {
    pub fn take(&mut self, stem: &str) -> String {
        for n in 1u32.. {
            let name = if n == 1 { stem.to_owned() } else { format!("{stem}_{n}") };
            if self.0.insert(name.to_lowercase()) {
                return name;
            }
        }
        unreachable!("a name is always found")
    }
}
