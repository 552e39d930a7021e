//! `maillage-cli`: the core without a desktop, for scripts, tests and administrators.
//! Messages are French, like the app's.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
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
