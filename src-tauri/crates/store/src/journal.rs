//! The journal: an append-only record of who changed what, when and from where (RGPD audit
//! trail; docs/privacy.md).
//!
//! Every connection Maillage opens gets TEMP triggers on every table of the schema (generated here
//! from the schema itself, so a new table is journaled without anyone remembering to): after an
//! insert, an update or a delete, one row goes into `main.journal` with the time, the operating
//! system's user and machine, the origin (app, command line, import, merge), the table, the record
//! and the names of the columns that changed — never their content. TEMP triggers live only in
//! the connection that made them: another program writing to the file (a DBA's sqlite3) is not
//! Maillage and is not journaled, and nothing in the file depends on a function only Maillage has.

use rusqlite::{params, Connection};

use crate::error::Result;
use crate::model::JournalOrigin;

/// Tables that are not journaled: the journal itself, the machinery of copies, the import's
/// remembered column mappings (a preference, nobody's data), the full-text index (kept by its own
/// triggers) and SQLite's own.
const NOT_JOURNALED: &[&str] = &["journal", "database_info", "copy_info", "merged_copy", "import_mapping"];

/// Columns whose change is never worth a line: they follow from other columns or from the write.
const NOT_FIELDS: &[&str] = &["created_at", "updated_at", "sort_key", "search_text", "name_key", "search_words"];

/// A time-ordered UUID (v7: milliseconds since 1970, then random bits) in SQL, for journal lines
/// written by triggers on two machines. Time-ordered, each new line goes at the end of the
/// primary key's B-tree: a random key would dirty a page anywhere in it at every write, and the
/// check-in's commits would grow (measured: p99 of « mark present » 19 ms with v4, see
/// docs/measurements.md).
const UUID_SQL: &str = "lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 1, 8) || '-'
    || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)), 9, 4) || '-7'
    || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-'
    || hex(randomblob(6)))";

/// Who is writing: the operating system's user and machine. Read once per connection.
pub fn who() -> (String, String) {
    let user = whoami::username().ok().filter(|u| !u.is_empty()).unwrap_or_else(|| "inconnu".to_owned());
    let machine = whoami::hostname().ok().filter(|m| !m.is_empty()).unwrap_or_else(|| "inconnue".to_owned());
    (user, machine)
}

/// Starts journaling every change made through `conn`, as coming from `origin`.
pub fn install(conn: &Connection, origin: JournalOrigin) -> Result<()> {
    let (user, machine) = who();
    let mut sql = String::from(
        "CREATE TEMP TABLE IF NOT EXISTS journal_context (singleton INTEGER PRIMARY KEY CHECK (singleton = 1), origin TEXT NOT NULL,
                                                          os_user TEXT NOT NULL, machine TEXT NOT NULL);\n",
    );
    for table in journaled_tables(conn)? {
        sql.push_str(&triggers(conn, &table)?);
    }
    conn.execute_batch(&sql)?;
    conn.execute(
        "INSERT INTO temp.journal_context (singleton, origin, os_user, machine) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT(singleton) DO UPDATE SET origin = excluded.origin, os_user = excluded.os_user, machine = excluded.machine",
        params![origin, user, machine],
    )?;
    Ok(())
}

/// Stops journaling on `conn` (before a restore brings another schema in); returns the origin,
/// for `install` after.
pub fn uninstall(conn: &Connection) -> Result<JournalOrigin> {
    let origin: Option<JournalOrigin> = conn.query_row("SELECT origin FROM temp.journal_context", [], |r| r.get(0)).ok();
    let names: Vec<String> = conn
        .prepare("SELECT name FROM temp.sqlite_schema WHERE type = 'trigger' AND name LIKE 'journal\\_%' ESCAPE '\\'")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for name in names {
        conn.execute_batch(&format!("DROP TRIGGER temp.{name}"))?;
    }
    Ok(origin.unwrap_or(JournalOrigin::Application))
}

/// Changes the origin of what follows on `conn` (an import, a merge), until the guard is dropped.
pub struct OriginGuard<'c> {
    conn: &'c Connection,
    before: Option<String>,
}

pub fn origin_for<'c>(conn: &'c Connection, origin: JournalOrigin) -> Result<OriginGuard<'c>> {
    let before: Option<String> = conn.query_row("SELECT origin FROM temp.journal_context", [], |r| r.get(0)).ok();
    if before.is_some() {
        conn.execute("UPDATE temp.journal_context SET origin = ?", [origin])?;
    }
    Ok(OriginGuard { conn, before })
}

impl Drop for OriginGuard<'_> {
    fn drop(&mut self) {
        if let Some(before) = &self.before {
            let _ = self.conn.execute("UPDATE temp.journal_context SET origin = ?", [before]);
        }
    }
}

fn journaled_tables(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
           AND name NOT LIKE 'person_search%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
    )?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    Ok(names.into_iter().filter(|n| !NOT_JOURNALED.contains(&n.as_str()) && !n.starts_with("_rusqlite")).collect())
}

/// The three triggers of one table.
fn triggers(conn: &Connection, table: &str) -> Result<String> {
    let cols: Vec<(String, bool)> = conn
        .prepare(&format!("SELECT name, pk > 0 FROM pragma_table_info('{table}') ORDER BY pk, cid"))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let names: Vec<&str> = cols.iter().map(|(n, _)| n.as_str()).collect();
    let pk: Vec<&str> = cols.iter().filter(|(_, p)| *p).map(|(n, _)| n.as_str()).collect();
    let record = |row: &str| pk.iter().map(|k| format!("coalesce({row}.{k}, '')")).collect::<Vec<_>>().join(" || '/' || ");
    let person = |row: &str| {
        if table == "person" {
            format!("{row}.id")
        } else if names.contains(&"person_id") {
            format!("{row}.person_id")
        } else {
            "NULL".to_owned()
        }
    };
    let changed: Vec<String> = names
        .iter()
        .filter(|n| !NOT_FIELDS.contains(n) && !pk.contains(n))
        .map(|n| format!("CASE WHEN old.{n} IS NOT new.{n} THEN '{n},' ELSE '' END"))
        .collect();
    let fields = if changed.is_empty() { "''".to_owned() } else { format!("rtrim({}, ',')", changed.join(" || ")) };
    let update_action = match (names.contains(&"deleted_at"), table == "person") {
        (_, true) => "CASE WHEN old.erased_at IS NULL AND new.erased_at IS NOT NULL THEN 'effacement'
                           WHEN old.deleted_at IS NULL AND new.deleted_at IS NOT NULL THEN 'suppression' ELSE 'modification' END",
        (true, false) => "CASE WHEN old.deleted_at IS NULL AND new.deleted_at IS NOT NULL THEN 'suppression' ELSE 'modification' END",
        (false, false) => "'modification'",
    };
    let line = |action: &str, row: &str, fields: &str| {
        format!(
            "INSERT INTO journal (id, at, os_user, machine, origin, action, table_name, record_id, person_id, fields)
             SELECT {UUID_SQL}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), c.os_user, c.machine, c.origin, {action}, '{table}',
                    {record}, {person}, {fields}
             FROM temp.journal_context c;",
            record = record(row),
            person = person(row),
        )
    };
    Ok(format!(
        "CREATE TEMP TRIGGER IF NOT EXISTS journal_{table}_insert AFTER INSERT ON main.{table} BEGIN {} END;
         CREATE TEMP TRIGGER IF NOT EXISTS journal_{table}_update AFTER UPDATE ON main.{table} WHEN {fields} <> '' BEGIN {} END;
         CREATE TEMP TRIGGER IF NOT EXISTS journal_{table}_delete AFTER DELETE ON main.{table} BEGIN {} END;\n",
        line("'creation'", "new", "NULL"),
        line(update_action, "new", &fields),
        line("'suppression'", "old", "NULL"),
    ))
}

/// Journal lines are kept this many years unless the settings say otherwise.
pub const DEFAULT_KEEP_YEARS: i32 = 5;

/// Journal lines older than the settings' retention (`journal_keep_years`; `None`: the default)
/// go (at the app's start, with the daily backup).
pub fn prune(conn: &Connection, keep_years: Option<i32>) -> Result<usize> {
    let years = keep_years.unwrap_or(DEFAULT_KEEP_YEARS).max(1) as u32;
    let cutoff = chrono::Utc::now()
        .checked_sub_months(chrono::Months::new(12 * years))
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
        .unwrap_or_default();
    Ok(conn.execute("DELETE FROM journal WHERE at < ?", [cutoff])?)
}
