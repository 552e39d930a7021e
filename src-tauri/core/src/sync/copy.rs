//! « Préparer une copie pour une réunion »: an encrypted file holding what chosen meetings need,
//! and its base (the image of those rows when the copy was made).

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{attach, columns, CopyInfo};
use crate::db::{new_id, now, Passphrase, APPLICATION_ID};
use crate::Database;
use crate::error::{msg, Error, Result};

/// The shortest passphrase accepted for a copy: it travels on a USB stick.
pub const MIN_PASSPHRASE: usize = 8;

/// What a copy holds, for the confirmation message and the copy's banner.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CopySummary {
    pub copy_id: String,
    pub path: String,
    pub made_at: String,
    pub meetings: Vec<CopyMeeting>,
    pub people: u32,
    pub organisations: u32,
    pub invitations: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CopyMeeting {
    pub id: String,
    pub date: String,
    pub title: String,
}

/// The rows a copy takes, table by table, from the office database attached as `office`, once
/// the chosen meetings are in `temp.copy_meeting`. Parents come before children. Never: difficulty
/// reports, solicitations, agreements, actions, indicators, mailings, nor notes about people.
const SELECTION: &[(&str, &str)] = &[
    ("setting", "SELECT * FROM office.setting"),
    ("domain", "SELECT * FROM office.domain"),
    // The categories of the watch (a list, no report): the copy's bilan reads like the office's.
    ("report_category", "SELECT * FROM office.report_category"),
    // The whole directory of organisations: walk-ins name theirs at the door.
    ("organisation", "SELECT * FROM office.organisation"),
    ("organisation_domain", "SELECT * FROM office.organisation_domain"),
    ("membership_event", "SELECT * FROM office.membership_event"),
    ("body", "SELECT * FROM office.body WHERE id IN (SELECT body_id FROM office.meeting WHERE id IN temp.copy_meeting)"),
    ("meeting", "SELECT * FROM office.meeting WHERE id IN temp.copy_meeting"),
    ("meeting_session", "SELECT * FROM office.meeting_session WHERE meeting_id IN temp.copy_meeting"),
    // The minutes file, if the meeting has one (its id is the meeting's).
    ("minutes_file", "SELECT * FROM office.minutes_file WHERE id IN temp.copy_meeting"),
    // The people concerned, and the professional contacts in post (for walk-ins); their notes stay
    // at the office (set to NULL below).
    (
        "person",
        "SELECT * FROM office.person WHERE id IN (
             SELECT person_id FROM office.invitation WHERE meeting_id IN temp.copy_meeting
             UNION SELECT person_id FROM office.attendance WHERE meeting_id IN temp.copy_meeting
             UNION SELECT stand_in_for_person_id FROM office.attendance WHERE meeting_id IN temp.copy_meeting
             UNION SELECT person_id FROM office.body_member
                   WHERE body_id IN (SELECT body_id FROM office.meeting WHERE id IN temp.copy_meeting)
             UNION SELECT a.person_id FROM office.affiliation a JOIN office.person p ON p.id = a.person_id
                   WHERE a.deleted_at IS NULL AND (a.end_date IS NULL OR a.end_date >= date('now', 'localtime'))
                     AND p.deleted_at IS NULL AND p.archived_at IS NULL)",
    ),
    ("affiliation", "SELECT * FROM office.affiliation WHERE person_id IN (SELECT id FROM main.person)"),
    ("body_member", "SELECT * FROM office.body_member WHERE body_id IN (SELECT id FROM main.body)"),
    ("invitation", "SELECT * FROM office.invitation WHERE meeting_id IN temp.copy_meeting"),
    ("attendance", "SELECT * FROM office.attendance WHERE meeting_id IN temp.copy_meeting"),
    // The secretariat's texts of the activity report (no person data): written on the laptop too,
    // brought back by the merge like any other row.
    ("report_text", "SELECT * FROM office.report_text"),
];

/// Columns emptied in a copy: personal notes never leave the office.
const WITHHELD: &[(&str, &str)] = &[("person", "notes")];

/// Writes the copy of `meeting_ids` to `out`, encrypted with `passphrase`. The file appears whole
/// or not at all (written beside, then renamed); an existing file is replaced only with `force`.
pub fn make(office: &Database, meeting_ids: &[String], out: &Path, passphrase: &Passphrase, force: bool) -> Result<CopySummary> {
    if meeting_ids.is_empty() {
        return Err(Error::invalid("meeting_ids", msg::copy_needs_meetings()));
    }
    if passphrase.len() < MIN_PASSPHRASE {
        return Err(Error::invalid("passphrase", msg::passphrase_too_short(MIN_PASSPHRASE)));
    }
    if super::info(office.conn())?.is_some() {
        return Err(Error::invalid("db", msg::copy_of_a_copy()));
    }
    office.verify()?;
    crate::files::check_output(out, crate::files::OutputKind::Copy, force)?;

    let mut mem = Connection::open_in_memory()?;
    crate::db::migrate(&mut mem)?;
    attach(&mem, "office", office.path(), office.passphrase())?;
    let built = fill(&mem, office, meeting_ids);
    let detached = mem.execute_batch("DETACH DATABASE office");
    let (database_id, meetings) = built?;
    detached?;

    // The base: the copy's rows as they are now, before anything is entered on the laptop.
    let base = mem.serialize("main")?.to_vec();
    let info = CopyInfo { copy_id: new_id(), origin_database_id: database_id, made_at: now(), meeting_ids: meeting_ids.to_vec() };
    mem.execute(
        "INSERT INTO copy_info (singleton, copy_id, origin_database_id, made_at, meeting_ids, base) VALUES (1, ?1, ?2, ?3, ?4, ?5)",
        params![info.copy_id, info.origin_database_id, info.made_at, serde_json::to_string(&info.meeting_ids).unwrap_or_default(), base],
    )?;
    let count = |sql: &str| -> Result<u32> { Ok(mem.query_row(sql, [], |r| r.get(0))?) };
    let summary = CopySummary {
        copy_id: info.copy_id.clone(),
        path: out.display().to_string(),
        made_at: info.made_at.clone(),
        meetings,
        people: count("SELECT count(*) FROM person")?,
        organisations: count("SELECT count(*) FROM organisation WHERE deleted_at IS NULL")?,
        invitations: count("SELECT count(*) FROM invitation WHERE deleted_at IS NULL")?,
    };
    crate::files::write_atomically(out, |partial| export_encrypted(&mem, partial, passphrase))?;
    Ok(summary)
}

/// Copies the selected rows into `mem` (the copy being made). Returns the office's identity and
/// the meetings, in date order.
fn fill(mem: &Connection, office: &Database, meeting_ids: &[String]) -> Result<(String, Vec<CopyMeeting>)> {
    let database_id: String = mem.query_row("SELECT database_id FROM office.database_info", [], |r| r.get(0))?;
    let tx = crate::db::write_tx(mem)?;
    tx.execute_batch("CREATE TEMP TABLE copy_meeting (id TEXT PRIMARY KEY)")?;
    let mut meetings = Vec::new();
    for id in meeting_ids {
        let m = meeting(&tx, "office", id)?;
        tx.execute("INSERT OR IGNORE INTO copy_meeting (id) VALUES (?)", [id])?;
        meetings.push(m);
    }
    meetings.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.title.cmp(&b.title)));
    // The migrations seed some lists (domains, report categories): the copy takes the office's.
    for table in crate::archive::TABLES.iter().rev() {
        tx.execute(&format!("DELETE FROM main.{table}"), [])?;
    }
    for (table, select) in SELECTION {
        let cols = columns(office.conn(), table)?.join(", ");
        tx.execute(&format!("INSERT INTO main.{table} ({cols}) SELECT {cols} FROM ({select})"), [])?;
    }
    for (table, column) in WITHHELD {
        tx.execute(&format!("UPDATE main.{table} SET {column} = NULL WHERE {column} IS NOT NULL"), [])?;
    }
    tx.execute_batch("DROP TABLE temp.copy_meeting")?;
    tx.commit()?;
    Ok((database_id, meetings))
}

/// A meeting's title as lists show it: its own, or its body's name.
const MEETING_TITLE: &str = "coalesce(nullif(m.title, ''), b.name)";

/// A meeting as the copy dialog shows it, from the database `schema`.
fn meeting(conn: &Connection, schema: &str, id: &str) -> Result<CopyMeeting> {
    conn.query_row(
        &format!(
            "SELECT m.id, m.date, {MEETING_TITLE} FROM {schema}.meeting m JOIN {schema}.body b ON b.id = m.body_id
             WHERE m.id = ? AND m.deleted_at IS NULL"
        ),
        [id],
        |r| Ok(CopyMeeting { id: r.get(0)?, date: r.get(1)?, title: r.get(2)? }),
    )
    .optional()?
    .ok_or(Error::NotFound { what: crate::error::what::MEETING })
}

/// The chosen meetings (for the copy's file name and the confirmation).
pub fn meetings(conn: &Connection, ids: &[String]) -> Result<Vec<CopyMeeting>> {
    ids.iter().map(|id| meeting(conn, "main", id)).collect()
}

/// SQLCipher's export: the schema and every row of `mem` into a new file keyed with `passphrase`.
fn export_encrypted(mem: &Connection, target: &Path, passphrase: &Passphrase) -> Result<()> {
    mem.execute("ATTACH DATABASE ?1 AS copy_target KEY ?2", params![target.to_string_lossy(), passphrase.expose()])?;
    let exported = mem.query_row("SELECT sqlcipher_export('copy_target')", [], |_| Ok(())).and_then(|()| {
        mem.pragma_update(Some("copy_target"), "user_version", crate::db::supported_schema_version())?;
        mem.pragma_update(Some("copy_target"), "application_id", APPLICATION_ID)
    });
    let detached = mem.execute_batch("DETACH DATABASE copy_target");
    exported?;
    detached?;
    Ok(())
}

/// The meetings of the next `days` days (the dialog's default choice), soonest first.
pub fn upcoming_meetings(conn: &Connection, days: i64) -> Result<Vec<CopyMeeting>> {
    let today = chrono::Local::now().date_naive();
    let until = today + chrono::Duration::days(days);
    let rows = conn
        .prepare(&format!(
            "SELECT m.id, m.date, {MEETING_TITLE} FROM meeting m JOIN body b ON b.id = m.body_id
             WHERE m.deleted_at IS NULL AND m.date BETWEEN ?1 AND ?2 AND m.status NOT IN ('annulee')
             ORDER BY m.date, m.start_time, b.name"
        ))?
        .query_map(params![today.to_string(), until.to_string()], |r| Ok(CopyMeeting { id: r.get(0)?, date: r.get(1)?, title: r.get(2)? }))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
