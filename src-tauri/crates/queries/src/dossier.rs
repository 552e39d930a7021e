//! A person's file (RGPD access request): everything the database holds about them, read for
//! `maillage_core::privacy::access`.

use rusqlite::Connection;

use crate::error::Result;
use crate::model::*;

const MEETING_TITLE: &str = "coalesce(nullif(g.title, ''), b.name)";

/// Everything held about the person `person_id`.
pub fn dossier(conn: &Connection, person_id: &str) -> Result<PersonDossier> {
    let person = super::persons::get(conn, person_id)?;
    let kept = conn.query_row("SELECT reason FROM retention_hold WHERE person_id = ?", [person_id], |r| r.get(0)).ok();
    let seats = conn
        .prepare(
            "SELECT b.name, m.role, m.start_date, m.end_date FROM body_member m JOIN body b ON b.id = m.body_id
             WHERE m.person_id = ? AND m.deleted_at IS NULL ORDER BY coalesce(m.start_date, ''), b.name_key",
        )?
        .query_map([person_id], |r| Ok(DossierSeat { body: r.get(0)?, role: r.get(1)?, start_date: r.get(2)?, end_date: r.get(3)? }))?
        .collect::<Result<_, _>>()?;
    let invitations = conn
        .prepare(&format!(
            "SELECT g.date, {MEETING_TITLE}, i.reply, i.replied_on FROM invitation i JOIN meeting g ON g.id = i.meeting_id
             JOIN body b ON b.id = g.body_id WHERE i.person_id = ? AND i.deleted_at IS NULL AND g.deleted_at IS NULL ORDER BY g.date"
        ))?
        .query_map([person_id], |r| Ok(DossierInvitation { date: r.get(0)?, meeting: r.get(1)?, reply: r.get(2)?, replied_on: r.get(3)? }))?
        .collect::<Result<_, _>>()?;
    let presences = conn
        .prepare(&format!(
            "SELECT g.date, {MEETING_TITLE}, a.status, a.walk_in, {name} FROM attendance a JOIN meeting g ON g.id = a.meeting_id
             JOIN body b ON b.id = g.body_id LEFT JOIN person s ON s.id = a.stand_in_for_person_id
             WHERE a.person_id = ? AND a.deleted_at IS NULL AND g.deleted_at IS NULL ORDER BY g.date",
            name = super::persons::name_sql("s", false)
        ))?
        .query_map([person_id], |r| {
            Ok(DossierPresence { date: r.get(0)?, meeting: r.get(1)?, status: r.get(2)?, walk_in: r.get(3)?, standing_in_for: r.get(4)? })
        })?
        .collect::<Result<_, _>>()?;
    let mailings = conn
        .prepare(&format!(
            "SELECT l.created_at, {MEETING_TITLE}, l.purpose, l.format FROM mailing_log l JOIN meeting g ON g.id = l.meeting_id
             JOIN body b ON b.id = g.body_id
             WHERE l.deleted_at IS NULL AND l.meeting_id IN (SELECT meeting_id FROM invitation WHERE person_id = ? AND deleted_at IS NULL)
             ORDER BY l.created_at"
        ))?
        .query_map([person_id], |r| Ok(DossierMailing { produced_at: r.get(0)?, meeting: r.get(1)?, purpose: r.get(2)?, format: r.get(3)? }))?
        .collect::<Result<_, _>>()?;
    let journal = super::journal::list(conn, &JournalFilter { person_id: Some(person_id.to_owned()), limit: Some(100_000), ..Default::default() })?;
    Ok(PersonDossier { person, kept, seats, invitations, presences, mailings, journal, made_at: crate::db::now() })
}

