//! An erasure is for good (docs/privacy.md): nothing a laptop copy says about a person erased at
//! the office is applied, nor kept in the office's history of merges (`merged_copy`).
//!
//! A change is about a person when it is their record, or a row naming them in a column that
//! refers to `person` (posts, seats, invitations, presences, a retention hold — found from the
//! schema's foreign keys, so a new table is covered without anyone remembering to), or a line of
//! the journal about them.

use std::collections::{BTreeMap, BTreeSet};

use fallible_streaming_iterator::FallibleStreamingIterator;
use rusqlite::hooks::Action;
use rusqlite::session::{ChangesetIter, Session};
use rusqlite::types::{Type, Value, ValueRef};
use rusqlite::{params_from_iter, Connection, OptionalExtension};

use crate::error::Result;

/// The people erased on the laptop (`main` of the merge's scratch space) whom the office still
/// has, not erased (`office`).
pub fn erased_on_copy(work: &Connection) -> Result<BTreeSet<String>> {
    Ok(work
        .prepare("SELECT id FROM main.person WHERE erased_at IS NOT NULL AND id IN (SELECT id FROM office.person WHERE erased_at IS NULL)")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// Where the rows a changeset changes are (the copy's base during a merge, the office database
/// at an erasure): the columns naming a person, and the current value of one the change omits.
struct Rows<'a> {
    conn: &'a Connection,
    schema: &'a str,
}

impl Rows<'_> {
    fn columns(&self, table: &str) -> Result<Vec<String>> {
        Ok(self.conn.prepare("SELECT name FROM pragma_table_info(?1, ?2) ORDER BY cid")?.query_map([table, self.schema], |r| r.get(0))?.collect::<Result<_, _>>()?)
    }

    /// The columns of `table` that name a person: (index, name).
    fn person_columns(&self, table: &str) -> Result<Vec<(usize, String)>> {
        let named: Vec<String> = match table {
            "person" => vec!["id".to_owned()],
            "journal" => vec!["record_id".to_owned(), "person_id".to_owned()],
            _ => self
                .conn
                .prepare(r#"SELECT "from" FROM pragma_foreign_key_list(?1, ?2) WHERE "table" = 'person'"#)?
                .query_map([table, self.schema], |r| r.get(0))?
                .collect::<Result<_, _>>()?,
        };
        Ok(self.columns(table)?.into_iter().enumerate().filter(|(_, name)| named.contains(name)).collect())
    }

    /// The value of `column` in the row of `table` whose column number `key` is `value`.
    fn current(&self, table: &str, column: &str, key: usize, value: &Value) -> Result<Option<Value>> {
        let Some(key_name) = self.columns(table)?.into_iter().nth(key) else { return Ok(None) };
        Ok(self
            .conn
            .query_row(&format!("SELECT \"{column}\" FROM {}.\"{table}\" WHERE \"{key_name}\" = ?1", self.schema), [value], |r| r.get(0))
            .optional()?)
    }
}

/// `changeset` without the changes about `people`, and how many were left out. An UPDATE that
/// leaves a row's person column as it was does not carry it: the row is looked up in `schema` of
/// `rows` (the copy's base during a merge, the office database at an erasure).
pub fn without_people(changeset: &[u8], people: &BTreeSet<String>, rows: &Connection, schema: &str) -> Result<(Vec<u8>, u32)> {
    if people.is_empty() || changeset.is_empty() {
        return Ok((changeset.to_vec(), 0));
    }
    // The kept changes are replayed as two images, before and after, in a scratch database whose
    // tables have the changeset's columns and primary keys; their diff is the kept changeset.
    let scratch = Connection::open_in_memory()?;
    scratch.execute_batch("ATTACH DATABASE ':memory:' AS before")?;
    let mut tables: Vec<String> = Vec::new();
    let rows = Rows { conn: rows, schema };
    let mut refs: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
    let mut left_out = 0;
    let mut input: &[u8] = changeset;
    let reader: &mut dyn std::io::Read = &mut input;
    let mut it = ChangesetIter::start_strm(&reader)?;
    while let Some(item) = it.next()? {
        let op = item.op()?;
        let (table, n, code) = (op.table_name().to_owned(), op.number_of_columns() as usize, op.code());
        let pk = item.pk()?.to_vec();
        if !tables.contains(&table) {
            let cols: Vec<String> = (0..n).map(|i| format!("c{i}")).collect();
            let keys: Vec<&str> = (0..n).filter(|&i| pk[i] != 0).map(|i| cols[i].as_str()).collect();
            for db in ["main", "before"] {
                scratch.execute_batch(&format!("CREATE TABLE {db}.\"{table}\" ({}, PRIMARY KEY ({}))", cols.join(", "), keys.join(", ")))?;
            }
            refs.insert(table.clone(), rows.person_columns(&table)?);
            tables.push(table.clone());
        }
        // Undefined (an UPDATE's unchanged column, or the side an INSERT or DELETE has not): None.
        let old: Vec<Option<Value>> =
            (0..n).map(|i| if code == Action::SQLITE_INSERT { Ok(None) } else { item.old_value(i).ok().map(owned).transpose() }).collect::<Result<_>>()?;
        let new: Vec<Option<Value>> =
            (0..n).map(|i| if code == Action::SQLITE_DELETE { Ok(None) } else { item.new_value(i).ok().map(owned).transpose() }).collect::<Result<_>>()?;
        if is_about(&refs[&table], &old, &new, &pk, people, &rows, &table)? {
            left_out += 1;
            continue;
        }
        // An UPDATE's primary key is in its old values; its unchanged columns are in neither
        // image (NULL on both sides, so not in the diff).
        let image = |values: &[Option<Value>]| -> Vec<Value> {
            (0..n).map(|i| values[i].clone().or_else(|| if pk[i] != 0 { old[i].clone() } else { None }).unwrap_or(Value::Null)).collect()
        };
        let marks = vec!["?"; n].join(", ");
        if code != Action::SQLITE_INSERT {
            scratch.execute(&format!("INSERT INTO before.\"{table}\" VALUES ({marks})"), params_from_iter(image(&old)))?;
        }
        if code != Action::SQLITE_DELETE {
            scratch.execute(&format!("INSERT INTO main.\"{table}\" VALUES ({marks})"), params_from_iter(image(&new)))?;
        }
    }
    if left_out == 0 {
        return Ok((changeset.to_vec(), 0));
    }
    let mut session = Session::new(&scratch)?;
    for table in &tables {
        session.attach(Some(table.as_str()))?;
        session.diff::<&str, &str>("before", table)?;
    }
    let mut out = Vec::new();
    session.changeset_strm(&mut out)?;
    Ok((out, left_out))
}

/// A value of the changeset, exactly (a text that is not UTF-8 is an error, not a NULL).
fn owned(v: ValueRef<'_>) -> Result<Value> {
    Value::try_from(v).map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, Type::Text, Box::new(e)).into())
}

/// Whether a change names one of `people` in a person column (`refs`), in its old or new values,
/// or, for a column an UPDATE left as it was, in the row itself.
fn is_about(refs: &[(usize, String)], old: &[Option<Value>], new: &[Option<Value>], pk: &[u8], people: &BTreeSet<String>, rows: &Rows, table: &str) -> Result<bool> {
    let names = |v: &Option<Value>| matches!(v, Some(Value::Text(id)) if people.contains(id));
    for (i, column) in refs {
        let (o, n) = (old.get(*i).unwrap_or(&None), new.get(*i).unwrap_or(&None));
        if names(o) || names(n) {
            return Ok(true);
        }
        if o.is_none() && n.is_none() {
            let Some(key) = pk.iter().position(|&k| k != 0) else { continue };
            let Some(Some(value)) = old.get(key) else { continue };
            if names(&rows.current(table, column, key, value)?) {
                return Ok(true);
            }
        }
    }
    Ok(false)
}
