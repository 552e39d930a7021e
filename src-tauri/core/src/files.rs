//! Files the user asks Maillage to write (workbooks, archives, copies): never over a database,
//! never over an existing file without being told, and never half-written — each is written
//! beside its destination and renamed into place once complete.

use std::path::{Path, PathBuf};

use crate::error::{msg, Error, Result};

/// Checks that `out` may be written: not a folder, not in a folder that does not exist, not a
/// SQLite database (the open database, a backup, a copy, another program's), and not an existing
/// file unless `force` (the app's save dialog has asked; the CLI's `--force`).
pub fn check_output(out: &Path, force: bool) -> Result<()> {
    let shown = out.display().to_string();
    if out.is_dir() {
        return Err(Error::IsADirectory { path: shown });
    }
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !parent.is_dir() {
        return Err(Error::invalid("out", msg::folder_missing(&parent.display().to_string())));
    }
    refuse_database(out)?;
    if out.exists() && !force {
        return Err(Error::invalid("out", msg::output_exists(&shown)));
    }
    Ok(())
}

/// An export is never written over a database (the open one, a backup, a copy, another
/// program's), whatever the user confirmed.
pub fn refuse_database(out: &Path) -> Result<()> {
    if out.exists() && is_database(out) {
        return Err(Error::invalid("out", msg::output_is_a_database(&out.display().to_string())));
    }
    Ok(())
}

/// A plain SQLite file (Maillage's or another program's), a WAL or journal beside one, or an
/// encrypted Maillage copy by its extension.
fn is_database(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    if [".sqlite-wal", ".sqlite-shm", "-journal", ".maillage"].iter().any(|s| name.ends_with(s)) {
        return true;
    }
    matches!(crate::db::file_kind(path), Ok(crate::db::FileKind::Plain))
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

/// Writes a file made in memory (a list, an import's report) at `out`: never over a database,
/// never half-written.
pub fn write_bytes(out: &Path, bytes: &[u8]) -> Result<()> {
    refuse_database(out)?;
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
