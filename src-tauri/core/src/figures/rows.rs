//! The rows the figures are computed from, as `queries/` reads them. They hold codes and ids only;
//! names are there for the lines of the workbook, never to decide a count.

use std::collections::HashMap;

use crate::model::*;

/// A meeting of the period, with its body.
#[derive(Debug, Clone)]
pub struct MeetingRow {
    pub id: String,
    /// Local date (Europe/Paris), `YYYY-MM-DD`: a meeting belongs to a period by this date.
    pub date: String,
    pub start_time: Option<String>,
    pub body_id: String,
    pub body_name: String,
    pub body_kind: BodyKind,
    pub title: Option<String>,
    pub place: Option<String>,
    pub status: MeetingStatus,
    pub minutes_sent_on: Option<String>,
    pub headcount: Option<u32>,
}

/// One invitation: a person (with the organisation they were invited for), or an organisation
/// alone. `is_member` is the snapshot taken when inviting.
#[derive(Debug, Clone)]
pub struct InvitationRow {
    pub meeting_id: String,
    pub person_id: Option<String>,
    pub organisation_id: Option<String>,
    pub is_member: bool,
    pub reply: Reply,
}

/// One attendance mark. `person_key` is the person's id, or the row's own id once the person was
/// erased, so an erased person still counts once. `organisation_id` and `category` are the
/// snapshots of the day.
#[derive(Debug, Clone)]
pub struct AttendanceRow {
    pub meeting_id: String,
    pub person_key: String,
    pub category: PersonCategory,
    pub organisation_id: Option<String>,
    pub status: AttendanceStatus,
    pub is_member: bool,
    pub walk_in: bool,
    pub stand_in_for: Option<String>,
}

/// An organisation of the directory (tombstoned ones are never read).
#[derive(Debug, Clone)]
pub struct OrganisationRow {
    pub id: String,
    pub name: String,
    pub sector: Sector,
    pub category: OrgCategory,
    pub commune: Option<String>,
    /// Local date of its archiving, if archived.
    pub archived_on: Option<String>,
}

#[derive(Debug, Clone)]
pub struct MembershipRow {
    pub organisation_id: String,
    pub status: MembershipStatus,
    pub effective_date: String,
    /// Orders two steps of the same day: the later typed wins (then the id, so that every
    /// machine picks the same one).
    pub created_at: String,
    pub id: String,
}

#[derive(Debug, Clone)]
pub struct SignatureRow {
    pub organisation_id: String,
    pub signed_on: String,
}

#[derive(Debug, Clone)]
pub struct BodyRow {
    pub id: String,
    pub name: String,
    pub kind: BodyKind,
    pub theme: Option<String>,
    pub frequency_label: Option<String>,
    pub frequency_months: Option<u32>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
}

#[derive(Debug, Clone)]
pub struct BodyMemberRow {
    pub body_id: String,
    pub person_id: Option<String>,
    pub organisation_id: Option<String>,
    pub role: MemberRole,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
}

impl BodyMemberRow {
    /// A member (not a guest) whose seat covers `date`.
    pub fn member_on(&self, date: &str) -> bool {
        self.role != MemberRole::InviteNonMembre && covers(&self.start_date, &self.end_date, date)
    }
}

#[derive(Debug, Clone)]
pub struct AffiliationRow {
    pub person_id: String,
    pub organisation_id: String,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
}

/// Whether optional start and end dates (both included, open when missing) cover `date`.
pub fn covers(start: &Option<String>, end: &Option<String>, date: &str) -> bool {
    start.as_deref().is_none_or(|s| s <= date) && end.as_deref().is_none_or(|e| e >= date)
}

/// Everything the figures of one or more periods need, read once.
#[derive(Debug, Clone, Default)]
pub struct Rows {
    /// Meetings of the periods read, by date then start time.
    pub meetings: Vec<MeetingRow>,
    pub invitations: HashMap<String, Vec<InvitationRow>>,
    pub attendance: HashMap<String, Vec<AttendanceRow>>,
    pub organisations: Vec<OrganisationRow>,
    pub memberships: Vec<MembershipRow>,
    pub signatures: Vec<SignatureRow>,
    pub bodies: Vec<BodyRow>,
    pub body_members: Vec<BodyMemberRow>,
    pub affiliations: Vec<AffiliationRow>,
    pub actions: Vec<Action>,
}

impl Rows {
    /// The invitation and attendance rows of one meeting.
    pub fn of_meeting(&self, id: &str) -> (&[InvitationRow], &[AttendanceRow]) {
        (self.invitations.get(id).map_or(&[][..], Vec::as_slice), self.attendance.get(id).map_or(&[][..], Vec::as_slice))
    }
}
