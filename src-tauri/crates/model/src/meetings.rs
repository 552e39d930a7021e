use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{AttendanceStatus, BodyKind, CalendarMethod, MailingAudience, MailingFormat, MailingPurpose, MeetingStatus, MemberRole, PersonCategory, Ref, Reply};

/// A body (instance): plenary, steering committee, working group…
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Body {
    pub id: String,
    pub name: String,
    pub kind: BodyKind,
    pub theme: Option<String>,
    pub frequency_label: Option<String>,
    pub frequency_months: Option<u32>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub work_axes: Option<String>,
    /// Current members (guests excluded).
    pub member_count: u32,
    pub meeting_count: u32,
    pub next_meeting: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct BodyInput {
    pub name: String,
    pub kind: Option<BodyKind>,
    pub theme: Option<String>,
    pub frequency_label: Option<String>,
    pub frequency_months: Option<u32>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub work_axes: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BodyMember {
    pub id: String,
    pub body_id: String,
    pub person: Option<Ref>,
    pub organisation: Option<Ref>,
    pub role: MemberRole,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    /// Member as of today (not ended).
    pub current: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct BodyMemberInput {
    pub body_id: String,
    pub person_id: Option<String>,
    pub organisation_id: Option<String>,
    pub role: Option<MemberRole>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct MeetingInput {
    pub body_id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub place: Option<String>,
    pub status: Option<MeetingStatus>,
    pub agenda: Option<String>,
    pub minutes_text: Option<String>,
    pub minutes_sent_on: Option<String>,
    pub headcount: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Meeting {
    pub id: String,
    pub body: Ref,
    pub body_kind: BodyKind,
    pub title: Option<String>,
    pub date: String,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub place: Option<String>,
    pub status: MeetingStatus,
    pub agenda: Option<String>,
    pub minutes_text: Option<String>,
    /// The minutes file kept in the database (sent with the minutes e-mail).
    pub minutes_file: Option<MinutesFile>,
    /// A file referenced by its path before schema 10, not kept in the database: to attach again.
    pub minutes_path: Option<String>,
    pub minutes_sent_on: Option<String>,
    pub headcount: Option<u32>,
    pub sessions: Vec<MeetingSession>,
    pub figures: MeetingFigures,
    pub mailings: Vec<MailingLogEntry>,
}

/// A meeting's minutes file, as the meeting page shows it (its bytes stay in the core).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MinutesFile {
    pub file_name: String,
    pub media_type: String,
    pub size: u32,
    /// The size as shown (« 245 Ko »).
    pub size_label: String,
    /// SHA-256 in hexadecimal: tells two versions of the file apart.
    pub sha256: String,
    /// When it was attached (RFC 3339).
    pub updated_at: String,
}

/// One row of the meetings list.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MeetingSummary {
    pub id: String,
    pub body: Ref,
    pub body_kind: BodyKind,
    pub title: Option<String>,
    pub date: String,
    pub start_time: Option<String>,
    pub place: Option<String>,
    pub status: MeetingStatus,
    pub invited_people: u32,
    pub present: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct MeetingFilter {
    pub body_id: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub status: Option<MeetingStatus>,
    /// Newest first when true.
    pub descending: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MeetingSession {
    pub id: String,
    pub title: String,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub present: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct MeetingSessionInput {
    pub meeting_id: String,
    pub title: String,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
}

/// The figures of one meeting. Every rate comes with its numerator and denominator, from stored
/// counts; definitions are in `figures::meeting`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq)]
pub struct MeetingFigures {
    pub invited_people: u32,
    pub invited_members: u32,
    pub invited_organisations: u32,
    pub present: u32,
    pub excused: u32,
    /// Invited people for whom someone else came (« représenté par »).
    pub represented: u32,
    pub absent: u32,
    pub no_reply: u32,
    pub organisations_present: u32,
    pub organisations_present_or_excused: u32,
    pub non_members_present: u32,
    pub walk_ins: u32,
    /// Invited members present or represented: the numerator of the participation rate.
    pub members_present: u32,
    /// members_present ÷ invited_members, or None when no member was invited.
    pub participation_rate: Option<f64>,
    pub headcount: Option<u32>,
}

impl MeetingFigures {
    /// Invited people present, represented or excused: the numerator of the mobilisation rate.
    /// For a held meeting every invited person is present, represented, excused, absent or
    /// without reply, so this is the invited less the absent and those without reply.
    pub fn present_or_excused_invited(&self) -> u32 {
        self.invited_people.saturating_sub(self.absent + self.no_reply)
    }
}

/// An invitation with what became of it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Invitation {
    pub id: String,
    pub person: Option<Ref>,
    pub person_category: Option<PersonCategory>,
    pub email: Option<String>,
    pub organisation: Option<Ref>,
    pub is_member: bool,
    pub reply: Reply,
    pub replied_on: Option<String>,
    pub attendance_id: Option<String>,
    pub attendance: Option<AttendanceStatus>,
    pub stand_in: Option<Ref>,
    /// The person withdrew their consent to be contacted: left out of mailings.
    pub contact_withdrawn: bool,
}

impl Invitation {
    /// Whether the invited person is among `audience`. Present: marked present. Excused: marked
    /// excused, or not marked and replied « excusé » (the figures' rule, figures/meeting.rs).
    /// Not replied: no reply and no mark.
    pub fn is_in(&self, audience: MailingAudience) -> bool {
        let present = self.attendance == Some(AttendanceStatus::Present);
        let excused = self.attendance == Some(AttendanceStatus::Excuse) || (self.attendance.is_none() && self.reply == Reply::Excuse);
        match audience {
            MailingAudience::Tous => true,
            MailingAudience::SansReponse => self.reply == Reply::EnAttente && self.attendance.is_none(),
            MailingAudience::PresentsExcuses => present || excused,
            MailingAudience::Presents => present,
        }
    }
}

/// Invite in one action: the body's current members, and/or chosen people and organisations.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct InviteRequest {
    pub meeting_id: String,
    pub body_members: bool,
    pub person_ids: Vec<String>,
    pub organisation_ids: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq, Eq)]
pub struct InviteOutcome {
    pub added: u32,
    pub already_invited: u32,
}

/// A line of the check-in search: an invited person, or someone of the directory not invited.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CheckInHit {
    pub person_id: String,
    pub display_name: String,
    pub organisation: Option<Ref>,
    pub invited: bool,
    pub attendance_id: Option<String>,
    pub status: Option<AttendanceStatus>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AttendanceInput {
    pub meeting_id: String,
    pub session_id: Option<String>,
    pub person_id: String,
    pub status: Option<AttendanceStatus>,
    /// The organisation represented; by default the one of the invitation, else the person's
    /// current main post.
    pub organisation_id: Option<String>,
    pub stand_in_for_person_id: Option<String>,
}

/// Someone who came without invitation, entered at the door in two fields.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct WalkInInput {
    pub meeting_id: String,
    pub session_id: Option<String>,
    /// "Prénom Nom" as typed.
    pub name: String,
    /// The organisation as typed; matched to the directory when it is found there.
    pub organisation: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CheckInCounts {
    pub people_present: u32,
    pub people_invited: u32,
    pub organisations_present: u32,
    pub organisations_invited: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MailingLogEntry {
    pub id: String,
    pub purpose: MailingPurpose,
    pub audience: MailingAudience,
    pub format: MailingFormat,
    pub recipients: u32,
    pub created_at: String,
}

/// Files produced for the secretariat's mail client.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MailingFiles {
    pub files: Vec<String>,
    pub recipients: u32,
    /// Invited people without an e-mail address: to reach by post or phone.
    pub without_email: Vec<String>,
    /// Invited people who withdrew their consent to be contacted: left out, not to be written to.
    pub consent_withdrawn: Vec<String>,
}

/// The printed letters of a meeting: to whom, and who is left out (consent withdrawn).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LetterRecipients {
    pub invitations: Vec<Invitation>,
    pub consent_withdrawn: Vec<String>,
}

/// An invited person's check-in code and its QR code (printed letters).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct InvitationCode {
    pub invitation_id: String,
    pub person_id: String,
    pub code: String,
    /// The QR code, as an SVG document.
    pub svg: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct MailingRequest {
    pub meeting_id: String,
    pub purpose: Option<MailingPurpose>,
    /// Whom it goes to (default: the purpose's usual recipients, `MailingAudience::default_for`).
    pub audience: Option<MailingAudience>,
    /// How the attached calendar file asks (default: PUBLISH).
    pub calendar: Option<CalendarMethod>,
    /// One draft per recipient instead of one with everyone in Bcc (the default, which keeps
    /// addresses private).
    pub individual: bool,
    /// Folder where the files are written.
    pub folder: String,
}

/// One line of the sign-in sheet (feuille d'émargement).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SignInLine {
    pub name: String,
    pub organisation: Option<String>,
    pub is_member: bool,
}
