//! Any list out: organisations, people, a body's members, a meeting's invitations — as the
//! screen shows them (filters and sort). The headers are those the import recognises, so a list
//! exported then imported creates nothing twice. `export::lists` writes them.

use rusqlite::Connection;

use crate::error::Result;
use crate::export::lists::{List, ListCell};
use crate::labels;
use crate::model::*;
use crate::queries::{body_members, invitations, organisations, persons};

use ImportField as F;

fn text(s: Option<&str>) -> ListCell {
    ListCell::Text(s.map(str::to_owned))
}

/// A person's main current post as (organisation, function) cells.
fn post(d: Option<&persons::ListDetails>) -> (Option<String>, Option<String>) {
    d.and_then(|d| d.post.clone()).map(|(o, f)| (Some(o), f)).unwrap_or((None, None))
}

fn headers(fields: &[ImportField], extra: &[&str]) -> Vec<String> {
    fields.iter().map(|f| labels::import_field(*f).to_owned()).chain(extra.iter().map(|s| (*s).to_owned())).collect()
}

/// The list a request names, read from the base.
pub fn list(conn: &Connection, req: &ListRequest) -> Result<List> {
    match req {
        ListRequest::Organisations { filter } => {
            let details = organisations::contact_details(conn)?;
            let rows = organisations::list(conn, filter)?
                .into_iter()
                .map(|o| {
                    let d = details.get(&o.id).cloned().unwrap_or_default();
                    let [address, postal_code, territory, phone, email, website, missions, public_served] = d;
                    vec![
                        text(Some(&o.name)),
                        text(o.acronym.as_deref()),
                        text(Some(labels::sector(o.sector))),
                        text(Some(labels::org_category(o.category))),
                        ListCell::Text(address),
                        ListCell::Text(postal_code),
                        text(o.commune.as_deref()),
                        ListCell::Text(territory),
                        ListCell::Text(phone),
                        ListCell::Text(email),
                        ListCell::Text(website),
                        ListCell::Text(missions),
                        ListCell::Text(public_served),
                    ]
                })
                .collect();
            let fields = [F::OrgName, F::Acronym, F::Sector, F::OrgCategory, F::Address, F::PostalCode, F::Commune, F::Territory, F::Phone, F::Email, F::Website, F::Missions, F::PublicServed];
            Ok(List { sheet: "Organismes", headers: headers(&fields, &[]), rows })
        }
        ListRequest::People { filter } => {
            let details = persons::list_details(conn)?;
            let rows = persons::list(conn, filter)?
                .into_iter()
                // An erased person has nothing left to list.
                .filter(|p| p.first_name.is_some() || p.last_name.is_some())
                .map(|p| {
                    let d = details.get(&p.id);
                    let (org, function) = post(d);
                    vec![
                        text(d.and_then(|d| d.civility).map(labels::civility)),
                        ListCell::Text(p.last_name),
                        ListCell::Text(p.first_name),
                        text(Some(labels::person_category(p.category))),
                        ListCell::Text(p.email),
                        ListCell::Text(p.phone),
                        ListCell::Text(org),
                        ListCell::Text(function),
                    ]
                })
                .collect();
            let fields = [F::Civility, F::LastName, F::FirstName, F::PersonCategory, F::Email, F::Phone, F::Organisation, F::Function];
            Ok(List { sheet: "Personnes", headers: headers(&fields, &[]), rows })
        }
        ListRequest::Members { body_id } => {
            crate::queries::bodies::get(conn, body_id)?;
            let details = persons::list_details(conn)?;
            let mut rows = Vec::new();
            for m in body_members::of_body(conn, body_id)? {
                let (first, last, category, email, phone, org, function) = match &m.person {
                    Some(r) => {
                        let Some(p) = details.get(&r.id).filter(|p| !p.erased) else { continue };
                        let (org, function) = post(Some(p));
                        (p.first_name.clone(), p.last_name.clone(), Some(labels::person_category(p.category)), p.email.clone(), p.phone.clone(), org, function)
                    }
                    None => (None, None, None, None, None, m.organisation.as_ref().map(|o| o.label.clone()), None),
                };
                rows.push(vec![
                    ListCell::Text(last),
                    ListCell::Text(first),
                    text(category),
                    ListCell::Text(email),
                    ListCell::Text(phone),
                    ListCell::Text(org),
                    ListCell::Text(function),
                    text(Some(labels::member_role(m.role))),
                    ListCell::Date(m.start_date.clone()),
                    ListCell::Date(m.end_date.clone()),
                ]);
            }
            let fields = [F::LastName, F::FirstName, F::PersonCategory, F::Email, F::Phone, F::Organisation, F::Function, F::Role, F::StartDate, F::EndDate];
            Ok(List { sheet: "Membres", headers: headers(&fields, &[]), rows })
        }
        ListRequest::Invitations { meeting_id } => {
            crate::queries::meetings::get(conn, meeting_id)?;
            let details = persons::list_details(conn)?;
            let mut rows = Vec::new();
            for i in invitations::of_meeting(conn, meeting_id)? {
                let (first, last) = match &i.person {
                    Some(r) => {
                        let Some(p) = details.get(&r.id).filter(|p| !p.erased) else { continue };
                        (p.first_name.clone(), p.last_name.clone())
                    }
                    None => (None, None),
                };
                rows.push(vec![
                    ListCell::Text(last),
                    ListCell::Text(first),
                    text(i.person_category.map(labels::person_category)),
                    ListCell::Text(i.email.clone()),
                    ListCell::Text(i.organisation.as_ref().map(|o| o.label.clone())),
                    text(Some(labels::reply(i.reply))),
                    text(i.attendance.map(labels::attendance_status)),
                ]);
            }
            let fields = [F::LastName, F::FirstName, F::PersonCategory, F::Email, F::Organisation];
            Ok(List { sheet: "Invitations", headers: headers(&fields, &[labels::LIST_REPLY, labels::LIST_ATTENDANCE]), rows })
        }
    }
}

/// The file name offered for a list: « Organismes_2026-11-23.xlsx », « Membres_Groupe_logement_2026-11-23.csv ».
pub fn file_name(conn: &Connection, req: &ListRequest, format: ListFormat) -> Result<String> {
    let what = match req {
        ListRequest::Organisations { .. } => "Organismes".to_owned(),
        ListRequest::People { .. } => "Personnes".to_owned(),
        ListRequest::Members { body_id } => format!("Membres_{}", crate::queries::bodies::get(conn, body_id)?.name),
        ListRequest::Invitations { meeting_id } => {
            let m = crate::queries::meetings::get(conn, meeting_id)?;
            format!("Invitations_{}_{}", m.body.label, m.date)
        }
    };
    let ext = match format {
        ListFormat::Xlsx => "xlsx",
        ListFormat::Csv => "csv",
    };
    Ok(format!("{}_{}.{ext}", crate::files::safe_file_stem(&what), crate::db::today()))
}
