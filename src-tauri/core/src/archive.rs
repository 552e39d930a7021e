//! The archive: every row of every table (tombstones included) as versioned JSON, for portability
//! (RGPD), moving between machines, and tests. Importing merges by primary key (UUID): a row
//! absent here is added; a row present is replaced only when the archive's `updated_at` is later.
//! The format is described in `docs/archive.md`.
//!
//! Both ways stream: the export writes each row as it reads it, the import reads the file one row
//! at a time (serde visitors over the top-level object and each table's array) and writes it at
//! once, so memory stays the same whatever the archive's size.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::{Map, Value as Json};

use crate::db::{supported_schema_version, write_tx};
use crate::error::{msg, Error, Result};
use crate::incoming::{self, Column};

pub const FORMAT: &str = crate::files::ARCHIVE_FORMAT;
/// Version of the archive format (not of the schema). Bump it when the layout below changes.
pub const FORMAT_VERSION: u32 = 1;

/// Tables in an order where parents come before children; the export writes them in this order.
/// The import takes them in any order (links are checked once every row is in).
pub const TABLES: &[&str] = &[
    "setting", "domain", "organisation", "organisation_domain", "person", "affiliation", "membership_event", "agreement",
    "agreement_signatory", "body", "body_member", "meeting", "minutes_file", "meeting_session", "invitation", "attendance", "mailing_log",
    "action", "action_status_event", "action_partner", "action_count", "indicator", "indicator_value", "report_category",
    "difficulty_report", "difficulty_report_category", "solicitation", "solicitation_report", "retention_hold",
    "report_text",
];

/// What an export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportSummary {
    pub rows: usize,
    pub tables: usize,
}

/// An archive file whose envelope and JSON were checked by [`read`]; [`import`] reads its rows.
#[derive(Debug, Clone)]
pub struct ArchiveFile {
    pub path: PathBuf,
    pub schema_version: i64,
    pub app_version: Option<String>,
    pub exported_at: Option<String>,
    /// Rows in the file, every table together.
    pub rows: u64,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Per table: (added, updated, unchanged).
    pub tables: BTreeMap<String, (u32, u32, u32)>,
    /// Values written otherwise than Maillage writes them and put in its form (an id in upper
    /// case, a line break in a title…): how many, and the first (table, line, column).
    pub normalised: u64,
    pub first_normalised: Option<(String, usize, String)>,
}

impl ImportReport {
    /// (added, updated, unchanged), every table together.
    pub fn totals(&self) -> (u32, u32, u32) {
        self.tables.values().fold((0, 0, 0), |(a, u, s), (x, y, z)| (a + x, u + y, s + z))
    }
}

// ---------------------------------------------------------------------------------------------
// Export

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

/// Writes the whole database to `path` (whole or not at all), table after table, row after row.
pub fn export_to(conn: &Connection, path: &Path) -> Result<ExportSummary> {
    crate::files::refuse_other_kind(path, crate::files::OutputKind::Archive)?;
    let shown = path.display().to_string();
    // One read transaction: every table as it was at the same moment.
    let _snapshot = if conn.is_autocommit() { Some(conn.unchecked_transaction()?) } else { None };
    let mut rows = 0;
    crate::files::write_atomically(path, |partial| {
        let file = std::fs::File::create(partial).map_err(|source| Error::Io { path: shown.clone(), source })?;
        let mut out = BufWriter::new(file);
        rows = write(conn, &mut out, &shown)?;
        out.flush().map_err(|source| Error::Io { path: shown.clone(), source })
    })?;
    Ok(ExportSummary { rows, tables: TABLES.len() })
}

/// The archive's JSON, written to `out` as the rows are read.
fn write(conn: &Connection, out: &mut impl Write, shown: &str) -> Result<usize> {
    let doc = Document { conn, failure: RefCell::new(None), rows: RefCell::new(0) };
    let written = doc.serialize(&mut serde_json::Serializer::pretty(out));
    if let Some(e) = doc.failure.into_inner() {
        return Err(e);
    }
    written.map_err(|e| Error::Io { path: shown.to_owned(), source: e.into() })?;
    Ok(doc.rows.into_inner())
}

/// The whole archive as serde sees it; a database error met on the way is kept in `failure`.
struct Document<'c> {
    conn: &'c Connection,
    failure: RefCell<Option<Error>>,
    rows: RefCell<usize>,
}

impl Document<'_> {
    fn fail<E: serde::ser::Error>(&self, e: impl Into<Error>) -> E {
        *self.failure.borrow_mut() = Some(e.into());
        E::custom("base de données")
    }
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(6))?;
        map.serialize_entry("format", FORMAT)?;
        map.serialize_entry("version", &FORMAT_VERSION)?;
        map.serialize_entry("schema_version", &supported_schema_version())?;
        map.serialize_entry("app_version", crate::APP_VERSION)?;
        map.serialize_entry("exported_at", &crate::db::now())?;
        map.serialize_entry("tables", &Tables(self))?;
        map.end()
    }
}

struct Tables<'a, 'c>(&'a Document<'c>);

impl Serialize for Tables<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(TABLES.len()))?;
        for table in TABLES {
            map.serialize_entry(table, &Rows(self.0, table))?;
        }
        map.end()
    }
}

struct Rows<'a, 'c>(&'a Document<'c>, &'static str);

impl Serialize for Rows<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let (doc, table) = (self.0, self.1);
        let cols = incoming::columns(doc.conn, table).map_err(|e| doc.fail::<S::Error>(e))?;
        let names: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
        let order: Vec<&str> = cols.iter().filter(|c| c.pk).map(|c| c.name.as_str()).collect();
        let sql = format!("SELECT {} FROM {table} ORDER BY {}", names.join(", "), order.join(", "));
        let mut stmt = doc.conn.prepare(&sql).map_err(|e| doc.fail::<S::Error>(e))?;
        let mut rows = stmt.query([]).map_err(|e| doc.fail::<S::Error>(e))?;
        let mut seq = s.serialize_seq(None)?;
        while let Some(r) = rows.next().map_err(|e| doc.fail::<S::Error>(e))? {
            let mut obj = Map::new();
            for (i, n) in names.iter().enumerate() {
                obj.insert((*n).to_owned(), to_json(r.get::<_, Value>(i).map_err(|e| doc.fail::<S::Error>(e))?));
            }
            seq.serialize_element(&obj)?;
            *doc.rows.borrow_mut() += 1;
        }
        seq.end()
    }
}

// ---------------------------------------------------------------------------------------------
// Reading the file: one pass of serde visitors, each part handed to a `Sink`

/// What is done with each part of the file as it is read: [`read`] checks, [`import`] writes.
trait Sink {
    /// A key of the envelope (`format`, `version`…) and its value.
    fn header(&mut self, key: &str, value: &Json) -> Result<()>;
    /// The start of a table's rows.
    fn table(&mut self, name: &str) -> Result<()>;
    /// A row of the current table; `line` counts from 1 within the table.
    fn row(&mut self, table: &str, line: usize, row: Map<String, Json>) -> Result<()>;
}

const HEADER: &[&str] = &["format", "version", "schema_version", "app_version", "exported_at"];

/// Reads the archive at `path` once, from the start, handing each part to `sink`. Whether it has
/// a `tables` key.
fn stream(path: &Path, sink: &mut dyn Sink) -> Result<bool> {
    let shown = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|source| Error::Io { path: shown.clone(), source })?;
    let mut de = serde_json::Deserializer::from_reader(BufReader::with_capacity(1 << 16, file));
    let mut ctx = Ctx { sink, failure: None, seen: BTreeSet::new(), has_tables: false };
    let outcome = Top(&mut ctx).deserialize(&mut de).and_then(|()| de.end());
    if let Some(e) = ctx.failure {
        return Err(e);
    }
    outcome.map_err(|e| bad_json(&shown, &e))?;
    Ok(ctx.has_tables)
}

struct Ctx<'s> {
    sink: &'s mut dyn Sink,
    /// The sink's own error, kept while serde unwinds with a placeholder.
    failure: Option<Error>,
    /// Tables met so far: one may not come twice.
    seen: BTreeSet<String>,
    has_tables: bool,
}

impl Ctx<'_> {
    fn run<E: de::Error>(&mut self, f: impl FnOnce(&mut dyn Sink) -> Result<()>) -> std::result::Result<(), E> {
        f(&mut *self.sink).map_err(|e| {
            self.failure = Some(e);
            E::custom("archive")
        })
    }
}

struct Top<'a, 's>(&'a mut Ctx<'s>);

impl<'de> DeserializeSeed<'de> for Top<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Top<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an archive")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let ctx = self.0;
        while let Some(key) = map.next_key::<String>()? {
            if key == "tables" {
                ctx.has_tables = true;
                map.next_value_seed(TablesSeed(&mut *ctx))?;
            } else if HEADER.contains(&key.as_str()) {
                let value: Json = map.next_value()?;
                ctx.run(|s| s.header(&key, &value))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct TablesSeed<'a, 's>(&'a mut Ctx<'s>);

impl<'de> DeserializeSeed<'de> for TablesSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TablesSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the tables")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let ctx = self.0;
        while let Some(name) = map.next_key::<String>()? {
            if !ctx.seen.insert(name.clone()) {
                ctx.run(|_| Err(Error::invalid("tables", msg::archive_table_twice(&name))))?;
            }
            ctx.run(|s| s.table(&name))?;
            map.next_value_seed(RowsSeed(&mut *ctx, &name))?;
        }
        Ok(())
    }
}

struct RowsSeed<'a, 's, 'n>(&'a mut Ctx<'s>, &'n str);

impl<'de> DeserializeSeed<'de> for RowsSeed<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RowsSeed<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the rows of a table")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        let RowsSeed(ctx, table) = self;
        let mut line = 0;
        while let Some(row) = seq.next_element::<Map<String, Json>>()? {
            line += 1;
            ctx.run(|s| s.row(table, line, row))?;
        }
        Ok(())
    }
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

/// Checks one key of the envelope, for [`read`] and again for [`import`] (the file may have
/// changed in between).
fn check_header(shown: &str, key: &str, value: &Json, now: DateTime<Utc>) -> Result<()> {
    let bad = |why: &str| Err(Error::invalid(key, msg::archive_bad_header(shown, key, why)));
    match key {
        "format" if value.as_str() != Some(FORMAT) => Err(Error::invalid("format", msg::not_an_archive(shown, FORMAT))),
        "version" if value.as_u64() != Some(FORMAT_VERSION as u64) => {
            Err(Error::invalid("version", msg::archive_version(shown, value.as_u64().unwrap_or(0), FORMAT_VERSION as u64)))
        }
        "schema_version" => match value.as_i64() {
            None => bad(msg::EXPECT_INTEGER),
            Some(found) if found > supported_schema_version() => Err(Error::NewerSchema { path: shown.to_owned(), found, supported: supported_schema_version() }),
            Some(_) => Ok(()),
        },
        "app_version" if !value.is_string() => bad(msg::EXPECT_TEXT),
        "exported_at" => {
            let text = value.as_str().unwrap_or("");
            match DateTime::parse_from_rfc3339(text) {
                Err(_) => bad(&msg::archive_bad_instant(key, text)),
                Ok(at) if at.with_timezone(&Utc) > now + chrono::Duration::hours(incoming::FUTURE_TOLERANCE_HOURS) => {
                    bad(&msg::archive_future_instant(key, text, incoming::FUTURE_TOLERANCE_HOURS))
                }
                Ok(_) => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

/// The checks of [`read`]: the envelope, the JSON's syntax and shape, the tables' names.
struct Checker {
    shown: String,
    now: DateTime<Utc>,
    header: BTreeMap<String, Json>,
    /// A table Maillage does not have: told after the envelope (a file that is no archive at all
    /// is told so first).
    unknown: Option<String>,
    rows: u64,
}

impl Sink for Checker {
    fn header(&mut self, key: &str, value: &Json) -> Result<()> {
        check_header(&self.shown, key, value, self.now)?;
        self.header.insert(key.to_owned(), value.clone());
        Ok(())
    }
    fn table(&mut self, name: &str) -> Result<()> {
        if !TABLES.contains(&name) && self.unknown.is_none() {
            self.unknown = Some(name.to_owned());
        }
        Ok(())
    }
    fn row(&mut self, _: &str, _: usize, _: Map<String, Json>) -> Result<()> {
        self.rows += 1;
        Ok(())
    }
}

/// Reads and checks an archive file — its envelope (format, version, schema), its JSON from end to
/// end, its tables' names — in one pass with little memory; nothing is written to the database.
pub fn read(path: &Path) -> Result<ArchiveFile> {
    let shown = path.display().to_string();
    let mut checker = Checker { shown: shown.clone(), now: Utc::now(), header: BTreeMap::new(), unknown: None, rows: 0 };
    let has_tables = stream(path, &mut checker)?;
    let h = &checker.header;
    if !h.contains_key("format") {
        return Err(Error::invalid("format", msg::not_an_archive(&shown, FORMAT)));
    }
    for key in ["version", "schema_version"] {
        if !h.contains_key(key) {
            return Err(Error::invalid(key, msg::archive_missing_header(&shown, key)));
        }
    }
    if !has_tables {
        return Err(Error::invalid("tables", msg::archive_missing_header(&shown, "tables")));
    }
    if let Some(table) = checker.unknown {
        return Err(Error::invalid("tables", msg::archive_unknown_table(&table)));
    }
    let text = |k: &str| h.get(k).and_then(Json::as_str).map(str::to_owned);
    Ok(ArchiveFile {
        path: path.to_owned(),
        schema_version: h["schema_version"].as_i64().unwrap_or(0),
        app_version: text("app_version"),
        exported_at: text("exported_at"),
        rows: checker.rows,
    })
}

// ---------------------------------------------------------------------------------------------
// Import

/// A table of the database as the import writes it.
struct Target {
    name: &'static str,
    columns: Vec<Column>,
    pk: Vec<String>,
    /// `SELECT updated_at FROM … WHERE <key>`: is the row there, and how recent.
    lookup: String,
}

struct Importer<'c> {
    conn: &'c Connection,
    shown: String,
    now: DateTime<Utc>,
    current: Option<Target>,
    report: ImportReport,
}

/// The value of JSON `v` for SQLite: bytes from `{"base64": …}`; why not, in French.
fn to_sql(column: &str, v: Json) -> std::result::Result<Value, String> {
    use base64::Engine;
    Ok(match v {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(b as i64),
        Json::Number(n) => n.as_i64().map(Value::Integer).unwrap_or_else(|| Value::Real(n.as_f64().unwrap_or(0.0))),
        Json::String(s) => Value::Text(s),
        Json::Object(o) => match (o.len(), o.get(BASE64_KEY)) {
            (1, Some(Json::String(text))) => {
                Value::Blob(base64::engine::general_purpose::STANDARD.decode(text).map_err(|_| msg::archive_bad_base64(column))?)
            }
            _ => return Err(msg::archive_bad_value(column)),
        },
        Json::Array(_) => return Err(msg::archive_bad_value(column)),
    })
}

impl Sink for Importer<'_> {
    fn header(&mut self, key: &str, value: &Json) -> Result<()> {
        check_header(&self.shown, key, value, self.now)
    }

    fn table(&mut self, name: &str) -> Result<()> {
        let Some(&name) = TABLES.iter().find(|t| **t == name) else { return Err(Error::invalid("tables", msg::archive_unknown_table(name))) };
        let columns = incoming::columns(self.conn, name)?;
        let pk: Vec<String> = columns.iter().filter(|c| c.pk).map(|c| c.name.clone()).collect();
        let has_updated = columns.iter().any(|c| c.name == "updated_at");
        let lookup = format!(
            "SELECT {} FROM {name} WHERE {}",
            if has_updated { "updated_at" } else { "NULL" },
            pk.iter().map(|k| format!("{k} = ?")).collect::<Vec<_>>().join(" AND ")
        );
        self.report.tables.entry(name.to_owned()).or_default();
        self.current = Some(Target { name, columns, pk, lookup });
        Ok(())
    }

    fn row(&mut self, _: &str, line: usize, row: Map<String, Json>) -> Result<()> {
        let t = self.current.as_ref().expect("a table before its rows");
        let table = t.name;
        let refuse = |why: &str| Error::invalid("tables", msg::archive_bad_row(line, table, why));
        let mut values: Vec<(String, Value)> = Vec::with_capacity(row.len());
        for (column, v) in row {
            if !t.columns.iter().any(|c| c.name == column) {
                return Err(Error::invalid("tables", msg::archive_unknown_column(line, table, &column)));
            }
            let value = to_sql(&column, v).map_err(|why| refuse(&why))?;
            values.push((column, value));
        }
        let normalised = incoming::check_row(table, &t.columns, &mut values, self.now).map_err(|why| refuse(&why))?;
        if let Some(first) = normalised.first() {
            self.report.normalised += normalised.len() as u64;
            self.report.first_normalised.get_or_insert_with(|| (table.to_owned(), line, first.clone()));
        }
        crate::queries::derive(table, &mut values);

        let get = |k: &str| values.iter().find(|(c, _)| c == k).map(|(_, v)| v);
        let key: Vec<Value> = t.pk.iter().map(|k| get(k).cloned().unwrap_or(Value::Null)).collect();
        let existing: Option<Option<String>> =
            self.conn.prepare_cached(&t.lookup)?.query_row(rusqlite::params_from_iter(key.iter()), |r| r.get(0)).optional()?;
        let names: Vec<&str> = values.iter().map(|(c, _)| c.as_str()).collect();
        let constraint = |e: rusqlite::Error| match crate::error::constraint_in_french(&e, &names) {
            Some(why) => refuse(&why),
            None => Error::from(e),
        };
        let counts = self.report.tables.get_mut(table).expect("counted from its start");
        match existing {
            None => {
                if let Some(missing) = t.columns.iter().find(|c| c.not_null && !c.has_default && get(&c.name).is_none()) {
                    return Err(refuse(&msg::archive_required(&missing.name)));
                }
                let sql = format!("INSERT INTO {table} ({}) VALUES ({})", names.join(", "), vec!["?"; names.len()].join(", "));
                self.conn.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(values.iter().map(|(_, v)| v))).map_err(constraint)?;
                counts.0 += 1;
            }
            Some(current) => {
                // The latest change wins; an equal or older one leaves the row as it is.
                let incoming = get("updated_at").and_then(|v| if let Value::Text(t) = v { Some(t.as_str()) } else { None });
                if !is_later(incoming, current.as_deref()) {
                    counts.2 += 1;
                    return Ok(());
                }
                let set = names.iter().map(|n| format!("{n} = ?")).collect::<Vec<_>>().join(", ");
                let wher = t.pk.iter().map(|k| format!("{k} = ?")).collect::<Vec<_>>().join(" AND ");
                let params = values.iter().map(|(_, v)| v).chain(key.iter());
                self.conn.prepare_cached(&format!("UPDATE {table} SET {set} WHERE {wher}"))?.execute(rusqlite::params_from_iter(params)).map_err(constraint)?;
                counts.1 += 1;
                // A field the row did not carry (an archive of an older schema) kept its value.
                if crate::queries::has_derived(table) {
                    if let Some(Value::Text(id)) = get("id") {
                        crate::queries::refresh_derived(self.conn, table, id)?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// Is `incoming` a later change than `current`? Compared as instants (a stored value may be
/// written with another precision); a row without a date never replaces one.
fn is_later(incoming: Option<&str>, current: Option<&str>) -> bool {
    let instant = |t: &str| DateTime::parse_from_rfc3339(t).ok();
    match (incoming, current) {
        (Some(i), Some(c)) => match (instant(i), instant(c)) {
            (Some(i), Some(c)) => i > c,
            _ => i > c,
        },
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// Finds the line of the row of `table` whose `id` is `id` (for a message), reading the file again.
struct LineOf<'a> {
    table: &'a str,
    id: &'a str,
    found: Option<usize>,
}

impl Sink for LineOf<'_> {
    fn header(&mut self, _: &str, _: &Json) -> Result<()> {
        Ok(())
    }
    fn table(&mut self, _: &str) -> Result<()> {
        Ok(())
    }
    fn row(&mut self, table: &str, line: usize, row: Map<String, Json>) -> Result<()> {
        let id = row.get("id").and_then(Json::as_str).and_then(|s| uuid::Uuid::parse_str(s).ok());
        if table == self.table && id.map(|i| i.hyphenated().to_string()).as_deref() == Some(self.id) {
            self.found = Some(line);
            // Found: no need to read further.
            return Err(Error::invalid("tables", String::new()));
        }
        Ok(())
    }
}

/// Turns the foreign keys off for the import's transaction and back on after. Checked row by row,
/// links to rows later in the file (children before parents) make SQLite scan, for every parent
/// written, each child table for rows waiting for it — the import grew with the square of its
/// size. They are checked once at the end instead (`pragma_foreign_key_check`), before commit.
struct ForeignKeysOff<'c> {
    conn: &'c Connection,
    off: bool,
}

impl<'c> ForeignKeysOff<'c> {
    fn new(conn: &'c Connection) -> Result<Self> {
        // The pragma does nothing inside a transaction: a nested import defers them instead.
        let off = conn.is_autocommit();
        if off {
            conn.pragma_update(None, "foreign_keys", "OFF")?;
        }
        Ok(ForeignKeysOff { conn, off })
    }
}

impl Drop for ForeignKeysOff<'_> {
    fn drop(&mut self) {
        if self.off {
            let _ = self.conn.pragma_update(None, "foreign_keys", "ON");
        }
    }
}

/// Merges the archive `file` (checked by [`read`]) into the database in one transaction, reading
/// it one row at a time: all or nothing.
pub fn import(conn: &Connection, file: &ArchiveFile) -> Result<ImportReport> {
    let links = ForeignKeysOff::new(conn)?;
    let tx = write_tx(conn)?;
    if !links.off {
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    }
    let _origin = crate::journal::origin_for(conn, crate::model::JournalOrigin::Import)?;
    // An archive made before an erasure must not bring the erased identities back.
    let erased = crate::queries::persons::erased_ids(&tx)?;
    let mut importer = Importer { conn: &tx, shown: file.path.display().to_string(), now: Utc::now(), current: None, report: ImportReport::default() };
    stream(&file.path, &mut importer)?;
    let report = importer.report;
    crate::queries::persons::reassert(&tx, &erased)?;
    let broken: Option<(String, Option<i64>, String)> =
        tx.query_row("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?;
    if let Some((table, rowid, parent)) = broken {
        // The archive's line of the broken row, found by its id.
        let id: Option<String> = rowid.and_then(|rowid| tx.query_row(&format!("SELECT id FROM {table} WHERE rowid = ?"), [rowid], |r| r.get(0)).ok());
        let line = id.and_then(|id| {
            let mut finder = LineOf { table: &table, id: &id, found: None };
            let _ = stream(&file.path, &mut finder);
            finder.found
        });
        return Err(Error::invalid("tables", msg::archive_missing_parent(line, &table, &parent)));
    }
    tx.commit()?;
    Ok(report)
}
