#![allow(dead_code)]
//! Zip bombs built as attackers build them: a zip written by hand (so that its directory can
//! declare the true sizes or lie) whose big parts are a deflate stream of one block repeated:
//! a few MB that inflate to GB, written in milliseconds without ever holding the inflated bytes.

use flate2::{Compress, Compression, FlushCompress};

/// One part of the zip.
pub enum Part {
    Bytes(Vec<u8>),
    /// `head`, then `unit` repeated until about `bytes` bytes, then `tail`; the directory declares
    /// `declared` as the inflated size when given (a lie), else the true one.
    Repeat { head: Vec<u8>, unit: Vec<u8>, bytes: u64, tail: Vec<u8>, declared: Option<u64> },
}

const BLOCK: usize = 1 << 20;

fn deflate(c: &mut Compress, input: &[u8], flush: FlushCompress) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() / 2 + 1024);
    let start = c.total_in();
    loop {
        let done = (c.total_in() - start) as usize;
        if out.capacity() - out.len() < 4096 {
            out.reserve(out.capacity().max(4096));
        }
        let status = c.compress_vec(&input[done..], &mut out, flush).unwrap();
        let all_in = (c.total_in() - start) as usize == input.len();
        if all_in && (out.len() < out.capacity() || status == flate2::Status::StreamEnd) {
            return out;
        }
    }
}

/// The deflated bytes, the inflated size and the CRC.
fn encode(part: &Part) -> (Vec<u8>, u64, u32) {
    let mut c = Compress::new(Compression::best(), false);
    match part {
        Part::Bytes(b) => {
            let mut crc = flate2::Crc::new();
            crc.update(b);
            (deflate(&mut c, b, FlushCompress::Finish), b.len() as u64, crc.sum())
        }
        Part::Repeat { head, unit, bytes, tail, declared } => {
            // A block is whole units: after a sync flush the decoder's window is the same at
            // every block boundary, so the second block's bytes decode the same every time.
            let block: Vec<u8> = unit.iter().copied().cycle().take(BLOCK / unit.len() * unit.len()).collect();
            let mut out = deflate(&mut c, head, FlushCompress::Sync);
            out.extend(deflate(&mut c, &block, FlushCompress::Sync));
            let again = deflate(&mut c, &block, FlushCompress::Sync);
            let blocks = (bytes / block.len() as u64).max(2);
            for _ in 1..blocks {
                out.extend_from_slice(&again);
            }
            out.extend(deflate(&mut c, tail, FlushCompress::Finish));
            let size = head.len() as u64 + blocks * block.len() as u64 + tail.len() as u64;
            let crc_of = |b: &[u8]| {
                let mut c = flate2::Crc::new();
                c.update(b);
                c
            };
            let (mut crc, one) = (crc_of(head), crc_of(&block));
            for _ in 0..blocks {
                crc.combine(&one);
            }
            crc.combine(&crc_of(tail));
            (out, declared.unwrap_or(size), crc.sum())
        }
    }
}

/// A zip file of `parts` (deflated; `mimetype` stored, as ODF wants it first and plain).
pub fn zip(parts: Vec<(&str, Part)>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for (name, part) in &parts {
        let (data, size, crc, method) = match part {
            Part::Bytes(b) if *name == "mimetype" => {
                let mut crc = flate2::Crc::new();
                crc.update(b);
                (b.clone(), b.len() as u64, crc.sum(), 0u16)
            }
            p => {
                let (d, s, c) = encode(p);
                (d, s, c, 8u16)
            }
        };
        let offset = out.len() as u32;
        let size32 = size.min(u32::MAX as u64) as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes()); // made by
            }
            h.extend(20u16.to_le_bytes()); // needed
            h.extend(0u16.to_le_bytes()); // flags
            h.extend(method.to_le_bytes());
            h.extend(0u32.to_le_bytes()); // time, date
            h.extend(crc.to_le_bytes());
            h.extend((data.len() as u32).to_le_bytes());
            h.extend(size32.to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend([0u8; 6]); // comment length, disk, internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(&data);
        directory.extend(header(0x0201_4b50, true));
    }
    let start = out.len() as u32;
    out.extend(&directory);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((directory.len() as u32).to_le_bytes());
    out.extend(start.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC_RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// An xlsx of one sheet « Feuil1 », given its shared strings part and its sheet part.
pub fn xlsx(shared_strings: Part, sheet: Part) -> Vec<u8> {
    let b = |s: String| Part::Bytes(s.into_bytes());
    zip(vec![
        (
            "[Content_Types].xml",
            b(r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#.to_owned()),
        ),
        ("_rels/.rels", b(format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#))),
        ("xl/workbook.xml", b(format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>"#))),
        (
            "xl/_rels/workbook.xml.rels",
            b(format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#)),
        ),
        ("xl/sharedStrings.xml", shared_strings),
        ("xl/worksheets/sheet1.xml", sheet),
    ])
}

pub fn sheet_head() -> Vec<u8> {
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>"#).into_bytes()
}
pub const SHEET_TAIL: &[u8] = b"</sheetData></worksheet>";

pub fn strings_head(count: u64) -> Vec<u8> {
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{count}" uniqueCount="{count}">"#).into_bytes()
}
pub const STRINGS_TAIL: &[u8] = b"</sst>";

/// A small true list: a header and one organisation, its names in the shared strings.
pub fn small_xlsx() -> Vec<u8> {
    let mut strings = strings_head(3);
    strings.extend(b"<si><t>Nom</t></si><si><t>Commune</t></si><si><t>Restos du coeur</t></si>");
    strings.extend(STRINGS_TAIL);
    let mut sheet = sheet_head();
    sheet.extend(br#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>19100</v></c></row>"#);
    sheet.extend(SHEET_TAIL);
    xlsx(Part::Bytes(strings), Part::Bytes(sheet))
}

/// The issue's bomb: one shared string of `bytes` « A », used by the first cell.
pub fn huge_shared_string(bytes: u64, declared: Option<u64>) -> Vec<u8> {
    let mut head = strings_head(1);
    head.extend(b"<si><t>");
    let mut tail = b"</t></si>".to_vec();
    tail.extend(STRINGS_TAIL);
    let mut sheet = sheet_head();
    sheet.extend(br#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#);
    sheet.extend(SHEET_TAIL);
    xlsx(Part::Repeat { head, unit: b"A".to_vec(), bytes, tail, declared }, Part::Bytes(sheet))
}

/// A sheet of about `bytes` of rows of one number each.
pub fn many_rows(bytes: u64, declared: Option<u64>) -> Vec<u8> {
    let mut strings = strings_head(1);
    strings.extend(b"<si><t>Nom</t></si>");
    strings.extend(STRINGS_TAIL);
    let sheet = Part::Repeat { head: sheet_head(), unit: b"<row><c><v>1</v></c></row>".to_vec(), bytes, tail: SHEET_TAIL.to_vec(), declared };
    xlsx(Part::Bytes(strings), sheet)
}

/// A sheet of about `bytes` of elements opened inside each other, never closed.
pub fn deep_xml(bytes: u64) -> Vec<u8> {
    xlsx(Part::Bytes([strings_head(0), STRINGS_TAIL.to_vec()].concat()), Part::Repeat { head: sheet_head(), unit: b"<a>".to_vec(), bytes, tail: SHEET_TAIL.to_vec(), declared: None })
}

/// A small shared string of `len` « A » used by `cells` cells: small parts, a huge sheet once
/// every cell holds its text.
pub fn shared_string_everywhere(len: usize, cells: u64) -> Vec<u8> {
    let mut strings = strings_head(1);
    strings.extend(b"<si><t>");
    strings.extend(std::iter::repeat_n(b'A', len));
    strings.extend(b"</t></si>");
    strings.extend(STRINGS_TAIL);
    let sheet = Part::Repeat { head: sheet_head(), unit: br#"<row><c t="s"><v>0</v></c></row>"#.to_vec(), bytes: cells * 32, tail: SHEET_TAIL.to_vec(), declared: None };
    xlsx(Part::Bytes(strings), sheet)
}

/// An ods whose table has `rows` rows repeated of `cols` cells repeated, each « x ».
pub fn ods_repeats(rows: u64, cols: u64) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Feuille1"><table:table-row><table:table-cell office:value-type="string"><text:p>Nom</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="{cols}" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip(vec![
        ("mimetype", Part::Bytes(b"application/vnd.oasis.opendocument.spreadsheet".to_vec())),
        (
            "META-INF/manifest.xml",
            Part::Bytes(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#.to_vec()),
        ),
        ("content.xml", Part::Bytes(content.into_bytes())),
    ])
}

/// `rows` rows of one cell in the last column (XFD): a few KB, `rows` × 16,384 cells once the
/// columns before are kept as a spreadsheet shows them.
pub fn far_cells(rows: u32) -> Vec<u8> {
    let mut strings = strings_head(1);
    strings.extend(b"<si><t>Nom</t></si>");
    strings.extend(STRINGS_TAIL);
    let mut sheet = sheet_head();
    for r in 1..=rows {
        sheet.extend(format!(r#"<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>"#).into_bytes());
    }
    sheet.extend(SHEET_TAIL);
    xlsx(Part::Bytes(strings), Part::Bytes(sheet))
}

/// An old `.xls` (BIFF8 in an OLE container, as Excel 97–2003 wrote it) of one sheet « Feuil1 »:
/// a shared string table of `strings`, then `cells` (row, column, index of the shared string).
pub fn xls(strings: &[String], cells: &[(u16, u16, u32)]) -> Vec<u8> {
    fn record(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
        out.extend(typ.to_le_bytes());
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
    }
    let bof = |dt: u16| [&0x0600u16.to_le_bytes()[..], &dt.to_le_bytes(), &[0u8; 12]].concat();
    let mut globals = Vec::new();
    record(&mut globals, 0x0809, &bof(0x0005));
    record(&mut globals, 0x0042, &1200u16.to_le_bytes()); // CodePage: UTF-16
    // BoundSheet8: its position is patched once the globals' length is known.
    let sheet_name = b"Feuil1";
    let boundsheet_at = globals.len() + 4;
    record(&mut globals, 0x0085, &[&[0u8; 4][..], &[0, 0, sheet_name.len() as u8, 0], sheet_name].concat());
    // SST: each string compressed (one byte a character), in records of at most 8,224 bytes,
    // a string cut by a record boundary going on in a CONTINUE after its flags byte.
    let mut sst = Vec::new();
    sst.extend((cells.len() as u32).to_le_bytes());
    sst.extend((strings.len() as u32).to_le_bytes());
    let mut pieces: Vec<Vec<u8>> = Vec::new();
    for s in strings {
        let bytes = s.as_bytes();
        if sst.len() + 3 > 8224 {
            pieces.push(std::mem::take(&mut sst));
        }
        sst.extend((bytes.len() as u16).to_le_bytes());
        sst.push(0);
        let mut rest = bytes;
        loop {
            let room = 8224 - sst.len();
            let k = room.min(rest.len());
            sst.extend(&rest[..k]);
            rest = &rest[k..];
            if rest.is_empty() {
                break;
            }
            pieces.push(std::mem::take(&mut sst));
            sst.push(0);
        }
    }
    pieces.push(sst);
    for (i, p) in pieces.iter().enumerate() {
        record(&mut globals, if i == 0 { 0x00FC } else { 0x003C }, p);
    }
    record(&mut globals, 0x000A, &[]);
    let at = globals.len() as u32;
    globals[boundsheet_at..boundsheet_at + 4].copy_from_slice(&at.to_le_bytes());
    let mut stream = globals;
    record(&mut stream, 0x0809, &bof(0x0010));
    for (row, col, isst) in cells {
        record(&mut stream, 0x00FD, &[&row.to_le_bytes()[..], &col.to_le_bytes(), &0u16.to_le_bytes(), &isst.to_le_bytes()].concat());
    }
    record(&mut stream, 0x000A, &[]);
    // Version 3 (512-byte sectors), as Excel writes it: calamine reads no other.
    let mut ole = cfb::CompoundFile::create_with_version(cfb::Version::V3, std::io::Cursor::new(Vec::new())).unwrap();
    std::io::Write::write_all(&mut ole.create_stream("/Workbook").unwrap(), &stream).unwrap();
    ole.flush().unwrap();
    ole.into_inner().into_inner()
}

/// The small true list as an `.xls`.
pub fn small_xls() -> Vec<u8> {
    let strings: Vec<String> = ["Nom", "Commune", "Restos du coeur", "Brive"].map(String::from).to_vec();
    xls(&strings, &[(0, 0, 0), (0, 1, 1), (1, 0, 2), (1, 1, 3)])
}

/// An `.xls` whose one shared string of `len` characters shows in `cells` cells.
pub fn xls_shared_string_everywhere(len: usize, cells: u32) -> Vec<u8> {
    let strings = ["Nom".to_owned(), "A".repeat(len)];
    let mut at: Vec<(u16, u16, u32)> = vec![(0, 0, 0)];
    at.extend((0..cells).map(|i| ((1 + i / 200) as u16, (i % 200) as u16, 1)));
    xls(&strings, &at)
}
