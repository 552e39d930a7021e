//! The `person` table.

use std::collections::BTreeSet;

use rusqlite::{params, Connection, OptionalExtension};

use super::{query_words, split_concat, Params};
use crate::db::{now, new_id, today, write_tx};
use crate::error::{msg, Error, Result};
use crate::model::*;
use crate::text::{fold, search_text};
use crate::validate as v;

/// "Prénom Nom", or whichever of the two is known (inhabitants may give a first name only);
/// « Personne effacée » for someone whose identity was erased (the only way to have neither).
pub fn display_name(first: Option<&str>, last: Option<&str>) -> String {
    let name = [first, last].into_iter().flatten().collect::<Vec<_>>().join(" ");
    if name.trim().is_empty() { crate::labels::ERASED_PERSON.to_owned() } else { name }
}

/// The same name computed in SQL for the person table aliased `p`, in the order of `display_name`
/// ("Prénom Nom") or, with `last_first`, as lists sorted by name show it ("Nom Prénom").
pub fn name_sql(p: &str, last_first: bool) -> String {
    let (a, b) = if last_first { ("last_name", "first_name") } else { ("first_name", "last_name") };
    format!(
        "CASE WHEN {p}.id IS NOT NULL THEN coalesce(nullif(trim(coalesce({p}.{a}, '') || ' ' || coalesce({p}.{b}, '')), ''), '{}') END",
        crate::labels::ERASED_PERSON.replace('\'', "''")
    )
}

struct Valid {
    input: PersonInput,
    category: PersonCategory,
    sort_key: String,
    search_text: String,
}

fn validate(conn: &Connection, id: Option<&str>, mut i: PersonInput) -> Result<Valid> {
    i.first_name = v::clean(i.first_name);
    i.last_name = v::clean(i.last_name);
    if i.first_name.is_none() && i.last_name.is_none() {
        return Err(Error::invalid("last_name", msg::name_needed()));
    }
    v::max_len("first_name", "Prénom", &i.first_name, 100)?;
    v::max_len("last_name", "Nom", &i.last_name, 100)?;
    let category = i.category.ok_or_else(|| Error::invalid("category", msg::required("Catégorie")))?;
    i.email = v::email("email", i.email)?;
    i.phone = v::phone("phone", i.phone)?;
    i.notes = v::clean(i.notes);
    v::max_len("notes", "Remarques", &i.notes, 500)?;
    i.consent_date = v::date("consent_date", "Date du consentement", i.consent_date)?;
    if i.contact_consent.is_none() && (i.consent_date.is_some() || i.consent_method.is_some()) {
        return Err(Error::invalid("contact_consent", msg::required("Consentement")));
    }

    if let Some(email) = &i.email {
        let clash: Option<(Option<String>, Option<String>)> = conn
            .prepare_cached("SELECT first_name, last_name FROM person WHERE email = ? AND deleted_at IS NULL AND id <> ?")?
            .query_row(
                params![email, id.unwrap_or("")],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((f, l)) = clash {
            return Err(Error::conflict("email", msg::duplicate_email(email, &display_name(f.as_deref(), l.as_deref()))));
        }
    }
    let (sort_key, search_text) = keys(i.first_name.as_deref(), i.last_name.as_deref(), i.email.as_deref(), i.phone.as_deref());
    Ok(Valid { input: i, category, sort_key, search_text })
}

/// A person's derived columns, computed here only: the folded "last first" sort key and the
/// search text.
pub fn keys(first: Option<&str>, last: Option<&str>, email: Option<&str>, phone: Option<&str>) -> (String, String) {
    (sort_key(first, last), search_text([first, last, email, phone]))
}

/// The folded "last first": the order of lists, and how a merge recognises a name.
pub fn sort_key(first: Option<&str>, last: Option<&str>) -> String {
    fold(&format!("{} {}", last.unwrap_or(""), first.unwrap_or("")))
}

/// Recomputes a person's derived columns from their fields (after a merge or an import).
pub fn refresh_derived(conn: &Connection, id: &str) -> Result<()> {
    let fields: Option<(Option<String>, Option<String>, Option<String>, Option<String>)> = conn
        .query_row("SELECT first_name, last_name, email, phone FROM person WHERE id = ?", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    if let Some((first, last, email, phone)) = fields {
        let (sort_key, search) = keys(first.as_deref(), last.as_deref(), email.as_deref(), phone.as_deref());
        conn.execute(
            "UPDATE person SET sort_key = ?2, search_text = ?3 WHERE id = ?1 AND (sort_key IS NOT ?2 OR search_text IS NOT ?3)",
            params![id, sort_key, search],
        )?;
    }
    Ok(())
}

fn exists(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS(SELECT 1 FROM person WHERE id = ? AND deleted_at IS NULL)", [id], |r| r.get(0))?)
}

/// An erased person's record cannot be edited: there is no identity left to correct.
fn refuse_erased(conn: &Connection, id: &str) -> Result<()> {
    let erased: bool = conn.query_row("SELECT erased_at IS NOT NULL FROM person WHERE id = ?", [id], |r| r.get(0)).optional()?.unwrap_or(false);
    if erased { Err(Error::invalid("erased_at", msg::person_erased())) } else { Ok(()) }
}

pub fn create(conn: &Connection, input: PersonInput) -> Result<Person> {
    let id = insert(conn, input)?;
    get(conn, &id)
}

/// Creates a person and returns their id only (an import creates thousands and reads none back).
pub fn insert(conn: &Connection, input: PersonInput) -> Result<String> {
    let tx = write_tx(conn)?;
    let val = validate(&tx, None, input)?;
    let id = new_id();
    let i = &val.input;
    // Cached: an import creates thousands, and compiling the insert (with the journal's triggers)
    // is most of the cost of one.
    tx.prepare_cached(
        "INSERT INTO person (id, civility, first_name, last_name, category, email, phone, notes, sort_key, search_text,
                             created_at, updated_at, contact_consent, consent_date, consent_method)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![id, i.civility, i.first_name, i.last_name, val.category, i.email, i.phone, i.notes, val.sort_key, val.search_text, now(),
                i.contact_consent, i.consent_date, i.consent_method])?;
    tx.commit()?;
    Ok(id)
}

pub fn update(conn: &Connection, id: &str, input: PersonInput) -> Result<Person> {
    let tx = write_tx(conn)?;
    if !exists(&tx, id)? {
        return Err(Error::NotFound { what: crate::error::what::PERSON });
    }
    refuse_erased(&tx, id)?;
    let val = validate(&tx, Some(id), input)?;
    let i = &val.input;
    tx.execute(
        "UPDATE person SET civility = ?2, first_name = ?3, last_name = ?4, category = ?5, email = ?6, phone = ?7,
                notes = ?8, sort_key = ?9, search_text = ?10, updated_at = ?11, contact_consent = ?12, consent_date = ?13,
                consent_method = ?14
         WHERE id = ?1",
        params![id, i.civility, i.first_name, i.last_name, val.category, i.email, i.phone, i.notes, val.sort_key, val.search_text, now(),
                i.contact_consent, i.consent_date, i.consent_method])?;
    tx.commit()?;
    get(conn, id)
}

/// Removes a person from the directory, with their posts, in one transaction (tombstones).
/// Whether the person took part in the network's life: invited, marked at a meeting (or stood in
/// for), or seated in a body. Such a person is archived, never deleted.
fn has_history(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM invitation WHERE person_id = ?1 AND deleted_at IS NULL)
             OR EXISTS(SELECT 1 FROM attendance WHERE (person_id = ?1 OR stand_in_for_person_id = ?1) AND deleted_at IS NULL)
             OR EXISTS(SELECT 1 FROM body_member WHERE person_id = ?1 AND deleted_at IS NULL)",
        [id],
        |r| r.get(0),
    )?)
}

/// « Supprimer » a person. One with history is archived: out of the lists, searches and new
/// invitations, their current posts and seats ended today, and every figure of the past kept
/// (the rule of `figures/`). One without history is deleted with their posts.
pub fn remove(conn: &Connection, id: &str) -> Result<RemovalOutcome> {
    let tx = write_tx(conn)?;
    if !exists(&tx, id)? {
        return Err(Error::NotFound { what: crate::error::what::PERSON });
    }
    let (at, day) = (now(), today());
    let outcome = if has_history(&tx, id)? {
        // Ended today (or on their start, when it is still to come): the past stays as it was.
        for table in ["affiliation", "body_member"] {
            end_current(&tx, table, id, &day, &at)?;
        }
        tx.execute("UPDATE person SET archived_at = coalesce(archived_at, ?2), updated_at = ?2 WHERE id = ?1", params![id, at])?;
        RemovalOutcome::Archived
    } else {
        tx.execute("UPDATE affiliation SET deleted_at = ?2, updated_at = ?2 WHERE person_id = ?1 AND deleted_at IS NULL", params![id, at])?;
        // A tombstone keeps no personal data either (RGPD): only the id and the category stay.
        tx.execute(
            &format!("UPDATE person SET deleted_at = ?2, updated_at = ?2, erased_at = ?2, {} WHERE id = ?1", IDENTITY),
            params![id, at],
        )?;
        forget_traces(&tx, &std::iter::once(id.to_owned()).collect())?;
        RemovalOutcome::Deleted
    };
    tx.commit()?;
    Ok(outcome)
}

/// Ends today a person's posts (`affiliation`) or seats (`body_member`) that are not over (on
/// their start when it is still to come): the past stays as it was. Returns how many.
pub fn end_current(conn: &Connection, table: &str, person_id: &str, day: &str, at: &str) -> Result<usize> {
    Ok(conn.execute(
        &format!("UPDATE {table} SET end_date = max(coalesce(start_date, ?2), ?2), updated_at = ?3
                  WHERE person_id = ?1 AND deleted_at IS NULL AND (end_date IS NULL OR end_date > ?2)"),
        params![person_id, day, at],
    )?)
}

/// Brings an archived person back into the lists (their ended posts stay ended).
pub fn unarchive(conn: &Connection, id: &str) -> Result<Person> {
    // An erased person stays out of the lists: there is nobody to show.
    refuse_erased(conn, id)?;
    let n = conn.execute("UPDATE person SET archived_at = NULL, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL", params![id, now()])?;
    if n == 0 {
        return Err(Error::NotFound { what: crate::error::what::PERSON });
    }
    get(conn, id)
}

pub fn get(conn: &Connection, id: &str) -> Result<Person> {
    let mut p = conn
        .prepare_cached(
            "SELECT id, civility, first_name, last_name, category, email, phone, notes, created_at, updated_at, archived_at,
                    contact_consent, consent_date, consent_method, erased_at
             FROM person WHERE id = ? AND deleted_at IS NULL",
        )?
        .query_row(
            [id],
            |r| {
                let first: Option<String> = r.get(2)?;
                let last: Option<String> = r.get(3)?;
                Ok(Person {
                    id: r.get(0)?,
                    civility: r.get(1)?,
                    display_name: display_name(first.as_deref(), last.as_deref()),
                    first_name: first,
                    last_name: last,
                    category: r.get(4)?,
                    email: r.get(5)?,
                    phone: r.get(6)?,
                    notes: r.get(7)?,
                    created_at: r.get(8)?,
                    updated_at: r.get(9)?,
                    archived_at: r.get(10)?,
                    contact_consent: r.get(11)?,
                    consent_date: r.get(12)?,
                    consent_method: r.get(13)?,
                    erased_at: r.get(14)?,
                    affiliations: Vec::new(),
                })
            },
        )
        .optional()?
        .ok_or(Error::NotFound { what: crate::error::what::PERSON })?;
    p.affiliations = super::affiliations::of_person(conn, id)?;
    Ok(p)
}

pub fn list(conn: &Connection, f: &PersonFilter) -> Result<Vec<PersonSummary>> {
    let mut p = Params::default();
    let today = p.bind(today());
    let current = format!("a.deleted_at IS NULL AND (a.end_date IS NULL OR a.end_date >= {today})");
    let mut w = vec!["pe.deleted_at IS NULL".to_owned()];
    if !f.include_archived {
        w.push("pe.archived_at IS NULL".to_owned());
    }
    for word in query_words(&f.query) {
        let word = p.bind(word);
        // A word matches the person or one of their current organisations.
        w.push(format!(
            "(pe.search_text LIKE {word} ESCAPE '\\' OR EXISTS (SELECT 1 FROM affiliation a JOIN organisation o
               ON o.id = a.organisation_id WHERE a.person_id = pe.id AND {current} AND o.search_text LIKE {word} ESCAPE '\\'))"
        ));
    }
    if let Some(c) = f.category {
        w.push(format!("pe.category = {}", p.bind(c)));
    }
    if let Some(o) = v::clean(f.organisation_id.clone()) {
        w.push(format!(
            "EXISTS (SELECT 1 FROM affiliation a WHERE a.person_id = pe.id AND {current} AND a.organisation_id = {})",
            p.bind(o)
        ));
    }
    let order = match f.sort {
        PersonSort::LastName => "pe.sort_key",
        PersonSort::FirstName => "lower(coalesce(pe.first_name, ''))",
        PersonSort::Category => "pe.category",
        PersonSort::UpdatedAt => "pe.updated_at",
    };
    let dir = if f.descending { "DESC" } else { "ASC" };
    let sql = format!(
        "SELECT pe.id, pe.first_name, pe.last_name, pe.category, pe.email, pe.phone,
                (SELECT group_concat(o.name || coalesce(' (' || a.function || ')', ''), char(31) ORDER BY o.name_key)
                   FROM affiliation a JOIN organisation o ON o.id = a.organisation_id
                  WHERE a.person_id = pe.id AND {current} AND o.deleted_at IS NULL) AS posts
         FROM person pe WHERE {} ORDER BY {order} {dir}, pe.sort_key {dir}",
        w.join(" AND ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(p.as_refs().as_slice(), |r| {
            let first: Option<String> = r.get(1)?;
            let last: Option<String> = r.get(2)?;
            Ok(PersonSummary {
                id: r.get(0)?,
                display_name: display_name(first.as_deref(), last.as_deref()),
                first_name: first,
                last_name: last,
                category: r.get(3)?,
                email: r.get(4)?,
                phone: r.get(5)?,
                current_posts: split_concat(r.get(6)?),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// What an exported list shows of a person (`maillage_core::lists`).
#[derive(Debug, Clone)]
pub struct ListDetails {
    pub civility: Option<Civility>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub category: PersonCategory,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub erased: bool,
    /// The main current post (organisation, function): the main contact's post first, then the
    /// oldest.
    pub post: Option<(String, Option<String>)>,
}

/// Every live person's [`ListDetails`], in one query, for the lists that name people.
pub fn list_details(conn: &Connection) -> Result<std::collections::HashMap<String, ListDetails>> {
    let sql = "SELECT pe.id, pe.civility, pe.first_name, pe.last_name, pe.category, pe.email, pe.phone, pe.erased_at IS NOT NULL,
                      o.name, a.function
               FROM person pe
               LEFT JOIN affiliation a ON a.id = (
                   SELECT a2.id FROM affiliation a2 JOIN organisation o2 ON o2.id = a2.organisation_id
                    WHERE a2.person_id = pe.id AND a2.deleted_at IS NULL AND o2.deleted_at IS NULL AND (a2.end_date IS NULL OR a2.end_date >= ?1)
                    ORDER BY a2.is_main_contact DESC, coalesce(a2.start_date, ''), a2.id LIMIT 1)
               LEFT JOIN organisation o ON o.id = a.organisation_id
               WHERE pe.deleted_at IS NULL";
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([today()], |r| {
        let org: Option<String> = r.get(8)?;
        let function: Option<String> = r.get(9)?;
        Ok((
            r.get::<_, String>(0)?,
            ListDetails {
                civility: r.get(1)?,
                first_name: r.get(2)?,
                last_name: r.get(3)?,
                category: r.get(4)?,
                email: r.get(5)?,
                phone: r.get(6)?,
                erased: r.get(7)?,
                post: org.map(|o| (o, function)),
            },
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The live people's (not deleted, archived or erased) id, first and last names, e-mail and phone:
/// what an import matches its rows against.
#[allow(clippy::type_complexity)]
pub fn contacts(conn: &Connection) -> Result<Vec<(String, Option<String>, Option<String>, Option<String>, Option<String>)>> {
    let mut stmt = conn.prepare(
        "SELECT id, first_name, last_name, email, phone FROM person WHERE deleted_at IS NULL AND archived_at IS NULL AND erased_at IS NULL",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

// Erasure (RGPD): the SQL of `maillage_core::privacy`, of the archive and of a merge.

/// The identity columns an erasure empties, and the derived ones it blanks with them.
pub const IDENTITY: &str = "civility = NULL, first_name = NULL, last_name = NULL, email = NULL, phone = NULL, notes = NULL,
                        contact_consent = NULL, consent_date = NULL, consent_method = NULL, sort_key = '', search_text = ''";

/// Whether the person `id` is erased; `None` when there is no such person.
pub fn is_erased(conn: &Connection, id: &str) -> Result<Option<bool>> {
    Ok(conn.query_row("SELECT erased_at IS NOT NULL FROM person WHERE id = ?", [id], |r| r.get(0)).optional()?)
}

/// The name of the person `id`, as [`display_name`] says it.
pub fn name_of(conn: &Connection, id: &str) -> Result<String> {
    Ok(conn.query_row("SELECT first_name, last_name FROM person WHERE id = ?", [id], |r| {
        Ok(display_name(r.get::<_, Option<String>>(0)?.as_deref(), r.get::<_, Option<String>>(1)?.as_deref()))
    })?)
}

/// Empties the identity of the person `id` for good (erased and archived at `at`), and drops what
/// kept them beyond their retention period.
pub fn erase_identity(conn: &Connection, id: &str, at: &str) -> Result<()> {
    conn.execute(
        &format!("UPDATE person SET {IDENTITY}, erased_at = ?2, archived_at = coalesce(archived_at, ?2), updated_at = ?2 WHERE id = ?1"),
        params![id, at],
    )?;
    conn.execute("DELETE FROM retention_hold WHERE person_id = ?", [id])?;
    Ok(())
}

/// A person's seats in bodies that are not over, as « pilote — Groupe logement ».
pub fn open_seats(conn: &Connection, id: &str, day: &str) -> Result<Vec<String>> {
    let seats = conn
        .prepare(
            "SELECT m.role, b.name FROM body_member m JOIN body b ON b.id = m.body_id
             WHERE m.person_id = ?1 AND m.deleted_at IS NULL AND (m.end_date IS NULL OR m.end_date > ?2) ORDER BY b.name_key",
        )?
        .query_map(params![id, day], |r| Ok((r.get::<_, crate::model::MemberRole>(0)?, r.get::<_, String>(1)?)))?
        .map(|r| r.map(|(role, body)| format!("{} — {body}", crate::labels::member_role(role))))
        .collect::<Result<_, _>>()?;
    Ok(seats)
}

/// What names a person beyond their record goes with their identity (an erasure, a deletion):
/// the functions of their posts (« Directrice du CCAS de Tulle » says who), and what the office
/// keeps of merged laptop copies (`merged_copy`, to merge the same copy again): the changes about
/// them are taken out of it, the others stay, so merging such a copy again still finds nothing
/// to do, and nothing the copy says about them is taken then either (`sync::erased`).
pub fn forget_traces(conn: &Connection, ids: &BTreeSet<String>) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let mut functions = conn.prepare("UPDATE affiliation SET function = NULL WHERE person_id = ?1 AND function IS NOT NULL")?;
    for id in ids {
        functions.execute([id])?;
    }
    let rows: Vec<(String, String, Vec<u8>)> = conn
        .prepare("SELECT copy_id, merged_at, changeset FROM merged_copy")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (copy_id, merged_at, changeset) in rows {
        let (kept, left_out) = super::erased::without_people(&changeset, ids, conn, "main")?;
        if left_out > 0 {
            conn.execute(
                "UPDATE merged_copy SET changeset = ?3, digest = ?4 WHERE copy_id = ?1 AND merged_at = ?2",
                params![copy_id, merged_at, kept, crate::text::sha256_hex(&kept)],
            )?;
        }
    }
    Ok(())
}

/// The people erased in `conn`, before an import or a merge that could bring their data back.
pub fn erased_ids(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn.prepare("SELECT id FROM person WHERE erased_at IS NOT NULL")?.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?)
}

/// An erasure is for good: after an import or a merge, the people erased before are erased again
/// (their identity emptied, their erasure date kept) whatever the incoming rows said.
pub fn reassert(conn: &Connection, ids: &[String]) -> Result<()> {
    let mut stmt = conn.prepare(&format!(
        "UPDATE person SET {IDENTITY}, erased_at = coalesce(erased_at, ?2), archived_at = coalesce(archived_at, ?2) WHERE id = ?1"
    ))?;
    let at = now();
    for id in ids {
        stmt.execute(params![id, at])?;
    }
    Ok(())
}
