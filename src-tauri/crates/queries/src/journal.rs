//! The `journal` table, read (its lines are written by the triggers of `maillage_store::journal`).

use super::Params;
use crate::error::Result;
use rusqlite::Connection;

pub use crate::model::{JournalEntry, JournalFilter};

pub fn list(conn: &Connection, f: &JournalFilter) -> Result<Vec<JournalEntry>> {
    let mut p = Params::default();
    let mut w = vec!["1".to_owned()];
    if let Some(id) = crate::validate::clean(f.record_id.clone()) {
        w.push(format!("record_id = {}", p.bind(id)));
    }
    if let Some(id) = crate::validate::clean(f.person_id.clone()) {
        w.push(format!("person_id = {}", p.bind(id)));
    }
    if let Some(u) = crate::validate::clean(f.os_user.clone()) {
        w.push(format!("os_user = {}", p.bind(u)));
    }
    // Days are local; `at` is UTC: a day's lines are those between its local midnights.
    if let Some(d) = crate::validate::date("since", "Depuis", f.since.clone())? {
        w.push(format!("at >= strftime('%Y-%m-%dT%H:%M:%fZ', {}, 'utc')", p.bind(d)));
    }
    if let Some(d) = crate::validate::date("until", "Jusqu'au", f.until.clone())? {
        w.push(format!("at < strftime('%Y-%m-%dT%H:%M:%fZ', {}, '+1 day', 'utc')", p.bind(d)));
    }
    let limit = p.bind(f.limit.unwrap_or(500).clamp(1, 100_000));
    let sql = format!(
        "SELECT id, at, os_user, machine, origin, action, table_name, record_id, person_id, fields FROM journal
         WHERE {} ORDER BY at DESC, id DESC LIMIT {limit}",
        w.join(" AND ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(p.as_refs().as_slice(), |r| {
            let table: String = r.get(6)?;
            let fields: Option<String> = r.get(9)?;
            Ok(JournalEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                os_user: r.get(2)?,
                machine: r.get(3)?,
                origin: r.get(4)?,
                action: r.get(5)?,
                table_label: crate::labels::table(&table).to_owned(),
                table_name: table,
                record_id: r.get(7)?,
                person_id: r.get(8)?,
                fields: fields
                    .map(|f| f.split(',').filter(|s| !s.is_empty()).map(|c| crate::labels::column(c).to_owned()).collect())
                    .unwrap_or_default(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// The operating-system users who appear in the journal, for the screen's filter.
pub fn users(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn.prepare("SELECT DISTINCT os_user FROM journal ORDER BY os_user")?.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?)
}
