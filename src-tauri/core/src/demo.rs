//! The demonstration database: a fictional but realistic network of about 120 organisations and
//! 300 people around a town of Corrèze, so that a new user sees a living directory on first launch.
//! Every record goes through the same query functions as the UI (so it is valid by construction),
//! all inside one transaction. The generator is seeded: the same data every time.

use chrono::Datelike;
use rusqlite::{Connection, OptionalExtension};

use crate::db::write_tx;
use crate::error::{Error, Result};
use crate::model::*;
use crate::queries::{
    actions, affiliations, agreements, attendance, bodies, body_members, domains, indicators, invitations, meetings, memberships,
    organisations, persons, settings, watch,
};

/// What `generate` created, for the CLI to report.
#[derive(Debug, Default)]
pub struct DemoSummary {
    pub organisations: usize,
    pub people: usize,
    pub affiliations: usize,
    pub membership_events: usize,
    pub signatures: usize,
    pub bodies: usize,
    pub meetings: usize,
    pub invitations: usize,
    pub attendance: usize,
}

const COMMUNES: &[(&str, &str, &str)] = &[
    ("Brive-la-Gaillarde", "19100", "Brive centre"),
    ("Malemort", "19360", "Brive est"),
    ("Ussac", "19270", "Brive nord"),
    ("Saint-Pantaléon-de-Larche", "19600", "Brive ouest"),
    ("Cosnac", "19360", "Brive est"),
    ("Varetz", "19240", "Brive nord"),
    ("Allassac", "19240", "Brive nord"),
    ("Objat", "19130", "Bassin d'Objat"),
    ("Donzenac", "19270", "Brive nord"),
    ("Larche", "19600", "Brive ouest"),
    ("Juillac", "19350", "Bassin d'Objat"),
    ("Meyssac", "19500", "Brive sud"),
];

const STREETS: &[&str] = &[
    "rue de la République", "avenue Jean-Jaurès", "place du 14-Juillet", "rue Gambetta", "boulevard Voltaire",
    "rue des Écoles", "avenue de Paris", "rue Émile-Zola", "place de la Mairie", "rue du Docteur-Massénat",
    "avenue Édouard-Herriot", "rue Louis-Pasteur", "chemin des Vignes", "rue de l'Église", "allée des Tilleuls",
];

const FIRST_F: &[&str] = &[
    "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Sandrine", "Valérie", "Céline", "Sophie", "Aurélie",
    "Émilie", "Julie", "Camille", "Léa", "Chloé", "Hélène", "Françoise", "Martine", "Monique", "Brigitte",
    "Christelle", "Élodie", "Laëtitia", "Agnès", "Béatrice", "Karima", "Fatima", "Inès", "Mélanie", "Noémie",
];
const FIRST_M: &[&str] = &[
    "Jean", "Pierre", "Michel", "Philippe", "Alain", "Nicolas", "Christophe", "Laurent", "Frédéric", "Stéphane",
    "David", "Julien", "Thomas", "Sébastien", "Olivier", "François", "Éric", "Bernard", "Jacques", "Patrick",
    "Mehdi", "Karim", "Hugo", "Lucas", "Antoine", "Mathieu", "Gérard", "Raphaël", "Yannick", "Jérôme",
];
const LAST: &[&str] = &[
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
    "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
    "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez",
    "Faure", "Chastang", "Delmas", "Lachaud", "Vergne", "Bourdarias", "Laval", "Mazeyrie", "Peyrat", "Soulier",
    "Besse", "Combe", "Lagarde", "Rivière", "Tronche", "Vialle", "Boudy", "Cheyrou", "Murat", "Rouffie",
    "Benali", "Haddad", "Nguyen", "Da Silva", "Pereira", "Meunier", "Brunet", "Blanc", "Guérin", "Boyer",
];

/// Domain ids seeded by migration 0001.
mod dom {
    pub const ACCUEIL: &str = "0190c000-0000-7000-8000-000000000001";
    pub const URGENCE: &str = "0190c000-0000-7000-8000-000000000002";
    pub const MATERIELLE: &str = "0190c000-0000-7000-8000-000000000003";
    pub const LOGEMENT: &str = "0190c000-0000-7000-8000-000000000004";
    pub const SANTE: &str = "0190c000-0000-7000-8000-000000000005";
    pub const EMPLOI: &str = "0190c000-0000-7000-8000-000000000006";
    pub const FORMATION: &str = "0190c000-0000-7000-8000-000000000007";
    pub const EDUCATION: &str = "0190c000-0000-7000-8000-000000000008";
    pub const PETITE_ENFANCE: &str = "0190c000-0000-7000-8000-000000000009";
    pub const AGEES: &str = "0190c000-0000-7000-8000-00000000000a";
    pub const HANDICAP: &str = "0190c000-0000-7000-8000-00000000000b";
    pub const DROITS: &str = "0190c000-0000-7000-8000-00000000000c";
    pub const NUMERIQUE: &str = "0190c000-0000-7000-8000-00000000000d";
    pub const JEUNESSE: &str = "0190c000-0000-7000-8000-00000000000e";
    pub const FAMILLE: &str = "0190c000-0000-7000-8000-00000000000f";
}

struct OrgSpec {
    name: String,
    acronym: Option<&'static str>,
    sector: Sector,
    category: OrgCategory,
    commune: usize,
    domains: Vec<&'static str>,
    missions: &'static str,
    public: &'static str,
    access: &'static str,
    parent: Option<usize>,
    /// Functions of the staff or volunteers generated for it.
    staff: &'static [&'static str],
    staff_kind: PersonCategory,
}

// One row of the demo table; named arguments would triple the table's length.
#[allow(clippy::too_many_arguments)]
fn spec(
    name: impl Into<String>,
    acronym: Option<&'static str>,
    sector: Sector,
    category: OrgCategory,
    commune: usize,
    domains: &[&'static str],
    texts: (&'static str, &'static str, &'static str),
    staff: &'static [&'static str],
    staff_kind: PersonCategory,
) -> OrgSpec {
    OrgSpec {
        name: name.into(),
        acronym,
        sector,
        category,
        commune,
        domains: domains.to_vec(),
        missions: texts.0,
        public: texts.1,
        access: texts.2,
        parent: None,
        staff,
        staff_kind,
    }
}

fn org_specs() -> Vec<OrgSpec> {
    use OrgCategory as C;
    use PersonCategory as P;
    use Sector as S;
    let pro = P::Professionnel;
    let ben = P::Benevole;
    let mut v = vec![
        spec("Centre communal d'action sociale de Brive", Some("CCAS"), S::Public, C::Ccas, 0,
            &[dom::ACCUEIL, dom::URGENCE, dom::AGEES, dom::DROITS],
            ("Accueil, information et orientation ; aides facultatives ; domiciliation ; coordination du réseau.",
             "Habitants de Brive, en particulier personnes isolées, âgées ou en difficulté.",
             "Accueil du lundi au vendredi, 8 h 30 – 17 h, sans rendez-vous ; permanences en quartier."),
            &["Directrice", "Coordinatrice du réseau", "Travailleuse sociale", "Agent d'accueil", "Chargée de mission", "Travailleur social"], pro),
        spec("Caisse d'allocations familiales de la Corrèze", Some("CAF"), S::Parapublic, C::Caf, 0,
            &[dom::DROITS, dom::FAMILLE, dom::LOGEMENT, dom::NUMERIQUE],
            ("Versement des prestations familiales et sociales ; accompagnement des familles ; action sociale.",
             "Allocataires et familles du département.",
             "Sur rendez-vous en agence ou au point d'accueil numérique."),
            &["Conseillère référente partenariats", "Travailleuse sociale", "Responsable d'agence", "Conseiller service à l'usager"], pro),
        spec("Conseil départemental de la Corrèze", Some("CD19"), S::Public, C::ConseilDepartemental, 0,
            &[dom::ACCUEIL, dom::AGEES, dom::HANDICAP, dom::PETITE_ENFANCE, dom::EMPLOI],
            ("Solidarités départementales : RSA, APA, PCH, protection de l'enfance, PMI.",
             "Habitants du département.",
             "Par les maisons départementales de la solidarité."),
            &["Directeur de l'action sociale", "Chargée de mission insertion"], pro),
        spec("Caisse primaire d'assurance maladie de la Corrèze", Some("CPAM"), S::Parapublic, C::SecuriteSociale, 0,
            &[dom::SANTE, dom::DROITS],
            ("Assurance maladie, complémentaire santé solidaire, accompagnement des assurés en difficulté.",
             "Assurés sociaux.", "Accueil sur rendez-vous ; mission accompagnement santé."),
            &["Conseillère mission accompagnement santé", "Responsable accueil"], pro),
        spec("Mutualité sociale agricole du Limousin", Some("MSA"), S::Parapublic, C::SecuriteSociale, 0,
            &[dom::SANTE, dom::DROITS, dom::AGEES],
            ("Protection sociale du monde agricole.", "Exploitants et salariés agricoles.", "Sur rendez-vous."),
            &["Travailleuse sociale"], pro),
        spec("CARSAT Centre-Ouest, agence retraite de Brive", Some("CARSAT"), S::Parapublic, C::SecuriteSociale, 0,
            &[dom::AGEES, dom::DROITS],
            ("Retraite du régime général, prévention de la perte d'autonomie.", "Retraités et futurs retraités.",
             "Sur rendez-vous."), &["Assistante sociale"], pro),
        spec("France Travail, agence de Brive", None, S::Public, C::Emploi, 0, &[dom::EMPLOI, dom::FORMATION],
            ("Accompagnement des demandeurs d'emploi, indemnisation.", "Demandeurs d'emploi.", "Sur rendez-vous."),
            &["Conseillère emploi", "Conseiller emploi", "Directeur d'agence"], pro),
        spec("Mission locale de l'arrondissement de Brive", None, S::Associatif, C::Emploi, 0,
            &[dom::EMPLOI, dom::JEUNESSE, dom::FORMATION, dom::LOGEMENT],
            ("Accompagnement global des jeunes vers l'emploi et l'autonomie.", "Jeunes de 16 à 25 ans.",
             "Sans rendez-vous le matin."), &["Conseillère en insertion", "Directrice"], pro),
        spec("Office public de l'habitat de Brive", Some("OPH"), S::Public, C::Bailleur, 0, &[dom::LOGEMENT],
            ("Gestion de logements sociaux, accompagnement des locataires.", "Locataires et demandeurs de logement social.",
             "Accueil en agence."), &["Conseillère sociale", "Chargé de gestion locative"], pro),
        spec("Union départementale des associations familiales", Some("UDAF"), S::Parapublic, C::AssociationEntraide, 0,
            &[dom::FAMILLE, dom::DROITS],
            ("Représentation des familles ; service des tutelles ; point conseil budget.", "Familles, majeurs protégés.",
             "Sur rendez-vous."), &["Mandataire judiciaire", "Conseillère en économie sociale et familiale"], pro),
        spec("Centre hospitalier de Brive", None, S::Public, C::Sante, 0, &[dom::SANTE],
            ("Soins ; permanence d'accès aux soins de santé (PASS).", "Tout public.", "PASS sans rendez-vous."),
            &["Assistante sociale hospitalière"], pro),
        spec("Centre médico-psychologique adultes", Some("CMP"), S::Public, C::Sante, 0, &[dom::SANTE, dom::HANDICAP],
            ("Consultations de santé mentale.", "Adultes du secteur.", "Sur rendez-vous."), &["Infirmier", "Assistante sociale"], pro),
        spec("Point Infos Familles", Some("PIF"), S::Public, C::Collectivite, 0, &[dom::FAMILLE, dom::DROITS],
            ("Information des familles.", "Familles.", "Accueil libre."), &["Animatrice"], pro),
        spec("Communauté d'agglomération du Bassin de Brive", None, S::Public, C::Collectivite, 0,
            &[dom::LOGEMENT, dom::JEUNESSE], ("Politique de la ville, habitat, transports.", "Habitants de l'agglomération.", ""),
            &["Cheffe de projet politique de la ville"], pro),
        spec("Secours populaire français, comité de Brive", None, S::Associatif, C::AssociationEntraide, 0,
            &[dom::URGENCE, dom::MATERIELLE],
            ("Aide alimentaire, vestimentaire, vacances, accès à la culture.", "Personnes en situation de précarité.",
             "Permanences mardi et jeudi après-midi."), &["Secrétaire général", "Bénévole accueil", "Bénévole"], ben),
        spec("Secours catholique, équipe de Brive", None, S::Associatif, C::AssociationEntraide, 0,
            &[dom::URGENCE, dom::MATERIELLE, dom::ACCUEIL],
            ("Accueil de jour, accompagnement, aides ponctuelles.", "Personnes isolées et en précarité.", "Accueil le matin."),
            &["Responsable d'équipe", "Bénévole accueil"], ben),
        spec("Les Restaurants du cœur, centre de Brive", None, S::Associatif, C::AssociationEntraide, 0,
            &[dom::URGENCE, dom::MATERIELLE],
            ("Distribution alimentaire, aide à la personne.", "Personnes sous un plafond de ressources.", "Inscription sur justificatifs."),
            &["Responsable de centre", "Bénévole"], ben),
        spec("Croix-Rouge française, unité locale de Brive", None, S::Associatif, C::AssociationEntraide, 0,
            &[dom::URGENCE, dom::SANTE], ("Secourisme, aide alimentaire, maraude.", "Tout public.", ""),
            &["Président de l'unité locale", "Bénévole maraude"], ben),
        spec("Les Petits Frères des pauvres, équipe de Brive", None, S::Associatif, C::AssociationEntraide, 0,
            &[dom::AGEES], ("Lutte contre l'isolement des personnes âgées.", "Personnes de plus de 50 ans isolées.", ""),
            &["Coordinatrice bénévole", "Bénévole visiteur"], ben),
        spec("Centre d'information sur les droits des femmes et des familles", Some("CIDFF"), S::Associatif, C::AssociationEntraide, 0,
            &[dom::DROITS, dom::FAMILLE], ("Information juridique, accompagnement des victimes.", "Femmes et familles.", "Sur rendez-vous."),
            &["Juriste"], pro),
        spec("APF France handicap, délégation de la Corrèze", Some("APF"), S::Associatif, C::AssociationEntraide, 0,
            &[dom::HANDICAP], ("Défense des droits des personnes en situation de handicap.", "Personnes handicapées et proches.", ""),
            &["Chargée de développement des actions associatives"], pro),
        spec("ADAPEI de la Corrèze", Some("ADAPEI"), S::Associatif, C::AssociationEntraide, 0, &[dom::HANDICAP, dom::EMPLOI],
            ("Établissements et services pour personnes en situation de handicap mental.", "Enfants et adultes handicapés.", ""),
            &["Directrice de pôle"], pro),
        spec("Banque alimentaire de la Corrèze", None, S::Associatif, C::AssociationEntraide, 0, &[dom::URGENCE, dom::MATERIELLE],
            ("Collecte et redistribution de denrées aux associations.", "Associations partenaires.", ""), &["Président"], ben),
        spec("Écrivains publics solidaires", None, S::Associatif, C::AssociationEntraide, 0, &[dom::DROITS, dom::NUMERIQUE],
            ("Aide à la rédaction de courriers et aux démarches en ligne.", "Tout public.", "Permanences hebdomadaires, anonymes et gratuites."),
            &["Écrivain public bénévole"], ben),
        spec("Emmaüs Brive", None, S::Associatif, C::AssociationEntraide, 0, &[dom::MATERIELLE, dom::EMPLOI],
            ("Accueil de compagnons, ressourcerie.", "Tout public.", ""), &["Responsable"], ben),
        spec("Solidar'Auto Corrèze", None, S::Associatif, C::Emploi, 0, &[dom::EMPLOI],
            ("Garage solidaire, location de véhicules pour l'emploi.", "Personnes en insertion.", "Sur orientation."), &["Directeur"], pro),
        spec("Entreprise d'insertion Recyclerie du Bassin", None, S::Prive, C::Emploi, 2, &[dom::EMPLOI, dom::FORMATION],
            ("Insertion par l'activité économique.", "Personnes éloignées de l'emploi.", "Sur orientation."), &["Encadrant technique"], pro),
        spec("Pharmacie du Centre", None, S::Prive, C::Sante, 0, &[dom::SANTE], ("Officine partenaire du dispositif de veille.", "", ""), &["Pharmacienne titulaire"], pro),
        spec("Aide à domicile en milieu rural, antenne de Brive", Some("ADMR"), S::Associatif, C::Sante, 0, &[dom::AGEES, dom::HANDICAP],
            ("Aide et soins à domicile.", "Personnes âgées et dépendantes.", ""), &["Responsable de secteur"], pro),
        spec("Familles laïques de la Corrèze", None, S::Associatif, C::AssociationEntraide, 0, &[dom::FAMILLE, dom::EDUCATION],
            ("Accompagnement à la scolarité, parentalité.", "Familles.", ""), &["Présidente"], ben),
        spec("Collège Jean-Moulin", None, S::Public, C::Education, 0, &[dom::EDUCATION, dom::JEUNESSE],
            ("Enseignement secondaire.", "Élèves de 11 à 15 ans.", ""), &["Assistante sociale scolaire", "Principal"], pro),
        spec("Médiathèque intercommunale", None, S::Public, C::Collectivite, 0, &[dom::NUMERIQUE, dom::EDUCATION],
            ("Lecture publique, ateliers numériques.", "Tout public.", "Entrée libre."), &["Médiatrice numérique"], pro),
        spec("Maison de l'emploi et de la formation", Some("MEF"), S::Parapublic, C::Emploi, 0, &[dom::EMPLOI, dom::FORMATION],
            ("Coordination des acteurs de l'emploi.", "Demandeurs d'emploi, entreprises.", ""), &["Chargé de mission"], pro),
        spec("Adoma, résidence de Brive", None, S::Parapublic, C::Bailleur, 0, &[dom::LOGEMENT],
            ("Résidences sociales, hébergement.", "Personnes isolées à faibles ressources.", "Sur orientation SIAO."), &["Responsable de résidence"], pro),
        spec("Crèche associative Les Petits Pas", None, S::Associatif, C::Education, 0, &[dom::PETITE_ENFANCE],
            ("Accueil du jeune enfant.", "Enfants de 10 semaines à 4 ans.", ""), &["Directrice"], pro),
        spec("Atelier santé ville", Some("ASV"), S::Public, C::Sante, 0, &[dom::SANTE, dom::DROITS],
            ("Promotion de la santé dans les quartiers prioritaires.", "Habitants des quartiers.", ""), &["Coordinatrice"], pro),
    ];
    // Local offices of the Conseil départemental, attached to it.
    for (i, (town, _)) in [("Brive ouest", 0), ("Brive est", 1), ("Objat", 7), ("Meyssac", 11)].iter().enumerate() {
        let commune = [0, 1, 7, 11][i];
        let mut s = spec(format!("Maison départementale de la solidarité — {town}"), Some("MDS"), S::Public,
            C::ConseilDepartemental, commune, &[dom::ACCUEIL, dom::PETITE_ENFANCE, dom::DROITS],
            ("Service social départemental, PMI, insertion.", "Habitants du secteur.", "Sur rendez-vous."),
            &["Assistante sociale de secteur", "Conseillère en économie sociale et familiale", "Responsable de MDS"], pro);
        s.parent = Some(2);
        v.push(s);
    }
    // Centres sociaux in four communes.
    for (name, commune) in [("Centre social des Chapélies", 0), ("Centre social Raoul-Dautry", 0), ("Centre social de Malemort", 1), ("Espace de vie sociale d'Objat", 7)] {
        v.push(spec(name, None, S::Associatif, C::CentreSocial, commune,
            &[dom::FAMILLE, dom::JEUNESSE, dom::NUMERIQUE, dom::ACCUEIL],
            ("Animation de la vie sociale, accueil, ateliers, accompagnement à la scolarité.", "Habitants du quartier.", "Accueil libre."),
            &["Directeur", "Animatrice famille", "Référente accueil"], pro));
    }
    // Every commune has a CCAS or a town hall's social service, a club of elders, and a school;
    // the larger ones an association of mutual help.
    for (i, (commune, _, _)) in COMMUNES.iter().enumerate().skip(1) {
        v.push(spec(format!("CCAS de {commune}"), Some("CCAS"), S::Public, C::Ccas, i,
            &[dom::ACCUEIL, dom::AGEES, dom::URGENCE],
            ("Accueil social, aides facultatives, portage de repas.", "Habitants de la commune.", "En mairie, sur rendez-vous."),
            &["Adjointe aux affaires sociales", "Secrétaire du CCAS"], P::Elu));
        v.push(spec(format!("Mairie de {commune}"), None, S::Public, C::Collectivite, i, &[dom::JEUNESSE],
            ("Services municipaux.", "Habitants.", ""), &["Maire", "Conseiller municipal délégué à la jeunesse"], P::Elu));
        v.push(spec(format!("Club des aînés de {commune}"), None, S::Associatif, C::AssociationEntraide, i, &[dom::AGEES],
            ("Activités et sorties pour rompre l'isolement.", "Retraités.", "Adhésion annuelle."), &["Président", "Bénévole"], ben));
        v.push(spec(format!("École élémentaire de {commune}"), None, S::Public, C::Education, i, &[dom::EDUCATION],
            ("Enseignement du premier degré.", "Enfants de 6 à 11 ans.", ""), &["Directrice d'école"], pro));
        if i <= 8 {
            v.push(spec(format!("Entraide solidaire de {commune}"), None, S::Associatif, C::AssociationEntraide, i,
                &[dom::MATERIELLE, dom::AGEES], ("Visites à domicile, petits services.", "Personnes isolées.", ""),
                &["Présidente", "Bénévole visiteuse"], ben));
        }
        if i <= 4 {
            v.push(spec(format!("Association des habitants de {commune}"), None, S::Associatif, C::Autre, i,
                &[dom::JEUNESSE, dom::FAMILLE], ("Animation de quartier.", "Habitants.", ""), &["Président"], ben));
        }
        if i <= 7 {
            v.push(spec(format!("Relais petite enfance de {commune}"), Some("RPE"), S::Public, C::Collectivite, i,
                &[dom::PETITE_ENFANCE, dom::FAMILLE], ("Information des parents et des assistants maternels.", "Familles, assistants maternels.", "Sur rendez-vous."),
                &["Animatrice du relais"], pro));
        }
        if (2..=8).contains(&i) {
            v.push(spec(format!("Maison de santé pluriprofessionnelle de {commune}"), Some("MSP"), S::Prive, C::Sante, i,
                &[dom::SANTE], ("Soins de premier recours, prévention.", "Patients du territoire.", ""), &["Coordinatrice de la maison de santé"], pro));
        }
        if matches!(i, 1 | 3 | 7) {
            v.push(spec(format!("Résidence autonomie de {commune}"), None, S::Public, C::Sante, i, &[dom::AGEES, dom::LOGEMENT],
                ("Logements pour personnes âgées autonomes.", "Personnes de plus de 60 ans.", "Sur dossier."), &["Directrice"], pro));
            v.push(spec(format!("Antenne du Secours populaire de {commune}"), None, S::Associatif, C::AssociationEntraide, i,
                &[dom::URGENCE, dom::MATERIELLE], ("Aide alimentaire.", "Familles en difficulté.", ""), &["Bénévole"], ben));
        }
    }
    v
}

/// French job titles agree with the person: "Directrice" for a woman, "Directeur" for a man.
const TITLE_FORMS: &[(&str, &str)] = &[
    ("Directrice", "Directeur"), ("Adjointe", "Adjoint"), ("Coordinatrice", "Coordinateur"),
    ("Conseillère", "Conseiller"), ("Travailleuse sociale", "Travailleur social"), ("Animatrice", "Animateur"),
    ("Chargée", "Chargé"), ("Présidente", "Président"), ("Assistante sociale", "Assistant social"),
    ("Infirmière", "Infirmier"), ("Médiatrice", "Médiateur"), ("Principale", "Principal"),
    ("Pharmacienne", "Pharmacien"), ("visiteuse", "visiteur"), ("Référente", "Référent"), ("Cheffe", "Chef"),
    ("Encadrante", "Encadrant"), ("Secrétaire générale", "Secrétaire général"), ("hospitalière", "hospitalier"),
    ("Juriste", "Juriste"), ("Responsable", "Responsable"),
];

fn agree(function: &str, female: bool) -> String {
    let mut out = function.to_owned();
    for (f, m) in TITLE_FORMS {
        let (from, to) = if female { (m, f) } else { (f, m) };
        // Replace whole words only ("Chargé" must not turn "Chargée" into "Chargéee").
        out = out
            .split(' ')
            .map(|w| if w == *from { to.to_string() } else { w.to_string() })
            .collect::<Vec<_>>()
            .join(" ");
        if from.contains(' ') {
            out = out.replace(from, to);
        }
    }
    out
}

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

fn ascii_slug(s: &str) -> String {
    crate::text::fold(s).chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect()
}

/// Fills an empty database with the demonstration network. Refused on a database with data.
pub fn generate(conn: &Connection, path_for_message: &str) -> Result<DemoSummary> {
    // Checked inside the write transaction (BEGIN IMMEDIATE): of two runs at once, the second
    // waits for the first, then finds the database filled and says so.
    let tx = write_tx(conn)?;
    let has_data: bool = tx.query_row("SELECT EXISTS(SELECT 1 FROM organisation) OR EXISTS(SELECT 1 FROM person)", [], |r| r.get(0))?;
    if has_data {
        return Err(Error::NotEmpty { path: path_for_message.to_owned() });
    }
    let mut rng = fastrand::Rng::with_seed(19100);
    let mut sum = DemoSummary::default();
    let year = chrono::Local::now().year();
    let date = |y: i32, m: u32, d: u32| format!("{y:04}-{m:02}-{d:02}");
    let known_domains: Vec<String> = domains::list(&tx)?.into_iter().map(|d| d.id).collect();
    debug_assert!(known_domains.iter().any(|d| d == dom::FAMILLE));

    let specs = org_specs();
    let mut org_ids: Vec<String> = Vec::with_capacity(specs.len());
    let mut used_emails = std::collections::HashSet::new();
    for s in &specs {
        let (commune, postal, territory) = COMMUNES[s.commune];
        let slug = ascii_slug(s.acronym.unwrap_or(&s.name)).chars().take(18).collect::<String>();
        let domain = format!("{}-{}.fr", slug, ascii_slug(commune).split('-').next().unwrap_or("brive"));
        let text = |t: &str| (!t.is_empty()).then(|| t.to_owned());
        let org = organisations::create(&tx, OrganisationInput {
            name: s.name.clone(),
            acronym: s.acronym.map(str::to_owned),
            sector: Some(s.sector),
            category: Some(s.category),
            parent_id: s.parent.map(|p| org_ids[p].clone()),
            address: Some(format!("{} {}", rng.u32(1..80), pick(&mut rng, STREETS))),
            postal_code: Some(postal.to_owned()),
            commune: Some(commune.to_owned()),
            territory: Some(territory.to_owned()),
            phone: Some(format!("05 55 {:02} {:02} {:02}", rng.u32(10..99), rng.u32(0..99), rng.u32(0..99))),
            email: Some(format!("contact@{domain}")).filter(|e| used_emails.insert(e.clone())),
            website: (rng.u8(0..3) > 0).then(|| format!("www.{domain}")),
            missions: text(s.missions),
            public_served: text(s.public),
            access_conditions: text(s.access),
            partnership_expectations: (rng.u8(0..2) == 0).then(|| "Mieux connaître les partenaires du territoire pour orienter sans renvoyer de guichet en guichet.".to_owned()),
            partnership_limits: (rng.u8(0..3) == 0).then(|| "Pas de transmission d'informations nominatives sans accord de la personne.".to_owned()),
            domain_ids: s.domains.iter().map(|d| d.to_string()).collect(),
        })?;
        org_ids.push(org.id);
    }
    sum.organisations = org_ids.len();

    // People: staff and volunteers of the organisations, then inhabitants and guests.
    let mut people: Vec<(String, usize)> = Vec::new(); // (person id, organisation index)
    let mut new_person = |tx: &Connection, rng: &mut fastrand::Rng, category: PersonCategory, email_domain: Option<&str>, first_only: bool| -> Result<(String, bool)> {
        let female = rng.bool();
        let first = *pick(rng, if female { FIRST_F } else { FIRST_M });
        let last = *pick(rng, LAST);
        let email = email_domain.map(|d| format!("{}.{}@{d}", ascii_slug(first), ascii_slug(last)))
            .filter(|e| used_emails.insert(e.clone()));
        let p = persons::create(tx, PersonInput {
            civility: (!first_only).then_some(if female { Civility::Madame } else { Civility::Monsieur }),
            first_name: Some(first.to_owned()),
            last_name: (!first_only).then(|| last.to_owned()),
            category: Some(category),
            email,
            phone: (!first_only && rng.u8(0..3) > 0).then(|| format!("06 {:02} {:02} {:02} {:02}", rng.u32(10..99), rng.u32(0..99), rng.u32(0..99), rng.u32(0..99))),
            notes: None,
            // Inhabitants sign a paper form at their first meeting (requirements, scenario 8).
            contact_consent: first_only.then_some(ConsentStatus::Donne),
            consent_date: first_only.then(|| format!("{:04}-01-{:02}", year - 1, rng.u32(5..28))),
            consent_method: first_only.then_some(ConsentMethod::BulletinPapier),
        })?;
        Ok((p.id, female))
    };
    for (oi, s) in specs.iter().enumerate() {
        let slug = ascii_slug(s.acronym.unwrap_or(&s.name)).chars().take(18).collect::<String>();
        let email_domain = format!("{slug}-{}.fr", oi);
        for (k, function) in s.staff.iter().enumerate() {
            // Elected officials hold the first post of a CCAS or town hall; the rest are staff.
            let cat = if s.staff_kind == PersonCategory::Elu && k > 0 && s.category == OrgCategory::Ccas {
                PersonCategory::Professionnel
            } else if function.starts_with("Direct") || function.starts_with("Responsable") || function.starts_with("Principal") {
                PersonCategory::Decideur
            } else {
                s.staff_kind
            };
            let (pid, female) = new_person(&tx, &mut rng, cat, Some(&email_domain), false)?;
            affiliations::create(&tx, AffiliationInput {
                person_id: pid.clone(),
                organisation_id: org_ids[oi].clone(),
                function: Some(agree(function, female)),
                start_date: Some(date(year - rng.i32(0..8), rng.u32(1..13), rng.u32(1..29))),
                end_date: None,
                is_main_contact: k == 0,
            })?;
            sum.affiliations += 1;
            people.push((pid, oi));
        }
    }
    // Staff turnover: some agents left in the previous year and a successor took the post.
    for k in 0..18 {
        let (pid, oi) = people[(k * 7 + 3) % people.len()].clone();
        let person = persons::get(&tx, &pid)?;
        let post = &person.affiliations[0];
        let left = date(year - 1, rng.u32(1..13), rng.u32(1..29));
        let started = post.start_date.clone().filter(|s| s < &left).or(Some(date(year - 3, 1, 15)));
        affiliations::update(&tx, &post.id, AffiliationInput {
            person_id: pid.clone(), organisation_id: post.organisation_id.clone(), function: post.function.clone(),
            start_date: started, end_date: Some(left.clone()), is_main_contact: false,
        })?;
        let slug = format!("remplacement-{oi}.fr");
        let (successor, female) = new_person(&tx, &mut rng, person.category, Some(&slug), false)?;
        affiliations::create(&tx, AffiliationInput {
            person_id: successor, organisation_id: post.organisation_id.clone(), function: post.function.as_deref().map(|f| agree(f, female)),
            start_date: Some(left), end_date: None, is_main_contact: post.is_main_contact,
        })?;
        sum.affiliations += 1;
        // Half of those who left moved to another partner: their history stays in both.
        if k % 2 == 0 {
            let other = (oi + 11) % org_ids.len();
            let female = person.civility == Some(Civility::Madame);
            affiliations::create(&tx, AffiliationInput {
                person_id: pid, organisation_id: org_ids[other].clone(), function: Some(agree("Chargé de mission", female)),
                start_date: Some(date(year, 1, 2)), end_date: None, is_main_contact: false,
            })?;
            sum.affiliations += 1;
        }
    }
    // Volunteers of associations with no listed volunteers, inhabitants (first name only, as data
    // minimisation asks), speakers and others.
    let associations: Vec<usize> = specs.iter().enumerate().filter(|(_, s)| s.sector == Sector::Associatif).map(|(i, _)| i).collect();
    for k in 0..40 {
        let oi = associations[k % associations.len()];
        let (pid, _) = new_person(&tx, &mut rng, PersonCategory::Benevole, None, false)?;
        affiliations::create(&tx, AffiliationInput {
            person_id: pid, organisation_id: org_ids[oi].clone(), function: Some("Bénévole".into()),
            start_date: Some(date(year - rng.i32(0..4), rng.u32(1..13), 1)), end_date: None, is_main_contact: false,
        })?;
        sum.affiliations += 1;
    }
    for _ in 0..32 {
        new_person(&tx, &mut rng, PersonCategory::Habitant, None, true)?;
    }
    for _ in 0..10 {
        new_person(&tx, &mut rng, PersonCategory::Intervenant, Some("universite-limoges.fr"), false)?;
    }
    for _ in 0..5 {
        new_person(&tx, &mut rng, PersonCategory::Autre, None, false)?;
    }
    sum.people = tx.query_row("SELECT count(*) FROM person", [], |r| r.get::<_, i64>(0))? as usize;

    // Membership: the launch two years ago invited every organisation; most became members after
    // signing the charter, some stayed interested, a few withdrew.
    let charter = agreements::create(&tx, AgreementInput {
        kind: Some(AgreementKind::Charte), title: "Charte de fonctionnement du réseau".into(),
        version: Some("1".into()), dated: Some(date(year - 2, 11, 29)),
    })?;
    let visits = agreements::create(&tx, AgreementInput {
        kind: Some(AgreementKind::Convention), title: "Convention « Une visite, un sourire »".into(),
        version: Some("1".into()), dated: Some(date(year - 1, 3, 15)),
    })?;
    let mut visit_signatories = 0;
    for (oi, id) in org_ids.iter().enumerate() {
        let roll = rng.u8(0..100);
        if roll < 8 {
            continue; // never contacted: no status
        }
        let mut add = |status, d: String, tx: &Connection| -> Result<()> {
            memberships::add(tx, MembershipEventInput { organisation_id: id.clone(), status: Some(status), effective_date: Some(d), note: None })?;
            sum.membership_events += 1;
            Ok(())
        };
        add(MembershipStatus::Prospect, date(year - 2, 9, rng.u32(1..29)), &tx)?;
        if roll < 20 {
            continue;
        }
        add(MembershipStatus::Interesse, date(year - 2, 11, 9), &tx)?;
        if roll < 35 {
            continue;
        }
        let joined = if roll < 85 { date(year - 2, 11, 29) } else { date(year - 1, rng.u32(1..13), rng.u32(1..29)) };
        add(MembershipStatus::Membre, joined.clone(), &tx)?;
        agreements::sign(&tx, SignatureInput { agreement_id: charter.id.clone(), organisation_id: id.clone(), signed_on: Some(joined) })?;
        sum.signatures += 1;
        if roll >= 97 {
            add(MembershipStatus::Retire, date(year, rng.u32(1..4), rng.u32(1..29)), &tx)?;
        } else if specs[oi].category == OrgCategory::AssociationEntraide && visit_signatories < 8 {
            agreements::sign(&tx, SignatureInput { agreement_id: visits.id.clone(), organisation_id: id.clone(), signed_on: Some(date(year - 1, 3, 15)) })?;
            visit_signatories += 1;
            sum.signatures += 1;
        }
    }
    settings::save(&tx, Settings {
        agency_name: Some("CCAS de Brive-la-Gaillarde".into()),
        agency_town: Some("Brive-la-Gaillarde".into()),
        agency_address: Some("Pôle solidarités\n7 place de l'Hôtel de ville\n19100 Brive-la-Gaillarde".into()),
        secretariat_email: Some("secretariat.reseau@ccas-brive.fr".into()),
        ..Default::default()
    })?;
    network_life(&tx, &mut rng, &specs, &org_ids, year, &mut sum)?;
    work_life(&tx, &mut rng, &specs, &org_ids, year)?;
    report_words(&tx, year - 1)?;
    tx.commit()?;
    Ok(sum)
}

/// The secretariat's texts of last year's activity report (no person named, as the screen asks).
fn report_words(tx: &Connection, year: i32) -> Result<()> {
    let p = crate::bilan::year(year);
    let texts = ReportTexts {
        introduction: Some(format!(
            "En {year}, le réseau partenarial de Brive a poursuivi sa mission : faire se connaître les acteurs de l'action sociale du territoire, \
             partager les difficultés repérées auprès des habitants et construire des réponses communes."
        )),
        faits_marquants: Some(
            "Les séances plénières ont réuni les partenaires à chaque trimestre.\n\
             Le groupe de veille a transmis ses premières fiches de difficulté aux institutions concernées.\n\
             Les groupes de travail ont lancé leurs actions, suivies par leurs indicateurs."
                .into(),
        ),
        perspectives: Some(
            "Ouvrir le réseau à de nouvelles communes du territoire, mieux associer les habitants aux rencontres \
             et publier chaque année les réponses obtenues des institutions."
                .into(),
        ),
    };
    crate::queries::report_texts::save(tx, ReportTextsInput { from: p.from, to: p.to, texts })?;
    Ok(())
}

/// What the working groups did over the two years: actions with their partners and totals,
/// indicators (entered and computed), and the watch group's reports and solicitations.
fn work_life(tx: &Connection, rng: &mut fastrand::Rng, specs: &[OrgSpec], org_ids: &[String], year: i32) -> Result<()> {
    let org = |name: &str| -> String {
        specs.iter().position(|s| s.name.starts_with(name)).map(|i| org_ids[i].clone()).unwrap_or_else(|| org_ids[0].clone())
    };
    let body = |name: &str| -> Result<Option<String>> {
        Ok(tx.query_row("SELECT id FROM body WHERE name = ?", [name], |r| r.get(0)).optional()?)
    };
    let (pa, youth) = (body("Groupe de travail Personnes âgées")?, body("Groupe de travail Jeunesse")?);
    let plenary: Option<String> = tx
        .query_row(
            "SELECT g.id FROM meeting g JOIN body b ON b.id = g.body_id WHERE b.kind = 'pleniere' AND g.status = 'tenue' ORDER BY g.date DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let plan: [(&str, &Option<String>, Timescale, ActionStatus, &str, Option<&str>, &[(&str, PartnerRole)]); 4] = [
        ("Une visite, un sourire", &pa, Timescale::Court, ActionStatus::EnCours, "-01-15", None,
         &[("Centre communal d'action sociale de Brive", PartnerRole::Pilote), ("Les Petits Frères des pauvres", PartnerRole::Copilote), ("Entraide solidaire de Malemort", PartnerRole::Partenaire), ("Croix-Rouge", PartnerRole::Partenaire)]),
        ("Permanences d'accès aux droits en centre social", &youth, Timescale::Moyen, ActionStatus::Terminee, "-03-01", Some("-10-31"),
         &[("Caisse d'allocations familiales", PartnerRole::Pilote), ("Centre social des Chapélies", PartnerRole::StructureReferente), ("Mission locale", PartnerRole::Partenaire)]),
        ("Forum jeunesse et emploi", &youth, Timescale::Court, ActionStatus::Validee, "-09-01", None,
         &[("Mission locale", PartnerRole::Pilote), ("France Travail", PartnerRole::Copilote)]),
        ("Ateliers numériques pour les aînés", &pa, Timescale::Long, ActionStatus::Proposee, "-11-01", None,
         &[("Médiathèque intercommunale", PartnerRole::Partenaire)]),
    ];
    for (k, (title, group, timescale, status, start, end, partners)) in plan.into_iter().enumerate() {
        let y = if k == 1 { year - 1 } else { year };
        let a = actions::create(tx, ActionInput {
            title: title.into(), working_group_id: group.clone(), timescale: Some(timescale), start_date: Some(format!("{y}{start}")),
            end_date: end.map(|e| format!("{y}{e}")), description: Some("Action issue des propositions du groupe de travail.".into()),
            evaluated_meeting_id: if status == ActionStatus::Terminee { plenary.clone() } else { None },
            ..Default::default()
        })?;
        for (name, role) in partners {
            actions::add_partner(tx, &a.id, &org(name), *role)?;
        }
        let mut input = ActionInput { title: title.into(), working_group_id: group.clone(), timescale: Some(timescale), status: Some(status),
            start_date: Some(format!("{y}{start}")), end_date: end.map(|e| format!("{y}{e}")), ..Default::default() };
        input.evaluated_meeting_id = if status == ActionStatus::Terminee { plenary.clone() } else { None };
        actions::update(tx, &a.id, input)?;
        if matches!(status, ActionStatus::EnCours | ActionStatus::Terminee) {
            for (metric, n) in [(ActionMetric::Benevoles, 8 + rng.u32(0..12)), (ActionMetric::BeneficiairesIdentifies, 40 + rng.u32(0..60)),
                                (ActionMetric::BeneficiairesVisites, 25 + rng.u32(0..30)), (ActionMetric::BeneficiairesOrientes, 5 + rng.u32(0..15))] {
                actions::set_count(tx, ActionCountInput { action_id: a.id.clone(), period_start: Some(format!("{y}-01-01")), period_end: Some(format!("{y}-12-31")), metric: Some(metric), count: n.to_string() })?;
            }
        }
    }
    // Indicators: one computed on the watch group, one for the network, two entered.
    if let Some(veille) = body("Groupe de veille accès aux droits")? {
        indicators::create(tx, IndicatorInput { code: "VEILLE-REU".into(), label: "Réunions du groupe de veille".into(), unit: Some(IndicatorUnit::Nombre), scope: Some(IndicatorScope::Instance), body_id: Some(veille), formula: Some("meetings_held".into()), description: Some("Calculé : réunions tenues dans l'année.".into()), ..Default::default() })?;
    }
    indicators::create(tx, IndicatorInput { code: "TAUX-PART".into(), label: "Taux de participation du réseau".into(), unit: Some(IndicatorUnit::Pourcentage), scope: Some(IndicatorScope::Reseau), formula: Some("participation_rate".into()), ..Default::default() })?;
    if let Some(pa) = &pa {
        let visits = indicators::create(tx, IndicatorInput { code: "PA-VISITES".into(), label: "Visites à domicile effectuées".into(), unit: Some(IndicatorUnit::Nombre), scope: Some(IndicatorScope::Instance), body_id: Some(pa.clone()), description: Some("Transmis chaque trimestre par les associations visiteuses.".into()), ..Default::default() })?;
        for (y, q) in [(year - 1, 1), (year - 1, 4), (year - 1, 7), (year - 1, 10), (year, 1), (year, 4), (year, 7)] {
            indicators::set_value(tx, IndicatorValueInput { indicator_id: visits.id.clone(), period_kind: Some(PeriodKind::Trimestre), period_start: Some(format!("{y}-{q:02}-01")), value: (90 + rng.u32(0..60)).to_string(), comment: None })?;
        }
    }
    let satisfaction = indicators::create(tx, IndicatorInput { code: "SATISF".into(), label: "Participants satisfaits de la rencontre annuelle".into(), unit: Some(IndicatorUnit::Pourcentage), scope: Some(IndicatorScope::Reseau), description: Some("Questionnaire remis à la sortie.".into()), ..Default::default() })?;
    for (y, v) in [(year - 1, "84,5"), (year, "88")] {
        indicators::set_value(tx, IndicatorValueInput { indicator_id: satisfaction.id.clone(), period_kind: Some(PeriodKind::Annee), period_start: Some(format!("{y}-01-01")), value: v.into(), comment: None })?;
    }
    // The watch year: anonymous reports, several categories each, and solicitations.
    let cats = watch::categories(tx)?;
    let source = body("Groupe de terrain des Chapélies")?;
    let today = chrono::Local::now().date_naive();
    let mut first_ids = Vec::new();
    for (y, n) in [(year - 1, 30), (year, 22)] {
        for k in 0..n {
            let date = chrono::NaiveDate::from_ymd_opt(y, 1 + (k % 11) as u32, 3 + rng.u32(0..24)).unwrap_or_default().min(today);
            let mut c = vec![cats[k % 2 * 2].id.clone()];
            if rng.bool() { c.push(cats[1 + rng.usize(0..cats.len() - 1)].id.clone()); }
            let r = watch::create_report(tx, DifficultyReportInput {
                received_on: Some(date.to_string()), source_body_id: source.clone(), category_ids: c,
                right_concerned: Some(RightConcerned::ALL[rng.usize(0..5)]), follow_up: Some(FollowUp::ALL[rng.usize(0..FollowUp::ALL.len())]),
                resolved: rng.u8(0..100) < 70, ..Default::default()
            })?;
            if y == year && first_ids.len() < 6 { first_ids.push(r.id); }
        }
    }
    for (k, (name, answered)) in [("Caisse d'allocations familiales", true), ("Caisse d'allocations familiales", false), ("Caisse d'allocations familiales", false),
                                  ("CARSAT", true), ("CARSAT", true), ("Caisse primaire", true), ("Mutualité sociale agricole", false)].into_iter().enumerate() {
        let sent = chrono::NaiveDate::from_ymd_opt(year, 2 + k as u32, 10).unwrap_or_default().min(today);
        watch::save_solicitation(tx, None, SolicitationInput {
            institution_id: org(name), sent_on: Some(sent.to_string()),
            subject: ["Délais d'instruction du RSA", "Pièces demandées en double", "Droits CSS non ouverts", "Dossier retraite bloqué", "Rappel de prestations", "Accès aux rendez-vous", "Prime d'activité suspendue"][k].into(),
            answered_on: answered.then(|| (sent + chrono::Duration::days(20)).min(today).to_string()),
            answer_summary: answered.then(|| "Situation examinée ; réponse transmise au groupe.".into()),
            report_ids: first_ids.iter().skip(k % 3).take(2).cloned().collect(),
        })?;
    }
    Ok(())
}

/// The bodies of the network and two years of their meetings: invitations with every kind of
/// reply, attendance with excused people, stand-ins, walk-ins and non-member guests. Meetings up to
/// today were held (a few cancelled); later ones are planned.
fn network_life(tx: &Connection, rng: &mut fastrand::Rng, specs: &[OrgSpec], org_ids: &[String], year: i32, sum: &mut DemoSummary) -> Result<()> {
    let today = chrono::Local::now().date_naive();
    // The main contact of each organisation, by category, to fill the bodies.
    let contacts: Vec<(usize, String)> = org_ids
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            organisations::get(tx, id).ok()?.people.into_iter().find(|p| p.current).map(|p| (i, p.person_id))
        })
        .collect();
    let of_category = |cats: &[OrgCategory]| -> Vec<String> {
        contacts.iter().filter(|(i, _)| cats.contains(&specs[*i].category)).map(|(_, p)| p.clone()).collect()
    };
    let members: Vec<String> = contacts
        .iter()
        .filter(|(i, _)| memberships::status_on(tx, &org_ids[*i], &today.to_string()).ok().flatten() == Some(MembershipStatus::Membre))
        .map(|(_, p)| p.clone())
        .collect();
    let inhabitants: Vec<String> = tx
        .prepare("SELECT id FROM person WHERE category = 'habitant' ORDER BY sort_key")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let guests: Vec<String> = tx
        .prepare("SELECT id FROM person WHERE category = 'intervenant' ORDER BY sort_key")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;

    use OrgCategory as C;
    // (name, kind, theme, frequency label, months between meetings, members, meetings a year)
    let plan: Vec<(&str, BodyKind, &str, &str, u32, Vec<String>)> = vec![
        ("Séance plénière", BodyKind::Pleniere, "Vie du réseau", "2 par an", 6, members.iter().take(60).cloned().collect()),
        ("Comité de pilotage", BodyKind::Copil, "Orientations et arbitrages", "tous les 3 mois", 3, of_category(&[C::Ccas, C::Caf, C::ConseilDepartemental]).into_iter().take(6).collect()),
        ("Comité de suivi", BodyKind::ComiteSuivi, "Suivi des actions", "tous les 2 mois", 2, of_category(&[C::CentreSocial, C::AssociationEntraide, C::Emploi]).into_iter().take(12).collect()),
        ("Commission de suivi et d'orientation « Une visite, un sourire »", BodyKind::CommissionSuiviOrientation, "Isolement des personnes âgées", "trimestrielle", 3, of_category(&[C::AssociationEntraide]).into_iter().take(8).collect()),
        ("Groupe de travail Personnes âgées", BodyKind::GroupeTravail, "Rompre l'isolement des aînés", "mensuelle", 2, of_category(&[C::Sante, C::AssociationEntraide, C::Ccas]).into_iter().take(14).collect()),
        ("Groupe de travail Jeunesse", BodyKind::GroupeTravail, "Insertion des 16-25 ans", "tous les 2 mois", 2, of_category(&[C::Emploi, C::Education, C::CentreSocial]).into_iter().take(12).collect()),
        ("Groupe de terrain des Chapélies", BodyKind::GroupeTerrain, "Accès aux droits au quotidien", "mensuelle", 1, of_category(&[C::CentreSocial]).into_iter().take(3).chain(inhabitants.iter().take(8).cloned()).collect()),
        ("Groupe de veille accès aux droits", BodyKind::GroupeVeille, "Non-recours et délais", "mensuelle (11 par an)", 1, of_category(&[C::Caf, C::Ccas, C::ConseilDepartemental, C::SecuriteSociale]).into_iter().take(9).collect()),
        ("Réseau des premiers accueillants", BodyKind::Reseau, "Accueil et orientation", "2 par an", 6, of_category(&[C::Ccas, C::CentreSocial, C::Collectivite]).into_iter().take(16).collect()),
        ("Rencontre annuelle « Agir ensemble »", BodyKind::RencontreAnnuelle, "Bilan de l'année et priorités", "annuelle", 12, members.iter().take(80).cloned().collect()),
    ];
    let places = ["Salle du conseil, Hôtel de ville", "CCAS, salle Jean-Jaurès", "Centre social des Chapélies", "Espace des Trois Provinces", "Maison des associations"];
    for (k, (name, kind, theme, freq, months, people)) in plan.into_iter().enumerate() {
        let body = bodies::create(tx, BodyInput {
            name: name.into(), kind: Some(kind), theme: Some(theme.into()), frequency_label: Some(freq.into()),
            frequency_months: Some(months), start_date: Some(format!("{}-01-01", year - 2)),
            work_axes: (kind == BodyKind::GroupeTravail).then(|| "1. Repérer les situations d'isolement\n2. Coordonner les visites\n3. Évaluer avec les habitants".into()),
            ..Default::default()
        })?;
        sum.bodies += 1;
        for (j, p) in people.iter().enumerate() {
            let role = match j { 0 => MemberRole::Pilote, 1 if people.len() > 4 => MemberRole::Copilote, _ => MemberRole::Membre };
            if body_members::add(tx, BodyMemberInput { body_id: body.id.clone(), person_id: Some(p.clone()), role: Some(role), ..Default::default() }).is_err() {
                continue;
            }
        }
        // A non-member guest for the youth group and the plenary (speakers).
        if matches!(kind, BodyKind::GroupeTravail | BodyKind::Pleniere) {
            if let Some(g) = guests.get(k % guests.len().max(1)) {
                body_members::add(tx, BodyMemberInput { body_id: body.id.clone(), person_id: Some(g.clone()), role: Some(MemberRole::InviteNonMembre), ..Default::default() })?;
            }
        }
        // Meetings from January last year to December this year, every `months` months.
        let mut month = 1 + (k as u32 % months.min(3));
        let mut y = year - 1;
        let mut n_in_body = 0;
        while y <= year && n_in_body < 14 {
            let day = 5 + rng.u32(0..20);
            let date = chrono::NaiveDate::from_ymd_opt(y, month, day).unwrap_or_default();
            let past = date <= today;
            let cancelled = past && rng.u8(0..100) < 6;
            let start = if kind == BodyKind::RencontreAnnuelle {
                chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default()
            } else {
                [(9, 30), (14, 0), (14, 30), (17, 30)].map(|(h, m)| chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default())[rng.usize(0..4)]
            };
            let meeting = meetings::create(tx, MeetingInput {
                body_id: body.id.clone(),
                title: (kind == BodyKind::RencontreAnnuelle).then(|| format!("Rencontre {y}")),
                date: Some(date.to_string()),
                start_time: Some(start.format("%H:%M").to_string()),
                end_time: Some((start + chrono::Duration::hours(if kind == BodyKind::RencontreAnnuelle { 8 } else { 2 })).format("%H:%M").to_string()),
                place: Some(places[rng.usize(0..places.len())].into()),
                status: Some(if cancelled { MeetingStatus::Annulee } else { MeetingStatus::Prevue }),
                agenda: Some("1. Tour de table\n2. Point sur les actions en cours\n3. Questions diverses".into()),
                headcount: (kind == BodyKind::RencontreAnnuelle && past).then(|| 900 + rng.u32(0..300)),
                ..Default::default()
            })?;
            sum.meetings += 1;
            n_in_body += 1;
            let sessions: Vec<String> = if kind == BodyKind::RencontreAnnuelle {
                ["Matinée des bénévoles retraités", "Après-midi ouvert à tous"].iter()
                    .map(|t| meetings::add_session(tx, MeetingSessionInput { meeting_id: meeting.id.clone(), title: (*t).into(), ..Default::default() }).map(|s| s.id))
                    .collect::<Result<_>>()?
            } else {
                Vec::new()
            };
            let out = invitations::invite(tx, InviteRequest { meeting_id: meeting.id.clone(), body_members: true, ..Default::default() })?;
            sum.invitations += out.added as usize;
            if !cancelled {
                let invited = invitations::of_meeting(tx, &meeting.id)?;
                let mut came: Vec<String> = Vec::new();
                for inv in &invited {
                    let Some(person) = &inv.person else { continue };
                    let roll = rng.u8(0..100);
                    let reply = match roll { 0..=54 => Reply::Accepte, 55..=74 => Reply::Excuse, 75..=79 => Reply::Decline, _ => Reply::EnAttente };
                    if reply != Reply::EnAttente {
                        let replied = (date - chrono::Duration::days(rng.i64(1..10))).to_string();
                        invitations::set_reply(tx, &inv.id, reply, Some(replied))?;
                    }
                    if !past {
                        continue;
                    }
                    let comes = match reply { Reply::Accepte => rng.u8(0..100) < 88, Reply::EnAttente => rng.u8(0..100) < 30, _ => false };
                    if comes {
                        let session = sessions.get(rng.usize(0..sessions.len().max(1))).cloned();
                        attendance::check_in(tx, &meeting.id, session, &person.id)?;
                        came.push(person.id.clone());
                        sum.attendance += 1;
                    } else if reply == Reply::Excuse && rng.bool() {
                        attendance::set(tx, AttendanceInput { meeting_id: meeting.id.clone(), person_id: person.id.clone(), status: Some(AttendanceStatus::Excuse), ..Default::default() })?;
                        sum.attendance += 1;
                    }
                }
                if past {
                    // Walk-ins at the big meetings; a stand-in now and then in the steering committee.
                    if matches!(kind, BodyKind::Pleniere | BodyKind::RencontreAnnuelle) {
                        for w in 0..rng.usize(1..4) {
                            let first = pick(rng, FIRST_F);
                            let last = pick(rng, LAST);
                            let org = (w == 0).then(|| specs[rng.usize(0..specs.len())].name.clone());
                            attendance::walk_in(tx, WalkInInput { meeting_id: meeting.id.clone(), name: format!("{first} {last}"), organisation: org, ..Default::default() })?;
                            sum.attendance += 1;
                        }
                    }
                    if kind == BodyKind::Copil {
                        if let Some(absent) = invited.iter().filter_map(|i| i.person.as_ref()).find(|p| !came.contains(&p.id)) {
                            let deputy = contacts[rng.usize(0..contacts.len())].1.clone();
                            if !came.contains(&deputy) && deputy != absent.id {
                                attendance::set(tx, AttendanceInput { meeting_id: meeting.id.clone(), person_id: deputy, status: Some(AttendanceStatus::Present), stand_in_for_person_id: Some(absent.id.clone()), ..Default::default() })?;
                                sum.attendance += 1;
                            }
                        }
                    }
                    if !came.is_empty() {
                        attendance::mark_rest_absent(tx, &meeting.id)?;
                        let mut input = MeetingInput { body_id: body.id.clone(), date: Some(meeting.date.clone()), status: Some(MeetingStatus::Tenue), ..Default::default() };
                        input.start_time = meeting.start_time.clone();
                        input.end_time = meeting.end_time.clone();
                        input.place = meeting.place.clone();
                        input.title = meeting.title.clone();
                        input.agenda = meeting.agenda.clone();
                        input.headcount = meeting.headcount;
                        input.minutes_text = Some("Relevé de conclusions : les participants ont fait le point sur les actions ; prochaine réunion à fixer.".into());
                        input.minutes_sent_on = Some((date + chrono::Duration::days(rng.i64(3..15))).min(today).to_string());
                        meetings::update(tx, &meeting.id, input)?;
                    }
                }
            }
            month += months;
            while month > 12 {
                month -= 12;
                y += 1;
            }
        }
        // Today's plenary: invitations sent and answered, nobody checked in yet — ready for the
        // check-in mode at the door.
        if kind == BodyKind::Pleniere {
            let m = meetings::create(tx, MeetingInput {
                body_id: body.id.clone(),
                title: Some("Séance plénière de fin d'année".into()),
                date: Some(today.to_string()),
                start_time: Some("18:00".into()),
                end_time: Some("20:00".into()),
                place: Some(places[0].into()),
                agenda: Some("1. Accueil par le maire\n2. Retour des groupes de travail\n3. Évaluation des actions\n4. Calendrier de l'an prochain".into()),
                ..Default::default()
            })?;
            sum.meetings += 1;
            let out = invitations::invite(tx, InviteRequest { meeting_id: m.id.clone(), body_members: true, ..Default::default() })?;
            sum.invitations += out.added as usize;
            for inv in invitations::of_meeting(tx, &m.id)? {
                let reply = match rng.u8(0..100) { 0..=59 => Reply::Accepte, 60..=79 => Reply::Excuse, _ => Reply::EnAttente };
                if reply != Reply::EnAttente {
                    invitations::set_reply(tx, &inv.id, reply, Some((today - chrono::Duration::days(rng.i64(1..12))).to_string()))?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::agree;

    #[test]
    fn job_titles_agree_with_the_person() {
        assert_eq!(agree("Adjointe aux affaires sociales", false), "Adjoint aux affaires sociales");
        assert_eq!(agree("Directeur de l'action sociale", true), "Directrice de l'action sociale");
        assert_eq!(agree("Chargée de mission", true), "Chargée de mission");
        assert_eq!(agree("Chargé de mission", true), "Chargée de mission");
        assert_eq!(agree("Travailleuse sociale", false), "Travailleur social");
        assert_eq!(agree("Bénévole visiteuse", false), "Bénévole visiteur");
        assert_eq!(agree("Assistante sociale hospitalière", false), "Assistant social hospitalier");
    }
}
