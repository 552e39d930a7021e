//! Lines of the journal (the RGPD audit trail), as read by `crate::queries::journal`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{JournalAction, JournalOrigin};

/// One line of the journal.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct JournalEntry {
    pub id: String,
    /// RFC 3339, UTC.
    pub at: String,
    pub os_user: String,
    pub machine: String,
    pub origin: JournalOrigin,
    pub action: JournalAction,
    pub table_name: String,
    /// The table's French name (« Organismes »).
    pub table_label: String,
    pub record_id: String,
    pub person_id: Option<String>,
    /// The fields changed, by their French names.
    pub fields: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct JournalFilter {
    /// One record (an organisation, a meeting…).
    pub record_id: Option<String>,
    /// Everything about one person: their record and the records that name them.
    pub person_id: Option<String>,
    pub os_user: Option<String>,
    /// From this day (AAAA-MM-JJ), included.
    pub since: Option<String>,
    /// To this day, included.
    pub until: Option<String>,
    /// At most this many lines, newest first (default 500).
    pub limit: Option<u32>,
}
