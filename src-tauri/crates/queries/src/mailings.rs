//! The `mailing_log` table, which records what was produced for a meeting and when, and what
//! the drafts of `maillage_core::mailings` read: who gets a printed letter, a meeting's revision.

use rusqlite::{params, Connection};

use crate::db::{new_id, now};
use crate::error::Result;
use crate::model::*;

/// Who gets a printed letter: invited people (only those without an e-mail address when asked),
/// never those who withdrew their consent to be contacted — named apart for a warning.
pub fn letter_recipients(conn: &Connection, meeting_id: &str, only_without_email: bool) -> Result<LetterRecipients> {
    let mut out = LetterRecipients { invitations: Vec::new(), consent_withdrawn: Vec::new() };
    for inv in super::invitations::of_meeting(conn, meeting_id)? {
        let Some(person) = &inv.person else { continue };
        if inv.contact_withdrawn {
            out.consent_withdrawn.push(person.label.clone());
        } else if !only_without_email || inv.email.is_none() {
            out.invitations.push(inv);
        }
    }
    Ok(out)
}

/// The revision of a meeting for calendars: seconds from its creation to its last change. It only
/// grows, so a re-sent invitation or a cancellation replaces the event sent before (same UID).
pub fn sequence(conn: &Connection, meeting_id: &str) -> Result<u32> {
    let (created, updated): (String, String) =
        conn.query_row("SELECT created_at, updated_at FROM meeting WHERE id = ?", [meeting_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let parse = |s: &str| chrono::DateTime::parse_from_rfc3339(s).map(|d| d.timestamp()).unwrap_or(0);
    Ok(u32::try_from((parse(&updated) - parse(&created)).max(0)).unwrap_or(u32::MAX))
}

/// Records a mailing produced for the meeting `meeting_id`.
pub fn log(conn: &Connection, meeting_id: &str, purpose: MailingPurpose, audience: MailingAudience, format: MailingFormat, recipients: usize) -> Result<()> {
    let at = now();
    conn.execute(
        "INSERT INTO mailing_log (id, meeting_id, purpose, audience, format, recipients, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![new_id(), meeting_id, purpose, audience, format, recipients as i64, at],
    )?;
    Ok(())
}

/// Records the day the minutes of the meeting `meeting_id` were sent.
pub fn mark_minutes_sent(conn: &Connection, meeting_id: &str) -> Result<()> {
    conn.execute("UPDATE meeting SET minutes_sent_on = ?2, updated_at = ?3 WHERE id = ?1", params![meeting_id, crate::db::today(), now()])?;
    Ok(())
}

/// Records that the printable invitation letter was printed for `recipients` people.
pub fn log_letter(conn: &Connection, meeting_id: &str, purpose: MailingPurpose, recipients: u32) -> Result<()> {
    log(conn, meeting_id, purpose, MailingAudience::default_for(purpose), MailingFormat::Lettre, recipients as usize)
}

pub fn log_of(conn: &Connection, meeting_id: &str) -> Result<Vec<MailingLogEntry>> {
    let rows = conn
        .prepare_cached(
            "SELECT id, purpose, audience, format, recipients, created_at FROM mailing_log WHERE meeting_id = ? AND deleted_at IS NULL
             ORDER BY created_at DESC",
        )?
        .query_map([meeting_id], |r| {
            Ok(MailingLogEntry { id: r.get(0)?, purpose: r.get(1)?, audience: r.get(2)?, format: r.get(3)?, recipients: r.get(4)?, created_at: r.get(5)? })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
