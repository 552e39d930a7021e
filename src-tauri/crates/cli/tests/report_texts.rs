//! `maillage-cli rapport texte|textes`: the secretariat's texts of the activity report set, shown,
//! replaced and erased from the command line (the product owner's acceptance tests set them this
//! way), on a plain and on an encrypted database.

use crate::on_both;

use crate::common::office::{Kind, Office};
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

on_both!(report_texts_from_the_command_line);

fn report_texts_from_the_command_line(kind: Kind) {
    let dir = tempfile::tempdir().unwrap();
    let o = Office::new(kind, dir.path(), "bureau.sqlite");
    o.cli().arg("init").assert().success();

    o.cli().args(["rapport", "textes", "--year", "2025"]).assert().success()
        .stdout(contains("Textes du rapport d'activité — 2025"))
        .stdout(contains("== Introduction ==\n(aucun texte)"))
        .stdout(contains("== Faits marquants ==\n(aucun texte)"))
        .stdout(contains("== Perspectives ==\n(aucun texte)"));

    o.cli().args(["rapport", "texte", "--year", "2025", "--section", "faits-marquants", "--texte", "L'ouverture du point d'accès aux droits."])
        .assert().success().stdout(contains("Texte « Faits marquants » du rapport 2025 enregistré (40 caractère(s))."));
    // From a UTF-8 file (its byte-order mark dropped), lines kept.
    let file = dir.path().join("intro été.txt");
    std::fs::write(&file, "\u{feff}Une année de rencontres.\nDeux communes de plus.\n").unwrap();
    o.cli().args(["rapport", "texte", "--year", "2025", "--section", "introduction", "--file"]).arg(&file).assert().success()
        .stdout(contains("« Introduction »"));
    o.cli().args(["rapport", "texte", "--year", "2025", "--section", "perspectives", "--texte", "Un groupe de veille."]).assert().success();
    o.cli().args(["rapport", "textes", "--year", "2025"]).assert().success()
        .stdout(contains("== Introduction ==\nUne année de rencontres.\nDeux communes de plus.\n\n== Faits marquants ==\nL'ouverture du point d'accès aux droits."))
        .stdout(contains("== Perspectives ==\nUn groupe de veille."));

    // Replace, erase.
    o.cli().args(["rapport", "texte", "--year", "2025", "--section", "perspectives", "--texte", "Deux groupes de veille."]).assert().success();
    o.cli().args(["rapport", "texte", "--year", "2025", "--section", "faits-marquants", "--effacer"]).assert().success()
        .stdout(contains("Texte « Faits marquants » du rapport 2025 effacé."));
    o.cli().args(["rapport", "textes", "--year", "2025"]).assert().success()
        .stdout(contains("== Faits marquants ==\n(aucun texte)"))
        .stdout(contains("Deux groupes de veille.").and(contains("Un groupe de veille.").not()));
    let conn = o.conn();
    let live: i64 = conn.query_row("SELECT count(*) FROM report_text WHERE deleted_at IS NULL", [], |r| r.get(0)).unwrap();
    assert_eq!(live, 2);
    let origin: String = conn.query_row("SELECT origin FROM journal WHERE table_name = 'report_text' LIMIT 1", [], |r| r.get(0)).unwrap();
    assert_eq!(origin, "ligne_de_commande");

    // A period of two dates has its own texts; a whole year given by dates is that year.
    o.cli().args(["rapport", "texte", "--du", "2025-01-01", "--au", "2025-06-30", "--section", "introduction", "--texte", "Premier semestre."]).assert().success()
        .stdout(contains("du 01/01/2025 au 30/06/2025"));
    o.cli().args(["rapport", "textes", "--du", "2025-01-01", "--au", "2025-06-30"]).assert().success().stdout(contains("Premier semestre."));
    o.cli().args(["rapport", "textes", "--du", "2025-01-01", "--au", "2025-12-31"]).assert().success()
        .stdout(contains("Une année de rencontres.").and(contains("Premier semestre.").not()));

    // Refused, in French: no text given, two given, an unknown section, too long, not UTF-8, a bad date.
    o.cli().args(["rapport", "texte", "--year", "2025", "--section", "introduction"]).assert().failure();
    o.cli().args(["rapport", "texte", "--year", "2025", "--section", "introduction", "--texte", "a", "--effacer"]).assert().failure();
    o.cli().args(["rapport", "texte", "--year", "2025", "--section", "conclusion", "--texte", "a"]).assert().failure()
        .stderr(contains("valeur « conclusion » refusée pour --section"));
    let long = dir.path().join("long.txt");
    std::fs::write(&long, "a".repeat(20_001)).unwrap();
    o.cli().args(["rapport", "texte", "--year", "2025", "--section", "introduction", "--file"]).arg(&long).assert().failure()
        .stderr(contains("Le champ « Introduction » est trop long (20001 caractères) : 20000 au maximum."));
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"ann\xe9e").unwrap();
    o.cli().args(["rapport", "texte", "--year", "2025", "--section", "introduction", "--file"]).arg(&latin1).assert().failure()
        .stderr(contains("n'est pas un texte en UTF-8"));
    o.cli().args(["rapport", "texte", "--du", "2025-13-01", "--au", "2025-12-31", "--section", "introduction", "--texte", "a"]).assert().failure()
        .stderr(contains("n'est pas valide"));
    o.cli().args(["rapport", "textes", "--year", "2025"]).assert().success().stdout(contains("Une année de rencontres."));
}
