//! What the report shows, as plain text already formatted ([`crate::format`]), built from the
//! `Bilan` the workbook is written from: the same figures, never computed twice. Every writer
//! (PDF, ODT, DOCX) reads this and only this.

use serde::Serialize;

use maillage_figures::definitions::{DEFINITIONS, EXTRA_DEFINITIONS};
use maillage_model::{labels, text::french_date, Bilan, KeyFigure, MembershipStatus, Share};

use crate::chart::{Chart, Series};
use crate::format;

/// What the report needs besides the bilan: the agency (from the settings), the secretariat's
/// texts for the period, and the production date (part of the data, so that the same data gives
/// the same bytes).
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub agency_name: Option<String>,
    pub agency_town: Option<String>,
    /// The secretariat's free introduction, « Faits marquants » and « Perspectives ».
    pub introduction: Option<String>,
    pub highlights: Option<String>,
    pub outlook: Option<String>,
    /// "2026-12-05": the document's date (PDF metadata, the cover's line).
    pub produced_on: String,
    pub app_version: String,
}

/// One line of a table comparing N and N-1.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FigureLine {
    pub label: String,
    pub now: String,
    pub before: String,
    pub change: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CountLine {
    pub label: String,
    pub count: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BodyLine {
    pub name: String,
    pub kind: String,
    pub held: String,
    pub cancelled: String,
    pub average_present: String,
    pub participation_rate: String,
    pub members: String,
    pub distinct_organisations: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupLine {
    pub name: String,
    pub pilot: String,
    pub members: String,
    pub held: String,
    pub distinct_organisations: String,
    pub actions: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionLine {
    pub title: String,
    pub group: String,
    pub pilot: String,
    pub status: String,
    pub volunteers: String,
    pub beneficiaries: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorLine {
    pub label: String,
    pub scope: String,
    pub period: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct InstitutionLine {
    pub institution: String,
    pub solicitations: String,
    pub answered: String,
    pub pending: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Definition {
    pub label: String,
    pub text: String,
}

/// A section's optional text (the secretariat's words), split into paragraphs.
pub type Text = Option<Vec<String>>;

#[derive(Debug, Clone, Serialize)]
pub struct ReportData {
    /// « Rapport d'activité 2026 ».
    pub title: String,
    pub agency: String,
    pub town: Option<String>,
    /// "2026", or "du 01/01/2026 au 30/06/2026".
    pub period: String,
    pub previous: String,
    /// « du 01/01/2026 au 31/12/2026 ».
    pub span: String,
    pub produced_on: String,
    pub produced_on_iso: String,
    pub introduction: Text,
    pub highlights: Text,
    pub outlook: Text,
    /// The key figures against N-1 (a selection of the `Synthèse` sheet).
    pub key_figures: Vec<FigureLine>,
    /// Every line of the `Synthèse` sheet, in its order (the annex).
    pub summary: Vec<FigureLine>,
    pub network: Vec<FigureLine>,
    pub sectors: Vec<FigureLine>,
    /// Member organisations at the end of the period, by category (from the `Partenaires` sheet).
    pub categories: Vec<CountLine>,
    pub held_by_kind: Vec<FigureLine>,
    pub bodies: Vec<BodyLine>,
    pub members_at: String,
    pub groups: Vec<GroupLine>,
    pub actions: Vec<ActionLine>,
    /// Volunteers, beneficiaries identified, visited, referred: sums of the `Actions` sheet.
    pub action_totals: Vec<CountLine>,
    pub indicators: Vec<IndicatorLine>,
    pub watch: Vec<FigureLine>,
    pub institutions: Vec<InstitutionLine>,
    pub charts: Vec<Chart>,
    pub definitions: Vec<Definition>,
    pub method: String,
}

/// The key figures the report opens with, in this order.
pub const KEY_CODES: &[&str] = &[
    "meetings_held", "presences", "distinct_people", "distinct_people_mobilised", "distinct_organisations",
    "distinct_organisations_mobilised", "participation_rate", "mobilisation_rate", "members", "non_members",
];
const NETWORK_CODES: &[&str] = &["members", "interested", "prospects", "new_members", "withdrawals", "signatories"];
const SECTOR_CODES: &[&str] = &["sector_public", "sector_parapublic", "sector_associatif", "sector_prive"];

/// The line of the method, as the report's annex says it.
pub const METHOD: &str = "Seules les réunions tenues comptent dans les présences et les taux ; les réunions annulées sont comptées à part. Les taux rapportent la somme des numérateurs à la somme des dénominateurs sur les réunions tenues, jamais une moyenne de pourcentages. Chaque chiffre est celui du classeur du bilan de la même période, produit par Maillage à partir des mêmes données.";

fn line(k: &KeyFigure) -> FigureLine {
    FigureLine { label: k.label.clone(), now: format::value(k.unit, k.current), before: format::value(k.unit, k.previous), change: format::change(k) }
}

fn paragraphs(t: &Option<String>) -> Text {
    let t = t.as_deref()?.trim();
    (!t.is_empty()).then(|| t.split("\n\n").map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect())
}

/// The shares of two lists, N and N-1, by label, in the workbook's order (N's labels, then N-1's).
fn shares(now: &[Share], before: &[Share], prefix: &str, out: &mut Vec<FigureLine>) {
    let mut seen: Vec<&str> = now.iter().map(|s| s.label.as_str()).collect();
    for s in before {
        if !seen.contains(&s.label.as_str()) {
            seen.push(&s.label);
        }
    }
    for l in seen {
        let get = |list: &[Share]| list.iter().find(|s| s.label == l).and_then(|s| s.share);
        out.push(FigureLine { label: format!("{prefix}{l}"), now: format::rate(get(now)), before: format::rate(get(before)), change: String::new() });
    }
}

/// The report's data for `bilan`, with the agency and texts of `ctx`.
pub fn from_bilan(bilan: &Bilan, ctx: &Context) -> ReportData {
    let by_code = |codes: &[&str]| codes.iter().filter_map(|c| bilan.key_figures.iter().find(|k| k.code == *c)).map(line).collect::<Vec<_>>();
    let agency = ctx.agency_name.clone().filter(|s| !s.trim().is_empty()).unwrap_or_else(|| "Maillage".to_owned());
    let (n, n1) = (bilan.period.label.clone(), bilan.previous.label.clone());

    let mut categories: Vec<(String, u32)> = Vec::new();
    for o in bilan.organisations.iter().filter(|o| o.status == Some(MembershipStatus::Membre) && !o.archived) {
        let l = labels::org_category(o.category).to_owned();
        match categories.iter_mut().find(|(c, _)| *c == l) {
            Some((_, n)) => *n += 1,
            None => categories.push((l, 1)),
        }
    }
    categories.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));

    let w = &bilan.work;
    let total = |f: fn(&maillage_model::BilanAction) -> u32| format::count(w.actions.iter().map(f).sum::<u32>() as f64);
    let mut watch = vec![
        FigureLine { label: "Réunions du groupe de veille".into(), now: format::count(w.watch_meetings.0 as f64), before: format::count(w.watch_meetings.1 as f64), change: String::new() },
        FigureLine { label: "Fiches de remontées reçues".into(), now: format::count(w.watch.reports as f64), before: format::count(w.watch_previous.reports as f64), change: String::new() },
        FigureLine { label: "Fiches résolues".into(), now: format::count(w.watch.resolved as f64), before: format::count(w.watch_previous.resolved as f64), change: String::new() },
    ];
    shares(&w.watch.categories, &w.watch_previous.categories, "Part des fiches — ", &mut watch);
    shares(&w.watch.rights, &w.watch_previous.rights, "Droit concerné — ", &mut watch);
    shares(&w.watch.follow_ups, &w.watch_previous.follow_ups, "Suite donnée — ", &mut watch);

    let held_lines: Vec<&KeyFigure> = bilan.key_figures.iter().filter(|k| k.code.starts_with("held_")).collect();
    let mut charts = Vec::new();
    if !bilan.months.is_empty() {
        charts.push(Chart {
            id: "mois".into(),
            title: format!("Réunions tenues et présences par mois — {n}"),
            alt: format!("Diagramme en barres : réunions tenues et présences de chaque mois de la période {n}. Les valeurs sont dans le tableau qui suit."),
            categories: bilan.months.iter().map(|m| month_label(&m.month)).collect(),
            series: vec![
                Series { name: "Réunions tenues".into(), values: bilan.months.iter().map(|m| m.meetings_held as f64).collect() },
                Series { name: "Présences".into(), values: bilan.months.iter().map(|m| m.presences as f64).collect() },
            ],
            percent: false,
        });
    }
    if !held_lines.is_empty() {
        charts.push(Chart {
            id: "instances".into(),
            title: format!("Réunions tenues par type d'instance — {n} et {n1}"),
            alt: format!("Diagramme en barres : réunions tenues par type d'instance, {n} comparé à {n1}. Les valeurs sont dans le tableau qui suit."),
            categories: held_lines.iter().map(|k| capitalised(k.label.trim_start_matches("Réunions tenues — "))).collect(),
            series: vec![
                Series { name: n.clone(), values: held_lines.iter().map(|k| k.current.unwrap_or(0.0)).collect() },
                Series { name: n1.clone(), values: held_lines.iter().map(|k| k.previous.unwrap_or(0.0)).collect() },
            ],
            percent: false,
        });
    }
    let rated: Vec<_> = bilan.bodies.iter().filter(|b| b.participation_rate.is_some()).take(25).collect();
    if !rated.is_empty() {
        charts.push(Chart {
            id: "taux".into(),
            title: format!("Taux de participation par instance — {n}"),
            alt: format!("Diagramme en barres : taux de participation de chaque instance réunie en {n}. Les valeurs sont dans le tableau des instances."),
            categories: rated.iter().map(|b| b.name.clone()).collect(),
            series: vec![Series { name: "Taux de participation".into(), values: rated.iter().map(|b| b.participation_rate.unwrap_or(0.0)).collect() }],
            percent: true,
        });
    }
    if !w.watch.categories.is_empty() || !w.watch_previous.categories.is_empty() {
        let mut labels_seen: Vec<String> = w.watch.categories.iter().map(|s| s.label.clone()).collect();
        for s in &w.watch_previous.categories {
            if !labels_seen.contains(&s.label) {
                labels_seen.push(s.label.clone());
            }
        }
        let get = |list: &[Share], l: &str| list.iter().find(|s| s.label == l).and_then(|s| s.share).unwrap_or(0.0);
        charts.push(Chart {
            id: "veille".into(),
            title: format!("Part des fiches de remontées par catégorie — {n} et {n1}"),
            alt: format!("Diagramme en barres : part des fiches de remontées de chaque catégorie, {n} comparé à {n1}. Les valeurs sont dans le tableau de la veille."),
            series: vec![
                Series { name: n.clone(), values: labels_seen.iter().map(|l| get(&w.watch.categories, l)).collect() },
                Series { name: n1.clone(), values: labels_seen.iter().map(|l| get(&w.watch_previous.categories, l)).collect() },
            ],
            categories: labels_seen,
            percent: true,
        });
    }

    let mut definitions: Vec<Definition> = DEFINITIONS.iter().map(|d| Definition { label: d.label.into(), text: d.text.into() }).collect();
    definitions.extend(EXTRA_DEFINITIONS.iter().map(|(l, t)| Definition { label: (*l).into(), text: (*t).into() }));

    let span = format!("du {} au {}", french_date(&bilan.period.from), french_date(&bilan.period.to));
    ReportData {
        title: format!("Rapport d'activité {n}"),
        agency,
        town: ctx.agency_town.clone().filter(|s| !s.trim().is_empty()),
        previous: n1.clone(),
        span,
        produced_on: french_date(&ctx.produced_on),
        produced_on_iso: ctx.produced_on.clone(),
        introduction: paragraphs(&ctx.introduction),
        highlights: paragraphs(&ctx.highlights),
        outlook: paragraphs(&ctx.outlook),
        key_figures: by_code(KEY_CODES),
        summary: bilan.key_figures.iter().map(line).collect(),
        network: by_code(NETWORK_CODES),
        sectors: by_code(SECTOR_CODES),
        categories: categories.into_iter().map(|(label, c)| CountLine { label, count: format::count(c as f64) }).collect(),
        held_by_kind: held_lines.iter().map(|k| line(k)).collect(),
        members_at: if n.len() == 4 { "Membres au 31/12".to_owned() } else { format!("Membres au {}", french_date(&bilan.period.to)) },
        bodies: bilan
            .bodies
            .iter()
            .map(|b| BodyLine {
                name: b.name.clone(),
                kind: labels::body_kind(b.kind).to_owned(),
                held: format::count(b.held as f64),
                cancelled: format::count(b.cancelled as f64),
                average_present: format::decimal(b.average_present),
                participation_rate: format::rate(b.participation_rate),
                members: format::count(b.members_at_end as f64),
                distinct_organisations: format::count(b.distinct_organisations as f64),
            })
            .collect(),
        groups: w
            .groups
            .iter()
            .map(|g| GroupLine {
                name: g.name.clone(),
                pilot: g.pilot.clone().unwrap_or_default(),
                members: format::count(g.members as f64),
                held: format::count(g.held as f64),
                distinct_organisations: format::count(g.distinct_organisations as f64),
                actions: format::count(g.actions as f64),
            })
            .collect(),
        actions: w
            .actions
            .iter()
            .map(|a| ActionLine {
                title: a.title.clone(),
                group: a.group.clone().unwrap_or_default(),
                pilot: a.pilot.clone().unwrap_or_default(),
                status: labels::action_status(a.status).to_owned(),
                volunteers: format::count(a.volunteers as f64),
                beneficiaries: format::count(a.beneficiaries_identified as f64),
            })
            .collect(),
        action_totals: vec![
            CountLine { label: "Bénévoles".into(), count: total(|a| a.volunteers) },
            CountLine { label: "Bénéficiaires".into(), count: total(|a| a.beneficiaries_identified) },
            CountLine { label: "Bénéficiaires visités".into(), count: total(|a| a.beneficiaries_visited) },
            CountLine { label: "Bénéficiaires orientés".into(), count: total(|a| a.beneficiaries_referred) },
        ],
        indicators: w
            .indicators
            .iter()
            .map(|i| IndicatorLine { label: i.label.clone(), scope: i.scope.clone(), period: i.period.clone(), value: format::indicator(i.unit, i.number, i.text.as_deref()) })
            .collect(),
        watch,
        institutions: w
            .watch
            .institutions
            .iter()
            .map(|i| InstitutionLine {
                institution: i.institution.clone(),
                solicitations: format::count(i.solicitations as f64),
                answered: format::count(i.answered as f64),
                pending: format::count(i.pending as f64),
            })
            .collect(),
        charts,
        definitions,
        method: METHOD.to_owned(),
        period: n,
    }
}

/// "Séance plénière" from "séance plénière" (a chart's category).
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// "janv. 2026", as the workbook's chart names the months.
fn month_label(ym: &str) -> String {
    const M: [&str; 12] = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];
    let m: usize = ym.get(5..7).and_then(|s| s.parse().ok()).unwrap_or(1);
    format!("{} {}", M[(m - 1).min(11)], ym.get(..4).unwrap_or(""))
}
