//! The secretariat's own words in the activity report: for a period, one text per
//! [`ReportSection`] (table `report_text`, migration 0012).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ReportSection;

/// The longest text of a section, in characters (the archive's rule for free text, and the
/// schema's CHECK).
pub const REPORT_TEXT_MAX: usize = 20_000;

/// The three texts of a period, as the report prints them; `None` where nothing was written.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, PartialEq, Eq)]
pub struct ReportTexts {
    pub introduction: Option<String>,
    pub faits_marquants: Option<String>,
    pub perspectives: Option<String>,
}

impl ReportTexts {
    /// The text of `section`.
    pub fn get(&self, section: ReportSection) -> Option<&str> {
        match section {
            ReportSection::Introduction => self.introduction.as_deref(),
            ReportSection::FaitsMarquants => self.faits_marquants.as_deref(),
            ReportSection::Perspectives => self.perspectives.as_deref(),
        }
    }

    /// Where the text of `section` goes.
    pub fn slot(&mut self, section: ReportSection) -> &mut Option<String> {
        match section {
            ReportSection::Introduction => &mut self.introduction,
            ReportSection::FaitsMarquants => &mut self.faits_marquants,
            ReportSection::Perspectives => &mut self.perspectives,
        }
    }
}

/// What the dashboard's « Textes du rapport » saves: the three texts of the period `from`–`to`
/// at once. An empty (or blank) text erases the section's text.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
pub struct ReportTextsInput {
    pub from: String,
    pub to: String,
    pub texts: ReportTexts,
}

/// The id of the row holding `section` of the period `from`–`to`: a UUID (version 8) derived from
/// them, the same on every machine, so that the office and a laptop copy writing the same text
/// meet as one row in a merge instead of two rows clashing on the unique key.
pub fn report_text_id(from: &str, to: &str, section: ReportSection) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("maillage:report_text:{from}:{to}:{}", section.code()).as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid().hyphenated().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_is_a_canonical_uuid_fixed_by_the_period_and_the_section() {
        let a = report_text_id("2026-01-01", "2026-12-31", ReportSection::FaitsMarquants);
        assert_eq!(a, report_text_id("2026-01-01", "2026-12-31", ReportSection::FaitsMarquants));
        assert_ne!(a, report_text_id("2026-01-01", "2026-12-31", ReportSection::Perspectives));
        assert_ne!(a, report_text_id("2026-01-01", "2026-06-30", ReportSection::FaitsMarquants));
        let parsed = uuid::Uuid::parse_str(&a).unwrap();
        assert_eq!(parsed.get_version_num(), 8);
        assert_eq!(parsed.hyphenated().to_string(), a);
    }
}
