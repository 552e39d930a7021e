//! Working groups at work: the pilot rule, counts and indicator values checked against their
//! unit, computed indicators, and the watch group's figures (the Bourg-en-Bresse seed's 2015).

mod common;

use common::{fresh, make_org};
use maillage_core::model::*;
use maillage_core::queries::{actions, bilan, bodies, indicators, meetings, watch};

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
    let values = indicators::values(&t, &ind.id).unwrap();
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
