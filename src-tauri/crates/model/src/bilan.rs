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

/// Where the dashboard links a figure: the list of the meetings or organisations behind it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Drill {
    HeldMeetings,
    CancelledMeetings,
    Organisations,
    Actions,
}

/// One line of the summary: its value for the period and the previous one. A rate carries its
/// numerator and denominator.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct KeyFigure {
    /// Stable code, for links and tests ("meetings_held", "participation_rate"…).
    pub code: String,
    pub label: String,
    /// How it is counted, in words (the `Définitions` sheet's line): shown beside the figure.
    pub definition: String,
    pub unit: FigureUnit,
    pub current: Option<f64>,
    pub previous: Option<f64>,
    pub current_ratio: Option<(u32, u32)>,
    pub previous_ratio: Option<(u32, u32)>,
    /// N against N-1, computed once by the core: for a count (N − N-1) ÷ N-1 (none when N-1 is
    /// 0), for a rate the difference in percentage points.
    pub change: Option<f64>,
    pub drill: Drill,
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
    /// People present, or invited and excused or represented, at one held meeting at least.
    pub distinct_people_mobilised: u32,
    /// Organisations present or excused at one held meeting at least.
    pub distinct_organisations_mobilised: u32,
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
    /// Archived by the end of the period (listed for what it did during the period).
    pub archived: bool,
    /// Held meetings it was invited to (alone or through a person).
    pub meetings_invited: u32,
    /// Held meetings where someone was present for it, invited or not.
    pub meetings_attended: u32,
    /// Invited and present ÷ invited: never above 100 %.
    pub participation_rate: Option<f64>,
    pub working_groups: u32,
    /// Held meetings where it was present or excused.
    pub meetings_present_or_excused: u32,
    /// Held meetings where someone came for it without it being invited.
    pub meetings_attended_uninvited: u32,
}

/// A person present at a meeting, for the optional `Participants` sheet (names: opt-in only).
#[derive(Debug, Clone, PartialEq)]
pub struct BilanParticipant {
    pub date: String,
    pub body: String,
    pub name: String,
    pub organisation: Option<String>,
    pub category: PersonCategory,
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
    pub work: BilanWork,
    pub generated_at: String,
    /// "Bilan_<structure>_<année>.xlsx", to offer in the save dialog.
    pub file_name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BilanGroup {
    pub name: String,
    pub theme: Option<String>,
    pub pilot: Option<String>,
    pub members: u32,
    pub guests: u32,
    pub held: u32,
    pub average_present: Option<f64>,
    pub distinct_organisations: u32,
    pub actions: u32,
    pub indicators: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BilanAction {
    pub title: String,
    pub group: Option<String>,
    pub pilot: Option<String>,
    pub copilots: Vec<String>,
    pub partners: Vec<String>,
    pub timescale: Option<super::Timescale>,
    pub status: super::ActionStatus,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub volunteers: u32,
    pub beneficiaries_identified: u32,
    pub beneficiaries_visited: u32,
    pub beneficiaries_referred: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BilanIndicatorValue {
    pub code: String,
    pub label: String,
    pub scope: String,
    pub period: String,
    pub number: Option<f64>,
    pub text: Option<String>,
    pub unit: super::IndicatorUnit,
    pub computed: bool,
}

/// What working groups did in the period, for the dashboard and the workbook.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct BilanWork {
    pub groups: Vec<BilanGroup>,
    pub actions: Vec<BilanAction>,
    pub indicators: Vec<BilanIndicatorValue>,
    pub watch: super::WatchFigures,
    pub watch_previous: super::WatchFigures,
    /// Held meetings of watch groups (« groupe de veille »), this period and the previous one.
    pub watch_meetings: (u32, u32),
}
