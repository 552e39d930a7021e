use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Civility, ConsentMethod, ConsentStatus, PersonCategory};

/// The editable fields of a person.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PersonInput {
    pub civility: Option<Civility>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub category: Option<PersonCategory>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Short, practical notes only: never health, social situation or other sensitive data.
    pub notes: Option<String>,
    /// Consent to be contacted: given or withdrawn (withdrawn keeps the person out of mailings)…
    pub contact_consent: Option<ConsentStatus>,
    /// …on this date…
    pub consent_date: Option<String>,
    /// …by this means.
    pub consent_method: Option<ConsentMethod>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Person {
    pub id: String,
    pub civility: Option<Civility>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub display_name: String,
    pub category: PersonCategory,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
    pub contact_consent: Option<ConsentStatus>,
    pub consent_date: Option<String>,
    pub consent_method: Option<ConsentMethod>,
    pub created_at: String,
    pub updated_at: String,
    /// Set when « Supprimer » archived the person (they have history): out of the lists.
    pub archived_at: Option<String>,
    /// Set when the person's identity was erased (RGPD): only their category and history remain.
    pub erased_at: Option<String>,
    /// Posts, current ones first, then ended ones newest first.
    pub affiliations: Vec<Affiliation>,
}

/// A person's post in an organisation.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Affiliation {
    pub id: String,
    pub person_id: String,
    pub organisation_id: String,
    pub organisation_name: String,
    pub function: Option<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub is_main_contact: bool,
    /// Not ended as of today.
    pub current: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AffiliationInput {
    pub person_id: String,
    pub organisation_id: String,
    pub function: Option<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub is_main_contact: bool,
}

/// One row of the people list.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PersonSummary {
    pub id: String,
    pub display_name: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub category: PersonCategory,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Current posts, as "Organisation (fonction)".
    pub current_posts: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PersonSort {
    #[default]
    LastName,
    FirstName,
    Category,
    UpdatedAt,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PersonFilter {
    /// Accent- and case-insensitive text matched against names, e-mail, phone and current organisations.
    pub query: Option<String>,
    pub category: Option<PersonCategory>,
    pub organisation_id: Option<String>,
    pub sort: PersonSort,
    pub descending: bool,
    /// Archived people are left out unless asked for.
    pub include_archived: bool,
}
