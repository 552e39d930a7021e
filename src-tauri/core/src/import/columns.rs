//! Which line holds the headers, and which column fills which field: guessed from the French
//! headers offices use, corrected by the user, remembered for the next file with the same headers.

use rusqlite::Connection;

use super::read::{Sheet, SourceFile};
use crate::error::{msg, Error, Result};
use crate::model::{ColumnMapping, ImportField, ImportKind, ImportMapping};
use crate::text::words;

use ImportField as F;

/// The fields of each kind of file, in the exported lists' order; for each, the headers that
/// name it (folded: no accents, case or punctuation). The first is the one exported lists write.
pub fn fields(kind: ImportKind) -> &'static [(ImportField, &'static [&'static str])] {
    const EMAIL: &[&str] = &["courriel", "mel", "mail", "e mail", "email", "adresse electronique", "adresse mail", "adresse courriel"];
    const PHONE: &[&str] = &["telephone", "tel", "tel fixe", "telephone fixe", "standard", "numero de telephone"];
    const MOBILE: &[&str] = &["portable", "mobile", "tel portable", "telephone portable", "tel mobile"];
    const ORGANISATION: &[&str] = &["structure", "organisme", "organisation", "employeur", "raison sociale", "nom de la structure", "etablissement", "service"];
    const PERSON: &[(ImportField, &[&str])] = &[
        (F::Civility, &["civilite", "titre"]),
        (F::LastName, &["nom", "nom de famille", "nom d usage"]),
        (F::FirstName, &["prenom"]),
        (F::PersonCategory, &["categorie", "qualite", "type", "type de contact"]),
        (F::Email, EMAIL),
        (F::Phone, PHONE),
        (F::Mobile, MOBILE),
        (F::Organisation, ORGANISATION),
        (F::Function, &["fonction", "poste", "intitule du poste"]),
        // The post's start.
        (F::StartDate, &["depuis", "date d entree", "debut", "date de debut", "entree", "en poste depuis"]),
        (F::Notes, &["remarques", "notes", "observations", "commentaire", "commentaires"]),
    ];
    const MEMBER: &[(ImportField, &[&str])] = &[
        (F::Civility, &["civilite", "titre"]),
        (F::LastName, &["nom", "nom de famille", "nom d usage"]),
        (F::FirstName, &["prenom"]),
        (F::PersonCategory, &["categorie", "type", "type de contact"]),
        (F::Email, EMAIL),
        (F::Phone, PHONE),
        (F::Mobile, MOBILE),
        (F::Organisation, ORGANISATION),
        (F::Function, &["fonction", "poste", "intitule du poste"]),
        (F::Role, &["role", "role dans l instance", "qualite", "mandat"]),
        (F::StartDate, &["depuis", "date d entree", "debut", "date de debut", "entree"]),
        (F::EndDate, &["jusqu au", "date de sortie", "fin", "date de fin", "sortie"]),
    ];
    const ORGANISATIONS: &[(ImportField, &[&str])] = &[
        (F::OrgName, &["nom", "nom de la structure", "raison sociale", "structure", "organisme", "organisation", "partenaire", "denomination", "nom structure"]),
        (F::Acronym, &["sigle", "acronyme"]),
        (F::Sector, &["secteur"]),
        (F::OrgCategory, &["categorie", "type", "type de structure", "categorie de structure"]),
        (F::Address, &["adresse", "adresse postale", "rue"]),
        (F::PostalCode, &["code postal", "cp"]),
        (F::Commune, &["commune", "ville", "localite"]),
        (F::Territory, &["territoire", "quartier", "secteur geographique"]),
        (F::Phone, PHONE),
        (F::Mobile, MOBILE),
        (F::Email, EMAIL),
        (F::Website, &["site web", "site", "site internet", "url"]),
        (F::Missions, &["missions", "mission"]),
        (F::PublicServed, &["public accueilli", "public", "publics"]),
    ];
    match kind {
        ImportKind::Organisations => ORGANISATIONS,
        ImportKind::People => PERSON,
        ImportKind::Members => MEMBER,
    }
}

/// The fields a kind of list can fill, in order.
pub fn fields_of(kind: ImportKind) -> Vec<ImportField> {
    fields(kind).iter().map(|(f, _)| *f).collect()
}

/// A file read: what the UI shows before the user corrects the mapping.
pub fn opened(conn: &Connection, kind: ImportKind, file: &SourceFile) -> Result<crate::model::ImportOpened> {
    Ok(crate::model::ImportOpened {
        source: crate::model::ImportSource { file_name: file.file_name.clone(), sheets: file.sheets.iter().map(|s| s.name.clone()).collect() },
        mapping: guess(conn, kind, file, None, None)?,
        fields: fields_of(kind),
    })
}

/// A header as compared: folded, punctuation as spaces (« Mél. » and « E-mail » are « mel »
/// and « e mail »).
fn header_key(h: &str) -> String {
    words(h).join(" ")
}

/// The field a header names, for this kind of file.
pub fn field_of(kind: ImportKind, header: &str) -> Option<ImportField> {
    let key = header_key(header);
    if key.is_empty() {
        return None;
    }
    fields(kind).iter().find(|(_, names)| names.contains(&key.as_str())).map(|(f, _)| *f)
}

/// Column letters as a spreadsheet shows them: A…Z, AA…
pub fn letter(index: u32) -> String {
    let mut n = index as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(b'A' + r);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The line (1-based) whose cells name the most fields, among the first 30; the first line when
/// none names any (the user then says which columns hold what).
fn header_line(kind: ImportKind, sheet: &Sheet) -> u32 {
    let mut best = (0usize, 1u32);
    for (i, row) in sheet.rows.iter().take(30).enumerate() {
        let mut found: Vec<ImportField> = row.iter().filter_map(|c| field_of(kind, c)).collect();
        found.sort_by_key(|f| f.code());
        found.dedup();
        if found.len() > best.0 {
            best = (found.len(), i as u32 + 1);
        }
    }
    best.1
}

/// The mapping of a sheet's columns when its headers are on `line` (guessed when `None`), or
/// the one remembered for the same headers.
pub fn guess(conn: &Connection, kind: ImportKind, file: &SourceFile, sheet: Option<&str>, line: Option<u32>) -> Result<ImportMapping> {
    let sheet = match sheet {
        Some(name) => file.sheet(name).ok_or_else(|| Error::invalid("sheet", msg::import_no_sheet(name)))?,
        None => &file.sheets[0],
    };
    let line = line.unwrap_or_else(|| header_line(kind, sheet));
    let headers: Vec<String> = sheet.rows.get(line.saturating_sub(1) as usize).cloned().unwrap_or_default();
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0).max(headers.len());
    let below = sheet.rows.iter().skip(line as usize);
    let mut samples = vec![String::new(); width];
    for row in below.take(200) {
        for (i, cell) in row.iter().enumerate().take(width) {
            if samples[i].is_empty() && !cell.trim().is_empty() {
                samples[i] = cell.trim().chars().take(60).collect();
            }
        }
    }
    let mut columns: Vec<ColumnMapping> = (0..width)
        .map(|i| {
            let header = headers.get(i).map(|h| h.trim().to_owned()).unwrap_or_default();
            ColumnMapping { index: i as u32, letter: letter(i as u32), field: field_of(kind, &header), header, sample: std::mem::take(&mut samples[i]) }
        })
        .collect();
    // One column per field: the first that names it wins, the others are left for the user.
    let mut seen = Vec::new();
    for c in &mut columns {
        if let Some(f) = c.field {
            if seen.contains(&f) {
                c.field = None;
            } else {
                seen.push(f);
            }
        }
    }
    let mut mapping = ImportMapping { sheet: sheet.name.clone(), header_line: line, columns, remembered: false };
    if let Some(saved) = remembered(conn, kind, &mapping)? {
        for c in &mut mapping.columns {
            c.field = saved.get(c.index as usize).copied().flatten();
        }
        mapping.remembered = true;
    }
    Ok(mapping)
}

/// The headers of a mapping, as the key of what is remembered.
fn signature(m: &ImportMapping) -> String {
    m.columns.iter().map(|c| header_key(&c.header)).collect::<Vec<_>>().join("|")
}

fn remembered(conn: &Connection, kind: ImportKind, m: &ImportMapping) -> Result<Option<Vec<Option<ImportField>>>> {
    let json = crate::queries::import_mappings::get(conn, kind, &signature(m))?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

/// Remembers a mapping the user confirmed, for the next file with the same headers.
pub(crate) fn remember(conn: &Connection, kind: ImportKind, m: &ImportMapping) -> Result<()> {
    let width = m.columns.iter().map(|c| c.index as usize + 1).max().unwrap_or(0);
    let mut fields: Vec<Option<ImportField>> = vec![None; width];
    for c in &m.columns {
        fields[c.index as usize] = c.field;
    }
    let json = serde_json::to_string(&fields).map_err(|e| Error::invalid("mapping", e.to_string()))?;
    crate::queries::import_mappings::save(conn, kind, &signature(m), &json)
}

/// A mapping written by hand for the command line (docs/import.md):
/// `{"sheet": "Contacts", "header_line": 3, "columns": {"C": "email", "Portable": "phone", "F": null}}`.
/// A column is named by its letter or its header; `null` leaves it out. Columns not named keep
/// the field guessed from their header.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingFile {
    pub sheet: Option<String>,
    pub header_line: Option<u32>,
    #[serde(default)]
    pub columns: std::collections::BTreeMap<String, Option<String>>,
}

impl MappingFile {
    pub fn read(path: &std::path::Path) -> Result<Self> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: shown.clone(), source })?;
        serde_json::from_str(&text).map_err(|e| Error::invalid("mapping", msg::import_mapping_file(&shown, e.line(), e.column())))
    }

    pub fn apply(&self, kind: ImportKind, m: &mut ImportMapping) -> Result<()> {
        for (name, field) in &self.columns {
            let field = match field {
                None => None,
                Some(code) => Some(
                    ImportField::from_code(code)
                        .filter(|f| fields(kind).iter().any(|(k, _)| k == f))
                        .ok_or_else(|| Error::invalid("mapping", msg::import_mapping_field(code, &fields(kind).iter().map(|(f, _)| f.code()).collect::<Vec<_>>().join(", "))))?,
                ),
            };
            let column = m
                .columns
                .iter_mut()
                .find(|c| c.letter == name.to_uppercase() || (!c.header.is_empty() && header_key(&c.header) == header_key(name)))
                .ok_or_else(|| Error::invalid("mapping", msg::import_mapping_column(name)))?;
            column.field = field;
        }
        Ok(())
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
        assert_eq!(letter(701), "ZZ");
        assert_eq!(letter(702), "AAA");
    }

    #[test]
    fn french_headers() {
        let p = ImportKind::People;
        assert_eq!(field_of(p, " Mél. "), Some(F::Email));
        assert_eq!(field_of(p, "E-mail"), Some(F::Email));
        assert_eq!(field_of(p, "NOM"), Some(F::LastName));
        assert_eq!(field_of(p, "Prénom"), Some(F::FirstName));
        assert_eq!(field_of(p, "Structure"), Some(F::Organisation));
        assert_eq!(field_of(p, "Tél."), Some(F::Phone));
        assert_eq!(field_of(p, "Portable"), Some(F::Mobile));
        assert_eq!(field_of(ImportKind::Organisations, "Raison sociale"), Some(F::OrgName));
        assert_eq!(field_of(ImportKind::Organisations, "CP"), Some(F::PostalCode));
        assert_eq!(field_of(ImportKind::Organisations, "Nom"), Some(F::OrgName));
        assert_eq!(field_of(p, "Annuaire des partenaires 2025"), None);
    }

    #[test]
    fn every_field_of_a_kind_has_a_header_and_headers_are_not_shared() {
        for kind in [ImportKind::Organisations, ImportKind::People, ImportKind::Members] {
            let mut all: Vec<&str> = fields(kind).iter().flat_map(|(_, n)| n.iter().copied()).collect();
            let n = all.len();
            all.sort();
            all.dedup();
            assert_eq!(all.len(), n, "{kind:?}: a header names two fields");
            for (_, names) in fields(kind) {
                assert_eq!(header_key(names[0]), names[0]);
            }
        }
    }
}
