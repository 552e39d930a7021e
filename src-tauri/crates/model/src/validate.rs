//! Field checks shared by every query module. Each returns the cleaned value or an
//! [`Error::Invalid`] naming the field and saying, in French, what to fix.

use chrono::NaiveDate;

use crate::error::{msg, Error, Result};

/// Trims; an empty or blank value becomes `None`, so "" never overwrites with an empty string.
pub fn clean(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// A one-line field (a name, a title, a place): line breaks — CR, LF and Unicode's own — tabs and
/// other control characters become one space, and the ends are trimmed. Such a value goes into
/// e-mail subjects, calendar events and file names, where a raw line break starts another line.
/// A value without any of them is returned as it is.
pub fn one_line(s: &str) -> String {
    let breaks = |c: char| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
    if !s.contains(breaks) {
        return s.to_owned();
    }
    s.split(breaks).map(str::trim).filter(|part| !part.is_empty()).collect::<Vec<_>>().join(" ")
}

pub fn required(field: &str, label: &str, v: Option<String>) -> Result<String> {
    clean(v).ok_or_else(|| Error::invalid(field, msg::required(label)))
}

pub fn max_len(field: &str, label: &str, v: &Option<String>, max: usize) -> Result<()> {
    if let Some(s) = v {
        let len = s.chars().count();
        if len > max {
            return Err(Error::invalid(field, msg::too_long(label, max, len)));
        }
    }
    Ok(())
}

pub fn email(field: &str, v: Option<String>) -> Result<Option<String>> {
    let Some(s) = clean(v) else { return Ok(None) };
    let s = s.to_lowercase();
    let ok = match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.chars().any(|c| c.is_whitespace() || matches!(c, ',' | ';' | '<' | '>'))
        }
        None => false,
    };
    if ok { Ok(Some(s)) } else { Err(Error::invalid(field, msg::bad_email(&s))) }
}

pub fn phone(field: &str, v: Option<String>) -> Result<Option<String>> {
    let Some(s) = clean(v) else { return Ok(None) };
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let allowed = s.chars().enumerate().all(|(i, c)| {
        c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')') || (c == '+' && i == 0)
    });
    if allowed && (4..=15).contains(&digits) { Ok(Some(s)) } else { Err(Error::invalid(field, msg::bad_phone(&s))) }
}

pub fn website(field: &str, v: Option<String>) -> Result<Option<String>> {
    let Some(s) = clean(v) else { return Ok(None) };
    let host = s.trim_start_matches("https://").trim_start_matches("http://");
    if host.contains('.') && !s.chars().any(char::is_whitespace) && !host.starts_with('.') {
        Ok(Some(s))
    } else {
        Err(Error::invalid(field, msg::bad_website(&s)))
    }
}

pub fn postal_code(field: &str, v: Option<String>) -> Result<Option<String>> {
    let Some(s) = clean(v) else { return Ok(None) };
    // French codes are 5 digits; overseas ones too (971xx…). Spaces typed by habit are dropped.
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() == 5 && compact.chars().all(|c| c.is_ascii_digit()) {
        Ok(Some(compact))
    } else {
        Err(Error::invalid(field, msg::bad_postal_code(&s)))
    }
}

pub fn date(field: &str, label: &str, v: Option<String>) -> Result<Option<String>> {
    let Some(s) = clean(v) else { return Ok(None) };
    NaiveDate::parse_from_str(&s, "%Y-%m-%d")
        .map(|d| Some(d.format("%Y-%m-%d").to_string()))
        .map_err(|_| Error::invalid(field, msg::bad_date(label, &s)))
}

/// A local time of day, "HH:MM" (seconds, if typed, are dropped).
pub fn time(field: &str, label: &str, v: Option<String>) -> Result<Option<String>> {
    let Some(s) = clean(v) else { return Ok(None) };
    chrono::NaiveTime::parse_from_str(&s, "%H:%M")
        .or_else(|_| chrono::NaiveTime::parse_from_str(&s, "%H:%M:%S"))
        .map(|t| Some(t.format("%H:%M").to_string()))
        .map_err(|_| Error::invalid(field, msg::bad_time(label, &s)))
}

/// A meeting or session cannot end before (or when) it starts.
pub fn time_range(start: &Option<String>, end: &Option<String>) -> Result<()> {
    if let (Some(s), Some(e)) = (start, end) {
        if e <= s {
            return Err(Error::invalid("end_time", msg::end_before_start_time()));
        }
    }
    Ok(())
}

pub fn date_range(end_field: &str, start: &Option<String>, end: &Option<String>) -> Result<()> {
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            return Err(Error::invalid(end_field, msg::end_before_start()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(email("e", Some(" Accueil@CCAS-Brive.fr ".into())).unwrap().as_deref(), Some("accueil@ccas-brive.fr"));
        assert!(email("e", Some("accueil@ccas".into())).is_err());
        assert!(email("e", Some("a b@c.fr".into())).is_err());
        assert!(email("e", Some("a@@c.fr".into())).is_err());
        assert_eq!(email("e", Some("  ".into())).unwrap(), None);
    }

    #[test]
    fn one_line_fields() {
        assert_eq!(one_line("Salle\r\nB"), "Salle B");
        assert_eq!(one_line("Plénière \r de\tjuin\u{2028}"), "Plénière de juin");
        assert_eq!(one_line("  déjà bien  "), "  déjà bien  ", "no break: left as it is");
    }

    #[test]
    fn phones_postal_codes_dates() {
        assert!(phone("p", Some("05 55 12 34 56".into())).is_ok());
        assert!(phone("p", Some("+33 5.55.12.34.56".into())).is_ok());
        assert!(phone("p", Some("05 55 AB".into())).is_err());
        assert_eq!(postal_code("c", Some("19 100".into())).unwrap().as_deref(), Some("19100"));
        assert!(postal_code("c", Some("1910".into())).is_err());
        assert!(date("d", "Début", Some("2026-02-30".into())).is_err());
        let e = date("d", "Début", Some("12/03/2026".into())).unwrap_err();
        assert!(e.to_string().contains("AAAA-MM-JJ"), "{e}");
    }
}
