//! The `affiliation` table: a person's posts in organisations, with their history.

use rusqlite::{params, Connection, OptionalExtension};

use crate::db::{new_id, now, today, write_tx};
use crate::error::{Error, Result};
use crate::model::*;
use crate::validate as v;

fn validate(conn: &Connection, mut i: AffiliationInput) -> Result<AffiliationInput> {
    let person_ok: bool =
        conn.prepare_cached("SELECT EXISTS(SELECT 1 FROM person WHERE id = ? AND deleted_at IS NULL)")?.query_row([&i.person_id], |r| r.get(0))?;
    if !person_ok {
        return Err(Error::NotFound { what: crate::error::what::PERSON });
    }
    let org_ok: bool = conn
        .prepare_cached("SELECT EXISTS(SELECT 1 FROM organisation WHERE id = ? AND deleted_at IS NULL)")?
        .query_row([&i.organisation_id], |r| r.get(0))?;
    if !org_ok {
        return Err(Error::invalid("organisation_id", crate::error::msg::required("Organisme")));
    }
    i.function = v::clean(i.function);
    v::max_len("function", "Fonction", &i.function, 150)?;
    i.start_date = v::date("start_date", "Début", i.start_date)?;
    i.end_date = v::date("end_date", "Fin", i.end_date)?;
    v::date_range("end_date", &i.start_date, &i.end_date)?;
    Ok(i)
}

pub fn create(conn: &Connection, input: AffiliationInput) -> Result<Affiliation> {
    let id = insert(conn, input)?;
    get(conn, &id)
}

/// Creates a post and returns its id only (for imports).
pub fn insert(conn: &Connection, input: AffiliationInput) -> Result<String> {
    let tx = write_tx(conn)?;
    let i = validate(&tx, input)?;
    let id = new_id();
    tx.prepare_cached(
        "INSERT INTO affiliation (id, person_id, organisation_id, function, start_date, end_date, is_main_contact, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
    )?
    .execute(params![id, i.person_id, i.organisation_id, i.function, i.start_date, i.end_date, i.is_main_contact, now()])?;
    tx.commit()?;
    Ok(id)
}

pub fn update(conn: &Connection, id: &str, input: AffiliationInput) -> Result<Affiliation> {
    let tx = write_tx(conn)?;
    let i = validate(&tx, input)?;
    let n = tx.execute(
        "UPDATE affiliation SET person_id = ?2, organisation_id = ?3, function = ?4, start_date = ?5, end_date = ?6,
                is_main_contact = ?7, updated_at = ?8
         WHERE id = ?1 AND deleted_at IS NULL",
        params![id, i.person_id, i.organisation_id, i.function, i.start_date, i.end_date, i.is_main_contact, now()],
    )?;
    if n == 0 {
        return Err(Error::NotFound { what: crate::error::what::POST });
    }
    tx.commit()?;
    get(conn, id)
}

/// Ends a post on `end_date` (the person left): the post stays in the history.
pub fn end(conn: &Connection, id: &str, end_date: Option<String>) -> Result<Affiliation> {
    let mut a = get(conn, id)?;
    let end = v::date("end_date", "Fin", end_date)?.unwrap_or_else(today);
    a.end_date = Some(end);
    update(
        conn,
        id,
        AffiliationInput {
            person_id: a.person_id,
            organisation_id: a.organisation_id,
            function: a.function,
            start_date: a.start_date,
            end_date: a.end_date,
            is_main_contact: a.is_main_contact,
        },
    )
}

/// Removes a post entered by mistake (to record a departure, use [`end`]).
pub fn remove(conn: &Connection, id: &str) -> Result<()> {
    let at = now();
    let n = conn.execute(
        "UPDATE affiliation SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        params![id, at],
    )?;
    if n == 0 {
        return Err(Error::NotFound { what: crate::error::what::POST });
    }
    Ok(())
}

const SELECT: &str = "SELECT a.id, a.person_id, a.organisation_id, o.name, a.function, a.start_date, a.end_date,
        a.is_main_contact, (a.end_date IS NULL OR a.end_date >= ?1) AS current
    FROM affiliation a JOIN organisation o ON o.id = a.organisation_id";

fn row(r: &rusqlite::Row) -> rusqlite::Result<Affiliation> {
    Ok(Affiliation {
        id: r.get(0)?,
        person_id: r.get(1)?,
        organisation_id: r.get(2)?,
        organisation_name: r.get(3)?,
        function: r.get(4)?,
        start_date: r.get(5)?,
        end_date: r.get(6)?,
        is_main_contact: r.get(7)?,
        current: r.get(8)?,
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<Affiliation> {
    conn.prepare_cached(&format!("{SELECT} WHERE a.id = ?2 AND a.deleted_at IS NULL"))?
        .query_row(params![today(), id], row)
        .optional()?
        .ok_or(Error::NotFound { what: crate::error::what::POST })
}

/// A person's posts: current first, then ended ones, newest first.
pub fn of_person(conn: &Connection, person_id: &str) -> Result<Vec<Affiliation>> {
    let sql = format!(
        "{SELECT} WHERE a.person_id = ?2 AND a.deleted_at IS NULL AND o.deleted_at IS NULL
         ORDER BY current DESC, coalesce(a.end_date, '9999') DESC, a.start_date DESC"
    );
    let rows = conn.prepare_cached(&sql)?.query_map(params![today(), person_id], row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The people of an organisation: current posts first (main contact on top), then former ones.
pub fn of_organisation(conn: &Connection, organisation_id: &str) -> Result<Vec<OrganisationPerson>> {
    let rows = conn
        .prepare(
            "SELECT a.id, p.id, p.first_name, p.last_name, a.function, a.start_date, a.end_date, a.is_main_contact,
                    (a.end_date IS NULL OR a.end_date >= ?1) AS current
             FROM affiliation a JOIN person p ON p.id = a.person_id
             WHERE a.organisation_id = ?2 AND a.deleted_at IS NULL AND p.deleted_at IS NULL
             ORDER BY current DESC, a.is_main_contact DESC, p.sort_key",
        )?
        .query_map(params![today(), organisation_id], |r| {
            let first: Option<String> = r.get(2)?;
            let last: Option<String> = r.get(3)?;
            Ok(OrganisationPerson {
                affiliation_id: r.get(0)?,
                person_id: r.get(1)?,
                person_name: super::persons::display_name(first.as_deref(), last.as_deref()),
                function: r.get(4)?,
                start_date: r.get(5)?,
                end_date: r.get(6)?,
                is_main_contact: r.get(7)?,
                current: r.get(8)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The organisation a person represents on `date`: their main post then, else their most recent
/// post then. Invitations and attendance keep it as a snapshot.
pub fn organisation_on(conn: &Connection, person_id: &str, date: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT a.organisation_id FROM affiliation a JOIN organisation o ON o.id = a.organisation_id
             WHERE a.person_id = ?1 AND a.deleted_at IS NULL AND o.deleted_at IS NULL
               AND (a.start_date IS NULL OR a.start_date <= ?2) AND (a.end_date IS NULL OR a.end_date >= ?2)
             ORDER BY a.is_main_contact DESC, coalesce(a.start_date, '') DESC LIMIT 1",
        )?
        .query_row(params![person_id, date], |r| r.get(0))
        .optional()?)
}

/// The posts, past and present, of the people seated in a body, for the figures (they say which
/// organisation a person's seat in a working group counts for).
pub fn figure_rows(conn: &Connection, ids: &mut crate::figures::Ids) -> Result<Vec<crate::figures::AffiliationRow>> {
    let rows = conn
        .prepare_cached(
            "SELECT person_id, organisation_id, start_date, end_date FROM affiliation
             WHERE deleted_at IS NULL AND person_id IN (SELECT person_id FROM body_member WHERE deleted_at IS NULL AND person_id IS NOT NULL)",
        )?
        .query_map([], |r| Ok(crate::figures::AffiliationRow { person: super::key(ids, r, 0)?, organisation: super::key(ids, r, 1)?, start_date: r.get(2)?, end_date: r.get(3)? }))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
