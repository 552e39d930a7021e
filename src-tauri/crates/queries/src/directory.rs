//! The printable partner directory (répertoire des partenaires), read from the directory tables.

use std::collections::BTreeMap;

use rusqlite::{params, Connection};

use super::split_concat;
use crate::db::today;
use crate::error::Result;
use crate::model::*;

/// Active (not archived) organisations grouped by domain or sector, each group sorted by name.
/// With `members_only`, only organisations whose current status is « membre ».
pub fn build(conn: &Connection, grouping: DirectoryGrouping, members_only: bool) -> Result<Vec<DirectoryGroup>> {
    let today = today();
    let mut stmt = conn.prepare(
        "SELECT o.id, o.name, o.acronym, o.address, o.postal_code, o.commune, o.phone, o.email, o.website,
                o.missions, o.public_served, o.access_conditions, o.sector,
                (SELECT group_concat(d.id || char(30) || d.label, char(31) ORDER BY d.position)
                   FROM organisation_domain od JOIN domain d ON d.id = od.domain_id
                  WHERE od.organisation_id = o.id AND d.deleted_at IS NULL),
                (SELECT group_concat(p.first_name_last || coalesce(' — ' || a.function, ''), char(31)
                        ORDER BY a.is_main_contact DESC, p.sort_key)
                   FROM affiliation a
                   JOIN (SELECT id, sort_key, trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) AS first_name_last
                           FROM person WHERE deleted_at IS NULL AND erased_at IS NULL) p ON p.id = a.person_id
                  WHERE a.organisation_id = o.id AND a.deleted_at IS NULL AND (a.end_date IS NULL OR a.end_date >= ?1)),
                (SELECT m.status FROM membership_event m WHERE m.organisation_id = o.id AND m.deleted_at IS NULL
                   AND m.effective_date <= ?1 ORDER BY m.effective_date DESC, m.created_at DESC LIMIT 1)
         FROM organisation o
         WHERE o.deleted_at IS NULL AND o.archived_at IS NULL
         ORDER BY o.name_key",
    )?;
    let rows = stmt.query_map(params![today], |r| {
        let entry = DirectoryEntry {
            id: r.get(0)?,
            name: r.get(1)?,
            acronym: r.get(2)?,
            address: r.get(3)?,
            postal_code: r.get(4)?,
            commune: r.get(5)?,
            phone: r.get(6)?,
            email: r.get(7)?,
            website: r.get(8)?,
            missions: r.get(9)?,
            public_served: r.get(10)?,
            access_conditions: r.get(11)?,
            contacts: split_concat(r.get(14)?),
        };
        let sector: Sector = r.get(12)?;
        let domains: Vec<Ref> = split_concat(r.get(13)?)
            .into_iter()
            .filter_map(|s| s.split_once('\u{1e}').map(|(id, label)| Ref { id: id.into(), label: label.into() }))
            .collect();
        let status: Option<MembershipStatus> = r.get(15)?;
        Ok((entry, sector, domains, status))
    })?;

    // BTreeMap keys give a stable group order: domains by their list position, then "no domain".
    let positions: BTreeMap<String, i32> =
        super::domains::list(conn)?.into_iter().map(|d| (d.id, d.position)).collect();
    let mut groups: BTreeMap<(i32, String), DirectoryGroup> = BTreeMap::new();
    for row in rows {
        let (entry, sector, domains, status) = row?;
        if members_only && status != Some(MembershipStatus::Membre) {
            continue;
        }
        match grouping {
            DirectoryGrouping::Sector => {
                let pos = Sector::ALL.iter().position(|s| *s == sector).unwrap_or(0) as i32;
                groups
                    .entry((pos, String::new()))
                    .or_insert_with(|| DirectoryGroup { domain: None, sector: Some(sector), entries: vec![] })
                    .entries
                    .push(entry);
            }
            DirectoryGrouping::Domain if domains.is_empty() => groups
                .entry((i32::MAX, String::new()))
                .or_insert_with(|| DirectoryGroup { domain: None, sector: None, entries: vec![] })
                .entries
                .push(entry),
            DirectoryGrouping::Domain => {
                for d in domains {
                    let pos = positions.get(&d.id).copied().unwrap_or(i32::MAX - 1);
                    groups
                        .entry((pos, d.id.clone()))
                        .or_insert_with(|| DirectoryGroup { domain: Some(d), sector: None, entries: vec![] })
                        .entries
                        .push(entry.clone());
                }
            }
        }
    }
    Ok(groups.into_values().collect())
}
