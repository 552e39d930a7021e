//! `maillage-cli`: the core without a desktop, for scripts, tests and administrators.
//! Messages are French, like the app's.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use maillage_core::queries::{bilan, settings};
use maillage_core::{db, demo, Database, Result};

#[derive(Parser)]
#[command(name = "maillage-cli", version, about = "Maillage en ligne de commande : base de données, démonstration, contrôles.")]
struct Cli {
    /// Fichier de la base de données (sinon $MAILLAGE_DB, sinon le dossier de données de l'application).
    #[arg(long, global = true, value_name = "FICHIER")]
    db: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Crée la base (ou met son schéma à jour) et affiche son emplacement.
    Init,
    /// Vérifie l'intégrité de la base et affiche sa version de schéma.
    Check,
    /// Remplit une base vide avec un réseau de démonstration fictif.
    Demo,
    /// Écrit le bilan d'une année (ou d'une période) dans un classeur Excel.
    Bilan {
        /// Année civile du bilan (par défaut : l'année en cours).
        #[arg(long, value_name = "AAAA", conflicts_with_all = ["du", "au"])]
        year: Option<i32>,
        /// Début d'une période quelconque (avec --au).
        #[arg(long, value_name = "AAAA-MM-JJ", requires = "au")]
        du: Option<String>,
        /// Fin de la période (avec --du).
        #[arg(long, value_name = "AAAA-MM-JJ", requires = "du")]
        au: Option<String>,
        /// Fichier à écrire (par défaut : Bilan_<structure>_<année>.xlsx dans le dossier courant).
        #[arg(long, value_name = "FICHIER")]
        out: Option<PathBuf>,
        /// Ajoute la liste nominative des présents (données personnelles : à manier avec précaution).
        #[arg(long)]
        avec_noms: bool,
    },
    /// Archive complète de la base en JSON (portabilité, changement de poste), ou fusion d'une archive.
    #[command(subcommand)]
    Archive(ArchiveCommand),
}

#[derive(Subcommand)]
enum ArchiveCommand {
    /// Écrit toute la base (y compris l'historique et les suppressions) dans un fichier JSON.
    Export {
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
    },
    /// Fusionne une archive dans la base : ajoute ce qui manque, garde la modification la plus récente.
    Import {
        #[arg(long = "in", value_name = "FICHIER")]
        input: PathBuf,
    },
}

fn run(cli: Cli) -> Result<String> {
    let path = db::resolve_db_path(cli.db);
    let database = Database::open(&path)?;
    let shown = path.display();
    Ok(match cli.command {
        Command::Init => format!(
            "Base prête : {shown} (schéma version {}).",
            database.schema_version()?
        ),
        Command::Check => {
            let r = database.check()?;
            if !r.integrity_ok || r.foreign_key_violations > 0 {
                return Err(maillage_core::Error::invalid(
                    "db",
                    format!(
                        "La base {shown} est endommagée : {} ; {} référence(s) cassée(s). Restaurez une sauvegarde.",
                        r.integrity_messages.join(" ; "),
                        r.foreign_key_violations
                    ),
                ));
            }
            format!("Base {shown} : intègre, schéma version {}.", r.schema_version)
        }
        Command::Demo => {
            let s = demo::generate(database.conn(), &shown.to_string())?;
            format!(
                "Démonstration installée dans {shown} : {} organismes, {} personnes, {} postes, {} étapes d'adhésion, {} signatures, {} instances, {} réunions, {} invitations, {} présences ou excuses.",
                s.organisations, s.people, s.affiliations, s.membership_events, s.signatures, s.bodies, s.meetings, s.invitations, s.attendance
            )
        }
        Command::Bilan { year, du, au, out, avec_noms } => {
            let period = match (du, au) {
                (Some(from), Some(to)) => bilan::range(&from, &to)?,
                _ => bilan::year(year.unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now()))),
            };
            let conn = database.conn();
            let out = out.unwrap_or_else(|| PathBuf::from(maillage_core::export::bilan_xlsx::file_name(&settings::get(conn).unwrap_or_default(), &period)));
            let b = bilan::export(conn, period, avec_noms, &out)?;
            let held = b.key_figures.iter().find(|k| k.code == "meetings_held").and_then(|k| k.current).unwrap_or(0.0);
            format!(
                "Bilan {} écrit dans {} : {} réunions tenues, {} instances, {} organismes{}.",
                b.period.label,
                out.display(),
                held,
                b.bodies.len(),
                b.organisations.len(),
                if avec_noms { " — ATTENTION : le classeur contient des noms" } else { "" }
            )
        }
        Command::Archive(ArchiveCommand::Export { out }) => {
            let a = maillage_core::archive::export_to(database.conn(), &out)?;
            let rows: usize = a.tables.values().map(Vec::len).sum();
            format!("Archive écrite dans {} : {rows} lignes, {} tables (format {} version {}).", out.display(), a.tables.len(), a.format, a.version)
        }
        Command::Archive(ArchiveCommand::Import { input }) => {
            let a = maillage_core::archive::read(&input)?;
            let report = maillage_core::archive::import(database.conn(), &a)?;
            let (added, updated, same) = report.values().fold((0, 0, 0), |(a, u, s), (x, y, z)| (a + x, u + y, s + z));
            format!("Archive {} fusionnée dans {shown} : {added} ligne(s) ajoutée(s), {updated} mise(s) à jour, {same} inchangée(s).", input.display())
        }
    })
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("Erreur : {e}");
            ExitCode::FAILURE
        }
    }
}
