//! Errors of the core. Their `Display` is the French sentence shown to the user: it says what is
//! wrong, where, and what to do. This file is the single home of the core's French messages.

use serde::Serialize;
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A field of a form or a file is invalid. `field` names the input field (English code) so that
    /// the UI can put the message beside it.
    #[error("{message}")]
    Invalid { field: String, message: String },

    /// A record would clash with an existing one (same name in the same commune, same e-mail…).
    #[error("{message}")]
    Conflict { field: String, message: String },

    #[error("{what} introuvable : il a peut-être été supprimé entre-temps. Rechargez la liste.")]
    NotFound { what: &'static str },

    #[error("La base de données « {path} » a été créée par une version plus récente de Maillage (schéma {found}, cette version connaît le schéma {supported}). Elle n'a pas été modifiée : mettez Maillage à jour pour l'ouvrir.")]
    NewerSchema { path: String, found: i64, supported: i64 },

    #[error("Le fichier « {path} » n'est pas une base de données Maillage lisible ({detail}). Vérifiez le fichier choisi.")]
    NotADatabase { path: String, detail: String },

    #[error("Le fichier « {path} » est une base de données d'un autre programme, pas de Maillage : il n'a pas été modifié. Choisissez le fichier de Maillage.")]
    NotMaillage { path: String },

    #[error("Le fichier « {path} » est introuvable : vérifiez le chemin.")]
    FileNotFound { path: String },

    #[error("« {path} » est un dossier, pas un fichier : indiquez le fichier lui-même.")]
    IsADirectory { path: String },

    #[error("Le fichier « {path} » est chiffré : indiquez sa phrase de passe pour l'ouvrir.")]
    Encrypted { path: String },

    #[error("La phrase de passe ne permet pas d'ouvrir « {path} » : elle est incorrecte (ou le fichier est endommagé). Rien n'a été modifié ; vérifiez-la et réessayez.")]
    WrongPassphrase { path: String },

    #[error("La base « {path} » est occupée par un autre programme (Maillage est-il ouvert ?) : fermez-le ou réessayez dans un instant.")]
    Busy { path: String },

    /// `detail` says in French what is damaged (`msg::damage_detail`), never SQLite's lines.
    #[error("La base « {path} » est endommagée ({detail}) : rien n'a été fait. {}", restore_hint(latest_backup.as_deref()))]
    Damaged { path: String, detail: String, latest_backup: Option<std::path::PathBuf> },

    /// A laptop copy is damaged: it is the copy, not the office database, and no backup of the
    /// office's cures it.
    #[error("La copie pour les réunions « {path} » est endommagée ({detail}) : rien n'a été lu ni modifié. Ne l'utilisez plus et ne la fusionnez pas : préparez une nouvelle copie depuis la base du bureau (écran « Copies pour les réunions »), et reportez à la main au bureau ce qui avait été saisi sur cette copie (la feuille d'émargement fait foi). La base du bureau n'est pas en cause.")]
    DamagedCopy { path: String, detail: String },

    /// The file or its folder cannot be written (a locked USB stick, a read-only share, a
    /// protected file): it is read, never modified.
    #[error("La base « {path} » est sur un support en lecture seule (clé USB verrouillée, partage en lecture seule, fichier protégé) : Maillage peut la consulter (vérification, bilan, exports) mais pas la modifier, ni écrire une sauvegarde à côté. Copiez-la sur le disque de ce poste, ou ôtez la protection en écriture du support, puis recommencez.")]
    ReadOnly { path: String },

    #[error("La base « {path} » vient d'une version précédente de Maillage et doit être mise à jour avant d'être lue, ce qui est impossible sur un support en lecture seule. Copiez-la sur le disque de ce poste, ou ôtez la protection en écriture du support, puis ouvrez-la.")]
    ReadOnlyOutdated { path: String },

    #[error("La base « {path} » est sur un support en lecture seule et ses dernières modifications sont encore dans son journal « {path}-wal », que Maillage ne peut pas lire sans écrire à côté. Copiez les deux fichiers sur le disque de ce poste, puis ouvrez cette copie.")]
    ReadOnlyWithJournal { path: String },

    #[error("La mise à jour du schéma de la base a échoué ; rien n'a été modifié. Restaurez une sauvegarde ou signalez-le au support ({0}).")]
    Migration(String),

    #[error("La base de données « {path} » contient déjà des données : la démonstration ne s'installe que dans une base vide. Choisissez un autre fichier.")]
    NotEmpty { path: String },

    #[error("{}", sqlite_in_french(.0))]
    Sqlite(#[from] rusqlite::Error),

    #[error("Le classeur n'a pas pu être écrit : rien n'a été enregistré. Vérifiez le dossier choisi et réessayez. Détail technique : {0}")]
    Workbook(String),

    #[error("Le rapport d'activité n'a pas pu être produit : rien n'a été enregistré. Signalez-le au support. Détail technique : {0}")]
    Report(String),

    #[error("Impossible d'utiliser le fichier « {path} » : {}.", io_in_french(source))]
    Io { path: String, source: std::io::Error },
}

fn restore_hint(latest: Option<&std::path::Path>) -> String {
    match latest {
        Some(p) => format!("Restaurez la dernière sauvegarde : « {} » (écran « Sauvegardes »).", p.display()),
        None => "Aucune sauvegarde n'a été trouvée : faites appel au support avant toute autre manipulation.".to_owned(),
    }
}

/// The SQLite code of a failure, for the support (never SQLite's English text).
pub fn sqlite_code(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => format!("code SQLite {}", f.extended_code),
        _ => "erreur SQLite".to_owned(),
    }
}

/// SQLite's failures in French: what happened and what to do. SQLite's own English words never
/// reach the user; its error code is given for the support.
fn sqlite_in_french(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    let what = match e.sqlite_error_code() {
        Some(C::DatabaseBusy | C::DatabaseLocked) => "la base est occupée par un autre programme (une autre fenêtre de Maillage ?) : réessayez dans un instant",
        Some(C::ReadOnly) => "la base est en lecture seule : vérifiez les droits sur le fichier ou son dossier",
        Some(C::DiskFull) => "le disque est plein : libérez de la place puis réessayez",
        Some(C::DatabaseCorrupt | C::NotADatabase) => "le fichier de la base est endommagé : restaurez une sauvegarde",
        Some(C::CannotOpen) => "le fichier de la base ne peut pas être ouvert : vérifiez qu'il existe et que son dossier est accessible",
        Some(C::ConstraintViolation) => "l'enregistrement contredit une règle de la base (doublon ou lien vers un élément supprimé) : rechargez la fiche et réessayez",
        Some(C::SystemIoFailure) => "la lecture ou l'écriture du fichier a échoué : vérifiez le support (clé USB retirée ?)",
        _ => "une opération sur la base a échoué",
    };
    let code = match e {
        rusqlite::Error::SqliteFailure(f, _) => format!("code SQLite {}", f.extended_code),
        rusqlite::Error::QueryReturnedNoRows => "aucune ligne".to_owned(),
        rusqlite::Error::FromSqlConversionFailure(..) | rusqlite::Error::InvalidColumnType(..) => "valeur inattendue dans la base".to_owned(),
        _ => "erreur interne".to_owned(),
    };
    format!("Erreur de la base de données : {what}. Rien n'a été enregistré. Si elle se répète, lancez la vérification de la base ({code}).")
}

/// The rule of the database a written row broke, in French, when `e` is a constraint failure:
/// its kind (duplicate, rule, missing value, type, link) and the columns it is about, for a message
/// that names the table and line (an archive, a laptop copy). `columns` are the row's own columns:
/// those a CHECK rule mentions are named. `None` for any other failure.
pub fn constraint_in_french(e: &rusqlite::Error, columns: &[&str]) -> Option<String> {
    use rusqlite::ffi;
    let rusqlite::Error::SqliteFailure(f, text) = e else { return None };
    if f.code != rusqlite::ErrorCode::ConstraintViolation {
        return None;
    }
    // SQLite's own text, read only for the names it holds: « UNIQUE constraint failed: person.email »,
    // « CHECK constraint failed: <rule> », « NOT NULL constraint failed: person.category »,
    // « cannot store TEXT value in INTEGER column action_count.count ».
    let detail = text.as_deref().unwrap_or("");
    let after = detail.split_once(": ").map_or("", |(_, rest)| rest);
    let named = |list: &str| list.split(", ").filter_map(|c| c.rsplit_once('.').map(|(_, col)| col.trim().to_owned())).collect::<Vec<_>>();
    Some(match f.extended_code {
        ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY => msg::constraint_unique(&named(after)),
        ffi::SQLITE_CONSTRAINT_CHECK => {
            let words: Vec<&str> = after.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).collect();
            let concerned: Vec<String> = columns.iter().filter(|c| words.contains(c)).map(|c| (*c).to_owned()).collect();
            msg::constraint_check(&concerned, after)
        }
        ffi::SQLITE_CONSTRAINT_NOTNULL => msg::constraint_not_null(&named(after)),
        ffi::SQLITE_CONSTRAINT_DATATYPE => msg::constraint_datatype(&named(detail.rsplit(' ').next().unwrap_or(""))),
        ffi::SQLITE_CONSTRAINT_FOREIGNKEY => msg::CONSTRAINT_FOREIGN_KEY.to_owned(),
        _ => msg::CONSTRAINT_OTHER.to_owned(),
    })
}

/// The common file errors in French; the system's own words for the rare others.
fn io_in_french(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "il n'existe pas (vérifiez le chemin)".to_owned(),
        K::PermissionDenied => "accès refusé (choisissez un dossier où vous pouvez écrire)".to_owned(),
        K::AlreadyExists => "il existe déjà".to_owned(),
        K::StorageFull => "le disque est plein".to_owned(),
        K::ReadOnlyFilesystem => "le support est en lecture seule".to_owned(),
        _ => format!("erreur du système : {e}"),
    }
}

impl Error {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Error::Invalid { field: field.to_owned(), message: message.into() }
    }

    pub fn conflict(field: &str, message: impl Into<String>) -> Self {
        Error::Conflict { field: field.to_owned(), message: message.into() }
    }

    fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid { .. } => ErrorKind::Invalid,
            Error::Conflict { .. } => ErrorKind::Conflict,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::Encrypted { .. } | Error::WrongPassphrase { .. } => ErrorKind::Passphrase,
            _ => ErrorKind::Internal,
        }
    }
}

/// What crosses IPC when a command fails: a kind the UI can branch on, the field concerned, and
/// the French message to show.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ErrorPayload {
    pub kind: ErrorKind,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Invalid,
    Conflict,
    NotFound,
    /// The file is encrypted: the UI asks for its passphrase.
    Passphrase,
    Internal,
}

impl From<&Error> for ErrorPayload {
    fn from(e: &Error) -> Self {
        let field = match e {
            Error::Invalid { field, .. } | Error::Conflict { field, .. } => Some(field.clone()),
            _ => None,
        };
        ErrorPayload { kind: e.kind(), field, message: e.to_string() }
    }
}

impl From<Error> for ErrorPayload {
    fn from(e: Error) -> Self {
        ErrorPayload::from(&e)
    }
}

/// What a « introuvable » message names (`Error::NotFound`), in French.
pub mod what {
    pub const ACTION: &str = "L'action";
    pub const AGREEMENT_OR_ORGANISATION: &str = "Le document ou l'organisme";
    pub const BACKUP: &str = "La sauvegarde";
    pub const BODY: &str = "L'instance";
    pub const BODY_MEMBER: &str = "Le membre";
    pub const DOMAIN: &str = "Le domaine";
    pub const INDICATOR: &str = "L'indicateur";
    pub const INVITATION: &str = "L'invitation";
    pub const INVITEE: &str = "La personne ou l'organisme invité";
    pub const MARK: &str = "Le pointage";
    pub const MEETING: &str = "La réunion";
    pub const MEMBERSHIP_STEP: &str = "L'étape d'adhésion";
    pub const MEMBER_OR_ORGANISATION: &str = "La personne ou l'organisme";
    pub const ORGANISATION: &str = "L'organisme";
    pub const PARENT_ORGANISATION: &str = "L'organisme de rattachement";
    pub const PARTNER: &str = "Le partenaire";
    pub const PERSON: &str = "La personne";
    pub const POST: &str = "Le poste";
    pub const REPORT: &str = "La fiche";
    pub const SESSION: &str = "La séance";
    pub const SIGNATURE: &str = "La signature";
    pub const SOLICITATION: &str = "La sollicitation";
    pub const VALUE: &str = "La valeur";
}

/// French messages of validation, kept here with the others.
pub mod msg {
    /// What a full integrity check found, in French: the tables and indexes (with their table)
    /// concerned, or the pages of the file when no table can be named, and how many problems.
    pub fn damage_detail(tables: &[String], indexes: &[(String, Option<String>)], pages: &[u32], problems: usize) -> String {
        let mut parts = Vec::new();
        if !tables.is_empty() {
            let names: Vec<String> = tables.iter().map(|t| format!("« {t} »")).collect();
            parts.push(format!("{} {}", if tables.len() == 1 { "la table" } else { "les tables" }, names.join(", ")));
        }
        for (index, table) in indexes {
            parts.push(match table {
                Some(t) => format!("l'index « {index} » de la table « {t} », qui ne correspond plus à ses lignes"),
                None => format!("l'index « {index} »"),
            });
        }
        if parts.is_empty() && !pages.is_empty() {
            let shown: Vec<String> = pages.iter().take(5).map(u32::to_string).collect();
            let more = if pages.len() > 5 { format!(" et {} autre(s)", pages.len() - 5) } else { String::new() };
            parts.push(format!("la structure du fichier, page(s) {}{more}", shown.join(", ")));
        }
        if parts.is_empty() {
            parts.push("la structure du fichier".to_owned());
        }
        format!("{} ; {problems} anomalie(s) relevée(s) par le contrôle complet", parts.join(", "))
    }
    /// The full check could not read the file to the end (a page that cannot be read or, in an
    /// encrypted file, whose seal does not match its content).
    pub fn damage_unreadable(code: &str) -> String {
        format!("des pages du fichier sont illisibles ou ont été modifiées hors de Maillage ; {code}")
    }
    pub fn required(label: &str) -> String {
        format!("Le champ « {label} » est obligatoire.")
    }
    pub fn too_long(label: &str, max: usize, len: usize) -> String {
        format!("Le champ « {label} » est trop long ({len} caractères) : {max} au maximum.")
    }
    pub fn bad_email(value: &str) -> String {
        format!("L'adresse e-mail « {value} » n'est pas valide : elle doit avoir la forme nom@domaine.fr, sans espace.")
    }
    pub fn bad_phone(value: &str) -> String {
        format!("Le numéro « {value} » n'est pas valide : utilisez des chiffres, espaces, points ou tirets, avec un + au début pour l'international (ex. : 05 55 00 00 00).")
    }
    pub fn bad_website(value: &str) -> String {
        format!("Le site « {value} » n'est pas valide : indiquez une adresse comme www.exemple.fr ou https://exemple.fr, sans espace.")
    }
    pub fn bad_postal_code(value: &str) -> String {
        format!("Le code postal « {value} » n'est pas valide : il compte 5 chiffres (ex. : 19100).")
    }
    pub fn bad_date(label: &str, value: &str) -> String {
        format!("La date « {value} » du champ « {label} » n'est pas valide : utilisez le format AAAA-MM-JJ.")
    }
    pub fn end_before_start() -> String {
        "La date de fin est antérieure à la date de début : corrigez l'une des deux.".to_owned()
    }
    pub fn erase_open_roles(name: &str, seats: &[String]) -> String {
        format!(
            "{name} siège encore dans {} : {}. Mettez fin à ces rôles d'abord, ou demandez de les terminer aujourd'hui avec l'effacement.",
            if seats.len() > 1 { "ces instances" } else { "cette instance" },
            seats.join(" ; ")
        )
    }
    /// Why someone is due for erasure: `which` is 0 a meeting, 1 a post, 2 a seat, 3 the record.
    pub fn retention_why(which: usize, date: &str) -> String {
        match which {
            0 => format!("dernière participation le {date}"),
            1 => format!("dernier poste terminé le {date}"),
            2 => format!("dernier siège dans une instance terminé le {date}"),
            _ => format!("fiche créée le {date}, sans participation depuis"),
        }
    }
    /// A merge's note: what the copy said about people erased at the office since is left out.
    pub fn erased_people_left_out(count: u32) -> String {
        format!(
            "{count} modification(s) de la copie concernant des personne(s) effacée(s) (RGPD) n'ont pas été reprises : \
             ni leur fiche, ni leurs postes, invitations, présences ou lignes du journal."
        )
    }
    /// A merge's note: people erased on the laptop are erased at the office too.
    pub fn erased_on_copy(count: usize) -> String {
        format!("{count} personne(s) effacée(s) sur l'ordinateur portable (RGPD) le sont aussi au bureau (leurs sièges et postes en cours se terminent aujourd'hui).")
    }
    pub fn person_erased() -> String {
        "Les données personnelles de cette personne ont été effacées (RGPD) : sa fiche ne peut plus être modifiée.".to_owned()
    }
    pub fn name_needed() -> String {
        "Indiquez au moins un prénom ou un nom.".to_owned()
    }
    pub fn duplicate_organisation(name: &str, commune: &str) -> String {
        if commune.is_empty() {
            format!("Un organisme nommé « {name} » existe déjà (sans commune). Ouvrez sa fiche plutôt que d'en créer un second, ou précisez la commune.")
        } else {
            format!("Un organisme nommé « {name} » existe déjà à {commune}. Ouvrez sa fiche plutôt que d'en créer un second.")
        }
    }
    pub fn duplicate_email(email: &str, who: &str) -> String {
        format!("L'adresse e-mail « {email} » est déjà celle de {who}. Chaque personne a sa propre adresse : vérifiez qu'il ne s'agit pas de la même personne.")
    }
    pub fn own_parent() -> String {
        "Un organisme ne peut pas être son propre organisme de rattachement.".to_owned()
    }
    pub fn parent_cycle() -> String {
        "Ce rattachement formerait une boucle (l'organisme choisi dépend déjà de celui-ci) : choisissez un autre organisme de rattachement.".to_owned()
    }
    pub fn unknown_domain() -> String {
        "Un des domaines de compétence choisis n'existe plus : rechargez la fiche.".to_owned()
    }
    pub fn duplicate_domain(label: &str) -> String {
        format!("Le domaine « {label} » existe déjà.")
    }
    pub fn domain_in_use(label: &str, count: i64) -> String {
        format!("Le domaine « {label} » est attribué à {count} organisme(s) : retirez-le de leurs fiches avant de le supprimer.")
    }
    pub fn already_signed() -> String {
        "Cet organisme a déjà signé ce document : modifiez la date de la signature existante.".to_owned()
    }
    pub fn withdraw_before_join() -> String {
        "Un organisme ne peut pas être « retiré » à une date où il n'était pas encore membre : vérifiez la date.".to_owned()
    }

    pub fn duplicate_body(name: &str) -> String {
        format!("Une instance nommée « {name} » existe déjà : ouvrez-la plutôt que d'en créer une seconde.")
    }
    pub fn body_has_meetings(name: &str, count: i64) -> String {
        format!("L'instance « {name} » a {count} réunion(s) : supprimez d'abord ses réunions, ou indiquez une date de fin pour la clore.")
    }
    pub fn member_needs_someone() -> String {
        "Choisissez une personne ou un organisme.".to_owned()
    }
    pub fn already_member(who: &str) -> String {
        format!("{who} fait déjà partie de cette instance : modifiez la ligne existante.")
    }
    pub fn bad_time(label: &str, value: &str) -> String {
        format!("L'heure « {value} » du champ « {label} » n'est pas valide : utilisez le format HH:MM (ex. : 14:30).")
    }
    pub fn end_before_start_time() -> String {
        "L'heure de fin doit être après l'heure de début : une réunion ne peut pas finir avant de commencer.".to_owned()
    }
    pub fn attendance_on_cancelled(status: &str) -> String {
        format!("Cette réunion est {status} : on ne peut pas y enregistrer de présences. Changez d'abord son statut si elle a bien eu lieu.")
    }
    pub fn attendance_in_future(date: &str) -> String {
        format!("La réunion du {date} n'a pas encore eu lieu : les présences s'enregistrent le jour même ou après.")
    }
    pub fn checkin_code_in_mail(image: &str, code: &str) -> String {
        format!("Votre code d'accueil est joint à ce message ({image}) : présentez-le à l'entrée, imprimé ou sur votre téléphone, pour être pointé(e) présent(e) sans attendre. Code : {code}")
    }
    pub fn unknown_checkin_code() -> String {
        "Ce code d'accueil ne correspond à aucune invitation en cours (invitation retirée, ou code d'une autre structure) : cherchez la personne par son nom.".to_owned()
    }
    pub fn checkin_code_of_another_meeting(meeting: &str, date: &str) -> String {
        format!("Ce code d'accueil est celui d'une invitation à une autre réunion (« {meeting} » du {date}) : cherchez la personne par son nom.")
    }
    pub fn already_checked_in(who: &str, at: &str) -> String {
        format!("{who} est déjà pointé(e) présent(e) (à {at}). Pour corriger, annulez ce pointage.")
    }
    pub fn meeting_has_attendance(count: i64) -> String {
        format!("Cette réunion a {count} présence(s) enregistrée(s) : confirmez la suppression pour l'effacer avec ses invitations et ses présences.")
    }
    pub fn walk_in_needs_name() -> String {
        "Indiquez au moins le nom de la personne arrivée sans invitation.".to_owned()
    }
    pub fn not_invited_reply() -> String {
        "Cette invitation n'existe plus : rechargez la liste.".to_owned()
    }
    pub fn no_recipient_in(audience: &str) -> String {
        format!("Personne à qui écrire parmi « {audience} » (ou aucune n'a d'adresse e-mail) : choisissez d'autres destinataires, ou utilisez la lettre imprimable ou le téléphone.")
    }
    pub fn cancel_needs_cancelled() -> String {
        "La réunion n'est pas annulée : passez d'abord son statut à « Annulée », puis préparez le courriel d'annulation.".to_owned()
    }
    pub fn meeting_cancelled_send_cancel() -> String {
        "La réunion est annulée : préparez plutôt le courriel d'annulation (il retire aussi la réunion des agendas).".to_owned()
    }
    pub fn request_needs_secretariat_email() -> String {
        "Une demande de réunion (accepter / refuser) renvoie les réponses à l'adresse du secrétariat : indiquez-la d'abord dans les Paramètres.".to_owned()
    }
    pub fn request_needs_individual_drafts() -> String {
        "Une demande de réunion se prépare avec un brouillon par personne : dans un seul brouillon, chacun verrait l'adresse des autres dans le fichier agenda.".to_owned()
    }
    pub fn no_minutes() -> String {
        "Cette réunion n'a pas encore de compte rendu : saisissez-le ou joignez-le avant de l'envoyer.".to_owned()
    }
    pub fn sheet_needs_source() -> String {
        "Choisissez une réunion ou une instance pour préparer les badges ou les étiquettes.".to_owned()
    }
    pub fn minutes_file_empty(name: &str) -> String {
        format!("Le fichier « {name} » est vide : choisissez le compte rendu enregistré.")
    }
    pub fn minutes_file_too_big(name: &str, size: u64, max: u64) -> String {
        format!(
            "Le fichier « {name} » pèse {} : un compte rendu joint à un courriel ne doit pas dépasser {} (beaucoup de messageries refusent au-delà). Enregistrez-le en PDF, ou réduisez ses images.",
            crate::text::file_size(size),
            crate::text::file_size(max)
        )
    }
    pub fn minutes_file_kind(name: &str, accepted: &str) -> String {
        format!("Le fichier « {name} » n'est pas d'un type accepté pour un compte rendu : choisissez un fichier {accepted}.")
    }
    pub fn minutes_file_missing() -> String {
        "Cette réunion n'a pas de fichier de compte rendu joint.".to_owned()
    }
    pub fn minutes_path_not_kept(path: &str) -> String {
        format!("Le compte rendu n'est référencé que par son chemin (« {path} ») : joignez-le de nouveau pour qu'il parte avec le courriel.")
    }
    pub fn folder_missing(path: &str) -> String {
        format!("Le dossier « {path} » n'existe pas : choisissez un dossier existant.")
    }
    pub fn stand_in_same_person() -> String {
        "Une personne ne peut pas se représenter elle-même : choisissez qui est venu à sa place.".to_owned()
    }
    pub fn in_progress_needs_pilot() -> String {
        "Une action ne peut pas être « en cours » sans pilote : désignez d'abord l'organisme pilote.".to_owned()
    }
    pub fn one_pilot(current: &str) -> String {
        format!("L'action a déjà un pilote ({current}) : une action n'a qu'un pilote. Faites-en d'abord un copilote, ou retirez-le.")
    }
    pub fn pilot_of_running_action() -> String {
        "Cette action est en cours : elle garde son pilote. Désignez un autre pilote avant de retirer celui-ci, ou changez le statut.".to_owned()
    }
    pub fn already_partner(org: &str) -> String {
        format!("{org} est déjà partenaire de cette action : changez son rôle plutôt que de l'ajouter deux fois.")
    }
    pub fn bad_count(value: &str) -> String {
        format!("« {value} » n'est pas un nombre entier positif ou nul (ex. : 12).")
    }
    pub fn bad_percentage(value: &str) -> String {
        format!("« {value} » n'est pas un pourcentage entre 0 et 100 (ex. : 45,5).")
    }
    pub fn bad_money(value: &str) -> String {
        format!("« {value} » n'est pas un montant en euros positif avec au plus deux décimales (ex. : 1 234,56).")
    }
    pub fn bad_hours(value: &str) -> String {
        format!("« {value} » n'est pas un nombre d'heures positif (ex. : 7,5).")
    }
    pub fn computed_indicator() -> String {
        "Cet indicateur est calculé par Maillage à partir des réunions et présences : sa valeur ne se saisit pas.".to_owned()
    }
    pub fn unknown_formula(code: &str) -> String {
        format!("« {code} » n'est pas un chiffre que Maillage sait calculer : choisissez-en un dans la liste.")
    }
    pub fn duplicate_indicator(code: &str) -> String {
        format!("Un indicateur a déjà le code « {code} » : choisissez un autre code.")
    }
    pub fn scope_needs(what: &str) -> String {
        format!("Un indicateur de ce périmètre se rattache à {what} : choisissez-la.")
    }
    pub fn summary_warning() -> String {
        "Le résumé est limité à 500 caractères et ne doit jamais identifier la personne concernée.".to_owned()
    }
    pub fn not_an_archive(path: &str, format: &str) -> String {
        format!("Le fichier « {path} » n'est pas une archive Maillage (champ « format » absent ou différent de « {format} »).")
    }
    pub fn archive_version(path: &str, version: u64, supported: u64) -> String {
        format!("L'archive « {path} » est au format version {version}, que cette version de Maillage ne sait pas lire (elle lit la version {supported}). Rien n'a été importé : mettez Maillage à jour.")
    }
    pub const JSON_EOF: &str = "il se termine trop tôt";
    pub const JSON_SYNTAX: &str = "erreur de syntaxe";
    pub const JSON_IO: &str = "erreur de lecture";
    /// serde's own words are English: the line and column say where, this says what.
    pub const JSON_DATA: &str = "une valeur n'a pas la forme attendue (une liste à la place d'un objet, un texte à la place d'un nombre…)";
    pub fn bad_json(path: &str, line: usize, column: usize, why: &str) -> String {
        format!("Le fichier « {path} » n'est pas un JSON valide, ligne {line}, colonne {column} : {why}. Rien n'a été importé.")
    }
    pub fn archive_unknown_column(line: usize, table: &str, column: &str) -> String {
        format!("Archive : la ligne {line} de la table « {table} » a une colonne inconnue « {column} ». Rien n'a été importé.")
    }
    pub fn archive_bad_row(line: usize, table: &str, why: &str) -> String {
        format!("Archive : la ligne {line} de la table « {table} » ne peut pas être ajoutée ({why}). Rien n'a été importé.")
    }
    pub fn archive_missing_parent(line: Option<usize>, table: &str, parent: &str) -> String {
        let line = line.map(|l| format!("la ligne {l}")).unwrap_or_else(|| "une ligne".to_owned());
        format!("Archive : {line} de la table « {table} » renvoie à une ligne absente de la table « {parent} » (archive incomplète ?). Rien n'a été importé.")
    }
    pub fn archive_bad_value(column: &str) -> String {
        format!("la colonne « {column} » contient une liste ou un objet au lieu d'une valeur")
    }
    pub fn archive_bad_base64(column: &str) -> String {
        format!("la colonne « {column} » devrait contenir un fichier encodé en base64, et son contenu est illisible")
    }
    pub fn archive_bad_id(column: &str, value: &str) -> String {
        format!("l'identifiant « {} » de la colonne « {column} » n'est pas un UUID", clip(value))
    }
    pub fn archive_bad_instant(column: &str, value: &str) -> String {
        format!("« {} » n'est pas un horodatage (colonne « {column} », format 2026-11-23T10:15:00Z attendu)", clip(value))
    }
    pub fn archive_bad_date(column: &str, value: &str) -> String {
        format!("« {} » n'est pas une date (colonne « {column} », format AAAA-MM-JJ attendu)", clip(value))
    }
    pub fn archive_too_long(column: &str, len: usize, max: usize) -> String {
        format!("la colonne « {column} » est trop longue ({len} caractères, {max} au plus)")
    }
    pub fn unknown_column(column: &str) -> String {
        format!("la colonne « {} » n'existe pas dans Maillage", clip(column))
    }
    pub fn archive_unknown_table(table: &str) -> String {
        format!("Archive : la table « {} » n'existe pas dans Maillage (fichier d'un autre programme, ou modifié à la main ?). Rien n'a été importé.", clip(table))
    }
    pub fn archive_table_twice(table: &str) -> String {
        format!("Archive : la table « {} » y figure deux fois. Rien n'a été importé.", clip(table))
    }
    pub fn archive_missing_header(path: &str, key: &str) -> String {
        format!("L'archive « {path} » n'a pas de champ « {key} » : elle est incomplète. Rien n'a été importé.")
    }
    pub fn archive_bad_header(path: &str, key: &str, why: &str) -> String {
        format!("L'archive « {path} » a un champ « {key} » invalide : {why}. Rien n'a été importé.")
    }
    pub fn archive_future_instant(column: &str, value: &str, tolerance_hours: i64) -> String {
        format!(
            "l'horodatage « {} » de la colonne « {column} » est dans le futur (plus de {tolerance_hours} heures après l'heure de cet ordinateur) : il l'emporterait sur toute modification à venir. Vérifiez l'horloge de l'ordinateur qui a écrit l'archive",
            clip(value)
        )
    }
    pub fn archive_bad_time(column: &str, value: &str) -> String {
        format!("« {} » n'est pas une heure (colonne « {column} », format HH:MM attendu)", clip(value))
    }
    pub fn archive_bad_code(column: &str, value: &str) -> String {
        format!("« {} » n'est pas une valeur permise pour la colonne « {column} »", clip(value))
    }
    pub fn archive_wrong_type(column: &str, expected: &str) -> String {
        format!("la colonne « {column} » attend {expected}")
    }
    pub const EXPECT_TEXT: &str = "un texte (entre guillemets)";
    pub const EXPECT_INTEGER: &str = "un nombre entier";
    pub const EXPECT_NUMBER: &str = "un nombre";
    pub const EXPECT_BYTES: &str = "un fichier encodé en base64 ({\"base64\": \"…\"})";
    pub fn archive_required(column: &str) -> String {
        format!("la colonne « {column} » est obligatoire et elle est vide ou absente")
    }
    pub fn archive_setting(key: &str, why: &str) -> String {
        format!("le réglage « {} » est refusé comme l'écran des réglages le refuserait : {why}", clip(key))
    }
    pub fn archive_setting_empty(key: &str) -> String {
        format!("le réglage « {} » est vide", clip(key))
    }
    pub fn unknown_setting(key: &str) -> String {
        format!("Le réglage « {} » n'existe pas dans Maillage.", clip(key))
    }
    /// A rule of the database that a row breaks, by kind (never SQLite's English): `columns` are
    /// the row's columns the rule is about, when SQLite names them.
    pub fn constraint_unique(columns: &[String]) -> String {
        match columns {
            [] => "une autre ligne a déjà les mêmes valeurs (doublon)".to_owned(),
            cols => format!("une autre ligne a déjà la même valeur de {} (doublon)", quoted(cols)),
        }
    }
    pub fn constraint_check(columns: &[String], rule: &str) -> String {
        let what = if columns.is_empty() { "une valeur".to_owned() } else { format!("la valeur de {}", quoted(columns)) };
        format!("{what} n'est pas permise par la règle de la base « {} »", clip(rule))
    }
    pub fn constraint_not_null(columns: &[String]) -> String {
        format!("la colonne {} est obligatoire et elle est vide", quoted(columns))
    }
    pub fn constraint_datatype(columns: &[String]) -> String {
        format!("la colonne {} n'accepte pas ce type de valeur", quoted(columns))
    }
    pub const CONSTRAINT_FOREIGN_KEY: &str = "elle renvoie à une ligne absente";
    pub const CONSTRAINT_OTHER: &str = "elle contredit une règle de la base";
    fn quoted(columns: &[String]) -> String {
        columns.iter().map(|c| format!("« {c} »")).collect::<Vec<_>>().join(", ")
    }
    /// A value quoted in a message, cut to a readable length.
    fn clip(value: &str) -> String {
        let mut v: String = value.chars().take(60).collect();
        if value.chars().count() > 60 {
            v.push('…');
        }
        v
    }
    pub fn bad_frequency() -> String {
        "La périodicité se compte en mois, de 1 à 120.".to_owned()
    }
    pub fn unknown_category() -> String {
        "Une des catégories choisies n'existe plus : rechargez la fiche.".to_owned()
    }
    pub fn walk_in_note(date: &str, organisation: &str) -> String {
        format!("Venu(e) sans invitation le {date} ; organisme déclaré : {organisation}.")
    }
    pub fn meeting_status_locked(count: i64) -> String {
        format!("Cette réunion a {count} présence(s) enregistrée(s) : elle reste « tenue ». Pour la déclarer annulée, reportée ou prévue, supprimez d'abord ses présences ; sinon elle sortirait du bilan sans que personne le voie.")
    }
    pub fn meeting_date_locked(count: i64) -> String {
        format!("Cette réunion a {count} présence(s) enregistrée(s) : elle ne peut pas être déplacée à une date future. Corrigez la date vers le jour où elle s'est tenue.")
    }
    pub fn period_label(from: &str, to: &str) -> String {
        format!("du {from} au {to}")
    }
    /// Interrupted backups (hidden `.partial` files) hold everyone's data until they are removed.
    pub fn unfinished_backups(count: u32) -> String {
        format!("{count} sauvegarde(s) interrompue(s) (fichiers cachés « .partial » du dossier des sauvegardes) contiennent aussi ces données : Maillage les supprime à la prochaine sauvegarde ou au prochain démarrage.")
    }
    pub fn network_storage(path: &str) -> String {
        format!("La base « {path} » est sur un partage réseau : SQLite n'y est pas sûr (le fichier peut s'y abîmer). Gardez-la sur le disque de ce poste, dans le dossier local de l'application, et sauvegardez-la plutôt sur le réseau.")
    }
    pub fn out_of_range(label: &str, min: i32, max: i32) -> String {
        format!("Le champ « {label} » attend un nombre entier de {min} à {max}.")
    }
    pub fn output_is_a_database(path: &str) -> String {
        format!("« {path} » est une base de données (ou une copie, ou une sauvegarde) : Maillage n'écrit jamais un export par-dessus. Choisissez un autre nom de fichier.")
    }
    /// An export that would replace a file of another kind, named by what its bytes look like.
    pub fn output_of_other_kind(path: &str, found: crate::files::Found, kind: crate::files::OutputKind) -> String {
        use crate::files::{Found as F, OutputKind as K};
        let seems = match found {
            F::Empty => "un fichier vide",
            F::Database => "une base de données SQLite",
            F::Workbook => "un classeur Excel",
            F::OfficeDocument => "un document bureautique (Word, LibreOffice ou un ancien classeur)",
            F::Zip => "une archive zip",
            F::Pdf => "un document PDF",
            F::Archive => "une archive Maillage (JSON)",
            F::Text => "un fichier texte",
            F::UnknownBinary => "un fichier binaire inconnu, peut-être chiffré (une base Maillage chiffrée ou une copie pour une réunion)",
        };
        let writing = match kind {
            K::Workbook => "un classeur Excel ne remplace qu'un classeur Excel",
            K::Csv => "un fichier CSV ne remplace qu'un fichier texte",
            K::Archive => "une archive ne remplace qu'une archive Maillage",
            K::Copy => "une copie pour une réunion ne remplace aucun fichier (une copie peut contenir des saisies pas encore fusionnées)",
            K::Document => "une copie du compte rendu ne remplace qu'un document (PDF, bureautique ou texte)",
            K::Pdf => "un rapport PDF ne remplace qu'un document PDF",
            K::OfficeText => "un rapport ODT ou DOCX ne remplace qu'un document bureautique",
        };
        format!("« {path} » existe et semble être {seems} : Maillage ne le remplace pas, quel que soit son nom ({writing}). Choisissez un autre nom de fichier.")
    }
    pub fn output_exists(path: &str) -> String {
        format!("Le fichier « {path} » existe déjà : choisissez un autre nom, ou confirmez son remplacement.")
    }
    pub fn copy_needs_meetings() -> String {
        "Choisissez au moins une réunion pour préparer la copie.".to_owned()
    }
    pub fn passphrase_too_short(min: usize) -> String {
        format!("La phrase de passe doit compter au moins {min} caractères : la copie voyage sur une clé USB.")
    }
    pub fn passphrases_differ() -> String {
        "Les deux phrases de passe saisies sont différentes : retapez-les.".to_owned()
    }
    pub fn copy_not_chosen() -> String {
        "Choisissez d'abord la copie à fusionner.".to_owned()
    }
    pub fn copy_of_a_copy() -> String {
        "Cette base est déjà une copie pour une réunion : préparez les copies depuis la base du bureau.".to_owned()
    }
    pub fn not_a_copy(path: &str) -> String {
        format!("Le fichier « {path} » n'est pas une copie pour une réunion préparée par Maillage : rien n'a été fusionné.")
    }
    pub fn copy_from_elsewhere(path: &str) -> String {
        format!("La copie « {path} » a été préparée depuis une autre base de données que celle-ci : elle ne peut pas y être fusionnée. Rien n'a été modifié.")
    }
    pub fn merge_kept_changing() -> String {
        "La base a été modifiée pendant la fusion (une autre fusion de cette copie, un effacement…), plusieurs fois de suite : rien n'a été fusionné. Relancez la fusion.".to_owned()
    }
    pub fn copy_already_merged() -> String {
        "Cette copie a déjà été fusionnée et rien n'y a changé depuis : il n'y a rien à faire.".to_owned()
    }
    pub fn merge_broken_links(count: i32) -> String {
        format!("La copie renvoie à {count} élément(s) supprimé(s) au bureau depuis qu'elle a été préparée (une réunion, une personne…) : rien n'a été fusionné. Rétablissez-les ou signalez-le au support.")
    }
    pub fn conflicts_unsettled(count: u32) -> String {
        format!("{count} conflit(s) ne sont pas tranchés : choisissez pour chacun la valeur à garder (ou « garder le bureau » / « garder la copie » pour tous). Rien n'a été fusionné.")
    }
    pub fn organisation_recognised(name: &str) -> String {
        format!("L'organisme « {name} » créé sur l'ordinateur portable existait déjà au bureau : ses présences et contacts lui sont rattachés.")
    }
    pub fn changed_on_copy_removed_at_office(table: &str) -> String {
        format!("{table} : une fiche modifiée sur la copie avait été supprimée au bureau ; la suppression est gardée.")
    }
    pub fn presence_already_at_office() -> String {
        "Présences : une personne pointée sur la copie l'était déjà au bureau pour la même réunion ; le pointage du bureau est gardé.".to_owned()
    }
    pub fn duplicate_left_out(table: &str) -> String {
        format!("{table} : une ligne de la copie faisait doublon avec une ligne du bureau ; celle du bureau est gardée.")
    }
    pub fn removal_field() -> &'static str {
        "Suppression"
    }
    pub fn changed_at_office() -> &'static str {
        "modifiée au bureau"
    }
    pub fn removed_on_copy() -> &'static str {
        "supprimée sur la copie"
    }
    pub fn record(table: &str, name: Option<&str>) -> String {
        match name {
            Some(n) => format!("{table} : « {n} »"),
            None => table.to_owned(),
        }
    }
    pub fn empty_passphrase_file(path: &str) -> String {
        format!("Le fichier de phrase de passe « {path} » est vide.")
    }
    pub fn answer_before_sending() -> String {
        "La réponse ne peut pas être antérieure à l'envoi de la sollicitation.".to_owned()
    }

    // Lists from spreadsheets (docs/import.md).
    pub fn import_unreadable(file: &str, why: &str) -> String {
        format!("Le fichier « {file} » ne peut pas être importé : {why} Rien n'a été enregistré.")
    }
    pub fn import_cancelled() -> String {
        "Import annulé : rien n'a été enregistré.".to_owned()
    }
    pub fn import_not_chosen() -> String {
        "Choisissez d'abord le fichier à importer.".to_owned()
    }
    pub fn import_empty_file() -> String {
        "il est vide (aucune cellule remplie).".to_owned()
    }
    pub fn import_password() -> String {
        "il est protégé par un mot de passe. Ouvrez-le dans votre tableur, enregistrez-en une copie sans mot de passe et importez cette copie.".to_owned()
    }
    pub fn import_damaged() -> String {
        "ce n'est pas un classeur (xlsx, xls, ods) ni un fichier CSV lisible, ou il est endommagé. Ouvrez-le dans votre tableur et enregistrez-le au format xlsx ou CSV.".to_owned()
    }
    pub fn import_encoding() -> String {
        "son encodage n'est pas reconnu : Maillage lit l'UTF-8, l'UTF-16 avec sa marque (BOM) et le Windows-1252 \
         des CSV d'Excel en français, et ce fichier n'est lisible dans aucun d'eux (il est peut-être en japonais, \
         en chinois ou dans un autre encodage). Ouvrez-le dans votre tableur en choisissant son encodage, puis \
         enregistrez-le au format « CSV UTF-8 » (Excel : Fichier > Enregistrer sous > « CSV UTF-8 (délimité par des \
         virgules) » ; LibreOffice : Enregistrer sous > « Texte CSV », jeu de caractères « Unicode (UTF-8) »).".to_owned()
    }
    /// A file past what a list may expand to (`import::limits`): `what` says which limit.
    pub fn import_too_big(what: &str) -> String {
        format!(
            "{what} Une liste de 20 000 lignes sur 30 colonnes reste loin de cette limite : ce fichier contient autre chose \
             qu'une liste, ou il a été fabriqué pour saturer la mémoire. Si c'est bien votre liste, ouvrez-la dans votre tableur, \
             copiez seulement la feuille à importer dans un nouveau classeur (ou découpez-la en plusieurs fichiers), \
             enregistrez-le au format xlsx ou CSV et importez-le."
        )
    }
    pub fn import_limit_file(limit: u64) -> String {
        format!("il pèse plus de {} Mo, la limite d'un fichier importé.", limit >> 20)
    }
    pub fn import_limit_entries(limit: usize) -> String {
        format!("ce classeur compressé contient plus de {} éléments, la limite.", grouped(limit as u64))
    }
    pub fn import_limit_part(part: &str, limit: u64) -> String {
        format!("une fois décompressée, sa partie « {part} » dépasse {} Mo, la limite d'une partie.", limit >> 20)
    }
    pub fn import_limit_zip(limit: u64) -> String {
        format!("une fois décompressé, il dépasse {} Mo, la limite d'un classeur.", limit >> 20)
    }
    pub fn import_limit_cells(limit: u64) -> String {
        format!("ses feuilles contiennent plus de {} cellules, la limite.", grouped(limit))
    }
    pub fn import_limit_text(limit: u64) -> String {
        format!("ses cellules contiennent plus de {} Mo de texte, la limite.", limit >> 20)
    }
    /// 2000000 → « 2 000 000 ».
    fn grouped(n: u64) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }
    /// A UTF-8 file with invalid bytes: where they are (« ligne 3, colonne B »), the first ten.
    pub fn import_invalid_utf8(cells: &[String]) -> String {
        let mut places = cells.iter().take(10).cloned().collect::<Vec<_>>().join(" ; ");
        if cells.len() > 10 {
            places.push_str(&format!(" (et {} autres)", cells.len() - 10));
        }
        format!(
            "il est enregistré en UTF-8, mais des caractères y sont illisibles (octets invalides) : {places}. \
             Ouvrez-le dans votre tableur, corrigez ces cellules et enregistrez-le au format « CSV UTF-8 »."
        )
    }
    pub fn import_cell(line: u32, column: &str) -> String {
        format!("ligne {line}, colonne {column}")
    }
    pub fn import_no_sheet(name: &str) -> String {
        format!("La feuille « {name} » n'existe pas dans ce fichier ou elle est vide : choisissez une autre feuille.")
    }
    pub fn import_body_needed() -> String {
        "Choisissez l'instance dont les membres sont importés.".to_owned()
    }
    pub fn import_column_needed(needed: &str) -> String {
        format!("Aucune colonne n'est associée à « {needed} » : indiquez quelle colonne du fichier le contient (ou la ligne des en-têtes).")
    }
    pub fn import_unknown_value(value: &str, accepted: &str) -> String {
        format!("« {value} » n'est pas une valeur connue ; valeurs possibles : {accepted}.")
    }
    pub fn import_bad_date(value: &str) -> String {
        format!("la date « {value} » n'est pas reconnue : écrivez-la JJ/MM/AAAA (ex. : 12/03/2025).")
    }
    pub fn import_file_line(line: u32) -> String {
        format!("ligne {line} du fichier")
    }
    pub fn import_same_email() -> String {
        "même courriel".to_owned()
    }
    pub fn import_same_name() -> String {
        "même nom".to_owned()
    }
    pub fn import_same_phone() -> String {
        "même téléphone".to_owned()
    }
    pub fn import_mapping_file(path: &str, line: usize, column: usize) -> String {
        format!("Le fichier d'associations « {path} » n'est pas un JSON valide (ligne {line}, colonne {column}) : voir docs/import.md.")
    }
    pub fn import_mapping_field(code: &str, known: &str) -> String {
        format!("Champ « {code} » inconnu pour ce type de liste ; champs possibles : {known}.")
    }
    pub fn import_mapping_column(name: &str) -> String {
        format!("La colonne « {name} » n'existe pas dans la feuille (ni comme lettre, ni comme en-tête).")
    }
    pub fn import_change(label: &str, old: Option<&str>, new: &str) -> String {
        match old {
            Some(old) if !old.is_empty() => format!("{label} : {old} → {new}"),
            _ => format!("{label} : {new} (ajouté)"),
        }
    }
    pub fn import_new_post(organisation: &str, function: Option<&str>) -> String {
        match function {
            Some(f) => format!("Poste : {organisation} ({f}) (ajouté)"),
            None => format!("Poste : {organisation} (ajouté)"),
        }
    }
}
