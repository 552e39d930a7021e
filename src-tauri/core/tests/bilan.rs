//! The yearly bilan: each figure on hand-built data whose answer is known, and the workbook read
//! back with calamine, cell by cell.

use crate::common;

use calamine::{open_workbook, Data, DataType, Reader, Xlsx};
use common::{fresh, make_org, make_person};
use maillage_core::model::*;
use maillage_core::bilan;
use maillage_core::queries::{affiliations, agreements, attendance, bodies, body_members, invitations, meetings, memberships, settings};

fn figure(b: &Bilan, code: &str) -> (Option<f64>, Option<f64>) {
    let k = b.key_figures.iter().find(|k| k.code == code).unwrap_or_else(|| panic!("no figure {code}"));
    (k.current, k.previous)
}

fn member(c: &maillage_core::db::Connection, body: &str, person: &str) {
    body_members::add(c, BodyMemberInput { body_id: body.into(), person_id: Some(person.into()), role: Some(MemberRole::Membre), ..Default::default() }).unwrap();
}

fn held_meeting(c: &maillage_core::db::Connection, body: &str, date: &str, invited: &[&str], present: &[&str]) -> String {
    let m = meetings::create(c, MeetingInput { body_id: body.into(), date: Some(date.into()), place: Some("Mairie".into()), ..Default::default() }).unwrap();
    invitations::invite(c, InviteRequest { meeting_id: m.id.clone(), body_members: true, person_ids: invited.iter().map(|s| s.to_string()).collect(), ..Default::default() }).unwrap();
    for p in present {
        attendance::check_in(c, &m.id, None, p).unwrap();
    }
    m.id
}

/// A small network over 2025 and 2026 whose figures are counted by hand below.
pub(crate) struct World {
    pub(crate) t: common::TestDb,
    guest: String,
}

pub(crate) fn world() -> World {
    let t = fresh();
    settings::save(&t, Settings { agency_name: Some("CCAS de Brive".into()), ..Default::default() }).unwrap();
    let caf = make_org(&t, "CAF", None);
    let udaf = make_org(&t, "UDAF", None);
    let ana = make_person(&t, "Ana", "Alpha", None);
    let bob = make_person(&t, "Bob", "Bravo", None);
    let cyd = make_person(&t, "Cyd", "Charlie", None);
    let guest = make_person(&t, "Gus", "Guest", None);
    for (p, o) in [(&ana, &caf), (&bob, &caf), (&cyd, &udaf)] {
        affiliations::create(&t, AffiliationInput { person_id: p.id.clone(), organisation_id: o.id.clone(), ..Default::default() }).unwrap();
    }
    for (o, status, date) in [(&caf, MembershipStatus::Membre, "2024-06-01"), (&udaf, MembershipStatus::Interesse, "2025-03-01"), (&udaf, MembershipStatus::Membre, "2026-02-01")] {
        memberships::add(&t, MembershipEventInput { organisation_id: o.id.clone(), status: Some(status), effective_date: Some(date.into()), note: None }).unwrap();
    }
    let charter = agreements::create(&t, AgreementInput { kind: Some(AgreementKind::Charte), title: "Charte".into(), version: None, dated: None }).unwrap();
    agreements::sign(&t, SignatureInput { agreement_id: charter.id, organisation_id: caf.id.clone(), signed_on: Some("2025-05-05".into()) }).unwrap();

    let plenary = bodies::create(&t, BodyInput { name: "Plénière".into(), kind: Some(BodyKind::Pleniere), frequency_months: Some(6), ..Default::default() }).unwrap();
    for p in [&ana, &bob, &cyd] {
        member(&t, &plenary.id, &p.id);
    }
    // 2025: the last day of the year (Paris) belongs to 2025.
    held_meeting(&t, &plenary.id, "2025-12-31", &[], &[&ana.id]);
    // 2026: two meetings. Ana comes to both (one person); Ana and Bob are both CAF (one
    // organisation); Cyd excuses herself once; the guest comes once, counted apart.
    let m1 = held_meeting(&t, &plenary.id, "2026-01-01", &[&guest.id], &[&ana.id, &bob.id, &guest.id]);
    let cyd_invitation = invitations::of_meeting(&t, &m1).unwrap().into_iter().find(|i| i.person.as_ref().unwrap().id == cyd.id).unwrap();
    invitations::set_reply(&t, &cyd_invitation.id, Reply::Excuse, None).unwrap();
    held_meeting(&t, &plenary.id, "2026-06-15", &[], &[&ana.id]);
    // A cancelled meeting: counted as cancelled, never in rates.
    let cancelled = meetings::create(&t, MeetingInput { body_id: plenary.id.clone(), date: Some("2026-09-10".into()), status: Some(MeetingStatus::Annulee), ..Default::default() }).unwrap();
    invitations::invite(&t, InviteRequest { meeting_id: cancelled.id, body_members: true, ..Default::default() }).unwrap();
    World { t, guest: guest.id }
}

#[test]
fn each_figure_on_known_data() {
    let w = world();
    let b = bilan::compute(&w.t, bilan::year(2026)).unwrap();
    assert_eq!(b.previous, bilan::year(2025));
    assert_eq!(figure(&b, "meetings_held"), (Some(2.0), Some(1.0)), "31/12/2025 is in 2025, 01/01/2026 in 2026");
    assert_eq!(figure(&b, "meetings_cancelled"), (Some(1.0), Some(0.0)));
    assert_eq!(figure(&b, "presences").0, Some(4.0), "Ana, Bob, the guest, then Ana");
    assert_eq!(figure(&b, "distinct_people").0, Some(3.0), "Ana counted once");
    assert_eq!(figure(&b, "distinct_organisations").0, Some(1.0), "the CAF once, though two of its people came");
    assert_eq!(figure(&b, "excused").0, Some(1.0));
    assert_eq!(figure(&b, "non_members").0, Some(1.0), "the guest, apart");
    // Members: 3 invited to each held meeting; present or represented: 2 then 1.
    let rate = b.key_figures.iter().find(|k| k.code == "participation_rate").unwrap();
    assert_eq!(rate.current_ratio, Some((3, 6)));
    assert_eq!(rate.current, Some(0.5));
    assert_eq!(rate.previous_ratio, Some((1, 3)));
    // Mobilisation: (invited − absent − no reply) ÷ invited = (4 − 0 − 0)/4 + (3 − 2 − 0)/3 → 5/7.
    let mob = b.key_figures.iter().find(|k| k.code == "mobilisation_rate").unwrap();
    assert_eq!(mob.current_ratio, Some((5, 7)));
    assert_eq!(figure(&b, "members"), (Some(2.0), Some(1.0)));
    assert_eq!(figure(&b, "interested"), (Some(0.0), Some(1.0)));
    assert_eq!(figure(&b, "new_members"), (Some(1.0), Some(0.0)), "the UDAF joined in 2026");
    assert_eq!(figure(&b, "signatories"), (Some(1.0), Some(1.0)));
    assert_eq!(figure(&b, "sector_associatif"), (Some(2.0), Some(1.0)));
    assert_eq!(figure(&b, "held_pleniere"), (Some(2.0), Some(1.0)));
    assert_eq!(figure(&b, "presences_professionnel").0, Some(4.0));

    let body = &b.bodies[0];
    assert_eq!((body.held, body.cancelled, body.expected, body.members_at_end), (2, 1, Some(2), 3));
    assert_eq!(body.average_present, Some(2.0));
    assert_eq!(body.participation_rate, Some(0.5));
    assert_eq!((body.distinct_people, body.distinct_organisations), (3, 1));
    let caf = b.organisations.iter().find(|o| o.name == "CAF").unwrap();
    assert_eq!((caf.meetings_invited, caf.meetings_attended, caf.participation_rate), (2, 2, Some(1.0)));
    assert_eq!(caf.member_since.as_deref(), Some("2024-06-01"));
    let udaf = b.organisations.iter().find(|o| o.name == "UDAF").unwrap();
    assert_eq!((udaf.meetings_invited, udaf.meetings_attended), (2, 0));
    assert_eq!(b.months.len(), 12);
    assert_eq!((b.months[0].meetings_held, b.months[0].presences), (1, 3));
    assert_eq!(b.profiles, vec![ProfileCell { body_kind: BodyKind::Pleniere, category: PersonCategory::Professionnel, presences: 4 }]);
    let _ = w.guest;
}

#[test]
fn any_period_compares_with_the_one_before() {
    let p = bilan::range("2026-01-01", "2026-06-30").unwrap();
    assert_eq!(p.label, "du 01/01/2026 au 30/06/2026");
    let before = bilan::previous(&p);
    assert_eq!(before, bilan::range("2025-01-01", "2025-06-30").unwrap(), "the same dates a year earlier");
    let leap = bilan::range("2024-02-29", "2024-03-31").unwrap();
    assert_eq!(bilan::previous(&leap).from, "2023-02-28");
    assert_eq!(bilan::range("2026-01-01", "2026-12-31").unwrap(), bilan::year(2026));
    assert!(bilan::range("2026-06-01", "2026-01-01").unwrap_err().to_string().contains("antérieure"));
}

fn cell(range: &calamine::Range<Data>, row: usize, col: usize) -> Data {
    range.get((row, col)).cloned().unwrap_or(Data::Empty)
}

fn header(range: &calamine::Range<Data>) -> Vec<String> {
    (0..range.width()).map(|c| cell(range, 0, c).to_string()).collect()
}

#[test]
fn the_workbook_reads_back_cell_by_cell() {
    let w = world();
    let path = w.t.dir.path().join(maillage_core::figures::period::file_name(&settings::get(&w.t).unwrap(), &bilan::year(2026)));
    assert!(path.ends_with("Bilan_CCAS_de_Brive_2026.xlsx"), "{}", path.display());
    bilan::export(&w.t, bilan::year(2026), false, &path).unwrap();
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(wb.sheet_names(), [
        "Synthèse", "Réunions", "Instances", "Partenaires", "Profils", "Groupes de travail", "Actions", "Indicateurs", "Veille", "Définitions",
    ]);

    let s = wb.worksheet_range("Synthèse").unwrap();
    assert_eq!(&header(&s)[..4], ["Indicateur", "2026", "2025", "Évolution"]);
    let row = (1..s.height()).find(|&r| cell(&s, r, 0) == "Réunions tenues").unwrap();
    assert_eq!((cell(&s, row, 1).as_f64(), cell(&s, row, 2).as_f64(), cell(&s, row, 3).as_f64()), (Some(2.0), Some(1.0), Some(1.0)));
    let row = (1..s.height()).find(|&r| cell(&s, r, 0) == "Taux de participation").unwrap();
    assert_eq!(cell(&s, row, 1).as_f64(), Some(0.5), "a rate is a number, formatted as a percentage");
    let delta = cell(&s, row, 3).as_f64().unwrap();
    assert!((delta - (50.0 - 100.0 / 3.0)).abs() < 1e-9, "the change of a rate is in points: {delta}");
    // The figure coordinations publish: « N structures différentes mobilisées » (present or excused).
    let row = (1..s.height()).find(|&r| cell(&s, r, 0) == "Organismes distincts présents ou excusés").unwrap();
    assert_eq!(cell(&s, row, 1).as_f64(), Some(2.0), "CAF present, UDAF excused through Cyd");
    let row = (1..s.height()).find(|&r| cell(&s, r, 0) == "Personnes distinctes présentes ou excusées").unwrap();
    assert_eq!(cell(&s, row, 1).as_f64(), Some(4.0), "Ana, Bob and the guest present, Cyd excused");
    assert_eq!(cell(&s, 0, 5).to_string(), "Mois");
    assert_eq!(cell(&s, 1, 5).to_string(), "janv. 2026");

    let r = wb.worksheet_range("Réunions").unwrap();
    assert_eq!(&header(&r)[..15], [
        "Date", "Instance", "Type d'instance", "Lieu", "Invités (personnes)", "Invités (organismes)", "Présents", "Excusés",
        "Absents", "Sans réponse", "Organismes présents", "Organismes présents ou excusés", "Non-membres présents",
        "Taux de participation", "Compte rendu envoyé le",
    ]);
    assert_eq!(r.height(), 4, "three meetings of 2026 under the header");
    assert!(cell(&r, 1, 0).is_datetime(), "dates are Excel dates");
    assert_eq!(cell(&r, 1, 0).as_datetime().unwrap().date(), chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    assert_eq!(cell(&r, 1, 1).to_string(), "Plénière");
    assert_eq!(cell(&r, 1, 2).to_string(), "Séance plénière");
    let nums: Vec<Option<f64>> = (4..13).map(|c| cell(&r, 1, c).as_f64()).collect();
    assert_eq!(nums, [4.0, 2.0, 3.0, 1.0, 0.0, 0.0, 1.0, 2.0, 1.0].map(Some));
    assert!((cell(&r, 1, 13).as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(cell(&r, 3, 15).to_string(), "Annulée");
    assert_eq!(cell(&r, 3, 13).to_string(), "—", "no rate for a cancelled meeting: a dash, not 0 %");

    let i = wb.worksheet_range("Instances").unwrap();
    assert_eq!(&header(&i)[..8], ["Instance", "Type", "Fréquence prévue", "Réunions tenues", "Réunions annulées", "Présents en moyenne", "Taux moyen", "Membres au 31/12"]);
    assert_eq!((3..8).map(|c| cell(&i, 1, c).as_f64()).collect::<Vec<_>>(), [Some(2.0), Some(1.0), Some(2.0), Some(0.5), Some(3.0)]);
    // New columns go at the end: the old ones never move.
    assert_eq!(&header(&i)[8..], ["Réunions prévues (fréquence)", "Personnes distinctes", "Organismes distincts", "Personnes distinctes présentes ou excusées", "Organismes distincts présents ou excusés"]);
    assert_eq!((11..13).map(|c| cell(&i, 1, c).as_f64()).collect::<Vec<_>>(), [Some(4.0), Some(2.0)]);
    let p = wb.worksheet_range("Partenaires").unwrap();
    assert_eq!(&header(&p)[..9], ["Organisme", "Secteur", "Catégorie", "Commune", "Statut", "Membre depuis", "Réunions (invité)", "Réunions (présent)", "Taux de participation"]);
    assert_eq!(cell(&p, 1, 0).to_string(), "CAF");
    assert_eq!(cell(&p, 1, 4).to_string(), "Membre");
    assert_eq!(&header(&p)[9..], ["Groupes de travail", "Réunions (présent ou excusé)", "Réunions (présent sans invitation)", "Archivé"]);
    let udaf = (1..p.height()).find(|&r| cell(&p, r, 0) == "UDAF").unwrap();
    assert_eq!((10..12).map(|c| cell(&p, udaf, c).as_f64()).collect::<Vec<_>>(), [Some(1.0), Some(0.0)], "UDAF excused once, never present");
    assert!(cell(&p, 1, 5).is_datetime());
    let pr = wb.worksheet_range("Profils").unwrap();
    assert_eq!(header(&pr), ["Type d'instance", "Professionnels", "Bénévoles", "Élus", "Habitants", "Décideurs", "Intervenants", "Autres", "Total"]);
    assert_eq!((cell(&pr, 1, 0).to_string(), cell(&pr, 1, 1).as_f64(), cell(&pr, 1, 8).as_f64()), ("Séance plénière".into(), Some(4.0), Some(4.0)));
    let d = wb.worksheet_range("Définitions").unwrap();
    let text: Vec<String> = d.rows().flat_map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>()).collect();
    assert!(text.iter().any(|t| t == maillage_core::APP_VERSION));
    assert!(text.iter().any(|t| t.contains("aucun nom")));
    // Totals only: no person's name anywhere.
    for sheet in wb.sheet_names() {
        let range = wb.worksheet_range(&sheet).unwrap();
        assert!(!range.rows().flatten().any(|c| c.to_string().contains("Alpha")), "a name in {sheet}");
    }
    // Formats: percentages and French dates are in the styles.
    let styles = {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut s).unwrap();
        s
    };
    assert!(styles.contains(r#"formatCode="0.0%""#) && styles.contains(r#"formatCode="dd/mm/yyyy""#), "{styles}");
}

/// Each sheet's page setup, read back from the file's XML: A4; `Synthèse` portrait on one page;
/// the others one page wide, or at a fixed scale of 66 % or more (text ≥ 7 pt) with their first
/// columns repeated; the header row repeated on every page; the footer naming the bilan, the
/// sheet and the page. How it really prints is `tests/libreoffice.rs`'s.
#[test]
fn every_sheet_prints_on_a4_readable_with_its_header_repeated() {
    let w = world();
    settings::save(&w.t, Settings { agency_name: Some("CCAS de Brive & Malemort".into()), ..Default::default() }).unwrap();
    let path = w.t.dir.path().join("impression.xlsx");
    bilan::export(&w.t, bilan::year(2026), false, &path).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let workbook = read("xl/workbook.xml");
    let names: Vec<String> = open_workbook::<Xlsx<_>, _>(&path).unwrap().sheet_names();
    assert!(names.len() >= 9, "{names:?}");
    for (i, name) in names.iter().enumerate() {
        let xml = read(&format!("xl/worksheets/sheet{}.xml", i + 1));
        let setup = xml.split("<pageSetup ").nth(1).and_then(|s| s.split("/>").next()).unwrap_or_else(|| panic!("{name}: pas de mise en page"));
        assert!(setup.contains(r#"paperSize="9""#), "{name}: {setup}");
        let scale = setup.split(r#"scale=""#).nth(1).and_then(|s| s.split('"').next()).map(|s| s.parse::<u32>().unwrap());
        if name == "Synthèse" {
            assert!(xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#) && !setup.contains("fitToHeight"), "Synthèse sur une page : {setup}");
            assert!(setup.contains(r#"orientation="portrait""#), "{setup}");
        } else if let Some(scale) = scale {
            assert!((66..=100).contains(&scale), "{name}: {setup}");
        } else {
            assert!(xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#) && setup.contains(r#"fitToHeight="0""#), "{name}: une page de large : {setup}");
        }
        assert!(xml.contains(r#"<printOptions horizontalCentered="1"/>"#), "{name}");
        assert!(xml.contains("<oddFooter>&amp;CBilan 2026 — CCAS de Brive &amp;&amp; Malemort — &amp;A — page &amp;P / &amp;N</oddFooter>"), "{name}: {xml}");
        // The header row, repeated on each printed page.
        let row = if name == "Définitions" { 3 } else { 1 };
        let quoted = if name.contains(' ') { format!("'{name}'") } else { name.clone() };
        let title = format!(r#"<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{quoted}!${row}:${row}</definedName>"#);
        assert!(workbook.contains(&title), "{title}\n{workbook}");
    }
}

#[test]
fn names_only_when_asked_with_a_warning() {
    let w = world();
    let path = w.t.dir.path().join("avec-noms.xlsx");
    bilan::export(&w.t, bilan::year(2026), true, &path).unwrap();
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert!(wb.sheet_names().contains(&"Participants".to_owned()));
    let p = wb.worksheet_range("Participants").unwrap();
    assert_eq!(header(&p), ["Date", "Instance", "Nom", "Organisme", "Catégorie"]);
    assert_eq!(p.height(), 5, "four presences");
    assert_eq!(cell(&p, 1, 2).to_string(), "Ana Alpha");
    let d = wb.worksheet_range("Définitions").unwrap();
    assert!(d.rows().flatten().any(|c| c.to_string().starts_with("ATTENTION : ce classeur contient des noms")));
}

/// Without « Inclure les noms », no sheet holds a person's name or contact: every cell of every
/// sheet of the demo network's workbook, against every person of the demo (issue RGPD, first part;
/// the « Pilote » of a working group is its organisation).
#[test]
fn the_default_workbook_holds_no_name_nor_contact() {
    let t = fresh();
    maillage_core::demo::generate(&t, "demo").unwrap();
    let people: Vec<(String, Option<String>, Option<String>)> = t
        .prepare("SELECT trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), email, phone FROM person WHERE deleted_at IS NULL")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(people.len() > 250, "the demo network has its people");
    let year = chrono::Datelike::year(&chrono::Local::now());
    for y in [year - 1, year] {
        let path = t.dir.path().join(format!("bilan-{y}.xlsx"));
        bilan::export(&t, bilan::year(y), false, &path).unwrap();
        let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
        let mut cells = 0;
        for sheet in wb.sheet_names() {
            for c in wb.worksheet_range(&sheet).unwrap().rows().flatten() {
                let text = c.to_string();
                cells += 1;
                for (name, email, phone) in &people {
                    let found = (name.contains(' ') && text.contains(name.as_str()))
                        || email.as_deref().is_some_and(|e| text.contains(e))
                        || phone.as_deref().is_some_and(|p| text.contains(p));
                    assert!(!found, "{y}, sheet {sheet}: « {text} » names {name}");
                }
            }
        }
        assert!(cells > 1000, "the workbook was read: {cells} cells");
    }
}
