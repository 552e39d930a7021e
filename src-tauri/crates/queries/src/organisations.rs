//! The `organisation` and `organisation_domain` tables.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{query_words, split_concat, Params};
use crate::db::{new_id, now, today, write_tx};
use crate::error::{msg, Error, Result};
use crate::model::*;
use crate::text::{fold, search_text};
use crate::validate as v;

/// Checked and cleaned fields, ready to be written.
struct Valid {
    input: OrganisationInput,
    sector: Sector,
    category: OrgCategory,
    name_key: String,
    commune_key: String,
    search_text: String,
}

fn validate(conn: &Connection, id: Option<&str>, mut i: OrganisationInput) -> Result<Valid> {
    i.name = v::required("name", "Nom", Some(i.name))?;
    v::max_len("name", "Nom", &Some(i.name.clone()), 200)?;
    let sector = i.sector.ok_or_else(|| Error::invalid("sector", msg::required("Secteur")))?;
    let category = i.category.ok_or_else(|| Error::invalid("category", msg::required("Catégorie")))?;
    i.acronym = v::clean(i.acronym);
    v::max_len("acronym", "Sigle", &i.acronym, 30)?;
    i.address = v::clean(i.address);
    i.postal_code = v::postal_code("postal_code", i.postal_code)?;
    i.commune = v::clean(i.commune);
    i.territory = v::clean(i.territory);
    i.phone = v::phone("phone", i.phone)?;
    i.email = v::email("email", i.email)?;
    i.website = v::website("website", i.website)?;
    for (field, label, value) in [
        ("missions", "Missions", &mut i.missions),
        ("public_served", "Public accueilli", &mut i.public_served),
        ("access_conditions", "Conditions d'accès", &mut i.access_conditions),
        ("partnership_expectations", "Attentes vis-à-vis du partenariat", &mut i.partnership_expectations),
        ("partnership_limits", "Limites du partenariat", &mut i.partnership_limits),
    ] {
        *value = v::clean(value.take());
        v::max_len(field, label, value, 4000)?;
    }

    i.parent_id = v::clean(i.parent_id);
    if let Some(parent) = &i.parent_id {
        if Some(parent.as_str()) == id {
            return Err(Error::invalid("parent_id", msg::own_parent()));
        }
        if !exists(conn, parent)? {
            return Err(Error::NotFound { what: crate::error::what::PARENT_ORGANISATION });
        }
        if let Some(id) = id {
            if ancestors(conn, parent)?.iter().any(|a| a == id) {
                return Err(Error::invalid("parent_id", msg::parent_cycle()));
            }
        }
    }

    i.domain_ids.sort();
    i.domain_ids.dedup();
    for d in &i.domain_ids {
        let ok: bool = conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM domain WHERE id = ? AND deleted_at IS NULL)",
            [d],
            |r| r.get(0),
        )?;
        if !ok {
            return Err(Error::invalid("domain_ids", msg::unknown_domain()));
        }
    }

    let name_key = fold(&i.name);
    let commune_key = i.commune.as_deref().map(fold).unwrap_or_default();
    // The message names the existing record as it is stored, not as the user typed it.
    let clash: Option<(String, Option<String>)> = conn
        .query_row(
            "SELECT name, commune FROM organisation WHERE name_key = ? AND commune_key = ? AND deleted_at IS NULL AND id <> ?",
            params![name_key, commune_key, id.unwrap_or("")],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((existing, commune)) = clash {
        return Err(Error::conflict("name", msg::duplicate_organisation(&existing, commune.as_deref().unwrap_or(""))));
    }

    let search_text = search_words(&i.name, i.acronym.as_deref(), i.commune.as_deref(), i.postal_code.as_deref(), i.territory.as_deref(), i.email.as_deref());
    Ok(Valid { input: i, sector, category, name_key, commune_key, search_text })
}

/// An organisation's search text, computed here only.
pub fn search_words(name: &str, acronym: Option<&str>, commune: Option<&str>, postal_code: Option<&str>, territory: Option<&str>, email: Option<&str>) -> String {
    search_text([Some(name), acronym, commune, postal_code, territory, email])
}

/// Recomputes an organisation's derived columns from its fields (after a merge or an import).
pub fn refresh_derived(conn: &Connection, id: &str) -> Result<()> {
    type Fields = (String, Option<String>, Option<String>, Option<String>, Option<String>, Option<String>);
    let fields: Option<Fields> = conn
        .query_row("SELECT name, acronym, commune, postal_code, territory, email FROM organisation WHERE id = ?", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })
        .optional()?;
    if let Some((name, acronym, commune, postal_code, territory, email)) = fields {
        let search = search_words(&name, acronym.as_deref(), commune.as_deref(), postal_code.as_deref(), territory.as_deref(), email.as_deref());
        let commune_key = commune.as_deref().map(fold).unwrap_or_default();
        conn.execute(
            "UPDATE organisation SET name_key = ?2, commune_key = ?3, search_text = ?4
             WHERE id = ?1 AND (name_key IS NOT ?2 OR commune_key IS NOT ?3 OR search_text IS NOT ?4)",
            params![id, fold(&name), commune_key, search],
        )?;
    }
    Ok(())
}

fn exists(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM organisation WHERE id = ? AND deleted_at IS NULL)",
        [id],
        |r| r.get(0),
    )?)
}

/// Ids of `id`'s parent, grand-parent… (bounded, in case bad data already holds a loop).
fn ancestors(conn: &Connection, id: &str) -> Result<Vec<String>> {
    let mut out = vec![id.to_owned()];
    let mut stmt = conn.prepare("SELECT parent_id FROM organisation WHERE id = ?")?;
    while out.len() < 64 {
        let next: Option<String> = stmt.query_row([out.last().unwrap()], |r| r.get(0)).optional()?.flatten();
        match next {
            Some(p) if !out.contains(&p) => out.push(p),
            _ => break,
        }
    }
    Ok(out)
}

fn write_domains(conn: &Connection, id: &str, domain_ids: &[String], at: &str) -> Result<()> {
    conn.execute("DELETE FROM organisation_domain WHERE organisation_id = ?", [id])?;
    let mut stmt = conn.prepare("INSERT INTO organisation_domain (organisation_id, domain_id, created_at) VALUES (?, ?, ?)")?;
    for d in domain_ids {
        stmt.execute(params![id, d, at])?;
    }
    Ok(())
}

pub fn create(conn: &Connection, input: OrganisationInput) -> Result<Organisation> {
    let tx = write_tx(conn)?;
    let val = validate(&tx, None, input)?;
    let id = new_id();
    let at = now();
    let i = &val.input;
    tx.execute(
        "INSERT INTO organisation (id, name, acronym, sector, category, parent_id, address, postal_code, commune,
            territory, phone, email, website, missions, public_served, access_conditions,
            partnership_expectations, partnership_limits, name_key, commune_key, search_text, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?22)",
        params![
            id, i.name, i.acronym, val.sector, val.category, i.parent_id, i.address, i.postal_code, i.commune,
            i.territory, i.phone, i.email, i.website, i.missions, i.public_served, i.access_conditions,
            i.partnership_expectations, i.partnership_limits, val.name_key, val.commune_key, val.search_text, at
        ],
    )?;
    write_domains(&tx, &id, &i.domain_ids, &at)?;
    tx.commit()?;
    get(conn, &id)
}

pub fn update(conn: &Connection, id: &str, input: OrganisationInput) -> Result<Organisation> {
    let tx = write_tx(conn)?;
    if !exists(&tx, id)? {
        return Err(Error::NotFound { what: crate::error::what::ORGANISATION });
    }
    let val = validate(&tx, Some(id), input)?;
    let at = now();
    let i = &val.input;
    tx.execute(
        "UPDATE organisation SET name = ?2, acronym = ?3, sector = ?4, category = ?5, parent_id = ?6, address = ?7,
            postal_code = ?8, commune = ?9, territory = ?10, phone = ?11, email = ?12, website = ?13, missions = ?14,
            public_served = ?15, access_conditions = ?16, partnership_expectations = ?17, partnership_limits = ?18,
            name_key = ?19, commune_key = ?20, search_text = ?21, updated_at = ?22
         WHERE id = ?1",
        params![
            id, i.name, i.acronym, val.sector, val.category, i.parent_id, i.address, i.postal_code, i.commune,
            i.territory, i.phone, i.email, i.website, i.missions, i.public_served, i.access_conditions,
            i.partnership_expectations, i.partnership_limits, val.name_key, val.commune_key, val.search_text, at
        ],
    )?;
    write_domains(&tx, id, &i.domain_ids, &at)?;
    tx.commit()?;
    get(conn, id)
}

/// True when something else refers to the organisation: then it is archived, never deleted, so
/// that past figures keep their partner. Every table that refers to an organisation is listed.
fn has_history(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM affiliation WHERE organisation_id = ?1 AND deleted_at IS NULL)
             OR EXISTS(SELECT 1 FROM membership_event WHERE organisation_id = ?1 AND deleted_at IS NULL)
             OR EXISTS(SELECT 1 FROM agreement_signatory WHERE organisation_id = ?1 AND deleted_at IS NULL)
             OR EXISTS(SELECT 1 FROM organisation WHERE parent_id = ?1 AND deleted_at IS NULL)
             OR EXISTS(SELECT 1 FROM body_member WHERE organisation_id = ?1 AND deleted_at IS NULL)
             OR EXISTS(SELECT 1 FROM invitation WHERE organisation_id = ?1 AND deleted_at IS NULL)
             OR EXISTS(SELECT 1 FROM attendance WHERE organisation_id = ?1 AND deleted_at IS NULL)
             OR EXISTS(SELECT 1 FROM action_partner WHERE organisation_id = ?1 AND deleted_at IS NULL)
             OR EXISTS(SELECT 1 FROM solicitation WHERE institution_id = ?1 AND deleted_at IS NULL)
             OR EXISTS(SELECT 1 FROM attendance WHERE organisation_id = ?1 AND deleted_at IS NULL)
             OR EXISTS(SELECT 1 FROM action_partner WHERE organisation_id = ?1 AND deleted_at IS NULL)
             OR EXISTS(SELECT 1 FROM difficulty_report WHERE source_organisation_id = ?1 AND deleted_at IS NULL)
             OR EXISTS(SELECT 1 FROM solicitation WHERE institution_id = ?1 AND deleted_at IS NULL)",
        [id],
        |r| r.get(0),
    )?)
}

/// Deletes an organisation with no history; archives one that has some.
pub fn remove(conn: &Connection, id: &str) -> Result<RemovalOutcome> {
    let tx = write_tx(conn)?;
    if !exists(&tx, id)? {
        return Err(Error::NotFound { what: crate::error::what::ORGANISATION });
    }
    let at = now();
    let outcome = if has_history(&tx, id)? {
        tx.execute("UPDATE organisation SET archived_at = coalesce(archived_at, ?2), updated_at = ?2 WHERE id = ?1", params![id, at])?;
        RemovalOutcome::Archived
    } else {
        tx.execute("UPDATE organisation SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1", params![id, at])?;
        RemovalOutcome::Deleted
    };
    tx.commit()?;
    Ok(outcome)
}

/// Brings an archived organisation back into the active lists.
pub fn unarchive(conn: &Connection, id: &str) -> Result<Organisation> {
    let n = conn.execute(
        "UPDATE organisation SET archived_at = NULL, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        params![id, now()],
    )?;
    if n == 0 {
        return Err(Error::NotFound { what: crate::error::what::ORGANISATION });
    }
    get(conn, id)
}

pub fn get(conn: &Connection, id: &str) -> Result<Organisation> {
    let today = today();
    let mut org = conn
        .query_row(
            "SELECT o.id, o.name, o.acronym, o.sector, o.category, o.parent_id, p.name, o.address, o.postal_code,
                    o.commune, o.territory, o.phone, o.email, o.website, o.missions, o.public_served,
                    o.access_conditions, o.partnership_expectations, o.partnership_limits, o.archived_at,
                    o.created_at, o.updated_at
             FROM organisation o LEFT JOIN organisation p ON p.id = o.parent_id
             WHERE o.id = ? AND o.deleted_at IS NULL",
            [id],
            |r| {
                let parent_id: Option<String> = r.get(5)?;
                let parent_name: Option<String> = r.get(6)?;
                Ok(Organisation {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    acronym: r.get(2)?,
                    sector: r.get(3)?,
                    category: r.get(4)?,
                    parent: parent_id.map(|id| Ref { id, label: parent_name.unwrap_or_default() }),
                    address: r.get(7)?,
                    postal_code: r.get(8)?,
                    commune: r.get(9)?,
                    territory: r.get(10)?,
                    phone: r.get(11)?,
                    email: r.get(12)?,
                    website: r.get(13)?,
                    missions: r.get(14)?,
                    public_served: r.get(15)?,
                    access_conditions: r.get(16)?,
                    partnership_expectations: r.get(17)?,
                    partnership_limits: r.get(18)?,
                    archived_at: r.get(19)?,
                    created_at: r.get(20)?,
                    updated_at: r.get(21)?,
                    domains: Vec::new(),
                    children: Vec::new(),
                    membership_status: None,
                    membership_history: Vec::new(),
                    signatures: Vec::new(),
                    people: Vec::new(),
                })
            },
        )
        .optional()?
        .ok_or(Error::NotFound { what: crate::error::what::ORGANISATION })?;

    org.domains = conn
        .prepare(
            "SELECT d.id, d.label FROM organisation_domain od JOIN domain d ON d.id = od.domain_id
             WHERE od.organisation_id = ? AND d.deleted_at IS NULL ORDER BY d.position, d.label_key",
        )?
        .query_map([id], |r| Ok(Ref { id: r.get(0)?, label: r.get(1)? }))?
        .collect::<Result<_, _>>()?;
    org.children = conn
        .prepare("SELECT id, name FROM organisation WHERE parent_id = ? AND deleted_at IS NULL ORDER BY name_key")?
        .query_map([id], |r| Ok(Ref { id: r.get(0)?, label: r.get(1)? }))?
        .collect::<Result<_, _>>()?;
    org.membership_history = super::memberships::history(conn, id)?;
    org.membership_status = super::memberships::status_on(conn, id, &today)?;
    org.signatures = super::agreements::signatures_of(conn, id)?;
    org.people = super::affiliations::of_organisation(conn, id)?;
    Ok(org)
}

fn summary(r: &Row) -> rusqlite::Result<OrganisationSummary> {
    Ok(OrganisationSummary {
        id: r.get("id")?,
        name: r.get("name")?,
        acronym: r.get("acronym")?,
        sector: r.get("sector")?,
        category: r.get("category")?,
        commune: r.get("commune")?,
        membership_status: r.get("status")?,
        domains: split_concat(r.get("domains")?),
        people_count: r.get("people")?,
        archived: r.get("archived")?,
    })
}

pub fn list(conn: &Connection, f: &OrganisationFilter) -> Result<Vec<OrganisationSummary>> {
    let mut p = Params::default();
    let today = p.bind(today());
    let mut inner = vec!["o.deleted_at IS NULL".to_owned()];
    if !f.include_archived {
        inner.push("o.archived_at IS NULL".into());
    }
    for word in query_words(&f.query) {
        inner.push(format!("o.search_text LIKE {} ESCAPE '\\'", p.bind(word)));
    }
    if let Some(s) = f.sector {
        inner.push(format!("o.sector = {}", p.bind(s)));
    }
    if let Some(c) = f.category {
        inner.push(format!("o.category = {}", p.bind(c)));
    }
    if let Some(d) = v::clean(f.domain_id.clone()) {
        inner.push(format!(
            "EXISTS (SELECT 1 FROM organisation_domain od WHERE od.organisation_id = o.id AND od.domain_id = {})",
            p.bind(d)
        ));
    }
    if let Some(c) = v::clean(f.commune.clone()) {
        inner.push(format!("o.commune_key = {}", p.bind(fold(&c))));
    }
    let mut outer = vec!["1".to_owned()];
    if let Some(s) = f.membership_status {
        outer.push(format!("status = {}", p.bind(s)));
    }
    if f.without_membership {
        outer.push("status IS NULL".into());
    }
    let order = match f.sort {
        OrganisationSort::Name => "name_key",
        OrganisationSort::Commune => "commune_key = '', commune_key",
        OrganisationSort::Category => "category",
        OrganisationSort::Sector => "sector",
        OrganisationSort::MembershipStatus => {
            "CASE status WHEN 'membre' THEN 0 WHEN 'interesse' THEN 1 WHEN 'prospect' THEN 2 WHEN 'retire' THEN 3 ELSE 4 END"
        }
        OrganisationSort::UpdatedAt => "updated_at",
    };
    let dir = if f.descending { "DESC" } else { "ASC" };
    let sql = format!(
        "SELECT * FROM (
           SELECT o.id, o.name, o.acronym, o.sector, o.category, o.commune, o.name_key, o.commune_key, o.updated_at,
                  o.archived_at IS NOT NULL AS archived,
                  (SELECT m.status FROM membership_event m
                    WHERE m.organisation_id = o.id AND m.deleted_at IS NULL AND m.effective_date <= {today}
                    ORDER BY m.effective_date DESC, m.created_at DESC LIMIT 1) AS status,
                  (SELECT group_concat(d.label, char(31) ORDER BY d.position, d.label_key)
                     FROM organisation_domain od JOIN domain d ON d.id = od.domain_id
                    WHERE od.organisation_id = o.id AND d.deleted_at IS NULL) AS domains,
                  (SELECT count(DISTINCT a.person_id) FROM affiliation a JOIN person p ON p.id = a.person_id
                    WHERE a.organisation_id = o.id AND a.deleted_at IS NULL AND p.deleted_at IS NULL
                      AND (a.end_date IS NULL OR a.end_date >= {today})) AS people
           FROM organisation o WHERE {}
         ) WHERE {} ORDER BY {order} {dir}, name_key {dir}",
        inner.join(" AND "),
        outer.join(" AND "),
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(p.as_refs().as_slice(), summary)?.collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// All active organisations as short references, for pickers (parent, affiliation…).
pub fn refs(conn: &Connection) -> Result<Vec<Ref>> {
    let mut stmt = conn.prepare(
        "SELECT id, name || CASE WHEN commune IS NULL THEN '' ELSE ' (' || commune || ')' END
         FROM organisation WHERE deleted_at IS NULL AND archived_at IS NULL ORDER BY name_key",
    )?;
    let rows = stmt.query_map([], |r| Ok(Ref { id: r.get(0)?, label: r.get(1)? }))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Communes in use, for the list filter.
pub fn communes(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT min(commune) FROM organisation WHERE deleted_at IS NULL AND commune IS NOT NULL
         GROUP BY commune_key ORDER BY commune_key",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Every organisation not deleted, archived or not, for the figures (whose periods may end
/// before the archiving).
pub fn figure_rows(conn: &Connection, ids: &mut crate::figures::Ids) -> Result<Vec<crate::figures::OrganisationRow>> {
    let rows = conn
        .prepare_cached("SELECT id, name, sector, category, commune, archived_at FROM organisation WHERE deleted_at IS NULL ORDER BY name_key, id")?
        .query_map([], |r| {
            let archived: Option<String> = r.get(5)?;
            Ok(crate::figures::OrganisationRow {
                key: super::key(ids, r, 0)?,
                id: r.get(0)?,
                name: r.get(1)?,
                sector: r.get(2)?,
                category: r.get(3)?,
                commune: r.get(4)?,
                archived_on: archived.as_deref().map(crate::figures::period::local_date),
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// For exported lists: the contact columns the list screen does not show, by organisation.
pub fn contact_details(conn: &Connection) -> Result<std::collections::HashMap<String, [Option<String>; 8]>> {
    let mut stmt = conn.prepare(
        "SELECT id, address, postal_code, territory, phone, email, website, missions, public_served FROM organisation WHERE deleted_at IS NULL",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?])))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The live organisations' (not deleted, not archived) id, name, commune, e-mail and phone: what
/// an import matches its rows against.
#[allow(clippy::type_complexity)]
pub fn contacts(conn: &Connection) -> Result<Vec<(String, String, Option<String>, Option<String>, Option<String>)>> {
    let mut stmt = conn.prepare("SELECT id, name, commune, email, phone FROM organisation WHERE deleted_at IS NULL AND archived_at IS NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?.collect::<Result<_, _>>()?;
    Ok(rows)
}
