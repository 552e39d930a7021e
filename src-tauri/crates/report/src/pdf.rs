//! The report as a PDF/A-2a + PDF/UA-1 document, through Typst used as a library: a small
//! in-memory [`World`] serves the template (`report.typ`), the data (`data.json`), the charts'
//! SVG and the fonts from bytes — no system font, no file, no network. The document's date and
//! identifier come from the data, so the same data gives the same bytes.

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::{chart, ReportData, ReportError, Result};

const TEMPLATE: &str = include_str!("report.typ");

/// The library and the fonts, made once per process (parsing fonts is the slow part).
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = crate::fonts::FONTS.iter().flat_map(|f| Font::iter(Bytes::new(*f))).collect();
        Shared { library: LazyHash::new(Library::builder().build()), book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts }
    })
}

fn id(path: &str) -> FileId {
    RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).expect("chemin")).intern()
}

struct ReportWorld {
    main: Source,
    files: Vec<(FileId, Bytes)>,
    today: Option<Datetime>,
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &shared().library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &shared().book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() { Ok(self.main.clone()) } else { Err(FileError::NotFound(id.get().vpath().get_without_slash().into())) }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.iter().find(|(f, _)| *f == id).map(|(_, b)| b.clone()).ok_or_else(|| FileError::NotFound(id.get().vpath().get_without_slash().into()))
    }
    fn font(&self, index: usize) -> Option<Font> {
        shared().fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

fn date_of(iso: &str) -> Option<Datetime> {
    let mut p = iso.split('-').map(|x| x.parse::<i64>().ok());
    let (y, m, d) = (p.next()??, p.next()??, p.next()??);
    Datetime::from_ymd(y as i32, m as u8, d as u8)
}

fn diagnostics(what: &str, errors: &[SourceDiagnostic]) -> ReportError {
    ReportError(format!("{what}: {}", errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join(" ; ")))
}

/// The laid-out document (for the PDF, and for tests that check its pages).
pub fn layout(data: &ReportData) -> Result<PagedDocument> {
    // The data (cover, metadata, charts) and the body's blocks, the same as the ODT's and DOCX's.
    let json = serde_json::to_vec(&serde_json::json!({ "data": data, "blocks": crate::blocks::body(data) })).map_err(|e| ReportError(e.to_string()))?;
    let mut files = vec![(id("/data.json"), Bytes::new(json))];
    for c in &data.charts {
        files.push((id(&format!("/charts/{}.svg", c.id)), Bytes::new(chart::svg(c).into_bytes())));
    }
    let world = ReportWorld { main: Source::new(id("/main.typ"), TEMPLATE.to_owned()), files, today: date_of(&data.produced_on_iso) };
    typst::compile::<PagedDocument>(&world).output.map_err(|e| diagnostics("mise en page", &e))
}

/// The report as PDF/A-2a + PDF/UA-1 bytes.
pub fn render(data: &ReportData) -> Result<Vec<u8>> {
    let doc = layout(data)?;
    let standards = PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1]).map_err(|e| ReportError(e.message().to_string()))?;
    let options = PdfOptions {
        ident: Smart::Custom(format!("maillage-rapport-{}-{}", data.agency, data.period)),
        timestamp: date_of(&data.produced_on_iso).map(Timestamp::new_utc),
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&doc, &options).map_err(|e| diagnostics("PDF", &e))
}
