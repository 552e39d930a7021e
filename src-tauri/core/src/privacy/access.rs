//! Everything Maillage holds about one person, for an access or portability request (RGPD art. 15
//! and 20): shown as a printable page in the app and written as a workbook.

use std::path::Path;

use rusqlite::Connection;

use crate::error::Result;

/// The file's types are the model's, read by `queries::dossier`.
pub use crate::model::{DossierInvitation, DossierMailing, DossierPresence, DossierSeat, PersonDossier};
pub use crate::queries::dossier::dossier;

/// The workbook's suggested name: « Donnees_personnelles_Prenom_Nom.xlsx ».
pub fn file_name(display_name: &str) -> String {
    format!("Donnees_personnelles_{}.xlsx", crate::files::safe_file_stem(display_name))
}

/// Writes the dossier of `person_id` as a workbook at `out` (whole or not at all).
pub fn export(conn: &Connection, person_id: &str, out: &Path, force: bool) -> Result<PersonDossier> {
    crate::files::check_output(out, crate::files::OutputKind::Workbook, force)?;
    let d = dossier(conn, person_id)?;
    let agency = crate::queries::settings::get(conn)?.agency_name;
    crate::files::write_atomically(out, |partial| crate::export::dossier_xlsx::write(&d, agency.as_deref(), partial))?;
    Ok(d)
}
