//! The rows the figures are computed from, as `queries/` reads them. They hold codes and keys
//! only; names are there for the lines of the workbook, never to decide a count.
//!
//! Ids are interned into [`Key`]s as the rows are read ([`Ids`]): a period holds tens of
//! thousands of invitations and marks, and comparing small numbers instead of 36-character UUIDs
//! is what keeps a year's figures under 30 ms (see docs/measurements.md).

use rustc_hash::FxHashMap as HashMap;

use crate::model::*;

/// The key of an id (of a meeting, person, organisation or body): the UUID's own 128 bits, so
/// that reading tens of thousands of rows costs no lookup; any other text id gets a key of its
/// own from [`Ids`], outside the space of RFC 4122 UUIDs.
pub type Key = u128;

/// Keys of the ids met while reading rows.
#[derive(Debug, Clone, Default)]
pub struct Ids {
    others: HashMap<String, Key>,
}

impl Ids {
    pub fn key(&mut self, id: &str) -> Key {
        self.key_of_bytes(id.as_bytes())
    }

    /// The key of an id read as bytes (as SQLite gives it, before any UTF-8 check).
    pub fn key_of_bytes(&mut self, id: &[u8]) -> Key {
        if let Ok(u) = uuid::Uuid::try_parse_ascii(id) {
            if u.get_variant() == uuid::Variant::RFC4122 {
                return u.as_u128();
            }
        }
        // Keys counted down from u128::MAX carry the variant bits 11, which no RFC 4122 UUID has.
        let next = u128::MAX - self.others.len() as u128;
        *self.others.entry(String::from_utf8_lossy(id).into_owned()).or_insert(next)
    }
}

/// A meeting of the period, with its body.
#[derive(Debug, Clone)]
pub struct MeetingRow {
    pub id: String,
    /// The meeting's rowid in the file: its invitations and marks are read with it, an integer
    /// being cheaper to read than a UUID, tens of thousands of times.
    pub key: Key,
    /// Local date (Europe/Paris), `YYYY-MM-DD`: a meeting belongs to a period by this date.
    pub date: String,
    pub start_time: Option<String>,
    pub body: Key,
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
    pub meeting: Key,
    pub person: Option<Key>,
    pub organisation: Option<Key>,
    pub is_member: bool,
    pub reply: Reply,
}

/// One attendance mark. `person` is the person's key, or the mark's own once the person was
/// erased, so an erased person still counts once. `organisation` and `category` are the
/// snapshots of the day.
#[derive(Debug, Clone)]
pub struct AttendanceRow {
    pub meeting: Key,
    pub person: Key,
    pub category: PersonCategory,
    pub organisation: Option<Key>,
    pub status: AttendanceStatus,
    pub is_member: bool,
    pub walk_in: bool,
    pub stand_in_for: Option<Key>,
}

/// An organisation of the directory (tombstoned ones are never read).
#[derive(Debug, Clone)]
pub struct OrganisationRow {
    pub id: String,
    pub key: Key,
    pub name: String,
    pub sector: Sector,
    pub category: OrgCategory,
    pub commune: Option<String>,
    /// Local date of its archiving, if archived.
    pub archived_on: Option<String>,
}

#[derive(Debug, Clone)]
pub struct MembershipRow {
    pub organisation: Key,
    pub status: MembershipStatus,
    pub effective_date: String,
    /// Orders two steps of the same day: the later typed wins (then the id, so that every
    /// machine picks the same one).
    pub created_at: String,
    pub id: String,
}

#[derive(Debug, Clone)]
pub struct SignatureRow {
    pub organisation: Key,
    pub signed_on: String,
}

#[derive(Debug, Clone)]
pub struct BodyRow {
    pub id: String,
    pub key: Key,
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
    pub body: Key,
    pub person: Option<Key>,
    pub organisation: Option<Key>,
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
    pub person: Key,
    pub organisation: Key,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
}

/// Whether optional start and end dates (both included, open when missing) cover `date`.
pub fn covers(start: &Option<String>, end: &Option<String>, date: &str) -> bool {
    start.as_deref().is_none_or(|s| s <= date) && end.as_deref().is_none_or(|e| e >= date)
}

/// Rows of one kind for many meetings, kept in one vector with each meeting's range: the loaders
/// read them meeting by meeting, so grouping them costs no copy.
#[derive(Debug, Clone)]
pub struct ByMeeting<T> {
    rows: Vec<T>,
    ranges: HashMap<Key, std::ops::Range<usize>>,
}

impl<T> Default for ByMeeting<T> {
    fn default() -> Self {
        ByMeeting { rows: Vec::new(), ranges: HashMap::default() }
    }
}

impl<T> ByMeeting<T> {
    /// Groups `rows` by `meeting`. The loaders read meeting by meeting, so the rows of a meeting
    /// usually follow each other; when they do not, they are sorted first.
    pub fn new(mut rows: Vec<T>, meeting: impl Fn(&T) -> Key) -> Self {
        let mut ranges: HashMap<Key, std::ops::Range<usize>> = HashMap::default();
        let mut start = 0;
        for i in 1..=rows.len() {
            if i == rows.len() || meeting(&rows[i]) != meeting(&rows[start]) {
                if ranges.insert(meeting(&rows[start]), start..i).is_some() {
                    rows.sort_by_key(|r| meeting(r));
                    return Self::new(rows, meeting);
                }
                start = i;
            }
        }
        ByMeeting { rows, ranges }
    }

    pub fn of(&self, meeting: Key) -> &[T] {
        self.ranges.get(&meeting).map_or(&[][..], |r| &self.rows[r.clone()])
    }
}

/// Everything the figures of one or more periods need, read once.
#[derive(Debug, Clone, Default)]
pub struct Rows {
    /// Meetings of the periods read, by date then start time.
    pub meetings: Vec<MeetingRow>,
    pub invitations: ByMeeting<InvitationRow>,
    pub attendance: ByMeeting<AttendanceRow>,
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
    pub fn of_meeting(&self, meeting: Key) -> (&[InvitationRow], &[AttendanceRow]) {
        (self.invitations.of(meeting), self.attendance.of(meeting))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_grouped_by_meeting_even_out_of_order() {
        let g = ByMeeting::new(vec![(1u128, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (3, 'e')], |r| r.0);
        let of = |m: Key| g.of(m).iter().map(|r| r.1).collect::<String>();
        assert_eq!((of(1), of(2), of(3), of(4)), ("abd".into(), "c".into(), "e".into(), "".into()));
    }

    #[test]
    fn a_uuid_is_its_own_key_and_other_ids_get_keys_outside_uuids() {
        let mut ids = Ids::default();
        let u = "01a2074e-ea86-7356-a5ca-9d098f8e8285";
        assert_eq!(ids.key(u), uuid::Uuid::parse_str(u).unwrap().as_u128());
        let (a, b) = (ids.key("ancien-1"), ids.key("ancien-2"));
        assert_ne!(a, b);
        assert_eq!(ids.key("ancien-1"), a);
        assert_eq!(uuid::Uuid::from_u128(a).get_variant(), uuid::Variant::Future, "never an RFC 4122 UUID");
    }
}
