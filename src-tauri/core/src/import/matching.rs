//! Who is who: the keys under which a row and a record are the same organisation or person, and
//! the index of the base's records (and of the rows already taken in) under those keys.

use std::collections::HashMap;

use rusqlite::Connection;

use super::cells::phone_key;
use crate::error::Result;
use crate::text::{fold, words};

/// Words that say a legal form, not a name: « Association Les Amis », « Les Amis (asso.) » and
/// « LES AMIS SARL » are one organisation.
const LEGAL_FORMS: &[&str] = &["association", "asso", "assoc", "sarl", "sas", "sasu", "eurl", "sa", "sci", "scop", "scic", "gie", "gip", "ei", "l", "la", "le", "les"];

/// An organisation's name as compared: folded, no punctuation, no legal form or article.
pub fn organisation_key(name: &str) -> String {
    let words = words(name);
    let kept: Vec<&str> = words.iter().map(String::as_str).filter(|w| !LEGAL_FORMS.contains(w)).collect();
    // A name made only of such words (« Association ») stays itself.
    if kept.is_empty() { words.join(" ") } else { kept.join(" ") }
}

/// A person's name as compared: folded words in order, so « MARTIN Sophie » (last, first) and
/// « Sophie Martin » match.
pub fn person_key(first: Option<&str>, last: Option<&str>) -> String {
    let mut words = words(&format!("{} {}", first.unwrap_or(""), last.unwrap_or("")));
    words.sort_unstable();
    words.join(" ")
}

/// Where a key points: a record of the base, or an earlier line of the file (with the record it
/// made or merged into, if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Base { id: String, label: String },
    Line { line: u32, id: Option<String> },
}

/// Records under their keys. `name` keys of organisations carry the commune, so that two
/// « Secours populaire » of two towns stay two.
#[derive(Default)]
pub struct Index {
    by_name: HashMap<String, Vec<(Option<String>, Found)>>,
    by_email: HashMap<String, Found>,
    by_phone: HashMap<String, Found>,
}

/// Why a row matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    Email,
    Name,
    Phone,
}

impl Index {
    pub fn add(&mut self, name_key: String, commune: Option<&str>, email: Option<&str>, phone: Option<&str>, found: Found) {
        if !name_key.is_empty() {
            self.by_name.entry(name_key).or_default().push((commune.map(fold).filter(|c| !c.is_empty()), found.clone()));
        }
        if let Some(e) = email.map(str::trim).filter(|e| !e.is_empty()) {
            self.by_email.entry(e.to_lowercase()).or_insert_with(|| found.clone());
        }
        if let Some(p) = phone.map(phone_key).filter(|p| p.len() >= 6) {
            self.by_phone.entry(p).or_insert(found);
        }
    }

    /// The first match: same e-mail, then same name (in the same commune, or either without
    /// one), then same phone.
    pub fn find(&self, name_key: &str, commune: Option<&str>, email: Option<&str>, phone: Option<&str>) -> Option<(Found, Why)> {
        if let Some(f) = email.map(|e| e.trim().to_lowercase()).and_then(|e| self.by_email.get(&e)) {
            return Some((f.clone(), Why::Email));
        }
        let commune = commune.map(fold).filter(|c| !c.is_empty());
        if let Some(list) = self.by_name.get(name_key) {
            if let Some((_, f)) = list.iter().find(|(c, _)| c.is_none() || commune.is_none() || *c == commune) {
                return Some((f.clone(), Why::Name));
            }
        }
        phone.map(phone_key).filter(|p| p.len() >= 6).and_then(|p| self.by_phone.get(&p)).map(|f| (f.clone(), Why::Phone))
    }

    /// The base's live organisations.
    pub fn organisations(conn: &Connection) -> Result<Self> {
        let mut index = Index::default();
        for (id, name, commune, email, phone) in crate::queries::organisations::contacts(conn)? {
            let label = match &commune {
                Some(c) => format!("{name} ({c})"),
                None => name.clone(),
            };
            index.add(organisation_key(&name), commune.as_deref(), email.as_deref(), phone.as_deref(), Found::Base { id, label });
        }
        Ok(index)
    }

    /// The base's live people (not erased, not archived).
    pub fn people(conn: &Connection) -> Result<Self> {
        let mut index = Index::default();
        for (id, first, last, email, phone) in crate::queries::persons::contacts(conn)? {
            let label = crate::queries::persons::display_name(first.as_deref(), last.as_deref());
            index.add(person_key(first.as_deref(), last.as_deref()), None, email.as_deref(), phone.as_deref(), Found::Base { id, label });
        }
        Ok(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_names_without_legal_forms() {
        assert_eq!(organisation_key("Association Les Amis du Quartier"), "amis du quartier");
        assert_eq!(organisation_key("LES AMIS DU QUARTIER (asso.)"), "amis du quartier");
        assert_eq!(organisation_key("Les amis du quartier "), "amis du quartier");
        assert_eq!(organisation_key("Restos du Cœur"), "restos du coeur");
        assert_eq!(organisation_key("Association"), "association");
    }

    #[test]
    fn person_names_in_either_order() {
        assert_eq!(person_key(Some("Sophie"), Some("MARTIN")), person_key(None, Some("Martin Sophie")));
        assert_eq!(person_key(Some("Élodie"), Some("Dupré")), person_key(Some("elodie"), Some("DUPRE")));
    }

    #[test]
    fn communes_keep_homonyms_apart() {
        let mut i = Index::default();
        i.add("secours populaire".into(), Some("Brive"), None, None, Found::Line { line: 2, id: None });
        assert!(i.find("secours populaire", Some("Tulle"), None, None).is_none());
        assert_eq!(i.find("secours populaire", Some("BRIVE"), None, None).map(|f| f.1), Some(Why::Name));
        assert_eq!(i.find("secours populaire", None, None, None).map(|f| f.1), Some(Why::Name));
    }
}
