//! Text folding for search and uniqueness: "Sécurité Sociale" and "securite  sociale" are the same
//! key, so a user never has to type accents or capitals to find a partner.

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// Lower-case, accent-free, with ligatures spelled out and runs of white space collapsed.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            // Apostrophes and dashes vary between keyboards and Word: treat them alike.
            '’' | '‘' | 'ʼ' => out.push('\''),
            '–' | '—' | '‑' => out.push('-'),
            c if c.is_whitespace() => {
                if !last_space {
                    out.push(' ');
                }
                last_space = true;
                continue;
            }
            c => out.extend(c.to_lowercase()),
        }
        last_space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Folded text of several fields, joined, for a `search_text` column.
/// The folded words of `s`, punctuation taken as spaces: « Mél. », « E-mail » → `mel`, `e mail`
/// (how imported headers, labels and names are compared).
pub fn words(s: &str) -> Vec<String> {
    let spaced: String = fold(s).chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    spaced.split_whitespace().map(str::to_owned).collect()
}

pub fn search_text<'a>(parts: impl IntoIterator<Item = Option<&'a str>>) -> String {
    parts.into_iter().flatten().map(fold).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

/// A LIKE pattern matching `query` anywhere, with LIKE's wildcards escaped (use `ESCAPE '\'`).
pub fn like_pattern(query: &str) -> String {
    let mut p = String::from("%");
    for c in fold(query).chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// "2026-11-09" → "09/11/2026" (left as is when it is not an ISO date).
pub fn french_date(iso: &str) -> String {
    match chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => d.format("%d/%m/%Y").to_string(),
        Err(_) => iso.to_owned(),
    }
}

/// A file's size as French users read it: « 850 octets », « 245 Ko », « 12,4 Mo » (decimal units,
/// as mail clients show them).
pub fn file_size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} octets"),
        1_000..1_000_000 => format!("{} Ko", bytes.div_ceil(1_000)),
        _ => format!("{:.1} Mo", bytes as f64 / 1_000_000.0).replace('.', ","),
    }
}

/// The SHA-256 of `bytes`, in lower-case hexadecimal (fingerprints of attached files and merges).
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_ligatures_and_spaces() {
        assert_eq!(fold("  Sécurité   Sociale "), "securite sociale");
        assert_eq!(fold("Œuvre d’ÉLAN"), "oeuvre d'elan");
        assert_eq!(fold("Maison départementale – Brive"), "maison departementale - brive");
        assert_eq!(fold("ÇA"), "ca");
    }

    #[test]
    fn like_pattern_escapes_wildcards() {
        assert_eq!(like_pattern("50%_É"), "%50\\%\\_e%");
    }

    #[test]
    fn file_sizes_read_in_french() {
        assert_eq!(file_size(850), "850 octets");
        assert_eq!(file_size(1_000), "1 Ko");
        assert_eq!(file_size(244_001), "245 Ko");
        assert_eq!(file_size(10_000_001), "10,0 Mo");
        assert_eq!(file_size(12_400_000), "12,4 Mo");
    }
}
