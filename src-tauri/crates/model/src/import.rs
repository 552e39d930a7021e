//! Lists brought in from spreadsheets and CSV files (docs/import.md), and lists taken out.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::codes::ImportField;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Organisations,
    People,
    /// The members of one body (people, with their post, or organisations).
    Members,
}

impl ImportKind {
    pub const ALL: &'static [ImportKind] = &[ImportKind::Organisations, ImportKind::People, ImportKind::Members];
    pub fn code(self) -> &'static str {
        match self {
            ImportKind::Organisations => "organisations",
            ImportKind::People => "people",
            ImportKind::Members => "members",
        }
    }
}

impl DuplicateChoice {
    pub const ALL: &'static [DuplicateChoice] = &[DuplicateChoice::Skip, DuplicateChoice::Merge, DuplicateChoice::Create];
    pub fn code(self) -> &'static str {
        match self {
            DuplicateChoice::Skip => "skip",
            DuplicateChoice::Merge => "merge",
            DuplicateChoice::Create => "create",
        }
    }
}

/// What to do with a row that matches a record already there (or an earlier row of the file).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateChoice {
    /// Leave the existing record as it is (the default: an import never changes what is there
    /// unless told to).
    #[default]
    Skip,
    /// Complete and correct the existing record with the row's non-empty cells.
    Merge,
    /// Create a new record all the same (two homonyms).
    Create,
}

/// A file read, kept by the caller between the preview and the write (the app keeps it in its
/// state; the user's file is read once).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportSource {
    /// The file's name, for the report.
    pub file_name: String,
    /// The sheets that hold something (a CSV file has one, named after the file).
    pub sheets: Vec<String>,
}

/// One column of the file and the field it fills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnMapping {
    /// 0-based position in the sheet.
    pub index: u32,
    /// The column's letter as a spreadsheet shows it (« C »).
    pub letter: String,
    /// Its header as written in the file.
    pub header: String,
    /// The first value under the header, for the user who matches columns to fields.
    pub sample: String,
    pub field: Option<ImportField>,
}

/// A file just chosen: its sheets, the mapping guessed (or remembered), the fields the kind of
/// list has.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportOpened {
    pub source: ImportSource,
    pub mapping: ImportMapping,
    pub fields: Vec<ImportField>,
}

/// How to read a sheet: which line holds the headers and which column fills which field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportMapping {
    pub sheet: String,
    /// The headers' line, numbered as a spreadsheet shows it (1 = the first line).
    pub header_line: u32,
    pub columns: Vec<ColumnMapping>,
    /// The mapping was saved from an earlier import of a file with the same headers.
    pub remembered: bool,
}

/// The user's decisions for one import.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportRequest {
    pub kind: ImportKind,
    pub mapping: ImportMapping,
    /// For a duplicate without a choice of its own.
    pub on_duplicate: DuplicateChoice,
    /// Per line of the file (as a spreadsheet numbers it).
    pub choices: Vec<LineChoice>,
    /// The body whose members are imported (kind `members`).
    pub body_id: Option<String>,
    /// Write nothing when any row is rejected.
    pub strict: bool,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
pub struct LineChoice {
    pub line: u32,
    pub choice: DuplicateChoice,
}

/// How far an import or its preview is, for the progress bar.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

/// A row that cannot come in, and why: « ligne 14, colonne Courriel : adresse invalide ».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Rejection {
    pub sheet: String,
    pub line: u32,
    /// The column's header (or letter when it has none); empty when the whole row is at fault.
    pub column: String,
    pub reason: String,
}

/// A row that matches a record already in the base, or an earlier row of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DuplicateRow {
    pub line: u32,
    /// The row, as a person or organisation name (« Martin Sophie — CAF »).
    pub row_label: String,
    /// What it matches: a record's name, or « ligne 12 du fichier ».
    pub existing_label: String,
    /// The record matched in the base; none for an earlier row of the file.
    pub existing_id: Option<String>,
    /// Why they look alike: « même courriel », « même nom »…
    pub reason: String,
    pub choice: DuplicateChoice,
    /// With `merge`: the fields the row would change, « Téléphone : 05 55… → 06 12… ».
    pub changes: Vec<String>,
}

/// What an import will do (preview) or did (report). Nothing is written for a preview.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct ImportSummary {
    pub file_name: String,
    pub sheet: String,
    /// Data rows read (blank rows left aside).
    pub rows: u32,
    pub created: u32,
    pub updated: u32,
    pub skipped: u32,
    pub rejected: u32,
    /// Organisations named in a « Structure » column and not in the base: created with the rows.
    pub new_organisations: Vec<String>,
    /// Members not in the base, created with their post before they are seated.
    pub new_people: Vec<String>,
    pub duplicates: Vec<DuplicateRow>,
    pub rejections: Vec<Rejection>,
    /// The import was written (false for a preview, or when `strict` found rejected rows).
    pub written: bool,
}

/// A list screen's content, to a spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ListFormat {
    Xlsx,
    Csv,
}

/// Which list to take out: what a list screen shows, with its filters and sort.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "list", rename_all = "snake_case")]
pub enum ListRequest {
    Organisations { filter: super::OrganisationFilter },
    People { filter: super::PersonFilter },
    Members { body_id: String },
    Invitations { meeting_id: String },
}
