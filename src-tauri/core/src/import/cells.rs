//! Cells as offices type them, to the values the core stores: dates typed or numbered, phone
//! numbers and postal codes that lost their leading zero in a spreadsheet, French labels of
//! coded values.

use chrono::{Duration, NaiveDate};

use crate::labels;
use crate::model::*;
use crate::text::{fold, words};

/// A date as ISO `YYYY-MM-DD`, from « 12/03/2024 », « 12/03/24 », « 12-03-2024 », « 2024-03-12 »
/// (with or without a time after it) or a spreadsheet's day number (45363 is 2024-03-12).
pub fn date(s: &str) -> Option<String> {
    let s = s.trim();
    let head = s.split([' ', 'T']).next().unwrap_or(s);
    let parsed = NaiveDate::parse_from_str(head, "%Y-%m-%d")
        .ok()
        .or_else(|| {
            let parts: Vec<&str> = head.split(['/', '-', '.']).collect();
            match parts.as_slice() {
                [d, m, y] if y.len() == 4 || y.len() == 2 => {
                    let (d, m, y): (u32, u32, i32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
                    // Two-digit years: the 2000s up to the next ten years, the 1900s before.
                    let y = if y < 100 { if y <= (chrono::Local::now().format("%y").to_string().parse::<i32>().unwrap_or(26) + 10) { 2000 + y } else { 1900 + y } } else { y };
                    NaiveDate::from_ymd_opt(y, m, d)
                }
                _ => None,
            }
        })
        .or_else(|| {
            // A day number: what a date cell holds when it lost its date format.
            let n: i64 = head.parse().ok()?;
            (1..=2_958_465).contains(&n).then(|| NaiveDate::from_ymd_opt(1899, 12, 30).map(|d| d + Duration::days(n))).flatten()
        })?;
    (1900..=2200).contains(&chrono::Datelike::year(&parsed)).then(|| parsed.format("%Y-%m-%d").to_string())
}

/// A phone number that a spreadsheet stored as a number (« 555123456 ») gets its zero back.
pub fn phone(s: &str) -> String {
    let s = s.trim();
    if s.len() == 9 && s.chars().all(|c| c.is_ascii_digit()) && !s.starts_with('0') {
        format!("0{s}")
    } else {
        s.to_owned()
    }
}

/// The digits of a phone number as compared for duplicates: « +33 5 55… » and « 05 55… » alike.
pub fn phone_key(s: &str) -> String {
    let digits: String = phone(s).chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix("33") {
        Some(rest) if s.trim_start().starts_with('+') && rest.len() == 9 => format!("0{rest}"),
        _ => digits,
    }
}

/// A postal code stored as a number (« 1000 » for Ain's 01000) gets its zero back.
pub fn postal_code(s: &str) -> String {
    let s = s.trim();
    if s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()) {
        format!("0{s}")
    } else {
        s.to_owned()
    }
}

/// A label compared: folded, without punctuation or the French inclusive endings (« Élu(e) »,
/// « Professionnel·le »), singular.
fn label_key(s: &str) -> String {
    let f = fold(s).replace("(e)", "").replace("(le)", "").replace("·e", "").replace("·le", "").replace(".e", "");
    words(&f).iter().map(|w| w.strip_suffix('s').filter(|r| r.len() > 2).unwrap_or(w)).collect::<Vec<_>>().join(" ")
}

/// The coded value a cell names, by its code or its French label.
fn coded<T: Copy>(s: &str, all: &[T], code: impl Fn(T) -> &'static str, label: impl Fn(T) -> &'static str, extra: &[(&str, T)]) -> Option<T> {
    let key = label_key(s);
    all.iter()
        .copied()
        .find(|v| label_key(label(*v)) == key || label_key(code(*v)) == key)
        .or_else(|| extra.iter().find(|(k, _)| label_key(k) == key).map(|(_, v)| *v))
}

pub fn sector(s: &str) -> Option<Sector> {
    coded(s, Sector::ALL, Sector::code, labels::sector, &[("privé lucratif", Sector::Prive), ("association", Sector::Associatif), ("associatif", Sector::Associatif)])
}

pub fn org_category(s: &str) -> Option<OrgCategory> {
    coded(
        s,
        OrgCategory::ALL,
        OrgCategory::code,
        labels::org_category,
        &[
            ("centre communal d'action sociale", OrgCategory::Ccas),
            ("caisse d'allocations familiales", OrgCategory::Caf),
            ("département", OrgCategory::ConseilDepartemental),
            ("CPAM", OrgCategory::SecuriteSociale),
            ("MSA", OrgCategory::SecuriteSociale),
            ("CARSAT", OrgCategory::SecuriteSociale),
            ("association", OrgCategory::AssociationEntraide),
            ("bailleur social", OrgCategory::Bailleur),
            ("mairie", OrgCategory::Collectivite),
            ("commune", OrgCategory::Collectivite),
        ],
    )
}

/// An organisation's sector when the file does not say: what its category usually is.
pub fn sector_of(category: OrgCategory) -> Sector {
    match category {
        OrgCategory::Ccas | OrgCategory::ConseilDepartemental | OrgCategory::Collectivite | OrgCategory::Education => Sector::Public,
        OrgCategory::Caf | OrgCategory::SecuriteSociale => Sector::Parapublic,
        _ => Sector::Associatif,
    }
}

pub fn person_category(s: &str) -> Option<PersonCategory> {
    coded(
        s,
        PersonCategory::ALL,
        PersonCategory::code,
        labels::person_category,
        &[("professionnelle", PersonCategory::Professionnel), ("bénévole", PersonCategory::Benevole), ("élue", PersonCategory::Elu), ("habitante", PersonCategory::Habitant), ("salarié", PersonCategory::Professionnel), ("salariée", PersonCategory::Professionnel)],
    )
}

pub fn civility(s: &str) -> Option<Civility> {
    coded(
        s,
        Civility::ALL,
        Civility::code,
        labels::civility,
        &[("Mme", Civility::Madame), ("Mlle", Civility::Madame), ("Mademoiselle", Civility::Madame), ("M", Civility::Monsieur), ("Mr", Civility::Monsieur), ("M.", Civility::Monsieur)],
    )
}

pub fn member_role(s: &str) -> Option<MemberRole> {
    coded(
        s,
        MemberRole::ALL,
        MemberRole::code,
        labels::member_role,
        &[("pilote", MemberRole::Pilote), ("co-pilote", MemberRole::Copilote), ("animatrice", MemberRole::Animateur), ("rapporteuse", MemberRole::Rapporteur), ("invité", MemberRole::InviteNonMembre), ("invitée", MemberRole::InviteNonMembre)],
    )
}

/// « CCAS, CAF, … » for a message that lists what a column accepts.
pub fn accepted<T: Copy>(all: &[T], label: impl Fn(T) -> &'static str) -> String {
    all.iter().map(|v| label(*v)).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_typed() {
        assert_eq!(date("12/03/2024").as_deref(), Some("2024-03-12"));
        assert_eq!(date("2024-03-12").as_deref(), Some("2024-03-12"));
        assert_eq!(date("2024-03-12 10:30").as_deref(), Some("2024-03-12"));
        assert_eq!(date("1/3/24").as_deref(), Some("2024-03-01"));
        assert_eq!(date("45363").as_deref(), Some("2024-03-12"));
        assert_eq!(date("31/02/2024"), None);
        assert_eq!(date("mars 2024"), None);
    }

    #[test]
    fn numbers_that_lost_their_zero() {
        assert_eq!(phone("555123456"), "0555123456");
        assert_eq!(phone("05 55 12 34 56"), "05 55 12 34 56");
        assert_eq!(phone_key("+33 5 55 12 34 56"), "0555123456");
        assert_eq!(phone_key("05.55.12.34.56"), "0555123456");
        assert_eq!(postal_code("1000"), "01000");
        assert_eq!(postal_code("19100"), "19100");
    }

    #[test]
    fn labels_and_codes() {
        assert_eq!(org_category("Centre social"), Some(OrgCategory::CentreSocial));
        assert_eq!(org_category("centre_social"), Some(OrgCategory::CentreSocial));
        assert_eq!(org_category("securite sociale"), Some(OrgCategory::SecuriteSociale));
        assert_eq!(person_category("Élu(e)"), Some(PersonCategory::Elu));
        assert_eq!(person_category("Bénévoles"), Some(PersonCategory::Benevole));
        assert_eq!(person_category("Professionnelle"), Some(PersonCategory::Professionnel));
        assert_eq!(civility("Mme"), Some(Civility::Madame));
        assert_eq!(civility("M."), Some(Civility::Monsieur));
        assert_eq!(sector("Privé"), Some(Sector::Prive));
        assert_eq!(member_role("Co-pilote"), Some(MemberRole::Copilote));
        assert_eq!(org_category("Asso sportive du coin"), None);
    }
}
