//! `maillage-cli`: the core without a desktop, for scripts, tests and administrators.
//! Messages are French, like the app's.

use maillage_cli::words;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use maillage_core::backup::Reason;
use maillage_core::db::{OpenOptions, Passphrase};
use maillage_core::privacy::{self, OpenRoles};
use maillage_core::queries::journal::JournalFilter;
use maillage_core::queries::{report_texts, settings};
use maillage_core::sync::merge::{MergeChoices, Side};
use maillage_core::export::lists;
use maillage_core::labels;
use maillage_core::model::{ReportSection, DuplicateChoice, ImportKind, ImportRequest, ListRequest, MailingAudience, MailingPurpose, MailingRequest, CalendarMethod};
use maillage_core::files::OutputKind;
use maillage_core::{bilan, db, demo, files, import, report, session, sync, Error, Result};

#[derive(Parser)]
#[command(name = "maillage-cli", version, about = "Maillage en ligne de commande : base de données, démonstration, contrôles.",
          disable_help_flag = true, disable_version_flag = true, disable_help_subcommand = true)]
struct Cli {
    /// Fichier de la base de données (sinon $MAILLAGE_DB, sinon le dossier de données de l'application).
    #[arg(long, global = true, value_name = "FICHIER")]
    db: Option<PathBuf>,

    /// Fichier contenant la phrase de passe d'un fichier chiffré (base, copie pour une réunion).
    #[arg(long, global = true, value_name = "FICHIER", env = "MAILLAGE_PASSPHRASE_FILE")]
    passphrase_file: Option<PathBuf>,

    /// Affiche cette aide.
    #[arg(short = 'h', long, action = ArgAction::Help, global = true)]
    help: Option<bool>,

    /// Affiche la version.
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Prefer {
    /// garder la valeur du bureau
    #[value(name = "office")]
    Office,
    /// garder la valeur de la copie
    #[value(name = "copy")]
    Copy,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListKind {
    /// organismes
    Organisations,
    /// personnes et leurs postes
    People,
    /// membres d'une instance (--body)
    Members,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportList {
    /// organismes
    Organisations,
    /// personnes
    People,
    /// membres d'une instance (--body)
    Members,
    /// invitations et présences d'une réunion (--meeting)
    Invitations,
}

#[derive(Clone, Copy, ValueEnum)]
enum Purpose {
    /// l'invitation
    Invitation,
    /// une relance
    Relance,
    /// le compte rendu
    CompteRendu,
    /// des remerciements
    Remerciement,
    /// l'annulation
    Annulation,
}

#[derive(Clone, Copy, ValueEnum)]
enum Audience {
    /// toutes les personnes invitées
    Tous,
    /// celles qui n'ont pas répondu
    SansReponse,
    /// les présents et les excusés
    PresentsExcuses,
    /// les présents
    Presents,
}

#[derive(Clone, Copy, ValueEnum)]
enum OnDuplicate {
    /// ignorer la ligne
    Skip,
    /// fusionner avec la fiche existante
    Merge,
    /// créer quand même
    Create,
}

#[derive(Subcommand)]
enum Command {
    /// Crée la base (ou met son schéma à jour) et affiche son emplacement.
    Init,
    /// Vérifie l'intégrité de la base et affiche sa version de schéma.
    Check,
    /// Remplit une base vide avec un réseau de démonstration fictif.
    Demo,
    /// Écrit le bilan d'une année (ou d'une période) : un classeur Excel (.xlsx), ou le rapport
    /// d'activité en PDF (.pdf), ODT (.odt) ou DOCX (.docx), selon l'extension de --out.
    Bilan {
        #[command(flatten)]
        period: PeriodArgs,
        /// Fichier à écrire, .xlsx, .pdf, .odt ou .docx (par défaut : Bilan_<structure>_<année>.xlsx
        /// dans le dossier courant).
        #[arg(long, value_name = "FICHIER")]
        out: Option<PathBuf>,
        /// Ajoute la liste nominative des présents (données personnelles : à manier avec précaution).
        #[arg(long)]
        avec_noms: bool,
        /// Remplace le fichier s'il existe déjà.
        #[arg(long)]
        force: bool,
    },
    /// Prépare une copie chiffrée pour une réunion (ordinateur portable), avec la phrase de passe de --passphrase-file.
    Copy {
        /// Réunion(s) à emporter (identifiants).
        #[arg(long = "meeting", value_name = "ID", required = true, num_args = 1..)]
        meetings: Vec<String>,
        /// Fichier de la copie à écrire (par exemple Maillage-copie-2026-12-03.maillage).
        #[arg(long, value_name = "COPIE")]
        out: PathBuf,
        /// Remplace le fichier s'il existe déjà.
        #[arg(long)]
        force: bool,
    },
    /// Fusionne une copie revenue de réunion dans la base (aperçu avec --dry-run).
    Merge {
        /// La copie à fusionner.
        #[arg(long = "in", value_name = "COPIE")]
        input: PathBuf,
        /// Affiche l'aperçu (ajouts, modifications, suppressions, conflits, doublons probables) sans rien écrire.
        #[arg(long)]
        dry_run: bool,
        /// Tranche tous les conflits : garder la valeur du bureau (office) ou de la copie (copy).
        #[arg(long, value_enum, value_name = "office|copy")]
        prefer: Option<Prefer>,
        /// Fusionne aussi les doublons probables repérés par le nom et l'organisme (ceux de même courriel le sont toujours).
        #[arg(long)]
        fusionner_doublons: bool,
        /// Fichier de la phrase de passe de la copie, si elle diffère de --passphrase-file.
        #[arg(long, value_name = "FICHIER")]
        copy_passphrase_file: Option<PathBuf>,
    },
    /// Sauvegarde la base maintenant.
    Backup,
    /// Liste les sauvegardes de la base, de la plus récente à la plus ancienne.
    Backups,
    /// Restaure une sauvegarde (l'état actuel est sauvegardé d'abord).
    Restore {
        /// Le fichier de sauvegarde à restaurer (voir « backups »).
        #[arg(value_name = "SAUVEGARDE")]
        backup: PathBuf,
    },
    /// Données personnelles (RGPD) : effacement, purge annuelle, export des données d'une personne.
    #[command(subcommand)]
    Rgpd(RgpdCommand),
    /// Affiche le journal des modifications (qui, quand, depuis où, quoi), du plus récent au plus ancien.
    Journal {
        /// Depuis ce jour (inclus).
        #[arg(long, value_name = "AAAA-MM-JJ")]
        since: Option<String>,
        /// Jusqu'à ce jour (inclus).
        #[arg(long, value_name = "AAAA-MM-JJ")]
        until: Option<String>,
        /// Les lignes d'une fiche (organisme, réunion…).
        #[arg(long, value_name = "ID")]
        record: Option<String>,
        /// Les lignes concernant une personne.
        #[arg(long, value_name = "ID")]
        person: Option<String>,
        /// Les lignes d'un utilisateur du système.
        #[arg(long, value_name = "UTILISATEUR")]
        user: Option<String>,
    },
    /// Importe une liste depuis un classeur (xlsx, xls, ods) ou un fichier CSV : organismes, personnes et leurs postes, membres d'une instance.
    Import {
        /// Ce que contient le fichier.
        #[arg(value_enum, value_name = "organisations|people|members")]
        kind: ListKind,
        /// Le fichier à importer.
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
        /// Associations colonnes → champs (JSON, voir docs/import.md), qui complètent celles devinées des en-têtes.
        #[arg(long, value_name = "FICHIER")]
        mapping: Option<PathBuf>,
        /// La feuille à lire (par défaut : la première qui contient quelque chose).
        #[arg(long, value_name = "FEUILLE")]
        sheet: Option<String>,
        /// L'instance dont les membres sont importés (avec members).
        #[arg(long, value_name = "ID")]
        body: Option<String>,
        /// Affiche ce que l'import ferait, sans rien écrire.
        #[arg(long)]
        dry_run: bool,
        /// Que faire d'une ligne qui ressemble à une fiche existante : l'ignorer (par défaut), la fusionner, créer quand même.
        #[arg(long, value_enum, value_name = "skip|merge|create", default_value = "skip")]
        on_duplicate: OnDuplicate,
        /// N'écrit rien si une ligne est rejetée.
        #[arg(long)]
        strict: bool,
        /// Écrit aussi le compte rendu dans un classeur (lignes rejetées, doublons).
        #[arg(long, value_name = "FICHIER.xlsx")]
        report: Option<PathBuf>,
        /// Remplace le fichier s'il existe déjà.
        #[arg(long)]
        force: bool,
    },
    /// Exporte une liste vers un classeur (.xlsx) ou un fichier CSV (.csv), avec les en-têtes que l'import reconnaît.
    Export {
        #[arg(value_enum, value_name = "organisations|people|members|invitations")]
        list: ExportList,
        /// Fichier à écrire : .xlsx ou .csv.
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
        /// L'instance (avec members).
        #[arg(long, value_name = "ID")]
        body: Option<String>,
        /// La réunion (avec invitations).
        #[arg(long, value_name = "ID")]
        meeting: Option<String>,
        /// Remplace le fichier s'il existe déjà.
        #[arg(long)]
        force: bool,
    },
    /// Écrit les brouillons de courriel d'une réunion (.eml à ouvrir dans la messagerie, invitation .ics, adresses) dans un dossier.
    Mailing {
        /// La réunion.
        #[arg(long, value_name = "ID")]
        meeting: String,
        /// Le courriel : invitation (par défaut), relance, compte-rendu, remerciement ou annulation.
        #[arg(long, value_enum, value_name = "OBJET", default_value = "invitation")]
        purpose: Purpose,
        /// Les destinataires (par défaut, ceux de l'objet : relance → sans réponse, compte rendu → présents et excusés, remerciement → présents, sinon tous).
        #[arg(long, value_enum, value_name = "QUI")]
        audience: Option<Audience>,
        /// Le fichier agenda est une demande de réunion (accepter / refuser), avec --individuels.
        #[arg(long)]
        demande: bool,
        /// Un brouillon par destinataire (par défaut : un seul, adresses en copie cachée).
        #[arg(long)]
        individuels: bool,
        /// Le dossier (existant) où créer le dossier de ce courriel : un nouveau à chaque fois, rien n'est remplacé.
        #[arg(long, value_name = "DOSSIER")]
        out: PathBuf,
    },
    /// Archive complète de la base en JSON (portabilité, changement de poste), ou fusion d'une archive.
    #[command(subcommand)]
    Archive(ArchiveCommand),
    /// Rapport d'activité : les textes du secrétariat (introduction, faits marquants, perspectives) d'une période.
    #[command(subcommand)]
    Rapport(RapportCommand),
}

#[derive(Subcommand)]
enum RgpdCommand {
    /// Efface les données personnelles de personnes (les chiffres de toutes les périodes restent identiques).
    Erase {
        #[arg(long = "person", value_name = "ID", required = true, num_args = 1..)]
        persons: Vec<String>,
        /// Termine aujourd'hui les rôles encore tenus dans des instances (sinon l'effacement est refusé).
        #[arg(long)]
        terminer_roles: bool,
    },
    /// Purge annuelle : efface les personnes dont la durée de conservation est dépassée (liste avec --dry-run).
    Purge {
        #[arg(long)]
        dry_run: bool,
    },
    /// Conserve une personne au-delà de sa durée de conservation, avec un motif.
    Keep {
        #[arg(long, value_name = "ID")]
        person: String,
        #[arg(long, value_name = "MOTIF")]
        reason: String,
    },
    /// Écrit tout ce que la base contient sur une personne dans un classeur Excel (droit d'accès).
    Export {
        #[arg(long, value_name = "ID")]
        person: String,
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
        /// Remplace le fichier s'il existe déjà.
        #[arg(long)]
        force: bool,
    },
}

/// A section of the activity report, as typed on the command line.
#[derive(Clone, Copy, ValueEnum)]
enum Section {
    /// introduction libre
    Introduction,
    /// faits marquants de la période
    #[value(name = "faits-marquants")]
    FaitsMarquants,
    /// perspectives
    Perspectives,
}

impl From<Section> for ReportSection {
    fn from(s: Section) -> Self {
        match s {
            Section::Introduction => ReportSection::Introduction,
            Section::FaitsMarquants => ReportSection::FaitsMarquants,
            Section::Perspectives => ReportSection::Perspectives,
        }
    }
}

/// The period of a bilan or of a report's texts: a year, or two dates.
#[derive(clap::Args)]
struct PeriodArgs {
    /// Année civile (par défaut : l'année en cours).
    #[arg(long, value_name = "AAAA", conflicts_with_all = ["du", "au"])]
    year: Option<i32>,
    /// Début d'une période quelconque (avec --au).
    #[arg(long, value_name = "AAAA-MM-JJ", requires = "au")]
    du: Option<String>,
    /// Fin de la période (avec --du).
    #[arg(long, value_name = "AAAA-MM-JJ", requires = "du")]
    au: Option<String>,
}

impl PeriodArgs {
    fn period(&self) -> Result<maillage_core::model::Period> {
        match (&self.du, &self.au) {
            (Some(from), Some(to)) => bilan::range(from, to),
            _ => Ok(bilan::year(self.year.unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now())))),
        }
    }
}

#[derive(Subcommand)]
enum RapportCommand {
    /// Écrit, remplace ou efface le texte d'une partie du rapport pour une période.
    #[command(group = clap::ArgGroup::new("contenu").required(true).multiple(false))]
    Texte {
        #[command(flatten)]
        period: PeriodArgs,
        /// La partie du rapport.
        #[arg(long, value_enum)]
        section: Section,
        /// Fichier texte (UTF-8) contenant le texte.
        #[arg(long, value_name = "FICHIER", group = "contenu")]
        file: Option<PathBuf>,
        /// Le texte lui-même.
        #[arg(long, value_name = "TEXTE", group = "contenu")]
        texte: Option<String>,
        /// Efface le texte de cette partie.
        #[arg(long, group = "contenu")]
        effacer: bool,
    },
    /// Affiche les textes du rapport d'une période.
    Textes {
        #[command(flatten)]
        period: PeriodArgs,
    },
}

#[derive(Subcommand)]
enum ArchiveCommand {
    /// Écrit toute la base (y compris l'historique et les suppressions) dans un fichier JSON.
    Export {
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
        /// Remplace le fichier s'il existe déjà.
        #[arg(long)]
        force: bool,
    },
    /// Fusionne une archive dans la base : ajoute ce qui manque, garde la modification la plus récente.
    Import {
        #[arg(long = "in", value_name = "FICHIER")]
        input: PathBuf,
    },
}

/// Whether `command` writes the database or beside it (a backup): refused on a read-only medium.
fn writes(command: &Command) -> bool {
    match command {
        Command::Check | Command::Bilan { .. } | Command::Backups | Command::Journal { .. } | Command::Export { .. } | Command::Copy { .. } => false,
        Command::Archive(ArchiveCommand::Export { .. }) | Command::Rgpd(RgpdCommand::Export { .. } | RgpdCommand::Purge { dry_run: true }) => false,
        // Their previews work in a transaction that is rolled back: a write all the same.
        Command::Merge { .. } | Command::Import { .. } => true,
        Command::Init | Command::Demo | Command::Backup | Command::Restore { .. } | Command::Mailing { .. } | Command::Archive(ArchiveCommand::Import { .. }) => true,
        Command::Rgpd(RgpdCommand::Erase { .. } | RgpdCommand::Keep { .. } | RgpdCommand::Purge { dry_run: false }) => true,
        Command::Rapport(RapportCommand::Textes { .. }) => false,
        Command::Rapport(RapportCommand::Texte { .. }) => true,
    }
}

/// What a command printed, and the exit code (3: an import rejected rows).
fn run(cli: Cli) -> Result<(String, u8)> {
    let path = db::resolve_db_path(cli.db);
    let passphrase = cli.passphrase_file.as_deref().map(Passphrase::from_file).transpose()?;
    // Only `init` and `demo` make a new database: elsewhere a typo in a path is an error.
    let create = matches!(cli.command, Command::Init | Command::Demo);
    let options = session::Options {
        open: OpenOptions { create, passphrase: passphrase.clone() },
        origin: Some(maillage_core::model::JournalOrigin::LigneDeCommande),
        // A database on a read-only medium is read (check, bilan, exports), never written.
        writes: writes(&cli.command),
        warn: Some(|w| eprintln!("{}", words::storage_warning(w))),
        // Nothing gives figures, a list or a file, and nothing writes, from a damaged database:
        // the gate first (a full check only when the file changed outside Maillage since the
        // last one). `check` makes the full check itself and says what it found; `backups` and
        // `restore` are how a damaged database is cured.
        verify: !matches!(cli.command, Command::Check | Command::Backups | Command::Restore { .. }),
        daily: false,
    };
    let mut database = session::open(&path, &options)?;
    let shown = path.display().to_string();
    let mut code = 0;
    let message = match cli.command {
        Command::Init => words::ready(&shown, database.schema_version()?),
        Command::Check => {
            let r = database.check()?;
            if !r.integrity_ok || r.foreign_key_violations > 0 {
                return Err(Error::invalid("db", words::damaged(&shown, &r.integrity_messages.join(" ; "), r.foreign_key_violations)));
            }
            words::sound(&shown, r.schema_version)
        }
        Command::Demo => {
            let s = demo::generate(database.conn(), &shown)?;
            words::demo(&shown, &s)
        }
        Command::Bilan { period, out, avec_noms, force } => {
            let period = period.period()?;
            let conn = database.conn();
            let out = out.unwrap_or_else(|| PathBuf::from(maillage_core::figures::period::file_name(&settings::get(conn).unwrap_or_default(), &period)));
            let ext = out.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
            if ext == "xlsx" {
                files::check_output(&out, OutputKind::Workbook, force)?;
                let b = bilan::export(conn, period, avec_noms, &out)?;
                let held = b.key_figures.iter().find(|k| k.code == "meetings_held").and_then(|k| k.current).unwrap_or(0.0);
                words::bilan(&b.period.label, &out.display().to_string(), held, b.bodies.len(), b.organisations.len(), avec_noms)
            } else {
                // The report: its format told by the extension; anything else is refused (a
                // workbook named .pdf would open nowhere).
                let Some(format) = report::Format::from_extension(&ext) else {
                    // What the file is comes first: a database or a copy named anything is
                    // refused as such (the workbook's kind check, nothing replaced).
                    files::check_output(&out, OutputKind::Workbook, true)?;
                    return Err(Error::invalid("out", words::bilan_unknown_extension(&out.display().to_string())));
                };
                if avec_noms {
                    return Err(Error::invalid("avec_noms", words::report_without_names()));
                }
                files::check_output(&out, report::output_kind(format), force)?;
                let b = report::export(conn, period, format, &out)?;
                words::report_written(&b.period.label, &out.display().to_string())
            }
        }
        Command::Rapport(RapportCommand::Texte { period, section, file, texte, effacer }) => {
            let p = period.period()?;
            let section = ReportSection::from(section);
            let text = match (file, texte) {
                (Some(f), _) => Some(read_text(&f)?),
                (None, Some(t)) => Some(t),
                // clap's group demands one of --file, --texte, --effacer.
                (None, None) => {
                    debug_assert!(effacer);
                    None
                }
            };
            let texts = report_texts::set(database.conn(), &p.from, &p.to, section, text)?;
            match texts.get(section) {
                Some(t) => words::report_text_saved(labels::report_section(section), &p.label, t.chars().count()),
                None => words::report_text_erased(labels::report_section(section), &p.label),
            }
        }
        Command::Rapport(RapportCommand::Textes { period }) => {
            let p = period.period()?;
            let texts = report_texts::report_texts(database.conn(), &p)?;
            let sections: Vec<(&str, Option<&str>)> = ReportSection::ALL.iter().map(|s| (labels::report_section(*s), texts.get(*s))).collect();
            words::report_texts(&p.label, &sections)
        }
        Command::Copy { meetings, out, force } => {
            let pass = passphrase.ok_or_else(|| Error::invalid("passphrase", words::copy_needs_passphrase()))?;
            let s = sync::copy::make(&database, &meetings, &out, &pass, force)?;
            words::copy_written(&s)
        }
        Command::Merge { input, dry_run, prefer, fusionner_doublons, copy_passphrase_file } => {
            let pass = match copy_passphrase_file {
                Some(f) => Passphrase::from_file(&f)?,
                None => passphrase.ok_or_else(|| Error::invalid("passphrase", words::copy_needs_passphrase()))?,
            };
            let choices = MergeChoices {
                prefer: prefer.map(|p| match p {
                    Prefer::Office => Side::Office,
                    Prefer::Copy => Side::Copy,
                }),
                merge_duplicates: Some(fusionner_doublons),
                ..Default::default()
            };
            let report = sync::merge::merge(&database, &input, &pass, &choices, dry_run)?;
            words::merge_report(&input.display().to_string(), &report)
        }
        Command::Backup => {
            let b = database.backup(Reason::Manual)?;
            words::backup_written(&b)
        }
        Command::Backups => words::backups(&shown, &maillage_core::backup::list(&path)?),
        Command::Restore { backup } => {
            let safety = database.restore(&backup)?;
            words::restored(&backup.display().to_string(), &shown, &safety)
        }
        Command::Rgpd(RgpdCommand::Erase { persons, terminer_roles }) => {
            let roles = if terminer_roles { OpenRoles::End } else { OpenRoles::Refuse };
            words::erased(&privacy::erase(database.conn(), &persons, roles, maillage_core::backup::census(&path)?)?)
        }
        Command::Rgpd(RgpdCommand::Purge { dry_run }) => {
            let day = db::today();
            let preview = privacy::retention::preview(database.conn(), &day)?;
            if dry_run {
                words::purge_preview(&preview)
            } else {
                let report = privacy::retention::purge(database.conn(), &day, maillage_core::backup::census(&path)?)?;
                format!("{}\n{}", words::purge_preview(&preview), words::erased(&report))
            }
        }
        Command::Rgpd(RgpdCommand::Keep { person, reason }) => {
            privacy::retention::keep(database.conn(), &person, &reason)?;
            words::kept(&person)
        }
        Command::Rgpd(RgpdCommand::Export { person, out, force }) => {
            let d = privacy::access::export(database.conn(), &person, &out, force)?;
            words::dossier_written(&out.display().to_string(), &d)
        }
        Command::Journal { since, until, record, person, user } => {
            let filter = JournalFilter { since, until, record_id: record, person_id: person, os_user: user, limit: Some(100_000) };
            words::journal(&maillage_core::queries::journal::list(database.conn(), &filter)?)
        }
        Command::Archive(ArchiveCommand::Export { out, force }) => {
            files::check_output(&out, OutputKind::Archive, force)?;
            let a = maillage_core::archive::export_to(database.conn(), &out)?;
            words::archive_written(&out.display().to_string(), a.rows, a.tables, maillage_core::archive::FORMAT, maillage_core::archive::FORMAT_VERSION)
        }
        Command::Archive(ArchiveCommand::Import { input }) => {
            let a = maillage_core::archive::read(&input)?;
            database.backup(Reason::BeforeImport)?;
            let report = maillage_core::archive::import(database.conn(), &a)?;
            let (added, updated, same) = report.totals();
            let merged = words::archive_merged(&input.display().to_string(), &shown, added, updated, same);
            match &report.first_normalised {
                Some((table, line, column)) => format!("{merged}\n{}", words::archive_normalised(report.normalised, table, *line, column)),
                None => merged,
            }
        }
        Command::Import { kind, file, mapping, sheet, body, dry_run, on_duplicate, strict, report, force } => {
            let kind = match kind {
                ListKind::Organisations => ImportKind::Organisations,
                ListKind::People => ImportKind::People,
                ListKind::Members => ImportKind::Members,
            };
            // Before anything is imported: a report that could not be written would come after the import.
            if let Some(out) = &report {
                files::check_output(out, OutputKind::Workbook, force)?;
            }
            let source = import::read(&file)?;
            let overrides = mapping.as_deref().map(import::columns::MappingFile::read).transpose()?;
            let sheet = sheet.or_else(|| overrides.as_ref().and_then(|o| o.sheet.clone()));
            let line = overrides.as_ref().and_then(|o| o.header_line);
            let mut m = import::columns::guess(database.conn(), kind, &source, sheet.as_deref(), line)?;
            if let Some(o) = &overrides {
                o.apply(kind, &mut m)?;
            }
            let on_duplicate = match on_duplicate {
                OnDuplicate::Skip => DuplicateChoice::Skip,
                OnDuplicate::Merge => DuplicateChoice::Merge,
                OnDuplicate::Create => DuplicateChoice::Create,
            };
            let req = ImportRequest { kind, mapping: m, on_duplicate, choices: Vec::new(), body_id: body, strict };
            let summary = if dry_run { import::preview(database.conn(), &source, &req)? } else { import::apply(&database, &source, &req)? };
            if let Some(out) = &report {
                maillage_core::export::import_report_xlsx::save(&summary, out, force)?;
            }
            if summary.rejected > 0 {
                code = 3;
            }
            words::import_report(&req.mapping, &summary, dry_run)
        }
        Command::Mailing { meeting, purpose, audience, demande, individuels, out } => {
            let purpose = match purpose {
                Purpose::Invitation => MailingPurpose::Invitation,
                Purpose::Relance => MailingPurpose::Relance,
                Purpose::CompteRendu => MailingPurpose::CompteRendu,
                Purpose::Remerciement => MailingPurpose::Remerciement,
                Purpose::Annulation => MailingPurpose::Annulation,
            };
            let audience = audience.map(|a| match a {
                Audience::Tous => MailingAudience::Tous,
                Audience::SansReponse => MailingAudience::SansReponse,
                Audience::PresentsExcuses => MailingAudience::PresentsExcuses,
                Audience::Presents => MailingAudience::Presents,
            });
            let calendar = Some(if demande { CalendarMethod::Request } else { CalendarMethod::Publish });
            let req = MailingRequest { meeting_id: meeting, purpose: Some(purpose), audience, calendar, individual: individuels, folder: out.display().to_string() };
            words::mailing_written(&maillage_core::mailings::produce(database.conn(), req)?)
        }
        Command::Export { list, out, body, meeting, force } => {
            let format = lists::format_of(&out).ok_or_else(|| Error::invalid("out", words::list_format(&out.display().to_string())))?;
            let missing = |what: &str| Error::invalid("out", words::list_needs(what));
            let req = match list {
                ExportList::Organisations => ListRequest::Organisations { filter: Default::default() },
                ExportList::People => ListRequest::People { filter: Default::default() },
                ExportList::Members => ListRequest::Members { body_id: body.ok_or_else(|| missing("--body"))? },
                ExportList::Invitations => ListRequest::Invitations { meeting_id: meeting.ok_or_else(|| missing("--meeting"))? },
            };
            files::check_output(&out, format.into(), force)?;
            let l = maillage_core::lists::list(database.conn(), &req)?;
            lists::write(&l, format, &out)?;
            words::list_written(&out.display().to_string(), l.rows.len())
        }
    };
    // The seal follows this command's own writes, so that the next command is not checked again.
    database.close()?;
    Ok((message, code))
}

/// The command line with French help screens. clap writes its headings, its usage's
/// `[OPTIONS]`, and possible, default and environment values in English: each is set here once,
/// for every command of the tree.
fn command() -> clap::Command {
    let mut cmd = in_french(Cli::command());
    // Built first (global arguments copied into every command) so that each usage is complete.
    cmd.build();
    french_usage(&mut cmd);
    cmd
}

fn in_french(cmd: clap::Command) -> clap::Command {
    use maillage_cli::words::help;
    cmd.help_template(help::TEMPLATE)
        .subcommand_help_heading(help::COMMANDS)
        .subcommand_value_name(help::COMMAND)
        .disable_help_subcommand(true)
        .mut_args(french_arg)
        .mut_subcommands(in_french)
}

/// An argument's heading, and its possible, default and environment values said in its help.
fn french_arg(a: clap::Arg) -> clap::Arg {
    use maillage_cli::words::help;
    let mut notes = Vec::new();
    let takes_values = a.get_action().takes_values();
    if takes_values {
        let values: Vec<(String, Option<String>)> =
            a.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| (v.get_name().to_owned(), v.get_help().map(|h| h.to_string()))).collect();
        if !values.is_empty() && !a.is_hide_possible_values_set() {
            notes.push(help::possible_values(&values));
        }
        if let [default] = a.get_default_values() {
            notes.push(help::default_value(&default.to_string_lossy()));
        }
    }
    if let Some(env) = a.get_env() {
        notes.push(help::env_var(&env.to_string_lossy()));
    }
    let heading = if a.is_positional() { help::INPUTS } else { help::PARAMETERS };
    let a = a.help_heading(heading).hide_env(true);
    let a = if takes_values { a.hide_possible_values(true).hide_default_value(true) } else { a };
    if notes.is_empty() {
        return a;
    }
    let text = a.get_help().map(|h| h.to_string()).unwrap_or_default();
    let text = if text.is_empty() || text.ends_with('.') { format!("{text} {}", notes.join(" ")) } else { format!("{text}. {}", notes.join(" ")) };
    a.help(text.trim().to_owned())
}

/// Each command's usage line with its `[OPTIONS]` tag in French.
fn french_usage(cmd: &mut clap::Command) {
    use maillage_cli::words::help;
    let usage = cmd.render_usage().to_string();
    let usage = usage.trim_start().strip_prefix("Usage:").unwrap_or(&usage).trim().replace("[OPTIONS]", help::PARAMETERS_TAG);
    *cmd = std::mem::take(cmd).override_usage(usage);
    for sub in cmd.get_subcommands_mut() {
        french_usage(sub);
    }
}

/// A text file's words (UTF-8; a byte-order mark is dropped).
fn read_text(path: &std::path::Path) -> Result<String> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| Error::Io { path: shown.clone(), source })?;
    let text = String::from_utf8(bytes).map_err(|_| Error::invalid("file", words::not_utf8(&shown)))?;
    Ok(text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text))
}

fn main() -> ExitCode {
    let parsed = match command().try_get_matches().and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(p) => p,
        Err(e) => {
            use clap::error::ErrorKind as K;
            if matches!(e.kind(), K::DisplayHelp | K::DisplayVersion | K::DisplayHelpOnMissingArgumentOrSubcommand) {
                let _ = e.print();
                return if e.kind() == K::DisplayHelpOnMissingArgumentOrSubcommand { ExitCode::from(2) } else { ExitCode::SUCCESS };
            }
            eprintln!("{}", words::usage_error(&e));
            return ExitCode::from(2);
        }
    };
    match run(parsed) {
        Ok((message, code)) => {
            // A reader that stops early (`| head`) is not an error.
            use std::io::Write;
            let _ = writeln!(std::io::stdout(), "{message}");
            ExitCode::from(code)
        }
        Err(e) => {
            eprintln!("{}", words::error(&e));
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    /// Every command's path in the tree (`[]`, `["rgpd"]`, `["rgpd", "erase"]`…), from clap's own
    /// description of the command line.
    fn paths(cmd: &clap::Command, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(prefix.clone());
        for sub in cmd.get_subcommands() {
            let mut p = prefix.clone();
            p.push(sub.get_name().to_owned());
            paths(sub, p, out);
        }
    }

    #[test]
    fn every_help_screen_is_french() {
        let mut all = Vec::new();
        paths(&super::command(), Vec::new(), &mut all);
        assert!(all.len() > 20, "{all:?}");
        for path in all {
            for flag in ["--help", "-h"] {
                let args = std::iter::once("maillage-cli".to_owned()).chain(path.iter().cloned()).chain([flag.to_owned()]);
                let e = super::command().try_get_matches_from(args).err().unwrap_or_else(|| panic!("{path:?} : pas d'aide"));
                assert_eq!(e.kind(), clap::error::ErrorKind::DisplayHelp, "{path:?}");
                let text = e.render().to_string();
                assert!(text.contains("Utilisation : maillage-cli"), "{path:?}\n{text}");
                // The flag itself is spelled --help; clap's words are not.
                let words = text.replace("--help", "");
                for english in ["Usage", "Options", "Arguments", "Commands", "Possible values", "default", "help", "[env:", "OPTIONS", "Print"] {
                    assert!(!words.contains(english), "« {english} » dans l'aide de {path:?} :\n{text}");
                }
            }
        }
    }

    #[test]
    fn possible_and_default_values_are_said_in_french() {
        let e = super::command().try_get_matches_from(["maillage-cli", "mailing", "--help"]).unwrap_err();
        let text = e.render().to_string();
        assert!(text.contains("Valeurs possibles : invitation (l'invitation), relance (une relance)"), "{text}");
        assert!(text.contains("Par défaut : invitation."), "{text}");
        assert!(text.contains("Ou la variable d'environnement MAILLAGE_PASSPHRASE_FILE."), "{text}");
        assert!(text.contains("Paramètres :") || text.contains("Paramètres:"), "{text}");
    }
}
