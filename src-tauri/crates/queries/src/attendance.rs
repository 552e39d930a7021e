//! The `attendance` table: who came. Check-in at the door of a plenary, walk-ins, marks entered
//! after the meeting, undo, and the sign-in sheet.

use rusqlite::{params, Connection, OptionalExtension};

use super::affiliations::organisation_on;
use super::invitations::is_member;
use super::query_words;
use crate::db::{new_id, now, today, write_tx};
use crate::error::{msg, Error, Result};
use crate::model::*;
use crate::text::fold;
use crate::validate as v;

struct MeetingInfo {
    body_id: String,
    date: String,
}

/// Attendance is recorded on the day of the meeting or after, never on a cancelled or postponed
/// one. The first mark on a planned meeting records that it was held.
fn open_for_attendance(conn: &Connection, meeting_id: &str) -> Result<MeetingInfo> {
    let (body_id, date, status): (String, String, MeetingStatus) = conn
        .query_row("SELECT body_id, date, status FROM meeting WHERE id = ? AND deleted_at IS NULL", [meeting_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?
        .ok_or(Error::NotFound { what: crate::error::what::MEETING })?;
    match status {
        MeetingStatus::Annulee => return Err(Error::invalid("status", msg::attendance_on_cancelled("annulée"))),
        MeetingStatus::Reportee => return Err(Error::invalid("status", msg::attendance_on_cancelled("reportée"))),
        _ => {}
    }
    if date > today() {
        return Err(Error::invalid("date", msg::attendance_in_future(&crate::text::french_date(&date))));
    }
    if status == MeetingStatus::Prevue {
        conn.execute("UPDATE meeting SET status = 'tenue', updated_at = ?2 WHERE id = ?1", params![meeting_id, now()])?;
    }
    Ok(MeetingInfo { body_id, date })
}

fn check_session(conn: &Connection, meeting_id: &str, session_id: &Option<String>) -> Result<()> {
    if let Some(s) = session_id {
        let ok: bool = conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM meeting_session WHERE id = ? AND meeting_id = ? AND deleted_at IS NULL)",
            params![s, meeting_id],
            |r| r.get(0),
        )?;
        if !ok {
            return Err(Error::NotFound { what: crate::error::what::SESSION });
        }
    }
    Ok(())
}

/// The invitation of an organisation invited alone (no named person) to a meeting.
fn organisation_invitation(conn: &Connection, meeting_id: &str, organisation_id: &str) -> Result<Option<(Option<String>, bool)>> {
    Ok(conn
        .query_row(
            "SELECT organisation_id, is_member FROM invitation
             WHERE meeting_id = ? AND person_id IS NULL AND organisation_id = ? AND deleted_at IS NULL",
            params![meeting_id, organisation_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Writes a person's mark for the meeting (or one session), replacing an earlier one. Someone
/// with no invitation of their own who comes for an organisation invited alone takes that
/// invitation (its membership, not a walk-in); anyone else not invited is a walk-in.
fn write(conn: &Connection, m: &MeetingInfo, input: &AttendanceInput, status: AttendanceStatus) -> Result<String> {
    let own: Option<(Option<String>, bool)> = conn
        .query_row(
            "SELECT organisation_id, is_member FROM invitation WHERE meeting_id = ? AND person_id = ? AND deleted_at IS NULL",
            params![input.meeting_id, input.person_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let invitation = match own {
        Some(i) => Some(i),
        None => match v::clean(input.organisation_id.clone()) {
            Some(o) => organisation_invitation(conn, &input.meeting_id, &o)?,
            None => match organisation_on(conn, &input.person_id, &m.date)? {
                Some(o) => organisation_invitation(conn, &input.meeting_id, &o)?,
                None => None,
            },
        },
    };
    let category: PersonCategory = conn
        .query_row("SELECT category FROM person WHERE id = ? AND deleted_at IS NULL", [&input.person_id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound { what: crate::error::what::PERSON })?;
    // A stand-in takes the seat of the person they replace: that person's organisation and membership.
    let stand_in_for = v::clean(input.stand_in_for_person_id.clone());
    let seat = match &stand_in_for {
        Some(absent) if absent == &input.person_id => return Err(Error::invalid("stand_in_for_person_id", msg::stand_in_same_person())),
        Some(absent) => conn
            .query_row(
                "SELECT organisation_id, is_member FROM invitation WHERE meeting_id = ? AND person_id = ? AND deleted_at IS NULL",
                params![input.meeting_id, absent],
                |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, bool>(1)?)),
            )
            .optional()?,
        None => None,
    };
    let organisation = match (v::clean(input.organisation_id.clone()), &seat, &invitation) {
        (Some(o), _, _) => Some(o),
        (None, Some((o, _)), _) => o.clone(),
        (None, None, Some((o, _))) => o.clone(),
        (None, None, None) => organisation_on(conn, &input.person_id, &m.date)?,
    };
    let member = match (&seat, &invitation) {
        (Some((_, member)), _) => *member,
        (None, Some((_, member))) => *member,
        (None, None) => is_member(conn, &m.body_id, &m.date, Some(&input.person_id), organisation.as_deref())?,
    };
    let at = now();
    let existing: Option<String> = conn
        .query_row(
            "SELECT id FROM attendance WHERE meeting_id = ? AND coalesce(session_id, '') = coalesce(?, '') AND person_id = ?
               AND deleted_at IS NULL",
            params![input.meeting_id, input.session_id, input.person_id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        conn.execute(
            "UPDATE attendance SET status = ?2, organisation_id = ?3, is_member = ?4, stand_in_for_person_id = ?5,
                    recorded_at = ?6, updated_at = ?6 WHERE id = ?1",
            params![id, status, organisation, member, stand_in_for, at],
        )?;
        return Ok(id);
    }
    let id = new_id();
    conn.execute(
        "INSERT INTO attendance (id, meeting_id, session_id, person_id, organisation_id, person_category, status, is_member,
                                 walk_in, stand_in_for_person_id, recorded_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?11)",
        params![id, input.meeting_id, input.session_id, input.person_id, organisation, category, status, member,
                // A stand-in came for someone invited: not a walk-in.
                invitation.is_none() && stand_in_for.is_none(), stand_in_for, at],
    )?;
    Ok(id)
}

/// Marks a person present, excused or absent (after the meeting, or to correct a mark).
pub fn set(conn: &Connection, input: AttendanceInput) -> Result<String> {
    let status = input.status.ok_or_else(|| Error::invalid("status", msg::required("Présence")))?;
    let tx = write_tx(conn)?;
    let m = open_for_attendance(&tx, &input.meeting_id)?;
    check_session(&tx, &input.meeting_id, &input.session_id)?;
    let id = write(&tx, &m, &input, status)?;
    tx.commit()?;
    Ok(id)
}

/// Check-in at the door: marks the person present, once. Returns the attendance id (for undo).
pub fn check_in(conn: &Connection, meeting_id: &str, session_id: Option<String>, person_id: &str) -> Result<String> {
    let tx = write_tx(conn)?;
    let m = open_for_attendance(&tx, meeting_id)?;
    check_session(&tx, meeting_id, &session_id)?;
    let already: Option<String> = tx
        .query_row(
            "SELECT recorded_at FROM attendance WHERE meeting_id = ? AND coalesce(session_id, '') = coalesce(?, '')
               AND person_id = ? AND status = 'present' AND deleted_at IS NULL",
            params![meeting_id, session_id, person_id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(at) = already {
        let name = super::persons::get(&tx, person_id)?.display_name;
        let local = chrono::DateTime::parse_from_rfc3339(&at).map(|t| t.with_timezone(&chrono::Local).format("%H:%M").to_string()).unwrap_or(at);
        return Err(Error::conflict("person_id", msg::already_checked_in(&name, &local)));
    }
    let input = AttendanceInput { meeting_id: meeting_id.to_owned(), session_id, person_id: person_id.to_owned(), ..Default::default() };
    let id = write(&tx, &m, &input, AttendanceStatus::Present)?;
    tx.commit()?;
    Ok(id)
}

/// Someone who was not invited, perhaps unknown to the directory: added in two fields and marked
/// present. A known organisation (by name or acronym) is linked; an unknown one is noted on the
/// person so the secretariat can complete the directory later.
pub fn walk_in(conn: &Connection, input: WalkInInput) -> Result<CheckInHit> {
    let name = v::clean(Some(input.name)).ok_or_else(|| Error::invalid("name", msg::walk_in_needs_name()))?;
    let tx = write_tx(conn)?;
    let m = open_for_attendance(&tx, &input.meeting_id)?;
    check_session(&tx, &input.meeting_id, &input.session_id)?;
    let org_text = v::clean(input.organisation);
    let organisation: Option<Ref> = match &org_text {
        Some(t) => tx
            .query_row(
                "SELECT id, name FROM organisation WHERE deleted_at IS NULL AND (name_key = ?1 OR lower(acronym) = ?1)
                 ORDER BY archived_at IS NOT NULL, name_key LIMIT 1",
                [fold(t)],
                |r| Ok(Ref { id: r.get(0)?, label: r.get(1)? }),
            )
            .optional()?,
        None => None,
    };
    let (first, last) = match name.split_once(' ') {
        Some((f, l)) => (Some(f.to_owned()), Some(l.to_owned())),
        None => (None, Some(name.clone())),
    };
    let notes = match (&org_text, &organisation) {
        (Some(t), None) => Some(msg::walk_in_note(&crate::text::french_date(&m.date), t)),
        _ => None,
    };
    let person = super::persons::create(&tx, PersonInput { first_name: first, last_name: last, category: Some(PersonCategory::Autre), notes, ..Default::default() })?;
    let att = AttendanceInput {
        meeting_id: input.meeting_id.clone(),
        session_id: input.session_id.clone(),
        person_id: person.id.clone(),
        organisation_id: organisation.as_ref().map(|o| o.id.clone()),
        ..Default::default()
    };
    let attendance_id = write(&tx, &m, &att, AttendanceStatus::Present)?;
    // Someone typed at the door for an organisation invited alone came on its invitation.
    let walk_in: bool = tx.query_row("SELECT walk_in FROM attendance WHERE id = ?", [&attendance_id], |r| r.get(0))?;
    tx.commit()?;
    Ok(CheckInHit {
        person_id: person.id,
        display_name: person.display_name,
        organisation,
        invited: !walk_in,
        attendance_id: Some(attendance_id),
        status: Some(AttendanceStatus::Present),
    })
}

/// A check-in code scanned at the door (typed by a USB scanner into the check-in field): the
/// invited person is checked in at once, as [`check_in`] would. `Ok(None)` when `typed` is not a
/// code (a name being searched); a French error when it is the code of another meeting's
/// invitation, of a removed one, or of someone already present.
pub fn check_in_by_code(conn: &Connection, meeting_id: &str, session_id: Option<String>, typed: &str) -> Result<Option<CheckInHit>> {
    let Some(invitation_id) = crate::checkin_code::parse(typed) else { return Ok(None) };
    let found: Option<(String, Option<String>)> = conn
        .query_row(
            "SELECT i.meeting_id, i.person_id FROM invitation i JOIN meeting m ON m.id = i.meeting_id
             WHERE i.id = ? AND i.deleted_at IS NULL AND m.deleted_at IS NULL",
            [&invitation_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    // An organisation invited without a named person has no code to scan.
    let Some((of_meeting, Some(person_id))) = found else {
        return Err(Error::invalid("code", msg::unknown_checkin_code()));
    };
    if of_meeting != meeting_id {
        let other = super::meetings::get(conn, &of_meeting)?;
        let name = other.title.clone().unwrap_or_else(|| other.body.label.clone());
        return Err(Error::invalid("code", msg::checkin_code_of_another_meeting(&name, &crate::text::french_date(&other.date))));
    }
    let attendance_id = check_in(conn, meeting_id, session_id, &person_id)?;
    let person = super::persons::get(conn, &person_id)?;
    // The organisation the presence was recorded for (the invitation's, else the person's).
    let organisation: Option<Ref> = conn
        .query_row(
            "SELECT o.id, o.name FROM attendance a JOIN organisation o ON o.id = a.organisation_id WHERE a.id = ?",
            [&attendance_id],
            |r| Ok(Ref { id: r.get(0)?, label: r.get(1)? }),
        )
        .optional()?;
    Ok(Some(CheckInHit {
        person_id,
        display_name: person.display_name,
        organisation,
        invited: true,
        attendance_id: Some(attendance_id),
        status: Some(AttendanceStatus::Present),
    }))
}

/// Undoes a mark entered by mistake (a wrong check-in).
pub fn undo(conn: &Connection, attendance_id: &str) -> Result<()> {
    let at = now();
    let n = conn.execute("UPDATE attendance SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL", params![attendance_id, at])?;
    if n == 0 {
        return Err(Error::NotFound { what: crate::error::what::MARK });
    }
    Ok(())
}

/// After the meeting: marks absent every invited person with no mark who did not send apologies.
pub fn mark_rest_absent(conn: &Connection, meeting_id: &str) -> Result<u32> {
    let tx = write_tx(conn)?;
    let m = open_for_attendance(&tx, meeting_id)?;
    let people: Vec<String> = tx
        .prepare(
            "SELECT i.person_id FROM invitation i JOIN person p ON p.id = i.person_id
             WHERE i.meeting_id = ?1 AND i.deleted_at IS NULL AND p.deleted_at IS NULL AND i.reply <> 'excuse'
               AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = ?1 AND a.person_id = i.person_id AND a.deleted_at IS NULL)
               AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = ?1 AND a.stand_in_for_person_id = i.person_id AND a.deleted_at IS NULL)",
        )?
        .query_map([meeting_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for p in &people {
        let input = AttendanceInput { meeting_id: meeting_id.to_owned(), person_id: p.clone(), ..Default::default() };
        write(&tx, &m, &input, AttendanceStatus::Absent)?;
    }
    tx.commit()?;
    Ok(people.len() as u32)
}

/// The check-in search: invited people whose name, e-mail or organisation matches every word,
/// then (to check in someone not invited) people of the directory whose name matches. At most
/// `limit` lines. The directory part uses the trigram index (words of three letters or more).
pub fn search(conn: &Connection, meeting_id: &str, session_id: Option<&str>, query: &str, limit: u32) -> Result<Vec<CheckInHit>> {
    let words = query_words(&Some(query.to_owned()));
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let mut p = super::Params::default();
    let meeting = p.bind(meeting_id.to_owned());
    let session = p.bind(session_id.map(str::to_owned));
    let lim = p.bind(limit);
    let today = p.bind(today());
    let mut invited_match = Vec::new();
    let mut name_match = Vec::new();
    for w in words {
        let w = p.bind(w);
        invited_match.push(format!("(p.search_text LIKE {w} ESCAPE '\\' OR o.search_text LIKE {w} ESCAPE '\\')"));
        name_match.push(format!("p.search_text LIKE {w} ESCAPE '\\'"));
    }
    let directory = match super::trigram_match(query) {
        Some(fts) => format!(
            // The LIMIT applies to the matching people first, in index order (sorting thousands of
            // matches of three common letters costs more than it helps: one more letter narrows
            // them); the joins then run on those few, which the outer query sorts by name.
            "UNION ALL
             SELECT * FROM (
               SELECT p.id, {name_p}, o.id, o.name,
                      -- Invited through their organisation, invited alone (no named person).
                      EXISTS (SELECT 1 FROM invitation oi WHERE oi.meeting_id = {meeting} AND oi.person_id IS NULL
                                AND oi.organisation_id = o.id AND oi.deleted_at IS NULL),
                      a.id, a.status, p.sort_key
               FROM (SELECT p.rowid AS rid FROM person_search f JOIN person p ON p.rowid = f.rowid
                     WHERE person_search MATCH {fts} AND p.deleted_at IS NULL AND p.archived_at IS NULL AND {names}
                       AND NOT EXISTS (SELECT 1 FROM invitation i WHERE i.meeting_id = {meeting} AND i.person_id = p.id AND i.deleted_at IS NULL)
                     LIMIT {lim}) found
               JOIN person p ON p.rowid = found.rid
               LEFT JOIN affiliation af ON af.id = (SELECT a2.id FROM affiliation a2 WHERE a2.person_id = p.id AND a2.deleted_at IS NULL
                    AND (a2.end_date IS NULL OR a2.end_date >= {today}) ORDER BY a2.is_main_contact DESC LIMIT 1)
               LEFT JOIN organisation o ON o.id = af.organisation_id
               LEFT JOIN attendance a ON a.meeting_id = {meeting} AND a.person_id = p.id AND a.deleted_at IS NULL
                    AND coalesce(a.session_id, '') = coalesce({session}, ''))",
            fts = p.bind(fts),
            names = name_match.join(" AND "),
            name_p = super::persons::name_sql("p", false),
        ),
        None => String::new(),
    };
    let sql = format!(
        "SELECT p.id, {name_p}, o.id, o.name, 1, a.id, a.status, p.sort_key
         FROM invitation i JOIN person p ON p.id = i.person_id LEFT JOIN organisation o ON o.id = i.organisation_id
         LEFT JOIN attendance a ON a.meeting_id = i.meeting_id AND a.person_id = p.id AND a.deleted_at IS NULL
              AND coalesce(a.session_id, '') = coalesce({session}, '')
         WHERE i.meeting_id = {meeting} AND i.deleted_at IS NULL AND p.deleted_at IS NULL AND {invited}
         {directory}
         ORDER BY 5 DESC, 8 LIMIT {lim}",
        invited = invited_match.join(" AND "),
        name_p = super::persons::name_sql("p", false),
    );
    let rows = conn
        .prepare_cached(&sql)?
        .query_map(p.as_refs().as_slice(), |r| {
            let org_id: Option<String> = r.get(2)?;
            Ok(CheckInHit {
                person_id: r.get(0)?,
                display_name: r.get(1)?,
                organisation: org_id.map(|id| Ok::<_, rusqlite::Error>(Ref { id, label: r.get(3)? })).transpose()?,
                invited: r.get(4)?,
                attendance_id: r.get(5)?,
                status: r.get(6)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The live counts shown in check-in mode.
pub fn counts(conn: &Connection, meeting_id: &str) -> Result<CheckInCounts> {
    let (status, headcount): (MeetingStatus, Option<u32>) =
        conn.query_row("SELECT status, headcount FROM meeting WHERE id = ?", [meeting_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let f = super::meetings::figures_of(conn, meeting_id, status, headcount)?;
    Ok(CheckInCounts {
        people_present: f.present,
        people_invited: f.invited_people,
        organisations_present: f.organisations_present,
        organisations_invited: f.invited_organisations,
    })
}

/// The sign-in sheet: invited people by name, with their organisation.
pub fn sign_in_sheet(conn: &Connection, meeting_id: &str) -> Result<Vec<SignInLine>> {
    let rows = conn
        .prepare(&format!(
            "SELECT {name}, o.name, i.is_member
             FROM invitation i JOIN person p ON p.id = i.person_id LEFT JOIN organisation o ON o.id = i.organisation_id
             WHERE i.meeting_id = ? AND i.deleted_at IS NULL AND p.deleted_at IS NULL ORDER BY p.sort_key",
            name = super::persons::name_sql("p", true)
        ))?
        .query_map([meeting_id], |r| Ok(SignInLine { name: r.get(0)?, organisation: r.get(1)?, is_member: r.get(2)? }))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Attendance marks of the meetings of `scope`, for the figures. An erased person's marks keep
/// counting under the mark's own id.
pub fn figure_rows(conn: &Connection, scope: super::MeetingScope, ids: &mut crate::figures::Ids) -> Result<Vec<crate::figures::AttendanceRow>> {
    let (condition, p) = scope.condition();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT g.rowid, coalesce(a.person_id, a.id), a.person_category, a.organisation_id, a.status, a.is_member,
                a.walk_in, a.stand_in_for_person_id
         -- Meetings first, then each one's marks from the covering index attendance_figures.
         FROM meeting g CROSS JOIN attendance a ON a.meeting_id = g.id WHERE {condition} AND a.deleted_at IS NULL"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(p))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(crate::figures::AttendanceRow {
            meeting: r.get::<_, i64>(0)? as crate::figures::Key,
            person: super::key(ids, r, 1)?,
            category: r.get(2)?,
            organisation: super::opt_key(ids, r, 3)?,
            status: r.get(4)?,
            is_member: r.get(5)?,
            walk_in: r.get(6)?,
            stand_in_for: super::opt_key(ids, r, 7)?,
        });
    }
    Ok(out)
}

/// People present at the held meetings of a period, for the optional sheet with names. Archived
/// people are listed too: they were there.
pub fn participants(conn: &Connection, from: &str, to: &str) -> Result<Vec<BilanParticipant>> {
    let rows = conn
        .prepare(
            &format!("SELECT DISTINCT g.date, b.name, {name}, o.name, a.person_category,
                    g.start_time, pe.sort_key
             FROM attendance a JOIN meeting g ON g.id = a.meeting_id JOIN body b ON b.id = g.body_id
             JOIN person pe ON pe.id = a.person_id LEFT JOIN organisation o ON o.id = a.organisation_id
             WHERE a.deleted_at IS NULL AND a.status = 'present' AND g.deleted_at IS NULL AND g.status = 'tenue'
               AND g.date BETWEEN ?1 AND ?2
             ORDER BY g.date, g.start_time, b.name, pe.sort_key",
            name = super::persons::name_sql("pe", false)
        ))?
        .query_map(params![from, to], |r| Ok(BilanParticipant { date: r.get(0)?, body: r.get(1)?, name: r.get(2)?, organisation: r.get(3)?, category: r.get(4)? }))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
