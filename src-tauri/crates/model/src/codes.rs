//! Coded enumerations. The code is what SQLite stores (and checks) and what crosses IPC; French
//! labels live in the UI (`ui/src/lib/labels.ts`) and in exports.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        pub enum $name { $( #[serde(rename = $code)] $variant ),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            pub fn from_code(s: &str) -> Option<Self> {
                match s { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.code()))
            }
        }

        impl FromSql for $name {
            fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
                let s = v.as_str()?;
                $name::from_code(s).ok_or_else(|| FromSqlError::Other(
                    format!("code inconnu « {s} » pour {}", stringify!($name)).into()))
            }
        }
    };
}

code_enum!(
    /// Sector of an organisation.
    Sector { Public => "public", Parapublic => "parapublic", Associatif => "associatif", Prive => "prive" }
);

code_enum!(
    /// Category of an organisation.
    OrgCategory {
        Ccas => "ccas",
        Caf => "caf",
        ConseilDepartemental => "conseil_departemental",
        SecuriteSociale => "securite_sociale",
        CentreSocial => "centre_social",
        AssociationEntraide => "association_entraide",
        Bailleur => "bailleur",
        Sante => "sante",
        Emploi => "emploi",
        Education => "education",
        Collectivite => "collectivite",
        Autre => "autre",
    }
);

code_enum!(
    /// Category of a person: how they take part in the network.
    PersonCategory {
        Professionnel => "professionnel",
        Benevole => "benevole",
        Elu => "elu",
        Habitant => "habitant",
        Decideur => "decideur",
        Intervenant => "intervenant",
        Autre => "autre",
    }
);

code_enum!(Civility { Madame => "madame", Monsieur => "monsieur" });

code_enum!(
    /// An organisation's relation to the network, in the order it usually moves through.
    MembershipStatus { Prospect => "prospect", Interesse => "interesse", Membre => "membre", Retire => "retire" }
);

code_enum!(AgreementKind { Charte => "charte", Convention => "convention", Protocole => "protocole" });

code_enum!(
    /// Type of a body (instance).
    BodyKind {
        Pleniere => "pleniere",
        Copil => "copil",
        ComiteSuivi => "comite_suivi",
        CommissionSuiviOrientation => "commission_suivi_orientation",
        ComiteTechnique => "comite_technique",
        GroupeTravail => "groupe_travail",
        GroupeTerrain => "groupe_terrain",
        GroupeVeille => "groupe_veille",
        Reseau => "reseau",
        RencontreAnnuelle => "rencontre_annuelle",
        RencontreEtape => "rencontre_etape",
        Colloque => "colloque",
        Autre => "autre",
    }
);

code_enum!(
    /// Role of a member in a body. `InviteNonMembre` is a guest: never counted as a member.
    MemberRole {
        Pilote => "pilote",
        Copilote => "copilote",
        Animateur => "animateur",
        Membre => "membre",
        Rapporteur => "rapporteur",
        InviteNonMembre => "invite_non_membre",
    }
);

code_enum!(MeetingStatus { Prevue => "prevue", Tenue => "tenue", Annulee => "annulee", Reportee => "reportee" });

code_enum!(
    /// A reply to an invitation.
    Reply { EnAttente => "en_attente", Accepte => "accepte", Excuse => "excuse", Decline => "decline" }
);

code_enum!(AttendanceStatus { Present => "present", Excuse => "excuse", Absent => "absent" });

code_enum!(
    /// What a mailing is for; each has its usual recipients (`MailingAudience::default_for`).
    MailingPurpose {
        Invitation => "invitation",
        Relance => "relance",
        CompteRendu => "compte_rendu",
        Remerciement => "remerciement",
        Annulation => "annulation",
    }
);

code_enum!(
    /// Whom a mailing goes to, by their reply and attendance.
    MailingAudience { Tous => "tous", SansReponse => "sans_reponse", PresentsExcuses => "presents_excuses", Presents => "presents" }
);

impl MailingPurpose {
    /// Invitations and reminders invite: they carry the event (added to calendars, or a meeting
    /// request), and a cancelled meeting refuses them.
    pub fn invites(self) -> bool {
        matches!(self, Self::Invitation | Self::Relance)
    }
}

impl MailingAudience {
    /// The usual recipients of a mailing: reminders to those who have not replied, minutes to
    /// those who came or sent their apologies, thanks to those who came, the rest to everyone.
    pub fn default_for(p: MailingPurpose) -> Self {
        match p {
            MailingPurpose::Invitation | MailingPurpose::Annulation => Self::Tous,
            MailingPurpose::Relance => Self::SansReponse,
            MailingPurpose::CompteRendu => Self::PresentsExcuses,
            MailingPurpose::Remerciement => Self::Presents,
        }
    }
}

code_enum!(
    /// How the calendar file asks: PUBLISH (added to the calendar as it is) or REQUEST (a meeting
    /// request, answered with Accept/Decline to the secretariat's address).
    CalendarMethod { Publish => "publish", Request => "request" }
);

code_enum!(
    /// What was produced for the secretariat's mail client.
    MailingFormat { EmlCci => "eml_cci", EmlIndividuels => "eml_individuels", Ics => "ics", Adresses => "adresses", Lettre => "lettre" }
);

code_enum!(Timescale { Court => "court", Moyen => "moyen", Long => "long" });

code_enum!(
    ActionStatus { Proposee => "proposee", Validee => "validee", EnCours => "en_cours", Terminee => "terminee", Abandonnee => "abandonnee" }
);

code_enum!(
    PartnerRole { Pilote => "pilote", Copilote => "copilote", StructureReferente => "structure_referente", Partenaire => "partenaire" }
);

code_enum!(
    ActionMetric {
        Benevoles => "benevoles",
        BeneficiairesIdentifies => "beneficiaires_identifies",
        BeneficiairesVisites => "beneficiaires_visites",
        BeneficiairesOrientes => "beneficiaires_orientes",
    }
);

code_enum!(IndicatorUnit { Nombre => "nombre", Pourcentage => "pourcentage", Euros => "euros", Heures => "heures", Texte => "texte" });

code_enum!(IndicatorScope { Reseau => "reseau", Instance => "instance", Action => "action" });

code_enum!(PeriodKind { Mois => "mois", Trimestre => "trimestre", Semestre => "semestre", Annee => "annee" });

code_enum!(
    RightConcerned { Rsa => "rsa", Aah => "aah", PrimeActivite => "prime_activite", Apl => "apl", Css => "css", Retraite => "retraite", Autre => "autre" }
);

code_enum!(
    FollowUp { AlerteIndividuelle => "alerte_individuelle", AlerteCollective => "alerte_collective", Faq => "faq", RemonteePio => "remontee_pio" }
);

code_enum!(
    /// A person's consent to be contacted by the network (invitations, minutes).
    ConsentStatus { Donne => "donne", Retire => "retire" }
);

code_enum!(
    /// How a consent was given or withdrawn.
    ConsentMethod { BulletinPapier => "bulletin_papier", Courriel => "courriel", Oral => "oral", Formulaire => "formulaire" }
);

code_enum!(
    /// Where a change recorded in the journal came from.
    JournalOrigin { Application => "application", LigneDeCommande => "ligne_de_commande", Import => "import", Fusion => "fusion" }
);

code_enum!(
    /// What a change recorded in the journal did.
    JournalAction { Creation => "creation", Modification => "modification", Suppression => "suppression", Effacement => "effacement" }
);

code_enum!(
    /// The fields a column of an imported file can fill. Their French names (the exported lists'
    /// headers, which the import recognises) are in `labels::import_field`.
    ImportField {
        OrgName => "org_name",
        Acronym => "acronym",
        Sector => "sector",
        OrgCategory => "org_category",
        Address => "address",
        PostalCode => "postal_code",
        Commune => "commune",
        Territory => "territory",
        Phone => "phone",
        Mobile => "mobile",
        Email => "email",
        Website => "website",
        Missions => "missions",
        PublicServed => "public_served",
        Civility => "civility",
        LastName => "last_name",
        FirstName => "first_name",
        PersonCategory => "person_category",
        Organisation => "organisation",
        Function => "function",
        Notes => "notes",
        Role => "role",
        StartDate => "start_date",
        EndDate => "end_date",
    }
);

code_enum!(
    /// A section of the activity report written by the secretariat (table `report_text`), in the
    /// order the report prints them.
    ReportSection { Introduction => "introduction", FaitsMarquants => "faits_marquants", Perspectives => "perspectives" }
);
