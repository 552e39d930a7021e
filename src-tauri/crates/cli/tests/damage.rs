//! A damaged file never gives figures (issue #20): real files damaged on disk, real `maillage-cli`
//! runs. Either the figures are the intact file's, or the command refuses in French — never other
//! figures with exit 0. The integrity seal (src/integrity.rs) is checked to be redone after any
//! change Maillage did not make, and kept after Maillage's own writes.

use crate::common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{open_workbook, Reader, Xlsx};

const PASSPHRASE: &str = "une phrase de passe solide";

/// One world: its files, and its own folder of seals (never the user's).
struct World {
    dir: tempfile::TempDir,
    passphrase: Option<PathBuf>,
}

impl World {
    fn new(encrypted: bool) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let passphrase = encrypted.then(|| {
            let p = dir.path().join("phrase.txt");
            std::fs::write(&p, PASSPHRASE).unwrap();
            p
        });
        World { dir, passphrase }
    }

    fn cli(&self, db: &Path) -> Command {
        let mut c = Command::cargo_bin("maillage-cli").unwrap();
        c.env_remove("MAILLAGE_DB").env_remove("MAILLAGE_PASSPHRASE_FILE").env("MAILLAGE_STATE_DIR", self.dir.path().join("seals"));
        c.arg("--db").arg(db);
        if let Some(p) = &self.passphrase {
            c.arg("--passphrase-file").arg(p);
        }
        c
    }

    /// The demo network in a new file.
    fn demo(&self, name: &str) -> PathBuf {
        let db = self.dir.path().join(name);
        self.cli(&db).arg("init").assert().success();
        self.cli(&db).arg("demo").assert().success();
        db
    }

    /// A plain rusqlite connection to `db` (keyed when encrypted): another program.
    fn sqlite(&self, db: &Path) -> rusqlite::Connection {
        let c = rusqlite::Connection::open(db).unwrap();
        if self.passphrase.is_some() {
            c.pragma_update(None, "key", PASSPHRASE).unwrap();
        }
        c
    }

    /// The seal file of the world's databases (one per database).
    fn seals(&self) -> Vec<serde_json::Value> {
        let Ok(dir) = std::fs::read_dir(self.dir.path().join("seals")) else { return Vec::new() };
        dir.flatten().filter(|e| e.path().extension().is_some_and(|x| x == "json")).map(|e| serde_json::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap()).collect()
    }

    /// When the seal of `db` was last made by a full check.
    fn checked_at(&self, db: &Path) -> Option<String> {
        let full = std::fs::canonicalize(db).unwrap().display().to_string();
        self.seals().into_iter().find(|s| s["path"] == full.as_str()).map(|s| s["checked_at"].as_str().unwrap().to_owned())
    }
}

/// What a run gave: its figures (every cell of the bilan, the production time left out, and the
/// exported list), or its refusal.
#[derive(Debug, PartialEq)]
enum Outcome {
    Figures(Vec<String>, String),
    Refused(String),
}

fn year() -> i32 {
    chrono::Datelike::year(&chrono::Local::now()) - 1
}

fn bilan_and_export(w: &World, db: &Path, tag: &str) -> Outcome {
    let book = w.dir.path().join(format!("bilan-{tag}.xlsx"));
    let list = w.dir.path().join(format!("personnes-{tag}.csv"));
    let run = w.cli(db).args(["bilan", "--force", "--year", &year().to_string(), "--out"]).arg(&book).output().unwrap();
    if !run.status.success() {
        return Outcome::Refused(String::from_utf8_lossy(&run.stderr).into_owned());
    }
    let run = w.cli(db).args(["export", "people", "--force", "--out"]).arg(&list).output().unwrap();
    if !run.status.success() {
        return Outcome::Refused(String::from_utf8_lossy(&run.stderr).into_owned());
    }
    let mut wb: Xlsx<_> = open_workbook(&book).unwrap();
    let mut cells = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        for row in range.rows().filter(|r| r.first().is_none_or(|c| *c != "Date de production")) {
            cells.push(format!("{name}: {}", row.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(" | ")));
        }
    }
    Outcome::Figures(cells, std::fs::read_to_string(&list).unwrap())
}

/// A refusal is French and carries none of SQLite's English.
fn assert_french_refusal(stderr: &str, context: &str) {
    assert!(stderr.starts_with("Erreur : "), "{context}: {stderr}");
    for english in ["***", "Tree ", "missing from", "never used", "malformed", "btree", "error code", "database disk"] {
        assert!(!stderr.contains(english), "{context}: SQLite's English « {english} » reaches the user: {stderr}");
    }
}

/// Flips `len` bytes of `db` at `offset`, the modification time set back as it was (the
/// status-change time cannot be: that is what the seal relies on).
fn flip(db: &Path, offset: u64, len: usize, rng: &mut fastrand::Rng) {
    use std::io::{Read, Seek, SeekFrom, Write};
    let modified = std::fs::metadata(db).unwrap().modified().unwrap();
    let mut f = std::fs::OpenOptions::new().read(true).write(true).open(db).unwrap();
    let mut bytes = vec![0u8; len];
    f.seek(SeekFrom::Start(offset)).unwrap();
    f.read_exact(&mut bytes).unwrap();
    bytes.iter_mut().for_each(|b| *b ^= rng.u8(1..=255));
    f.seek(SeekFrom::Start(offset)).unwrap();
    f.write_all(&bytes).unwrap();
    f.sync_all().unwrap();
    f.set_modified(modified).unwrap();
}

/// The leaf pages of an index or table, found with SQLite's `dbstat`.
fn leaf_pages(w: &World, db: &Path, name: &str) -> Vec<u64> {
    let c = w.sqlite(db);
    let pages: Vec<u64> = c.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'").unwrap().query_map([name], |r| r.get::<_, i64>(0)).unwrap().map(|p| p.unwrap() as u64).collect();
    assert!(!pages.is_empty(), "{name} has leaf pages");
    pages
}

/// The page size (SQLCipher answers it as text).
fn page_size(w: &World, db: &Path) -> u64 {
    let v: rusqlite::types::Value = w.sqlite(db).pragma_query_value(None, "page_size", |r| r.get(0)).unwrap();
    match v {
        rusqlite::types::Value::Integer(n) => n as u64,
        rusqlite::types::Value::Text(t) => t.parse().unwrap(),
        other => panic!("page_size {other:?}"),
    }
}

/// The case: 64 bytes flipped in a leaf page of `attendance_figures` at a place SQLite's
/// quick check does not see. The bilan used to exit 0 with other figures; it is refused, in
/// French, naming the index and its table.
#[test]
fn a_damaged_index_that_the_quick_check_misses_is_refused_before_the_bilan() {
    let w = World::new(false);
    let intact = w.demo("intact.sqlite");
    let pages = leaf_pages(&w, &intact, "attendance_figures");
    let size = page_size(&w, &intact);
    let mut rng = fastrand::Rng::with_seed(20);
    // A damage that quick_check lets through but that changes what the index says.
    let db = w.dir.path().join("abime.sqlite");
    let found = (0..400).find_map(|_| {
        std::fs::copy(&intact, &db).unwrap();
        let page = pages[rng.usize(..pages.len())];
        flip(&db, (page - 1) * size + rng.u64(100..size - 64), 64, &mut rng);
        let c = rusqlite::Connection::open(&db).unwrap();
        let quick: Vec<String> = c.prepare("PRAGMA quick_check").ok()?.query_map([], |r| r.get(0)).ok()?.collect::<Result<_, _>>().ok()?;
        let full: Vec<String> = c.prepare("PRAGMA integrity_check").ok()?.query_map([], |r| r.get(0)).ok()?.collect::<Result<_, _>>().ok()?;
        (quick == ["ok"] && full != ["ok"]).then_some(())
    });
    assert!(found.is_some(), "a damage that only the full check sees");
    let Outcome::Refused(stderr) = bilan_and_export(&w, &db, "abime") else { panic!("a damaged index gave figures") };
    assert_french_refusal(&stderr, "bilan");
    assert!(stderr.contains("abime.sqlite » est endommagée"), "{stderr}");
    assert!(stderr.contains("l'index « attendance_figures » de la table « attendance »"), "{stderr}");
    // `check` says the same, in French.
    let check = w.cli(&db).arg("check").output().unwrap();
    assert!(!check.status.success());
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_french_refusal(&stderr, "check");
    assert!(stderr.contains("attendance_figures"), "{stderr}");
}

/// A backup with the same damage is never put back: `restore` refuses it in French, naming the
/// index, and the database stays as it was (it used to pass the backup's quick check).
#[test]
fn a_backup_with_a_damaged_index_is_never_restored() {
    let w = World::new(false);
    let db = w.demo("bureau.sqlite");
    w.cli(&db).arg("backup").assert().success();
    let folder = w.dir.path().join("bureau-sauvegardes");
    let backup = std::fs::read_dir(&folder).unwrap().flatten().map(|e| e.path()).find(|p| p.extension().is_some_and(|x| x == "sqlite")).unwrap();
    let intact = std::fs::read(&backup).unwrap();
    let pages = leaf_pages(&w, &backup, "attendance_figures");
    let size = page_size(&w, &backup);
    let mut rng = fastrand::Rng::with_seed(21);
    let found = (0..400).find_map(|_| {
        std::fs::write(&backup, &intact).unwrap();
        let page = pages[rng.usize(..pages.len())];
        flip(&backup, (page - 1) * size + rng.u64(100..size - 64), 64, &mut rng);
        let c = rusqlite::Connection::open(&backup).unwrap();
        let quick: Vec<String> = c.prepare("PRAGMA quick_check").ok()?.query_map([], |r| r.get(0)).ok()?.collect::<Result<_, _>>().ok()?;
        let full: Vec<String> = c.prepare("PRAGMA integrity_check").ok()?.query_map([], |r| r.get(0)).ok()?.collect::<Result<_, _>>().ok()?;
        (quick == ["ok"] && full != ["ok"]).then_some(())
    });
    assert!(found.is_some(), "a damage that only the full check sees");
    let before = std::fs::read(&db).unwrap();
    let out = w.cli(&db).arg("restore").arg(&backup).output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_french_refusal(&stderr, "restore");
    assert!(stderr.contains("est endommagée") && stderr.contains("attendance_figures"), "{stderr}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "the database is left as it was");
    w.cli(&db).arg("check").assert().success();
}

/// Damaged at random places (64 bytes, half of them in leaves of `attendance_figures`), with the
/// modification time set back, after the intact file was sealed by a first bilan: no run of the
/// bilan or of a list export gives other figures than the intact file's.
fn damaged_files_never_give_other_figures(encrypted: bool) {
    let w = World::new(encrypted);
    let intact = w.demo("intact.sqlite");
    let expected = bilan_and_export(&w, &intact, "intact");
    assert!(matches!(expected, Outcome::Figures(..)), "{expected:?}");
    let pages = leaf_pages(&w, &intact, "attendance_figures");
    let size = page_size(&w, &intact);
    let len = std::fs::metadata(&intact).unwrap().len();
    let mut rng = fastrand::Rng::with_seed(if encrypted { 2020 } else { 20 });
    let (mut refused, mut same) = (0, 0);
    for round in 0..common::probe_rounds(4) {
        let db = w.dir.path().join(format!("tour-{round}.sqlite"));
        std::fs::copy(&intact, &db).unwrap();
        assert_eq!(bilan_and_export(&w, &db, "scelle"), expected, "round {round}: the intact copy");
        let offset = if round % 2 == 0 {
            let page = pages[rng.usize(..pages.len())];
            (page - 1) * size + rng.u64(0..size - 64)
        } else {
            rng.u64(0..len - 64)
        };
        flip(&db, offset, 64, &mut rng);
        match bilan_and_export(&w, &db, &format!("tour-{round}")) {
            Outcome::Refused(stderr) => {
                assert_french_refusal(&stderr, &format!("round {round}, offset {offset}"));
                refused += 1;
            }
            figures => {
                assert_eq!(figures, expected, "round {round}: 64 bytes flipped at offset {offset} gave other figures with exit 0");
                same += 1;
            }
        }
        std::fs::remove_file(&db).unwrap();
    }
    eprintln!("{} : {refused} refusé(s), {same} identique(s)", if encrypted { "chiffrée" } else { "en clair" });
}

#[test]
fn hostile_damaged_plain_files_never_give_other_figures() {
    damaged_files_never_give_other_figures(false);
}

#[test]
fn hostile_damaged_encrypted_files_never_give_other_figures() {
    damaged_files_never_give_other_figures(true);
}

/// The seal: made by the first full check, kept while nothing changes and after Maillage's own
/// writes, redone after a row written by another program and after bytes changed on disk.
#[test]
fn the_full_check_is_redone_only_when_the_file_changed_outside_maillage() {
    for encrypted in [false, true] {
        let w = World::new(encrypted);
        let db = w.demo("base.sqlite");
        let first = w.checked_at(&db).expect("the demo's run sealed the file");
        let out = w.dir.path().join("b.xlsx");
        let bilan = |w: &World| w.cli(&db).args(["bilan", "--force", "--out"]).arg(&out).assert().success();
        bilan(&w);
        bilan(&w);
        assert_eq!(w.checked_at(&db).as_ref(), Some(&first), "unchanged: no new full check");

        // Maillage's own write (another CLI process) keeps the seal.
        let person: String = w.sqlite(&db).query_row("SELECT id FROM person WHERE deleted_at IS NULL LIMIT 1", [], |r| r.get(0)).unwrap();
        w.cli(&db).args(["rgpd", "keep", "--person", &person, "--reason", "Dossier en cours"]).assert().success();
        bilan(&w);
        assert_eq!(w.checked_at(&db).as_ref(), Some(&first), "Maillage's own write keeps the seal");

        // A row written by another program: a new full check.
        std::thread::sleep(std::time::Duration::from_millis(5));
        w.sqlite(&db).execute("UPDATE organisation SET commune = 'Tulle' WHERE id = (SELECT id FROM organisation LIMIT 1)", []).unwrap();
        bilan(&w);
        let second = w.checked_at(&db).expect("sealed again");
        assert!(second > first, "another program's write forces a full check ({first} → {second})");

        // Bytes changed while Maillage is not running, the modification time set back: a new
        // full check (which finds the damage and drops the seal, or seals the file again).
        std::thread::sleep(std::time::Duration::from_millis(5));
        let len = std::fs::metadata(&db).unwrap().len();
        let page = page_size(&w, &db);
        let c = w.sqlite(&db);
        let leaf: Option<u64> = c.query_row("SELECT pageno FROM dbstat WHERE name = 'attendance_figures' AND pagetype = 'leaf' LIMIT 1", [], |r| r.get::<_, i64>(0)).ok().map(|p| p as u64);
        drop(c);
        let offset = (leaf.unwrap() - 1) * page + page - 64;
        assert!(offset < len);
        let mut rng = fastrand::Rng::with_seed(7);
        flip(&db, offset, 8, &mut rng);
        let run = w.cli(&db).args(["bilan", "--force", "--out"]).arg(&out).output().unwrap();
        let third = w.checked_at(&db);
        assert!(third.as_ref() != Some(&second), "bytes changed on disk force a full check (encrypted: {encrypted}, {})", String::from_utf8_lossy(&run.stderr));
    }
}

/// A damaged laptop copy is told as the copy's, with what to do (a new copy), at the office's
/// merge and on the laptop: not as the office database's, not with a backup to restore.
#[test]
fn a_damaged_laptop_copy_is_named_as_the_copy() {
    let w = World::new(false);
    let db = w.demo("bureau.sqlite");
    let pass = w.dir.path().join("copie.txt");
    std::fs::write(&pass, PASSPHRASE).unwrap();
    let meeting: String = w.sqlite(&db).query_row("SELECT id FROM meeting WHERE status = 'tenue' ORDER BY date DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    let copy = w.dir.path().join("Maillage-copie.maillage");
    w.cli(&db).arg("--passphrase-file").arg(&pass).args(["copy", "--meeting", &meeting, "--out"]).arg(&copy).assert().success();
    let keyed = || {
        let c = rusqlite::Connection::open(&copy).unwrap();
        c.pragma_update(None, "key", PASSPHRASE).unwrap();
        c
    };
    let keyed_world = World { dir: tempfile::tempdir().unwrap(), passphrase: Some(pass.clone()) };
    let pages = keyed().pragma_query_value(None, "page_count", |r| r.get::<_, i64>(0)).unwrap() as u64;
    let size = page_size(&keyed_world, &copy);
    let attendance = keyed().query_row("SELECT max(pageno) FROM dbstat WHERE name = 'attendance'", [], |r| r.get::<_, i64>(0)).unwrap() as u64;
    assert!(attendance > 1 && attendance <= pages);
    let mut rng = fastrand::Rng::with_seed(3);
    flip(&copy, (attendance - 1) * size + 200, 64, &mut rng);

    let merged = w.cli(&db).env("MAILLAGE_PASSPHRASE_FILE", &pass).args(["merge", "--in"]).arg(&copy).output().unwrap();
    assert!(!merged.status.success());
    let stderr = String::from_utf8_lossy(&merged.stderr);
    assert_french_refusal(&stderr, "merge");
    assert!(stderr.contains("La copie pour les réunions « ") && stderr.contains("nouvelle copie"), "{stderr}");
    assert!(!stderr.contains("Restaurez") && !stderr.contains("restaurez"), "the office's backups do not cure a copy: {stderr}");

    // On the laptop: the copy opened by the CLI (as the app opens it).
    let mut laptop = Command::cargo_bin("maillage-cli").unwrap();
    laptop.env("MAILLAGE_STATE_DIR", w.dir.path().join("seals")).arg("--db").arg(&copy).arg("--passphrase-file").arg(&pass);
    let opened = laptop.args(["export", "people", "--out"]).arg(w.dir.path().join("p.csv")).output().unwrap();
    assert!(!opened.status.success());
    let stderr = String::from_utf8_lossy(&opened.stderr);
    assert_french_refusal(&stderr, "laptop");
    assert!(stderr.contains("copie") && !stderr.contains("Restaurez"), "{stderr}");
    // The office database was not touched and is still sound.
    w.cli(&db).arg("check").assert().success();
}
