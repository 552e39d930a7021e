//! What goes on the sheets printed for a meeting or a body: name badges, address labels, and the
//! address block of letters sent in window envelopes. Who is on them and what each line says are
//! decided here; the page layouts (badges 8 or 10 per A4 sheet, labels 3 × 8, the window's place)
//! are the UI's print styles (docs/printing.md).

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{msg, Error, Result};
use crate::model::{Civility, MemberRole, Reply};
use crate::queries::persons::name_sql;

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

/// One person (or an organisation's seat) of the request, before it becomes a badge or an address.
struct Row {
    person_id: Option<String>,
    civility: Option<Civility>,
    name: String,
    organisation: Option<String>,
    street: Option<String>,
    postal_code: Option<String>,
    commune: Option<String>,
    role: Option<MemberRole>,
    function: Option<String>,
    withdrawn: bool,
}

/// The person's organisation for the sheet: the one named by the invitation or the seat, else
/// their current main post's. `{org}` is the explicit organisation's id column.
fn organisation_sql(org: &str, on: &str) -> String {
    format!(
        "coalesce({org}, (SELECT a.organisation_id FROM affiliation a WHERE a.person_id = p.id AND a.deleted_at IS NULL
                           AND (a.end_date IS NULL OR a.end_date >= {on}) ORDER BY a.is_main_contact DESC, a.start_date DESC LIMIT 1))"
    )
}

/// The function of the person's post at the organisation `o`.
const FUNCTION_SQL: &str = "(SELECT a.function FROM affiliation a WHERE a.person_id = p.id AND a.organisation_id = o.id AND a.deleted_at IS NULL
                              ORDER BY a.end_date IS NULL DESC, a.start_date DESC LIMIT 1)";

fn rows(conn: &Connection, req: &SheetRequest) -> Result<(String, Vec<Row>)> {
    let row = |r: &rusqlite::Row<'_>| -> rusqlite::Result<Row> {
        Ok(Row {
            person_id: r.get(0)?,
            civility: r.get(1)?,
            name: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
            organisation: r.get(3)?,
            street: r.get(4)?,
            postal_code: r.get(5)?,
            commune: r.get(6)?,
            role: r.get(7)?,
            function: r.get(8)?,
            withdrawn: r.get::<_, Option<bool>>(9)?.unwrap_or(false),
        })
    };
    let columns = |role: &str| {
        format!(
            "p.id, p.civility, {name}, o.name, o.address, o.postal_code, o.commune, {role}, {FUNCTION_SQL}, p.contact_consent IS 'retire'",
            name = name_sql("p", false)
        )
    };
    match (&req.meeting_id, &req.body_id) {
        (Some(meeting_id), _) => {
            let m = crate::queries::meetings::get(conn, meeting_id)?;
            let title = format!("{} — {}", m.title.clone().unwrap_or_else(|| m.body.label.clone()), crate::text::french_date(&m.date));
            let expected = if req.expected_only { format!("AND i.reply NOT IN ('{}', '{}')", Reply::Excuse.code(), Reply::Decline.code()) } else { String::new() };
            let sql = format!(
                "SELECT {cols} FROM invitation i JOIN meeting m ON m.id = i.meeting_id JOIN person p ON p.id = i.person_id
                 LEFT JOIN organisation o ON o.id = {org}
                 WHERE i.meeting_id = ?1 AND i.deleted_at IS NULL AND p.deleted_at IS NULL AND p.erased_at IS NULL {expected}
                 ORDER BY p.sort_key",
                cols = columns("(SELECT bm.role FROM body_member bm WHERE bm.body_id = m.body_id AND bm.person_id = p.id AND bm.deleted_at IS NULL
                                  AND (bm.end_date IS NULL OR bm.end_date >= m.date) LIMIT 1)"),
                org = organisation_sql("i.organisation_id", "m.date"),
            );
            let rows = conn.prepare(&sql)?.query_map([meeting_id], row)?.collect::<rusqlite::Result<_>>()?;
            Ok((title, rows))
        }
        (None, Some(body_id)) => {
            let title: String = conn
                .query_row("SELECT name FROM body WHERE id = ? AND deleted_at IS NULL", [body_id], |r| r.get(0))
                .optional()?
                .ok_or(Error::NotFound { what: crate::error::what::BODY })?;
            // Current members; an organisation's seat without a named person gets a label for the
            // organisation (no badge).
            let sql = format!(
                "SELECT {cols} FROM body_member bm LEFT JOIN person p ON p.id = bm.person_id AND p.deleted_at IS NULL AND p.erased_at IS NULL
                 LEFT JOIN organisation o ON o.id = CASE WHEN bm.person_id IS NULL THEN bm.organisation_id ELSE {org} END
                 WHERE bm.body_id = ?1 AND bm.deleted_at IS NULL AND (bm.end_date IS NULL OR bm.end_date >= ?2)
                   AND (p.id IS NOT NULL OR (bm.person_id IS NULL AND o.id IS NOT NULL AND o.deleted_at IS NULL))
                 ORDER BY p.sort_key IS NULL, p.sort_key, o.name_key",
                cols = columns("bm.role"),
                org = organisation_sql("bm.organisation_id", "?2"),
            );
            let rows = conn.prepare(&sql)?.query_map(params![body_id, crate::db::today()], row)?.collect::<rusqlite::Result<_>>()?;
            Ok((title, rows))
        }
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
