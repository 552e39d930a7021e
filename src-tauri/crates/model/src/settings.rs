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
    /// The agency's postal address (several lines): the sender's block of printed letters.
    pub agency_address: Option<String>,
    pub secretariat_email: Option<String>,
    /// Backups kept: the last N (default 10)…
    pub backup_keep_recent: Option<i32>,
    /// …and the newest of each of the last N months (default 12).
    pub backup_keep_months: Option<i32>,
    /// A laptop copy locks after this many idle minutes (default 10).
    pub copy_lock_minutes: Option<i32>,
    /// Retention, in years after a person's last activity, per category (defaults in
    /// `privacy::retention::DEFAULT_YEARS`: inhabitants and volunteers 2, others 3).
    pub retention_professionnel: Option<i32>,
    pub retention_benevole: Option<i32>,
    pub retention_elu: Option<i32>,
    pub retention_habitant: Option<i32>,
    pub retention_decideur: Option<i32>,
    pub retention_intervenant: Option<i32>,
    pub retention_autre: Option<i32>,
    /// Journal lines are kept this many years (default 5).
    pub journal_keep_years: Option<i32>,
}

impl Settings {
    /// The retention setting of a category, as stored (None: the default).
    pub fn retention(&self, c: super::PersonCategory) -> Option<i32> {
        use super::PersonCategory as P;
        match c {
            P::Professionnel => self.retention_professionnel,
            P::Benevole => self.retention_benevole,
            P::Elu => self.retention_elu,
            P::Habitant => self.retention_habitant,
            P::Decideur => self.retention_decideur,
            P::Intervenant => self.retention_intervenant,
            P::Autre => self.retention_autre,
        }
    }
}

/// Years a person of category `c` is kept after their last activity when the settings say
/// nothing (requirements § 6: inhabitants 1–2 years after they last took part, professional
/// contacts 3 years after their last post ends).
pub fn default_retention_years(c: super::PersonCategory) -> i32 {
    match c {
        super::PersonCategory::Habitant | super::PersonCategory::Benevole => 2,
        _ => 3,
    }
}
