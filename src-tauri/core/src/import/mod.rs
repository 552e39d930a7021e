//! Lists from spreadsheets and CSV files: organisations, people with their posts, the members of
//! a body (docs/import.md).
//!
//! One function runs an import, [`run`]: row by row through the core's own create and update
//! functions (so derived columns, the search index and the journal are right), each row in its
//! savepoint (a rejected row leaves nothing behind), all in one transaction. A preview is the same
//! run, rolled back: what it announces is exactly what the write does.

pub mod cells;
pub mod columns;
pub mod limits;
pub mod matching;
pub mod read;

use std::collections::HashMap;

use rusqlite::Connection;

use crate::db::write_tx;
use crate::error::{msg, Error, Result};
use crate::labels;
use crate::model::*;
use crate::queries::{affiliations, body_members, organisations, persons};
use matching::{organisation_key, person_key, Found, Index, Why};
pub use read::{read, read_bytes, SourceFile};

use ImportField as F;

/// Told how far an import is (rows done, rows in the sheet) every few hundred rows; answers
/// `false` to stop it (« Annuler »): nothing is then written.
pub type Progress<'a> = &'a mut dyn FnMut(u32, u32) -> bool;

/// What the import would do, without writing anything.
pub fn preview(conn: &Connection, file: &SourceFile, req: &ImportRequest) -> Result<ImportSummary> {
    run(conn, file, req, false, &mut |_, _| true)
}

/// Writes the import (after a backup of the base), or nothing when `strict` and a row is
/// rejected. The mapping is remembered for the next file with the same headers.
pub fn apply(db: &crate::Database, file: &SourceFile, req: &ImportRequest) -> Result<ImportSummary> {
    apply_with(db, file, req, &mut |_, _| true)
}

/// [`preview`], telling `progress` how far it is.
pub fn preview_with(conn: &Connection, file: &SourceFile, req: &ImportRequest, progress: Progress) -> Result<ImportSummary> {
    run(conn, file, req, false, progress)
}

/// [`apply`], telling `progress` how far it is.
pub fn apply_with(db: &crate::Database, file: &SourceFile, req: &ImportRequest, progress: Progress) -> Result<ImportSummary> {
    db.backup(crate::backup::Reason::BeforeImport)?;
    run(db.conn(), file, req, true, progress)
}

/// The app's import screen was left and came back without a file.
pub fn not_chosen() -> Error {
    Error::invalid("file", msg::import_not_chosen())
}

/// « Import_contacts_2026-11-23.xlsx »: the report's file name offered.
pub fn report_file_name(s: &ImportSummary) -> String {
    let stem = std::path::Path::new(&s.file_name).file_stem().map(|x| x.to_string_lossy().into_owned()).unwrap_or_default();
    format!("Compte-rendu_import_{}_{}.xlsx", crate::files::safe_file_stem(&stem), crate::db::today())
}

/// The columns of the sheet, by field: (field, index, header as the user reads it).
struct Columns {
    by_field: HashMap<ImportField, (usize, String)>,
}

impl Columns {
    fn new(m: &ImportMapping) -> Self {
        let by_field = m
            .columns
            .iter()
            .filter_map(|c| c.field.map(|f| (f, (c.index as usize, if c.header.is_empty() { c.letter.clone() } else { c.header.clone() }))))
            .collect();
        Columns { by_field }
    }

    fn has(&self, f: ImportField) -> bool {
        self.by_field.contains_key(&f)
    }

    /// The column's name in a message: its header, or the field's French name when unmapped.
    fn name(&self, f: ImportField) -> String {
        self.by_field.get(&f).map(|(_, h)| h.clone()).unwrap_or_else(|| labels::import_field(f).to_owned())
    }

    fn get(&self, row: &[String], f: ImportField) -> Option<String> {
        let (i, _) = self.by_field.get(&f)?;
        row.get(*i).map(|s| s.trim()).filter(|s| !s.is_empty()).map(str::to_owned)
    }
}

/// A row that cannot come in: the column (when one is at fault) and the French reason.
struct Reject(Option<ImportField>, String);

type RowResult<T> = std::result::Result<T, Reject>;

/// The core's refusal of a row, as a rejection naming the column.
fn refused(e: Error) -> Result<Reject> {
    match e {
        Error::Invalid { field, message } | Error::Conflict { field, message } => Ok(Reject(field_of_error(&field), message)),
        Error::NotFound { what } => Ok(Reject(None, format!("{what} introuvable"))),
        other => Err(other),
    }
}

/// The import field behind a query module's field code.
fn field_of_error(field: &str) -> Option<ImportField> {
    Some(match field {
        "name" => F::OrgName,
        "acronym" => F::Acronym,
        "postal_code" => F::PostalCode,
        "phone" => F::Phone,
        "email" => F::Email,
        "website" => F::Website,
        "missions" => F::Missions,
        "public_served" => F::PublicServed,
        "first_name" => F::FirstName,
        "last_name" => F::LastName,
        "notes" => F::Notes,
        "function" => F::Function,
        "role" => F::Role,
        "start_date" => F::StartDate,
        "end_date" => F::EndDate,
        "organisation_id" => F::Organisation,
        _ => return None,
    })
}

struct Run<'a> {
    conn: &'a Connection,
    req: &'a ImportRequest,
    cols: Columns,
    choices: HashMap<u32, DuplicateChoice>,
    /// The kind's own records (organisations, or people), then the rows taken in.
    records: Index,
    /// Organisations named in a « Structure » column, for people and members.
    orgs: Index,
    out: ImportSummary,
}

/// Runs an import; writes it when `write` (and not `strict` with rejected rows).
fn run(conn: &Connection, file: &SourceFile, req: &ImportRequest, write: bool, progress: Progress) -> Result<ImportSummary> {
    let sheet = file.sheet(&req.mapping.sheet).ok_or_else(|| Error::invalid("sheet", msg::import_no_sheet(&req.mapping.sheet)))?;
    let cols = Columns::new(&req.mapping);
    check_mapping(req, &cols)?;
    if req.kind == ImportKind::Members {
        let body = req.body_id.as_deref().ok_or_else(|| Error::invalid("body_id", msg::import_body_needed()))?;
        crate::queries::bodies::get(conn, body)?;
    }
    let tx = write_tx(conn)?;
    let _origin = crate::journal::origin_for(conn, JournalOrigin::Import)?;
    let mut run = Run {
        conn,
        req,
        cols,
        choices: req.choices.iter().map(|c| (c.line, c.choice)).collect(),
        records: match req.kind {
            ImportKind::Organisations => Index::organisations(conn)?,
            _ => Index::people(conn)?,
        },
        orgs: if req.kind == ImportKind::Organisations { Index::default() } else { Index::organisations(conn)? },
        out: ImportSummary { file_name: file.file_name.clone(), sheet: sheet.name.clone(), ..Default::default() },
    };
    let total = sheet.rows.len().saturating_sub(req.mapping.header_line as usize) as u32;
    for (i, row) in sheet.rows.iter().enumerate().skip(req.mapping.header_line as usize) {
        let line = i as u32 + 1;
        let done = line - 1 - req.mapping.header_line;
        if done.is_multiple_of(250) && !progress(done, total) {
            // Dropping the transaction rolls everything back.
            return Err(Error::invalid("cancelled", msg::import_cancelled()));
        }
        if run.cols.by_field.values().all(|(c, _)| row.get(*c).is_none_or(|s| s.trim().is_empty())) {
            continue;
        }
        run.out.rows += 1;
        let sp = write_tx(conn)?;
        let outcome = match req.kind {
            ImportKind::Organisations => run.organisation(line, row),
            ImportKind::People => run.person(line, row),
            ImportKind::Members => run.member(line, row),
        };
        match outcome {
            Ok(Ok(())) => sp.commit()?,
            Ok(Err(Reject(field, reason))) => {
                drop(sp);
                run.reject(line, field, reason);
            }
            Err(e) => return Err(e),
        }
    }
    progress(total, total);
    let mut out = run.out;
    out.rejected = out.rejections.len() as u32;
    if write && !(req.strict && out.rejected > 0) {
        columns::remember(&tx, req.kind, &req.mapping)?;
        tx.commit()?;
        out.written = true;
    }
    Ok(out)
}

/// The columns without which no row can come in.
fn check_mapping(req: &ImportRequest, cols: &Columns) -> Result<()> {
    let ok = match req.kind {
        ImportKind::Organisations => cols.has(F::OrgName),
        ImportKind::People => cols.has(F::LastName) || cols.has(F::FirstName),
        ImportKind::Members => cols.has(F::LastName) || cols.has(F::FirstName) || cols.has(F::Organisation),
    };
    if ok {
        return Ok(());
    }
    let needed = match req.kind {
        ImportKind::Organisations => labels::import_field(F::OrgName).to_owned(),
        ImportKind::People => format!("{} ou {}", labels::import_field(F::LastName), labels::import_field(F::FirstName)),
        ImportKind::Members => format!("{}, {} ou {}", labels::import_field(F::LastName), labels::import_field(F::FirstName), labels::import_field(F::Organisation)),
    };
    Err(Error::invalid("mapping", msg::import_column_needed(&needed)))
}

impl Run<'_> {
    fn reject(&mut self, line: u32, field: Option<ImportField>, reason: String) {
        let column = field.map(|f| self.cols.name(f)).unwrap_or_default();
        self.out.rejections.push(Rejection { sheet: self.out.sheet.clone(), line, column, reason });
    }

    fn choice(&self, line: u32) -> DuplicateChoice {
        self.choices.get(&line).copied().unwrap_or(self.req.on_duplicate)
    }

    /// A coded cell (« Centre social »), or the rejection that lists what the column accepts.
    fn coded<T>(&self, row: &[String], f: ImportField, parse: impl Fn(&str) -> Option<T>, accepted: impl Fn() -> String) -> RowResult<Option<T>> {
        match self.cols.get(row, f) {
            None => Ok(None),
            Some(s) => parse(&s).map(Some).ok_or_else(|| Reject(Some(f), msg::import_unknown_value(&s, &accepted()))),
        }
    }

    fn date(&self, row: &[String], f: ImportField) -> RowResult<Option<String>> {
        match self.cols.get(row, f) {
            None => Ok(None),
            Some(s) => cells::date(&s).map(Some).ok_or_else(|| Reject(Some(f), msg::import_bad_date(&s))),
        }
    }

    /// The phone column, or the mobile one when the phone is empty; a number that lost its zero
    /// gets it back.
    fn phone(&self, row: &[String]) -> Option<String> {
        self.cols.get(row, F::Phone).or_else(|| self.cols.get(row, F::Mobile)).map(|p| cells::phone(&p))
    }

    /// Records a duplicate and returns what to do with it.
    fn duplicate(&mut self, line: u32, row_label: String, found: &Found, why: Why) -> DuplicateChoice {
        let choice = self.choice(line);
        let (existing_label, existing_id) = match found {
            Found::Base { id, label } => (label.clone(), Some(id.clone())),
            Found::Line { line, .. } => (msg::import_file_line(*line), None),
        };
        let reason = match why {
            Why::Email => msg::import_same_email(),
            Why::Name => msg::import_same_name(),
            Why::Phone => msg::import_same_phone(),
        };
        self.out.duplicates.push(DuplicateRow { line, row_label, existing_label, existing_id, reason, choice, changes: Vec::new() });
        choice
    }

    fn organisation(&mut self, line: u32, row: &[String]) -> Result<RowResult<()>> {
        let input = match self.organisation_input(row) {
            Ok(i) => i,
            Err(r) => return Ok(Err(r)),
        };
        let key = organisation_key(&input.name);
        let found = self.records.find(&key, input.commune.as_deref(), input.email.as_deref(), input.phone.as_deref());
        let target = match found {
            None => None,
            Some((found, why)) => {
                let label = input.name.clone();
                match (self.duplicate(line, label, &found, why), target_id(&found)) {
                    (DuplicateChoice::Skip, id) => {
                        self.out.skipped += 1;
                        self.records.add(key, input.commune.as_deref(), None, None, Found::Line { line, id });
                        return Ok(Ok(()));
                    }
                    (DuplicateChoice::Merge, Some(id)) => Some(id),
                    _ => None,
                }
            }
        };
        let id = match target {
            Some(id) => {
                let changes = match self.merge_organisation(&id, &input, row) {
                    Ok(c) => c,
                    Err(e) => return refused(e).map(Err),
                };
                self.count_merge(changes);
                id
            }
            None => match organisations::create(self.conn, input.clone()) {
                Ok(o) => {
                    self.out.created += 1;
                    o.id
                }
                Err(e) => return refused(e).map(Err),
            },
        };
        self.records.add(key, input.commune.as_deref(), input.email.as_deref(), input.phone.as_deref(), Found::Line { line, id: Some(id) });
        Ok(Ok(()))
    }

    fn organisation_input(&self, row: &[String]) -> RowResult<OrganisationInput> {
        let name = self.cols.get(row, F::OrgName).ok_or_else(|| Reject(Some(F::OrgName), msg::required(labels::import_field(F::OrgName))))?;
        let category = self.coded(row, F::OrgCategory, cells::org_category, || cells::accepted(OrgCategory::ALL, labels::org_category))?;
        let sector = self.coded(row, F::Sector, cells::sector, || cells::accepted(Sector::ALL, labels::sector))?;
        let category = category.unwrap_or(OrgCategory::Autre);
        Ok(OrganisationInput {
            name,
            acronym: self.cols.get(row, F::Acronym),
            sector: Some(sector.unwrap_or_else(|| cells::sector_of(category))),
            category: Some(category),
            address: self.cols.get(row, F::Address),
            postal_code: self.cols.get(row, F::PostalCode).map(|p| cells::postal_code(&p)),
            commune: self.cols.get(row, F::Commune),
            territory: self.cols.get(row, F::Territory),
            phone: self.phone(row),
            email: self.cols.get(row, F::Email),
            website: self.cols.get(row, F::Website),
            missions: self.cols.get(row, F::Missions),
            public_served: self.cols.get(row, F::PublicServed),
            ..Default::default()
        })
    }

    /// Completes and corrects an organisation with the row's non-empty cells; the name stays as
    /// it is in the base. Returns what changed.
    fn merge_organisation(&self, id: &str, row_input: &OrganisationInput, row: &[String]) -> Result<Vec<String>> {
        let o = organisations::get(self.conn, id)?;
        let mut input = OrganisationInput {
            name: o.name.clone(),
            acronym: o.acronym.clone(),
            sector: Some(o.sector),
            category: Some(o.category),
            parent_id: o.parent.as_ref().map(|p| p.id.clone()),
            address: o.address.clone(),
            postal_code: o.postal_code.clone(),
            commune: o.commune.clone(),
            territory: o.territory.clone(),
            phone: o.phone.clone(),
            email: o.email.clone(),
            website: o.website.clone(),
            missions: o.missions.clone(),
            public_served: o.public_served.clone(),
            access_conditions: o.access_conditions.clone(),
            partnership_expectations: o.partnership_expectations.clone(),
            partnership_limits: o.partnership_limits.clone(),
            domain_ids: o.domains.iter().map(|d| d.id.clone()).collect(),
        };
        let mut changes = Vec::new();
        for (f, into, from) in [
            (F::Acronym, &mut input.acronym, &row_input.acronym),
            (F::Address, &mut input.address, &row_input.address),
            (F::PostalCode, &mut input.postal_code, &row_input.postal_code),
            (F::Commune, &mut input.commune, &row_input.commune),
            (F::Territory, &mut input.territory, &row_input.territory),
            (F::Phone, &mut input.phone, &row_input.phone),
            (F::Email, &mut input.email, &row_input.email),
            (F::Website, &mut input.website, &row_input.website),
            (F::Missions, &mut input.missions, &row_input.missions),
            (F::PublicServed, &mut input.public_served, &row_input.public_served),
        ] {
            overlay(&mut changes, f, into, from);
        }
        // Sector and category change only when the file says them (not when guessed).
        let given = |f| self.cols.get(row, f).is_some();
        overlay_coded(&mut changes, F::OrgCategory, given(F::OrgCategory), &mut input.category, row_input.category, labels::org_category);
        overlay_coded(&mut changes, F::Sector, given(F::Sector), &mut input.sector, row_input.sector, labels::sector);
        if !changes.is_empty() {
            organisations::update(self.conn, id, input)?;
        }
        Ok(changes)
    }

    fn count_merge(&mut self, changes: Vec<String>) {
        if changes.is_empty() {
            self.out.skipped += 1;
        } else {
            self.out.updated += 1;
        }
        if let Some(d) = self.out.duplicates.last_mut() {
            d.changes = changes;
        }
    }

    fn person_input(&self, row: &[String]) -> RowResult<PersonInput> {
        let civility = self.coded(row, F::Civility, cells::civility, || cells::accepted(Civility::ALL, labels::civility))?;
        let category = self.coded(row, F::PersonCategory, cells::person_category, || cells::accepted(PersonCategory::ALL, labels::person_category))?;
        let has_post = self.cols.get(row, F::Organisation).is_some();
        Ok(PersonInput {
            civility,
            first_name: self.cols.get(row, F::FirstName),
            last_name: self.cols.get(row, F::LastName),
            // Someone listed with a structure is most often a professional of it.
            category: Some(category.unwrap_or(if has_post { PersonCategory::Professionnel } else { PersonCategory::Autre })),
            email: self.cols.get(row, F::Email),
            phone: self.phone(row),
            notes: self.cols.get(row, F::Notes),
            ..Default::default()
        })
    }

    /// The organisation a « Structure » cell names, created (category « Autre ») when the base
    /// does not have it.
    fn organisation_named(&mut self, name: &str) -> Result<RowResult<String>> {
        let key = organisation_key(name);
        if let Some((Found::Base { id, .. }, _)) = self.orgs.find(&key, None, None, None) {
            return Ok(Ok(id));
        }
        let input = OrganisationInput { name: name.to_owned(), sector: Some(Sector::Associatif), category: Some(OrgCategory::Autre), ..Default::default() };
        match organisations::create(self.conn, input) {
            Ok(o) => {
                self.out.new_organisations.push(o.name.clone());
                self.orgs.add(key, None, None, None, Found::Base { id: o.id.clone(), label: o.name });
                Ok(Ok(o.id))
            }
            Err(e) => refused(e).map(|Reject(_, why)| Err(Reject(Some(F::Organisation), why))),
        }
    }

    /// The row's post, unless the person already holds a current one in that organisation
    /// (`new_person`: they cannot, no need to look).
    fn post(&mut self, person_id: &str, new_person: bool, row: &[String]) -> Result<RowResult<Option<String>>> {
        let Some(name) = self.cols.get(row, F::Organisation) else { return Ok(Ok(None)) };
        let org_id = match self.organisation_named(&name)? {
            Ok(id) => id,
            Err(r) => return Ok(Err(r)),
        };
        if !new_person && affiliations::of_person(self.conn, person_id)?.iter().any(|a| a.current && a.organisation_id == org_id) {
            return Ok(Ok(None));
        }
        let function = self.cols.get(row, F::Function);
        // In a list of people, « Depuis » is the post's start; in a body's, the seat's.
        let start_date = if self.req.kind == ImportKind::People {
            match self.date(row, F::StartDate) {
                Ok(d) => d,
                Err(r) => return Ok(Err(r)),
            }
        } else {
            None
        };
        let input = AffiliationInput { person_id: person_id.to_owned(), organisation_id: org_id, function: function.clone(), start_date, ..Default::default() };
        match affiliations::insert(self.conn, input) {
            Ok(_) => Ok(Ok(Some(msg::import_new_post(&name, function.as_deref())))),
            Err(e) => refused(e).map(Err),
        }
    }

    /// A person not in the base, with the row's post.
    fn new_person(&mut self, input: &PersonInput, row: &[String]) -> Result<RowResult<String>> {
        let id = match persons::insert(self.conn, input.clone()) {
            Ok(id) => id,
            Err(e) => return refused(e).map(Err),
        };
        Ok(self.post(&id, true, row)?.map(|_| id))
    }

    fn person(&mut self, line: u32, row: &[String]) -> Result<RowResult<()>> {
        let input = match self.person_input(row) {
            Ok(i) if i.first_name.is_none() && i.last_name.is_none() => return Ok(Err(Reject(Some(F::LastName), msg::name_needed()))),
            Ok(i) => i,
            Err(r) => return Ok(Err(r)),
        };
        let key = person_key(input.first_name.as_deref(), input.last_name.as_deref());
        let label = row_person_label(&input, self.cols.get(row, F::Organisation).as_deref());
        let found = self.records.find(&key, None, input.email.as_deref(), input.phone.as_deref());
        let target = match found {
            None => None,
            Some((found, why)) => match (self.duplicate(line, label, &found, why), target_id(&found)) {
                (DuplicateChoice::Skip, id) => {
                    self.out.skipped += 1;
                    self.records.add(key, None, None, None, Found::Line { line, id });
                    return Ok(Ok(()));
                }
                (DuplicateChoice::Merge, Some(id)) => Some(id),
                _ => None,
            },
        };
        let id = match target {
            Some(id) => {
                let mut changes = match self.merge_person(&id, &input, row) {
                    Ok(c) => c,
                    Err(e) => return refused(e).map(Err),
                };
                match self.post(&id, false, row)? {
                    Ok(Some(post)) => changes.push(post),
                    Ok(None) => {}
                    Err(r) => return Ok(Err(r)),
                }
                self.count_merge(changes);
                id
            }
            None => {
                let id = match self.new_person(&input, row)? {
                    Ok(id) => id,
                    Err(r) => return Ok(Err(r)),
                };
                self.out.created += 1;
                id
            }
        };
        self.records.add(key, None, input.email.as_deref(), input.phone.as_deref(), Found::Line { line, id: Some(id) });
        Ok(Ok(()))
    }

    /// Completes and corrects a person with the row's non-empty cells (names stay as they are).
    fn merge_person(&self, id: &str, row_input: &PersonInput, row: &[String]) -> Result<Vec<String>> {
        let p = persons::get(self.conn, id)?;
        let mut input = PersonInput {
            civility: p.civility,
            first_name: p.first_name.clone(),
            last_name: p.last_name.clone(),
            category: Some(p.category),
            email: p.email.clone(),
            phone: p.phone.clone(),
            notes: p.notes.clone(),
            contact_consent: p.contact_consent,
            consent_date: p.consent_date.clone(),
            consent_method: p.consent_method,
        };
        let mut changes = Vec::new();
        // A typed e-mail is compared as stored (lower-case).
        let email = row_input.email.as_ref().map(|e| e.trim().to_lowercase());
        for (f, into, from) in [(F::Email, &mut input.email, &email), (F::Phone, &mut input.phone, &row_input.phone), (F::Notes, &mut input.notes, &row_input.notes)] {
            overlay(&mut changes, f, into, from);
        }
        overlay_coded(&mut changes, F::Civility, row_input.civility.is_some(), &mut input.civility, row_input.civility, labels::civility);
        let category_given = self.cols.get(row, F::PersonCategory).is_some();
        overlay_coded(&mut changes, F::PersonCategory, category_given, &mut input.category, row_input.category, labels::person_category);
        if !changes.is_empty() {
            persons::update(self.conn, id, input)?;
        }
        Ok(changes)
    }

    fn member(&mut self, line: u32, row: &[String]) -> Result<RowResult<()>> {
        let body_id = self.req.body_id.clone().unwrap_or_default();
        let role = match self.coded(row, F::Role, cells::member_role, || cells::accepted(MemberRole::ALL, labels::member_role)) {
            Ok(r) => r.unwrap_or(MemberRole::Membre),
            Err(r) => return Ok(Err(r)),
        };
        let (start_date, end_date) = match (self.date(row, F::StartDate), self.date(row, F::EndDate)) {
            (Ok(s), Ok(e)) => (s, e),
            (Err(r), _) | (_, Err(r)) => return Ok(Err(r)),
        };
        let input = match self.person_input(row) {
            Ok(i) => i,
            Err(r) => return Ok(Err(r)),
        };
        let (person_id, organisation_id) = if input.first_name.is_some() || input.last_name.is_some() {
            // A member already in the base is seated as they are; someone new is created first.
            let key = person_key(input.first_name.as_deref(), input.last_name.as_deref());
            let known = match self.records.find(&key, None, input.email.as_deref(), input.phone.as_deref()) {
                Some((found, _)) => target_id(&found),
                None => None,
            };
            let id = match known {
                Some(id) => id,
                None => {
                    let id = match self.new_person(&input, row)? {
                        Ok(id) => id,
                        Err(r) => return Ok(Err(r)),
                    };
                    self.out.new_people.push(row_person_label(&input, self.cols.get(row, F::Organisation).as_deref()));
                    self.records.add(key, None, input.email.as_deref(), input.phone.as_deref(), Found::Line { line, id: Some(id.clone()) });
                    id
                }
            };
            (Some(id), None)
        } else {
            match self.cols.get(row, F::Organisation) {
                Some(name) => match self.organisation_named(&name)? {
                    Ok(id) => (None, Some(id)),
                    Err(r) => return Ok(Err(r)),
                },
                None => return Ok(Err(Reject(Some(F::LastName), msg::member_needs_someone()))),
            }
        };
        let seat = BodyMemberInput { body_id, person_id, organisation_id, role: Some(role), start_date, end_date };
        match body_members::add(self.conn, seat) {
            Ok(_) => self.out.created += 1,
            // Already sitting: nothing to do, and nothing wrong.
            Err(Error::Conflict { field, .. }) if field == "person_id" => self.out.skipped += 1,
            Err(e) => return refused(e).map(Err),
        }
        Ok(Ok(()))
    }
}

/// The record a duplicate would be merged into.
fn target_id(found: &Found) -> Option<String> {
    match found {
        Found::Base { id, .. } => Some(id.clone()),
        Found::Line { id, .. } => id.clone(),
    }
}

/// « Sophie Martin — CAF » for the preview's lists.
fn row_person_label(p: &PersonInput, organisation: Option<&str>) -> String {
    let name = persons::display_name(p.first_name.as_deref(), p.last_name.as_deref());
    match organisation {
        Some(o) => format!("{name} — {o}"),
        None => name,
    }
}

/// The same for a coded value, when the file gives it (a default guessed for a new record does
/// not replace what the base says).
fn overlay_coded<T: Copy + PartialEq>(changes: &mut Vec<String>, f: ImportField, given: bool, into: &mut Option<T>, from: Option<T>, label: fn(T) -> &'static str) {
    if let Some(new) = from.filter(|_| given) {
        if *into != Some(new) {
            changes.push(msg::import_change(labels::import_field(f), into.map(label), label(new)));
            *into = Some(new);
        }
    }
}

/// Takes the row's value when it has one and it differs, noting the change.
fn overlay(changes: &mut Vec<String>, f: ImportField, into: &mut Option<String>, from: &Option<String>) {
    if let Some(new) = from {
        if into.as_deref().map(str::trim) != Some(new.trim()) {
            changes.push(msg::import_change(labels::import_field(f), into.as_deref(), new));
            *into = Some(new.clone());
        }
    }
}
