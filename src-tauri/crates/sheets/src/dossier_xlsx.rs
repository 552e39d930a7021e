//! A person's file as a workbook (access or portability request): one sheet per kind of data,
//! with the same names as the printable page (docs/privacy.md).

use std::path::Path;

use rust_xlsxwriter::{DocProperties, Workbook};

use super::sheet::*;
use crate::error::{Error, Result};
use crate::labels;
use crate::model::PersonDossier;

/// The sheets, in order: a contract like the bilan's (docs/privacy.md).
pub const SHEETS: &[&str] = &["Fiche", "Postes", "Instances", "Invitations", "Présences", "Envois", "Journal"];

fn date(d: &Option<String>) -> Cell {
    Cell::Date(d.clone())
}

pub fn write(d: &PersonDossier, agency: Option<&str>, path: &Path) -> Result<()> {
    let f = Formats::new();
    let p = &d.person;
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("Données personnelles — {}", p.display_name))
            .set_author(agency.unwrap_or("Maillage"))
            .set_comment("Produit par Maillage (droit d'accès, RGPD)"),
    );
    let opt = |v: Option<&str>| Cell::Text(v.unwrap_or("").to_owned());
    let record: Vec<Vec<Cell>> = vec![
        vec![text("Civilité"), opt(p.civility.map(labels::civility))],
        vec![text("Prénom"), opt_text(&p.first_name)],
        vec![text("Nom"), opt_text(&p.last_name)],
        vec![text("Catégorie"), text(labels::person_category(p.category))],
        vec![text("Courriel"), opt_text(&p.email)],
        vec![text("Téléphone"), opt_text(&p.phone)],
        vec![text("Remarques"), opt_text(&p.notes)],
        vec![text("Consentement à être contacté(e)"), opt(p.contact_consent.map(labels::consent_status))],
        vec![text("Date du consentement"), date(&p.consent_date)],
        vec![text("Recueilli par"), opt(p.consent_method.map(labels::consent_method))],
        vec![text("Fiche créée le"), date(&Some(p.created_at.clone()))],
        vec![text("Dernière modification"), date(&Some(p.updated_at.clone()))],
        vec![text("Archivée le"), date(&p.archived_at)],
        vec![text("Données effacées le"), date(&p.erased_at)],
        vec![text("Conservée au-delà de la durée prévue"), opt_text(&d.kept)],
        vec![text("Document produit le"), date(&Some(d.made_at.clone()))],
    ];
    let sheets: Vec<(Vec<String>, Vec<Vec<Cell>>)> = vec![
        (headers(&["Rubrique", "Valeur"]), record),
        (
            headers(&["Organisme", "Fonction", "Début", "Fin", "Contact principal"]),
            p.affiliations
                .iter()
                .map(|a| vec![text(&a.organisation_name), opt_text(&a.function), date(&a.start_date), date(&a.end_date), text(if a.is_main_contact { labels::YES } else { "" })])
                .collect(),
        ),
        (
            headers(&["Instance", "Rôle", "Début", "Fin"]),
            d.seats.iter().map(|s| vec![text(&s.body), text(labels::member_role(s.role)), date(&s.start_date), date(&s.end_date)]).collect(),
        ),
        (
            headers(&["Date", "Réunion", "Réponse", "Répondu le"]),
            d.invitations.iter().map(|i| vec![date(&Some(i.date.clone())), text(&i.meeting), opt(i.reply.map(labels::reply)), date(&i.replied_on)]).collect(),
        ),
        (
            headers(&["Date", "Réunion", "Présence", "Venu(e) sans invitation", "À la place de"]),
            d.presences
                .iter()
                .map(|a| {
                    vec![date(&Some(a.date.clone())), text(&a.meeting), text(labels::attendance_status(a.status)), text(if a.walk_in { labels::YES } else { "" }), opt_text(&a.standing_in_for)]
                })
                .collect(),
        ),
        (
            headers(&["Produit le", "Réunion", "Objet", "Forme"]),
            d.mailings
                .iter()
                .map(|m| vec![date(&Some(m.produced_at.clone())), text(&m.meeting), text(labels::mailing_purpose(m.purpose)), text(labels::mailing_format(m.format))])
                .collect(),
        ),
        (
            headers(&["Quand (UTC)", "Utilisateur", "Poste", "Origine", "Action", "Données", "Champs"]),
            d.journal
                .iter()
                .map(|j| {
                    vec![
                        Cell::DateTime(Some(j.at.clone())),
                        text(&j.os_user),
                        text(&j.machine),
                        text(labels::journal_origin(j.origin)),
                        text(labels::journal_action(j.action)),
                        text(&j.table_label),
                        text(&j.fields.join(", ")),
                    ]
                })
                .collect(),
        ),
    ];
    let footer = format!("Données personnelles de {} — {}", p.display_name, agency.unwrap_or("Maillage"));
    for (i, (name, (head, rows))) in SHEETS.iter().zip(sheets).enumerate() {
        let ws = wb.add_worksheet().set_name(*name).map_err(xlsx)?;
        let fit = table(ws, &f, &format!("Dossier{i}"), 0, 0, &head, &rows)?;
        fit.apply(ws)?;
        ws.set_freeze_panes(1, 0).map_err(xlsx)?;
        print_setup(ws, &fit, &PrintSetup { footer: &footer, header_row: 0, key_columns: 1, one_page: false })?;
    }
    wb.save(path).map_err(|e| match e {
        rust_xlsxwriter::XlsxError::IoError(source) => Error::Io { path: path.display().to_string(), source },
        e => xlsx(e),
    })
}
