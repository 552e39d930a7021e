//! Periods of the evaluation. The only place where a period's dates and label are made: the UI
//! asks for them (command `bilan_period`) instead of rebuilding `YYYY-01-01` strings.

use chrono::{Datelike, NaiveDate};

use crate::error::{msg, Error, Result};
use crate::model::{Period, Settings};

/// The calendar year `year`.
pub fn year(year: i32) -> Period {
    Period { from: format!("{year:04}-01-01"), to: format!("{year:04}-12-31"), label: year.to_string() }
}

fn parse(field: &str, label: &str, v: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| Error::invalid(field, msg::bad_date(label, v)))
}

/// Any range of dates (both included). A whole calendar year is labelled as such.
pub fn range(from: &str, to: &str) -> Result<Period> {
    let (f, t) = (parse("from", "Du", from)?, parse("to", "Au", to)?);
    if t < f {
        return Err(Error::invalid("to", msg::end_before_start()));
    }
    if f.month() == 1 && f.day() == 1 && t.month() == 12 && t.day() == 31 && f.year() == t.year() {
        return Ok(year(f.year()));
    }
    Ok(Period { from: f.to_string(), to: t.to_string(), label: msg::period_label(&f.format("%d/%m/%Y").to_string(), &t.format("%d/%m/%Y").to_string()) })
}

/// The period a user asked for: a year, else two dates, else the current year.
pub fn of(year_asked: Option<i32>, from: Option<&str>, to: Option<&str>) -> Result<Period> {
    match (year_asked, from, to) {
        (Some(y), _, _) => Ok(year(y)),
        (None, Some(f), Some(t)) => range(f, t),
        _ => Ok(year(chrono::Local::now().year())),
    }
}

/// The period to compare with: the same dates one year earlier (N-1), as evaluations do
/// (29 February becomes the 28th).
pub fn previous(p: &Period) -> Period {
    let back = |d: &str| {
        let d = NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap_or_default();
        d.with_year(d.year() - 1).or_else(|| NaiveDate::from_ymd_opt(d.year() - 1, d.month(), 28)).unwrap_or(d)
    };
    range(&back(&p.from).to_string(), &back(&p.to).to_string()).unwrap_or_else(|_| p.clone())
}

/// Length of the period in months (30.44 days), for the meetings a frequency calls for.
pub fn months(p: &Period) -> f64 {
    let f = NaiveDate::parse_from_str(&p.from, "%Y-%m-%d").unwrap_or_default();
    let t = NaiveDate::parse_from_str(&p.to, "%Y-%m-%d").unwrap_or_default();
    ((t - f).num_days() + 1) as f64 / 30.44
}

/// Every month of the period as "YYYY-MM", even those without meetings (a chart needs them).
pub fn month_keys(p: &Period) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(mut d) = NaiveDate::parse_from_str(&p.from, "%Y-%m-%d").map(|d| d.with_day(1).unwrap_or(d)) else { return out };
    let last = &p.to[..7.min(p.to.len())];
    while out.len() < 1200 {
        let key = d.format("%Y-%m").to_string();
        let done = key.as_str() >= last;
        out.push(key);
        if done {
            break;
        }
        d = d.checked_add_months(chrono::Months::new(1)).unwrap_or(d);
    }
    out
}

/// Whether a local date lies in the period.
pub fn contains(p: &Period, date: &str) -> bool {
    date >= p.from.as_str() && date <= p.to.as_str()
}

/// "Bilan_CCAS_de_Brive_2026.xlsx"
pub fn file_name(settings: &Settings, period: &Period) -> String {
    let org: String = settings
        .agency_name
        .as_deref()
        .unwrap_or("Maillage")
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' { c } else { '_' })
        .collect::<String>()
        .split('_')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    let when = if period.label.len() == 4 { period.label.clone() } else { format!("{}_{}", period.from, period.to) };
    format!("Bilan_{org}_{when}.xlsx")
}

/// The local calendar date of an RFC 3339 timestamp (what a user means by « archivé le »): an
/// organisation archived at 00:30 on 1 January, Paris time, was archived in the new year.
pub fn local_date(timestamp: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(timestamp)
        .map(|t| t.with_timezone(&chrono::Local).date_naive().to_string())
        .unwrap_or_else(|_| timestamp.chars().take(10).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_made_here_and_nowhere_else() {
        assert_eq!(of(Some(2025), None, None).unwrap(), year(2025));
        assert_eq!(of(None, Some("2025-01-01"), Some("2025-12-31")).unwrap().label, "2025");
        assert_eq!(of(None, Some("2025-01-01"), Some("2025-06-30")).unwrap().label, "du 01/01/2025 au 30/06/2025");
        assert!(of(None, Some("2025-13-01"), Some("2025-06-30")).unwrap_err().to_string().contains("AAAA-MM-JJ"));
        assert_eq!(month_keys(&range("2024-11-15", "2025-02-01").unwrap()), ["2024-11", "2024-12", "2025-01", "2025-02"]);
        assert_eq!(month_keys(&year(2025)).len(), 12);
    }
}
