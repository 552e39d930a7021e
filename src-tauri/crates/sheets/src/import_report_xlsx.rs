//! An import's report as a workbook: what was done, and every rejected row with its sheet,
//! line, column and reason, for the person who will correct the source file.

use rust_xlsxwriter::Workbook;

use super::sheet::{self, Cell, Formats};
use crate::error::Result;
use crate::model::ImportSummary;

/// The sheets, in order.
pub const SHEETS: [&str; 3] = ["Résumé", "Lignes rejetées", "Doublons"];

/// Writes the report's workbook at `out` (never over a database, never half-written), over an
/// existing file only when `force` (the CLI's `--force`; the app's save dialog has asked).
pub fn save(report: &ImportSummary, out: &std::path::Path, force: bool) -> Result<()> {
    crate::files::check_output(out, crate::files::OutputKind::Workbook, force)?;
    crate::files::write_bytes(out, crate::files::OutputKind::Workbook, &write(report)?)
}

pub fn write(report: &ImportSummary) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let f = Formats::new();

    let ws = book.add_worksheet();
    ws.set_name(SHEETS[0]).map_err(sheet::xlsx)?;
    let lines: Vec<Vec<Cell>> = [
        ("Lignes lues", report.rows),
        ("Créées", report.created),
        ("Mises à jour", report.updated),
        ("Ignorées", report.skipped),
        ("Rejetées", report.rejected),
        ("Organismes créés pour les postes", report.new_organisations.len() as u32),
        ("Personnes créées pour l'instance", report.new_people.len() as u32),
    ]
    .into_iter()
    .map(|(what, n)| vec![Cell::Text(what.to_owned()), Cell::Count(f64::from(n))])
    .collect();
    let fit = sheet::table(ws, &f, "Resume", 2, 0, &sheet::headers(&["Résultat", "Nombre"]), &lines)?;
    sheet::title(ws, &f, &fit, 0, &format!("Import de « {} » (feuille « {} »)", report.file_name, report.sheet))?;
    finish(ws, &fit, 2)?;

    let ws = book.add_worksheet();
    ws.set_name(SHEETS[1]).map_err(sheet::xlsx)?;
    let rows: Vec<Vec<Cell>> = report
        .rejections
        .iter()
        .map(|r| vec![Cell::Text(r.sheet.clone()), Cell::Count(f64::from(r.line)), Cell::Text(r.column.clone()), Cell::Text(r.reason.clone())])
        .collect();
    let fit = sheet::table(ws, &f, "Rejets", 0, 0, &sheet::headers(&["Feuille", "Ligne", "Colonne", "Motif"]), &rows)?;
    ws.set_freeze_panes(1, 0).map_err(sheet::xlsx)?;
    finish(ws, &fit, 0)?;

    let ws = book.add_worksheet();
    ws.set_name(SHEETS[2]).map_err(sheet::xlsx)?;
    let rows: Vec<Vec<Cell>> = report
        .duplicates
        .iter()
        .map(|d| {
            vec![
                Cell::Count(f64::from(d.line)),
                Cell::Text(d.row_label.clone()),
                Cell::Text(d.existing_label.clone()),
                Cell::Text(d.reason.clone()),
                Cell::Text(crate::labels::duplicate_choice(d.choice).to_owned()),
                Cell::Text(d.changes.join(" ; ")),
            ]
        })
        .collect();
    let fit = sheet::table(ws, &f, "Doublons", 0, 0, &sheet::headers(&["Ligne", "Ligne du fichier", "Ressemble à", "Motif", "Décision", "Modifications"]), &rows)?;
    ws.set_freeze_panes(1, 0).map_err(sheet::xlsx)?;
    finish(ws, &fit, 0)?;

    book.save_to_buffer().map_err(sheet::xlsx)
}

/// Widths, row heights and an A4 page setup (`sheet::print_setup`), the header row at `header_row`.
fn finish(ws: &mut rust_xlsxwriter::Worksheet, fit: &sheet::Fit, header_row: u32) -> Result<()> {
    fit.apply(ws)?;
    sheet::print_setup(ws, fit, &sheet::PrintSetup { footer: "Rapport d'import", header_row, key_columns: 1, one_page: false })
}
