//! The merge on random edit sequences (proptest): from a common base, the office and the laptop
//! each edit fields of organisations and people, and the laptop checks people in. After the merge
//! every change that does not conflict is there, every conflict was reported (and settled as
//! asked), and merging again changes nothing.
//!
//! Bounded for `make test`: 16 cases (each makes and merges a real encrypted copy); PROPTEST_CASES
//! raises it.

use crate::common;

use std::collections::BTreeMap;

use maillage_core::db::{OpenOptions, Passphrase};
use maillage_core::model::*;
use maillage_core::queries::{attendance, invitations, meetings, organisations, persons};
use maillage_core::sync::{self, merge::MergeChoices, merge::Side};
use maillage_core::Database;
use proptest::prelude::*;

const PASS: &str = "propriété du merge";
const ORGS: usize = 3;
const PEOPLE: usize = 4;

/// A field a side may edit: an organisation's phone or e-mail, a person's phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    OrgPhone(usize),
    OrgEmail(usize),
    PersonPhone(usize),
}

#[derive(Debug, Clone)]
enum Op {
    Set(Field, u8),
    CheckIn(usize),
}

fn field() -> impl Strategy<Value = Field> {
    prop_oneof![(0..ORGS).prop_map(Field::OrgPhone), (0..ORGS).prop_map(Field::OrgEmail), (0..PEOPLE).prop_map(Field::PersonPhone)]
}

fn office_ops() -> impl Strategy<Value = Vec<(Field, u8)>> {
    prop::collection::vec((field(), 0u8..4), 0..8)
}

fn copy_ops() -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec(prop_oneof![(field(), 0u8..4).prop_map(|(f, v)| Op::Set(f, v)), (0..PEOPLE).prop_map(Op::CheckIn)], 0..10)
}

fn value(f: Field, v: u8) -> String {
    match f {
        Field::OrgEmail(_) => format!("contact{v}@exemple.fr"),
        _ => format!("05 55 00 00 0{v}"),
    }
}

struct Net {
    t: common::TestDb,
    orgs: Vec<String>,
    people: Vec<String>,
    meeting: String,
}

fn org_input(i: usize, phone: Option<String>, email: Option<String>) -> OrganisationInput {
    OrganisationInput { phone, email, ..common::org(&format!("Organisme {i}"), Some("Brive")) }
}

fn person_input(i: usize, phone: Option<String>) -> PersonInput {
    PersonInput {
        first_name: Some(format!("Prénom{i}")),
        last_name: Some(format!("Nom{i}")),
        category: Some(PersonCategory::Professionnel),
        email: Some(format!("p{i}@exemple.fr")),
        phone,
        ..Default::default()
    }
}

fn network() -> Net {
    let t = common::fresh();
    let orgs = (0..ORGS).map(|i| organisations::create(&t, org_input(i, None, None)).unwrap().id).collect();
    let people: Vec<String> = (0..PEOPLE).map(|i| persons::create(&t, person_input(i, None)).unwrap().id).collect();
    let body = maillage_core::queries::bodies::create(&t, BodyInput { name: "Plénière".into(), kind: Some(BodyKind::Pleniere), ..Default::default() }).unwrap().id;
    let today = chrono::Local::now().date_naive().to_string();
    let meeting = meetings::create(&t, MeetingInput { body_id: body, date: Some(today), ..Default::default() }).unwrap().id;
    invitations::invite(&t, InviteRequest { meeting_id: meeting.clone(), body_members: false, person_ids: people.clone(), organisation_ids: vec![] }).unwrap();
    Net { t, orgs, people, meeting }
}

/// The current value of a field.
fn read(conn: &maillage_core::db::Connection, n: &Net, f: Field) -> Option<String> {
    match f {
        Field::OrgPhone(i) => organisations::get(conn, &n.orgs[i]).unwrap().phone,
        Field::OrgEmail(i) => organisations::get(conn, &n.orgs[i]).unwrap().email,
        Field::PersonPhone(i) => persons::get(conn, &n.people[i]).unwrap().phone,
    }
}

/// Writes a field through the forms' own functions (the other fields as they are).
fn write(conn: &maillage_core::db::Connection, n: &Net, f: Field, v: u8) {
    match f {
        Field::OrgPhone(i) | Field::OrgEmail(i) => {
            let o = organisations::get(conn, &n.orgs[i]).unwrap();
            let (phone, email) = match f {
                Field::OrgPhone(_) => (Some(value(f, v)), o.email),
                _ => (o.phone, Some(value(f, v))),
            };
            organisations::update(conn, &n.orgs[i], org_input(i, phone, email)).unwrap();
        }
        Field::PersonPhone(i) => {
            persons::update(conn, &n.people[i], person_input(i, Some(value(f, v)))).unwrap();
        }
    }
}

fn conflict_key(n: &Net, f: Field) -> String {
    match f {
        Field::OrgPhone(i) => format!("organisation:{}:phone", n.orgs[i]),
        Field::OrgEmail(i) => format!("organisation:{}:email", n.orgs[i]),
        Field::PersonPhone(i) => format!("person:{}:phone", n.people[i]),
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(16)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), max_shrink_iters: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_change_arrives_every_conflict_is_reported(office in office_ops(), laptop in copy_ops(), prefer_copy in any::<bool>()) {
        let n = network();
        let path = n.t.dir.path().join("c.maillage");
        sync::copy::make(&n.t.db, &[n.meeting.clone()], &path, &Passphrase::new(PASS), false).unwrap();
        let fields: Vec<Field> = (0..ORGS).flat_map(|i| [Field::OrgPhone(i), Field::OrgEmail(i)]).chain((0..PEOPLE).map(Field::PersonPhone)).collect();
        let base: BTreeMap<Field, Option<String>> = fields.iter().map(|f| (*f, read(&n.t, &n, *f))).collect();

        for (f, v) in &office {
            write(&n.t, &n, *f, *v);
        }
        let mut checked_in = std::collections::BTreeSet::new();
        {
            let copy = Database::open_with(&path, &OpenOptions::existing(Some(Passphrase::new(PASS)))).unwrap();
            for op in &laptop {
                match op {
                    Op::Set(f, v) => write(copy.conn(), &n, *f, *v),
                    Op::CheckIn(i) => {
                        if checked_in.insert(*i) {
                            attendance::check_in(copy.conn(), &n.meeting, None, &n.people[*i]).unwrap();
                        }
                    }
                }
            }
        }
        let office_now: BTreeMap<Field, Option<String>> = fields.iter().map(|f| (*f, read(&n.t, &n, *f))).collect();
        let copy_now: BTreeMap<Field, Option<String>> = {
            let copy = Database::open_with(&path, &OpenOptions::existing(Some(Passphrase::new(PASS)))).unwrap();
            fields.iter().map(|f| (*f, read(copy.conn(), &n, *f))).collect()
        };

        let side = if prefer_copy { Side::Copy } else { Side::Office };
        let choices = MergeChoices { prefer: Some(side), ..Default::default() };
        let report = sync::merge::merge(&n.t.db, &path, &Passphrase::new(PASS), &choices, false).unwrap();
        let reported: std::collections::BTreeSet<String> = report.conflicts.iter().map(|c| c.key.clone()).collect();

        for f in &fields {
            let (b, o, c) = (&base[f], &office_now[f], &copy_now[f]);
            let expected = if c == b || c == o {
                o.clone()
            } else if o == b {
                c.clone()
            } else {
                prop_assert!(reported.contains(&conflict_key(&n, *f)), "{f:?}: base {b:?}, office {o:?}, copy {c:?} not reported: {reported:?}");
                if prefer_copy { c.clone() } else { o.clone() }
            };
            prop_assert_eq!(&read(&n.t, &n, *f), &expected, "{:?}: base {:?}, office {:?}, copy {:?}", f, b, o, c);
            if c == b || c == o || o == b {
                prop_assert!(!reported.contains(&conflict_key(&n, *f)), "{f:?} is no conflict");
            }
        }
        let present: i64 = n.t.query_row("SELECT count(*) FROM attendance WHERE meeting_id = ? AND status = 'present' AND deleted_at IS NULL", [&n.meeting], |r| r.get(0)).unwrap();
        prop_assert_eq!(present as usize, checked_in.len());

        let again = sync::merge::merge(&n.t.db, &path, &Passphrase::new(PASS), &choices, false).unwrap();
        prop_assert!(again.nothing_to_do);
        for f in &fields {
            let now = read(&n.t, &n, *f);
            let first = if report.conflicts.iter().any(|c| c.key == conflict_key(&n, *f)) && !prefer_copy { office_now[f].clone() } else { now.clone() };
            prop_assert_eq!(now, first);
        }
        prop_assert!(n.t.db.check().unwrap().integrity_ok);
    }
}
