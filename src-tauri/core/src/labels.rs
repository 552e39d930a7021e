//! French names of coded values and of the lines the core writes itself (the bilan's summary,
//! the workbook). The UI's labels are generated from these (`ui/src/lib/bindings/labels.ts`).

use crate::model::*;

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
        BodyKind::ComiteTechnique => "Comité technique",
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
        IndicatorUnit::Nombre => "nombre",
        IndicatorUnit::Pourcentage => "%",
        IndicatorUnit::Euros => "euros",
        IndicatorUnit::Heures => "heures",
        IndicatorUnit::Texte => "texte",
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
