//! The `setting` table: the agency's own details, one row per key.

use rusqlite::{params, Connection};

use crate::db::now;
use crate::error::{msg, Error, Result};
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
    let number = |n: Option<i32>| n.map(|n| n.to_string());
    let retention = crate::model::PersonCategory::ALL.iter().map(|c| (format!("retention_{}", c.code()), number(input.retention(*c))));
    let given = [
        ("agency_name", input.agency_name.clone()),
        ("agency_town", input.agency_town.clone()),
        ("agency_address", input.agency_address.clone()),
        ("secretariat_email", input.secretariat_email.clone()),
        ("backup_keep_recent", number(input.backup_keep_recent)),
        ("backup_keep_months", number(input.backup_keep_months)),
        ("copy_lock_minutes", number(input.copy_lock_minutes)),
        ("journal_keep_years", number(input.journal_keep_years)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .chain(retention);
    // Every value is checked before anything is written.
    let values: Vec<(String, Option<String>)> = given.map(|(key, value)| check(&key, value).map(|v| (key, v))).collect::<Result<_>>()?;
    let tx = crate::db::write_tx(conn)?;
    let at = now();
    for (key, value) in values {
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

/// The settings screen's rule for one key: the value to store (cleaned), `None` to remove it, or
/// why not, in French. The screen ([`save`]) and an archive's `setting` rows go through it: one
/// rule, one place. The backups kept are at least the last one, so that a backup never deletes
/// itself (`backup_keep_recent` ≥ 1).
pub fn check(key: &str, value: Option<String>) -> Result<Option<String>> {
    let number = |label: &str, min: i32, max: i32| -> Result<Option<String>> {
        let Some(text) = v::clean(value.clone()) else { return Ok(None) };
        match text.parse::<i32>() {
            Ok(n) if (min..=max).contains(&n) => Ok(Some(n.to_string())),
            _ => Err(Error::invalid(key, msg::out_of_range(label, min, max))),
        }
    };
    if let Some(c) = crate::model::PersonCategory::ALL.iter().find(|c| key.strip_prefix("retention_") == Some(c.code())) {
        let label = format!("Conservation des {} (années)", crate::labels::person_category_plural(*c).to_lowercase());
        return number(&label, 1, 30);
    }
    match key {
        // One-line fields: a line break typed or pasted becomes a space.
        "agency_name" => {
            let name = v::clean(value).map(|n| v::one_line(&n));
            v::max_len(key, "Nom de la structure", &name, 200)?;
            Ok(name)
        }
        "agency_town" => Ok(v::clean(value).map(|t| v::one_line(&t))),
        "agency_address" => {
            let address = v::clean(value);
            v::max_len(key, "Adresse postale de la structure", &address, 500)?;
            Ok(address)
        }
        "secretariat_email" => v::email(key, value),
        "backup_keep_recent" => number("Sauvegardes récentes gardées", 1, 1000),
        "backup_keep_months" => number("Mois gardés (une sauvegarde par mois)", 0, 120),
        "copy_lock_minutes" => number("Verrouillage de la copie (minutes)", 1, 240),
        "journal_keep_years" => number("Conservation du journal (années)", 1, 30),
        // Not on the screen: written by the yearly purge.
        "last_purge_on" => v::date(key, "Dernière purge", value),
        _ => Err(Error::invalid(key, msg::unknown_setting(key))),
    }
}
