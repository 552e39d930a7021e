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
            "agency_address" => s.agency_address = Some(value),
            "secretariat_email" => s.secretariat_email = Some(value),
            "backup_keep_recent" => s.backup_keep_recent = value.parse().ok(),
            "backup_keep_months" => s.backup_keep_months = value.parse().ok(),
            "copy_lock_minutes" => s.copy_lock_minutes = value.parse().ok(),
            "retention_professionnel" => s.retention_professionnel = value.parse().ok(),
            "retention_benevole" => s.retention_benevole = value.parse().ok(),
            "retention_elu" => s.retention_elu = value.parse().ok(),
            "retention_habitant" => s.retention_habitant = value.parse().ok(),
            "retention_decideur" => s.retention_decideur = value.parse().ok(),
            "retention_intervenant" => s.retention_intervenant = value.parse().ok(),
            "retention_autre" => s.retention_autre = value.parse().ok(),
            "journal_keep_years" => s.journal_keep_years = value.parse().ok(),
            _ => {}
        }
    }
    Ok(s)
}

pub fn save(conn: &Connection, input: Settings) -> Result<Settings> {
    let years: Vec<Option<i32>> = crate::model::PersonCategory::ALL.iter().map(|c| input.retention(*c)).collect();
    let email = v::email("secretariat_email", input.secretariat_email)?;
    let name = v::clean(input.agency_name);
    v::max_len("agency_name", "Nom de la structure", &name, 200)?;
    let town = v::clean(input.agency_town);
    let address = v::clean(input.agency_address);
    v::max_len("agency_address", "Adresse postale de la structure", &address, 500)?;
    let number = |field: &str, label: &str, n: Option<i32>, min: i32, max: i32| -> Result<Option<String>> {
        match n {
            Some(n) if !(min..=max).contains(&n) => Err(crate::Error::invalid(field, crate::error::msg::out_of_range(label, min, max))),
            other => Ok(other.map(|n| n.to_string())),
        }
    };
    let keep_recent = number("backup_keep_recent", "Sauvegardes récentes gardées", input.backup_keep_recent, 1, 1000)?;
    let keep_months = number("backup_keep_months", "Mois gardés (une sauvegarde par mois)", input.backup_keep_months, 0, 120)?;
    let lock = number("copy_lock_minutes", "Verrouillage de la copie (minutes)", input.copy_lock_minutes, 1, 240)?;
    let mut retention = Vec::new();
    for (c, years) in crate::model::PersonCategory::ALL.iter().zip(years) {
        let key = format!("retention_{}", c.code());
        let label = format!("Conservation des {} (années)", crate::labels::person_category_plural(*c).to_lowercase());
        retention.push((key.clone(), number(&key, &label, years, 1, 30)?));
    }
    let journal = number("journal_keep_years", "Conservation du journal (années)", input.journal_keep_years, 1, 30)?;
    let tx = crate::db::write_tx(conn)?;
    let at = now();
    for (key, value) in [
        ("agency_name", name),
        ("agency_town", town),
        ("agency_address", address),
        ("secretariat_email", email),
        ("backup_keep_recent", keep_recent),
        ("backup_keep_months", keep_months),
        ("copy_lock_minutes", lock),
        ("journal_keep_years", journal),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .chain(retention)
    {
        match value {
            Some(val) => tx.execute(
                "INSERT INTO setting (key, value, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                params![key, val, at],
            )?,
            None => tx.execute("DELETE FROM setting WHERE key = ?", [&key])?,
        };
    }
    tx.commit()?;
    get(conn)
}
