//! The report's content as a flat list of blocks (headings, paragraphs, tables, charts), written
//! once: the Typst template lays out [`body`] (serialised with the data), the ODT and DOCX
//! writers [`cover`] then [`body`], each with its own styles — the same content in the three
//! formats.

use serde::Serialize;

use crate::chart::Chart;
use crate::data::{FigureLine, ReportData};

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block<'a> {
    Title { text: String },
    Subtitle { text: String },
    Heading { level: u8, text: String },
    Para { text: String },
    /// Header row, rows; the first `left` columns are text (left-aligned), the others numbers;
    /// the columns' relative widths.
    Table { heads: Vec<String>, rows: Vec<Vec<String>>, left: usize, widths: Vec<u32> },
    Chart {
        #[serde(serialize_with = "chart_id")]
        chart: &'a Chart,
    },
}

fn chart_id<S: serde::Serializer>(c: &&Chart, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&c.id)
}

fn heading<'a>(level: u8, text: &str) -> Block<'a> {
    Block::Heading { level, text: text.to_owned() }
}

fn para<'a>(text: impl Into<String>) -> Block<'a> {
    Block::Para { text: text.into() }
}

fn figures(lines: &[FigureLine], d: &ReportData) -> Block<'static> {
    Block::Table {
        heads: vec!["Indicateur".into(), d.period.clone(), d.previous.clone(), "Évolution".into()],
        rows: lines.iter().map(|l| vec![l.label.clone(), l.now.clone(), l.before.clone(), l.change.clone()]).collect(),
        left: 1,
        widths: vec![55, 15, 15, 15],
    }
}

fn table(heads: &[&str], rows: Vec<Vec<String>>, left: usize, widths: &[u32]) -> Block<'static> {
    Block::Table { heads: heads.iter().map(|h| (*h).to_owned()).collect(), rows, left, widths: widths.to_vec() }
}

fn words<'a>(out: &mut Vec<Block<'a>>, t: &Option<Vec<String>>) {
    for p in t.iter().flatten() {
        out.push(para(p.clone()));
    }
}

/// The cover, for the ODT and the DOCX (the PDF's is the template's).
pub fn cover(d: &ReportData) -> Vec<Block<'_>> {
    vec![
        Block::Title { text: d.title.clone() },
        Block::Subtitle { text: format!("{}{}", d.agency, d.town.as_ref().map(|t| format!(" — {t}")).unwrap_or_default()) },
        para(format!("Période {}, comparée à {}.", d.span, d.previous)),
        para(format!("Produit par Maillage le {}. Ce document ne contient que des totaux : aucun nom de personne.", d.produced_on)),
    ]
}

/// Everything after the cover and the table of contents.
pub fn body(d: &ReportData) -> Vec<Block<'_>> {
    let chart = |id: &str| d.charts.iter().find(|c| c.id == id).map(|chart| Block::Chart { chart });
    let mut b = Vec::new();
    if d.introduction.is_some() {
        b.push(heading(1, "Introduction"));
        words(&mut b, &d.introduction);
    }
    b.push(heading(1, "Chiffres clés"));
    b.push(para(format!("Les chiffres de la période {}, comparés à ceux de {}. L'évolution d'un nombre est sa variation relative ; celle d'un taux, la différence en points.", d.period, d.previous)));
    b.push(figures(&d.key_figures, d));
    if d.highlights.is_some() {
        b.push(heading(2, "Faits marquants"));
        words(&mut b, &d.highlights);
    }
    b.push(heading(1, "Le réseau"));
    b.push(heading(2, "Membres, adhésions et retraits"));
    b.push(figures(&d.network, d));
    b.push(heading(2, "Organismes membres par secteur"));
    b.push(figures(&d.sectors, d));
    if !d.categories.is_empty() {
        b.push(heading(2, "Organismes membres par catégorie"));
        b.push(table(&["Catégorie", "Organismes membres"], d.categories.iter().map(|l| vec![l.label.clone(), l.count.clone()]).collect(), 1, &[70, 30]));
    }
    b.push(heading(1, "Les instances"));
    b.push(heading(2, "Réunions par type d'instance"));
    b.extend(chart("instances"));
    b.push(figures(&d.held_by_kind, d));
    b.push(heading(2, "Activité de chaque instance"));
    b.extend(chart("taux"));
    b.push(table(
        &["Instance", "Type", "Réunions tenues", "Réunions annulées", "Présents en moyenne", "Taux moyen", &d.members_at],
        d.bodies.iter().map(|x| vec![x.name.clone(), x.kind.clone(), x.held.clone(), x.cancelled.clone(), x.average_present.clone(), x.participation_rate.clone(), x.members.clone()]).collect(),
        2,
        &[24, 16, 12, 12, 12, 12, 12],
    ));
    if let Some(c) = chart("mois") {
        b.push(heading(2, "Au fil des mois"));
        b.push(c);
    }
    b.push(heading(1, "Les groupes de travail"));
    if d.groups.is_empty() {
        b.push(para("Aucun groupe de travail."));
    } else {
        b.push(table(
            &["Groupe", "Pilote", "Membres inscrits", "Réunions tenues", "Organismes distincts", "Actions"],
            d.groups.iter().map(|g| vec![g.name.clone(), g.pilot.clone(), g.members.clone(), g.held.clone(), g.distinct_organisations.clone(), g.actions.clone()]).collect(),
            2,
            &[26, 26, 12, 12, 12, 12],
        ));
    }
    b.push(heading(2, "Actions"));
    if d.actions.is_empty() {
        b.push(para("Aucune action en cours pendant la période."));
    } else {
        b.push(table(
            &["Action", "Groupe", "Pilote", "Statut", "Bénévoles", "Bénéficiaires"],
            d.actions.iter().map(|a| vec![a.title.clone(), a.group.clone(), a.pilot.clone(), a.status.clone(), a.volunteers.clone(), a.beneficiaries.clone()]).collect(),
            4,
            &[28, 18, 18, 12, 12, 12],
        ));
    }
    b.push(heading(2, "Totaux des actions"));
    b.push(table(&["Total", &d.period], d.action_totals.iter().map(|l| vec![l.label.clone(), l.count.clone()]).collect(), 1, &[70, 30]));
    if !d.indicators.is_empty() {
        b.push(heading(2, "Indicateurs"));
        b.push(table(&["Indicateur", "Périmètre", "Période", "Valeur"], d.indicators.iter().map(|i| vec![i.label.clone(), i.scope.clone(), i.period.clone(), i.value.clone()]).collect(), 3, &[40, 25, 20, 15]));
    }
    b.push(heading(1, "La veille sociale"));
    b.extend(chart("veille"));
    b.push(table(&["Indicateur", &d.period, &d.previous], d.watch.iter().map(|l| vec![l.label.clone(), l.now.clone(), l.before.clone()]).collect(), 1, &[60, 20, 20]));
    if !d.institutions.is_empty() {
        b.push(heading(2, "Sollicitations des institutions"));
        b.push(table(&["Institution", "Sollicitations", "Réponses", "En attente"], d.institutions.iter().map(|i| vec![i.institution.clone(), i.solicitations.clone(), i.answered.clone(), i.pending.clone()]).collect(), 1, &[46, 18, 18, 18]));
    }
    if d.outlook.is_some() {
        b.push(heading(1, "Perspectives"));
        words(&mut b, &d.outlook);
    }
    b.push(heading(1, "Annexes"));
    b.push(heading(2, "Tous les chiffres de la synthèse"));
    b.push(figures(&d.summary, d));
    b.push(heading(2, "Définitions"));
    b.push(table(&["Indicateur", "Définition"], d.definitions.iter().map(|x| vec![x.label.clone(), x.text.clone()]).collect(), 2, &[30, 70]));
    b.push(heading(2, "Méthode"));
    b.push(para(d.method.clone()));
    b
}
