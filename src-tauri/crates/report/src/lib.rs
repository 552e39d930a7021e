//! The activity report (« rapport d'activité ») of a period: one plain [`ReportData`], built from
//! the same `Bilan` the workbook is written from ([`data::from_bilan`]), written as a PDF/A-2a +
//! PDF/UA-1 document through Typst ([`pdf`]), as an ODT written by hand ([`odt`]) and as a DOCX
//! ([`docx`]). Every number is formatted once, by [`format`], the way the workbook shows it.
//! No SQL and no file system here: each writer returns the file's bytes.

pub mod blocks;
pub mod chart;
pub mod data;
pub mod docx;
pub mod fonts;
pub mod format;
pub mod odt;
pub mod pdf;

pub use data::{from_bilan, Context, ReportData};

/// What went wrong while making a document: the writer's own words (Typst's diagnostics, a zip
/// error), for the core to wrap in its French message.
#[derive(Debug)]
pub struct ReportError(pub String);

impl std::fmt::Display for ReportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ReportError {}

pub type Result<T> = std::result::Result<T, ReportError>;

/// The three documents the report is written as, told by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Odt,
    Docx,
}

impl Format {
    /// The format an extension names (case-insensitive), or None.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "pdf" => Some(Format::Pdf),
            "odt" => Some(Format::Odt),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }
}

/// The document's bytes in `format`.
pub fn render(data: &ReportData, format: Format) -> Result<Vec<u8>> {
    match format {
        Format::Pdf => pdf::render(data),
        Format::Odt => odt::render(data),
        Format::Docx => docx::render(data),
    }
}
