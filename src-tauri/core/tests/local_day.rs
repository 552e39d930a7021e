//! Local days of timestamps, in the time zone of the agency (Europe/Paris). In the `paris` test
//! binary: the zone is set once (`paris`) before any test reads the clock, so no thread reads the
//! environment while it changes.

use crate::common;
use crate::paris;

use common::{fresh, make_org};
use maillage_core::bilan;
use maillage_core::figures::period::local_date;
use maillage_core::model::*;
use maillage_core::queries::{memberships, organisations};


fn figure(b: &Bilan, code: &str) -> Option<f64> {
    b.key_figures.iter().find(|k| k.code == code).unwrap().current
}

#[test]
fn a_timestamp_belongs_to_its_local_day() {
    paris();
    assert_eq!(local_date("2025-12-31T23:30:00.000Z"), "2026-01-01", "00:30 in Paris on New Year's Day");
    assert_eq!(local_date("2025-06-30T21:59:00.000Z"), "2025-06-30", "23:59 in Paris in summer");
}

/// Rule 3, the last evening of the year: archived at 00:30 on 1 January (Paris), the
/// organisation was still a member on 31 December. Before: the UTC date (31/12) was compared.
#[test]
fn an_organisation_archived_just_after_midnight_was_a_member_on_31_december() {
    paris();
    let t = fresh();
    let caf = make_org(&t, "CAF", None);
    memberships::add(&t, MembershipEventInput { organisation_id: caf.id.clone(), status: Some(MembershipStatus::Membre), effective_date: Some("2024-01-10".into()), note: None }).unwrap();
    organisations::remove(&t, &caf.id).unwrap();
    t.execute("UPDATE organisation SET archived_at = '2025-12-31T23:30:00.000Z' WHERE id = ?", [&caf.id]).unwrap();
    assert_eq!(figure(&bilan::compute(&t, bilan::year(2025)).unwrap(), "members"), Some(1.0));
    assert_eq!(figure(&bilan::compute(&t, bilan::year(2026)).unwrap(), "members"), Some(0.0));
}


#[test]
fn a_meetings_calendar_file_gives_the_paris_instant_in_utc() {
    paris();
    let t = fresh();
    let body = maillage_core::queries::bodies::create(&t, BodyInput { name: "Plénière".into(), kind: Some(BodyKind::Pleniere), ..Default::default() }).unwrap();
    // Winter (UTC+1) and summer (UTC+2): the calendar file says the instant, not a named zone that
    // Outlook would have to guess.
    for (date, start, end) in [("2026-11-09", "20261109T130000Z", "20261109T153000Z"), ("2026-06-15", "20260615T120000Z", "20260615T143000Z")] {
        let m = maillage_core::queries::meetings::create(
            &t,
            MeetingInput { body_id: body.id.clone(), date: Some(date.into()), start_time: Some("14:00".into()), end_time: Some("16:30".into()), ..Default::default() },
        )
        .unwrap();
        let ics = maillage_core::mailings::ics(&t, &m.id).unwrap();
        let unfolded = icalendar::parser::unfold(&ics);
        let cal = icalendar::parser::read_calendar(&unfolded).unwrap();
        let ev = cal.components.iter().find(|c| c.name == "VEVENT").unwrap();
        assert_eq!(ev.find_prop("DTSTART").unwrap().val.as_str(), start, "{ics}");
        assert_eq!(ev.find_prop("DTEND").unwrap().val.as_str(), end);
        assert!(!ics.contains("TZID"), "{ics}");
    }
}
