//! A text cell in a CSV list, written so that a spreadsheet opening the file (French Excel,
//! LibreOffice Calc) shows it exactly as typed, and never runs it as a formula.
//!
//! CSV carries no types: a spreadsheet guesses them. A postal code `01000` becomes the number
//! 1000, a phone `0561000000` the number 561000000, a SIRET 1.23457E+13, `+33 5 61…` a formula in
//! Excel, `=HYPERLINK(…)` a live link. The only way a CSV cell says « this is text » to both
//! programs is the formula `="…"`, whose value is the text itself: Excel evaluates it on opening,
//! and so does LibreOffice (its CSV import evaluates formulas by default). A cell that would be
//! changed — one that starts like a formula (= + - @, a tab, a carriage return, OWASP's list) or
//! looks like a number, a date or a time — is written `="…"` with its quotes doubled; other text
//! is left as it is. A string in a formula holds at most 255 characters on one line (Excel): a
//! longer or multi-line cell that starts like a formula keeps the older guard, an apostrophe, so
//! that it is never run.
//!
//! `unguard` gives the typed value back, for Maillage's own import of these lists.

/// Excel's longest string inside a formula.
const FORMULA_STRING_MAX: usize = 255;

/// The CSV field for the text `s` (before the CSV writer's own quoting).
pub fn guard(s: &str) -> String {
    let starts_like_formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if !(starts_like_formula || looks_like_a_number(s)) {
        return s.to_owned();
    }
    if s.chars().count() <= FORMULA_STRING_MAX && !s.contains(['\n', '\r']) {
        format!("=\"{}\"", s.replace('"', "\"\""))
    } else {
        format!("'{s}")
    }
}

/// What a spreadsheet would read as a number, a date or a time: digits with separators only.
fn looks_like_a_number(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_digit() || c.is_whitespace() || matches!(c, '+' | '-' | '.' | ',' | '/' | ':' | '(' | ')' | '%' | 'E' | 'e'))
}

/// The typed text of a field written by `guard` (and of an older list's apostrophe guard).
pub fn unguard(field: &str) -> String {
    if let Some(inner) = field.strip_prefix("=\"").and_then(|f| f.strip_suffix('"')) {
        // Only a whole string constant: every quote inside doubled.
        if !inner.replace("\"\"", "").contains('"') {
            return inner.replace("\"\"", "\"");
        }
    }
    match field.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_owned(),
        _ => field.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_spreadsheet_would_change_is_written_as_text_and_read_back() {
        for (typed, written) in [
            ("01000", "=\"01000\""),
            ("05 61 00 00 00", "=\"05 61 00 00 00\""),
            ("+33 5 61 00 00 00", "=\"+33 5 61 00 00 00\""),
            ("12345678901234", "=\"12345678901234\""),
            ("12/03", "=\"12/03\""),
            ("=HYPERLINK(\"http://x\";\"y\")", "=\"=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\""),
            ("@SOMME(A1)", "=\"@SOMME(A1)\""),
            ("-", "=\"-\""),
            ("Brive-la-Gaillarde", "Brive-la-Gaillarde"),
            ("W192000123", "W192000123"),
            ("", ""),
            ("anne@caf.fr", "anne@caf.fr"),
        ] {
            assert_eq!(guard(typed), written, "{typed}");
            assert_eq!(unguard(&guard(typed)), typed);
        }
        let long = format!("={}", "x".repeat(300));
        assert_eq!(guard(&long), format!("'{long}"));
        assert_eq!(unguard(&guard(&long)), long);
        assert_eq!(unguard("=\"a\"b\""), "=\"a\"b\"", "not a whole string: kept");
    }
}
