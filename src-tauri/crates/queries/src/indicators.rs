//! The `indicator` and `indicator_value` tables. An indicator is entered by hand (its values are
//! typed and checked against its unit) or computed from the core's figures (never retyped).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use crate::db::{new_id, now};
use crate::error::{msg, Error, Result};
use crate::model::*;
use crate::text::fold;
use crate::validate as v;

/// "1 234" → 1234; a whole number, zero or more.
pub fn parse_count(s: &str) -> Option<u32> {
    let t: String = s.chars().filter(|c| !c.is_whitespace() && *c != '\u{202f}').collect();
    t.parse::<u32>().ok()
}

/// "45,5", "45.5 %", "1 234,56 €" → the number, French or English decimal mark.
fn parse_decimal(s: &str) -> Option<f64> {
    let t: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{202f}' | '%' | '€'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The stored form of a typed value: (number, cents, text).
fn parse_value(unit: IndicatorUnit, raw: &str) -> Result<(Option<f64>, Option<i64>, Option<String>)> {
    let shown = raw.trim();
    match unit {
        IndicatorUnit::Nombre => parse_count(raw).map(|n| (Some(n as f64), None, None)).ok_or_else(|| Error::invalid("value", msg::bad_count(shown))),
        IndicatorUnit::Pourcentage => parse_decimal(raw)
            .filter(|v| (0.0..=100.0).contains(v))
            .map(|v| (Some(v), None, None))
            .ok_or_else(|| Error::invalid("value", msg::bad_percentage(shown))),
        IndicatorUnit::Heures => parse_decimal(raw).filter(|v| *v >= 0.0).map(|v| (Some(v), None, None)).ok_or_else(|| Error::invalid("value", msg::bad_hours(shown))),
        IndicatorUnit::Euros => {
            // Integer cents, never floats: 866,67 + 866,67 + 866,66 must add up to 2 600,00.
            let t: String = shown.chars().filter(|c| !c.is_whitespace() && !matches!(c, '\u{202f}' | '€')).map(|c| if c == ',' { '.' } else { c }).collect();
            let (euros, cents) = t.split_once('.').unwrap_or((&t, ""));
            let ok = !euros.is_empty() && euros.chars().all(|c| c.is_ascii_digit()) && cents.len() <= 2 && cents.chars().all(|c| c.is_ascii_digit());
            if !ok {
                return Err(Error::invalid("value", msg::bad_money(shown)));
            }
            let e: i64 = euros.parse().map_err(|_| Error::invalid("value", msg::bad_money(shown)))?;
            let c: i64 = format!("{cents:0<2}").parse().unwrap_or(0);
            Ok((None, Some(e * 100 + c), None))
        }
        IndicatorUnit::Texte => {
            let t = v::required("value", "Valeur", Some(raw.to_owned()))?;
            v::max_len("value", "Valeur", &Some(t.clone()), 2000)?;
            Ok((None, None, Some(t)))
        }
    }
}

/// The last day of a period of `kind` starting on `start`.
pub fn period_end(kind: PeriodKind, start: NaiveDate) -> NaiveDate {
    let months = match kind {
        PeriodKind::Mois => 1,
        PeriodKind::Trimestre => 3,
        PeriodKind::Semestre => 6,
        PeriodKind::Annee => 12,
    };
    start.checked_add_months(chrono::Months::new(months)).map(|d| d - chrono::Duration::days(1)).unwrap_or(start)
}

pub fn create(conn: &Connection, input: IndicatorInput) -> Result<Indicator> {
    let code = v::required("code", "Code", Some(input.code))?;
    let label = v::required("label", "Indicateur", Some(input.label))?;
    let unit = input.unit.ok_or_else(|| Error::invalid("unit", msg::required("Unité")))?;
    let scope = input.scope.ok_or_else(|| Error::invalid("scope", msg::required("Périmètre")))?;
    let body_id = v::clean(input.body_id);
    let action_id = v::clean(input.action_id);
    if scope == IndicatorScope::Instance && body_id.is_none() {
        return Err(Error::invalid("body_id", msg::scope_needs("une instance")));
    }
    if scope == IndicatorScope::Action && action_id.is_none() {
        return Err(Error::invalid("action_id", msg::scope_needs("une action")));
    }
    let formula = v::clean(input.formula);
    if let Some(f) = &formula {
        if !crate::figures::definitions::is_formula(scope, f) {
            return Err(Error::invalid("formula", msg::unknown_formula(f)));
        }
    }
    let key = fold(&code);
    let taken: bool = conn.query_row("SELECT EXISTS(SELECT 1 FROM indicator WHERE code_key = ? AND deleted_at IS NULL)", [&key], |r| r.get(0))?;
    if taken {
        return Err(Error::conflict("code", msg::duplicate_indicator(&code)));
    }
    let id = new_id();
    conn.execute(
        "INSERT INTO indicator (id, code, code_key, label, unit, scope, body_id, action_id, formula, description, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![id, code, key, label, unit, scope, body_id, action_id, formula, v::clean(input.description), now()],
    )?;
    get(conn, &id)
}

pub fn get(conn: &Connection, id: &str) -> Result<Indicator> {
    conn.query_row(&format!("{SELECT} WHERE i.id = ? AND i.deleted_at IS NULL"), [id], row)
        .optional()?
        .ok_or(Error::NotFound { what: crate::error::what::INDICATOR })
}

const SELECT: &str = "SELECT i.id, i.code, i.label, i.unit, i.scope, i.body_id, b.name, i.action_id, a.title, i.formula, i.description
    FROM indicator i LEFT JOIN body b ON b.id = i.body_id LEFT JOIN action a ON a.id = i.action_id";

fn row(r: &rusqlite::Row) -> rusqlite::Result<Indicator> {
    let body: Option<String> = r.get(5)?;
    let action: Option<String> = r.get(7)?;
    Ok(Indicator {
        id: r.get(0)?,
        code: r.get(1)?,
        label: r.get(2)?,
        unit: r.get(3)?,
        scope: r.get(4)?,
        body: body.map(|id| Ok::<_, rusqlite::Error>(Ref { id, label: r.get(6)? })).transpose()?,
        action: action.map(|id| Ok::<_, rusqlite::Error>(Ref { id, label: r.get(8)? })).transpose()?,
        formula: r.get(9)?,
        description: r.get(10)?,
    })
}

/// Indicators, of one body or all.
pub fn list(conn: &Connection, body_id: Option<&str>) -> Result<Vec<Indicator>> {
    let rows = conn
        .prepare(&format!("{SELECT} WHERE i.deleted_at IS NULL AND (?1 IS NULL OR i.body_id = ?1) ORDER BY i.code_key"))?
        .query_map([body_id], row)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Records a typed value for a period, checked against the indicator's unit.
pub fn set_value(conn: &Connection, input: IndicatorValueInput) -> Result<IndicatorValue> {
    let ind = get(conn, &input.indicator_id)?;
    if ind.formula.is_some() {
        return Err(Error::invalid("value", msg::computed_indicator()));
    }
    let kind = input.period_kind.ok_or_else(|| Error::invalid("period_kind", msg::required("Période")))?;
    let start = v::date("period_start", "Début de période", input.period_start)?.ok_or_else(|| Error::invalid("period_start", msg::required("Début de période")))?;
    let end = period_end(kind, NaiveDate::parse_from_str(&start, "%Y-%m-%d").unwrap_or_default()).to_string();
    let (number, cents, text) = parse_value(ind.unit, &input.value)?;
    let comment = v::clean(input.comment);
    let at = now();
    conn.execute(
        "INSERT INTO indicator_value (id, indicator_id, period_kind, period_start, period_end, number, cents, text, comment, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
         ON CONFLICT(indicator_id, period_start, period_end) WHERE deleted_at IS NULL
         DO UPDATE SET number = excluded.number, cents = excluded.cents, text = excluded.text, comment = excluded.comment, updated_at = excluded.updated_at",
        params![new_id(), ind.id, kind, start, end, number, cents, text, comment, at],
    )?;
    values(conn, &ind.id)?.into_iter().find(|v| v.period_start == start && v.period_end == end).ok_or(Error::NotFound { what: crate::error::what::VALUE })
}

/// An indicator's typed values as stored (a computed indicator has none: its values come from
/// the figures, see `maillage_core::bilan::indicator_values`).
pub fn values(conn: &Connection, indicator_id: &str) -> Result<Vec<IndicatorValue>> {
    let rows = conn
        .prepare(
            "SELECT id, period_kind, period_start, period_end, number, cents, text, comment FROM indicator_value
             WHERE indicator_id = ? AND deleted_at IS NULL ORDER BY period_start",
        )?
        .query_map([indicator_id], |r| {
            let cents: Option<i64> = r.get(5)?;
            Ok(IndicatorValue {
                id: r.get(0)?,
                period_kind: r.get(1)?,
                period_start: r.get(2)?,
                period_end: r.get(3)?,
                number: r.get::<_, Option<f64>>(4)?.or(cents.map(|c| c as f64 / 100.0)),
                text: r.get(6)?,
                comment: r.get(7)?,
                computed: false,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
