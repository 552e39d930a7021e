//! One module per table: the domain's SQL lives here (docs/architecture.md names the few
//! exceptions: the file's own machinery in `maillage-store`, the generic copies of every table of
//! copies, merges and archives). Functions take a `&Connection`; writes that touch several rows
//! run in one IMMEDIATE transaction (`maillage_store::db::write_tx`).

use maillage_figures as figures;
use maillage_model as model;
use maillage_model::{checkin_code, error, files, labels, text, validate};
use maillage_store::db;

pub mod actions;
pub mod affiliations;
pub mod agreements;
pub mod attendance;
pub mod bodies;
pub mod body_members;
pub mod directory;
pub mod domains;
pub mod dossier;
pub mod erased;
pub mod import_mappings;
pub mod indicators;
pub mod invitations;
pub mod journal;
pub mod mailings;
pub mod meetings;
pub mod memberships;
pub mod minutes_files;
pub mod organisations;
pub mod persons;
pub mod report_texts;
pub mod retention;
pub mod settings;
pub mod sheet_rows;
pub mod watch;

use rusqlite::types::ToSql;
use rusqlite::Connection;

use crate::error::Result;

/// Recomputes the derived columns (keys for uniqueness, order and search) of the row `id` of
/// `table` from its own fields, with the forms' functions: after a merge or an archive import they
/// are never trusted from a file. Tables without derived columns are left alone.
pub fn refresh_derived(conn: &Connection, table: &str, id: &str) -> Result<()> {
    match table {
        "person" => persons::refresh_derived(conn, id),
        "organisation" => organisations::refresh_derived(conn, id),
        "minutes_file" => minutes_files::refresh_derived(conn, id),
        _ => {
            if let Some((t, field, key)) = FOLDED.iter().find(|(t, ..)| *t == table) {
                let value: Option<String> =
                    rusqlite::OptionalExtension::optional(conn.query_row(&format!("SELECT {field} FROM {t} WHERE id = ?"), [id], |r| r.get(0)))?;
                if let Some(v) = value {
                    conn.execute(&format!("UPDATE {t} SET {key} = ?2 WHERE id = ?1 AND {key} IS NOT ?2"), rusqlite::params![id, crate::text::fold(&v)])?;
                }
            }
            Ok(())
        }
    }
}

/// (table, field, its folded key): keys that are the folded field, as the forms make them.
const FOLDED: &[(&str, &str, &str)] =
    &[("body", "name", "name_key"), ("domain", "label", "label_key"), ("indicator", "code", "code_key"), ("report_category", "label", "label_key")];

/// Tables with derived columns (kept by [`refresh_derived`] and [`derive`]).
pub fn has_derived(table: &str) -> bool {
    matches!(table, "person" | "organisation" | "minutes_file") || FOLDED.iter().any(|(t, ..)| *t == table)
}

/// Sets the derived columns of a row about to be written (from a file: an archive) from its own
/// fields, with the forms' functions, whatever the row said: a stale key would otherwise hit a
/// uniqueness rule, or hide a duplicate. A field absent from the row counts as empty (its default
/// on an insert; [`refresh_derived`] after an update puts it right).
pub fn derive(table: &str, row: &mut Vec<(String, rusqlite::types::Value)>) {
    use rusqlite::types::Value;
    let text = |row: &Vec<(String, Value)>, col: &str| match row.iter().find(|(c, _)| c == col) {
        Some((_, Value::Text(t))) => Some(t.clone()),
        _ => None,
    };
    let set = |row: &mut Vec<(String, Value)>, col: &str, value: Value| match row.iter_mut().find(|(c, _)| c == col) {
        Some((_, v)) => *v = value,
        None => row.push((col.to_owned(), value)),
    };
    match table {
        "person" => {
            let [first, last, email, phone] = ["first_name", "last_name", "email", "phone"].map(|c| text(row, c));
            let (sort_key, search) = persons::keys(first.as_deref(), last.as_deref(), email.as_deref(), phone.as_deref());
            set(row, "sort_key", Value::Text(sort_key));
            set(row, "search_text", Value::Text(search));
        }
        "organisation" => {
            let name = text(row, "name").unwrap_or_default();
            let [acronym, commune, postal_code, territory, email] = ["acronym", "commune", "postal_code", "territory", "email"].map(|c| text(row, c));
            let search = organisations::search_words(&name, acronym.as_deref(), commune.as_deref(), postal_code.as_deref(), territory.as_deref(), email.as_deref());
            set(row, "name_key", Value::Text(crate::text::fold(&name)));
            set(row, "commune_key", Value::Text(commune.as_deref().map(crate::text::fold).unwrap_or_default()));
            set(row, "search_text", Value::Text(search));
        }
        "minutes_file" => {
            let name = text(row, "file_name").unwrap_or_default();
            let bytes = match row.iter().find(|(c, _)| c == "content") {
                Some((_, Value::Blob(b))) => b.clone(),
                _ => Vec::new(),
            };
            let (sha, media) = minutes_files::fingerprint(&name, &bytes);
            set(row, "size", Value::Integer(bytes.len() as i64));
            set(row, "sha256", Value::Text(sha));
            if !media.is_empty() {
                set(row, "media_type", Value::Text(media.to_owned()));
            }
        }
        _ => {
            if let Some((_, field, key)) = FOLDED.iter().find(|(t, ..)| *t == table) {
                let value = text(row, field).unwrap_or_default();
                set(row, key, Value::Text(crate::text::fold(&value)));
            }
        }
    }
}

/// Parameters of a query built from optional filters: `bind` stores a value and returns its
/// numbered placeholder, so clauses can be assembled in any order without counting `?`s.
#[derive(Default)]
pub struct Params(Vec<Box<dyn ToSql>>);

impl Params {
    pub fn bind(&mut self, value: impl ToSql + 'static) -> String {
        self.0.push(Box::new(value));
        format!("?{}", self.0.len())
    }

    pub fn as_refs(&self) -> Vec<&dyn ToSql> {
        self.0.iter().map(|p| p.as_ref()).collect()
    }
}

/// The words of a search query, each as an escaped LIKE pattern: every word must match.
pub fn query_words(query: &Option<String>) -> Vec<String> {
    query
        .as_deref()
        .map(crate::text::fold)
        .unwrap_or_default()
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(crate::text::like_pattern)
        .collect()
}

/// An FTS5 query matching every word of `query` of three letters or more as a substring of
/// `person_search` (trigram index), or None when no word is long enough for the index.
pub fn trigram_match(query: &str) -> Option<String> {
    let words: Vec<String> = crate::text::fold(query)
        .split(' ')
        .filter(|w| w.chars().count() >= 3)
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    (!words.is_empty()).then(|| words.join(" AND "))
}

/// Splits a `group_concat(…, char(31))` column back into its values.
pub fn split_concat(v: Option<String>) -> Vec<String> {
    v.map(|s| s.split('\u{1f}').map(str::to_owned).collect()).unwrap_or_default()
}

/// Which meetings a loader of the figures' rows reads: one, or those dated in a range of local
/// dates (both included). Soft-deleted meetings are never read.
#[derive(Debug, Clone, Copy)]
pub enum MeetingScope<'a> {
    One(&'a str),
    Between(&'a str, &'a str),
}

impl MeetingScope<'_> {
    /// A condition on the meeting aliased `g`, with its parameters.
    pub fn condition(&self) -> (&'static str, Vec<String>) {
        match self {
            MeetingScope::One(id) => ("g.id = ?1 AND g.deleted_at IS NULL", vec![(*id).to_owned()]),
            MeetingScope::Between(from, to) => ("g.date BETWEEN ?1 AND ?2 AND g.deleted_at IS NULL", vec![(*from).to_owned(), (*to).to_owned()]),
        }
    }
}

/// The interned key of a text id column (no allocation for an id already met).
pub fn key(ids: &mut crate::figures::Ids, r: &rusqlite::Row, i: usize) -> rusqlite::Result<crate::figures::Key> {
    Ok(opt_key(ids, r, i)?.unwrap_or_else(|| ids.key("")))
}

/// The interned key of a nullable text id column.
pub fn opt_key(ids: &mut crate::figures::Ids, r: &rusqlite::Row, i: usize) -> rusqlite::Result<Option<crate::figures::Key>> {
    let v = r.get_ref(i)?;
    let s = v.as_bytes_or_null().map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, v.data_type(), Box::new(e)))?;
    Ok(s.map(|s| ids.key_of_bytes(s)))
}
