use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ActionMetric, ActionStatus, FollowUp, IndicatorScope, IndicatorUnit, PartnerRole, PeriodKind, Ref, RightConcerned, Timescale};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Action {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub working_group: Option<Ref>,
    pub timescale: Option<Timescale>,
    pub status: ActionStatus,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub evaluated_meeting: Option<Ref>,
    pub partners: Vec<ActionPartner>,
    pub counts: Vec<ActionCount>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ActionInput {
    pub title: String,
    pub description: Option<String>,
    pub working_group_id: Option<String>,
    pub timescale: Option<Timescale>,
    pub status: Option<ActionStatus>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub evaluated_meeting_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ActionPartner {
    pub id: String,
    pub organisation: Ref,
    pub role: PartnerRole,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
pub struct ActionCount {
    pub id: String,
    pub period_start: String,
    pub period_end: String,
    pub metric: ActionMetric,
    pub count: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ActionCountInput {
    pub action_id: String,
    pub period_start: Option<String>,
    pub period_end: Option<String>,
    pub metric: Option<ActionMetric>,
    /// As typed: a whole number of people, zero or more.
    pub count: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Indicator {
    pub id: String,
    pub code: String,
    pub label: String,
    pub unit: IndicatorUnit,
    pub scope: IndicatorScope,
    pub body: Option<Ref>,
    pub action: Option<Ref>,
    /// For a computed indicator, the code of the bilan figure it takes its values from.
    pub formula: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct IndicatorInput {
    pub code: String,
    pub label: String,
    pub unit: Option<IndicatorUnit>,
    pub scope: Option<IndicatorScope>,
    pub body_id: Option<String>,
    pub action_id: Option<String>,
    pub formula: Option<String>,
    pub description: Option<String>,
}

/// A value of an indicator for a period; computed ones come from the core's figures.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct IndicatorValue {
    pub id: Option<String>,
    pub period_kind: PeriodKind,
    pub period_start: String,
    pub period_end: String,
    /// Counts, hours, percentages (0–100) and euros (from cents) as numbers; text apart.
    pub number: Option<f64>,
    pub text: Option<String>,
    pub comment: Option<String>,
    pub computed: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct IndicatorValueInput {
    pub indicator_id: String,
    pub period_kind: Option<PeriodKind>,
    /// First day of the period; its end follows from the kind.
    pub period_start: Option<String>,
    /// As typed ("12", "45,5", "1 234,56 €"): checked against the indicator's unit.
    pub value: String,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DifficultyReport {
    pub id: String,
    pub received_on: String,
    pub source_body: Option<Ref>,
    pub source_organisation: Option<Ref>,
    pub categories: Vec<Ref>,
    pub right_concerned: Option<RightConcerned>,
    pub follow_up: Option<FollowUp>,
    pub resolved: bool,
    pub summary: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DifficultyReportInput {
    pub received_on: Option<String>,
    pub source_body_id: Option<String>,
    pub source_organisation_id: Option<String>,
    pub category_ids: Vec<String>,
    pub right_concerned: Option<RightConcerned>,
    pub follow_up: Option<FollowUp>,
    pub resolved: bool,
    /// Short, and never the identity or situation of the person concerned.
    pub summary: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Solicitation {
    pub id: String,
    pub institution: Ref,
    pub sent_on: String,
    pub subject: String,
    pub answered_on: Option<String>,
    pub answer_summary: Option<String>,
    pub report_ids: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SolicitationInput {
    pub institution_id: String,
    pub sent_on: Option<String>,
    pub subject: String,
    pub answered_on: Option<String>,
    pub answer_summary: Option<String>,
    pub report_ids: Vec<String>,
}

/// The watch group's figures for a period: reports, their categories and rights, and the
/// solicitations of institutions.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
pub struct WatchFigures {
    pub reports: u32,
    pub resolved: u32,
    /// Each category's share: reports with it ÷ reports received (a report may carry several,
    /// so shares may add up to more than 100 %).
    pub categories: Vec<Share>,
    pub rights: Vec<Share>,
    pub follow_ups: Vec<Share>,
    pub institutions: Vec<InstitutionFigures>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct Share {
    pub label: String,
    pub count: u32,
    /// count ÷ reports received, or None without reports.
    pub share: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct InstitutionFigures {
    pub institution: String,
    pub solicitations: u32,
    pub answered: u32,
    pub pending: u32,
    pub subjects: Vec<String>,
}
