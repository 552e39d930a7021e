//! The bilan as an Excel workbook. Its sheets and column headers are a contract: users compare
//! workbooks year after year, so existing columns never move; new ones go at the end.
//!
//! Real Excel work: native tables with filters, frozen header rows, numbers as numbers (counts,
//! percentages formatted as %, dates as Excel dates), fitted column widths, and a native chart.
//! Totals only, unless the user asked for names (then a `Participants` sheet and a warning).

use std::path::Path;

use rust_xlsxwriter::{Chart, ChartType, DocProperties, Workbook, XlsxError};

use crate::error::{Error, Result};
use maillage_figures::definitions::{DEFINITIONS, EXTRA_DEFINITIONS};
use crate::labels;
use crate::model::*;

use super::sheet::*;

/// "janv. 2026" for a chart's categories.
fn month_label(ym: &str) -> String {
    const M: [&str; 12] = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];
    let m: usize = ym.get(5..7).and_then(|s| s.parse().ok()).unwrap_or(1);
    format!("{} {}", M[(m - 1).min(11)], &ym[..4])
}

/// The `Réunions` sheet: one row per meeting of the period.
fn meetings_sheet(wb: &mut Workbook, f: &Formats, meetings: &[BilanMeeting], footer: &str) -> Result<()> {
    let ws = wb.add_worksheet().set_name("Réunions").map_err(xlsx)?;
    let rows: Vec<Vec<Cell>> = meetings
        .iter()
        .map(|m| {
            let g = &m.figures;
            vec![
                Cell::Date(Some(m.date.clone())),
                Cell::Text(m.title.as_ref().map(|t| format!("{} — {t}", m.body)).unwrap_or_else(|| m.body.clone())),
                text(labels::body_kind(m.body_kind)),
                opt_text(&m.place),
                count(g.invited_people),
                count(g.invited_organisations),
                count(g.present),
                count(g.excused),
                count(g.absent),
                count(g.no_reply),
                count(g.organisations_present),
                count(g.organisations_present_or_excused),
                count(g.non_members_present),
                Cell::Rate(g.participation_rate),
                Cell::Date(m.minutes_sent_on.clone()),
                text(labels::meeting_status(m.status)),
                count(g.represented),
                count(g.walk_ins),
            ]
        })
        .collect();
    let fit = table(ws, f, "Reunions", 0, 0, &headers(&[
        "Date", "Instance", "Type d'instance", "Lieu", "Invités (personnes)", "Invités (organismes)", "Présents", "Excusés",
        "Absents", "Sans réponse", "Organismes présents", "Organismes présents ou excusés", "Non-membres présents",
        "Taux de participation", "Compte rendu envoyé le", "Statut", "Représentés", "Sans invitation",
    ]), &rows)?;
    // Date and meeting on each page across.
    finish(ws, &fit, footer, 2)
}

/// The sheets of the working groups: `Groupes de travail`, `Actions`, `Indicateurs`, `Veille`.
fn work_sheets(wb: &mut Workbook, f: &Formats, bilan: &Bilan, n: &str, n1: &str, footer: &str) -> Result<()> {
    let w = &bilan.work;
    let ws = wb.add_worksheet().set_name("Groupes de travail").map_err(xlsx)?;
    let rows: Vec<Vec<Cell>> = w
        .groups
        .iter()
        .map(|g| {
            vec![text(&g.name), opt_text(&g.theme), opt_text(&g.pilot), count(g.members), count(g.guests), count(g.held),
                 Cell::Decimal(g.average_present), count(g.distinct_organisations), count(g.actions), count(g.indicators)]
        })
        .collect();
    let fit = table(ws, f, "Groupes", 0, 0, &headers(&[
        "Groupe", "Thème", "Pilote", "Membres inscrits", "Invités non-membres", "Réunions tenues", "Présents en moyenne",
        "Organismes distincts", "Actions issues du groupe", "Indicateurs suivis",
    ]), &rows)?;
    finish(ws, &fit, footer, 1)?;

    let ws = wb.add_worksheet().set_name("Actions").map_err(xlsx)?;
    let rows: Vec<Vec<Cell>> = w
        .actions
        .iter()
        .map(|a| {
            vec![text(&a.title), opt_text(&a.group), opt_text(&a.pilot), text(&a.copilots.join(", ")), text(&a.partners.join(", ")),
                 text(a.timescale.map(labels::timescale).unwrap_or("")), text(labels::action_status(a.status)),
                 Cell::Date(a.start_date.clone()), Cell::Date(a.end_date.clone()), count(a.volunteers),
                 count(a.beneficiaries_identified), count(a.beneficiaries_visited), count(a.beneficiaries_referred)]
        })
        .collect();
    let fit = table(ws, f, "Actions", 0, 0, &headers(&[
        "Action", "Groupe", "Pilote", "Copilotes", "Partenaires impliqués", "Échéance", "Statut", "Début", "Fin", "Bénévoles",
        "Bénéficiaires", "Bénéficiaires visités", "Bénéficiaires orientés",
    ]), &rows)?;
    finish(ws, &fit, footer, 1)?;

    let ws = wb.add_worksheet().set_name("Indicateurs").map_err(xlsx)?;
    let rows: Vec<Vec<Cell>> = w
        .indicators
        .iter()
        .map(|i| {
            let value = match (i.unit, i.number, &i.text) {
                (IndicatorUnit::Pourcentage, Some(v), _) => Cell::Rate(Some(v / 100.0)),
                (IndicatorUnit::Nombre, Some(v), _) => Cell::Count(v),
                (_, Some(v), _) => Cell::Decimal(Some(v)),
                (_, None, Some(t)) => text(t),
                _ => Cell::Decimal(None),
            };
            vec![text(&i.code), text(&i.label), text(&i.scope), text(&i.period), value, text(labels::indicator_unit(i.unit)),
                 text(if i.computed { "calculé" } else { "saisi" })]
        })
        .collect();
    let fit = table(ws, f, "Indicateurs", 0, 0, &headers(&["Code", "Indicateur", "Périmètre", "Période", "Valeur", "Unité", "Source"]), &rows)?;
    finish(ws, &fit, footer, 2)?;

    // Veille: the watch figures N against N-1, then the solicitations per institution.
    let ws = wb.add_worksheet().set_name("Veille").map_err(xlsx)?;
    let (now, before) = (&w.watch, &w.watch_previous);
    let mut rows = vec![
        vec![text("Réunions du groupe de veille"), count(w.watch_meetings.0), count(w.watch_meetings.1)],
        vec![text("Fiches de remontées reçues"), count(now.reports), count(before.reports)],
        vec![text("Fiches résolues"), count(now.resolved), count(before.resolved)],
    ];
    let shares = |list_now: &[Share], list_before: &[Share], prefix: &str, rows: &mut Vec<Vec<Cell>>| {
        let mut labels_seen: Vec<&str> = list_now.iter().map(|s| s.label.as_str()).collect();
        for s in list_before {
            if !labels_seen.contains(&s.label.as_str()) {
                labels_seen.push(&s.label);
            }
        }
        for l in labels_seen {
            let get = |list: &[Share]| list.iter().find(|s| s.label == l).and_then(|s| s.share);
            rows.push(vec![Cell::Text(format!("{prefix}{l}")), Cell::Rate(get(list_now)), Cell::Rate(get(list_before))]);
        }
    };
    shares(&now.categories, &before.categories, "Part des fiches — ", &mut rows);
    shares(&now.rights, &before.rights, "Droit concerné — ", &mut rows);
    shares(&now.follow_ups, &before.follow_ups, "Suite donnée — ", &mut rows);
    let fit = table(ws, f, "Veille", 0, 0, &[String::from("Indicateur"), n.to_owned(), n1.to_owned()], &rows)?;
    let start = rows.len() as u32 + 3;
    let inst: Vec<Vec<Cell>> = now
        .institutions
        .iter()
        .map(|i| vec![text(&i.institution), count(i.solicitations), count(i.answered), count(i.pending), text(&i.subjects.join(" ; "))])
        .collect();
    let fit = fit.merge(table(ws, f, "Sollicitations", start, 0, &headers(&["Institution", "Sollicitations", "Réponses", "En attente", "Sujets"]), &inst)?);
    finish(ws, &fit, footer, 1)
}

/// A workbook with the `Réunions` sheet only, for the benchmark against Python's XlsxWriter.
pub fn meetings_workbook(meetings: &[BilanMeeting], path: &Path) -> Result<()> {
    let mut wb = Workbook::new();
    meetings_sheet(&mut wb, &Formats::new(), meetings, "Bilan")?;
    wb.save(path).map_err(xlsx)
}

pub fn write(bilan: &Bilan, settings: &Settings, participants: Option<&[BilanParticipant]>, path: &Path) -> Result<()> {
    let mut wb = build(bilan, settings, participants)?;
    wb.save(path).map_err(|e| match e {
        XlsxError::IoError(source) => Error::Io { path: path.display().to_string(), source },
        e => xlsx(e),
    })
}

fn build(bilan: &Bilan, settings: &Settings, participants: Option<&[BilanParticipant]>) -> Result<Workbook> {
    let f = Formats::new();
    let (n, n1) = (bilan.period.label.clone(), bilan.previous.label.clone());
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("Bilan {n}"))
            .set_author(settings.agency_name.as_deref().unwrap_or("Maillage"))
            .set_comment("Produit par Maillage"),
    );
    let footer = format!("Bilan {n} — {}", settings.agency_name.as_deref().unwrap_or("Maillage"));

    // Synthèse: one row per key figure, N, N-1 and the change.
    let ws = wb.add_worksheet().set_name("Synthèse").map_err(xlsx)?;
    let rows: Vec<Vec<Cell>> = bilan
        .key_figures
        .iter()
        .map(|k| {
            // The change is the core's (KeyFigure::change): a ratio for a count, points for a rate.
            let (value, change): (fn(Option<f64>) -> Cell, Cell) = match k.unit {
                FigureUnit::Count => (|v| v.map(Cell::Count).unwrap_or(Cell::Decimal(None)), k.change.map_or(Cell::Decimal(None), |c| Cell::Rate(Some(c)))),
                FigureUnit::Rate => (Cell::Rate, Cell::Points(k.change)),
            };
            vec![text(&k.label), value(k.current), value(k.previous), change]
        })
        .collect();
    let fit = table(ws, &f, "Synthese", 0, 0, &[String::from("Indicateur"), n.clone(), n1.clone(), String::from("Évolution")], &rows)?;
    // The months, for the chart beside the summary.
    let month_rows: Vec<Vec<Cell>> = bilan
        .months
        .iter()
        .map(|m| vec![Cell::Text(month_label(&m.month)), count(m.meetings_held), count(m.presences)])
        .collect();
    let mut fit = fit.merge(table(ws, &f, "Mois", 0, 5, &headers(&["Mois", "Réunions tenues", "Présences"]), &month_rows)?);
    fit.set_width(4, 24);
    let last = bilan.months.len() as u32;
    let mut chart = Chart::new(ChartType::Column);
    chart.title().set_name(&format!("Participation — {n}"));
    chart.add_series().set_name("Présences").set_categories(("Synthèse", 1, 5, last, 5)).set_values(("Synthèse", 1, 7, last, 7));
    chart.add_series().set_name("Réunions tenues").set_categories(("Synthèse", 1, 5, last, 5)).set_values(("Synthèse", 1, 6, last, 6));
    chart.y_axis().set_name("Nombre");
    // Under the figures, as wide as both tables: beside them, it would make the page too wide
    // for its text to print at 7 pt or more.
    chart.set_width(fit.total_px()).set_height(240);
    ws.insert_chart(bilan.key_figures.len() as u32 + 2, 0, &chart).map_err(xlsx)?;
    fit.apply(ws)?;
    ws.set_freeze_panes(1, 0).map_err(xlsx)?;
    print_setup(ws, &fit, &PrintSetup { footer: &footer, header_row: 0, key_columns: 1, one_page: true })?;

    meetings_sheet(&mut wb, &f, &bilan.meetings, &footer)?;

    // Instances
    let ws = wb.add_worksheet().set_name("Instances").map_err(xlsx)?;
    let members_at = if bilan.period.label.len() == 4 { "Membres au 31/12".to_owned() } else { format!("Membres au {}", crate::text::french_date(&bilan.period.to)) };
    let rows: Vec<Vec<Cell>> = bilan
        .bodies
        .iter()
        .map(|b| {
            vec![
                text(&b.name),
                text(labels::body_kind(b.kind)),
                opt_text(&b.frequency_label),
                count(b.held),
                count(b.cancelled),
                Cell::Decimal(b.average_present),
                Cell::Rate(b.participation_rate),
                count(b.members_at_end),
                b.expected.map(count).unwrap_or(Cell::Decimal(None)),
                count(b.distinct_people),
                count(b.distinct_organisations),
                count(b.distinct_people_mobilised),
                count(b.distinct_organisations_mobilised),
            ]
        })
        .collect();
    let mut h = headers(&["Instance", "Type", "Fréquence prévue", "Réunions tenues", "Réunions annulées", "Présents en moyenne", "Taux moyen"]);
    h.push(members_at);
    h.extend(headers(&[
        "Réunions prévues (fréquence)", "Personnes distinctes", "Organismes distincts", "Personnes distinctes présentes ou excusées",
        "Organismes distincts présents ou excusés",
    ]));
    let fit = table(ws, &f, "Instances", 0, 0, &h, &rows)?;
    finish(ws, &fit, &footer, 1)?;

    // Partenaires
    let ws = wb.add_worksheet().set_name("Partenaires").map_err(xlsx)?;
    let rows: Vec<Vec<Cell>> = bilan
        .organisations
        .iter()
        .map(|o| {
            vec![
                text(&o.name),
                text(labels::sector(o.sector)),
                text(labels::org_category(o.category)),
                opt_text(&o.commune),
                text(o.status.map(labels::membership_status).unwrap_or("")),
                Cell::Date(o.member_since.clone()),
                count(o.meetings_invited),
                count(o.meetings_attended),
                Cell::Rate(o.participation_rate),
                count(o.working_groups),
                count(o.meetings_present_or_excused),
                count(o.meetings_attended_uninvited),
                text(if o.archived { labels::YES } else { "" }),
            ]
        })
        .collect();
    let fit = table(ws, &f, "Partenaires", 0, 0, &headers(&[
        "Organisme", "Secteur", "Catégorie", "Commune", "Statut", "Membre depuis", "Réunions (invité)", "Réunions (présent)",
        "Taux de participation", "Groupes de travail", "Réunions (présent ou excusé)", "Réunions (présent sans invitation)",
        "Archivé",
    ]), &rows)?;
    finish(ws, &fit, &footer, 1)?;

    // Profils: presences per body type × person category.
    let ws = wb.add_worksheet().set_name("Profils").map_err(xlsx)?;
    let kinds: Vec<BodyKind> = BodyKind::ALL.iter().copied().filter(|k| bilan.profiles.iter().any(|p| p.body_kind == *k)).collect();
    let rows: Vec<Vec<Cell>> = kinds
        .iter()
        .map(|k| {
            let mut row = vec![text(labels::body_kind(*k))];
            let mut total = 0;
            for c in PersonCategory::ALL {
                let n = bilan.profiles.iter().find(|p| p.body_kind == *k && p.category == *c).map_or(0, |p| p.presences);
                total += n;
                row.push(count(n));
            }
            row.push(count(total));
            row
        })
        .collect();
    let mut h = vec![String::from("Type d'instance")];
    h.extend(PersonCategory::ALL.iter().map(|c| labels::person_category_plural(*c).to_owned()));
    h.push("Total".into());
    let fit = table(ws, &f, "Profils", 0, 0, &h, &rows)?;
    finish(ws, &fit, &footer, 1)?;

    work_sheets(&mut wb, &f, bilan, &n, &n1, &footer)?;

    if let Some(people) = participants {
        let ws = wb.add_worksheet().set_name("Participants").map_err(xlsx)?;
        let rows: Vec<Vec<Cell>> = people
            .iter()
            .map(|p| vec![Cell::Date(Some(p.date.clone())), text(&p.body), text(&p.name), opt_text(&p.organisation), text(labels::person_category_plural(p.category))])
            .collect();
        let fit = table(ws, &f, "Participants", 0, 0, &headers(&["Date", "Instance", "Nom", "Organisme", "Catégorie"]), &rows)?;
        finish(ws, &fit, &footer, 1)?;
    }

    // Définitions: how each figure is computed, the period, the date and the version.
    let ws = wb.add_worksheet().set_name("Définitions").map_err(xlsx)?;
    let mut rows: Vec<Vec<Cell>> = DEFINITIONS.iter().map(|d| vec![text(d.label), text(d.text)]).collect();
    rows.extend(EXTRA_DEFINITIONS.iter().map(|(label, def)| vec![text(label), text(def)]));
    rows.push(vec![text("Période"), text(&format!("{} (du {} au {})", n, crate::text::french_date(&bilan.period.from), crate::text::french_date(&bilan.period.to)))]);
    rows.push(vec![text("Période de comparaison"), text(&format!("{} (du {} au {})", n1, crate::text::french_date(&bilan.previous.from), crate::text::french_date(&bilan.previous.to)))]);
    rows.push(vec![text("Date de production"), text(&chrono::Local::now().format("%d/%m/%Y à %H:%M").to_string())]);
    rows.push(vec![text("Version de Maillage"), text(crate::APP_VERSION)]);
    rows.push(vec![
        text("Données personnelles"),
        text(if participants.is_some() {
            "ATTENTION : ce classeur contient des noms (feuille Participants). Ne le diffusez qu'aux personnes qui en ont besoin et supprimez-le après usage."
        } else {
            "Ce classeur ne contient que des totaux : aucun nom ni coordonnée de personne."
        }),
    ]);
    // The definitions wrap in a column of a page's width; the sheet prints at 100 %.
    let fit = table_within(ws, &f, "Definitions", 2, 0, &headers(&["Indicateur", "Définition"]), &rows, 680)?;
    fit.apply(ws)?;
    title(ws, &f, &fit, 0, &format!("Bilan {n} — {}", settings.agency_name.as_deref().unwrap_or("")))?;
    print_setup(ws, &fit, &PrintSetup { footer: &footer, header_row: 2, key_columns: 1, one_page: false })?;
    Ok(wb)
}

/// A table's sheet: its widths and row heights, the header row frozen, its page setup
/// (`sheet::print_setup`: A4, readable, `key_columns` repeated when it prints wider than a page).
fn finish(ws: &mut rust_xlsxwriter::Worksheet, fit: &Fit, footer: &str, key_columns: u16) -> Result<()> {
    fit.apply(ws)?;
    ws.set_freeze_panes(1, 0).map_err(xlsx)?;
    print_setup(ws, fit, &PrintSetup { footer, header_row: 0, key_columns, one_page: false })
}
