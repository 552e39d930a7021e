//! `maillage-cli`: the core without a desktop, for scripts, tests and administrators.
//! Messages are French, like the app's.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use maillage_core::error::cli;
use maillage_core::queries::settings;
use maillage_core::{bilan, db, demo, Database, Result};

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
        Command::Init => cli::ready(&shown.to_string(), database.schema_version()?),
        Command::Check => {
            let r = database.check()?;
            if !r.integrity_ok || r.foreign_key_violations > 0 {
                return Err(maillage_core::Error::invalid("db", cli::damaged(&shown.to_string(), &r.integrity_messages.join(" ; "), r.foreign_key_violations)));
            }
            cli::sound(&shown.to_string(), r.schema_version)
        }
        Command::Demo => {
            let s = demo::generate(database.conn(), &shown.to_string())?;
            cli::demo(&shown.to_string(), &s)
        }
        Command::Bilan { year, du, au, out, avec_noms } => {
            let period = match (du, au) {
                (Some(from), Some(to)) => bilan::range(&from, &to)?,
                _ => bilan::year(year.unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now()))),
            };
            let conn = database.conn();
            let out = out.unwrap_or_else(|| PathBuf::from(maillage_core::figures::period::file_name(&settings::get(conn).unwrap_or_default(), &period)));
            let b = bilan::export(conn, period, avec_noms, &out)?;
            let held = b.key_figures.iter().find(|k| k.code == "meetings_held").and_then(|k| k.current).unwrap_or(0.0);
            cli::bilan(&b.period.label, &out.display().to_string(), held, b.bodies.len(), b.organisations.len(), avec_noms)
        }
        Command::Archive(ArchiveCommand::Export { out }) => {
            let a = maillage_core::archive::export_to(database.conn(), &out)?;
            let rows: usize = a.tables.values().map(Vec::len).sum();
            cli::archive_written(&out.display().to_string(), rows, a.tables.len(), &a.format, a.version)
        }
        Command::Archive(ArchiveCommand::Import { input }) => {
            let a = maillage_core::archive::read(&input)?;
            let report = maillage_core::archive::import(database.conn(), &a)?;
            let (added, updated, same) = report.values().fold((0, 0, 0), |(a, u, s), (x, y, z)| (a + x, u + y, s + z));
            cli::archive_merged(&input.display().to_string(), &shown.to_string(), added, updated, same)
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
            eprintln!("{}", cli::error(&e));
            ExitCode::FAILURE
        }
    }
}
