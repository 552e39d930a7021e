//! A list (read by `maillage_core::lists`) to `.xlsx` (a native table, frozen header, dates as dates,
//! printable on A4: `sheet::print_setup`)
//! or `.csv` (`;`, UTF-8 with its BOM, as French Excel opens it).

use std::path::Path;

use rust_xlsxwriter::Workbook;

use super::sheet::{self, Cell, Formats};
use crate::error::{Error, Result};
use crate::model::ListFormat;

/// A list ready to be written: its sheet's name, headers and rows.
pub struct List {
    pub sheet: &'static str,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<ListCell>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ListCell {
    Text(Option<String>),
    Date(Option<String>),
}

/// Writes `list` at `path`, replacing a file of its kind if it exists (the caller asked).
pub fn write(list: &List, format: ListFormat, path: &Path) -> Result<()> {
    let bytes = match format {
        ListFormat::Xlsx => xlsx(list)?,
        ListFormat::Csv => csv(list)?,
    };
    crate::files::write_bytes(path, format.into(), &bytes)
}

/// The format a file name asks for (`.xlsx` or `.csv`).
pub fn format_of(path: &Path) -> Option<ListFormat> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "xlsx" => Some(ListFormat::Xlsx),
        "csv" => Some(ListFormat::Csv),
        _ => None,
    }
}

pub fn xlsx(list: &List) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let f = Formats::new();
    let ws = book.add_worksheet();
    ws.set_name(list.sheet).map_err(sheet::xlsx)?;
    let rows: Vec<Vec<Cell>> = list
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    ListCell::Text(s) => Cell::Text(s.clone().unwrap_or_default()),
                    ListCell::Date(d) => Cell::Date(d.clone()),
                })
                .collect()
        })
        .collect();
    let fit = sheet::table(ws, &f, "Liste", 0, 0, &list.headers, &rows)?;
    fit.apply(ws)?;
    ws.set_freeze_panes(1, 0).map_err(sheet::xlsx)?;
    // The first column names the row (an organisation, a person, a meeting's date).
    sheet::print_setup(ws, &fit, &sheet::PrintSetup { footer: "", header_row: 0, key_columns: 1, one_page: false })?;
    book.save_to_buffer().map_err(sheet::xlsx)
}

/// `;`-separated, UTF-8 with its BOM (French Excel reads UTF-8 only then), dates as JJ/MM/AAAA.
/// A text that a spreadsheet would change (a postal code's leading zero, a phone, a formula) is
/// written as the text formula `="…"` (`super::csv_text`), shown as typed and never run.
pub fn csv(list: &List) -> Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_writer(&mut out);
        let csv_error = |e: csv::Error| Error::Workbook(e.to_string());
        w.write_record(&list.headers).map_err(csv_error)?;
        for row in &list.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    ListCell::Text(s) => super::csv_text::guard(s.as_deref().unwrap_or_default()),
                    ListCell::Date(Some(d)) => crate::text::french_date(d),
                    ListCell::Date(None) => String::new(),
                })
                .collect();
            w.write_record(&cells).map_err(csv_error)?;
        }
        w.flush().map_err(|e| Error::Workbook(e.to_string()))?;
    }
    Ok(out)
}
