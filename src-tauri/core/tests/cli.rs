//! `maillage-cli` drives the core without any desktop around it.

use assert_cmd::Command;
use predicates::str::contains;
use predicates::prelude::PredicateBooleanExt;

fn cli() -> Command {
    let mut c = Command::cargo_bin("maillage-cli").unwrap();
    c.env_remove("MAILLAGE_DB");
    c
}

#[test]
fn init_demo_and_check_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sous-dossier").join("demo.sqlite");
    cli().arg("--db").arg(&db).arg("init").assert().success().stdout(contains("Base prête"))
        .stdout(contains(format!("schéma version {}", maillage_core::db::supported_schema_version())));
    cli().arg("--db").arg(&db).arg("demo").assert().success().stdout(contains("120 organismes"));
    cli().arg("--db").arg(&db).arg("check").assert().success().stdout(contains("intègre"));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let n: i64 = conn.query_row("SELECT count(*) FROM person WHERE deleted_at IS NULL", [], |r| r.get(0)).unwrap();
    assert!(n >= 300, "{n}");
    // Twice is refused, in French, with a failing exit code.
    cli().arg("--db").arg(&db).arg("demo").assert().failure().stderr(contains("contient déjà des données"));
}

#[test]
fn the_database_can_be_named_by_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.sqlite");
    cli().env("MAILLAGE_DB", &db).arg("init").assert().success().stdout(contains(db.display().to_string()));
    assert!(db.exists());
}

#[test]
fn a_newer_database_is_refused_by_the_cli_too() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("future.sqlite");
    rusqlite::Connection::open(&db).unwrap().execute_batch("PRAGMA user_version = 42; PRAGMA application_id = 1296124236;").unwrap();
    cli().arg("--db").arg(&db).arg("check").assert().failure().stderr(contains("version plus récente de Maillage"));
}

#[test]
fn help_is_in_french() {
    cli().arg("--help").assert().success().stdout(contains("Remplit une base vide"));
}

#[test]
fn the_bilan_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    cli().arg("--db").arg(&db).arg("demo").assert().success();
    let out = dir.path().join("bilan.xlsx");
    let year = chrono::Datelike::year(&chrono::Local::now());
    cli().arg("--db").arg(&db).args(["bilan", "--year", &year.to_string(), "--out"]).arg(&out).assert().success()
        .stdout(contains(format!("Bilan {year} écrit dans")));
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    use calamine::Reader;
    assert_eq!(wb.sheet_names()[0], "Synthèse");
    let s = wb.worksheet_range("Synthèse").unwrap();
    assert_eq!(s.get((0, 1)).unwrap().to_string(), year.to_string());
    // Without --out, the file is named after the agency and the year, in the current folder.
    cli().current_dir(dir.path()).arg("--db").arg(&db).args(["bilan", "--du", "2026-01-01", "--au", "2026-06-30"]).assert().success();
    assert!(dir.path().join("Bilan_CCAS_de_Brive-la-Gaillarde_2026-01-01_2026-06-30.xlsx").exists());
    // A bad date says what to fix, in French.
    cli().arg("--db").arg(&db).args(["bilan", "--du", "2026-13-01", "--au", "2026-06-30"]).assert().failure().stderr(contains("AAAA-MM-JJ"));
}

#[test]
fn archive_export_and_import_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.sqlite"), dir.path().join("b.sqlite"));
    let json = dir.path().join("archive.json");
    cli().arg("--db").arg(&a).arg("demo").assert().success();
    cli().arg("--db").arg(&b).arg("init").assert().success();
    cli().arg("--db").arg(&a).args(["archive", "export", "--out"]).arg(&json).assert().success().stdout(contains("format maillage-archive version 1"));
    cli().arg("--db").arg(&b).args(["archive", "import", "--in"]).arg(&json).assert().success().stdout(contains("inchangée(s)"));
    let count = |p: &std::path::Path| -> i64 { rusqlite::Connection::open(p).unwrap().query_row("SELECT count(*) FROM attendance", [], |r| r.get(0)).unwrap() };
    assert_eq!(count(&a), count(&b));
    std::fs::write(&json, "pas du JSON").unwrap();
    cli().arg("--db").arg(&b).args(["archive", "import", "--in"]).arg(&json).assert().failure().stderr(contains("ligne 1, colonne"));
}

fn demo_db(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("bureau.sqlite");
    cli().arg("--db").arg(&db).arg("demo").assert().success();
    db
}

#[test]
fn copy_and_merge_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let pass = dir.path().join("phrase.txt");
    std::fs::write(&pass, "une phrase de passe solide\n").unwrap();
    let (meeting, person): (String, String) = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT i.meeting_id, i.person_id FROM invitation i JOIN meeting m ON m.id = i.meeting_id
             WHERE m.date <= date('now') AND m.status = 'tenue' AND i.person_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = i.meeting_id AND a.person_id = i.person_id)
             ORDER BY m.date DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let copy = dir.path().join("Maillage-copie.maillage");
    cli().arg("--db").arg(&db).args(["copy", "--meeting", &meeting, "--out"]).arg(&copy).assert().failure().stderr(contains("--passphrase-file"));
    cli().arg("--db").arg(&db).arg("--passphrase-file").arg(&pass).args(["copy", "--meeting", &meeting, "--out"]).arg(&copy)
        .assert().success().stdout(contains("Copie chiffrée écrite"));
    // The copy is opened with the same passphrase by every command, and refused without it.
    cli().arg("--db").arg(&copy).arg("check").assert().failure().stderr(contains("chiffré"));
    cli().arg("--db").arg(&copy).arg("--passphrase-file").arg(&pass).arg("check").assert().success().stdout(contains("intègre"));
    {
        let laptop = maillage_core::Database::open_with(&copy, &maillage_core::db::OpenOptions::existing(Some(maillage_core::db::Passphrase::new("une phrase de passe solide")))).unwrap();
        maillage_core::queries::attendance::check_in(laptop.conn(), &meeting, None, &person).unwrap();
    }
    cli().arg("--db").arg(&db).env("MAILLAGE_PASSPHRASE_FILE", &pass).args(["merge", "--dry-run", "--in"]).arg(&copy)
        .assert().success().stdout(contains("Aperçu")).stdout(contains("Présences : 1 ajout(s)"));
    let present = |db: &std::path::Path| -> i64 {
        rusqlite::Connection::open(db).unwrap().query_row("SELECT count(*) FROM attendance WHERE meeting_id = ?1 AND person_id = ?2", [&meeting, &person], |r| r.get(0)).unwrap()
    };
    assert_eq!(present(&db), 0, "a dry run writes nothing");
    cli().arg("--db").arg(&db).env("MAILLAGE_PASSPHRASE_FILE", &pass).args(["merge", "--in"]).arg(&copy)
        .assert().success().stdout(contains("fusionnée")).stdout(contains("Sauvegarde faite avant la fusion"));
    assert_eq!(present(&db), 1);
    cli().arg("--db").arg(&db).env("MAILLAGE_PASSPHRASE_FILE", &pass).args(["merge", "--in"]).arg(&copy)
        .assert().success().stdout(contains("rien à fusionner"));
    assert_eq!(present(&db), 1);
}

#[test]
fn backups_and_restore_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    cli().arg("--db").arg(&db).arg("backups").assert().success().stdout(contains("Aucune sauvegarde"));
    cli().arg("--db").arg(&db).arg("backup").assert().success().stdout(contains("Sauvegarde écrite"));
    let list = maillage_core::backup::list(&db).unwrap();
    assert_eq!(list.len(), 1);
    let name = || -> String { rusqlite::Connection::open(&db).unwrap().query_row("SELECT value FROM setting WHERE key = 'agency_name'", [], |r| r.get(0)).unwrap() };
    let before = name();
    rusqlite::Connection::open(&db).unwrap().execute_batch("UPDATE setting SET value = 'Nom changé par erreur' WHERE key = 'agency_name'; DELETE FROM attendance;").unwrap();
    assert_ne!(name(), before);
    cli().arg("--db").arg(&db).arg("backups").assert().success().stdout(contains("Manuelle"));
    cli().arg("--db").arg(&db).arg("restore").arg(&list[0].path).assert().success().stdout(contains("restaurée"));
    assert_eq!(name(), before);
    let marks: i64 = rusqlite::Connection::open(&db).unwrap().query_row("SELECT count(*) FROM attendance", [], |r| r.get(0)).unwrap();
    assert!(marks > 800, "{marks}");
    // The state before the restore was kept too.
    assert_eq!(maillage_core::backup::list(&db).unwrap().len(), 2);
    cli().arg("--db").arg(&db).arg("check").assert().success();
}

#[test]
fn files_are_never_damaged_by_mistake() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    // An export never goes over the database, nor over a file without --force.
    cli().arg("--db").arg(&db).args(["bilan", "--year", "2025", "--out"]).arg(&db).assert().failure().stderr(contains("base de données"));
    cli().arg("--db").arg(&db).arg("check").assert().success();
    let out = dir.path().join("bilan.xlsx");
    cli().arg("--db").arg(&db).args(["bilan", "--year", "2025", "--out"]).arg(&out).assert().success();
    cli().arg("--db").arg(&db).args(["bilan", "--year", "2025", "--out"]).arg(&out).assert().failure().stderr(contains("--force"));
    cli().arg("--db").arg(&db).args(["bilan", "--year", "2025", "--force", "--out"]).arg(&out).assert().success();
    let json = dir.path().join("a.json");
    cli().arg("--db").arg(&db).args(["archive", "export", "--out"]).arg(dir.path()).assert().failure().stderr(contains("est un dossier"));
    cli().arg("--db").arg(&db).args(["archive", "export", "--out"]).arg(&json).assert().success();
    assert!(std::fs::read_dir(dir.path()).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".partial")));

    // Another program's SQLite file is refused, byte for byte untouched.
    let other = dir.path().join("autre.sqlite");
    rusqlite::Connection::open(&other).unwrap().execute_batch("CREATE TABLE recette (nom TEXT); INSERT INTO recette VALUES ('tarte');").unwrap();
    let before = std::fs::read(&other).unwrap();
    cli().arg("--db").arg(&other).arg("check").assert().failure().stderr(contains("autre programme"));
    cli().arg("--db").arg(&other).arg("init").assert().failure().stderr(contains("autre programme"));
    assert_eq!(std::fs::read(&other).unwrap(), before);
    assert!(!dir.path().join("autre.sqlite-wal").exists());

    // A typo in --db creates nothing.
    let typo = dir.path().join("nouveau-dossier").join("bsae.sqlite");
    cli().arg("--db").arg(&typo).args(["bilan", "--year", "2025"]).assert().failure().stderr(contains("introuvable"));
    assert!(!dir.path().join("nouveau-dossier").exists());

    // Usage errors in French.
    cli().args(["bilan", "--annee", "2025"]).assert().failure().code(2).stderr(contains("argument inconnu"));
}

#[test]
fn a_database_held_by_another_program_waits_then_says_so_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("occupee.sqlite");
    cli().arg("--db").arg(&db).arg("init").assert().success();
    // Another program (the app, say) holds the write lock for longer than the CLI waits (5 s).
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE; INSERT INTO setting (key, value, updated_at) VALUES ('agency_name', 'x', 'x');").unwrap();
    cli().arg("--db").arg(&db).arg("demo").assert().failure().stderr(contains("occupée"));
    holder.execute_batch("ROLLBACK").unwrap();
}

/// The RGPD commands: erase (refused while a seat is held, then with --terminer-roles), the
/// purge's list, a person's file, and the journal saying the command line did it.
#[test]
fn rgpd_commands_and_the_journal_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rgpd.sqlite");
    cli().arg("--db").arg(&db).arg("demo").assert().success();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (id, email): (String, String) = conn
        .query_row(
            "SELECT p.id, p.email FROM person p WHERE p.email IS NOT NULL AND EXISTS (SELECT 1 FROM body_member m WHERE m.person_id = p.id
               AND m.deleted_at IS NULL AND m.end_date IS NULL) LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    drop(conn);
    let out = dir.path().join("dossier.xlsx");
    cli().arg("--db").arg(&db).args(["rgpd", "export", "--person", &id, "--out"]).arg(&out).assert().success().stdout(contains("écrites dans"));
    assert!(out.exists());
    cli().arg("--db").arg(&db).args(["rgpd", "erase", "--person", &id]).assert().failure().stderr(contains("Mettez fin à ces rôles"));
    cli().arg("--db").arg(&db).args(["rgpd", "erase", "--person", &id, "--terminer-roles"]).assert().success()
        .stdout(contains("1 personne(s) effacée(s)")).stdout(contains("rôle(s) dans des instances terminé(s)"));
    let bytes = std::fs::read(&db).unwrap();
    assert!(!bytes.windows(email.len()).any(|w| w == email.as_bytes()), "{email} is gone from the file");
    cli().arg("--db").arg(&db).args(["journal", "--person", &id]).assert().success()
        .stdout(contains("Ligne de commande")).stdout(contains("Effacement RGPD"));
    cli().arg("--db").arg(&db).args(["rgpd", "purge", "--dry-run"]).assert().success().stdout(contains("durée de conservation"));
    cli().arg("--db").arg(&db).args(["journal", "--since", "2000-13-45"]).assert().failure().stderr(contains("« 2000-13-45 » du champ « Depuis » n'est pas valide"));
}

#[test]
fn lists_in_and_out_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("listes.sqlite");
    let csv = dir.path().join("structures.csv");
    // French Excel's CSV: Windows-1252, `;`, a title above the headers.
    std::fs::write(
        &csv,
        b"Partenaires 2025;;;\r\n\r\nRaison sociale;Sigle;CP;Ville;M\xe9l\r\nRestos du c\x9cur;RDC;19100;Brive;contact@restos.fr\r\nASSOCIATION RESTOS DU COEUR;;;Brive;\r\nCAF de la Corr\xe8ze;CAF;19000;Tulle;pas-un-mail\r\n",
    )
    .unwrap();
    cli().arg("--db").arg(&db).arg("init").assert().success();
    let count = |table: &str| -> i64 {
        rusqlite::Connection::open(&db).unwrap().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    };
    // The preview writes nothing; a rejected row means exit code 3.
    cli().arg("--db").arg(&db).args(["import", "organisations"]).arg(&csv).arg("--dry-run").assert().code(3)
        .stdout(contains("en-têtes ligne 3"))
        .stdout(contains("Aperçu (rien n'a été écrit) : 3 ligne(s) lue(s), 1 à créer, 0 à mettre à jour, 1 ignorée(s), 1 rejetée(s)."))
        .stdout(contains("Doublon ligne 5 : « ASSOCIATION RESTOS DU COEUR » ressemble à « ligne 4 du fichier » (même nom) : ignorée."))
        .stdout(contains("Rejet — feuille « structures », ligne 6, colonne Mél : L'adresse e-mail « pas-un-mail » n'est pas valide"));
    assert_eq!(count("organisation"), 0);
    // --strict: nothing written either.
    cli().arg("--db").arg(&db).args(["import", "organisations"]).arg(&csv).arg("--strict").assert().code(3).stdout(contains("Import annulé"));
    assert_eq!(count("organisation"), 0);
    // A hand-written mapping leaves the e-mail column out: every row comes in, exit 0; the
    // report is also a workbook.
    let mapping = dir.path().join("associations.json");
    std::fs::write(&mapping, r#"{"header_line": 3, "columns": {"E": null}}"#).unwrap();
    let report = dir.path().join("compte-rendu.xlsx");
    cli().arg("--db").arg(&db).args(["import", "organisations"]).arg(&csv).arg("--mapping").arg(&mapping).arg("--report").arg(&report)
        .assert().success().stdout(contains("Import terminé : 3 ligne(s) lue(s), 2 créée(s), 0 mise(s) à jour, 1 ignorée(s), 0 rejetée(s)."));
    assert_eq!(count("organisation"), 2);
    assert!(report.exists());
    // A bad mapping says what is wrong, in French.
    std::fs::write(&mapping, r#"{"columns": {"Z": "email"}}"#).unwrap();
    cli().arg("--db").arg(&db).args(["import", "organisations"]).arg(&csv).arg("--mapping").arg(&mapping).assert().failure()
        .stderr(contains("La colonne « Z » n'existe pas dans la feuille"));
    std::fs::write(&mapping, r#"{"columns": {"E": "couleur"}}"#).unwrap();
    cli().arg("--db").arg(&db).args(["import", "organisations"]).arg(&csv).arg("--mapping").arg(&mapping).assert().failure()
        .stderr(contains("Champ « couleur » inconnu pour ce type de liste ; champs possibles : org_name,"));
    // A file that is not a spreadsheet.
    let junk = dir.path().join("photo.xlsx");
    std::fs::write(&junk, [0x89u8, b'P', b'N', b'G', 0, 0, 0, 0x0D, 0xFF, 0xD8]).unwrap();
    cli().arg("--db").arg(&db).args(["import", "people"]).arg(&junk).assert().failure()
        .stderr(contains("Le fichier « photo.xlsx » ne peut pas être importé : ce n'est pas un classeur"));

    // Out, then in again: nothing new.
    let out = dir.path().join("organismes.xlsx");
    cli().arg("--db").arg(&db).args(["export", "organisations", "--out"]).arg(&out).assert().success().stdout(contains("2 ligne(s)"));
    cli().arg("--db").arg(&db).args(["export", "organisations", "--out"]).arg(&out).assert().failure().stderr(contains("existe déjà"));
    cli().arg("--db").arg(&db).args(["import", "organisations"]).arg(&out).args(["--on-duplicate", "merge"]).assert().success()
        .stdout(contains("0 créée(s), 0 mise(s) à jour, 2 ignorée(s), 0 rejetée(s)"));
    cli().arg("--db").arg(&db).args(["export", "members", "--out"]).arg(dir.path().join("m.csv")).assert().failure().stderr(contains("--body"));
    cli().arg("--db").arg(&db).args(["export", "people", "--out"]).arg(dir.path().join("p.txt")).assert().failure().stderr(contains(".xlsx"));
    cli().arg("--db").arg(&db).args(["import", "members"]).arg(&out).assert().failure().stderr(contains("Choisissez l'instance"));
}

#[test]
fn a_meetings_drafts_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite");
    cli().arg("--db").arg(&db).arg("demo").assert().success();
    let conn = rusqlite::Connection::open(&db).unwrap();
    // The meeting with the most people to write to, counted by the core's own reading.
    let meetings: Vec<String> = conn.prepare("SELECT id FROM meeting WHERE deleted_at IS NULL").unwrap()
        .query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    let reachable = |m: &str| maillage_core::queries::invitations::of_meeting(&conn, m).unwrap()
        .iter().filter(|i| i.email.is_some() && !i.contact_withdrawn).count() as i64;
    let (meeting, invited) = meetings.iter().map(|m| (m.clone(), reachable(m))).max_by_key(|(_, n)| *n).unwrap();
    assert!(invited > 3);
    let out = dir.path().join("courriels");
    cli().arg("--db").arg(&db).args(["mailing", "--meeting", &meeting, "--out"]).arg(&out).assert().failure()
        .stderr(contains("n'existe pas : choisissez un dossier existant"));
    std::fs::create_dir(&out).unwrap();
    cli().arg("--db").arg(&db).args(["mailing", "--meeting", &meeting, "--out"]).arg(&out).assert().success()
        .stdout(contains(format!("{invited} destinataire(s) ; fichiers écrits :"))).stdout(contains(".eml")).stdout(contains(".ics"));
    // In a folder of their own, new each time: a second run replaces nothing.
    let folders: Vec<std::path::PathBuf> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(folders.len(), 1, "{folders:?}");
    let first: Vec<(String, Vec<u8>)> = std::fs::read_dir(&folders[0]).unwrap().map(|e| e.unwrap().path()).map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap())).collect();
    let names: Vec<String> = first.iter().map(|(n, _)| n.clone()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    cli().arg("--db").arg(&db).args(["mailing", "--meeting", &meeting, "--out"]).arg(&out).assert().success();
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 2, "a second folder");
    for (name, bytes) in &first {
        assert_eq!(&std::fs::read(folders[0].join(name)).unwrap(), bytes, "{name} unchanged");
    }
    assert!(names.iter().any(|n| n.ends_with(".eml")) && names.iter().any(|n| n.ends_with(".ics")) && names.iter().any(|n| n.ends_with("_adresses.txt")));
    // One draft per person on request; the log records both.
    let each = dir.path().join("un-par-personne");
    std::fs::create_dir(&each).unwrap();
    cli().arg("--db").arg(&db).args(["mailing", "--individuels", "--meeting", &meeting, "--out"]).arg(&each).assert().success();
    let folder = std::fs::read_dir(&each).unwrap().next().unwrap().unwrap().path();
    let emls = std::fs::read_dir(&folder).unwrap().filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "eml")).count();
    assert_eq!(emls as i64, invited);
    let logged: i64 = conn.query_row("SELECT count(*) FROM mailing_log WHERE meeting_id = ?", [&meeting], |r| r.get(0)).unwrap();
    assert_eq!(logged, 9);
}

/// `--force` replaces only a file of the kind being written, told by its bytes whatever its name:
/// an encrypted database renamed `.xlsx`, a laptop copy, an archive, random bytes are refused.
#[test]
fn hostile_force_replaces_only_a_file_of_its_own_kind() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let pass = dir.path().join("phrase.txt");
    std::fs::write(&pass, "une phrase de passe solide\n").unwrap();
    // An encrypted office database and a laptop copy, the files a user must never lose.
    let encrypted = dir.path().join("chiffree.sqlite");
    cli().arg("--db").arg(&encrypted).arg("--passphrase-file").arg(&pass).arg("init").assert().success();
    let meeting: String = rusqlite::Connection::open(&db).unwrap().query_row("SELECT id FROM meeting ORDER BY date DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    let copy = dir.path().join("copie.maillage");
    cli().arg("--db").arg(&db).arg("--passphrase-file").arg(&pass).args(["copy", "--meeting", &meeting, "--out"]).arg(&copy).assert().success();
    let archive = dir.path().join("archive.json");
    cli().arg("--db").arg(&db).args(["archive", "export", "--out"]).arg(&archive).assert().success();
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let random: Vec<u8> = (0..8192).map(|_| { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; rng as u8 }).collect();
    let plain_text = "nom;prénom\nDurand;Anne\n";

    let victims: Vec<(&str, Vec<u8>, &str)> = vec![
        ("base chiffrée", std::fs::read(&encrypted).unwrap(), "binaire inconnu"),
        ("copie", std::fs::read(&copy).unwrap(), "binaire inconnu"),
        ("base", std::fs::read(&db).unwrap(), "base de données"),
        ("archive", std::fs::read(&archive).unwrap(), "archive Maillage"),
        ("octets au hasard", random, "binaire inconnu"),
        ("texte", plain_text.as_bytes().to_vec(), "fichier texte"),
    ];
    let rounds = probe_rounds(1);
    for round in 0..rounds {
        for (what, bytes, seems) in &victims {
            // Each command with --force, over the file renamed to the extension it writes.
            let commands: Vec<(&str, Vec<&str>)> = vec![
                ("xlsx", vec!["bilan", "--year", "2025", "--force", "--out"]),
                ("xlsx", vec!["export", "people", "--force", "--out"]),
                ("csv", vec!["export", "organisations", "--force", "--out"]),
                ("json", vec!["archive", "export", "--force", "--out"]),
                ("xlsx", vec!["rgpd", "export", "--person", "x", "--force", "--out"]),
            ];
            for (ext, args) in commands {
                // Of the same kind: replaced (below).
                if matches!((*what, ext), ("texte", "csv") | ("archive", "json")) {
                    continue;
                }
                let target = dir.path().join(format!("victime-{round}.{ext}"));
                std::fs::write(&target, bytes).unwrap();
                cli().arg("--db").arg(&db).args(&args).arg(&target).assert().failure()
                    .stderr(contains("semble être").or(contains("est une base de données")).and(contains(*seems).or(contains("base de données"))));
                assert_eq!(&std::fs::read(&target).unwrap(), bytes, "{what} remplacé par {args:?}");
            }
        }
    }
    // The copy's own --force: a copy replaces nothing (it may hold what was typed at a meeting).
    let before = std::fs::read(&copy).unwrap();
    cli().arg("--db").arg(&db).arg("--passphrase-file").arg(&pass).args(["copy", "--force", "--meeting", &meeting, "--out"]).arg(&copy).assert().failure().stderr(contains("ne remplace aucun fichier"));
    assert_eq!(std::fs::read(&copy).unwrap(), before);

    // A file of the same kind is replaced with --force.
    let wb = dir.path().join("bilan.xlsx");
    cli().arg("--db").arg(&db).args(["bilan", "--year", "2025", "--out"]).arg(&wb).assert().success();
    cli().arg("--db").arg(&db).args(["export", "people", "--force", "--out"]).arg(&wb).assert().success();
    let csv = dir.path().join("liste.csv");
    std::fs::write(&csv, plain_text).unwrap();
    cli().arg("--db").arg(&db).args(["export", "people", "--force", "--out"]).arg(&csv).assert().success();
    cli().arg("--db").arg(&db).args(["archive", "export", "--force", "--out"]).arg(&archive).assert().success();
    // An empty file holds nothing to lose.
    let empty = dir.path().join("vide.xlsx");
    std::fs::write(&empty, b"").unwrap();
    cli().arg("--db").arg(&db).args(["bilan", "--year", "2025", "--force", "--out"]).arg(&empty).assert().success();
    cli().arg("--db").arg(&encrypted).arg("--passphrase-file").arg(&pass).arg("check").assert().success();
}

/// How many rounds a `hostile_` test makes: a few by default, more with MAILLAGE_PROBE_ROUNDS.
fn probe_rounds(default: usize) -> usize {
    std::env::var("MAILLAGE_PROBE_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Two `demo` runs on one new file at once: one fills it, the other refuses in French — the base
/// is not empty (or still busy) — and never half-fills it (« Un organisme nommé … existe déjà »).
#[test]
fn hostile_two_demos_at_once_fill_the_database_once() {
    let dir = tempfile::tempdir().unwrap();
    let single = dir.path().join("seule.sqlite");
    cli().arg("--db").arg(&single).arg("demo").assert().success();
    let count = |db: &std::path::Path| -> (i64, i64) {
        let c = rusqlite::Connection::open(db).unwrap();
        (c.query_row("SELECT count(*) FROM organisation", [], |r| r.get(0)).unwrap(), c.query_row("SELECT count(*) FROM person", [], |r| r.get(0)).unwrap())
    };
    let expected = count(&single);
    for round in 0..probe_rounds(2) {
        let db = dir.path().join(format!("double-{round}.sqlite"));
        let bin = assert_cmd::cargo::cargo_bin("maillage-cli");
        let spawn = || std::process::Command::new(&bin).arg("--db").arg(&db).arg("demo").env_remove("MAILLAGE_DB").stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap();
        let (a, b) = (spawn(), spawn());
        let outs = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
        let won = outs.iter().filter(|o| o.status.success()).count();
        assert_eq!(won, 1, "one run fills the base: {outs:?}");
        let loser = outs.iter().find(|o| !o.status.success()).unwrap();
        let said = String::from_utf8_lossy(&loser.stderr);
        assert!(said.contains("contient déjà des données") || said.contains("occupée"), "round {round}: {said}");
        assert!(!said.contains("existe déjà"), "{said}");
        assert_eq!(count(&db), expected, "round {round}: the demonstration once");
    }
}

/// Two `merge` of the same copy started at once: exactly one merges it, the other finds « rien à
/// fusionner »; the office records the copy's merge once and holds its presence once.
#[test]
fn hostile_two_merges_of_the_same_copy_at_once() {
    use maillage_core::model::*;
    use maillage_core::queries::{attendance, bodies, invitations, meetings};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bureau.sqlite");
    let pass = dir.path().join("phrase.txt");
    std::fs::write(&pass, "une phrase de passe solide\n").unwrap();
    let passphrase = || maillage_core::db::Passphrase::new("une phrase de passe solide");
    let rounds = probe_rounds(4);
    let (meeting, people) = {
        let office = maillage_core::Database::open(&db).unwrap();
        let body = bodies::create(office.conn(), BodyInput { name: "Assemblée plénière".into(), kind: Some(BodyKind::Pleniere), ..Default::default() }).unwrap().id;
        let today = chrono::Local::now().date_naive().to_string();
        let meeting = meetings::create(office.conn(), MeetingInput { body_id: body, date: Some(today), ..Default::default() }).unwrap().id;
        let people: Vec<String> = (0..rounds)
            .map(|i| {
                let input = PersonInput { first_name: Some(format!("Prénom{i}")), last_name: Some(format!("Nom{i}")), category: Some(PersonCategory::Habitant), ..Default::default() };
                maillage_core::queries::persons::create(office.conn(), input).unwrap().id
            })
            .collect();
        invitations::invite(office.conn(), InviteRequest { meeting_id: meeting.clone(), person_ids: people.clone(), ..Default::default() }).unwrap();
        (meeting, people)
    };
    let exe = assert_cmd::cargo::cargo_bin("maillage-cli");
    for (round, person) in people.iter().enumerate() {
        let copy = dir.path().join(format!("copie-{round}.maillage"));
        let copy_id = {
            let office = maillage_core::Database::open(&db).unwrap();
            maillage_core::sync::copy::make(&office, &[meeting.clone()], &copy, &passphrase(), false).unwrap().copy_id
        };
        {
            let laptop = maillage_core::Database::open_with(&copy, &maillage_core::db::OpenOptions::existing(Some(passphrase()))).unwrap();
            attendance::check_in(laptop.conn(), &meeting, None, person).unwrap();
        }
        let start = || {
            std::process::Command::new(&exe)
                .env_remove("MAILLAGE_DB")
                .arg("--db").arg(&db).env("MAILLAGE_PASSPHRASE_FILE", &pass).args(["merge", "--in"]).arg(&copy)
                .stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped())
                .spawn().unwrap()
        };
        let (a, b) = (start(), start());
        let outputs: Vec<(bool, String, String)> = [a, b]
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .map(|o| (o.status.success(), String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned()))
            .collect();
        let merged = outputs.iter().filter(|(ok, out, _)| *ok && out.contains("fusionnée.")).count();
        let nothing = outputs.iter().filter(|(ok, out, _)| *ok && out.contains("rien à fusionner")).count();
        assert_eq!((merged, nothing), (1, 1), "round {round}: {outputs:#?}");
        let conn = rusqlite::Connection::open(&db).unwrap();
        let recorded: i64 = conn.query_row("SELECT count(*) FROM merged_copy WHERE copy_id = ?", [&copy_id], |r| r.get(0)).unwrap();
        assert_eq!(recorded, 1, "round {round}: {outputs:#?}");
        let present: i64 = conn.query_row("SELECT count(*) FROM attendance WHERE meeting_id = ?1 AND person_id = ?2", [&meeting, person], |r| r.get(0)).unwrap();
        assert_eq!(present, 1, "round {round}");
    }
}
