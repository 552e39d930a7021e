//! Numbers written the way the workbook shows them in a French Excel or LibreOffice: the
//! workbook stores numbers with the formats `#,##0`, `#,##0.0`, `0.0%` and
//! `+0.0" pt";-0.0" pt";0" pt"` (crates/sheets/src/sheet.rs), which a French spreadsheet shows as
//! « 1 234 », « 12,5 », « 55,1 % », « +3,2 pt ». Written once, here, for every format of the report.
//!
//! Thousands are separated, and « % » preceded, by a narrow no-break space (U+202F), as French
//! typography wants; rounding is half away from zero, as Excel's.

use maillage_model::{FigureUnit, KeyFigure};

/// The narrow no-break space between thousands and before « % » and « pt ».
pub const NNBSP: char = '\u{202F}';

/// `x` rounded to `decimals` places, half away from zero (Excel's rounding).
fn round(x: f64, decimals: i32) -> f64 {
    let m = 10f64.powi(decimals);
    (x * m).round() / m
}

/// `n` with `decimals` places, a decimal comma and grouped thousands; the sign as Excel writes it.
fn number(n: f64, decimals: usize) -> String {
    let r = round(n, decimals as i32);
    let digits = format!("{:.*}", decimals, r.abs());
    let (int, frac) = digits.split_once('.').unwrap_or((&digits, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(NNBSP);
        }
        grouped.push(c);
    }
    let sign = if r < 0.0 { "-" } else { "" };
    if frac.is_empty() { format!("{sign}{grouped}") } else { format!("{sign}{grouped},{frac}") }
}

/// A count (`#,##0`): « 1 234 ».
pub fn count(n: f64) -> String {
    number(n, 0)
}

/// A decimal (`#,##0.0`), empty when there is none: « 12,5 ».
pub fn decimal(n: Option<f64>) -> String {
    n.map(|n| number(n, 1)).unwrap_or_default()
}

/// A rate (`0.0%`), « — » when there is none (as the workbook writes it): « 55,1 % ».
pub fn rate(n: Option<f64>) -> String {
    match n {
        Some(n) => format!("{}{NNBSP}%", number(n * 100.0, 1)),
        None => "—".to_owned(),
    }
}

/// A difference in percentage points (`+0.0" pt";-0.0" pt";0" pt"`), empty when there is none.
pub fn points(n: Option<f64>) -> String {
    match n {
        None => String::new(),
        Some(0.0) => format!("0{NNBSP}pt"),
        Some(n) if n > 0.0 => format!("+{}{NNBSP}pt", number(n, 1)),
        Some(n) => format!("-{}{NNBSP}pt", number(-n, 1)),
    }
}

/// A figure's value for one period, as the `Synthèse` sheet shows it (a count, or a rate).
pub fn value(unit: FigureUnit, v: Option<f64>) -> String {
    match unit {
        FigureUnit::Count => v.map(count).unwrap_or_default(),
        FigureUnit::Rate => rate(v),
    }
}

/// A figure's change against N-1, as the `Synthèse` sheet's « Évolution » column shows it: a
/// count's as a rate, a rate's in points, empty when there is none.
pub fn change(k: &KeyFigure) -> String {
    match (k.unit, k.change) {
        (_, None) => String::new(),
        (FigureUnit::Count, c) => rate(c),
        (FigureUnit::Rate, c) => points(c),
    }
}

/// An indicator's value as the `Indicateurs` sheet shows it.
pub fn indicator(unit: maillage_model::IndicatorUnit, number: Option<f64>, text: Option<&str>) -> String {
    use maillage_model::IndicatorUnit;
    match (unit, number, text) {
        (IndicatorUnit::Pourcentage, Some(v), _) => rate(Some(v / 100.0)),
        (IndicatorUnit::Nombre, Some(v), _) => count(v),
        (_, Some(v), _) => decimal(Some(v)),
        (_, None, Some(t)) => t.to_owned(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_a_french_spreadsheet_shows_them() {
        assert_eq!(count(1234.0), "1\u{202F}234");
        assert_eq!(count(1234567.0), "1\u{202F}234\u{202F}567");
        assert_eq!(count(12.0), "12");
        assert_eq!(rate(Some(0.5514)), "55,1\u{202F}%");
        assert_eq!(rate(Some(-0.125)), "-12,5\u{202F}%");
        assert_eq!(rate(None), "—");
        assert_eq!(points(Some(3.25)), "+3,3\u{202F}pt");
        assert_eq!(points(Some(-0.04)), "-0,0\u{202F}pt");
        assert_eq!(points(Some(0.0)), "0\u{202F}pt");
        assert_eq!(decimal(Some(7.25)), "7,3");
    }
}
