//! The Windows build of `maillage-cli`, run under Wine, against the Linux one: same database, same
//! figures, cell by cell. `scripts/test-windows.sh` (called by `make test`) cross-compiles the
//! `.exe`, builds the test-only `bcryptprimitives.dll` shim beside it, prepares a Wine prefix and
//! runs this test with `--ignored`; `cargo test` alone skips it (it needs Wine and the `.exe`).
//!
//! What a Windows office PC adds to the Linux checks: the database's default place in
//! `%LOCALAPPDATA%`, folder and file names with accents and spaces, CSV with CRLF line ends,
//! `.eml` drafts that Outlook opens as drafts, and French messages on a Windows console.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use calamine::{open_workbook_auto, Data, Reader};
use mail_parser::MimeHeaders;

/// Wine, the `.exe` and the prefix, as `scripts/test-windows.sh` sets them up.
struct Wine {
    wine: PathBuf,
    exe: PathBuf,
    prefix: PathBuf,
}

impl Wine {
    fn from_env() -> Wine {
        let var = |name: &str| {
            PathBuf::from(std::env::var_os(name).unwrap_or_else(|| panic!("{name} manque : lancez scripts/test-windows.sh")))
        };
        let w = Wine { wine: var("WINE"), exe: var("MAILLAGE_WINDOWS_CLI"), prefix: var("WINEPREFIX") };
        assert!(w.exe.is_file(), "{} introuvable", w.exe.display());
        w
    }

    /// Runs `maillage-cli.exe` with `args` (Windows paths) and returns what it printed.
    fn cli(&self, args: &[&str]) -> Output {
        std::process::Command::new(&self.wine)
            .arg(&self.exe)
            .args(args)
            .env("WINEPREFIX", &self.prefix)
            .env("WINEDEBUG", "-all")
            .env_remove("MAILLAGE_DB")
            .output()
            .expect("wine")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.cli(args);
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "maillage-cli.exe {args:?} a échoué ({}) :\n{stdout}\n{stderr}", out.status);
        stdout.into_owned()
    }

    /// The Linux path of a `C:\…` path inside the prefix.
    fn unix(&self, windows: &str) -> PathBuf {
        let rest = windows.strip_prefix(r"C:\").unwrap_or_else(|| panic!("pas sur C: : {windows}"));
        rest.split('\\').fold(self.prefix.join("drive_c"), |p, part| p.join(part))
    }
}

fn linux_cli() -> Command {
    let mut c = Command::cargo_bin("maillage-cli").unwrap();
    c.env_remove("MAILLAGE_DB");
    c
}

/// Every sheet of a workbook: name → (cell → value), formulas apart.
type Cells = BTreeMap<String, (BTreeMap<(u32, u32), Data>, BTreeMap<(u32, u32), String>)>;

fn cells(path: &Path) -> Cells {
    let mut wb = open_workbook_auto(path).unwrap_or_else(|e| panic!("{} : {e}", path.display()));
    let mut out = Cells::new();
    for name in wb.sheet_names() {
        let values = wb.worksheet_range(&name).unwrap();
        let formulas = wb.worksheet_formula(&name).unwrap();
        let mut v: BTreeMap<(u32, u32), Data> = values.cells().filter(|(_, _, d)| *d != &Data::Empty).map(|(r, c, d)| ((r as u32, c as u32), d.clone())).collect();
        // The production time (to the minute) is the only cell that may differ between two runs.
        let stamped: Vec<u32> = v.iter().filter(|(_, d)| *d == "Date de production").map(|((r, _), _)| *r).collect();
        for r in stamped {
            assert!(v.remove(&(r, 1)).is_some(), "date de production sans valeur");
        }
        let f = formulas.cells().filter(|(_, _, f)| !f.is_empty()).map(|(r, c, f)| ((r as u32, c as u32), f.clone())).collect();
        out.insert(name, (v, f));
    }
    out
}

fn assert_same_workbook(windows: &Path, linux: &Path) {
    let (w, l) = (cells(windows), cells(linux));
    assert_eq!(w.keys().collect::<Vec<_>>(), l.keys().collect::<Vec<_>>(), "les feuilles diffèrent");
    for (sheet, (wv, wf)) in &w {
        let (lv, lf) = &l[sheet];
        assert!(wv.len() > 1, "feuille « {sheet} » vide");
        for (at, value) in lv {
            assert_eq!(wv.get(at), Some(value), "feuille « {sheet} », cellule {at:?}");
        }
        assert_eq!(wv.len(), lv.len(), "feuille « {sheet} » : nombre de cellules");
        assert_eq!(wf, lf, "feuille « {sheet} » : formules");
    }
}

/// The archive without its export instant (the only thing that may differ between two exports).
fn archive(path: &Path) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let obj = v.as_object_mut().unwrap();
    assert!(obj.remove("exported_at").is_some(), "exported_at manque");
    v
}

fn db_query(path: &Path, sql: &str) -> String {
    rusqlite::Connection::open(path).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
#[ignore = "needs Wine and maillage-cli.exe: scripts/test-windows.sh"]
fn the_windows_cli_gives_the_linux_figures() {
    let wine = Wine::from_env();
    let linux = tempfile::tempdir().unwrap();

    // The default place: %LOCALAPPDATA%, not the roaming %APPDATA%.
    let out = wine.ok(&["init"]);
    let shown = out.strip_prefix("Base prête : ").and_then(|s| s.split(" (schéma").next()).unwrap_or_else(|| panic!("{out}"));
    assert!(shown.ends_with(r"\AppData\Local\fr.maillage.app\maillage.sqlite"), "{shown}");
    assert!(!shown.contains("Roaming"), "{shown}");
    assert!(wine.unix(shown).is_file(), "{shown}");

    // A folder with accents and spaces, as an office's « Documents » holds them.
    let folder = r"C:\Réseau solidarité\Été 2026";
    std::fs::create_dir_all(wine.unix(folder)).unwrap();
    let db = format!(r"{folder}\base de l'été.sqlite");
    let out = wine.ok(&["--db", &db, "demo"]);
    assert!(out.contains("Démonstration installée dans") && out.contains("120 organismes"), "{out}");
    let out = wine.ok(&["--db", &db, "check"]);
    assert!(out.contains("intègre"), "{out}");
    let db_unix = wine.unix(&db);
    assert!(db_unix.is_file());

    // The bilan of the demo's year and of a period, by both builds on the same file.
    let year: i32 = db_query(&db_unix, "SELECT substr(max(date), 1, 4) FROM meeting WHERE deleted_at IS NULL").parse().unwrap();
    for (args, name) in [
        (vec!["--year".to_owned(), year.to_string()], "Bilan année"),
        (vec!["--du".to_owned(), format!("{year}-03-01"), "--au".to_owned(), format!("{year}-09-30")], "Bilan période"),
    ] {
        let win_out = format!(r"{folder}\{name} été.xlsx");
        let mut a = vec!["--db", &db, "bilan"];
        a.extend(args.iter().map(String::as_str));
        a.extend(["--out", &win_out]);
        let out = wine.ok(&a);
        assert!(out.contains(&win_out), "{out}");
        let lin_out = linux.path().join(format!("{name}.xlsx"));
        linux_cli().arg("--db").arg(&db_unix).arg("bilan").args(&args).arg("--out").arg(&lin_out).assert().success();
        assert_same_workbook(&wine.unix(&win_out), &lin_out);
    }

    // The archive: the same rows, whoever writes it.
    let win_archive = format!(r"{folder}\archive été.json");
    let out = wine.ok(&["--db", &db, "archive", "export", "--out", &win_archive]);
    assert!(out.contains("Archive écrite"), "{out}");
    let lin_archive = linux.path().join("archive.json");
    linux_cli().arg("--db").arg(&db_unix).args(["archive", "export", "--out"]).arg(&lin_archive).assert().success();
    assert_eq!(archive(&wine.unix(&win_archive)), archive(&lin_archive));

    // A CSV list: CRLF line ends, a BOM, the same bytes as on Linux.
    let win_csv = format!(r"{folder}\Liste des personnes.csv");
    wine.ok(&["--db", &db, "export", "people", "--out", &win_csv]);
    let lin_csv = linux.path().join("personnes.csv");
    linux_cli().arg("--db").arg(&db_unix).args(["export", "people", "--out"]).arg(&lin_csv).assert().success();
    let bytes = std::fs::read(wine.unix(&win_csv)).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM");
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.matches("\r\n").count() > 300, "lignes CRLF");
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count(), "un LF seul");
    assert_eq!(bytes, std::fs::read(&lin_csv).unwrap());

    // The invitation drafts of a meeting: file names with accents, CRLF, opened by Outlook as drafts.
    let meeting = db_query(
        &db_unix,
        "SELECT m.id FROM meeting m JOIN body b ON b.id = m.body_id WHERE m.deleted_at IS NULL AND b.name GLOB '*[éèà]*'
         AND (SELECT count(*) FROM invitation i WHERE i.meeting_id = m.id AND i.deleted_at IS NULL) > 3 ORDER BY m.date DESC LIMIT 1",
    );
    let drafts = format!(r"{folder}\Courriels");
    std::fs::create_dir_all(wine.unix(&drafts)).unwrap();
    let out = wine.ok(&["--db", &db, "mailing", "--meeting", &meeting, "--out", &drafts]);
    assert!(out.contains("destinataire(s)"), "{out}");
    // The mailing's own new folder, named with accents too.
    let only = |dir: &std::path::Path| std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).find(|p| p.is_dir()).expect("le dossier du courriel");
    let eml = std::fs::read_dir(only(&wine.unix(&drafts)))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "eml"))
        .expect("un .eml");
    let name = eml.file_name().unwrap().to_str().unwrap().to_owned();
    assert!(name.chars().any(|c| "éèà".contains(c)), "nom sans accent : {name}");
    let raw = std::fs::read(&eml).unwrap();
    let lone_lf = raw.windows(2).filter(|w| w[1] == b'\n' && w[0] != b'\r').count() + usize::from(raw.first() == Some(&b'\n'));
    assert_eq!(lone_lf, 0, "un LF seul dans {name}");
    let msg = mail_parser::MessageParser::default().parse(&raw).expect(".eml lisible");
    assert_eq!(msg.header_raw("X-Unsent").map(str::trim), Some("1"));
    assert!(msg.attachments().any(|a| a.attachment_name() == Some("invitation.ics")), "l'invitation .ics");
    // The Linux build writes the same draft (its Message-ID and Date aside).
    let lin_drafts = linux.path().join("courriels");
    std::fs::create_dir_all(&lin_drafts).unwrap();
    linux_cli().arg("--db").arg(&db_unix).args(["mailing", "--meeting", &meeting, "--out"]).arg(&lin_drafts).assert().success();
    let lin = mail_parser::MessageParser::default().parse(&std::fs::read(only(&lin_drafts).join(&name)).unwrap()).unwrap().into_owned();
    assert_eq!(msg.subject(), lin.subject());
    assert_eq!(msg.body_text(0), lin.body_text(0));
    fn bcc(m: &mail_parser::Message) -> Option<Vec<String>> {
        m.bcc().map(|a| a.iter().filter_map(|x| x.address.as_deref().map(str::to_owned)).collect())
    }
    assert_eq!(bcc(&msg), bcc(&lin));
    assert!(bcc(&msg).is_some_and(|b| b.len() > 3));

    // A base on a mapped network drive (N: declared a network drive to Wine) is opened with the
    // warning, as on a share named by its UNC path.
    let share = linux.path().join("partage");
    std::fs::create_dir_all(&share).unwrap();
    std::os::unix::fs::symlink(&share, wine.prefix.join("dosdevices").join("n:")).unwrap();
    let reg = std::process::Command::new(&wine.wine)
        .args(["reg", "add", r"HKLM\Software\Wine\Drives", "/v", "n:", "/t", "REG_SZ", "/d", "network", "/f"])
        .env("WINEPREFIX", &wine.prefix)
        .env("WINEDEBUG", "-all")
        .output()
        .unwrap();
    assert!(reg.status.success(), "{}", String::from_utf8_lossy(&reg.stderr));
    // Wine reads its drives' types when it starts: end this Wine session so that the next command
    // starts a new one that knows N: (with a running session, the type could stay « local »).
    let stop = std::process::Command::new(wine.wine.with_file_name("wineserver")).arg("-k").env("WINEPREFIX", &wine.prefix).status().unwrap();
    assert!(stop.success() || stop.code() == Some(1), "wineserver -k : {stop}");
    std::process::Command::new(wine.wine.with_file_name("wineserver")).arg("-w").env("WINEPREFIX", &wine.prefix).status().unwrap();
    let out = wine.cli(&["--db", r"N:\maillage.sqlite", "init"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("partage réseau"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = wine.cli(&["--db", &db, "check"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("partage réseau"), "disque local pris pour un partage");

    // Errors in French, with the Windows path, and a failing exit code.
    let missing = format!(r"{folder}\absente.sqlite");
    let out = wine.cli(&["--db", &missing, "check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(&missing) && stderr.contains("introuvable"), "{stderr}");
}
