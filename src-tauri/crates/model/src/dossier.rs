//! A person's file (RGPD access request): read by `crate::privacy::access`, shown by the app and
//! written as a workbook by `crate::export::dossier_xlsx`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{AttendanceStatus, JournalEntry, MailingFormat, MailingPurpose, MemberRole, Person, Reply};

/// A seat in a body.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DossierSeat {
    pub body: String,
    pub role: MemberRole,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
}

/// An invitation and its reply.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DossierInvitation {
    pub date: String,
    pub meeting: String,
    pub reply: Option<Reply>,
    pub replied_on: Option<String>,
}

/// A mark at a meeting.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DossierPresence {
    pub date: String,
    pub meeting: String,
    pub status: AttendanceStatus,
    pub walk_in: bool,
    /// They came in someone's place (« représenté par »): that person's name.
    pub standing_in_for: Option<String>,
}

/// A mailing produced for a meeting they were invited to (Maillage keeps no per-person list of
/// recipients: it never sends mail itself).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DossierMailing {
    pub produced_at: String,
    pub meeting: String,
    pub purpose: MailingPurpose,
    pub format: MailingFormat,
}

/// The whole file of one person.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PersonDossier {
    pub person: Person,
    /// Kept past the retention period on purpose: the reason.
    pub kept: Option<String>,
    pub seats: Vec<DossierSeat>,
    pub invitations: Vec<DossierInvitation>,
    pub presences: Vec<DossierPresence>,
    pub mailings: Vec<DossierMailing>,
    pub journal: Vec<JournalEntry>,
    pub made_at: String,
}
