//! What a file given to the import may expand to, checked before and while it is read, so that a
//! zip bomb (a few MB that inflate to GB) is refused in French with memory bounded instead of
//! taking the machine's memory. The limits are far above any list a secretariat keeps: a big
//! partner directory is 2,000 rows × 15 columns; the limits are argued from 20,000 rows × 30
//! columns (600,000 cells of 40 characters), see docs/import.md « Limites ».

use std::io::{BufRead, BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use crate::error::msg;

/// The file itself: a 20,000 × 30 list is ≈ 5 MB as xlsx, ≈ 15 MB as xls, ≈ 30 MB as CSV.
pub const MAX_FILE_BYTES: u64 = 100 << 20;
/// One part of a zip workbook once inflated (a sheet, the shared strings): the 20,000 × 30 list
/// is ≈ 25 MB of sheet XML plus ≈ 35 MB of shared strings as xlsx, ≈ 75 MB of `content.xml` as ods.
pub const MAX_PART_BYTES: u64 = 100 << 20;
/// All parts of a zip workbook once inflated.
pub const MAX_ZIP_BYTES: u64 = 200 << 20;
/// Parts in a zip workbook: a workbook has a few dozen (one per sheet, image, style…).
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// Cells read, counting the empty ones before a value in its row: 3 × 20,000 × 30.
pub const MAX_CELLS: u64 = 2_000_000;
/// Characters of all cells read: 2.5 × 600,000 cells of 40 characters.
pub const MAX_TEXT_BYTES: u64 = 64 << 20;

type Refusal = String;

pub fn check_file_size(len: usize) -> Result<(), Refusal> {
    if len as u64 > MAX_FILE_BYTES {
        return Err(msg::import_too_big(&msg::import_limit_file(MAX_FILE_BYTES)));
    }
    Ok(())
}

/// Checks a zip workbook (xlsx, xlsm, ods) before any parser reads it: the sizes its directory
/// declares, then the bytes each part really inflates to (a directory can lie: every part is
/// inflated once into nothing, stopping at the limit), then, for an ods, how far its repeated
/// rows and cells expand. Memory stays a few buffers.
pub fn check_zip(bytes: &[u8]) -> Result<(), Refusal> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| msg::import_damaged())?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(msg::import_too_big(&msg::import_limit_entries(MAX_ZIP_ENTRIES)));
    }
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|_| msg::import_damaged())?;
        if entry.size() > MAX_PART_BYTES {
            return Err(msg::import_too_big(&msg::import_limit_part(&entry_name(&entry), MAX_PART_BYTES)));
        }
        declared = declared.saturating_add(entry.size());
    }
    if declared > MAX_ZIP_BYTES {
        return Err(msg::import_too_big(&msg::import_limit_zip(MAX_ZIP_BYTES)));
    }
    let mut inflated = 0u64;
    let mut ods = false;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| zip_error(&e))?;
        let name = entry_name(&entry);
        if name == "mimetype" {
            let mut head = Vec::new();
            (&mut entry).take(100).read_to_end(&mut head).map_err(|_| msg::import_damaged())?;
            ods = head.starts_with(b"application/vnd.oasis.opendocument.spreadsheet");
            continue;
        }
        let n = std::io::copy(&mut (&mut entry).take(MAX_PART_BYTES + 1), &mut std::io::sink()).map_err(|_| msg::import_damaged())?;
        if n > MAX_PART_BYTES {
            return Err(msg::import_too_big(&msg::import_limit_part(&name, MAX_PART_BYTES)));
        }
        inflated += n;
        if inflated > MAX_ZIP_BYTES {
            return Err(msg::import_too_big(&msg::import_limit_zip(MAX_ZIP_BYTES)));
        }
    }
    // calamine reserves the shared strings' declared count before reading them.
    if let Some(i) = (0..zip.len()).find(|i| zip.name_for_index(*i).is_some_and(|n| n.is_ok_and(|n| n.ends_with("sharedStrings.xml")))) {
        let entry = zip.by_index(i).map_err(|e| zip_error(&e))?;
        check_shared_strings(BufReader::new(entry))?;
    }
    if ods {
        let entry = zip.by_name("content.xml").map_err(|e| zip_error(&e))?;
        check_ods_content(BufReader::new(entry))?;
    }
    Ok(())
}

fn entry_name<R: Read>(entry: &zip::read::ZipFile<'_, R>) -> String {
    entry.name().map(|n| n.into_owned()).unwrap_or_default()
}

fn zip_error(e: &zip::result::ZipError) -> Refusal {
    if matches!(e, zip::result::ZipError::UnsupportedArchive(m) if m.to_lowercase().contains("password")) {
        msg::import_password()
    } else {
        msg::import_damaged()
    }
}

fn check_shared_strings(xml: impl BufRead) -> Result<(), Refusal> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                let count = number_attr(&e, "uniqueCount").unwrap_or(0);
                if count > MAX_CELLS {
                    return Err(msg::import_too_big(&msg::import_limit_cells(MAX_CELLS)));
                }
                return Ok(());
            }
            Ok(Event::Eof) | Err(_) => return Ok(()), // calamine says « endommagé » itself
            _ => buf.clear(),
        }
    }
}

fn number_attr(e: &BytesStart, name: &str) -> Option<u64> {
    e.try_get_attribute(name).ok()??.value.trim().parse().ok()
}

/// An ods writes a run of equal cells or rows once with a repeat count; calamine expands them
/// (up to 10^8 cells). This walks `content.xml` as calamine does and adds up the cells and the
/// text they expand to: each table is the rectangle up to its last value, as calamine builds it.
fn check_ods_content(xml: impl BufRead) -> Result<(), Refusal> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let (mut cells, mut text) = (0u64, 0u64);
    // In the current table: rows up to the last one with a value, rows since, widest row.
    let (mut rows, mut pending_rows, mut width) = (0u64, 0u64, 0u64);
    // In the current row: its repeat count, the column reached, the end of its last value, its text.
    let (mut row_repeats, mut col, mut row_width, mut row_text) = (1u64, 0u64, 0u64, 0u64);
    // In the current cell: its repeat count, text and value type, and whether it is open.
    let (mut cell_repeats, mut cell_text, mut cell_valued, mut in_cell) = (1u64, 0u64, false, false);
    let too_big = || msg::import_too_big(&msg::import_limit_cells(MAX_CELLS));
    let too_much_text = || msg::import_too_big(&msg::import_limit_text(MAX_TEXT_BYTES));
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => return Ok(()), // calamine says « endommagé » itself
            Ok(e) => e,
        };
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "table:table" => (rows, pending_rows, width) = (0, 0, 0),
                "table:table-row" => {
                    row_repeats = number_attr(e, "table:number-rows-repeated").unwrap_or(1).max(1);
                    (col, row_width, row_text) = (0, 0, 0);
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    cell_repeats = number_attr(e, "table:number-columns-repeated").unwrap_or(1).max(1);
                    cell_valued = e.try_get_attribute("office:value-type").ok().flatten().is_some();
                    cell_text = e.try_get_attribute("office:string-value").ok().flatten().map_or(0, |a| a.value.len() as u64);
                    col = col.saturating_add(cell_repeats);
                    if matches!(event, Event::Start(_)) {
                        in_cell = true;
                    } else {
                        close_cell(cell_valued, cell_repeats, cell_text, col, &mut row_width, &mut row_text);
                    }
                }
                "text:s" if in_cell => cell_text = cell_text.saturating_add(number_attr(e, "text:c").unwrap_or(1)),
                _ => {}
            },
            Event::Text(t) if in_cell => cell_text = cell_text.saturating_add(t.len() as u64),
            Event::End(e) => match e.name().as_ref() {
                "table:table-cell" | "table:covered-table-cell" => {
                    in_cell = false;
                    close_cell(cell_valued, cell_repeats, cell_text, col, &mut row_width, &mut row_text);
                }
                "table:table-row" => {
                    if row_width > 0 {
                        rows = rows.saturating_add(pending_rows).saturating_add(row_repeats);
                        pending_rows = 0;
                        width = width.max(row_width);
                        text = text.saturating_add(row_text.saturating_mul(row_repeats));
                    } else {
                        pending_rows = pending_rows.saturating_add(row_repeats);
                    }
                    if rows.saturating_mul(width).saturating_add(cells) > MAX_CELLS {
                        return Err(too_big());
                    }
                    if text > MAX_TEXT_BYTES {
                        return Err(too_much_text());
                    }
                }
                "table:table" => cells = cells.saturating_add(rows.saturating_mul(width)),
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
}

fn close_cell(valued: bool, repeats: u64, text: u64, col: u64, row_width: &mut u64, row_text: &mut u64) {
    if valued || text > 0 {
        *row_width = col;
        *row_text = row_text.saturating_add(text.saturating_mul(repeats));
    }
}

/// Checks an old `.xls` (an OLE container of BIFF records, not compressed) before calamine reads
/// it: calamine builds each sheet as the rectangle from its first to its last cell, and copies a
/// shared string into every cell that shows it (a record of 14 bytes can show 32,767 characters).
/// This walks the records as calamine does and adds up both. What it cannot read is left to
/// calamine, which says « endommagé ».
pub fn check_xls(bytes: &[u8]) -> Result<(), Refusal> {
    let Ok(mut ole) = cfb::CompoundFile::open(Cursor::new(bytes)) else { return Ok(()) };
    let name = if ole.is_stream("/Workbook") { "/Workbook" } else { "/Book" };
    let mut stream = Vec::new();
    match ole.open_stream(name) {
        Ok(s) => s.take(MAX_FILE_BYTES).read_to_end(&mut stream).map_err(|_| msg::import_damaged())?,
        Err(_) => return Ok(()),
    };
    let records = biff_records(&stream);
    let (mut strings, mut text, mut cells) = (Vec::new(), 0u64, 0u64);
    // The current sheet's corners: (first row, last row, first column, last column).
    let mut corners: Option<(u32, u32, u32, u32)> = None;
    let close_sheet = |corners: &mut Option<(u32, u32, u32, u32)>, cells: &mut u64| {
        if let Some((r0, r1, c0, c1)) = corners.take() {
            *cells = cells.saturating_add(u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1));
        }
    };
    for (i, &(typ, data)) in records.iter().enumerate() {
        match typ {
            0x00FC => strings = sst_lengths(data, records[i + 1..].iter().take_while(|r| r.0 == 0x003C).map(|r| r.1)),
            0x0809 | 0x000A => close_sheet(&mut corners, &mut cells),
            // Cells: LabelSst, Number, Label, RK, BoolErr, Formula, RString, MulRk.
            0x00FD | 0x0203 | 0x0204 | 0x027E | 0x0205 | 0x0006 | 0x00D6 | 0x00BD if data.len() >= 6 => {
                let row = u32::from(u16::from_le_bytes([data[0], data[1]]));
                let col = u32::from(u16::from_le_bytes([data[2], data[3]]));
                let last_col = if typ == 0x00BD { u32::from(u16::from_le_bytes([data[data.len() - 2], data[data.len() - 1]])).max(col) } else { col };
                let c = corners.get_or_insert((row, row, col, last_col));
                *c = (c.0.min(row), c.1.max(row), c.2.min(col), c.3.max(last_col));
                if typ == 0x00FD && data.len() >= 10 {
                    let isst = u32::from_le_bytes([data[6], data[7], data[8], data[9]]) as usize;
                    text = text.saturating_add(strings.get(isst).copied().unwrap_or(0));
                }
            }
            _ => {}
        }
        if cells.saturating_add(corners.map_or(0, |(r0, r1, c0, c1)| u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1))) > MAX_CELLS {
            return Err(msg::import_too_big(&msg::import_limit_cells(MAX_CELLS)));
        }
        if text > MAX_TEXT_BYTES {
            return Err(msg::import_too_big(&msg::import_limit_text(MAX_TEXT_BYTES)));
        }
    }
    Ok(())
}

/// A BIFF stream's records: (type, data).
fn biff_records(stream: &[u8]) -> Vec<(u16, &[u8])> {
    let mut out = Vec::new();
    let mut at = 0;
    while at + 4 <= stream.len() {
        let typ = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        let end = (at + 4 + len).min(stream.len());
        out.push((typ, &stream[at + 4..end]));
        at = end;
    }
    out
}

/// The length in characters of each string of the shared string table (SST), which continues
/// over CONTINUE records: a string's characters cut by one start again after a flags byte.
fn sst_lengths<'a>(sst: &'a [u8], continues: impl Iterator<Item = &'a [u8]>) -> Vec<u64> {
    let mut segments = std::iter::once(sst.get(8..).unwrap_or_default()).chain(continues);
    let mut data: &[u8] = segments.next().unwrap_or_default();
    let mut out = Vec::new();
    // Bytes of the current segment, moving to the next one when it is used up.
    let take = |data: &mut &'a [u8], n: usize, segments: &mut dyn Iterator<Item = &'a [u8]>| -> Option<()> {
        let mut n = n;
        while n > 0 {
            if data.is_empty() {
                *data = segments.next()?;
            }
            let k = n.min(data.len());
            *data = &data[k..];
            n -= k;
        }
        Some(())
    };
    loop {
        if data.is_empty() {
            match segments.next() {
                Some(next) => data = next,
                None => return out,
            }
            continue;
        }
        if data.len() < 3 {
            return out;
        }
        let cch = usize::from(u16::from_le_bytes([data[0], data[1]]));
        let flags = data[2];
        data = &data[3..];
        let mut head = 0;
        let runs = if flags & 0x8 != 0 { head += 2; data.get(..2).map_or(0, |b| usize::from(u16::from_le_bytes([b[0], b[1]]))) } else { 0 };
        let ext = if flags & 0x4 != 0 {
            let b = data.get(head..head + 4).unwrap_or(&[0; 4]);
            head += 4;
            u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize
        } else {
            0
        };
        data = data.get(head..).unwrap_or_default();
        let (mut left, mut wide) = (cch, flags & 0x1 != 0);
        while left > 0 {
            if data.is_empty() {
                let Some(next) = segments.next() else { return out };
                // A continued string starts again with its flags byte.
                wide = next.first().is_some_and(|f| f & 0x1 != 0);
                data = next.get(1..).unwrap_or_default();
                continue;
            }
            let width = if wide { 2 } else { 1 };
            let k = left.min(data.len() / width).max(1);
            data = data.get(k * width..).unwrap_or_default();
            left -= k;
        }
        out.push(cch as u64);
        if take(&mut data, runs * 4 + ext, &mut segments).is_none() {
            return out;
        }
    }
}

/// What has been read so far, counted as it is read: every cell kept (the empty ones before a
/// value included) and its text.
#[derive(Default)]
pub struct Budget {
    cells: u64,
    text: u64,
}

impl Budget {
    /// Counts `cells` more cells holding `text` bytes, refusing past the limits.
    pub fn take(&mut self, cells: usize, text: usize) -> Result<(), Refusal> {
        self.cells = self.cells.saturating_add(cells as u64);
        self.text = self.text.saturating_add(text as u64);
        if self.cells > MAX_CELLS {
            return Err(msg::import_too_big(&msg::import_limit_cells(MAX_CELLS)));
        }
        if self.text > MAX_TEXT_BYTES {
            return Err(msg::import_too_big(&msg::import_limit_text(MAX_TEXT_BYTES)));
        }
        Ok(())
    }
}
