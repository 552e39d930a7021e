use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Ref, Sector};

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DirectoryGrouping {
    #[default]
    Domain,
    Sector,
}

/// The printable "Répertoire des partenaires": one group per domain (an organisation appears in
/// each of its domains) or per sector.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DirectoryGroup {
    /// Set when grouped by domain; `None` collects organisations without a domain.
    pub domain: Option<Ref>,
    /// Set when grouped by sector.
    pub sector: Option<Sector>,
    pub entries: Vec<DirectoryEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DirectoryEntry {
    pub id: String,
    pub name: String,
    pub acronym: Option<String>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub commune: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub missions: Option<String>,
    pub public_served: Option<String>,
    pub access_conditions: Option<String>,
    /// Main contacts first, as "Prénom Nom — fonction".
    pub contacts: Vec<String>,
}
