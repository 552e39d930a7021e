//! The written definition of every figure of the summary, in the order of the summary. The
//! workbook's `Définitions` sheet prints them, the dashboard shows them as tooltips, and the
//! oracle of the tests is written from them (not from the code).

use crate::model::{Drill, FigureUnit, IndicatorScope};

pub struct Definition {
    /// Stable code, for links, computed indicators and tests.
    pub code: &'static str,
    pub label: &'static str,
    pub text: &'static str,
    pub unit: FigureUnit,
    pub drill: Drill,
}

const fn count(code: &'static str, label: &'static str, text: &'static str, drill: Drill) -> Definition {
    Definition { code, label, text, unit: FigureUnit::Count, drill }
}

const fn rate(code: &'static str, label: &'static str, text: &'static str) -> Definition {
    Definition { code, label, text, unit: FigureUnit::Rate, drill: Drill::HeldMeetings }
}

use Drill::{Actions, CancelledMeetings, HeldMeetings, Organisations};

pub const DEFINITIONS: &[Definition] = &[
    count("members", "Organismes membres au terme de la période", "Organismes non archivés à la date de fin dont la dernière étape d'adhésion à cette date est « membre ».", Organisations),
    count("interested", "Organismes intéressés au terme de la période", "Organismes non archivés à la date de fin dont la dernière étape d'adhésion à cette date est « intéressé ».", Organisations),
    count("prospects", "Prospects au terme de la période", "Organismes non archivés à la date de fin dont la dernière étape d'adhésion à cette date est « prospect ».", Organisations),
    count("new_members", "Nouveaux membres", "Organismes dont la première étape « membre » tombe dans la période, archivés depuis ou non.", Organisations),
    count("withdrawals", "Retraits", "Organismes ayant une étape « retiré » dans la période, archivés depuis ou non.", Organisations),
    count("signatories", "Signataires d'une charte ou convention", "Organismes non archivés à la date de fin ayant signé au moins un document (charte, convention, protocole) à cette date.", Organisations),
    count("sector_public", "Membres du secteur public", "Organismes membres au terme de la période, par secteur.", Organisations),
    count("sector_parapublic", "Membres du secteur parapublic", "Idem, secteur parapublic.", Organisations),
    count("sector_associatif", "Membres du secteur associatif", "Idem, secteur associatif.", Organisations),
    count("sector_prive", "Membres du secteur privé", "Idem, secteur privé.", Organisations),
    count("meetings_held", "Réunions tenues", "Réunions de la période (par leur date locale) au statut « tenue ».", HeldMeetings),
    count("meetings_cancelled", "Réunions annulées", "Réunions de la période au statut « annulée » ; elles ne comptent dans aucun taux.", CancelledMeetings),
    count("presences", "Présences (personnes-réunions)", "Somme, sur les réunions tenues, des personnes présentes ; une personne compte une fois par réunion, même présente à plusieurs séances.", HeldMeetings),
    count("distinct_people", "Personnes distinctes présentes", "Personnes présentes à au moins une réunion tenue de la période.", HeldMeetings),
    count("distinct_people_mobilised", "Personnes distinctes présentes ou excusées", "Personnes présentes à au moins une réunion tenue de la période, ou invitées et excusées ou représentées à l'une d'elles.", HeldMeetings),
    count("distinct_organisations", "Organismes distincts présents", "Organismes représentés par au moins une personne présente à une réunion tenue (l'organisme noté le jour même).", Organisations),
    count("distinct_organisations_mobilised", "Organismes distincts présents ou excusés", "Organismes présents à au moins une réunion tenue, ou excusés à l'une d'elles : une personne invitée pour eux excusée ou représentée, ou l'organisme invité seul et excusé. C'est le nombre de « structures différentes mobilisées ».", Organisations),
    count("excused", "Excusés", "Somme, sur les réunions tenues, des personnes invitées ni présentes ni représentées, pointées excusées (à une séance au moins) ou, sans pointage, ayant répondu « excusé » ; jamais comptées présentes.", HeldMeetings),
    count("represented", "Représentés", "Somme, sur les réunions tenues, des personnes invitées absentes pour qui quelqu'un est venu (« représenté par »).", HeldMeetings),
    count("absent", "Absents", "Somme, sur les réunions tenues, des personnes invitées ni présentes, ni représentées, ni excusées, pointées absentes ou, sans pointage, qui avaient répondu.", HeldMeetings),
    count("no_reply", "Sans réponse", "Somme, sur les réunions tenues, des personnes invitées sans réponse ni pointage.", HeldMeetings),
    rate("participation_rate", "Taux de participation", "Membres invités présents ou représentés ÷ membres invités, sommés sur les réunions tenues. Un membre absent compte comme représenté quand la personne venue à sa place n'était pas elle-même membre invitée ; une personne ne compte qu'une fois. Les invités non-membres n'y entrent pas."),
    rate("mobilisation_rate", "Taux de mobilisation", "(Invités présents, représentés ou excusés) ÷ personnes invitées, sommés sur les réunions tenues."),
    count("non_members", "Non-membres présents", "Somme, sur les réunions tenues, des personnes présentes seulement à une place de non-membre (invités, arrivées sans invitation), comptées à part.", HeldMeetings),
    count("headcount", "Visiteurs (comptages anonymes)", "Somme des comptages anonymes des réunions tenues (grands événements).", HeldMeetings),
    count("projects_done", "Projets co-définis réalisés", "Actions au statut « terminée » dont la fin tombe dans la période.", Actions),
    count("project_partners", "Partenaires impliqués dans les projets", "Organismes distincts pilotes, copilotes, référents ou partenaires d'une action en cours pendant la période (ni proposée, ni abandonnée).", Actions),
];

pub const HELD_BY_KIND: &str = "Réunions tenues de la période, par type d'instance.";
pub const PRESENCES_BY_CATEGORY: &str = "Présences des réunions tenues (une personne une fois par réunion) selon la catégorie notée sur sa présence le jour même ; si deux séances diffèrent, la première dans l'ordre des catégories.";

/// Lines added after the fixed ones, and how the change is computed.
pub const EXTRA_DEFINITIONS: &[(&str, &str)] = &[
    ("Réunions tenues — par type", HELD_BY_KIND),
    ("Présences — par catégorie", PRESENCES_BY_CATEGORY),
    ("Évolution", "Pour un nombre : (N − N-1) ÷ N-1, vide quand N-1 vaut 0. Pour un taux : différence en points."),
    ("Taux de participation d'un organisme (Partenaires)", "Réunions tenues où l'organisme était invité et présent ÷ réunions tenues où il était invité ; les présences sans invitation sont comptées à part et n'entrent pas dans le taux."),
    ("Réunions prévues ou reportées", "Elles n'ont pas de taux (« — ») : seules les réunions tenues en ont un."),
];

/// Codes of a body's line in `Instances` that a body's indicator can be computed from.
pub const BODY_FORMULAS: &[&str] = &[
    "meetings_held", "meetings_cancelled", "average_present", "participation_rate", "distinct_people", "distinct_organisations", "members",
];

pub fn get(code: &str) -> Option<&'static Definition> {
    DEFINITIONS.iter().find(|d| d.code == code)
}

/// Whether an indicator of `scope` can be computed from the figure `code`.
pub fn is_formula(scope: IndicatorScope, code: &str) -> bool {
    match scope {
        IndicatorScope::Instance => BODY_FORMULAS.contains(&code),
        _ => get(code).is_some(),
    }
}
