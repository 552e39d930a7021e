//! What Cargo cannot check about the layers (docs/architecture.md). Cargo refuses an import that
//! climbs: each crate names only the crates below it (`maillage-model` ← `maillage-figures`,
//! `maillage-store` ← `maillage-queries` ← `maillage-sheets` ← `maillage-core` ← the CLI and the
//! app). This test reads the sources for the rest: the domain's SQL only in `maillage-queries`
//! (and its named exceptions), French sentences only in the places kept for them, and the pure
//! layers pure.

use std::path::{Path, PathBuf};

/// `src-tauri/`, where the crates are.
fn shell_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every source file of the app and its crates (not their tests), with its path from
/// `src-tauri/` (`crates/queries/src/bodies.rs`, `core/src/sync/merge.rs`, `src/commands.rs`).
fn sources() -> Vec<(String, String)> {
    let root = shell_dir();
    let mut dirs = vec![root.join("core/src"), root.join("src")];
    for e in std::fs::read_dir(root.join("crates")).unwrap() {
        dirs.push(e.unwrap().path().join("src"));
    }
    let mut out = Vec::new();
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let name = p.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
                out.push((name, std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    assert!(out.len() > 80, "sources not found under {}", root.display());
    out.sort();
    out
}

/// The lines of code of a file, numbered: comments and the unit tests (`#[cfg(test)]` to the
/// end) left out.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .take_while(|(_, l)| l.trim() != "#[cfg(test)]")
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(n, l)| (n + 1, l))
}

/// The string literals of a line (enough for this code's one-line literals and the first line of
/// a multi-line one).
fn literals(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find('"') {
        let after = &rest[start + 1..];
        let mut end = None;
        let mut escaped = false;
        for (i, c) in after.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => {
                    end = Some(i);
                    break;
                }
                _ => escaped = false,
            }
        }
        match end {
            Some(i) => {
                out.push(&after[..i]);
                rest = &after[i + 1..];
            }
            None => {
                out.push(after);
                break;
            }
        }
    }
    out
}

/// Where SQL may be written besides `maillage-queries`, and why (docs/architecture.md):
const SQL_ELSEWHERE: &[&str] = &[
    // The file's own machinery: pragmas, migrations, identity, the integrity check, backups
    // (SQLCipher's export), the journal's triggers generated from the schema.
    "crates/store/",
    // Laptop copies and their merge: ATTACH of the copy, the session extension's changesets,
    // every table copied and compared generically by name.
    "core/src/sync/",
    // The archive: every table dumped and loaded generically by name, its columns read from the
    // schema (`incoming`).
    "core/src/archive.rs",
    "core/src/incoming.rs",
    // The demo generator writes through the queries and reads back a few ids of what it wrote.
    "core/src/demo.rs",
];

const SQL_WORDS: &[&str] = &["SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", "CREATE ", "ATTACH ", "PRAGMA ", "SAVEPOINT", "WITH "];
const SQL_CALLS: &[&str] = &[".execute(", ".execute_batch(", ".prepare(", ".prepare_cached(", ".query_row(", ".pragma_update(", ".pragma_query_value("];

/// Whether a line of code writes SQL or runs it.
fn sql_in(line: &str) -> bool {
    literals(line).iter().any(|s| SQL_WORDS.iter().any(|w| s.trim_start().starts_with(w))) || SQL_CALLS.iter().any(|c| line.contains(c))
}

#[test]
fn sql_lives_in_the_queries_crate_and_its_named_exceptions() {
    let mut found = Vec::new();
    for (path, text) in sources() {
        if path.starts_with("crates/queries/") || SQL_ELSEWHERE.iter().any(|p| path.starts_with(p)) {
            continue;
        }
        for (n, line) in code_lines(&text) {
            if sql_in(line) {
                found.push(format!("{path}:{n}: {}", line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "SQL outside maillage-queries (move it there, or argue an exception in docs/architecture.md):\n{}", found.join("\n"));
}

/// Where French sentences are kept: the model's errors, labels and codes, the figures'
/// definitions, the workbooks (`maillage-sheets`) and the activity report (`maillage-report`), the e-mail drafts and the fictional demo
/// network of the core, and the shells' own words (the CLI crate, the app).
const FRENCH_PLACES: &[&str] = &[
    "crates/model/src/error.rs",
    "crates/model/src/labels.rs",
    "crates/model/src/codes.rs",
    "crates/figures/src/definitions.rs",
    "crates/sheets/",
    "crates/report/",
    "core/src/mailings.rs",
    "core/src/demo.rs",
    "crates/cli/",
    "src/",
];

/// A sentence in French: four words or more, with French letters, quotes or words, and the
/// punctuation of a sentence (a field's name, « Nom de la structure », is not one).
fn french_sentence(s: &str) -> bool {
    let words = s.split_whitespace().count();
    let french = s.chars().any(|c| "éèêàçùôîâûëïœÉÈÀÇ«»".contains(c))
        || s.split(|c: char| !c.is_alphabetic()).any(|w| ["le", "la", "les", "des", "du", "est", "une", "pour", "avec", "dans", "pas"].contains(&w));
    let sentence = s.trim_end().ends_with(['.', '!', '?', ':']) || s.contains(" : ") || s.contains('«');
    words >= 4 && french && sentence
}

#[test]
fn french_sentences_live_in_their_places() {
    let mut found = Vec::new();
    for (path, text) in sources() {
        if FRENCH_PLACES.iter().any(|p| path.starts_with(p)) {
            continue;
        }
        for (n, line) in code_lines(&text) {
            // The technical log (tauri-plugin-log) is French too, and never shown as a message.
            if line.contains("log::") {
                continue;
            }
            if literals(line).iter().any(|s| french_sentence(s)) {
                found.push(format!("{path}:{n}: {}", line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "French sentences outside their places (crates/model/src/error.rs for messages):\n{}", found.join("\n"));
}

/// A sentence that tells the user to type a command-line option or a CLI command: the CLI's
/// words only (the app's user has no command line).
fn names_the_command_line(s: &str) -> bool {
    s.contains("maillage-cli") || s.split_whitespace().any(|w| w.len() > 2 && w.starts_with("--") && w[2..].starts_with(|c: char| c.is_ascii_lowercase()))
}

#[test]
fn the_core_s_sentences_name_no_command_line_option() {
    let mut found = Vec::new();
    for (path, text) in sources() {
        // The CLI's own words, its clap definitions, and the app's (which names none either, but
        // is a shell: it is not the core's concern here).
        if path.starts_with("crates/cli/") || path.starts_with("src/") {
            continue;
        }
        for (n, line) in code_lines(&text) {
            if line.contains("log::") {
                continue;
            }
            if literals(line).iter().any(|s| french_sentence(s) && names_the_command_line(s)) {
                found.push(format!("{path}:{n}: {}", line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "the core's messages are read in the app too: command-line hints belong to crates/cli/src/words.rs:\n{}", found.join("\n"));
}

#[test]
fn the_detectors_see_what_they_look_for() {
    assert!(french_sentence("La réunion du {date} n'a pas encore eu lieu : revenez après."));
    assert!(!french_sentence("Nom de la structure"));
    assert!(!french_sentence("SELECT id FROM person"));
    assert!(names_the_command_line("Confirmez son remplacement (option --force en ligne de commande)."));
    assert!(!names_the_command_line("Le fichier « a » existe déjà — choisissez un autre nom."));
    assert!(sql_in(r#"let n: i64 = conn.query_row("SELECT count(*) FROM person", [], |r| r.get(0))?;"#));
    assert!(sql_in(r#"    "UPDATE person SET erased_at = ?2 WHERE id = ?1","#));
    assert!(!sql_in(r#"let name = format!("{} — {}", a, b);"#));
    assert_eq!(literals(r#"conn.prepare("SELECT \"a\" FROM t")?.x("y")"#), vec![r#"SELECT \"a\" FROM t"#, "y"]);
}

fn forbid(prefix: &str, words: &[&str]) {
    for (path, text) in sources().into_iter().filter(|(p, _)| p.starts_with(prefix)) {
        for (n, line) in code_lines(&text) {
            for w in words {
                assert!(!line.contains(w), "{path}:{n}: `{w}` goes against the layers ({})", line.trim());
            }
        }
    }
}

#[test]
fn figures_are_pure() {
    forbid("crates/figures/", &["rusqlite", "Connection", "std::fs", "db::"]);
}

#[test]
fn sheets_only_write_what_they_are_given() {
    forbid("crates/sheets/", &["rusqlite", "Connection", "queries::"]);
}

#[test]
fn the_report_only_writes_what_it_is_given() {
    forbid("crates/report/", &["rusqlite", "Connection", "queries::", "std::fs", "maillage_core", "maillage_store"]);
}

/// With one test binary per crate (`autotests = false`), a test file that no `main.rs` or
/// `paris.rs` names would never be compiled nor run: every file of a crate's `tests/` is one of
/// its binaries' modules.
#[test]
fn every_test_file_is_in_a_test_binary() {
    for (tests, binaries) in [("core/tests", &["main.rs", "paris.rs"][..]), ("crates/cli/tests", &["main.rs"][..]), ("crates/report/tests", &["main.rs"][..])] {
        let dir = shell_dir().join(tests);
        let declared: Vec<String> = binaries.iter().flat_map(|b| std::fs::read_to_string(dir.join(b)).unwrap().lines().map(str::to_owned).collect::<Vec<_>>()).collect();
        for e in std::fs::read_dir(&dir).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            let Some(module) = name.strip_suffix(".rs") else { continue };
            if binaries.contains(&name.as_str()) {
                continue;
            }
            assert!(declared.iter().any(|l| l.trim() == format!("mod {module};")), "{tests}/{name} is in no test binary: add `mod {module};` to {}", binaries.join(" or "));
        }
    }
}
