use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{BodyKind, MeetingFigures, MeetingStatus, MembershipStatus, OrgCategory, PersonCategory, Sector};

/// A period of the evaluation, both ends included, as local dates.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
pub struct Period {
    pub from: String,
    pub to: String,
    /// "2026" for a calendar year, else "du 01/01/2026 au 30/06/2026".
    pub label: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum FigureUnit {
    Count,
    Rate,
}

/// One line of the summary: its value for the period and the previous one. A rate carries its
/// numerator and denominator.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct KeyFigure {
    /// Stable code, for links and tests ("meetings_held", "participation_rate"…).
    pub code: String,
    pub label: String,
    pub unit: FigureUnit,
    pub current: Option<f64>,
    pub previous: Option<f64>,
    pub current_ratio: Option<(u32, u32)>,
    pub previous_ratio: Option<(u32, u32)>,
    /// Where the dashboard links this figure: "meetings", "organisations" or nothing.
    pub drill: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BilanMeeting {
    pub id: String,
    pub date: String,
    pub body: String,
    pub body_kind: BodyKind,
    pub title: Option<String>,
    pub place: Option<String>,
    pub status: MeetingStatus,
    pub minutes_sent_on: Option<String>,
    pub figures: MeetingFigures,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BilanBody {
    pub id: String,
    pub name: String,
    pub kind: BodyKind,
    pub frequency_label: Option<String>,
    /// Meetings the planned frequency calls for in the period, when it is known.
    pub expected: Option<u32>,
    pub held: u32,
    pub cancelled: u32,
    pub average_present: Option<f64>,
    pub participation_rate: Option<f64>,
    pub members_at_end: u32,
    pub distinct_people: u32,
    pub distinct_organisations: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BilanOrganisation {
    pub id: String,
    pub name: String,
    pub sector: Sector,
    pub category: OrgCategory,
    pub commune: Option<String>,
    pub status: Option<MembershipStatus>,
    pub member_since: Option<String>,
    pub meetings_invited: u32,
    pub meetings_attended: u32,
    pub participation_rate: Option<f64>,
    pub working_groups: u32,
}

/// Presences (a person once per meeting) of one body type by one person category.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
pub struct ProfileCell {
    pub body_kind: BodyKind,
    pub category: PersonCategory,
    pub presences: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct MonthPoint {
    /// "2026-03"
    pub month: String,
    pub meetings_held: u32,
    pub presences: u32,
}

/// The yearly evaluation: every figure of the period, compared with the previous period.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Bilan {
    pub period: Period,
    pub previous: Period,
    pub key_figures: Vec<KeyFigure>,
    pub meetings: Vec<BilanMeeting>,
    pub bodies: Vec<BilanBody>,
    pub organisations: Vec<BilanOrganisation>,
    pub profiles: Vec<ProfileCell>,
    pub months: Vec<MonthPoint>,
    pub generated_at: String,
    /// "Bilan_<structure>_<année>.xlsx", to offer in the save dialog.
    pub file_name: String,
}
