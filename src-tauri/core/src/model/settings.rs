use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The agency's own details: its name (on exports and letters), its town, and the secretariat's
/// e-mail address (the sender of the e-mail drafts); how long backups are kept and when a laptop
/// copy locks itself.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
#[serde(default)]
pub struct Settings {
    pub agency_name: Option<String>,
    pub agency_town: Option<String>,
    pub secretariat_email: Option<String>,
    /// Backups kept: the last N (default 10)…
    pub backup_keep_recent: Option<i32>,
    /// …and the newest of each of the last N months (default 12).
    pub backup_keep_months: Option<i32>,
    /// A laptop copy locks after this many idle minutes (default 10).
    pub copy_lock_minutes: Option<i32>,
}
