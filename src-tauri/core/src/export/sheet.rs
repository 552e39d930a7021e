//! What every workbook Maillage writes shares: typed cells written as numbers, dates and text
//! (never formulas: a name starting with « = » stays text), native tables, formats.

use rust_xlsxwriter::{Format, Table, TableColumn, Worksheet, XlsxError};

use crate::error::{Error, Result};

pub(crate) enum Cell {
    Text(String),
    Count(f64),
    Decimal(Option<f64>),
    Rate(Option<f64>),
    Points(Option<f64>),
    Date(Option<String>),
    /// An instant stored as text (RFC 3339, UTC), written as an Excel date-time in UTC.
    DateTime(Option<String>),
}

pub(crate) struct Formats {
    pub(crate) count: Format,
    pub(crate) decimal: Format,
    pub(crate) rate: Format,
    pub(crate) points: Format,
    pub(crate) date: Format,
    pub(crate) date_time: Format,
    pub(crate) title: Format,
    pub(crate) wrap: Format,
}

impl Formats {
    pub(crate) fn new() -> Self {
        Formats {
            count: Format::new().set_num_format("#,##0"),
            decimal: Format::new().set_num_format("#,##0.0"),
            rate: Format::new().set_num_format("0.0%"),
            points: Format::new().set_num_format("+0.0\" pt\";-0.0\" pt\";0\" pt\""),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            date_time: Format::new().set_num_format("dd/mm/yyyy hh:mm:ss"),
            title: Format::new().set_bold().set_font_size(14),
            wrap: Format::new().set_text_wrap(),
        }
    }
}

pub(crate) fn xlsx(e: XlsxError) -> Error {
    Error::Workbook(e.to_string())
}

/// Writes `rows` under `headers` at (`row0`, `col0`) as a native Excel table named `name`.
pub(crate) fn table(ws: &mut Worksheet, f: &Formats, name: &str, row0: u32, col0: u16, headers: &[String], rows: &[Vec<Cell>]) -> Result<()> {
    for (r, cells) in rows.iter().enumerate() {
        let row = row0 + 1 + r as u32;
        for (c, cell) in cells.iter().enumerate() {
            let col = col0 + c as u16;
            match cell {
                Cell::Text(s) => ws.write_string(row, col, s).map(|_| ()),
                Cell::Count(n) => ws.write_number_with_format(row, col, *n, &f.count).map(|_| ()),
                Cell::Decimal(Some(n)) => ws.write_number_with_format(row, col, *n, &f.decimal).map(|_| ()),
                Cell::Rate(Some(n)) => ws.write_number_with_format(row, col, *n, &f.rate).map(|_| ()),
                Cell::Points(Some(n)) => ws.write_number_with_format(row, col, *n, &f.points).map(|_| ()),
                Cell::Date(Some(d)) => match chrono::NaiveDate::parse_from_str(&d[..10.min(d.len())], "%Y-%m-%d") {
                    Ok(date) => ws.write_datetime_with_format(row, col, date, &f.date).map(|_| ()),
                    Err(_) => ws.write_string(row, col, d).map(|_| ()),
                },
                Cell::DateTime(Some(at)) => match utc_instant(at) {
                    Some(instant) => ws.write_datetime_with_format(row, col, instant, &f.date_time).map(|_| ()),
                    None => ws.write_string(row, col, at).map(|_| ()),
                },
                // A rate that does not exist (a meeting not held, nobody invited) reads « — », not 0 %.
                Cell::Rate(None) => ws.write_string(row, col, "—").map(|_| ()),
                Cell::Decimal(None) | Cell::Points(None) | Cell::Date(None) | Cell::DateTime(None) => Ok(()),
            }
            .map_err(xlsx)?;
        }
    }
    let columns: Vec<TableColumn> = headers.iter().map(|h| TableColumn::new().set_header(h)).collect();
    let last_row = row0 + rows.len().max(1) as u32;
    let t = Table::new().set_name(name).set_columns(&columns);
    ws.add_table(row0, col0, last_row, col0 + headers.len() as u16 - 1, &t).map_err(xlsx)?;
    Ok(())
}

/// The UTC wall-clock time of an instant stored as text (`2026-12-04T17:53:12.345Z`, or with a
/// space and no zone as SQLite writes it).
fn utc_instant(at: &str) -> Option<chrono::NaiveDateTime> {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|d| d.naive_utc())
        .ok()
        .or_else(|| chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M:%S%.f").ok())
}

/// A sheet prints as people expect from a spreadsheet: A4 landscape, one page wide (as many pages
/// down as needed), the header row `header_row` on every page, centred, and `footer` with the
/// page number at the bottom. The same setup as the bilan's sheets.
pub(crate) fn print_a4_landscape(ws: &mut Worksheet, header_row: u32, footer: &str) -> Result<()> {
    const A4: u8 = 9;
    ws.set_landscape().set_paper_size(A4).set_print_center_horizontally(true).set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(header_row, header_row).map_err(xlsx)?;
    // « & » starts a code in Excel's header and footer language: a name's own is doubled.
    ws.set_footer(format!("&C{} — page &P / &N", footer.replace('&', "&&")));
    Ok(())
}

pub(crate) fn headers(h: &[&str]) -> Vec<String> {
    h.iter().map(|s| s.to_string()).collect()
}

pub(crate) fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

pub(crate) fn opt_text(s: &Option<String>) -> Cell {
    Cell::Text(s.clone().unwrap_or_default())
}

pub(crate) fn count(n: u32) -> Cell {
    Cell::Count(n as f64)
}

