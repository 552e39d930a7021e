//! `maillage-cli` drives the core without any desktop around it. Every test that works on an
//! office database runs twice (`on_both!`): on a plain file and on an encrypted one.

use crate::common;
use crate::on_both;

use common::office::{cli, Kind, Office};
use predicates::str::contains;
use predicates::prelude::PredicateBooleanExt;

on_both!(
    init_demo_and_check_a_database,
    the_bilan_from_the_command_line,
    archive_export_and_import_from_the_command_line,
    copy_and_merge_from_the_command_line,
    backups_and_restore_from_the_command_line,
    files_are_never_damaged_by_mistake,
    a_database_held_by_another_program_waits_then_says_so_in_french,
    rgpd_commands_and_the_journal_from_the_command_line,
    lists_in_and_out_from_the_command_line,
    a_meetings_drafts_from_the_command_line,
);

fn init_demo_and_check_a_database(kind: Kind) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sous-dossier")).unwrap();
    let o = Office::new(kind, &dir.path().join("sous-dossier"), "demo.sqlite");
    o.cli().arg("init").assert().success().stdout(contains("Base prête"))
        .stdout(contains(format!("schéma version {}", maillage_core::db::supported_schema_version())));
    o.cli().arg("demo").assert().success().stdout(contains("120 organismes"));
    o.cli().arg("check").assert().success().stdout(contains("intègre"));
    let conn = o.conn();
    let n: i64 = conn.query_row("SELECT count(*) FROM person WHERE deleted_at IS NULL", [], |r| r.get(0)).unwrap();
    assert!(n >= 300, "{n}");
    // Twice is refused, in French, with a failing exit code.
    o.cli().arg("demo").assert().failure().stderr(contains("contient déjà des données"));
    // An encrypted file is encrypted: no SQLite header, and refused without its passphrase.
    let plain_header = std::fs::read(&o.db).unwrap().starts_with(b"SQLite format 3");
    assert_eq!(plain_header, kind == Kind::Plain);
    if kind == Kind::Encrypted {
        cli().arg("--db").arg(&o.db).arg("check").assert().failure().stderr(contains("chiffré"));
    }
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

fn the_bilan_from_the_command_line(kind: Kind) {
    let dir = tempfile::tempdir().unwrap();
    let o = Office::new(kind, dir.path(), "demo.sqlite");
    o.cli().arg("demo").assert().success();
    let out = dir.path().join("bilan.xlsx");
    let year = chrono::Datelike::year(&chrono::Local::now());
    o.cli().args(["bilan", "--year", &year.to_string(), "--out"]).arg(&out).assert().success()
        .stdout(contains(format!("Bilan {year} écrit dans")));
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    use calamine::Reader;
    assert_eq!(wb.sheet_names()[0], "Synthèse");
    let s = wb.worksheet_range("Synthèse").unwrap();
    assert_eq!(s.get((0, 1)).unwrap().to_string(), year.to_string());
    // Without --out, the file is named after the agency and the year, in the current folder.
    o.cli().current_dir(dir.path()).args(["bilan", "--du", "2026-01-01", "--au", "2026-06-30"]).assert().success();
    assert!(dir.path().join("Bilan_CCAS_de_Brive-la-Gaillarde_2026-01-01_2026-06-30.xlsx").exists());
    // A bad date says what to fix, in French.
    o.cli().args(["bilan", "--du", "2026-13-01", "--au", "2026-06-30"]).assert().failure().stderr(contains("AAAA-MM-JJ"));
}

fn archive_export_and_import_from_the_command_line(kind: Kind) {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (Office::new(kind, dir.path(), "a.sqlite"), Office::new(kind, dir.path(), "b.sqlite"));
    let json = dir.path().join("archive.json");
    a.cli().arg("demo").assert().success();
    b.cli().arg("init").assert().success();
    a.cli().args(["archive", "export", "--out"]).arg(&json).assert().success().stdout(contains("format maillage-archive version 1"));
    // The import backs the database up first.
    b.cli().args(["archive", "import", "--in"]).arg(&json).assert().success().stdout(contains("inchangée(s)"));
    assert_eq!(maillage_core::backup::list(&b.db).unwrap().len(), 1);
    let count = |o: &Office| -> i64 { o.conn().query_row("SELECT count(*) FROM attendance", [], |r| r.get(0)).unwrap() };
    assert_eq!(count(&a), count(&b));
    std::fs::write(&json, "pas du JSON").unwrap();
    b.cli().args(["archive", "import", "--in"]).arg(&json).assert().failure().stderr(contains("ligne 1, colonne"));
}

fn demo_db(kind: Kind, dir: &std::path::Path) -> Office {
    let o = Office::new(kind, dir, "bureau.sqlite");
    o.cli().arg("demo").assert().success();
    o
}

/// On an encrypted office, `--passphrase-file` opens the office and keys the copy; the merge
/// takes the copy's own with `--copy-passphrase-file`.
fn copy_and_merge_from_the_command_line(kind: Kind) {
    let dir = tempfile::tempdir().unwrap();
    let office = demo_db(kind, dir.path());
    let db = office.db.clone();
    let pass = office.passphrase_file.clone().unwrap_or_else(|| dir.path().join("phrase.txt"));
    if kind == Kind::Plain {
        std::fs::write(&pass, "une phrase de passe solide\n").unwrap();
    }
    let copy_phrase = std::fs::read_to_string(&pass).unwrap();
    let (meeting, person): (String, String) = office
        .conn()
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
    // Without a passphrase: a plain office has none for the copy, an encrypted one does not open.
    let refusal = if kind == Kind::Plain { "--passphrase-file" } else { "chiffré" };
    cli().arg("--db").arg(&db).args(["copy", "--meeting", &meeting, "--out"]).arg(&copy).assert().failure().stderr(contains(refusal));
    cli().arg("--db").arg(&db).arg("--passphrase-file").arg(&pass).args(["copy", "--meeting", &meeting, "--out"]).arg(&copy)
        .assert().success().stdout(contains("Copie chiffrée écrite"));
    // The copy is opened with the same passphrase by every command, and refused without it.
    cli().arg("--db").arg(&copy).arg("check").assert().failure().stderr(contains("chiffré"));
    cli().arg("--db").arg(&copy).arg("--passphrase-file").arg(&pass).arg("check").assert().success().stdout(contains("intègre"));
    {
        let laptop = maillage_core::Database::open_with(&copy, &maillage_core::db::OpenOptions::existing(Some(maillage_core::db::Passphrase::new(copy_phrase.clone())))).unwrap();
        maillage_core::queries::attendance::check_in(laptop.conn(), &meeting, None, &person).unwrap();
    }
    cli().arg("--db").arg(&db).env("MAILLAGE_PASSPHRASE_FILE", &pass).args(["merge", "--dry-run", "--in"]).arg(&copy)
        .assert().success().stdout(contains("Aperçu")).stdout(contains("Présences : 1 ajout(s)"));
    let present = |_: &std::path::Path| -> i64 {
        office.conn().query_row("SELECT count(*) FROM attendance WHERE meeting_id = ?1 AND person_id = ?2", [&meeting, &person], |r| r.get(0)).unwrap()
    };
    assert_eq!(present(&db), 0, "a dry run writes nothing");
    cli().arg("--db").arg(&db).env("MAILLAGE_PASSPHRASE_FILE", &pass).args(["merge", "--copy-passphrase-file"]).arg(&pass).arg("--in").arg(&copy)
        .assert().success().stdout(contains("fusionnée")).stdout(contains("Sauvegarde faite avant la fusion"));
    assert_eq!(present(&db), 1);
    assert_eq!(maillage_core::backup::list(&db).unwrap().len(), 1);
    cli().arg("--db").arg(&db).env("MAILLAGE_PASSPHRASE_FILE", &pass).args(["merge", "--in"]).arg(&copy)
        .assert().success().stdout(contains("rien à fusionner"));
    assert_eq!(present(&db), 1);
}

fn backups_and_restore_from_the_command_line(kind: Kind) {
    let dir = tempfile::tempdir().unwrap();
    let o = demo_db(kind, dir.path());
    let db = o.db.clone();
    o.cli().arg("backups").assert().success().stdout(contains("Aucune sauvegarde"));
    o.cli().arg("backup").assert().success().stdout(contains("Sauvegarde écrite"));
    let list = maillage_core::backup::list(&db).unwrap();
    assert_eq!(list.len(), 1);
    // A backup is keyed like its database, one self-contained file: nothing else is left beside it.
    let backup = std::path::Path::new(&list[0].path);
    assert_eq!(std::fs::read(backup).unwrap().starts_with(b"SQLite format 3"), kind == Kind::Plain);
    let mode: String = common::office::open(backup, kind).query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "delete");
    let beside: Vec<String> = std::fs::read_dir(maillage_core::backup::dir(&db)).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".verrou").collect();
    assert_eq!(beside, [list[0].file_name.clone()]);
    let name = || -> String { o.conn().query_row("SELECT value FROM setting WHERE key = 'agency_name'", [], |r| r.get(0)).unwrap() };
    let before = name();
    o.conn().execute_batch("UPDATE setting SET value = 'Nom changé par erreur' WHERE key = 'agency_name'; DELETE FROM attendance;").unwrap();
    assert_ne!(name(), before);
    o.cli().arg("backups").assert().success().stdout(contains("Manuelle"));
    o.cli().arg("restore").arg(&list[0].path).assert().success().stdout(contains("restaurée"));
    assert_eq!(name(), before);
    let marks: i64 = o.conn().query_row("SELECT count(*) FROM attendance", [], |r| r.get(0)).unwrap();
    assert!(marks > 800, "{marks}");
    // The state before the restore was kept too.
    assert_eq!(maillage_core::backup::list(&db).unwrap().len(), 2);
    o.cli().arg("check").assert().success();
}

fn files_are_never_damaged_by_mistake(kind: Kind) {
    let dir = tempfile::tempdir().unwrap();
    let o = demo_db(kind, dir.path());
    let db = o.db.clone();
    // An export never goes over the database, nor over a file without --force.
    let before = std::fs::read(&db).unwrap();
    let refused = o.cli().args(["bilan", "--year", "2025", "--out"]).arg(&db).assert().failure();
    if kind == Kind::Plain {
        refused.stderr(contains("base de données"));
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
    o.cli().arg("check").assert().success();
    let out = dir.path().join("bilan.xlsx");
    o.cli().args(["bilan", "--year", "2025", "--out"]).arg(&out).assert().success();
    o.cli().args(["bilan", "--year", "2025", "--out"]).arg(&out).assert().failure().stderr(contains("--force"));
    o.cli().args(["bilan", "--year", "2025", "--force", "--out"]).arg(&out).assert().success();
    let json = dir.path().join("a.json");
    o.cli().args(["archive", "export", "--out"]).arg(dir.path()).assert().failure().stderr(contains("est un dossier"));
    o.cli().args(["archive", "export", "--out"]).arg(&json).assert().success();
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
    Office { db: typo, ..o }.cli().args(["bilan", "--year", "2025"]).assert().failure().stderr(contains("introuvable"));
    assert!(!dir.path().join("nouveau-dossier").exists());

    // Usage errors in French.
    cli().args(["bilan", "--annee", "2025"]).assert().failure().code(2).stderr(contains("argument inconnu"));
}

fn a_database_held_by_another_program_waits_then_says_so_in_french(kind: Kind) {
    let dir = tempfile::tempdir().unwrap();
    let o = Office::new(kind, dir.path(), "occupee.sqlite");
    o.cli().arg("init").assert().success();
    // Another program (the app, say) holds the write lock for longer than the CLI waits (5 s).
    let holder = o.conn();
    holder.execute_batch("BEGIN IMMEDIATE; INSERT INTO setting (key, value, updated_at) VALUES ('agency_name', 'x', 'x');").unwrap();
    o.cli().arg("demo").assert().failure().stderr(contains("occupée"));
    holder.execute_batch("ROLLBACK").unwrap();
}

/// The RGPD commands: erase (refused while a seat is held, then with --terminer-roles), the
/// purge's list, a person's file, and the journal saying the command line did it.
fn rgpd_commands_and_the_journal_from_the_command_line(kind: Kind) {
    let dir = tempfile::tempdir().unwrap();
    let o = Office::new(kind, dir.path(), "rgpd.sqlite");
    let db = o.db.clone();
    o.cli().arg("demo").assert().success();
    let conn = o.conn();
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
    o.cli().args(["rgpd", "export", "--person", &id, "--out"]).arg(&out).assert().success().stdout(contains("écrites dans"));
    assert!(out.exists());
    o.cli().args(["rgpd", "erase", "--person", &id]).assert().failure().stderr(contains("Mettez fin à ces rôles"));
    o.cli().args(["rgpd", "erase", "--person", &id, "--terminer-roles"]).assert().success()
        .stdout(contains("1 personne(s) effacée(s)")).stdout(contains("rôle(s) dans des instances terminé(s)"));
    let bytes = std::fs::read(&db).unwrap();
    assert!(!bytes.windows(email.len()).any(|w| w == email.as_bytes()), "{email} is gone from the file");
    let left: i64 = o.conn().query_row("SELECT count(*) FROM person WHERE email = ?1", [&email], |r| r.get(0)).unwrap();
    assert_eq!(left, 0);
    o.cli().args(["journal", "--person", &id]).assert().success()
        .stdout(contains("Ligne de commande")).stdout(contains("Effacement RGPD"));
    o.cli().args(["rgpd", "purge", "--dry-run"]).assert().success().stdout(contains("durée de conservation"));
    o.cli().args(["journal", "--since", "2000-13-45"]).assert().failure().stderr(contains("« 2000-13-45 » du champ « Depuis » n'est pas valide"));
}

fn lists_in_and_out_from_the_command_line(kind: Kind) {
    let dir = tempfile::tempdir().unwrap();
    let o = Office::new(kind, dir.path(), "listes.sqlite");
    let csv = dir.path().join("structures.csv");
    // French Excel's CSV: Windows-1252, `;`, a title above the headers.
    std::fs::write(
        &csv,
        b"Partenaires 2025;;;\r\n\r\nRaison sociale;Sigle;CP;Ville;M\xe9l\r\nRestos du c\x9cur;RDC;19100;Brive;contact@restos.fr\r\nASSOCIATION RESTOS DU COEUR;;;Brive;\r\nCAF de la Corr\xe8ze;CAF;19000;Tulle;pas-un-mail\r\n",
    )
    .unwrap();
    o.cli().arg("init").assert().success();
    let count = |table: &str| -> i64 {
        o.conn().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    };
    // The preview writes nothing; a rejected row means exit code 3.
    o.cli().args(["import", "organisations"]).arg(&csv).arg("--dry-run").assert().code(3)
        .stdout(contains("en-têtes ligne 3"))
        .stdout(contains("Aperçu (rien n'a été écrit) : 3 ligne(s) lue(s), 1 à créer, 0 à mettre à jour, 1 ignorée(s), 1 rejetée(s)."))
        .stdout(contains("Doublon ligne 5 : « ASSOCIATION RESTOS DU COEUR » ressemble à « ligne 4 du fichier » (même nom) : ignorée."))
        .stdout(contains("Rejet — feuille « structures », ligne 6, colonne Mél : L'adresse e-mail « pas-un-mail » n'est pas valide"));
    assert_eq!(count("organisation"), 0);
    // --strict: nothing written either.
    o.cli().args(["import", "organisations"]).arg(&csv).arg("--strict").assert().code(3).stdout(contains("Import annulé"));
    assert_eq!(count("organisation"), 0);
    // A hand-written mapping leaves the e-mail column out: every row comes in, exit 0; the
    // report is also a workbook.
    let mapping = dir.path().join("associations.json");
    std::fs::write(&mapping, r#"{"header_line": 3, "columns": {"E": null}}"#).unwrap();
    let report = dir.path().join("compte-rendu.xlsx");
    o.cli().args(["import", "organisations"]).arg(&csv).arg("--mapping").arg(&mapping).arg("--report").arg(&report)
        .assert().success().stdout(contains("Import terminé : 3 ligne(s) lue(s), 2 créée(s), 0 mise(s) à jour, 1 ignorée(s), 0 rejetée(s)."));
    assert_eq!(count("organisation"), 2);
    assert!(report.exists());
    // A bad mapping says what is wrong, in French.
    std::fs::write(&mapping, r#"{"columns": {"Z": "email"}}"#).unwrap();
    o.cli().args(["import", "organisations"]).arg(&csv).arg("--mapping").arg(&mapping).assert().failure()
        .stderr(contains("La colonne « Z » n'existe pas dans la feuille"));
    std::fs::write(&mapping, r#"{"columns": {"E": "couleur"}}"#).unwrap();
    o.cli().args(["import", "organisations"]).arg(&csv).arg("--mapping").arg(&mapping).assert().failure()
        .stderr(contains("Champ « couleur » inconnu pour ce type de liste ; champs possibles : org_name,"));
    // A file that is not a spreadsheet.
    let junk = dir.path().join("photo.xlsx");
    std::fs::write(&junk, [0x89u8, b'P', b'N', b'G', 0, 0, 0, 0x0D, 0xFF, 0xD8]).unwrap();
    o.cli().args(["import", "people"]).arg(&junk).assert().failure()
        .stderr(contains("Le fichier « photo.xlsx » ne peut pas être importé : ce n'est pas un classeur"));

    // Out, then in again: nothing new.
    let out = dir.path().join("organismes.xlsx");
    o.cli().args(["export", "organisations", "--out"]).arg(&out).assert().success().stdout(contains("2 ligne(s)"));
    o.cli().args(["export", "organisations", "--out"]).arg(&out).assert().failure().stderr(contains("existe déjà").and(contains("--force")));
    o.cli().args(["import", "organisations"]).arg(&out).args(["--on-duplicate", "merge"]).assert().success()
        .stdout(contains("0 créée(s), 0 mise(s) à jour, 2 ignorée(s), 0 rejetée(s)"));
    o.cli().args(["export", "members", "--out"]).arg(dir.path().join("m.csv")).assert().failure().stderr(contains("--body"));
    o.cli().args(["export", "people", "--out"]).arg(dir.path().join("p.txt")).assert().failure().stderr(contains(".xlsx"));
    o.cli().args(["import", "members"]).arg(&out).assert().failure().stderr(contains("Choisissez l'instance"));
}

fn a_meetings_drafts_from_the_command_line(kind: Kind) {
    let dir = tempfile::tempdir().unwrap();
    let o = Office::new(kind, dir.path(), "m.sqlite");
    o.cli().arg("demo").assert().success();
    let conn = o.conn();
    // The meeting with the most people to write to, counted by the core's own reading.
    let meetings: Vec<String> = conn.prepare("SELECT id FROM meeting WHERE deleted_at IS NULL").unwrap()
        .query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    let reachable = |m: &str| maillage_core::queries::invitations::of_meeting(&conn, m).unwrap()
        .iter().filter(|i| i.email.is_some() && !i.contact_withdrawn).count() as i64;
    let (meeting, invited) = meetings.iter().map(|m| (m.clone(), reachable(m))).max_by_key(|(_, n)| *n).unwrap();
    assert!(invited > 3);
    let out = dir.path().join("courriels");
    o.cli().args(["mailing", "--meeting", &meeting, "--out"]).arg(&out).assert().failure()
        .stderr(contains("n'existe pas : choisissez un dossier existant"));
    std::fs::create_dir(&out).unwrap();
    o.cli().args(["mailing", "--meeting", &meeting, "--out"]).arg(&out).assert().success()
        .stdout(contains(format!("{invited} destinataire(s) ; fichiers écrits :"))).stdout(contains(".eml")).stdout(contains(".ics"));
    // In a folder of their own, new each time: a second run replaces nothing.
    let folders: Vec<std::path::PathBuf> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(folders.len(), 1, "{folders:?}");
    let first: Vec<(String, Vec<u8>)> = std::fs::read_dir(&folders[0]).unwrap().map(|e| e.unwrap().path()).map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap())).collect();
    let names: Vec<String> = first.iter().map(|(n, _)| n.clone()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    o.cli().args(["mailing", "--meeting", &meeting, "--out"]).arg(&out).assert().success();
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 2, "a second folder");
    for (name, bytes) in &first {
        assert_eq!(&std::fs::read(folders[0].join(name)).unwrap(), bytes, "{name} unchanged");
    }
    assert!(names.iter().any(|n| n.ends_with(".eml")) && names.iter().any(|n| n.ends_with(".ics")) && names.iter().any(|n| n.ends_with("_adresses.txt")));
    // One draft per person on request; the log records both.
    let each = dir.path().join("un-par-personne");
    std::fs::create_dir(&each).unwrap();
    o.cli().args(["mailing", "--individuels", "--meeting", &meeting, "--out"]).arg(&each).assert().success();
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
    let db = demo_db(Kind::Plain, dir.path()).db;
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
    let rounds = common::probe_rounds(1);
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
    for round in 0..common::probe_rounds(2) {
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
    let rounds = common::probe_rounds(4);
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
