//! The `setting` table: the agency's own details, one row per key.

use rusqlite::{params, Connection};

use crate::db::now;
use crate::error::Result;
use crate::model::Settings;
use crate::validate as v;

pub fn get(conn: &Connection) -> Result<Settings> {
    let mut s = Settings::default();
    let mut stmt = conn.prepare("SELECT key, value FROM setting")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (k, value) = row?;
        match k.as_str() {
            "agency_name" => s.agency_name = Some(value),
            "agency_town" => s.agency_town = Some(value),
            "secretariat_email" => s.secretariat_email = Some(value),
            _ => {}
        }
    }
    Ok(s)
}

pub fn save(conn: &Connection, input: Settings) -> Result<Settings> {
    let email = v::email("secretariat_email", input.secretariat_email)?;
    let name = v::clean(input.agency_name);
    v::max_len("agency_name", "Nom de la structure", &name, 200)?;
    let town = v::clean(input.agency_town);
    let tx = crate::db::write_tx(conn)?;
    let at = now();
    for (key, value) in [("agency_name", name), ("agency_town", town), ("secretariat_email", email)] {
        match value {
            Some(val) => tx.execute(
                "INSERT INTO setting (key, value, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                params![key, val, at],
            )?,
            None => tx.execute("DELETE FROM setting WHERE key = ?", [key])?,
        };
    }
    tx.commit()?;
    get(conn)
}
