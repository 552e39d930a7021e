//! The core's layers depend one way: `model` ← `figures` (pure) ← `queries` (SQL) ← `bilan`
//! (reads once, computes) ← `export`. This test reads the sources and fails on a use against
//! that direction, so the old cycle (queries/bilan ↔ export ↔ indicators) cannot come back.

use std::path::{Path, PathBuf};

fn sources(dir: &str) -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir);
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push((p.clone(), std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    assert!(!out.is_empty(), "no sources under {dir}");
    out
}

fn forbid(dir: &str, words: &[&str]) {
    for (path, text) in sources(dir) {
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for w in words {
                assert!(!code.contains(w), "{}:{}: `{w}` goes against the layers ({})", path.display(), n + 1, line.trim());
            }
        }
    }
}

#[test]
fn figures_are_pure() {
    forbid("figures", &["rusqlite", "Connection", "queries::", "crate::bilan", "export::", "std::fs", "db::"]);
}

#[test]
fn queries_never_use_the_layers_above() {
    forbid("queries", &["crate::bilan", "export::", "figures::summary"]);
}

#[test]
fn export_only_writes_what_it_is_given() {
    forbid("export", &["queries::", "crate::bilan", "rusqlite", "Connection"]);
}
