//! What goes on the sheets printed for a meeting or a body: name badges, address labels, and the
//! address block of letters sent in window envelopes. Who is on them and what each line says are
//! decided here; the page layouts (badges 8 or 10 per A4 sheet, labels 3 × 8, the window's place)
//! are the UI's print styles (docs/printing.md).

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{msg, Error, Result};
use crate::model::MemberRole;
use crate::queries::sheet_rows::{self, SheetRow as Row};

/// Whose sheets: a meeting's invited people, or a body's current members.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SheetRequest {
    pub meeting_id: Option<String>,
    pub body_id: Option<String>,
    /// For a meeting: only those expected (no « excusé » or « décliné » reply). Badges are made
    /// for the door; letters and labels usually go to everyone invited.
    pub expected_only: bool,
}

/// One name badge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Badge {
    pub person_id: String,
    pub name: String,
    pub organisation: Option<String>,
    /// Their role in the body when it says something (pilot, co-pilot, facilitator, rapporteur),
    /// else their function in their organisation.
    pub role: Option<String>,
}

/// A postal address as La Poste reads it (NF Z 10-011): at most six lines, the recipient first,
/// the last « CODE POSTAL COMMUNE » in capitals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PostalAddress {
    pub person_id: Option<String>,
    pub lines: Vec<String>,
}

/// The people of a sheet request, for printing: the badges, and the addresses.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct Sheets {
    /// The title the sheets carry (« Séance plénière — 09/11/2026 », or the body's name).
    pub title: String,
    pub badges: Vec<Badge>,
    /// Addresses of those who can be written to (consent not withdrawn, a postal address known).
    pub addresses: Vec<PostalAddress>,
    /// Names of those without a known postal address (no organisation, or its address missing).
    pub without_address: Vec<String>,
    /// Names of those who withdrew their consent to be contacted: no letter, no label.
    pub consent_withdrawn: Vec<String>,
}

fn rows(conn: &Connection, req: &SheetRequest) -> Result<(String, Vec<Row>)> {
    match (&req.meeting_id, &req.body_id) {
        (Some(meeting_id), _) => {
            let m = crate::queries::meetings::get(conn, meeting_id)?;
            let title = format!("{} — {}", m.title.clone().unwrap_or_else(|| m.body.label.clone()), crate::text::french_date(&m.date));
            Ok((title, sheet_rows::of_meeting(conn, meeting_id, req.expected_only)?))
        }
        (None, Some(body_id)) => sheet_rows::of_body(conn, body_id),
        (None, None) => Err(Error::invalid("meeting_id", msg::sheet_needs_source())),
    }
}

/// A body role worth printing on a badge (« Membre » says nothing at the door).
fn telling_role(role: Option<MemberRole>) -> Option<&'static str> {
    match role? {
        MemberRole::Pilote | MemberRole::Copilote | MemberRole::Animateur | MemberRole::Rapporteur => Some(crate::labels::member_role(role?)),
        MemberRole::Membre | MemberRole::InviteNonMembre => None,
    }
}

/// The address lines of `r`, or `None` when its organisation's street or town is unknown.
fn address(r: &Row) -> Option<Vec<String>> {
    let street = r.street.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
    let commune = r.commune.as_deref().map(str::trim).filter(|c| !c.is_empty())?;
    let town = match r.postal_code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        Some(code) => format!("{code} {commune}"),
        None => commune.to_owned(),
    };
    let mut lines = Vec::new();
    if r.person_id.is_some() {
        let who = match r.civility {
            Some(c) => format!("{} {}", crate::labels::civility(c), r.name),
            None => r.name.clone(),
        };
        lines.push(who);
    }
    if let Some(o) = &r.organisation {
        lines.push(o.clone());
    }
    lines.extend(street.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned));
    // La Poste's last line: postal code and town in capitals.
    lines.push(town.to_uppercase());
    Some(lines)
}

/// The badges and addresses of `req`.
pub fn sheets(conn: &Connection, req: &SheetRequest) -> Result<Sheets> {
    let (title, rows) = rows(conn, req)?;
    let mut out = Sheets { title, ..Default::default() };
    for r in &rows {
        if let Some(person_id) = &r.person_id {
            out.badges.push(Badge {
                person_id: person_id.clone(),
                name: r.name.clone(),
                organisation: r.organisation.clone(),
                role: telling_role(r.role).map(str::to_owned).or_else(|| r.function.clone()),
            });
        }
        let shown = if r.person_id.is_some() { r.name.clone() } else { r.organisation.clone().unwrap_or_default() };
        if r.withdrawn {
            out.consent_withdrawn.push(shown);
        } else if let Some(lines) = address(r) {
            out.addresses.push(PostalAddress { person_id: r.person_id.clone(), lines });
        } else {
            out.without_address.push(shown);
        }
    }
    Ok(out)
}
