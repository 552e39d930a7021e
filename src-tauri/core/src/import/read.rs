//! Files to tables of text: spreadsheets through calamine (xlsx, xlsm, xls, ods), CSV through the
//! csv crate after guessing the encoding and the separator as French offices write them.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, DataRef, Reader, Sheets};

use super::limits::{self, Budget};
use crate::error::{msg, Error, Result};

/// A sheet as text, one `Vec` per line of the sheet from its first line (blank lines kept, so
/// that a row's index + 1 is the line a spreadsheet shows).
#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct SourceFile {
    pub file_name: String,
    /// Only the sheets that hold something.
    pub sheets: Vec<Sheet>,
}

impl SourceFile {
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.name == name)
    }
}

/// Reads the file at `path`. Its content decides how (a CSV saved as `.xls` by a web site is
/// common), not its extension.
pub fn read(path: &Path) -> Result<SourceFile> {
    let io = |source| Error::Io { path: path.display().to_string(), source };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // Its size before its bytes: a file past the limit is not loaded at all.
    let len = std::fs::metadata(path).map_err(io)?.len();
    limits::check_file_size(usize::try_from(len).unwrap_or(usize::MAX)).map_err(|why| unreadable(&name, why))?;
    let bytes = std::fs::read(path).map_err(io)?;
    read_bytes(&name, &bytes)
}

fn unreadable(file_name: &str, why: String) -> Error {
    Error::invalid("file", msg::import_unreadable(file_name, &why))
}

/// Reads a file already in memory; `file_name` is for messages and the CSV's sheet name.
pub fn read_bytes(file_name: &str, bytes: &[u8]) -> Result<SourceFile> {
    let bad = |why: String| unreadable(file_name, why);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(bad(msg::import_empty_file()));
    }
    limits::check_file_size(bytes.len()).map_err(&bad)?;
    let sheets = if bytes.starts_with(b"PK\x03\x04") {
        // What the zip expands to is checked before calamine reads any of it.
        limits::check_zip(bytes).map_err(&bad)?;
        spreadsheet(bytes).map_err(&bad)?
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // An OLE file: an old .xls, or an .xlsx protected by a password (Excel wraps those so).
        if is_encrypted_ooxml(bytes) {
            return Err(bad(msg::import_password()));
        }
        limits::check_xls(bytes).map_err(&bad)?;
        spreadsheet(bytes).map_err(&bad)?
    } else {
        let stem = Path::new(file_name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        // Web sites often serve CSV under a spreadsheet's name: it is read as CSV; when it is not
        // text either, the user is told about a damaged spreadsheet, which is what they chose.
        let named_spreadsheet = matches!(
            Path::new(file_name).extension().map(|e| e.to_string_lossy().to_lowercase()).as_deref(),
            Some("xlsx" | "xlsm" | "xls" | "ods")
        );
        vec![csv_sheet(&stem, bytes).map_err(|e| bad(if named_spreadsheet { msg::import_damaged() } else { e }))?]
    };
    let sheets: Vec<Sheet> = sheets.into_iter().filter(|s| s.rows.iter().any(|r| r.iter().any(|c| !c.trim().is_empty()))).collect();
    if sheets.is_empty() {
        return Err(bad(msg::import_empty_file()));
    }
    Ok(SourceFile { file_name: file_name.to_owned(), sheets })
}

/// An encrypted Office file is an OLE container holding an `EncryptedPackage` stream; its name
/// is stored in UTF-16 in the directory.
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// A spreadsheet parser given a damaged file must not take the app down with it: a panic in
/// calamine is a damaged file.
fn spreadsheet(bytes: &[u8]) -> std::result::Result<Vec<Sheet>, String> {
    std::panic::catch_unwind(|| spreadsheet_sheets(bytes)).unwrap_or_else(|_| Err(msg::import_damaged()))
}

fn spreadsheet_sheets(bytes: &[u8]) -> std::result::Result<Vec<Sheet>, String> {
    let mut budget = Budget::default();
    let mut out = Vec::new();
    match calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| workbook_error(&e))? {
        // Cell by cell, shared strings borrowed: what is kept is counted as it comes, and a
        // string used by a million cells is not copied a million times before the count.
        Sheets::Xlsx(mut book) => {
            for name in book.sheet_names() {
                let mut grid = Grid::default();
                let mut cells = book.worksheet_cells_reader(&name).map_err(|e| workbook_error(&e.into()))?;
                while let Some(cell) = cells.next_cell().map_err(|e| workbook_error(&e.into()))? {
                    grid.put(cell.get_position(), cell_ref_text(cell.get_value()), &mut budget)?;
                }
                out.push(Sheet { name, rows: grid.rows });
            }
        }
        Sheets::Xlsb(mut book) => {
            for name in book.sheet_names() {
                let mut grid = Grid::default();
                let mut cells = book.worksheet_cells_reader(&name).map_err(|e| workbook_error(&e.into()))?;
                while let Some(cell) = cells.next_cell().map_err(|e| workbook_error(&e.into()))? {
                    grid.put(cell.get_position(), cell_ref_text(cell.get_value()), &mut budget)?;
                }
                out.push(Sheet { name, rows: grid.rows });
            }
        }
        mut book => {
            for name in book.sheet_names() {
                let range = book.worksheet_range(&name).map_err(|e| workbook_error(&e))?;
                let mut grid = Grid::default();
                for (row, col, d) in range.used_cells() {
                    grid.put((row as u32 + range.start().map_or(0, |s| s.0), col as u32 + range.start().map_or(0, |s| s.1)), cell_text(d), &mut budget)?;
                }
                out.push(Sheet { name, rows: grid.rows });
            }
        }
    }
    Ok(out)
}

/// A sheet's lines as the user sees them: blank lines and columns before a cell are kept, so
/// that line numbers and letters are those of the spreadsheet; empty cells are not stored.
#[derive(Default)]
struct Grid {
    rows: Vec<Vec<String>>,
}

impl Grid {
    fn put(&mut self, (row, col): (u32, u32), text: String, budget: &mut Budget) -> std::result::Result<(), String> {
        if text.is_empty() {
            return Ok(());
        }
        let (row, col) = (row as usize, col as usize);
        let new_rows = (row + 1).saturating_sub(self.rows.len());
        let line_len = self.rows.get(row).map_or(0, Vec::len);
        budget.take(new_rows + (col + 1).saturating_sub(line_len), text.len())?;
        if new_rows > 0 {
            self.rows.resize(row + 1, Vec::new());
        }
        let line = &mut self.rows[row];
        if line.len() <= col {
            line.resize(col + 1, String::new());
        }
        line[col] = text;
        Ok(())
    }
}

/// calamine's errors are English: the user gets the French reason, the detail is dropped.
fn workbook_error(e: &calamine::Error) -> String {
    let text = e.to_string().to_lowercase();
    if text.contains("password") {
        msg::import_password()
    } else {
        msg::import_damaged()
    }
}

fn cell_ref_text(d: &DataRef) -> String {
    match d {
        DataRef::SharedString(s) => (*s).to_owned(),
        other => cell_text(&Data::from(other.clone())),
    }
}

/// A cell as text: numbers without a useless « .0 », dates as ISO dates, formulas by their
/// last computed value (calamine reads that), errors (« #N/A ») as empty.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "oui" } else { "non" }.to_owned(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().format("%Y-%m-%d").to_string(),
            Some(t) => t.format("%Y-%m-%d %H:%M").to_string(),
            None => number_text(dt.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).to_owned(),
    }
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// A CSV file's text, as French offices write it: UTF-8 (with or without its BOM), UTF-16 with
/// its BOM, or Windows-1252 (French Excel's « CSV (séparateur : point-virgule) »). Anything else
/// is refused rather than read as nonsense. A UTF-8 file with a few invalid bytes (a cell pasted
/// from elsewhere) is read with U+FFFD in their place and `Decoded::damaged`: its lines are
/// named to the user, not decoded as Windows-1252 (which turns every « é » into « Ã© » and loses
/// the « Prénom » or « Civilité » header).
struct Decoded {
    text: String,
    damaged: bool,
}

fn decode(bytes: &[u8]) -> std::result::Result<Decoded, String> {
    let ok = |text: String| Ok(Decoded { text, damaged: false });
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return if had_errors { Err(msg::import_encoding()) } else { ok(text.into_owned()) };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return if text.contains('\0') { Err(msg::import_encoding()) } else { ok(text.to_owned()) };
    }
    if mostly_utf8(bytes) {
        let text = String::from_utf8_lossy(bytes).into_owned();
        return if text.contains('\0') { Err(msg::import_encoding()) } else { Ok(Decoded { text, damaged: true }) };
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    if !plausible_french(&text) {
        return Err(msg::import_encoding());
    }
    ok(text.into_owned())
}

/// UTF-8 with a few invalid bytes: at least as many valid multi-byte characters as invalid
/// bytes. Windows-1252 French text almost never holds a valid multi-byte sequence (« é » is one
/// byte followed by a letter, not by two bytes 0x80–0xBF).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid, mut rest) = (0usize, 0usize, bytes);
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (good, after) = rest.split_at(e.valid_up_to());
                valid += std::str::from_utf8(good).map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                invalid += 1;
                rest = &after[e.error_len().unwrap_or(after.len()).max(1).min(after.len())..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    valid > 0 && valid >= invalid
}

/// Whether a text read as Windows-1252 is plausibly French, as a list is: no control character
/// nor byte Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D); its other characters
/// mostly the accented letters, ligatures and typography of French (and of names from nearby
/// languages); and rarely two of them in a row. Shift-JIS and GB18030 read so give pairs of
/// symbols and capitals (« “Œ‹ž », « ÕÅÎ° »): their characters are two bytes above 0x80.
fn plausible_french(text: &str) -> bool {
    const FRENCH: &str = "àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆáíóúñãõåøßÁÍÓÚÑÃÕÅØ«»“”‘’–—…•€°§²³µ";
    let (mut others, mut odd, mut in_a_row) = (0usize, 0usize, 0usize);
    let mut previous_other = false;
    for c in text.chars() {
        if (c.is_control() && !matches!(c, '\t' | '\r' | '\n')) || ('\u{80}'..='\u{9f}').contains(&c) {
            return false;
        }
        // A no-break space sits between « and the word in French, like a space.
        let other = !c.is_ascii() && c != '\u{a0}';
        if other {
            others += 1;
            odd += usize::from(!FRENCH.contains(c));
            in_a_row += usize::from(previous_other);
        }
        previous_other = other;
    }
    !((odd >= 3 && odd * 5 > others) || (in_a_row >= 3 && in_a_row * 3 > others))
}

/// The separator that splits the first lines most evenly: `;` (French Excel), `,` or a tab.
fn separator(text: &str) -> u8 {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(20).collect();
    let mut best = (b';', 0usize);
    for sep in [b';', b'\t', b','] {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, sep)).collect();
        // The most common non-zero count, weighted by how many lines share it.
        let mut score = 0;
        for c in counts.iter().filter(|c| **c > 0) {
            let same = counts.iter().filter(|x| *x == c).count();
            score = score.max(same * 1000 + c);
        }
        if score > best.1 {
            best = (sep, score);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, sep: u8) -> usize {
    let mut quoted = false;
    line.bytes()
        .filter(|b| {
            if *b == b'"' {
                quoted = !quoted;
            }
            !quoted && *b == sep
        })
        .count()
}

fn csv_sheet(name: &str, bytes: &[u8]) -> std::result::Result<Sheet, String> {
    let Decoded { text, damaged } = decode(bytes)?;
    let sheet = csv_rows(name, &text)?;
    if damaged {
        return Err(msg::import_invalid_utf8(&invalid_cells(&sheet)));
    }
    Ok(sheet)
}

/// Where a damaged UTF-8 file's invalid bytes are: « ligne 3, colonne B » as a spreadsheet shows.
fn invalid_cells(sheet: &Sheet) -> Vec<String> {
    let mut out = Vec::new();
    for (line, row) in sheet.rows.iter().enumerate() {
        for (col, cell) in row.iter().enumerate() {
            if cell.contains('\u{FFFD}') {
                out.push(msg::import_cell(line as u32 + 1, &super::columns::letter(col as u32)));
            }
        }
    }
    out
}

fn csv_rows(name: &str, text: &str) -> std::result::Result<Sheet, String> {
    let mut budget = Budget::default();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // The csv crate skips blank lines; a spreadsheet shows them as blank rows, and the report's
    // line numbers must be those the user sees. A record's position is where the reader resumed:
    // at the previous record's line end, then the blank lines it skipped.
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|_| msg::import_damaged())?;
        let at = record.position().map(|p| p.byte() as usize).unwrap_or(0);
        let skipped = text.as_bytes().get(at..).unwrap_or_default().iter().take_while(|b| matches!(b, b'\r' | b'\n')).filter(|b| **b == b'\n').count();
        let skipped = if i == 0 { skipped } else { skipped.saturating_sub(1) };
        rows.extend(std::iter::repeat_n(Vec::new(), skipped));
        // Maillage's own CSV lists write `="01000"` for a text a spreadsheet would change (and
        // older ones an apostrophe before a formula-like text): the typed value comes back here.
        let mut cells: Vec<String> = record.iter().map(crate::export::csv_text::unguard).collect();
        while cells.last().is_some_and(|c| c.is_empty()) {
            cells.pop();
        }
        budget.take(cells.len() + skipped, cells.iter().map(String::len).sum())?;
        rows.push(cells);
    }
    Ok(Sheet { name: name.to_owned(), rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_as_offices_write_them() {
        assert_eq!(separator("Nom;Commune\nCAF;Brive\n"), b';');
        assert_eq!(separator("Nom,Commune\n\"CAF, Corrèze\",Brive\n"), b',');
        assert_eq!(separator("Nom\tCommune\nCAF\tBrive\n"), b'\t');
        // A comma inside a French name does not win over the semicolons.
        assert_eq!(separator("Nom;Sigle\nRestos du cœur, Brive;RDC\nCAF;CAF\n"), b';');
    }

    #[test]
    fn encodings() {
        let decode = |b: &[u8]| super::decode(b).map(|d| d.text);
        assert_eq!(decode("Sécurité".as_bytes()).unwrap(), "Sécurité");
        assert_eq!(decode(b"\xEF\xBB\xBFS\xC3\xA9").unwrap(), "Sé");
        assert_eq!(decode(b"S\xE9curit\xE9 \x9Cuvre").unwrap(), "Sécurité œuvre");
        // French typography: « and » with their no-break spaces, ’, –, €.
        assert!(decode(b"\xAB\xA0CAF\xA0\xBB \x96 l\x92\xE9t\xE9 : 5\x80 ; \xC9L\xC8NE \xC7A").is_ok());
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("Nom".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        assert_eq!(decode(&utf16).unwrap(), "Nom");
        assert!(decode(b"N\x00o\x00m\x00").is_err(), "UTF-16 without its BOM");
        assert!(decode(b"\x81\x8D binary").is_err());
    }

    #[test]
    fn csv_rows_are_the_lines_a_spreadsheet_shows() {
        let s = csv_rows("f", "Titre\r\n\r\nNom;Note\r\nA;\"deux\r\nlignes\"\r\n\r\nB;x\r\n").unwrap();
        let firsts: Vec<&str> = s.rows.iter().map(|r| r.first().map(String::as_str).unwrap_or("")).collect();
        assert_eq!(firsts, ["Titre", "", "Nom", "A", "", "B"]);
    }

    #[test]
    fn cells() {
        assert_eq!(number_text(5.0), "5");
        assert_eq!(number_text(555123456.0), "555123456");
        assert_eq!(number_text(2.5), "2.5");
    }
}
