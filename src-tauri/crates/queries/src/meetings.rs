//! The `meeting` and `meeting_session` tables.

use rusqlite::{params, Connection, OptionalExtension};

use crate::db::{new_id, now, write_tx};
use crate::error::{msg, Error, Result};
use crate::model::*;
use crate::validate as v;

fn validate(conn: &Connection, mut i: MeetingInput) -> Result<(MeetingInput, String, MeetingStatus)> {
    super::bodies::get(conn, &i.body_id).map_err(|_| Error::invalid("body_id", msg::required("Instance")))?;
    let date = v::date("date", "Date", i.date.take())?.ok_or_else(|| Error::invalid("date", msg::required("Date")))?;
    i.start_time = v::time("start_time", "Début", i.start_time)?;
    i.end_time = v::time("end_time", "Fin", i.end_time)?;
    v::time_range(&i.start_time, &i.end_time)?;
    i.title = v::clean(i.title);
    v::max_len("title", "Titre", &i.title, 200)?;
    i.place = v::clean(i.place);
    i.agenda = v::clean(i.agenda);
    v::max_len("agenda", "Ordre du jour", &i.agenda, 10_000)?;
    i.minutes_text = v::clean(i.minutes_text);
    v::max_len("minutes_text", "Compte rendu", &i.minutes_text, 100_000)?;
    i.minutes_sent_on = v::date("minutes_sent_on", "Compte rendu envoyé le", i.minutes_sent_on)?;
    let status = i.status.unwrap_or(MeetingStatus::Prevue);
    Ok((i, date, status))
}

pub fn create(conn: &Connection, input: MeetingInput) -> Result<Meeting> {
    let (i, date, status) = validate(conn, input)?;
    let id = new_id();
    conn.execute(
        "INSERT INTO meeting (id, body_id, title, date, start_time, end_time, place, status, agenda, minutes_text,
                              minutes_sent_on, headcount, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
        params![id, i.body_id, i.title, date, i.start_time, i.end_time, i.place, status, i.agenda, i.minutes_text,
                i.minutes_sent_on, i.headcount, now()],
    )?;
    get(conn, &id)
}

/// Updates a meeting. A meeting with presences stays held, on a day already past: changing that
/// would take it out of the bilan (which counts held meetings) without anyone noticing, so it is
/// refused with the reason. A status left empty keeps the current one.
pub fn update(conn: &Connection, id: &str, input: MeetingInput) -> Result<Meeting> {
    let keep_status = input.status.is_none();
    let (i, date, mut status) = validate(conn, input)?;
    let current: Option<MeetingStatus> = conn.query_row("SELECT status FROM meeting WHERE id = ? AND deleted_at IS NULL", [id], |r| r.get(0)).optional()?;
    let Some(current) = current else { return Err(Error::NotFound { what: crate::error::what::MEETING }) };
    if keep_status {
        status = current;
    }
    let recorded: i64 = conn.query_row("SELECT count(*) FROM attendance WHERE meeting_id = ? AND deleted_at IS NULL", [id], |r| r.get(0))?;
    if recorded > 0 && status != MeetingStatus::Tenue {
        return Err(Error::conflict("status", msg::meeting_status_locked(recorded)));
    }
    if recorded > 0 && date > crate::db::today() {
        return Err(Error::conflict("date", msg::meeting_date_locked(recorded)));
    }
    let n = conn.execute(
        "UPDATE meeting SET body_id = ?2, title = ?3, date = ?4, start_time = ?5, end_time = ?6, place = ?7, status = ?8,
                agenda = ?9, minutes_text = ?10, minutes_sent_on = ?11, headcount = ?12, updated_at = ?13
         WHERE id = ?1 AND deleted_at IS NULL",
        params![id, i.body_id, i.title, date, i.start_time, i.end_time, i.place, status, i.agenda, i.minutes_text,
                i.minutes_sent_on, i.headcount, now()],
    )?;
    if n == 0 {
        return Err(Error::NotFound { what: crate::error::what::MEETING });
    }
    get(conn, id)
}

/// Deletes a meeting with its sessions, invitations and attendance, all or nothing. When
/// attendance was recorded, the caller must confirm (`confirmed`), else nothing is touched.
pub fn remove(conn: &Connection, id: &str, confirmed: bool) -> Result<()> {
    let tx = write_tx(conn)?;
    let exists: bool = tx.query_row("SELECT EXISTS(SELECT 1 FROM meeting WHERE id = ? AND deleted_at IS NULL)", [id], |r| r.get(0))?;
    if !exists {
        return Err(Error::NotFound { what: crate::error::what::MEETING });
    }
    let recorded: i64 = tx.query_row("SELECT count(*) FROM attendance WHERE meeting_id = ? AND deleted_at IS NULL", [id], |r| r.get(0))?;
    if recorded > 0 && !confirmed {
        return Err(Error::conflict("confirmed", msg::meeting_has_attendance(recorded)));
    }
    let at = now();
    for table in ["attendance", "invitation", "meeting_session", "mailing_log"] {
        tx.execute(&format!("UPDATE {table} SET deleted_at = ?2, updated_at = ?2 WHERE meeting_id = ?1 AND deleted_at IS NULL"), params![id, at])?;
    }
    // The minutes file goes with its meeting, bytes included.
    super::minutes_files::tombstone(&tx, id, &at)?;
    tx.execute("UPDATE meeting SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1", params![id, at])?;
    tx.commit()
}

pub fn get(conn: &Connection, id: &str) -> Result<Meeting> {
    let mut m = conn
        .query_row(
            "SELECT g.id, g.body_id, b.name, b.kind, g.title, g.date, g.start_time, g.end_time, g.place, g.status, g.agenda,
                    g.minutes_text, g.minutes_path, g.minutes_sent_on, g.headcount
             FROM meeting g JOIN body b ON b.id = g.body_id WHERE g.id = ? AND g.deleted_at IS NULL",
            [id],
            |r| {
                Ok(Meeting {
                    id: r.get(0)?,
                    body: Ref { id: r.get(1)?, label: r.get(2)? },
                    body_kind: r.get(3)?,
                    title: r.get(4)?,
                    date: r.get(5)?,
                    start_time: r.get(6)?,
                    end_time: r.get(7)?,
                    place: r.get(8)?,
                    status: r.get(9)?,
                    agenda: r.get(10)?,
                    minutes_text: r.get(11)?,
                    minutes_file: None,
                    minutes_path: r.get(12)?,
                    minutes_sent_on: r.get(13)?,
                    headcount: r.get(14)?,
                    sessions: Vec::new(),
                    figures: MeetingFigures::default(),
                    mailings: Vec::new(),
                })
            },
        )
        .optional()?
        .ok_or(Error::NotFound { what: crate::error::what::MEETING })?;
    m.minutes_file = super::minutes_files::get(conn, id)?;
    m.sessions = sessions(conn, id)?;
    m.figures = figures_of(conn, id, m.status, m.headcount)?;
    m.mailings = super::mailings::log_of(conn, id)?;
    Ok(m)
}

/// A meeting's figures, by the counting rules of [`crate::figures::meeting`].
pub fn figures_of(conn: &Connection, id: &str, status: MeetingStatus, headcount: Option<u32>) -> Result<MeetingFigures> {
    let scope = super::MeetingScope::One(id);
    let mut ids = crate::figures::Ids::default();
    let (invitations, attendance) = (super::invitations::figure_rows(conn, scope, &mut ids)?, super::attendance::figure_rows(conn, scope, &mut ids)?);
    Ok(crate::figures::meeting::compute(status, headcount, &invitations, &attendance))
}

/// The date of the first meeting, if any.
pub fn first_date(conn: &Connection) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT min(date) FROM meeting WHERE deleted_at IS NULL", [], |r| r.get(0))?)
}

/// Meetings dated `from`..=`to` (local dates), with their body, for the figures.
pub fn figure_rows(conn: &Connection, from: &str, to: &str, ids: &mut crate::figures::Ids) -> Result<Vec<crate::figures::MeetingRow>> {
    let rows = conn
        .prepare_cached(
            "SELECT g.id, g.date, g.start_time, b.id, b.name, b.kind, g.title, g.place, g.status, g.minutes_sent_on, g.headcount, g.rowid
             FROM meeting g JOIN body b ON b.id = g.body_id
             WHERE g.deleted_at IS NULL AND g.date BETWEEN ?1 AND ?2 ORDER BY g.date, g.start_time, g.id",
        )?
        .query_map(params![from, to], |r| {
            Ok(crate::figures::MeetingRow {
                key: r.get::<_, i64>(11)? as crate::figures::Key,
                id: r.get(0)?,
                date: r.get(1)?,
                start_time: r.get(2)?,
                body: super::key(ids, r, 3)?,
                body_name: r.get(4)?,
                body_kind: r.get(5)?,
                title: r.get(6)?,
                place: r.get(7)?,
                status: r.get(8)?,
                minutes_sent_on: r.get(9)?,
                headcount: r.get(10)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

pub fn list(conn: &Connection, f: &MeetingFilter) -> Result<Vec<MeetingSummary>> {
    let mut p = super::Params::default();
    let mut w = vec!["g.deleted_at IS NULL".to_owned()];
    if let Some(b) = v::clean(f.body_id.clone()) {
        w.push(format!("g.body_id = {}", p.bind(b)));
    }
    if let Some(d) = v::clean(f.from.clone()) {
        w.push(format!("g.date >= {}", p.bind(d)));
    }
    if let Some(d) = v::clean(f.to.clone()) {
        w.push(format!("g.date <= {}", p.bind(d)));
    }
    if let Some(s) = f.status {
        w.push(format!("g.status = {}", p.bind(s)));
    }
    let dir = if f.descending { "DESC" } else { "ASC" };
    let sql = format!(
        "SELECT g.id, g.body_id, b.name, b.kind, g.title, g.date, g.start_time, g.place, g.status, g.headcount, g.rowid
         FROM meeting g JOIN body b ON b.id = g.body_id
         WHERE {} ORDER BY g.date {dir}, g.start_time {dir}",
        w.join(" AND ")
    );
    let listed: Vec<(MeetingSummary, Option<u32>, i64)> = conn
        .prepare(&sql)?
        .query_map(p.as_refs().as_slice(), |r| {
            let summary = MeetingSummary {
                id: r.get(0)?,
                body: Ref { id: r.get(1)?, label: r.get(2)? },
                body_kind: r.get(3)?,
                title: r.get(4)?,
                date: r.get(5)?,
                start_time: r.get(6)?,
                place: r.get(7)?,
                status: r.get(8)?,
                invited_people: 0,
                present: 0,
            };
            Ok((summary, r.get(9)?, r.get(10)?))
        })?
        .collect::<Result<_, _>>()?;
    // The counts of each line by the counting rules (figures/meeting.rs), not counted again here:
    // the rows of the listed dates read once.
    let (Some(first), Some(last)) = (listed.iter().map(|(m, ..)| m.date.clone()).min(), listed.iter().map(|(m, ..)| m.date.clone()).max()) else {
        return Ok(Vec::new());
    };
    let scope = super::MeetingScope::Between(&first, &last);
    let mut ids = crate::figures::Ids::default();
    let invitations = crate::figures::ByMeeting::new(super::invitations::figure_rows(conn, scope, &mut ids)?, |r| r.meeting);
    let attendance = crate::figures::ByMeeting::new(super::attendance::figure_rows(conn, scope, &mut ids)?, |r| r.meeting);
    let mut out = Vec::with_capacity(listed.len());
    for (mut m, headcount, rowid) in listed {
        let key = rowid as crate::figures::Key;
        let f = crate::figures::meeting::compute(m.status, headcount, invitations.of(key), attendance.of(key));
        (m.invited_people, m.present) = (f.invited_people, f.present);
        out.push(m);
    }
    Ok(out)
}

pub fn add_session(conn: &Connection, input: MeetingSessionInput) -> Result<MeetingSession> {
    let title = v::required("title", "Intitulé", Some(input.title))?;
    let start = v::time("start_time", "Début", input.start_time)?;
    let end = v::time("end_time", "Fin", input.end_time)?;
    v::time_range(&start, &end)?;
    get(conn, &input.meeting_id)?;
    let id = new_id();
    let position: i64 = conn.query_row("SELECT count(*) FROM meeting_session WHERE meeting_id = ?", [&input.meeting_id], |r| r.get(0))?;
    conn.execute(
        "INSERT INTO meeting_session (id, meeting_id, title, start_time, end_time, position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![id, input.meeting_id, title, start, end, position, now()],
    )?;
    Ok(MeetingSession { id, title, start_time: start, end_time: end, present: 0 })
}

pub fn remove_session(conn: &Connection, id: &str) -> Result<()> {
    let tx = write_tx(conn)?;
    let at = now();
    tx.execute("UPDATE attendance SET deleted_at = ?2, updated_at = ?2 WHERE session_id = ?1 AND deleted_at IS NULL", params![id, at])?;
    let n = tx.execute("UPDATE meeting_session SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL", params![id, at])?;
    if n == 0 {
        return Err(Error::NotFound { what: crate::error::what::SESSION });
    }
    tx.commit()
}

fn sessions(conn: &Connection, meeting_id: &str) -> Result<Vec<MeetingSession>> {
    let rows = conn
        .prepare(
            "SELECT s.id, s.title, s.start_time, s.end_time,
                    (SELECT count(*) FROM attendance a WHERE a.session_id = s.id AND a.deleted_at IS NULL AND a.status = 'present')
             FROM meeting_session s WHERE s.meeting_id = ? AND s.deleted_at IS NULL ORDER BY s.position, s.start_time",
        )?
        .query_map([meeting_id], |r| {
            Ok(MeetingSession { id: r.get(0)?, title: r.get(1)?, start_time: r.get(2)?, end_time: r.get(3)?, present: r.get(4)? })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
