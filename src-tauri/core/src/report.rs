//! The activity report (« rapport d'activité ») of a period: its data built from the same
//! [`bilan::compute`] result the workbook is written from (one computation, the same figures),
//! the agency from the settings, and the secretariat's texts; written by `maillage-report` as a
//! PDF, an ODT or a DOCX, with the workbook's rules for files (never over a file of another kind,
//! never half-written).

use std::path::Path;

use rusqlite::Connection;

pub use maillage_report::{format, Format, ReportData};

use crate::bilan;
use crate::error::{Error, Result};
use crate::files::{self, OutputKind};
use crate::model::{Bilan, Period};
use crate::queries;

/// The secretariat's own words for the period, as typed on the dashboard or with `rapport texte`
/// (`queries::report_texts`; each may be absent).
pub use crate::model::ReportTexts as Texts;

/// What a report of `format` replaces, if anything: a PDF only a PDF, an ODT or DOCX only an
/// office document.
pub fn output_kind(format: Format) -> OutputKind {
    match format {
        Format::Pdf => OutputKind::Pdf,
        Format::Odt | Format::Docx => OutputKind::OfficeText,
    }
}

/// The report's data from a bilan already computed (the workbook's own), the settings' agency and
/// `texts`, dated `produced_on` ("2026-12-05").
pub fn data_of(conn: &Connection, b: &Bilan, texts: &Texts, produced_on: &str) -> Result<ReportData> {
    let settings = queries::settings::get(conn)?;
    let ctx = maillage_report::Context {
        agency_name: settings.agency_name,
        agency_town: settings.agency_town,
        introduction: texts.introduction.clone(),
        highlights: texts.faits_marquants.clone(),
        outlook: texts.perspectives.clone(),
        produced_on: produced_on.to_owned(),
        app_version: crate::APP_VERSION.to_owned(),
    };
    Ok(maillage_report::from_bilan(b, &ctx))
}

/// Today's local date, as the report's date.
pub fn today() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

/// The report's bytes in `format`.
pub fn render(data: &ReportData, format: Format) -> Result<Vec<u8>> {
    maillage_report::render(data, format).map_err(|e| Error::Report(e.to_string()))
}

/// Computes the bilan of `period` and writes its report at `path` in `format`, with the
/// secretariat's texts stored for that period (a file of another kind is never replaced; the
/// caller has checked whether one may be). Returns the bilan.
pub fn export(conn: &Connection, period: Period, format: Format, path: &Path) -> Result<Bilan> {
    let texts = queries::report_texts::report_texts(conn, &period)?;
    let b = bilan::compute(conn, period)?;
    let data = data_of(conn, &b, &texts, &today())?;
    let bytes = render(&data, format)?;
    files::write_bytes(path, output_kind(format), &bytes)?;
    Ok(b)
}
