//! Imports through the real command line (once in maillage-core's tests/import.rs).

use crate::common;

/// Runs `maillage-cli args…` to its end: its exit code, its stderr and its peak memory in MB
/// (the kernel's count for this child, read by wait4).
#[cfg(target_os = "linux")]
#[allow(clippy::zombie_processes)] // the child is reaped by wait4, which also reads its peak memory
fn cli_peak_mb(args: &[&std::ffi::OsStr]) -> (i32, String, u64) {
    use std::io::Read;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_maillage-cli"))
        .args(args)
        .env_remove("MAILLAGE_DB")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let (mut status, mut usage) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t);
    (libc::WEXITSTATUS(status), stderr, usage.ru_maxrss as u64 / 1024)
}

#[cfg(target_os = "linux")]
#[test]
fn hostile_zip_bombs_keep_the_cli_within_a_few_hundred_mb_and_write_nothing() {
    use common::bombs;
    use std::ffi::OsStr;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite");
    let (code, err, _) = cli_peak_mb(&[OsStr::new("--db"), db.as_os_str(), OsStr::new("init")]);
    assert_eq!(code, 0, "{err}");
    let count = || -> i64 {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.query_row("SELECT (SELECT count(*) FROM organisation) + (SELECT count(*) FROM person)", [], |r| r.get(0)).unwrap()
    };
    let before = count();
    const GB: u64 = 1 << 30;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("chaine.xlsx", bombs::huge_shared_string(3 * GB, None)),
        ("chaine-menteuse.xlsx", bombs::huge_shared_string(3 * GB, Some(1000))),
        ("lignes-menteuses.xlsx", bombs::many_rows(3 * GB, Some(5000))),
        ("loin.xlsx", bombs::far_cells(200)),
        ("partout.xlsx", bombs::shared_string_everywhere(1 << 20, 1000)),
        ("repetee.ods", bombs::ods_repeats(1_000_000, 1000)),
        ("partout.xls", bombs::xls_shared_string_everywhere(30_000, 60_000)),
        ("coins.xls", bombs::xls(&["Nom".into()], &[(0, 0, 0), (65535, 255, 0)])),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let (code, err, peak) = cli_peak_mb(&[OsStr::new("--db"), db.as_os_str(), OsStr::new("import"), OsStr::new("organisations"), path.as_os_str()]);
        eprintln!("{name}: peak {peak} MB");
        assert_eq!(code, 1, "{name}: {err}");
        assert!(err.contains(&format!("Le fichier « {name} » ne peut pas être importé : ")), "{err}");
        // A resource bound, not a timing: the 3 GB of the bomb never come close.
        assert!(peak < 500, "{name}: {peak} MB");
    }
    assert_eq!(count(), before);
}

/// The report's workbook read back: every sheet's headers are French (the summary's first one
/// read « Column1 »); an existing report is not replaced without --force, and then nothing is
/// imported either.
#[test]
fn the_import_report_has_french_headers_and_is_never_written_over_without_force() {
    use assert_cmd::Command;
    use calamine::{Data, Reader};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite");
    let cli = || {
        let mut c = Command::cargo_bin("maillage-cli").unwrap();
        c.env_remove("MAILLAGE_DB").arg("--db").arg(&db);
        c
    };
    cli().arg("init").assert().success();
    let csv = dir.path().join("structures.csv");
    std::fs::write(&csv, "Nom;Commune;Courriel\nCAF;Brive;\nCAF;Brive;\nRestos;Tulle;pas-un-mail\n").unwrap();
    let report = dir.path().join("compte-rendu.xlsx");
    cli().args(["import", "organisations"]).arg(&csv).arg("--report").arg(&report).assert().code(3);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&report).unwrap();
    let header = |book: &mut calamine::Xlsx<_>, sheet: &str, line: usize| -> Vec<String> {
        let range = book.worksheet_range(sheet).unwrap();
        range.rows().nth(line).unwrap().iter().map(|c| c.to_string()).collect()
    };
    assert_eq!(book.sheet_names(), import_report_sheets());
    assert_eq!(header(&mut book, "Résumé", 2), ["Résultat", "Nombre"]);
    assert_eq!(header(&mut book, "Lignes rejetées", 0), ["Feuille", "Ligne", "Colonne", "Motif"]);
    assert_eq!(header(&mut book, "Doublons", 0), ["Ligne", "Ligne du fichier", "Ressemble à", "Motif", "Décision", "Modifications"]);
    let summary = book.worksheet_range("Résumé").unwrap();
    assert_eq!(summary.get_value((3, 0)), Some(&Data::String("Lignes lues".into())));
    // No « ColumnN » in any table of the workbook either (the tables' own column names).
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&report).unwrap()).unwrap();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut part, &mut text).unwrap();
        assert!(!text.contains("Column1"), "{}", part.name().unwrap());
    }

    // Again into the same report: refused before anything is imported.
    let before = std::fs::read(&report).unwrap();
    let count = || -> i64 { rusqlite::Connection::open(&db).unwrap().query_row("SELECT count(*) FROM organisation", [], |r| r.get(0)).unwrap() };
    let organisations = count();
    std::fs::write(&csv, "Nom;Commune\nHabitat Corrèze;Tulle\n").unwrap();
    cli().args(["import", "organisations"]).arg(&csv).arg("--report").arg(&report).assert().failure()
        .stderr(predicates::str::contains(format!("Le fichier « {} » existe déjà", report.display())));
    assert_eq!(std::fs::read(&report).unwrap(), before);
    assert_eq!(count(), organisations);
    // With --force it is replaced.
    cli().args(["import", "organisations"]).arg(&csv).arg("--report").arg(&report).arg("--force").assert().success();
    assert_ne!(std::fs::read(&report).unwrap(), before);
    assert_eq!(count(), organisations + 1);
}

fn import_report_sheets() -> Vec<String> {
    maillage_core::export::import_report_xlsx::SHEETS.iter().map(|s| s.to_string()).collect()
}
