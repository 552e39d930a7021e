//! « Fusionner une copie »: what the laptop changed since the copy was made, applied to the office
//! database field by field, in one transaction after a backup (docs/sync.md).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Arc, Mutex};

use fallible_streaming_iterator::FallibleStreamingIterator;
use rusqlite::hooks::Action;
use rusqlite::session::{ChangesetItem, ChangesetIter, ConflictAction, ConflictType, Session};
use rusqlite::types::{Value, ValueRef};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{attach, CopyInfo};
use crate::db::{connect, now, supported_schema_version, write_tx, Passphrase};
use crate::Database;
use crate::error::{msg, Error, Result};

/// Which side a conflict keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// « garder le bureau »
    Office,
    /// « garder la copie »
    Copy,
}

/// The user's answers to a preview.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct MergeChoices {
    /// The side kept by every conflict not settled one by one. Without it, every conflict must be.
    #[ts(optional)]
    pub prefer: Option<Side>,
    /// Conflicts settled one by one, by their `key`.
    pub conflicts: BTreeMap<String, Side>,
    /// Probable duplicates settled one by one, by the copy person's id: `true` merges the person
    /// created on the laptop into the office's, `false` keeps both.
    pub duplicates: BTreeMap<String, bool>,
    /// The answer for every probable duplicate not settled one by one (keep both when absent).
    #[ts(optional)]
    pub merge_duplicates: Option<bool>,
}

/// The same field changed on both sides since the copy was made.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Conflict {
    /// Identifies the conflict in [`MergeChoices::conflicts`].
    pub key: String,
    pub table: String,
    pub record_id: String,
    /// What the record is, in French (« Organisme « CAF de la Corrèze » »).
    pub record: String,
    pub field: String,
    /// The field's French label.
    pub field_label: String,
    /// The value when the copy was made (none for a row the copy added).
    #[ts(optional)]
    pub base: Option<String>,
    #[ts(optional)]
    pub office: Option<String>,
    #[ts(optional)]
    pub copy: Option<String>,
    /// The side kept, when settled.
    #[ts(optional)]
    pub chosen: Option<Side>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateReason {
    /// Same e-mail address: always merged (two people cannot share one).
    Email,
    /// Same name (accents and case aside) and an organisation in common.
    NameAndOrganisation,
}

/// A person created on the laptop who looks like someone the office already has.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ProbableDuplicate {
    pub copy_person_id: String,
    pub copy_name: String,
    pub office_person_id: String,
    pub office_name: String,
    pub reason: DuplicateReason,
    /// What the merge does: `true` merges them, `false` keeps both.
    pub merge: bool,
}

/// What a merge adds, changes and removes in one table.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TableChanges {
    pub table: String,
    pub label: String,
    pub added: u32,
    pub changed: u32,
    pub removed: u32,
}

/// The preview of a merge, or what it did.
#[derive(Debug, Clone, Serialize, TS)]
pub struct MergeReport {
    pub copy: CopyInfo,
    pub changes: Vec<TableChanges>,
    pub conflicts: Vec<Conflict>,
    pub duplicates: Vec<ProbableDuplicate>,
    /// Other things the user should know, in French (an organisation recognised, a presence the
    /// office already had…).
    pub notes: Vec<String>,
    /// Conflicts not settled yet: the merge is refused until they are.
    pub unsettled: u32,
    /// Nothing changed on the laptop since the copy was made (or since its last merge).
    pub nothing_to_do: bool,
    /// The merge was written (false for a preview).
    pub applied: bool,
    /// The backup made just before writing.
    #[ts(optional)]
    pub backup: Option<String>,
}

/// Columns recomputed after the merge from the row's own fields: never taken from the copy.
const DERIVED: &[&str] = &["search_text", "sort_key", "name_key", "commune_key", "label_key", "code_key", "size", "sha256", "media_type"];

/// Previews (`dry_run`) or applies the merge of the copy at `path` into `office`.
pub fn merge(office: &Database, path: &Path, passphrase: &Passphrase, choices: &MergeChoices, dry_run: bool) -> Result<MergeReport> {
    // A merge starts from a sound office database (a full check only when the file changed
    // outside Maillage since the last one: src/integrity.rs).
    office.verify()?;
    // Another merge of this copy, or an erasure, written while this one was being prepared
    // changes what it must apply: it is prepared again from the office as it now is.
    for _ in 0..ATTEMPTS {
        if let Some(report) = attempt(office, path, passphrase, choices, dry_run)? {
            return Ok(report);
        }
    }
    Err(Error::conflict("copy", msg::merge_kept_changing()))
}

/// How many times a merge is prepared before it gives up on an office that keeps changing.
const ATTEMPTS: usize = 3;

/// What a merge is prepared against, read again inside its transaction: if either changed in
/// between, the preparation is stale.
#[derive(PartialEq, Eq)]
struct OfficeState {
    /// When this copy was merged before (its changesets make the base the merge starts from).
    earlier: Vec<String>,
    /// The people erased at the office: nothing the copy says about them is taken.
    erased: BTreeSet<String>,
}

impl OfficeState {
    fn read(conn: &Connection, copy_id: &str) -> Result<Self> {
        let earlier = conn
            .prepare("SELECT merged_at FROM merged_copy WHERE copy_id = ? ORDER BY merged_at")?
            .query_map([copy_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(OfficeState { earlier, erased: crate::queries::persons::erased_ids(conn)?.into_iter().collect() })
    }
}

/// One preparation and, unless it turns out stale (`None`), its transaction.
fn attempt(office: &Database, path: &Path, passphrase: &Passphrase, choices: &MergeChoices, dry_run: bool) -> Result<Option<MergeReport>> {
    let (work, info, state) = load(office, path, passphrase)?;
    let (duplicates, mut notes) = settle_duplicates(&work, office, choices)?;
    // Someone erased on the laptop is erased at the office by the office's own rule (their
    // record there may hold what the copy never had: notes), not by the copy's row.
    let erased_on_copy = crate::queries::erased::erased_on_copy(&work)?;
    let left_alone: BTreeSet<String> = state.erased.union(&erased_on_copy).cloned().collect();
    let (changeset, left_out) = crate::queries::erased::without_people(&diff(&work)?, &left_alone, &work, "base")?;
    drop(work);
    if left_out > 0 {
        notes.push(msg::erased_people_left_out(left_out));
    }

    let mut report = MergeReport {
        copy: info,
        changes: Vec::new(),
        conflicts: Vec::new(),
        duplicates,
        notes: Vec::new(),
        unsettled: 0,
        nothing_to_do: changeset.is_empty() && erased_on_copy.is_empty(),
        applied: false,
        backup: None,
    };
    if report.nothing_to_do {
        if !state.earlier.is_empty() {
            notes.push(msg::copy_already_merged());
        }
        report.notes = notes;
        return Ok(Some(report));
    }
    let (changes, touched) = summarise(&changeset)?;
    report.changes = changes;

    if !dry_run {
        let backup = office.backup(crate::backup::Reason::BeforeMerge).map_err(|e| match e {
            // The backup's pages are the database's: a damaged backup is a damaged database.
            Error::Damaged { detail, .. } => Error::Damaged { path: office.path().display().to_string(), detail, latest_backup: None },
            other => other,
        })?;
        report.backup = Some(backup.path);
    }
    let conn = office.conn();
    let tx = write_tx(conn)?;
    // The check and the write under one lock: of two merges of the same copy at once, the second
    // finds the first's changes here, and starts again from them (« rien à fusionner »).
    if OfficeState::read(conn, &report.copy.copy_id)? != state {
        return Ok(None); // the transaction rolls back when dropped
    }
    let _origin = crate::journal::origin_for(conn, crate::model::JournalOrigin::Fusion)?;
    let outcome = apply(conn, &changeset, choices)?;
    notes.extend(outcome.notes);
    if !erased_on_copy.is_empty() {
        let ids: Vec<String> = erased_on_copy.iter().cloned().collect();
        crate::privacy::erase(conn, &ids, crate::privacy::OpenRoles::End, crate::backup::Census::default())?;
        notes.push(msg::erased_on_copy(ids.len()));
    }
    report.unsettled = outcome.conflicts.iter().filter(|c| c.chosen.is_none()).count() as u32;
    report.conflicts = outcome.conflicts;
    for c in &mut report.conflicts {
        c.record = describe(conn, &c.table, &c.record_id)?;
    }
    report.notes = notes;
    if outcome.broken_links > 0 {
        return Err(Error::invalid("copy", msg::merge_broken_links(outcome.broken_links)));
    }
    for (table, ids) in &touched {
        for id in ids {
            crate::queries::refresh_derived(conn, table, id)?;
        }
    }
    let broken: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
    if broken > 0 {
        return Err(Error::invalid("copy", msg::merge_broken_links(broken as i32)));
    }
    if dry_run {
        return Ok(Some(report)); // the transaction rolls back when dropped
    }
    if report.unsettled > 0 {
        return Err(Error::invalid("conflicts", msg::conflicts_unsettled(report.unsettled)));
    }
    let digest = crate::text::sha256_hex(&changeset);
    tx.execute(
        "INSERT INTO merged_copy (copy_id, merged_at, changeset, digest) VALUES (?1, ?2, ?3, ?4)",
        params![report.copy.copy_id, now(), changeset, digest],
    )?;
    tx.commit()?;
    report.applied = true;
    if !erased_on_copy.is_empty() {
        crate::db::write_back_wal(conn)?;
    }
    Ok(Some(report))
}

/// Reads the copy into memory: `main` is the copy as the laptop left it, `base` its base plus the
/// changes of its earlier merges, both brought to this version's schema; the office database is
/// attached as `office` (read only, for duplicates). Also what the merge is prepared against.
fn load(office: &Database, path: &Path, passphrase: &Passphrase) -> Result<(Connection, CopyInfo, OfficeState)> {
    let shown = path.display().to_string();
    if !path.is_file() {
        return Err(if path.is_dir() { Error::IsADirectory { path: shown } } else { Error::FileNotFound { path: shown } });
    }
    // A damaged copy is the copy's problem, said as such (a new copy, not a backup, is the cure);
    // the whole copy is checked before anything is read from it (it is small).
    let probe = connect(path, Some(passphrase), OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| match e {
        Error::Damaged { detail, .. } => Error::DamagedCopy { path: shown.clone(), detail },
        other => other,
    })?;
    crate::integrity::check_copy(&probe, path)?;
    let version: i64 = probe.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > supported_schema_version() {
        return Err(Error::NewerSchema { path: shown, found: version, supported: supported_schema_version() });
    }
    let info = super::info(&probe).ok().flatten().ok_or_else(|| Error::invalid("copy", msg::not_a_copy(&shown)))?;
    let base: Vec<u8> = probe.query_row("SELECT base FROM copy_info", [], |r| r.get(0))?;
    drop(probe);
    let office_id: String = office.conn().query_row("SELECT database_id FROM database_info", [], |r| r.get(0))?;
    if info.origin_database_id != office_id {
        return Err(Error::invalid("copy", msg::copy_from_elsewhere(&shown)));
    }

    // A scratch space: references are checked where it matters, in the office database.
    let mut work = Connection::open_in_memory()?;
    work.pragma_update(None, "foreign_keys", "OFF")?;
    attach(&work, "copy_source", path, Some(passphrase))?;
    let exported = work.query_row("SELECT sqlcipher_export('main', 'copy_source')", [], |_| Ok(()));
    work.execute_batch("DETACH DATABASE copy_source")?;
    exported?;
    // SQLite skips CHECK constraints when it checks a file opened read-only (the probe above):
    // the copy's rows are checked again here, where the scratch database is writable, so that a
    // row another program wrote against a rule is refused as such, never applied as a conflict.
    crate::integrity::check_copy(&work, path)?;
    work.pragma_update(None, "user_version", version)?;
    crate::db::migrate(&mut work)?;

    let mut based = Connection::open_in_memory()?;
    based.deserialize_read_exact("main", &base[..], base.len(), false)?;
    crate::db::migrate(&mut based)?;
    // The state first: a merge or an erasure written after it, even before the changesets are
    // read, makes it differ from the one read again in the transaction.
    let state = OfficeState::read(office.conn(), &info.copy_id)?;
    let earlier: Vec<Vec<u8>> = office
        .conn()
        .prepare("SELECT changeset FROM merged_copy WHERE copy_id = ? ORDER BY merged_at")?
        .query_map([&info.copy_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for cs in earlier {
        based.apply_strm(&mut &cs[..], None::<fn(&str) -> bool>, |_, _| ConflictAction::SQLITE_CHANGESET_OMIT)?;
    }
    let image = based.serialize("main")?.to_vec();
    drop(based);
    work.execute_batch("ATTACH DATABASE ':memory:' AS base")?;
    work.deserialize_read_exact("base", &image[..], image.len(), false)?;
    attach(&work, "office", office.path(), office.passphrase())?;
    Ok((work, info, state))
}

/// Where a person or an organisation is referred to: merging one into another moves these.
const PERSON_LINKS: &[(&str, &str)] = &[
    ("invitation", "person_id"),
    ("attendance", "person_id"),
    ("attendance", "stand_in_for_person_id"),
    ("body_member", "person_id"),
    ("affiliation", "person_id"),
];
const ORGANISATION_LINKS: &[(&str, &str)] = &[
    ("affiliation", "organisation_id"),
    ("membership_event", "organisation_id"),
    ("organisation_domain", "organisation_id"),
    ("body_member", "organisation_id"),
    ("invitation", "organisation_id"),
    ("attendance", "organisation_id"),
    ("organisation", "parent_id"),
];

/// Finds the people and organisations created on the laptop that the office already has, and
/// merges those the user (or the rule) merges, by rewriting the copy before the diff: the
/// changeset then refers to the office's records directly.
fn settle_duplicates(work: &Connection, office: &Database, choices: &MergeChoices) -> Result<(Vec<ProbableDuplicate>, Vec<String>)> {
    let mut notes = Vec::new();
    // Organisations: the same name in the same commune is the same organisation (a unique rule).
    let orgs: Vec<(String, String, String)> = work
        .prepare(
            "SELECT c.id, o.id, o.name FROM main.organisation c
             JOIN office.organisation o ON o.name_key = c.name_key AND o.commune_key = c.commune_key AND o.deleted_at IS NULL AND o.id <> c.id
             WHERE c.deleted_at IS NULL AND c.id NOT IN (SELECT id FROM base.organisation) AND c.id NOT IN (SELECT id FROM office.organisation)",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (copy_id, office_id, name) in orgs {
        rewrite(work, "organisation", ORGANISATION_LINKS, &copy_id, &office_id)?;
        notes.push(msg::organisation_recognised(&name));
    }

    let created: Vec<(String, Option<String>, Option<String>, Option<String>)> = work
        .prepare(
            "SELECT id, first_name, last_name, email FROM main.person
             WHERE deleted_at IS NULL AND id NOT IN (SELECT id FROM base.person) AND id NOT IN (SELECT id FROM office.person)",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let mut found = Vec::new();
    for (id, first, last, email) in created {
        let copy_name = crate::queries::persons::display_name(first.as_deref(), last.as_deref());
        let by_email: Option<(String, Option<String>, Option<String>)> = match &email {
            Some(e) => office
                .conn()
                .query_row("SELECT id, first_name, last_name FROM person WHERE email = ? AND deleted_at IS NULL", [e], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?,
            None => None,
        };
        let (reason, office_match) = match by_email {
            Some(m) => (DuplicateReason::Email, Some(m)),
            None => {
                let key = crate::queries::persons::sort_key(first.as_deref(), last.as_deref());
                let m = work
                    .query_row(
                        "SELECT p.id, p.first_name, p.last_name FROM office.person p
                         WHERE p.sort_key = ?1 AND p.deleted_at IS NULL AND EXISTS (
                             SELECT 1 FROM office.affiliation a WHERE a.person_id = p.id AND a.deleted_at IS NULL AND a.organisation_id IN (
                                 SELECT organisation_id FROM main.affiliation WHERE person_id = ?2
                                 UNION SELECT organisation_id FROM main.attendance WHERE person_id = ?2 AND organisation_id IS NOT NULL))
                         ORDER BY p.id LIMIT 1",
                        params![key, id],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                    )
                    .optional()?;
                (DuplicateReason::NameAndOrganisation, m)
            }
        };
        let Some((office_id, of, ol)) = office_match else { continue };
        // Two people cannot share an e-mail address: those are always merged.
        let merge = reason == DuplicateReason::Email || choices.duplicates.get(&id).copied().or(choices.merge_duplicates).unwrap_or(false);
        if merge {
            rewrite(work, "person", PERSON_LINKS, &id, &office_id)?;
        }
        found.push(ProbableDuplicate {
            copy_person_id: id,
            copy_name,
            office_person_id: office_id,
            office_name: crate::queries::persons::display_name(of.as_deref(), ol.as_deref()),
            reason,
            merge,
        });
    }
    Ok((found, notes))
}

/// Makes every reference to `from` in the copy refer to the office's `to`, and drops `from`.
/// The office's row is put in both the copy and its base, so the diff does not see it.
fn rewrite(work: &Connection, table: &str, links: &[(&str, &str)], from: &str, to: &str) -> Result<()> {
    for (t, col) in links {
        // A row that would become a twin of one the office record already has (its presence at the
        // same meeting…) is dropped rather than moved.
        work.execute(&format!("UPDATE OR IGNORE main.{t} SET {col} = ?2 WHERE {col} = ?1"), params![from, to])?;
        work.execute(&format!("DELETE FROM main.{t} WHERE {col} = ?1"), [from])?;
    }
    // Dropped before the office's row comes in: they share an e-mail, which is unique.
    work.execute(&format!("DELETE FROM main.{table} WHERE id = ?"), [from])?;
    for schema in ["main", "base"] {
        work.execute(&format!("INSERT OR IGNORE INTO {schema}.{table} SELECT * FROM office.{table} WHERE id = ?"), [to])?;
    }
    Ok(())
}

/// The changeset that turns the base into the copy, over every data table.
fn diff(work: &Connection) -> Result<Vec<u8>> {
    let mut session = Session::new(work)?;
    for table in super::merged_tables() {
        session.attach(Some(table))?;
        session.diff::<&str, &str>("base", table)?;
    }
    let mut out = Vec::new();
    session.changeset_strm(&mut out)?;
    Ok(out)
}

fn owned(v: ValueRef<'_>) -> Value {
    Value::try_from(v).unwrap_or(Value::Null)
}

fn shown(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::Integer(i) => Some(i.to_string()),
        Value::Real(f) => Some(f.to_string()),
        Value::Text(s) => Some(s.clone()),
        Value::Blob(b) => Some(format!("({} octets)", b.len())),
    }
}

/// Counts of the changeset per table, and the ids of the rows it adds or changes.
fn summarise(changeset: &[u8]) -> Result<(Vec<TableChanges>, BTreeMap<String, BTreeSet<String>>)> {
    let mut counts: BTreeMap<String, (u32, u32, u32)> = BTreeMap::new();
    let mut touched: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut input: &[u8] = changeset;
    let reader: &mut dyn std::io::Read = &mut input;
    let mut it = ChangesetIter::start_strm(&reader)?;
    while let Some(item) = it.next()? {
        let op = item.op()?;
        let table = op.table_name().to_owned();
        let c = counts.entry(table.clone()).or_default();
        let id = match op.code() {
            Action::SQLITE_INSERT => {
                c.0 += 1;
                item.new_value(0).ok().map(owned)
            }
            Action::SQLITE_UPDATE => {
                c.1 += 1;
                item.old_value(0).ok().map(owned)
            }
            _ => {
                c.2 += 1;
                None
            }
        };
        if let Some(Value::Text(id)) = id {
            touched.entry(table).or_default().insert(id);
        }
    }
    let order = |t: &str| crate::archive::TABLES.iter().position(|x| *x == t).unwrap_or(usize::MAX);
    let mut changes: Vec<TableChanges> = counts
        .into_iter()
        .map(|(table, (added, changed, removed))| TableChanges { label: crate::labels::table(&table).to_owned(), table, added, changed, removed })
        .collect();
    changes.sort_by_key(|c| order(&c.table));
    Ok((changes, touched))
}

/// What applying the changeset met.
#[derive(Default)]
struct Outcome {
    conflicts: Vec<Conflict>,
    notes: Vec<String>,
    /// Field updates to make once the changeset is applied: (table, id, [(column, value)]).
    takes: Vec<(String, String, Vec<(String, Value)>)>,
    /// Rows the copy removed that the office changed, removed all the same (the copy was chosen).
    removals: Vec<(String, String)>,
    broken_links: i32,
}

/// Applies the changeset to `conn` (inside the caller's transaction). A change SQLite can apply as
/// it is goes in directly; a change that meets an office edit comes to the handler, which answers
/// « omit » and notes, field by field, what to take from the copy — then those fields are written.
fn apply(conn: &Connection, changeset: &[u8], choices: &MergeChoices) -> Result<Outcome> {
    let names: BTreeMap<String, Vec<String>> =
        super::merged_tables().map(|t| Ok((t.to_owned(), super::columns(conn, t)?))).collect::<Result<_>>()?;
    let state = Arc::new(Mutex::new(Outcome::default()));
    let handler_state = Arc::clone(&state);
    let choices = choices.clone();
    let applied = conn.apply_strm(&mut &changeset[..], None::<fn(&str) -> bool>, move |kind, item| {
        let mut s = handler_state.lock().unwrap_or_else(|p| p.into_inner());
        on_conflict(&mut s, &names, &choices, kind, &item).unwrap_or(ConflictAction::SQLITE_CHANGESET_ABORT)
    });
    let mut outcome = std::mem::take(&mut *state.lock().unwrap_or_else(|p| p.into_inner()));
    if let Err(e) = applied {
        if outcome.broken_links > 0 {
            return Ok(outcome);
        }
        return Err(e.into());
    }
    for (table, id, fields) in &outcome.takes {
        let sets: Vec<String> = fields.iter().enumerate().map(|(i, (c, _))| format!("{c} = ?{}", i + 2)).collect();
        let mut values: Vec<&dyn rusqlite::ToSql> = vec![id];
        values.extend(fields.iter().map(|(_, v)| v as &dyn rusqlite::ToSql));
        conn.execute(&format!("UPDATE {table} SET {} WHERE id = ?1", sets.join(", ")), values.as_slice())?;
    }
    for (table, id) in &outcome.removals {
        conn.execute(&format!("DELETE FROM {table} WHERE id = ?"), [id])?;
    }
    outcome.takes.clear();
    Ok(outcome)
}

fn on_conflict(
    s: &mut Outcome,
    names: &BTreeMap<String, Vec<String>>,
    choices: &MergeChoices,
    kind: ConflictType,
    item: &ChangesetItem,
) -> rusqlite::Result<ConflictAction> {
    // Reported once, at the end, with no row: the item has no table then.
    if kind == ConflictType::SQLITE_CHANGESET_FOREIGN_KEY {
        s.broken_links = item.fk_conflicts()?;
        return Ok(ConflictAction::SQLITE_CHANGESET_ABORT);
    }
    let op = item.op()?;
    let table = op.table_name().to_owned();
    let cols = names.get(&table).cloned().unwrap_or_default();
    let n = op.number_of_columns() as usize;
    let col = |i: usize| cols.get(i).cloned().unwrap_or_else(|| format!("col{i}"));
    let pk = item.pk()?.to_vec();
    let id_of = |v: Option<Value>| v.as_ref().and_then(shown).unwrap_or_default();
    let settle = |key: &str| choices.conflicts.get(key).copied().or(choices.prefer);
    let omit = Ok(ConflictAction::SQLITE_CHANGESET_OMIT);

    match kind {
        ConflictType::SQLITE_CHANGESET_NOTFOUND => {
            if op.code() == Action::SQLITE_UPDATE {
                s.notes.push(msg::changed_on_copy_removed_at_office(crate::labels::table(&table)));
            }
            omit
        }
        ConflictType::SQLITE_CHANGESET_CONSTRAINT => {
            s.notes.push(if table == "attendance" {
                msg::presence_already_at_office()
            } else {
                msg::duplicate_left_out(crate::labels::table(&table))
            });
            omit
        }
        ConflictType::SQLITE_CHANGESET_DATA if op.code() == Action::SQLITE_DELETE => {
            let id = id_of(item.old_value(0).ok().map(owned));
            let key = format!("{table}:{id}:*");
            let chosen = settle(&key);
            if chosen == Some(Side::Copy) {
                s.removals.push((table.clone(), id.clone()));
            }
            s.conflicts.push(Conflict {
                key,
                table: table.clone(),
                record_id: id,
                record: String::new(),
                field: "*".to_owned(),
                field_label: msg::removal_field().to_owned(),
                base: None,
                office: Some(msg::changed_at_office().to_owned()),
                copy: Some(msg::removed_on_copy().to_owned()),
                chosen,
            });
            omit
        }
        ConflictType::SQLITE_CHANGESET_DATA | ConflictType::SQLITE_CHANGESET_CONFLICT => {
            let inserting = op.code() == Action::SQLITE_INSERT;
            let id = id_of(if inserting { item.new_value(0).ok().map(owned) } else { item.old_value(0).ok().map(owned) });
            let mut takes = Vec::new();
            for i in 0..n {
                let name = col(i);
                if pk.get(i).copied().unwrap_or(0) != 0 || DERIVED.contains(&name.as_str()) {
                    continue;
                }
                let Ok(new) = item.new_value(i).map(owned) else { continue }; // unchanged on the laptop
                let cur = item.conflict(i).map(owned).unwrap_or(Value::Null);
                let old = if inserting { None } else { item.old_value(i).ok().map(owned) };
                if cur == new {
                    continue;
                }
                if name == "updated_at" || name == "created_at" {
                    // Bookkeeping, not content: the later instant stands.
                    if name == "updated_at" && shown(&new) > shown(&cur) {
                        takes.push((name, new));
                    }
                    continue;
                }
                if old.as_ref() == Some(&cur) {
                    takes.push((name, new)); // changed on the laptop only
                    continue;
                }
                let key = format!("{table}:{id}:{name}");
                let chosen = settle(&key);
                if chosen == Some(Side::Copy) {
                    takes.push((name.clone(), new.clone()));
                }
                s.conflicts.push(Conflict {
                    key,
                    table: table.clone(),
                    record_id: id.clone(),
                    record: String::new(),
                    field_label: crate::labels::column(&name).to_owned(),
                    field: name,
                    base: old.as_ref().and_then(shown),
                    office: shown(&cur),
                    copy: shown(&new),
                    chosen,
                });
            }
            if !takes.is_empty() {
                s.takes.push((table, id, takes));
            }
            omit
        }
        _ => Ok(ConflictAction::SQLITE_CHANGESET_ABORT),
    }
}

/// What a conflicting record is, in French, for the preview.
fn describe(conn: &Connection, table: &str, id: &str) -> Result<String> {
    let name: Option<String> = match table {
        "person" => conn
            .query_row("SELECT first_name, last_name FROM person WHERE id = ?", [id], |r| {
                Ok(crate::queries::persons::display_name(r.get::<_, Option<String>>(0)?.as_deref(), r.get::<_, Option<String>>(1)?.as_deref()))
            })
            .optional()?,
        "organisation" | "body" => conn.query_row(&format!("SELECT name FROM {table} WHERE id = ?"), [id], |r| r.get(0)).optional()?,
        "meeting" => super::copy::meetings(conn, &[id.to_owned()]).ok().and_then(|m| m.into_iter().next()).map(|m| format!("{} — {}", m.date, m.title)),
        "report_text" => crate::queries::report_texts::describe(conn, id)?,
        _ => None,
    };
    Ok(msg::record(crate::labels::table(table), name.as_deref()))
}
