//! Retention periods and the yearly purge (docs/privacy.md).
//!
//! One rule for every category: a person is due for erasure when their last activity — the
//! latest of their meetings (invited or marked), the end of their posts and seats, and the day
//! their record was made — is older than the retention period of their category. Someone with a
//! post or a seat that is not over is never due; someone the secretariat keeps on purpose (with a
//! reason) is listed but not erased.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{erase, ErasureReport, OpenRoles};
use crate::queries::retention;
use crate::error::{msg, Error, Result};
use crate::model::PersonCategory;

/// Years kept after the last activity, by default (a rule of the model's).
pub use crate::model::default_retention_years as default_years;

/// Someone due for erasure, and why.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DuePerson {
    pub person_id: String,
    pub name: String,
    pub category: PersonCategory,
    /// The day of their last activity (AAAA-MM-JJ).
    pub last_activity: String,
    /// What that activity was, in French: « dernière participation le 12/03/2023 ».
    pub why: String,
    /// The retention period of their category, in years.
    pub years: i32,
    /// Kept on purpose: the reason given. Such a person is listed, not erased.
    pub kept: Option<String>,
}

/// The purge's preview, and whether the yearly purge is due (proposed by the app once a year).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PurgePreview {
    pub due: Vec<DuePerson>,
    pub last_purge_on: Option<String>,
    pub proposed: bool,
}

/// Everyone due for erasure on `day`, oldest activity first.
pub fn due(conn: &Connection, day: &str) -> Result<Vec<DuePerson>> {
    let settings = crate::queries::settings::get(conn)?;
    let mut out = Vec::new();
    for retention::Activity { person_id, category, name, kept, dates } in retention::activities(conn, day)? {
        // The latest activity, and what it was (meeting, post, seat, record made).
        // The record's own date counts only for someone who never took part: a record made today
        // for last year's sign-in sheets is not activity.
        let activity = dates[..3].iter().enumerate().filter_map(|(i, d)| d.clone().map(|d| (i, d))).max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
        let Some((which, last)) = activity.or_else(|| dates[3].clone().map(|d| (3, d))) else {
            continue;
        };
        let years = settings.retention(category).unwrap_or_else(|| default_years(category));
        if !is_past(&last, years, day) {
            continue;
        }
        let why = msg::retention_why(which, &crate::text::french_date(&last));
        out.push(DuePerson { person_id, name, category, last_activity: last, why, years, kept });
    }
    out.sort_by(|a, b| a.last_activity.cmp(&b.last_activity).then_with(|| a.name.cmp(&b.name)));
    Ok(out)
}

/// Whether `years` have passed since `last` on `day` (dates as AAAA-MM-JJ).
fn is_past(last: &str, years: i32, day: &str) -> bool {
    let (Ok(last), Ok(day)) = (chrono::NaiveDate::parse_from_str(last, "%Y-%m-%d"), chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")) else {
        return false;
    };
    last.checked_add_months(chrono::Months::new(12 * years as u32)).is_some_and(|limit| limit < day)
}

/// The preview of the purge on `day`: who is due, when the last purge was, whether to propose it.
pub fn preview(conn: &Connection, day: &str) -> Result<PurgePreview> {
    let due = due(conn, day)?;
    let last = retention::last_purge_on(conn);
    let a_year_ago = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.checked_sub_months(chrono::Months::new(12)))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let proposed = due.iter().any(|d| d.kept.is_none()) && last.as_deref().is_none_or(|l| l <= a_year_ago.as_str());
    Ok(PurgePreview { due, last_purge_on: last, proposed })
}

/// Erases everyone due on `day` who is not kept, and notes the day of the purge.
pub fn purge(conn: &Connection, day: &str, backups: crate::backup::Census) -> Result<ErasureReport> {
    let ids: Vec<String> = due(conn, day)?.into_iter().filter(|d| d.kept.is_none()).map(|d| d.person_id).collect();
    let report = erase(conn, &ids, OpenRoles::Refuse, backups)?;
    retention::note_purge(conn, day)?;
    Ok(report)
}

/// Keeps a person past their retention period, for a reason (asked by the purge's preview).
pub fn keep(conn: &Connection, person_id: &str, reason: &str) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid("reason", msg::required("Motif")));
    }
    if reason.chars().count() > 300 {
        return Err(Error::invalid("reason", msg::too_long("Motif", 300, reason.chars().count())));
    }
    retention::hold(conn, person_id, reason)
}

/// No longer keeps a person on purpose: the next purge erases them if they are due.
pub fn release(conn: &Connection, person_id: &str) -> Result<()> {
    retention::release(conn, person_id)
}

