//! The `invitation` table: who is invited to a meeting, and their reply.

use rusqlite::{params, Connection, OptionalExtension};

use super::affiliations::organisation_on;
use crate::db::{new_id, now, today, write_tx};
use crate::error::{msg, Error, Result};
use crate::model::*;
use crate::validate as v;

/// Whether a person (or an organisation alone) is a member of the meeting's body on its date.
/// A person is a member when they sit in the body, or when the organisation they represent does.
pub fn is_member(conn: &Connection, body_id: &str, date: &str, person_id: Option<&str>, organisation_id: Option<&str>) -> Result<bool> {
    Ok(conn.prepare_cached(
        "SELECT EXISTS(SELECT 1 FROM body_member m WHERE m.body_id = ?1 AND m.deleted_at IS NULL
            AND m.role <> 'invite_non_membre'
            AND (m.start_date IS NULL OR m.start_date <= ?2) AND (m.end_date IS NULL OR m.end_date >= ?2)
            AND ((?3 IS NOT NULL AND m.person_id = ?3) OR (?4 IS NOT NULL AND m.person_id IS NULL AND m.organisation_id = ?4)))",
    )?
    .query_row(params![body_id, date, person_id, organisation_id], |r| r.get(0))?)
}

fn meeting_body_and_date(conn: &Connection, meeting_id: &str) -> Result<(String, String)> {
    conn.query_row("SELECT body_id, date FROM meeting WHERE id = ? AND deleted_at IS NULL", [meeting_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or(Error::NotFound { what: crate::error::what::MEETING })
}

/// Invites, in one transaction, the body's current members (if asked) and the chosen people and
/// organisations. Those already invited are counted, not duplicated.
pub fn invite(conn: &Connection, req: InviteRequest) -> Result<InviteOutcome> {
    let tx = write_tx(conn)?;
    let (body_id, date) = meeting_body_and_date(&tx, &req.meeting_id)?;
    let mut wanted: Vec<(Option<String>, Option<String>, Option<bool>)> = Vec::new();
    if req.body_members {
        for (p, o, member) in super::body_members::sitting_on(&tx, &body_id, &date)? {
            wanted.push((p, o, Some(member)));
        }
    }
    wanted.extend(req.person_ids.into_iter().map(|p| (Some(p), None, None)));
    wanted.extend(req.organisation_ids.into_iter().map(|o| (None, Some(o), None)));

    let mut out = InviteOutcome::default();
    let at = now();
    for (person, org, member) in wanted {
        let org = match (&person, org) {
            (Some(p), None) => organisation_on(&tx, p, &date)?,
            (_, o) => o,
        };
        let already: bool = match &person {
            Some(p) => tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM invitation WHERE meeting_id = ? AND person_id = ? AND deleted_at IS NULL)",
                params![req.meeting_id, p],
                |r| r.get(0),
            )?,
            None => tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM invitation WHERE meeting_id = ? AND organisation_id = ? AND deleted_at IS NULL)",
                params![req.meeting_id, org],
                |r| r.get(0),
            )?,
        };
        if already {
            out.already_invited += 1;
            continue;
        }
        let member = match member {
            Some(m) => m,
            None => is_member(&tx, &body_id, &date, person.as_deref(), org.as_deref())?,
        };
        tx.execute(
            "INSERT INTO invitation (id, meeting_id, person_id, organisation_id, is_member, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![new_id(), req.meeting_id, person, org, member, at],
        )
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => Error::NotFound { what: crate::error::what::INVITEE },
            _ => e.into(),
        })?;
        out.added += 1;
    }
    tx.commit()?;
    Ok(out)
}

/// Records a reply (dated today unless told otherwise).
pub fn set_reply(conn: &Connection, id: &str, reply: Reply, replied_on: Option<String>) -> Result<()> {
    let on = match reply {
        Reply::EnAttente => None,
        _ => Some(v::date("replied_on", "Date de réponse", replied_on)?.unwrap_or_else(today)),
    };
    let n = conn.execute(
        "UPDATE invitation SET reply = ?2, replied_on = ?3, updated_at = ?4 WHERE id = ?1 AND deleted_at IS NULL",
        params![id, reply, on, now()],
    )?;
    if n == 0 {
        return Err(Error::invalid("reply", msg::not_invited_reply()));
    }
    Ok(())
}

pub fn remove(conn: &Connection, id: &str) -> Result<()> {
    let at = now();
    let n = conn.execute("UPDATE invitation SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL", params![id, at])?;
    if n == 0 {
        return Err(Error::NotFound { what: crate::error::what::INVITATION });
    }
    Ok(())
}

/// A meeting's invitations, people by name, then organisations invited without a named person.
pub fn of_meeting(conn: &Connection, meeting_id: &str) -> Result<Vec<Invitation>> {
    let rows = conn
        .prepare(&format!(
            "SELECT i.id, i.person_id, {name_p}, p.category, p.email,
                    i.organisation_id, o.name, i.is_member, i.reply, i.replied_on,
                    a.id, a.status, s.id, {name_s}, p.contact_consent IS 'retire'
             FROM invitation i
             LEFT JOIN person p ON p.id = i.person_id
             LEFT JOIN organisation o ON o.id = i.organisation_id
             LEFT JOIN attendance a ON a.meeting_id = i.meeting_id AND a.person_id = i.person_id AND a.session_id IS NULL
                  AND a.deleted_at IS NULL
             LEFT JOIN attendance st ON st.meeting_id = i.meeting_id AND st.stand_in_for_person_id = i.person_id
                  AND st.deleted_at IS NULL AND st.status = 'present'
             LEFT JOIN person s ON s.id = st.person_id
             WHERE i.meeting_id = ? AND i.deleted_at IS NULL AND (p.id IS NULL OR p.deleted_at IS NULL)
             ORDER BY i.person_id IS NULL, coalesce(p.sort_key, o.name_key)",
            name_p = super::persons::name_sql("p", false),
            name_s = super::persons::name_sql("s", false),
        ))?
        .query_map([meeting_id], |r| {
            let person_id: Option<String> = r.get(1)?;
            let org_id: Option<String> = r.get(5)?;
            let stand_in: Option<String> = r.get(12)?;
            Ok(Invitation {
                id: r.get(0)?,
                person: person_id.map(|id| Ok::<_, rusqlite::Error>(Ref { id, label: r.get(2)? })).transpose()?,
                person_category: r.get(3)?,
                email: r.get(4)?,
                organisation: org_id.map(|id| Ok::<_, rusqlite::Error>(Ref { id, label: r.get(6)? })).transpose()?,
                is_member: r.get(7)?,
                reply: r.get(8)?,
                replied_on: r.get(9)?,
                attendance_id: r.get(10)?,
                attendance: r.get(11)?,
                stand_in: stand_in.map(|id| Ok::<_, rusqlite::Error>(Ref { id, label: r.get(13)? })).transpose()?,
                contact_withdrawn: r.get(14)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Invitations of the meetings of `scope`, for the figures. Every invitation of a meeting counts,
/// whatever became of the person since (archived, erased): a past period's figures never move.
pub fn figure_rows(conn: &Connection, scope: super::MeetingScope, ids: &mut crate::figures::Ids) -> Result<Vec<crate::figures::InvitationRow>> {
    let (condition, p) = scope.condition();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT g.rowid, i.person_id, i.organisation_id, i.is_member, i.reply
         -- CROSS JOIN keeps the meetings of the period as the outer loop (by date), then reads
         -- each one's invitations from the covering index invitation_figures.
         FROM meeting g CROSS JOIN invitation i ON i.meeting_id = g.id WHERE {condition} AND i.deleted_at IS NULL"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(p))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(crate::figures::InvitationRow {
            meeting: r.get::<_, i64>(0)? as crate::figures::Key,
            person: super::opt_key(ids, r, 1)?,
            organisation: super::opt_key(ids, r, 2)?,
            is_member: r.get(3)?,
            reply: r.get(4)?,
        });
    }
    Ok(out)
}
