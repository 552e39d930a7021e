//! What every workbook Maillage writes shares: typed cells written as numbers, dates and text
//! (never formulas: a name starting with « = » stays text), native tables, formats, and how a
//! sheet prints (column widths, wrapped text, row heights, page setup: docs/printing.md).

use std::collections::BTreeMap;

use rust_xlsxwriter::{cell_autofit_width, Format, FormatAlign, Table, TableColumn, Worksheet, XlsxError};

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
    pub(crate) text: Format,
    pub(crate) wrap: Format,
    pub(crate) count: Format,
    pub(crate) decimal: Format,
    pub(crate) rate: Format,
    pub(crate) points: Format,
    pub(crate) date: Format,
    pub(crate) date_time: Format,
    pub(crate) title: Format,
    pub(crate) header: Format,
}

impl Formats {
    pub(crate) fn new() -> Self {
        // Top-aligned: in a row made taller by a wrapped cell, every cell starts on its first line.
        let top = || Format::new().set_align(FormatAlign::Top);
        Formats {
            text: top(),
            wrap: top().set_text_wrap(),
            count: top().set_num_format("#,##0"),
            decimal: top().set_num_format("#,##0.0"),
            rate: top().set_num_format("0.0%"),
            points: top().set_num_format("+0.0\" pt\";-0.0\" pt\";0\" pt\""),
            date: top().set_num_format("dd/mm/yyyy"),
            date_time: top().set_num_format("dd/mm/yyyy hh:mm:ss"),
            title: Format::new().set_bold().set_font_size(14).set_text_wrap().set_align(FormatAlign::Top),
            header: Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Bottom),
        }
    }
}

pub(crate) fn xlsx(e: XlsxError) -> Error {
    Error::Workbook(e.to_string())
}

/// Widths are Excel's pixels of Calibri 11 (rust_xlsxwriter's autofit measure), which LibreOffice
/// prints with Carlito, the same metrics. A text column wider than this wraps its text.
pub(crate) const MAX_TEXT_PX: u32 = 240;
/// Room left on each side of a cell's text, and the height of one line of Calibri 11, in points.
const PAD_PX: u32 = 12;
const LINE_PT: f64 = 15.0;
/// Excel's tallest row, in points: 27 lines.
const MAX_ROW_PT: f64 = 409.0;

/// What a sheet's tables need to print without cutting or overlapping text: each column's width
/// and each row's number of lines. `table` measures its cells; `apply` sets the widths and heights,
/// because neither Excel nor LibreOffice recomputes row heights when it opens a file.
#[derive(Default)]
pub(crate) struct Fit {
    widths: BTreeMap<u16, u32>,
    lines: BTreeMap<u32, u32>,
}

impl Fit {
    fn widen(&mut self, col: u16, px: u32) {
        let w = self.widths.entry(col).or_default();
        *w = (*w).max(px);
    }

    fn lines_at_least(&mut self, row: u32, n: u32) {
        let l = self.lines.entry(row).or_insert(1);
        *l = (*l).max(n);
    }

    /// The two tables of one sheet: the wider column and the taller row of each.
    pub(crate) fn merge(mut self, other: Fit) -> Fit {
        for (c, w) in other.widths {
            self.widen(c, w);
        }
        for (r, n) in other.lines {
            self.lines_at_least(r, n);
        }
        self
    }

    /// A column of a fixed width (an empty gap, or a column sized by hand).
    pub(crate) fn set_width(&mut self, col: u16, px: u32) {
        self.widths.insert(col, px);
    }

    /// The sheet's width in pixels: every column from A to the last one measured.
    pub(crate) fn total_px(&self) -> u32 {
        let last = self.widths.keys().next_back().copied().unwrap_or(0);
        (0..=last).map(|c| self.widths.get(&c).copied().unwrap_or(DEFAULT_COLUMN_PX)).sum()
    }

    fn width_of(&self, col: u16) -> u32 {
        self.widths.get(&col).copied().unwrap_or(DEFAULT_COLUMN_PX)
    }

    pub(crate) fn apply(&self, ws: &mut Worksheet) -> Result<()> {
        for (&c, &w) in &self.widths {
            ws.set_column_width_pixels(c, w).map_err(xlsx)?;
        }
        for (&r, &n) in &self.lines {
            if n > 1 {
                ws.set_row_height(r, (LINE_PT * f64::from(n)).min(MAX_ROW_PT)).map_err(xlsx)?;
            }
        }
        Ok(())
    }
}

/// Excel's default column: 8.43 characters.
const DEFAULT_COLUMN_PX: u32 = 64;

/// A string's width in pixels (8 % more in bold). The measure is generous: LibreOffice draws a
/// column about 6 % wider than these pixels, French text about 8 % narrower.
fn text_px(s: &str, bold: bool) -> u32 {
    (cell_autofit_width(s) - 7) * if bold { 108 } else { 100 } / 100
}

/// How many lines `s` takes wrapped in a column of `px` pixels: words never split, unless one
/// alone is wider than the column. Counted generously: a line too many leaves a blank, a line
/// too few prints over the next row.
pub(crate) fn wrapped_lines(s: &str, px: u32, bold: bool) -> u32 {
    // A cell's text has a few pixels of margin on each side.
    let room = px.saturating_sub(6).max(1);
    let space = text_px(" ", bold).max(3);
    let mut total = 0;
    for paragraph in s.split('\n') {
        let (mut lines, mut used) = (1, 0);
        for word in paragraph.split_whitespace() {
            let w = text_px(word, bold);
            let need = if used == 0 { w } else { used + space + w };
            if need <= room {
                used = need;
            } else if used == 0 {
                lines += w.div_ceil(room) - 1;
                used = w % room;
            } else {
                lines += 1 + w.saturating_sub(1) / room;
                used = if w > room { w % room } else { w };
            }
        }
        total += lines;
    }
    total
}

/// A number as `#,##0` shows it, with room for a sign.
fn grouped(n: f64, decimals: usize) -> String {
    let digits = format!("{:.*}", decimals, n.abs());
    let integer = digits.split('.').next().unwrap_or("").len();
    format!("-{}{digits}", ",".repeat(integer.saturating_sub(1) / 3))
}

/// A cell's text as it shows, for its width: numbers with their separators, dates, rates.
fn shown(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => s.clone(),
        Cell::Count(n) => grouped(*n, 0),
        Cell::Decimal(Some(n)) => grouped(*n, 1),
        Cell::Rate(Some(n)) => format!("{:.1} %", (n * 100.0).abs()),
        Cell::Points(Some(n)) => format!("+{:.1} pt", n.abs()),
        Cell::Date(Some(_)) => "00/00/0000".to_owned(),
        Cell::DateTime(Some(_)) => "00/00/0000 00:00:00".to_owned(),
        Cell::Rate(None) => "—".to_owned(),
        Cell::Decimal(None) | Cell::Points(None) | Cell::Date(None) | Cell::DateTime(None) => String::new(),
    }
}

/// Writes `rows` under `headers` at (`row0`, `col0`) as a native Excel table named `name`, text
/// columns at most `MAX_TEXT_PX` wide (longer text wraps); returns what the table needs to print.
pub(crate) fn table(ws: &mut Worksheet, f: &Formats, name: &str, row0: u32, col0: u16, headers: &[String], rows: &[Vec<Cell>]) -> Result<Fit> {
    table_within(ws, f, name, row0, col0, headers, rows, MAX_TEXT_PX)
}

/// `table`, text columns at most `max_px` wide.
#[allow(clippy::too_many_arguments)]
pub(crate) fn table_within(ws: &mut Worksheet, f: &Formats, name: &str, row0: u32, col0: u16, headers: &[String], rows: &[Vec<Cell>], max_px: u32) -> Result<Fit> {
    let mut fit = Fit::default();
    // Each column as wide as its widest value (text up to max_px) and its header's longest word.
    let mut widths: Vec<u32> = headers.iter().map(|h| h.split_whitespace().map(|w| text_px(w, true)).max().unwrap_or(0) + PAD_PX).collect();
    for cells in rows {
        for (c, cell) in cells.iter().enumerate() {
            let w = (text_px(&shown(cell), false) + PAD_PX).min(max_px);
            widths[c] = widths[c].max(w);
        }
    }
    // A text too long for the tallest row (27 lines) at that width widens its column, up to a
    // landscape page's width at 100 % (≈ 4,000 characters of prose in one paragraph). Longer, or
    // in more than 27 lines, Excel cuts it and LibreOffice prints it over the rows below: no row
    // can be taller.
    for (c, w) in widths.iter_mut().enumerate() {
        // Only a long text or one with line breaks can take 27 lines (40 W take 20 lines in the
        // narrowest column, 40 px).
        let texts: Vec<&str> = rows
            .iter()
            .filter_map(|r| match r.get(c) {
                Some(Cell::Text(s)) if s.len() > 40 || s.contains('\n') => Some(s.as_str()),
                _ => None,
            })
            .collect();
        let most = |w: u32| texts.iter().map(|s| wrapped_lines(s, w, false)).max().unwrap_or(1);
        let (fits, widest) = ((MAX_ROW_PT / LINE_PT) as u32, printable_px(A4_LONG_IN));
        while *w < widest && most(*w) > fits {
            *w = (*w * 5 / 4).min(widest);
        }
        fit.widen(col0 + c as u16, (*w).max(40));
    }
    let header_lines = headers.iter().zip(&widths).map(|(h, w)| wrapped_lines(h, *w, true)).max().unwrap_or(1);
    fit.lines_at_least(row0, header_lines);

    for (r, cells) in rows.iter().enumerate() {
        let row = row0 + 1 + r as u32;
        for (c, cell) in cells.iter().enumerate() {
            let col = col0 + c as u16;
            match cell {
                Cell::Text(s) => {
                    let lines = wrapped_lines(s, widths[c], false);
                    fit.lines_at_least(row, lines);
                    ws.write_string_with_format(row, col, s, if lines > 1 { &f.wrap } else { &f.text }).map(|_| ())
                }
                Cell::Count(n) => ws.write_number_with_format(row, col, *n, &f.count).map(|_| ()),
                Cell::Decimal(Some(n)) => ws.write_number_with_format(row, col, *n, &f.decimal).map(|_| ()),
                Cell::Rate(Some(n)) => ws.write_number_with_format(row, col, *n, &f.rate).map(|_| ()),
                Cell::Points(Some(n)) => ws.write_number_with_format(row, col, *n, &f.points).map(|_| ()),
                Cell::Date(Some(d)) => match chrono::NaiveDate::parse_from_str(&d[..10.min(d.len())], "%Y-%m-%d") {
                    Ok(date) => ws.write_datetime_with_format(row, col, date, &f.date).map(|_| ()),
                    Err(_) => ws.write_string_with_format(row, col, d, &f.text).map(|_| ()),
                },
                Cell::DateTime(Some(at)) => match utc_instant(at) {
                    Some(instant) => ws.write_datetime_with_format(row, col, instant, &f.date_time).map(|_| ()),
                    None => ws.write_string_with_format(row, col, at, &f.text).map(|_| ()),
                },
                // A rate that does not exist (a meeting not held, nobody invited) reads « — », not 0 %.
                Cell::Rate(None) => ws.write_string_with_format(row, col, "—", &f.text).map(|_| ()),
                Cell::Decimal(None) | Cell::Points(None) | Cell::Date(None) | Cell::DateTime(None) => Ok(()),
            }
            .map_err(xlsx)?;
        }
    }
    let columns: Vec<TableColumn> = headers.iter().map(|h| TableColumn::new().set_header(h).set_header_format(&f.header)).collect();
    let last_row = row0 + rows.len().max(1) as u32;
    let t = Table::new().set_name(name).set_columns(&columns);
    ws.add_table(row0, col0, last_row, col0 + headers.len() as u16 - 1, &t).map_err(xlsx)?;
    Ok(fit)
}

/// A sheet's title in 14 pt bold on `row`, across the columns `fit` measured, wrapped there:
/// a title left to overflow would widen the printed area (LibreOffice prints it all) and shrink
/// the page.
pub(crate) fn title(ws: &mut Worksheet, f: &Formats, fit: &Fit, row: u32, text: &str) -> Result<()> {
    let last = fit.widths.keys().next_back().copied().unwrap_or(0);
    let width = fit.total_px();
    if last > 0 {
        ws.merge_range(row, 0, row, last, text, &f.title).map_err(xlsx)?;
    } else {
        ws.write_string_with_format(row, 0, text, &f.title).map_err(xlsx)?;
    }
    // Measured at 11 pt: 14 pt text is as wide as 11 pt text in a column 11/14 as wide.
    let lines = wrapped_lines(text, width * 11 / 14, true);
    ws.set_row_height(row, (20.0 * f64::from(lines)).min(MAX_ROW_PT)).map_err(xlsx)?;
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

/// How a sheet prints (docs/printing.md).
pub(crate) struct PrintSetup<'a> {
    /// The footer's text before « — <the sheet's name> — page P / N » (empty: none).
    pub(crate) footer: &'a str,
    /// The header row, repeated on every page.
    pub(crate) header_row: u32,
    /// The first columns, repeated on each page when the sheet prints more than one page across.
    pub(crate) key_columns: u16,
    /// Everything on one page, portrait (the summary, its months and its chart).
    pub(crate) one_page: bool,
}

/// Text is Calibri 11 pt: printed at 64 % or more, it is at least 7 pt. Two points to spare.
pub(crate) const MIN_SCALE: u32 = 66;
const A4: u8 = 9;
const A4_SHORT_IN: f64 = 8.27;
const A4_LONG_IN: f64 = 11.69;
const SIDE_MARGIN_IN: f64 = 0.4;

/// The printable width of an A4 side of `inches`, in pixels at 100 %, 5 % kept for the printing
/// program's own measure of the columns.
fn printable_px(inches: f64) -> u32 {
    ((inches - 2.0 * SIDE_MARGIN_IN) * 96.0 * 0.95) as u32
}

/// A4, centred, the header row on every page, a footer naming the sheet and the page. A sheet
/// narrow enough prints portrait; else landscape, one page across as long as that keeps the text
/// at `MIN_SCALE` or more; wider, at the largest scale that needs no more pages across than
/// `MIN_SCALE` does, the key columns repeated on each page, pages ordered across then down.
pub(crate) fn print_setup(ws: &mut Worksheet, fit: &Fit, p: &PrintSetup) -> Result<()> {
    ws.set_paper_size(A4).set_print_center_horizontally(true).set_margins(SIDE_MARGIN_IN, SIDE_MARGIN_IN, 0.6, 0.6, 0.3, 0.3);
    ws.set_repeat_rows(p.header_row, p.header_row).map_err(xlsx)?;
    // « & » starts a code in Excel's header and footer language: a structure's own is doubled.
    let before = if p.footer.is_empty() { String::new() } else { format!("{} — ", p.footer.replace('&', "&&")) };
    ws.set_footer(format!("&C{before}&A — page &P / &N"));
    if p.one_page {
        ws.set_portrait().set_print_fit_to_pages(1, 1);
        return Ok(());
    }
    let width = fit.total_px();
    let room = if width <= printable_px(A4_SHORT_IN) {
        ws.set_portrait();
        printable_px(A4_SHORT_IN)
    } else {
        ws.set_landscape();
        printable_px(A4_LONG_IN)
    };
    if width * MIN_SCALE / 100 <= room {
        ws.set_print_fit_to_pages(1, 0);
        return Ok(());
    }
    let across = |scale: u32| pages_across(fit, p.key_columns, room * 100 / scale);
    let fewest = across(MIN_SCALE);
    let scale = (MIN_SCALE..=100).rev().find(|s| across(*s) == fewest).unwrap_or(MIN_SCALE);
    ws.set_print_scale(scale as u16).set_page_order(false);
    if p.key_columns > 0 {
        ws.set_repeat_columns(0, p.key_columns - 1).map_err(xlsx)?;
    }
    Ok(())
}

/// How many pages across the columns take on pages `room` pixels wide, the `key` first columns
/// repeated on each page, a column never cut.
fn pages_across(fit: &Fit, key: u16, room: u32) -> u32 {
    let key_px: u32 = (0..key).map(|c| fit.width_of(c)).sum();
    let last = fit.widths.keys().next_back().copied().unwrap_or(0);
    let (mut pages, mut used) = (1, 0);
    for c in 0..=last {
        let w = fit.width_of(c);
        if c >= key && used + w > room && used > key_px {
            pages += 1;
            used = key_px;
        }
        used += w;
    }
    pages
}
