//! Working groups at work: the pilot rule, counts and indicator values checked against their
//! unit, computed indicators, and the watch group's figures (the Bourg-en-Bresse seed's 2015).

use crate::common;

use common::{fresh, make_org};
use maillage_core::model::*;
use maillage_core::bilan;
use maillage_core::queries::{actions, bodies, indicators, meetings, watch};

#[test]
fn an_action_runs_only_with_a_pilot_and_has_one_at_most() {
    let t = fresh();
    let group = bodies::create(&t, BodyInput { name: "Groupe Personnes âgées".into(), kind: Some(BodyKind::GroupeTravail), ..Default::default() }).unwrap();
    let err = actions::create(&t, ActionInput { title: "Visites".into(), status: Some(ActionStatus::EnCours), ..Default::default() }).unwrap_err();
    assert!(err.to_string().contains("sans pilote"), "{err}");
    let a = actions::create(&t, ActionInput { title: "Une visite, un sourire".into(), working_group_id: Some(group.id.clone()), timescale: Some(Timescale::Court), ..Default::default() }).unwrap();
    let input = |status| ActionInput { title: a.title.clone(), working_group_id: Some(group.id.clone()), status: Some(status), ..Default::default() };
    assert!(actions::update(&t, &a.id, input(ActionStatus::EnCours)).unwrap_err().to_string().contains("sans pilote"));
    let ccas = make_org(&t, "CCAS", None);
    let caf = make_org(&t, "CAF", None);
    actions::add_partner(&t, &a.id, &ccas.id, PartnerRole::Pilote).unwrap();
    let err = actions::add_partner(&t, &a.id, &caf.id, PartnerRole::Pilote).unwrap_err();
    assert!(err.to_string().contains("déjà un pilote (CCAS)"), "{err}");
    actions::add_partner(&t, &a.id, &caf.id, PartnerRole::Copilote).unwrap();
    assert!(actions::add_partner(&t, &a.id, &caf.id, PartnerRole::Partenaire).unwrap_err().to_string().contains("déjà partenaire"));
    let running = actions::update(&t, &a.id, input(ActionStatus::EnCours)).unwrap();
    assert_eq!(running.status, ActionStatus::EnCours);
    assert_eq!(running.partners.iter().map(|p| (p.organisation.label.as_str(), p.role)).collect::<Vec<_>>(), [("CCAS", PartnerRole::Pilote), ("CAF", PartnerRole::Copilote)]);
    let err = actions::remove_partner(&t, &running.partners[0].id).unwrap_err();
    assert!(err.to_string().contains("garde son pilote"), "{err}");
    let history: i64 = t.query_row("SELECT count(*) FROM action_status_event WHERE action_id = ?", [&a.id], |r| r.get(0)).unwrap();
    assert_eq!(history, 2, "proposée, then en cours");
}

#[test]
fn counts_are_whole_numbers_and_replace_the_previous_figure() {
    let t = fresh();
    let a = actions::create(&t, ActionInput { title: "Visites".into(), ..Default::default() }).unwrap();
    let count = |c: &str| actions::set_count(&t, ActionCountInput { action_id: a.id.clone(), period_start: Some("2026-01-01".into()), period_end: Some("2026-12-31".into()), metric: Some(ActionMetric::BeneficiairesVisites), count: c.into() });
    for bad in ["-3", "2,5", "beaucoup"] {
        assert!(count(bad).unwrap_err().to_string().contains("n'est pas un nombre entier positif"), "{bad}");
    }
    count("1 204").unwrap();
    let after = count("1 210").unwrap();
    assert_eq!(after.counts.len(), 1);
    assert_eq!(after.counts[0].count, 1210);
}

#[test]
fn indicator_values_are_checked_against_their_unit() {
    let t = fresh();
    let make = |code: &str, unit| indicators::create(&t, IndicatorInput { code: code.into(), label: code.into(), unit: Some(unit), scope: Some(IndicatorScope::Reseau), ..Default::default() }).unwrap();
    let pct = make("SAT", IndicatorUnit::Pourcentage);
    let money = make("BUDGET", IndicatorUnit::Euros);
    let n = make("VISITES", IndicatorUnit::Nombre);
    let set = |id: &str, kind, start: &str, value: &str| indicators::set_value(&t, IndicatorValueInput { indicator_id: id.into(), period_kind: Some(kind), period_start: Some(start.into()), value: value.into(), comment: None });
    assert!(set(&pct.id, PeriodKind::Annee, "2026-01-01", "101").unwrap_err().to_string().contains("entre 0 et 100"));
    assert_eq!(set(&pct.id, PeriodKind::Annee, "2026-01-01", "62,5 %").unwrap().number, Some(62.5));
    assert!(set(&n.id, PeriodKind::Mois, "2026-03-01", "3,5").is_err());
    let v = set(&n.id, PeriodKind::Trimestre, "2026-04-01", "115").unwrap();
    assert_eq!((v.period_end.as_str(), v.number), ("2026-06-30", Some(115.0)));
    assert!(set(&money.id, PeriodKind::Annee, "2026-01-01", "12,345").unwrap_err().to_string().contains("au plus deux décimales"));
    // The seed's split of 2 600 € in thirds, stored in cents, adds up exactly.
    for (i, part) in ["866,67", "866,67", "866,66"].iter().enumerate() {
        set(&money.id, PeriodKind::Mois, &format!("2026-0{}-01", i + 1), part).unwrap();
    }
    let cents: i64 = t.query_row("SELECT sum(cents) FROM indicator_value WHERE indicator_id = ? AND period_kind = 'mois'", [&money.id], |r| r.get(0)).unwrap();
    assert_eq!(cents, 260_000);
    assert!(indicators::create(&t, IndicatorInput { code: "sat".into(), label: "x".into(), unit: Some(IndicatorUnit::Nombre), scope: Some(IndicatorScope::Reseau), ..Default::default() }).unwrap_err().to_string().contains("déjà le code"));
    assert!(indicators::create(&t, IndicatorInput { code: "G".into(), label: "x".into(), unit: Some(IndicatorUnit::Nombre), scope: Some(IndicatorScope::Instance), ..Default::default() }).unwrap_err().to_string().contains("une instance"));
}

#[test]
fn a_computed_indicator_comes_from_the_figures_and_is_never_typed() {
    let t = fresh();
    let veille = bodies::create(&t, BodyInput { name: "Groupe de veille".into(), kind: Some(BodyKind::GroupeVeille), ..Default::default() }).unwrap();
    for month in 1..=11 {
        meetings::create(&t, MeetingInput { body_id: veille.id.clone(), date: Some(format!("2015-{month:02}-10")), status: Some(MeetingStatus::Tenue), ..Default::default() }).unwrap();
    }
    let ind = indicators::create(&t, IndicatorInput { code: "VEILLE-REU".into(), label: "Réunions du groupe de veille".into(), unit: Some(IndicatorUnit::Nombre), scope: Some(IndicatorScope::Instance), body_id: Some(veille.id.clone()), formula: Some("meetings_held".into()), ..Default::default() }).unwrap();
    let err = indicators::set_value(&t, IndicatorValueInput { indicator_id: ind.id.clone(), period_kind: Some(PeriodKind::Annee), period_start: Some("2015-01-01".into()), value: "12".into(), comment: None }).unwrap_err();
    assert!(err.to_string().contains("ne se saisit pas"), "{err}");
    let values = bilan::indicator_values(&t, &ind.id).unwrap();
    assert_eq!(values[0].period_start, "2015-01-01");
    assert_eq!(values[0].number, Some(11.0));
    assert!(values.iter().all(|v| v.computed));
    assert!(indicators::create(&t, IndicatorInput { code: "X".into(), label: "x".into(), unit: Some(IndicatorUnit::Nombre), scope: Some(IndicatorScope::Reseau), formula: Some("inventé".into()), ..Default::default() }).unwrap_err().to_string().contains("sait calculer"));
}

#[test]
fn the_watch_figures_of_the_seed() {
    let t = fresh();
    let cats = watch::categories(&t).unwrap();
    let id = |label: &str| cats.iter().find(|c| c.label == label).unwrap().id.clone();
    let (non_acces, delais, precarite, minima) = (id("Non-accès aux droits"), id("Délais anormalement longs"), id("Précarité"), id("Minima sociaux"));
    // 22 reports in 2015: 13 non-access, 4 delays, 12 precarity, 5 minimum benefits (several each).
    let mut report_ids = Vec::new();
    for k in 0..22 {
        let mut c = Vec::new();
        if k < 13 { c.push(non_acces.clone()); }
        if (13..17).contains(&k) { c.push(delais.clone()); }
        if k % 2 == 0 || k == 21 { c.push(precarite.clone()); }
        if k >= 17 { c.push(minima.clone()); }
        let r = watch::create_report(&t, DifficultyReportInput { received_on: Some(format!("2015-{:02}-15", 1 + k % 11)), category_ids: c, right_concerned: Some(if k % 3 == 0 { RightConcerned::Rsa } else { RightConcerned::Apl }), follow_up: Some(FollowUp::AlerteIndividuelle), resolved: k % 5 != 0, ..Default::default() }).unwrap();
        report_ids.push(r.id);
    }
    let too_long = watch::create_report(&t, DifficultyReportInput { summary: Some("x".repeat(501)), ..Default::default() }).unwrap_err();
    assert!(too_long.to_string().contains("ne doit jamais identifier"), "{too_long}");
    let caf = make_org(&t, "CAF", None);
    let carsat = make_org(&t, "CARSAT", None);
    for (org, answered) in [(&caf, true), (&caf, false), (&caf, false), (&carsat, true), (&carsat, true), (&carsat, true)] {
        watch::save_solicitation(&t, None, SolicitationInput { institution_id: org.id.clone(), sent_on: Some("2015-05-01".into()), subject: "Délai d'instruction".into(), answered_on: answered.then(|| "2015-06-01".into()), report_ids: vec![report_ids[0].clone()], ..Default::default() }).unwrap();
    }
    let err = watch::save_solicitation(&t, None, SolicitationInput { institution_id: caf.id.clone(), sent_on: Some("2015-05-01".into()), subject: "x".into(), answered_on: Some("2015-04-01".into()), ..Default::default() }).unwrap_err();
    assert!(err.to_string().contains("antérieure à l'envoi"));

    let f = watch::figures(&t, &bilan::year(2015)).unwrap();
    assert_eq!(f.reports, 22);
    let share = |label: &str| { let s = f.categories.iter().find(|s| s.label == label).unwrap(); (s.count, (s.share.unwrap() * 1000.0).round() / 10.0) };
    assert_eq!(share("Non-accès aux droits"), (13, 59.1));
    assert_eq!(share("Délais anormalement longs"), (4, 18.2));
    assert_eq!(share("Précarité"), (12, 54.5));
    assert_eq!(share("Minima sociaux"), (5, 22.7));
    assert!(f.categories.iter().filter_map(|s| s.share).sum::<f64>() > 1.0, "a report carries several categories");
    let inst: Vec<(String, u32, u32, u32)> = f.institutions.iter().map(|i| (i.institution.clone(), i.solicitations, i.answered, i.pending)).collect();
    assert_eq!(inst, [("CAF".into(), 3, 1, 2), ("CARSAT".into(), 3, 3, 0)]);
    assert_eq!(watch::figures(&t, &bilan::year(2014)).unwrap().reports, 0);
}

fn cell(range: &calamine::Range<calamine::Data>, row: usize, col: usize) -> String {
    range.get((row, col)).map(|c| c.to_string()).unwrap_or_default()
}

fn num(range: &calamine::Range<calamine::Data>, row: usize, col: usize) -> Option<f64> {
    use calamine::DataType;
    range.get((row, col)).and_then(|c| c.as_f64())
}

#[test]
fn the_working_group_sheets_of_the_bilan() {
    use calamine::Reader;
    let t = fresh();
    let group = bodies::create(&t, BodyInput { name: "Groupe Personnes âgées".into(), kind: Some(BodyKind::GroupeTravail), theme: Some("Isolement".into()), ..Default::default() }).unwrap();
    let ccas = make_org(&t, "CCAS", None);
    let caf = make_org(&t, "CAF", None);
    let restos = make_org(&t, "Restos du cœur", None);
    maillage_core::queries::body_members::add(&t, BodyMemberInput { body_id: group.id.clone(), organisation_id: Some(ccas.id.clone()), role: Some(MemberRole::Pilote), ..Default::default() }).unwrap();
    let a = actions::create(&t, ActionInput { title: "Une visite, un sourire".into(), working_group_id: Some(group.id.clone()), timescale: Some(Timescale::Court), start_date: Some("2026-02-01".into()), end_date: Some("2026-11-30".into()), ..Default::default() }).unwrap();
    actions::add_partner(&t, &a.id, &ccas.id, PartnerRole::Pilote).unwrap();
    actions::add_partner(&t, &a.id, &caf.id, PartnerRole::Copilote).unwrap();
    actions::add_partner(&t, &a.id, &restos.id, PartnerRole::Partenaire).unwrap();
    actions::update(&t, &a.id, ActionInput { title: a.title.clone(), working_group_id: Some(group.id.clone()), timescale: Some(Timescale::Court), status: Some(ActionStatus::Terminee), start_date: Some("2026-02-01".into()), end_date: Some("2026-11-30".into()), ..Default::default() }).unwrap();
    actions::set_count(&t, ActionCountInput { action_id: a.id.clone(), period_start: Some("2026-01-01".into()), period_end: Some("2026-12-31".into()), metric: Some(ActionMetric::Benevoles), count: "14".into() }).unwrap();
    actions::set_count(&t, ActionCountInput { action_id: a.id.clone(), period_start: Some("2026-01-01".into()), period_end: Some("2026-12-31".into()), metric: Some(ActionMetric::BeneficiairesIdentifies), count: "52".into() }).unwrap();
    let sat = indicators::create(&t, IndicatorInput { code: "SAT".into(), label: "Participants satisfaits".into(), unit: Some(IndicatorUnit::Pourcentage), scope: Some(IndicatorScope::Instance), body_id: Some(group.id.clone()), ..Default::default() }).unwrap();
    indicators::set_value(&t, IndicatorValueInput { indicator_id: sat.id.clone(), period_kind: Some(PeriodKind::Annee), period_start: Some("2026-01-01".into()), value: "87,5".into(), comment: None }).unwrap();
    let cats = watch::categories(&t).unwrap();
    for k in 0..4 {
        let c = if k < 3 { vec![cats[0].id.clone()] } else { vec![cats[1].id.clone(), cats[0].id.clone()] };
        watch::create_report(&t, DifficultyReportInput { received_on: Some("2026-03-03".into()), category_ids: c, ..Default::default() }).unwrap();
    }
    watch::create_report(&t, DifficultyReportInput { received_on: Some("2025-03-03".into()), category_ids: vec![cats[1].id.clone()], ..Default::default() }).unwrap();
    watch::save_solicitation(&t, None, SolicitationInput { institution_id: caf.id.clone(), sent_on: Some("2026-04-01".into()), subject: "Délais APL".into(), ..Default::default() }).unwrap();

    let b = bilan::compute(&t, bilan::year(2026)).unwrap();
    let k = |code: &str| b.key_figures.iter().find(|k| k.code == code).unwrap().current;
    assert_eq!((k("projects_done"), k("project_partners")), (Some(1.0), Some(3.0)));

    let path = t.dir.path().join("bilan.xlsx");
    bilan::export(&t, bilan::year(2026), false, &path).unwrap();
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let g = wb.worksheet_range("Groupes de travail").unwrap();
    assert_eq!((0..10).map(|c| cell(&g, 0, c)).collect::<Vec<_>>(), [
        "Groupe", "Thème", "Pilote", "Membres inscrits", "Invités non-membres", "Réunions tenues", "Présents en moyenne",
        "Organismes distincts", "Actions issues du groupe", "Indicateurs suivis",
    ]);
    assert_eq!((cell(&g, 1, 0), cell(&g, 1, 2), num(&g, 1, 8), num(&g, 1, 9)), ("Groupe Personnes âgées".into(), "CCAS".into(), Some(1.0), Some(1.0)));
    let ac = wb.worksheet_range("Actions").unwrap();
    assert_eq!((0..11).map(|c| cell(&ac, 0, c)).collect::<Vec<_>>(), [
        "Action", "Groupe", "Pilote", "Copilotes", "Partenaires impliqués", "Échéance", "Statut", "Début", "Fin", "Bénévoles", "Bénéficiaires",
    ]);
    assert_eq!((1..7).map(|c| cell(&ac, 1, c)).collect::<Vec<_>>(), ["Groupe Personnes âgées", "CCAS", "CAF", "Restos du cœur", "Court terme", "Terminée"]);
    assert_eq!((num(&ac, 1, 9), num(&ac, 1, 10)), (Some(14.0), Some(52.0)));
    let ind = wb.worksheet_range("Indicateurs").unwrap();
    assert_eq!((0..7).map(|c| cell(&ind, 0, c)).collect::<Vec<_>>(), ["Code", "Indicateur", "Périmètre", "Période", "Valeur", "Unité", "Source"]);
    assert_eq!((cell(&ind, 1, 0), cell(&ind, 1, 2), cell(&ind, 1, 3), num(&ind, 1, 4), cell(&ind, 1, 6)), ("SAT".into(), "Groupe Personnes âgées".into(), "2026".into(), Some(0.875), "saisi".into()));
    let v = wb.worksheet_range("Veille").unwrap();
    assert_eq!((0..3).map(|c| cell(&v, 0, c)).collect::<Vec<_>>(), ["Indicateur", "2026", "2025"]);
    let row = |label: &str| (1..v.height()).find(|&r| cell(&v, r, 0) == label).unwrap_or_else(|| panic!("{label}"));
    let r = row("Fiches de remontées reçues");
    assert_eq!((num(&v, r, 1), num(&v, r, 2)), (Some(4.0), Some(1.0)));
    let r = row("Part des fiches — Non-accès aux droits");
    assert_eq!((num(&v, r, 1), num(&v, r, 2)), (Some(1.0), Some(0.0)));
    let r = row("Part des fiches — Délais anormalement longs");
    assert_eq!((num(&v, r, 1), num(&v, r, 2)), (Some(0.25), Some(1.0)));
    let inst = (0..v.height()).find(|&r| cell(&v, r, 0) == "Institution").unwrap();
    assert_eq!((1..5).map(|c| cell(&v, inst, c)).collect::<Vec<_>>(), ["Sollicitations", "Réponses", "En attente", "Sujets"]);
    assert_eq!((cell(&v, inst + 1, 0), num(&v, inst + 1, 1), num(&v, inst + 1, 3), cell(&v, inst + 1, 4)), ("CAF".into(), Some(1.0), Some(1.0), "Délais APL".into()));
    let s = wb.worksheet_range("Synthèse").unwrap();
    assert!((1..s.height()).any(|r| cell(&s, r, 0) == "Projets co-définis réalisés" && num(&s, r, 1) == Some(1.0)));
}
