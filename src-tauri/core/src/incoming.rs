//! Rows that come from another file — an archive today, a laptop copy's changes tomorrow — checked
//! as the forms check what is typed, and put in the one form Maillage stores: identifiers as
//! lower-case hyphenated UUIDs, timestamps as RFC 3339 in UTC, dates `YYYY-MM-DD`,
//! times `HH:MM`, one-line fields on one line, settings by the settings screen's rule. A value
//! that cannot be put right is refused with the reason, in French (the caller adds the file, the
//! table and the line). Derived columns are not checked here: they are recomputed
//! ([`crate::queries::derive`]).

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::Connection;

use crate::error::{msg, Result};

/// A timestamp may be this far ahead of this machine's clock (the clock of the machine that wrote
/// it may be wrong by a time zone, up to 14 hours); further ahead, it is refused: a row stamped in
/// 2099 would win every later merge.
pub const FUTURE_TOLERANCE_HOURS: i64 = 24;

/// Columns holding timestamps (RFC 3339, UTC).
const INSTANTS: &[&str] = &["created_at", "updated_at", "deleted_at", "archived_at", "recorded_at", "erased_at"];

/// Columns on one line: names, titles, labels, places, codes, contact details. They go into
/// e-mail subjects, calendar events (`.ics`), file names and spreadsheet cells, where a raw line
/// break starts another line. Multi-line text (notes, agendas, minutes, addresses, descriptions)
/// keeps its line breaks.
pub const ONE_LINE: &[(&str, &[&str])] = &[
    ("organisation", &["name", "acronym", "postal_code", "commune", "territory", "phone", "email", "website"]),
    ("person", &["first_name", "last_name", "email", "phone"]),
    ("affiliation", &["function"]),
    ("agreement", &["title", "version"]),
    ("body", &["name", "frequency_label"]),
    ("meeting", &["title", "place"]),
    ("meeting_session", &["title"]),
    ("minutes_file", &["file_name", "media_type"]),
    ("domain", &["label"]),
    ("indicator", &["code", "label"]),
    ("report_category", &["label"]),
    ("action", &["title"]),
    ("solicitation", &["subject"]),
];

/// The declared type of a column of a STRICT table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    Integer,
    Real,
    Blob,
    Any,
}

/// A column of the schema, as `pragma_table_info` describes it.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    pub name: String,
    pub kind: Kind,
    pub not_null: bool,
    pub has_default: bool,
    pub pk: bool,
}

/// The columns of `table`, in the schema's order.
pub(crate) fn columns(conn: &Connection, table: &str) -> Result<Vec<Column>> {
    let mut stmt = conn.prepare("SELECT name, upper(type), \"notnull\", dflt_value IS NOT NULL, pk > 0 FROM pragma_table_info(?1) ORDER BY cid")?;
    let cols = stmt
        .query_map([table], |r| {
            let kind = match r.get::<_, String>(1)?.as_str() {
                "INTEGER" | "INT" => Kind::Integer,
                "REAL" => Kind::Real,
                "BLOB" => Kind::Blob,
                "TEXT" => Kind::Text,
                _ => Kind::Any,
            };
            Ok(Column { name: r.get(0)?, kind, not_null: r.get(2)?, has_default: r.get(3)?, pk: r.get(4)? })
        })?
        .collect::<Result<_, _>>()?;
    Ok(cols)
}

/// Checks and normalises the values of one row of `table` (each column one of `columns`), as the
/// forms would. Returns the columns whose value was put in Maillage's form, or why the row is
/// refused, in French.
pub(crate) fn check_row(table: &str, columns: &[Column], row: &mut [(String, Value)], now: DateTime<Utc>) -> std::result::Result<Vec<String>, String> {
    let mut normalised = Vec::new();
    for (name, value) in row.iter_mut() {
        let Some(column) = columns.iter().find(|c| c.name == *name) else { return Err(msg::unknown_column(name)) };
        if let Some(better) = check_value(table, column, value, now)? {
            *value = better;
            normalised.push(name.clone());
        }
    }
    if table == "setting" {
        let key = row.iter().find(|(c, _)| c == "key").and_then(|(_, v)| if let Value::Text(k) = v { Some(k.clone()) } else { None }).unwrap_or_default();
        if let Some((_, Value::Text(text))) = row.iter_mut().find(|(c, _)| c == "value") {
            match crate::queries::settings::check(&key, Some(text.clone())) {
                Err(e) => return Err(msg::archive_setting(&key, &e.to_string())),
                Ok(None) => return Err(msg::archive_setting_empty(&key)),
                Ok(Some(clean)) if clean != *text => {
                    *text = clean;
                    normalised.push("value".to_owned());
                }
                Ok(Some(_)) => {}
            }
        }
    }
    Ok(normalised)
}

/// One value: its type against the column's, then the rule of its kind of column. `Some` is the
/// same value in Maillage's form.
fn check_value(table: &str, column: &Column, value: &Value, now: DateTime<Utc>) -> std::result::Result<Option<Value>, String> {
    let col = column.name.as_str();
    let wrong = |expected: &str| Err(msg::archive_wrong_type(col, expected));
    let text = match (value, column.kind) {
        (Value::Null, _) if column.not_null => return Err(msg::archive_required(col)),
        (Value::Null, _) | (_, Kind::Any) => return Ok(None),
        (Value::Text(t), Kind::Text) => t,
        (_, Kind::Text) => return wrong(msg::EXPECT_TEXT),
        (Value::Integer(_), Kind::Integer | Kind::Real) | (Value::Real(_), Kind::Real) | (Value::Blob(_), Kind::Blob) => return Ok(None),
        (_, Kind::Integer) => return wrong(msg::EXPECT_INTEGER),
        (_, Kind::Real) => return wrong(msg::EXPECT_NUMBER),
        (_, Kind::Blob) => return wrong(msg::EXPECT_BYTES),
    };
    let changed = |better: String| Ok(if better == *text { None } else { Some(Value::Text(better)) });
    if col == "id" || col.ends_with("_id") {
        // `{…}`, upper case or no dashes would be another id for the same row.
        return match uuid::Uuid::parse_str(text) {
            Ok(id) => changed(id.hyphenated().to_string()),
            Err(_) => Err(msg::archive_bad_id(col, text)),
        };
    }
    if INSTANTS.contains(&col) {
        let at = DateTime::parse_from_rfc3339(text).map_err(|_| msg::archive_bad_instant(col, text))?.with_timezone(&Utc);
        if at > now + chrono::Duration::hours(FUTURE_TOLERANCE_HOURS) {
            return Err(msg::archive_future_instant(col, text, FUTURE_TOLERANCE_HOURS));
        }
        // Kept as written in UTC (a stored value may have another precision: they are compared as
        // instants); another offset is put in UTC, where text order is time order.
        return if text.ends_with('Z') { Ok(None) } else { changed(instant(at)) };
    }
    let is_date = col == "date" || col == "dated" || col.ends_with("_date") || col.ends_with("_on") || col == "period_start" || col == "period_end";
    if is_date {
        return match crate::validate::date(col, col, Some(text.clone())) {
            Ok(Some(d)) if !text.trim().is_empty() => changed(d),
            _ => Err(msg::archive_bad_date(col, text)),
        };
    }
    if col == "start_time" || col == "end_time" {
        return match crate::validate::time(col, col, Some(text.clone())) {
            Ok(Some(t)) if !text.trim().is_empty() => changed(t),
            _ => Err(msg::archive_bad_time(col, text)),
        };
    }
    // Not checked by the schema: the category a person had when marked.
    if col == "person_category" && crate::model::PersonCategory::from_code(text).is_none() {
        return Err(msg::archive_bad_code(col, text));
    }
    // The forms' limits for names and titles; a generous one for free text.
    let max = match col {
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
    if ONE_LINE.iter().any(|(t, cols)| *t == table && cols.contains(&col)) {
        return changed(crate::validate::one_line(text));
    }
    Ok(None)
}

/// A timestamp as Maillage writes it (`db::now`): RFC 3339, UTC, milliseconds. Compared as text,
/// two of them order as the instants they are.
pub(crate) fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
