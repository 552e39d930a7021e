//! French names of coded values and of the lines the core writes itself (the bilan's summary,
//! the workbook). The UI's labels are generated from these (`ui/src/lib/bindings/labels.ts`).

use crate::*;

pub fn sector(s: Sector) -> &'static str {
    match s {
        Sector::Public => "Public",
        Sector::Parapublic => "Parapublic",
        Sector::Associatif => "Associatif",
        Sector::Prive => "Privé",
    }
}

pub fn org_category(c: OrgCategory) -> &'static str {
    match c {
        OrgCategory::Ccas => "CCAS",
        OrgCategory::Caf => "CAF",
        OrgCategory::ConseilDepartemental => "Conseil départemental",
        OrgCategory::SecuriteSociale => "Sécurité sociale",
        OrgCategory::CentreSocial => "Centre social",
        OrgCategory::AssociationEntraide => "Association d'entraide",
        OrgCategory::Bailleur => "Bailleur",
        OrgCategory::Sante => "Santé",
        OrgCategory::Emploi => "Emploi",
        OrgCategory::Education => "Éducation",
        OrgCategory::Collectivite => "Collectivité",
        OrgCategory::Autre => "Autre",
    }
}

pub fn membership_status(s: MembershipStatus) -> &'static str {
    match s {
        MembershipStatus::Prospect => "Prospect",
        MembershipStatus::Interesse => "Intéressé",
        MembershipStatus::Membre => "Membre",
        MembershipStatus::Retire => "Retiré",
    }
}

pub fn meeting_status(s: MeetingStatus) -> &'static str {
    match s {
        MeetingStatus::Prevue => "Prévue",
        MeetingStatus::Tenue => "Tenue",
        MeetingStatus::Annulee => "Annulée",
        MeetingStatus::Reportee => "Reportée",
    }
}

pub fn body_kind(k: BodyKind) -> &'static str {
    match k {
        BodyKind::Pleniere => "Séance plénière",
        BodyKind::Copil => "Comité de pilotage",
        BodyKind::ComiteSuivi => "Comité de suivi",
        BodyKind::CommissionSuiviOrientation => "Commission de suivi et d'orientation",
        BodyKind::ComiteTechnique => "Comité technique / coordination technique",
        BodyKind::GroupeTravail => "Groupe de travail",
        BodyKind::GroupeTerrain => "Groupe de terrain",
        BodyKind::GroupeVeille => "Groupe de veille",
        BodyKind::Reseau => "Réseau",
        BodyKind::RencontreAnnuelle => "Rencontre annuelle",
        BodyKind::RencontreEtape => "Rencontre étape",
        BodyKind::Colloque => "Journée d'étude / colloque",
        BodyKind::Autre => "Autre",
    }
}

/// Plural, as a column or line heading: « Habitants ».
pub fn person_category_plural(c: PersonCategory) -> &'static str {
    match c {
        PersonCategory::Professionnel => "Professionnels",
        PersonCategory::Benevole => "Bénévoles",
        PersonCategory::Elu => "Élus",
        PersonCategory::Habitant => "Habitants",
        PersonCategory::Decideur => "Décideurs",
        PersonCategory::Intervenant => "Intervenants",
        PersonCategory::Autre => "Autres",
    }
}

pub fn right(r: RightConcerned) -> &'static str {
    match r {
        RightConcerned::Rsa => "RSA",
        RightConcerned::Aah => "AAH",
        RightConcerned::PrimeActivite => "Prime d'activité",
        RightConcerned::Apl => "APL",
        RightConcerned::Css => "CMU-C / CSS",
        RightConcerned::Retraite => "Retraite",
        RightConcerned::Autre => "Autre",
    }
}

pub fn follow_up(f: FollowUp) -> &'static str {
    match f {
        FollowUp::AlerteIndividuelle => "Alerte individuelle",
        FollowUp::AlerteCollective => "Alerte collective",
        FollowUp::Faq => "Réponse dans la FAQ",
        FollowUp::RemonteePio => "Remontée au partenariat inter-organismes",
    }
}

pub fn timescale(t: Timescale) -> &'static str {
    match t {
        Timescale::Court => "Court terme",
        Timescale::Moyen => "Moyen terme",
        Timescale::Long => "Long terme",
    }
}

pub fn action_status(s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::Proposee => "Proposée",
        ActionStatus::Validee => "Validée",
        ActionStatus::EnCours => "En cours",
        ActionStatus::Terminee => "Terminée",
        ActionStatus::Abandonnee => "Abandonnée",
    }
}

pub fn indicator_unit(u: IndicatorUnit) -> &'static str {
    match u {
        IndicatorUnit::Nombre => "Nombre",
        IndicatorUnit::Pourcentage => "Pourcentage",
        IndicatorUnit::Euros => "Euros",
        IndicatorUnit::Heures => "Heures",
        IndicatorUnit::Texte => "Texte",
    }
}

/// « Réunions tenues — séance plénière », a line of the summary.
pub fn held_of_kind(k: BodyKind) -> String {
    format!("Réunions tenues — {}", body_kind(k).to_lowercase())
}

/// « Présences — habitants », a line of the summary.
pub fn presences_of_category(c: PersonCategory) -> String {
    format!("Présences — {}", person_category_plural(c).to_lowercase())
}

/// Scope of an indicator attached to the whole network.
pub const NETWORK_SCOPE: &str = "Réseau";

/// Scope of an indicator attached to an action.
pub fn action_scope(title: &str) -> String {
    format!("Action : {title}")
}

/// A yes in a column of the workbook.
pub const YES: &str = "oui";

/// Singular, as in a form or a list: « Habitant ».
pub fn person_category(c: PersonCategory) -> &'static str {
    match c {
        PersonCategory::Professionnel => "Professionnel",
        PersonCategory::Benevole => "Bénévole",
        PersonCategory::Elu => "Élu",
        PersonCategory::Habitant => "Habitant",
        PersonCategory::Decideur => "Décideur",
        PersonCategory::Intervenant => "Intervenant",
        PersonCategory::Autre => "Autre",
    }
}

pub fn civility(c: Civility) -> &'static str {
    match c {
        Civility::Madame => "Madame",
        Civility::Monsieur => "Monsieur",
    }
}

pub fn agreement_kind(k: AgreementKind) -> &'static str {
    match k {
        AgreementKind::Charte => "Charte",
        AgreementKind::Convention => "Convention",
        AgreementKind::Protocole => "Protocole",
    }
}

pub fn member_role(r: MemberRole) -> &'static str {
    match r {
        MemberRole::Pilote => "Pilote",
        MemberRole::Copilote => "Copilote",
        MemberRole::Animateur => "Animateur",
        MemberRole::Membre => "Membre",
        MemberRole::Rapporteur => "Rapporteur",
        MemberRole::InviteNonMembre => "Invité non-membre",
    }
}

pub fn reply(r: Reply) -> &'static str {
    match r {
        Reply::EnAttente => "En attente",
        Reply::Accepte => "Accepté",
        Reply::Excuse => "Excusé",
        Reply::Decline => "Décliné",
    }
}

pub fn attendance_status(a: AttendanceStatus) -> &'static str {
    match a {
        AttendanceStatus::Present => "Présent",
        AttendanceStatus::Excuse => "Excusé",
        AttendanceStatus::Absent => "Absent",
    }
}

pub fn mailing_purpose(p: MailingPurpose) -> &'static str {
    match p {
        MailingPurpose::Invitation => "Invitation",
        MailingPurpose::Relance => "Relance",
        MailingPurpose::CompteRendu => "Compte rendu",
        MailingPurpose::Remerciement => "Remerciements",
        MailingPurpose::Annulation => "Annulation",
    }
}

pub fn mailing_audience(a: MailingAudience) -> &'static str {
    match a {
        MailingAudience::Tous => "Toutes les personnes invitées",
        MailingAudience::SansReponse => "Les personnes qui n'ont pas répondu",
        MailingAudience::PresentsExcuses => "Les présents et les excusés",
        MailingAudience::Presents => "Les présents",
    }
}

pub fn calendar_method(m: CalendarMethod) -> &'static str {
    match m {
        CalendarMethod::Publish => "À ajouter à l'agenda",
        CalendarMethod::Request => "Demande de réunion (accepter / refuser)",
    }
}

pub fn mailing_format(f: MailingFormat) -> &'static str {
    match f {
        MailingFormat::EmlCci => "brouillon e-mail (destinataires en Cci)",
        MailingFormat::EmlIndividuels => "brouillons e-mail individuels",
        MailingFormat::Ics => "invitation agenda (.ics)",
        MailingFormat::Adresses => "liste des adresses",
        MailingFormat::Lettre => "lettre imprimée",
    }
}

pub fn partner_role(r: PartnerRole) -> &'static str {
    match r {
        PartnerRole::Pilote => "Pilote",
        PartnerRole::Copilote => "Copilote",
        PartnerRole::StructureReferente => "Structure référente",
        PartnerRole::Partenaire => "Partenaire",
    }
}

pub fn action_metric(m: ActionMetric) -> &'static str {
    match m {
        ActionMetric::Benevoles => "Bénévoles impliqués",
        ActionMetric::BeneficiairesIdentifies => "Bénéficiaires identifiés",
        ActionMetric::BeneficiairesVisites => "Bénéficiaires visités",
        ActionMetric::BeneficiairesOrientes => "Bénéficiaires orientés",
    }
}

pub fn indicator_scope(s: IndicatorScope) -> &'static str {
    match s {
        IndicatorScope::Reseau => "Réseau",
        IndicatorScope::Instance => "Instance ou groupe",
        IndicatorScope::Action => "Action",
    }
}

pub fn period_kind(k: PeriodKind) -> &'static str {
    match k {
        PeriodKind::Mois => "Mois",
        PeriodKind::Trimestre => "Trimestre",
        PeriodKind::Semestre => "Semestre",
        PeriodKind::Annee => "Année",
    }
}

/// How an erased person shows wherever they appear (RGPD erasure keeps the row, not the name).
/// The fields of an imported list, as the exported lists' headers name them (the import
/// recognises them: `import::columns`).
pub fn import_field(f: ImportField) -> &'static str {
    match f {
        ImportField::OrgName => "Nom",
        ImportField::Acronym => "Sigle",
        ImportField::Sector => "Secteur",
        ImportField::OrgCategory => "Catégorie",
        ImportField::Address => "Adresse",
        ImportField::PostalCode => "Code postal",
        ImportField::Commune => "Commune",
        ImportField::Territory => "Territoire",
        ImportField::Phone => "Téléphone",
        ImportField::Mobile => "Portable",
        ImportField::Email => "Courriel",
        ImportField::Website => "Site web",
        ImportField::Missions => "Missions",
        ImportField::PublicServed => "Public accueilli",
        ImportField::Civility => "Civilité",
        ImportField::LastName => "Nom",
        ImportField::FirstName => "Prénom",
        ImportField::PersonCategory => "Catégorie",
        ImportField::Organisation => "Structure",
        ImportField::Function => "Fonction",
        ImportField::Notes => "Remarques",
        ImportField::Role => "Rôle",
        ImportField::StartDate => "Depuis",
        ImportField::EndDate => "Jusqu'au",
    }
}

pub fn import_kind(k: ImportKind) -> &'static str {
    match k {
        ImportKind::Organisations => "Organismes",
        ImportKind::People => "Personnes et leurs postes",
        ImportKind::Members => "Membres d'une instance",
    }
}

pub fn duplicate_choice(c: DuplicateChoice) -> &'static str {
    match c {
        DuplicateChoice::Skip => "Ignorer",
        DuplicateChoice::Merge => "Fusionner avec la fiche existante",
        DuplicateChoice::Create => "Créer quand même",
    }
}

/// The invitations list's own columns.
pub const LIST_REPLY: &str = "Réponse";
pub const LIST_ATTENDANCE: &str = "Présence";

pub const ERASED_PERSON: &str = "Personne effacée";

pub fn consent_status(c: ConsentStatus) -> &'static str {
    match c {
        ConsentStatus::Donne => "Accepte d'être contacté(e)",
        ConsentStatus::Retire => "Refuse d'être contacté(e)",
    }
}

pub fn consent_method(m: ConsentMethod) -> &'static str {
    match m {
        ConsentMethod::BulletinPapier => "Bulletin papier",
        ConsentMethod::Courriel => "Courriel",
        ConsentMethod::Oral => "Oralement",
        ConsentMethod::Formulaire => "Formulaire",
    }
}

pub fn journal_origin(o: JournalOrigin) -> &'static str {
    match o {
        JournalOrigin::Application => "Application",
        JournalOrigin::LigneDeCommande => "Ligne de commande",
        JournalOrigin::Import => "Import",
        JournalOrigin::Fusion => "Fusion d'une copie",
    }
}

pub fn journal_action(a: JournalAction) -> &'static str {
    match a {
        JournalAction::Creation => "Création",
        JournalAction::Modification => "Modification",
        JournalAction::Suppression => "Suppression",
        JournalAction::Effacement => "Effacement RGPD",
    }
}

/// A section of the activity report, as the report, the dashboard and the CLI title it.
pub fn report_section(s: ReportSection) -> &'static str {
    match s {
        ReportSection::Introduction => "Introduction",
        ReportSection::FaitsMarquants => "Faits marquants",
        ReportSection::Perspectives => "Perspectives",
    }
}

/// A section of a period's report: « Faits marquants — 2026 ».
pub fn report_section_of(s: ReportSection, period_label: &str) -> String {
    format!("{} — {period_label}", report_section(s))
}

/// A table's French name (merge previews, archive messages).
pub fn table(name: &str) -> &'static str {
    match name {
        "setting" => "Paramètres",
        "domain" => "Domaines de compétence",
        "organisation" => "Organismes",
        "organisation_domain" => "Domaines des organismes",
        "person" => "Personnes",
        "affiliation" => "Postes",
        "membership_event" => "Étapes d'adhésion",
        "agreement" => "Documents",
        "agreement_signatory" => "Signatures",
        "body" => "Instances",
        "body_member" => "Membres des instances",
        "meeting" => "Réunions",
        "meeting_session" => "Séances",
        "invitation" => "Invitations",
        "attendance" => "Présences",
        "mailing_log" => "Envois",
        "minutes_file" => "Fichiers de compte rendu",
        "action" => "Actions",
        "action_status_event" => "Statuts des actions",
        "action_partner" => "Partenaires des actions",
        "action_count" => "Comptages des actions",
        "indicator" => "Indicateurs",
        "indicator_value" => "Valeurs d'indicateurs",
        "report_category" => "Catégories de fiches",
        "difficulty_report" => "Fiches de difficulté",
        "difficulty_report_category" => "Catégories des fiches",
        "solicitation" => "Sollicitations",
        "solicitation_report" => "Fiches des sollicitations",
        "retention_hold" => "Conservations prolongées",
        "report_text" => "Textes du rapport",
        "journal" => "Journal",
        _ => "Autres données",
    }
}

/// A column's French name (the conflicts of a merge). Unlisted columns show their code.
pub fn column(name: &str) -> &str {
    match name {
        "name" => "Nom",
        "acronym" => "Sigle",
        "first_name" => "Prénom",
        "last_name" => "Nom",
        "civility" => "Civilité",
        "category" => "Catégorie",
        "email" => "Courriel",
        "phone" => "Téléphone",
        "website" => "Site",
        "address" => "Adresse",
        "postal_code" => "Code postal",
        "commune" => "Commune",
        "territory" => "Territoire",
        "notes" => "Remarques",
        "function" => "Fonction",
        "start_date" => "Début",
        "end_date" => "Fin",
        "is_main_contact" => "Contact principal",
        "title" => "Titre",
        "date" => "Date",
        "start_time" => "Heure de début",
        "end_time" => "Heure de fin",
        "place" => "Lieu",
        "status" => "Statut",
        "agenda" => "Ordre du jour",
        "minutes_text" => "Compte rendu",
        "file_name" => "Nom du fichier",
        "content" => "Contenu du fichier",
        "headcount" => "Visiteurs anonymes",
        "reply" => "Réponse",
        "replied_on" => "Date de réponse",
        "role" => "Rôle",
        "organisation_id" => "Organisme",
        "person_id" => "Personne",
        "value" => "Valeur",
        "deleted_at" => "Suppression",
        "archived_at" => "Archivage",
        "checked_in_at" => "Heure d'arrivée",
        "contact_consent" => "Consentement",
        "consent_date" => "Date du consentement",
        "consent_method" => "Recueilli par",
        "erased_at" => "Effacement",
        "agency_name" => "Nom de la structure",
        "reason" => "Motif",
        "text" => "Texte",
        "section" => "Partie",
        "period_start" => "Début de la période",
        "period_end" => "Fin de la période",
        other => other,
    }
}

/// Why a backup was made.
pub fn backup_reason(r: BackupReason) -> &'static str {
    use BackupReason as R;
    match r {
        R::Daily => "Quotidienne",
        R::Manual => "Manuelle",
        R::BeforeMerge => "Avant une fusion",
        R::BeforeImport => "Avant un import",
        R::BeforeMigration => "Avant une mise à jour",
        R::BeforeRestore => "Avant une restauration",
    }
}

pub struct LabelSet {
    /// Name of the TypeScript constant (`SECTORS`).
    pub constant: &'static str,
    /// Name of the ts-rs type of the codes (`Sector`).
    pub type_name: &'static str,
    pub entries: Vec<(&'static str, &'static str)>,
}

macro_rules! set {
    ($constant:literal, $ty:ident, $f:path) => {
        LabelSet { constant: $constant, type_name: stringify!($ty), entries: $ty::ALL.iter().map(|v| (v.code(), $f(*v))).collect() }
    };
}

/// Every label of every coded value the UI shows, in the enumerations' order.
pub fn all() -> Vec<LabelSet> {
    vec![
        set!("SECTORS", Sector, sector),
        set!("ORG_CATEGORIES", OrgCategory, org_category),
        set!("PERSON_CATEGORIES", PersonCategory, person_category),
        set!("PERSON_CATEGORIES_PLURAL", PersonCategory, person_category_plural),
        set!("CIVILITIES", Civility, civility),
        set!("MEMBERSHIP_STATUSES", MembershipStatus, membership_status),
        set!("AGREEMENT_KINDS", AgreementKind, agreement_kind),
        set!("BODY_KINDS", BodyKind, body_kind),
        set!("MEMBER_ROLES", MemberRole, member_role),
        set!("MEETING_STATUSES", MeetingStatus, meeting_status),
        set!("REPLIES", Reply, reply),
        set!("ATTENDANCE", AttendanceStatus, attendance_status),
        set!("MAILING_PURPOSES", MailingPurpose, mailing_purpose),
        set!("MAILING_AUDIENCES", MailingAudience, mailing_audience),
        set!("CALENDAR_METHODS", CalendarMethod, calendar_method),
        set!("MAILING_FORMATS", MailingFormat, mailing_format),
        set!("TIMESCALES", Timescale, timescale),
        set!("ACTION_STATUSES", ActionStatus, action_status),
        set!("PARTNER_ROLES", PartnerRole, partner_role),
        set!("ACTION_METRICS", ActionMetric, action_metric),
        set!("INDICATOR_UNITS", IndicatorUnit, indicator_unit),
        set!("INDICATOR_SCOPES", IndicatorScope, indicator_scope),
        set!("PERIOD_KINDS", PeriodKind, period_kind),
        set!("RIGHTS", RightConcerned, right),
        set!("FOLLOW_UPS", FollowUp, follow_up),
        set!("BACKUP_REASONS", BackupReason, backup_reason),
        set!("CONSENT_STATUSES", ConsentStatus, consent_status),
        set!("CONSENT_METHODS", ConsentMethod, consent_method),
        set!("JOURNAL_ORIGINS", JournalOrigin, journal_origin),
        set!("JOURNAL_ACTIONS", JournalAction, journal_action),
        set!("IMPORT_FIELDS", ImportField, import_field),
        set!("IMPORT_KINDS", ImportKind, import_kind),
        set!("DUPLICATE_CHOICES", DuplicateChoice, duplicate_choice),
        set!("REPORT_SECTIONS", ReportSection, report_section),
    ]
}
