//! The `report_text` table: the secretariat's own words in the activity report, one text per
//! period and section (« Introduction », « Faits marquants », « Perspectives »). A row's id is
//! derived from its period and section ([`crate::model::report_text_id`]), so a text has one row
//! on every machine; erasing a text leaves a tombstone without its words.

use rusqlite::{params, Connection, OptionalExtension};

use crate::db::{now, write_tx};
use crate::error::Result;
use crate::figures::period;
use crate::model::{report_text_id, Period, ReportSection, ReportTexts, ReportTextsInput, REPORT_TEXT_MAX};

/// The texts written for `period` (exactly this period: the texts of 2026 are not those of the
/// first half of 2026). What the report prints.
pub fn report_texts(conn: &Connection, period: &Period) -> Result<ReportTexts> {
    get(conn, &period.from, &period.to)
}

/// The texts written for the period `from`–`to`.
pub fn get(conn: &Connection, from: &str, to: &str) -> Result<ReportTexts> {
    let mut out = ReportTexts::default();
    let mut stmt = conn.prepare(
        "SELECT section, text FROM report_text WHERE period_start = ?1 AND period_end = ?2 AND deleted_at IS NULL",
    )?;
    let rows = stmt.query_map(params![from, to], |r| Ok((r.get::<_, ReportSection>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (section, text) = row?;
        *out.slot(section) = Some(text);
    }
    Ok(out)
}

/// Checks a text as the dashboard's form does: trimmed, a blank one is no text (`None`: erase),
/// at most [`REPORT_TEXT_MAX`] characters. The error names the section's field.
pub fn check(section: ReportSection, text: Option<String>) -> Result<Option<String>> {
    let text = crate::validate::clean(text);
    crate::validate::max_len(section.code(), crate::labels::report_section(section), &text, REPORT_TEXT_MAX)?;
    Ok(text)
}

/// Writes (or, with `None` or a blank text, erases) the text of `section` for the period
/// `from`–`to`. Writes nothing when the text is already that one, so saving the form again adds
/// no journal line. Returns the period's texts.
pub fn set(conn: &Connection, from: &str, to: &str, section: ReportSection, text: Option<String>) -> Result<ReportTexts> {
    let p = period::range(from, to)?;
    let text = check(section, text)?;
    let tx = write_tx(conn)?;
    write(&tx, &p, section, text.as_deref())?;
    let texts = get(&tx, &p.from, &p.to)?;
    tx.commit()?;
    Ok(texts)
}

/// Writes the three texts of a period at once (the dashboard's « Enregistrer »), all or nothing.
pub fn save(conn: &Connection, input: ReportTextsInput) -> Result<ReportTexts> {
    let p = period::range(&input.from, &input.to)?;
    let mut checked = Vec::new();
    for section in ReportSection::ALL {
        checked.push((*section, check(*section, input.texts.get(*section).map(str::to_owned))?));
    }
    let tx = write_tx(conn)?;
    for (section, text) in &checked {
        write(&tx, &p, *section, text.as_deref())?;
    }
    let texts = get(&tx, &p.from, &p.to)?;
    tx.commit()?;
    Ok(texts)
}

/// One section's row: added, changed, brought back from its tombstone, or made a tombstone.
fn write(conn: &Connection, p: &Period, section: ReportSection, text: Option<&str>) -> Result<()> {
    let derived = report_text_id(&p.from, &p.to, section);
    // The text in use, whatever its id (a row from an archive written by another program may have
    // its own), else the tombstone of the derived id.
    let stored: Option<(String, String, bool)> = conn
        .query_row(
            "SELECT id, text, deleted_at IS NOT NULL FROM report_text
             WHERE (period_start = ?2 AND period_end = ?3 AND section = ?4 AND deleted_at IS NULL) OR id = ?1
             ORDER BY deleted_at IS NOT NULL LIMIT 1",
            params![derived, p.from, p.to, section],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let id = stored.as_ref().map_or(derived.clone(), |(id, ..)| id.clone());
    let stored = stored.map(|(_, text, deleted)| (text, deleted));
    let at = now();
    match (stored, text) {
        (None, None) => {}
        (None, Some(t)) => {
            conn.execute(
                "INSERT INTO report_text (id, period_start, period_end, section, text, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![id, p.from, p.to, section, t, at],
            )?;
        }
        (Some((old, deleted)), Some(t)) => {
            if deleted || old != t {
                conn.execute("UPDATE report_text SET text = ?2, updated_at = ?3, deleted_at = NULL WHERE id = ?1", params![id, t, at])?;
            }
        }
        (Some((_, false)), None) => {
            // The words go with the erasure (secure_delete zeroes the freed pages); the tombstone
            // carries the erasure to archives and laptop copies.
            conn.execute("UPDATE report_text SET text = '', updated_at = ?2, deleted_at = ?2 WHERE id = ?1", params![id, at])?;
        }
        (Some((_, true)), None) => {}
    }
    Ok(())
}

/// What the row `id` is, for a merge's conflict: « Faits marquants — 2026 ».
pub fn describe(conn: &Connection, id: &str) -> Result<Option<String>> {
    let row: Option<(ReportSection, String, String)> = conn
        .query_row("SELECT section, period_start, period_end FROM report_text WHERE id = ?", [id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(match row {
        Some((section, from, to)) => {
            let label = period::range(&from, &to).map_or_else(|_| format!("{from}/{to}"), |p| p.label);
            Some(crate::labels::report_section_of(section, &label))
        }
        None => None,
    })
}
