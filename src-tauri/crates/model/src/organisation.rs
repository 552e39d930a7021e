use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{MembershipEvent, MembershipStatus, OrgCategory, Ref, Sector, Signature};

/// The editable fields of an organisation, for creation and update alike.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct OrganisationInput {
    pub name: String,
    pub acronym: Option<String>,
    pub sector: Option<Sector>,
    pub category: Option<OrgCategory>,
    pub parent_id: Option<String>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub commune: Option<String>,
    pub territory: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub missions: Option<String>,
    pub public_served: Option<String>,
    pub access_conditions: Option<String>,
    pub partnership_expectations: Option<String>,
    pub partnership_limits: Option<String>,
    pub domain_ids: Vec<String>,
}

/// An organisation's full record, for its detail page.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    pub acronym: Option<String>,
    pub sector: Sector,
    pub category: OrgCategory,
    pub parent: Option<Ref>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub commune: Option<String>,
    pub territory: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub missions: Option<String>,
    pub public_served: Option<String>,
    pub access_conditions: Option<String>,
    pub partnership_expectations: Option<String>,
    pub partnership_limits: Option<String>,
    pub domains: Vec<Ref>,
    pub archived_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Local offices and services attached to this organisation.
    pub children: Vec<Ref>,
    /// Current status (latest event not after today), if any.
    pub membership_status: Option<MembershipStatus>,
    /// Dated history, newest first.
    pub membership_history: Vec<MembershipEvent>,
    pub signatures: Vec<Signature>,
    /// People working or volunteering there, current posts first.
    pub people: Vec<OrganisationPerson>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct OrganisationPerson {
    pub affiliation_id: String,
    pub person_id: String,
    pub person_name: String,
    pub function: Option<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub is_main_contact: bool,
    pub current: bool,
}

/// One row of the organisations list.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct OrganisationSummary {
    pub id: String,
    pub name: String,
    pub acronym: Option<String>,
    pub sector: Sector,
    pub category: OrgCategory,
    pub commune: Option<String>,
    pub membership_status: Option<MembershipStatus>,
    pub domains: Vec<String>,
    /// People currently affiliated.
    pub people_count: u32,
    pub archived: bool,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationSort {
    #[default]
    Name,
    Commune,
    Category,
    Sector,
    MembershipStatus,
    UpdatedAt,
}

/// Filters of the organisations list; every field is optional and they combine with AND.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct OrganisationFilter {
    /// Accent- and case-insensitive text matched against name, acronym, commune, territory, e-mail.
    pub query: Option<String>,
    pub sector: Option<Sector>,
    pub category: Option<OrgCategory>,
    pub domain_id: Option<String>,
    pub commune: Option<String>,
    pub membership_status: Option<MembershipStatus>,
    /// Organisations with no membership event at all.
    pub without_membership: bool,
    pub include_archived: bool,
    pub sort: OrganisationSort,
    pub descending: bool,
}

/// What removing an organisation did: an organisation with history is archived, not deleted.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RemovalOutcome {
    Deleted,
    Archived,
}
