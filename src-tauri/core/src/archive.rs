//! The archive: every row of every table (tombstones included) as versioned JSON, for portability
//! (RGPD), moving between machines, and tests. Importing merges by primary key (UUID): a row
//! absent here is added; a row present is replaced only when the archive's `updated_at` is later.
//! The format is described in `docs/archive.md`.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::types::Value;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use crate::db::{supported_schema_version, write_tx};
use crate::error::{msg, Error, Result};

pub const FORMAT: &str = "maillage-archive";
/// Version of the archive format (not of the schema). Bump it when the layout below changes.
pub const FORMAT_VERSION: u32 = 1;

/// Tables in an order where parents come before children (foreign keys are also deferred to the
/// end of the import, for the organisation → parent organisation link).
pub const TABLES: &[&str] = &[
    "setting", "domain", "organisation", "organisation_domain", "person", "affiliation", "membership_event", "agreement",
    "agreement_signatory", "body", "body_member", "meeting", "minutes_file", "meeting_session", "invitation", "attendance", "mailing_log",
    "action", "action_status_event", "action_partner", "action_count", "indicator", "indicator_value", "report_category",
    "difficulty_report", "difficulty_report_category", "solicitation", "solicitation_report", "retention_hold",
];

#[derive(Serialize, Deserialize)]
pub struct Archive {
    pub format: String,
    pub version: u32,
    pub schema_version: i64,
    pub app_version: String,
    pub exported_at: String,
    pub tables: BTreeMap<String, Vec<Map<String, Json>>>,
}

/// What an import did to each table: (added, updated, unchanged).
pub type ImportReport = BTreeMap<String, (u32, u32, u32)>;

fn to_json(v: Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Integer(i) => Json::from(i),
        Value::Real(f) => Json::from(f),
        Value::Text(s) => Json::String(s),
        Value::Blob(b) => blob_to_json(&b),
    }
}

/// Bytes (the minutes file) are written as `{"base64": "…"}` (RFC 4648, with padding): JSON has no
/// bytes, and an object cannot be mistaken for a text value.
fn blob_to_json(bytes: &[u8]) -> Json {
    use base64::Engine;
    let mut obj = Map::new();
    obj.insert(BASE64_KEY.to_owned(), Json::String(base64::engine::general_purpose::STANDARD.encode(bytes)));
    Json::Object(obj)
}

const BASE64_KEY: &str = "base64";

/// The bytes of a `{"base64": "…"}` value; `None` for any other value.
fn json_to_blob(v: &Json) -> Option<std::result::Result<Vec<u8>, base64::DecodeError>> {
    use base64::Engine;
    let obj = v.as_object().filter(|o| o.len() == 1)?;
    let text = obj.get(BASE64_KEY)?.as_str()?;
    Some(base64::engine::general_purpose::STANDARD.decode(text))
}

fn to_sql(v: &Json) -> Value {
    if let Some(Ok(bytes)) = json_to_blob(v) {
        return Value::Blob(bytes);
    }
    match v {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(*b as i64),
        Json::Number(n) => n.as_i64().map(Value::Integer).unwrap_or_else(|| Value::Real(n.as_f64().unwrap_or(0.0))),
        Json::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}

fn columns(conn: &Connection, table: &str) -> Result<Vec<(String, bool)>> {
    let rows = conn
        .prepare(&format!("SELECT name, pk > 0 FROM pragma_table_info('{table}') ORDER BY cid"))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

pub fn export(conn: &Connection) -> Result<Archive> {
    let mut tables = BTreeMap::new();
    for table in TABLES {
        let cols = columns(conn, table)?;
        let names: Vec<&str> = cols.iter().map(|(n, _)| n.as_str()).collect();
        let order: Vec<&str> = cols.iter().filter(|(_, pk)| *pk).map(|(n, _)| n.as_str()).collect();
        let sql = format!("SELECT {} FROM {table} ORDER BY {}", names.join(", "), order.join(", "));
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt
            .query_map([], |r| {
                let mut obj = Map::new();
                for (i, n) in names.iter().enumerate() {
                    obj.insert((*n).to_owned(), to_json(r.get::<_, Value>(i)?));
                }
                Ok(obj)
            })?
            .collect::<Result<Vec<_>, _>>()?;
        tables.insert((*table).to_owned(), rows);
    }
    Ok(Archive {
        format: FORMAT.into(),
        version: FORMAT_VERSION,
        schema_version: crate::db::supported_schema_version(),
        app_version: crate::APP_VERSION.into(),
        exported_at: crate::db::now(),
        tables,
    })
}

pub fn export_to(conn: &Connection, path: &Path) -> Result<Archive> {
    let a = export(conn)?;
    crate::files::refuse_other_kind(path, crate::files::OutputKind::Archive)?;
    crate::files::write_atomically(path, |partial| {
        let file = std::fs::File::create(partial).map_err(|source| Error::Io { path: path.display().to_string(), source })?;
        let mut out = std::io::BufWriter::new(file);
        serde_json::to_writer_pretty(&mut out, &a).map_err(|e| Error::Io { path: path.display().to_string(), source: e.into() })?;
        std::io::Write::flush(&mut out).map_err(|source| Error::Io { path: path.display().to_string(), source })
    })?;
    Ok(a)
}

/// Reads and checks an archive file; nothing is written to the database.
pub fn read(path: &Path) -> Result<Archive> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: shown.clone(), source })?;
    // The envelope first, to refuse an unknown format before reading tables it does not know.
    let head: Json = serde_json::from_str(&text).map_err(|e| bad_json(&shown, &e))?;
    if head.get("format").and_then(Json::as_str) != Some(FORMAT) {
        return Err(Error::invalid("format", msg::not_an_archive(&shown, FORMAT)));
    }
    let version = head.get("version").and_then(Json::as_u64).unwrap_or(0);
    if version != FORMAT_VERSION as u64 {
        return Err(Error::invalid("version", msg::archive_version(&shown, version, FORMAT_VERSION as u64)));
    }
    // Parsed again from the text, so that a wrong value is placed by line and column.
    let a: Archive = serde_json::from_str(&text).map_err(|e| bad_json(&shown, &e))?;
    if a.schema_version > supported_schema_version() {
        return Err(Error::NewerSchema { path: shown, found: a.schema_version, supported: supported_schema_version() });
    }
    Ok(a)
}

fn bad_json(path: &str, e: &serde_json::Error) -> Error {
    let why = match e.classify() {
        serde_json::error::Category::Eof => msg::JSON_EOF.to_owned(),
        serde_json::error::Category::Syntax => msg::JSON_SYNTAX.to_owned(),
        serde_json::error::Category::Data => msg::JSON_DATA.to_owned(),
        serde_json::error::Category::Io => msg::JSON_IO.to_owned(),
    };
    Error::invalid("json", msg::bad_json(path, e.line(), e.column(), &why))
}

/// Merges `a` into the database in one transaction: all or nothing.
pub fn import(conn: &Connection, a: &Archive) -> Result<ImportReport> {
    let tx = write_tx(conn)?;
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    let _origin = crate::journal::origin_for(conn, crate::model::JournalOrigin::Import)?;
    // An archive made before an erasure must not bring the erased identities back.
    let erased = crate::privacy::erased_ids(&tx)?;
    let mut report = ImportReport::new();
    // Rows added or replaced: (table, line index), for their derived columns.
    let mut touched: Vec<(&str, usize)> = Vec::new();
    for table in TABLES {
        let Some(rows) = a.tables.get(*table) else { continue };
        let cols = columns(&tx, table)?;
        let known: Vec<&str> = cols.iter().map(|(n, _)| n.as_str()).collect();
        let pk: Vec<&str> = cols.iter().filter(|(_, p)| *p).map(|(n, _)| n.as_str()).collect();
        let has_updated = known.contains(&"updated_at");
        let (mut added, mut updated, mut same) = (0, 0, 0);
        for (i, row) in rows.iter().enumerate() {
            if let Some(unknown) = row.keys().find(|k| !known.contains(&k.as_str())) {
                return Err(Error::invalid("tables", msg::archive_unknown_column(i + 1, table, unknown)));
            }
            if let Err(why) = check_row(row) {
                return Err(Error::invalid("tables", msg::archive_bad_row(i + 1, table, &why)));
            }
            let names: Vec<&String> = row.keys().collect();
            let values: Vec<Value> = row.values().map(to_sql).collect();
            let key_values: Vec<Value> = pk.iter().map(|k| row.get(*k).map(to_sql).unwrap_or(Value::Null)).collect();
            let existing: Option<Option<String>> = tx
                .query_row(
                    &format!("SELECT {} FROM {table} WHERE {}", if has_updated { "updated_at" } else { "NULL" }, pk.iter().map(|k| format!("{k} = ?")).collect::<Vec<_>>().join(" AND ")),
                    rusqlite::params_from_iter(key_values.iter()),
                    |r| r.get(0),
                )
                .map(Some)
                .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(None) } else { Err(e) })?;
            let placeholders = vec!["?"; names.len()].join(", ");
            let cols_sql = names.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ");
            match existing {
                None => {
                    tx.execute(&format!("INSERT INTO {table} ({cols_sql}) VALUES ({placeholders})"), rusqlite::params_from_iter(values.iter()))
                        .map_err(|e| Error::invalid("tables", msg::archive_bad_row(i + 1, table, &Error::from(e).to_string())))?;
                    added += 1;
                    touched.push((table, i));
                }
                Some(current) => {
                    let incoming = row.get("updated_at").and_then(Json::as_str);
                    // The latest change wins; an equal or older one leaves the row as it is.
                    if has_updated && incoming.is_some() && incoming > current.as_deref() {
                        let set = names.iter().map(|n| format!("{n} = ?")).collect::<Vec<_>>().join(", ");
                        let wher = pk.iter().map(|k| format!("{k} = ?")).collect::<Vec<_>>().join(" AND ");
                        let mut all = values.clone();
                        all.extend(key_values);
                        tx.execute(&format!("UPDATE {table} SET {set} WHERE {wher}"), rusqlite::params_from_iter(all.iter()))?;
                        updated += 1;
                        touched.push((table, i));
                    } else {
                        same += 1;
                    }
                }
            }
        }
        report.insert((*table).to_owned(), (added, updated, same));
    }
    crate::privacy::reassert(&tx, &erased)?;
    // Derived columns (keys of uniqueness, order and search) are recomputed, never taken as given.
    for (table, i) in &touched {
        if let Some(Json::String(id)) = a.tables[*table][*i].get("id") {
            crate::queries::refresh_derived(&tx, table, id)?;
        }
    }
    let broken: Vec<(String, i64, String)> = tx
        .prepare("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check LIMIT 1")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    if let Some((table, rowid, parent)) = broken.into_iter().next() {
        // The archive's line of the broken row, found by its id.
        let id: Option<String> = tx.query_row(&format!("SELECT id FROM {table} WHERE rowid = ?"), [rowid], |r| r.get(0)).ok();
        let line = a.tables.get(&table).and_then(|rows| rows.iter().position(|r| r.get("id").and_then(Json::as_str) == id.as_deref())).map(|i| i + 1);
        return Err(Error::invalid("tables", msg::archive_missing_parent(line, &table, &parent)));
    }
    tx.commit()?;
    Ok(report)
}

/// Checks the values of a row as the app's forms would: identifiers are UUIDs, dates and
/// timestamps parse, text is of a sensible length. Returns why not, in French.
fn check_row(row: &Map<String, Json>) -> std::result::Result<(), String> {
    for (col, v) in row {
        let Json::String(text) = v else {
            match json_to_blob(v) {
                Some(Ok(_)) => continue,
                Some(Err(_)) => return Err(msg::archive_bad_base64(col)),
                None => {}
            }
            if v.is_object() || v.is_array() {
                return Err(msg::archive_bad_value(col));
            }
            continue;
        };
        let is_id = col == "id" || col.ends_with("_id");
        if is_id && uuid::Uuid::parse_str(text).is_err() {
            return Err(msg::archive_bad_id(col, text));
        }
        let is_instant = matches!(col.as_str(), "created_at" | "updated_at" | "deleted_at" | "archived_at" | "recorded_at");
        if is_instant && chrono::DateTime::parse_from_rfc3339(text).is_err() {
            return Err(msg::archive_bad_instant(col, text));
        }
        let is_date = col == "date" || col == "dated" || col.ends_with("_date") || col.ends_with("_on") || col == "period_start" || col == "period_end";
        if is_date && chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_err() {
            return Err(msg::archive_bad_date(col, text));
        }
        // The forms' limits for names and titles; a generous one for free text.
        let max = match col.as_str() {
            "first_name" | "last_name" => 100,
            "name" | "title" | "label" | "acronym" | "commune" | "function" | "place" | "code" | "file_name" => 200,
            // The meeting form takes minutes of up to 100,000 characters.
            "minutes_text" => 100_000,
            _ => 20_000,
        };
        let len = text.chars().count();
        if len > max {
            return Err(msg::archive_too_long(col, len, max));
        }
    }
    Ok(())
}
