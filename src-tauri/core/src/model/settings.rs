use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The agency's own details: its name (on exports and letters), its town, and the secretariat's
/// e-mail address (the sender of the e-mail drafts).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[serde(default)]
pub struct Settings {
    pub agency_name: Option<String>,
    pub agency_town: Option<String>,
    pub secretariat_email: Option<String>,
}
