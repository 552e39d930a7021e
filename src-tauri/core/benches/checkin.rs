//! Check-in speed on a large network: 20,000 people, 2,000 meetings. Prints p50 / p99 / max of
//! the check-in search (three letters typed) and of marking a person present (one committed
//! transaction on a real WAL file). Run: `cargo bench -p maillage-core --bench checkin`.

use std::time::{Duration, Instant};

use maillage_core::model::*;
use maillage_core::queries::{attendance, bodies, invitations, meetings, organisations, persons};
use maillage_core::Database;

const PEOPLE: usize = 20_000;
const MEETINGS: usize = 2_000;
const INVITED_PER_MEETING: usize = 40;
const PLENARY_INVITED: usize = 400;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn report(what: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{what:<42} n={:<5} p50={:>7.3} ms  p99={:>7.3} ms  max={:>7.3} ms",
        samples.len(),
        percentile(&samples, 0.50).as_secs_f64() * 1e3,
        percentile(&samples, 0.99).as_secs_f64() * 1e3,
        samples.last().unwrap().as_secs_f64() * 1e3
    );
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db = Database::open(&dir.path().join("bench.sqlite")).unwrap();
    let c = db.conn();
    let mut rng = fastrand::Rng::with_seed(7);
    let syllables = ["ma", "ri", "lo", "ben", "dur", "ant", "cha", "vel", "mo", "sa", "tou", "gné", "é", "ber", "lac", "pey"];
    let word = |rng: &mut fastrand::Rng, n: usize| -> String {
        let w: String = (0..n).map(|_| syllables[rng.usize(0..syllables.len())]).collect();
        let mut cs = w.chars();
        cs.next().map(|f| f.to_uppercase().collect::<String>() + cs.as_str()).unwrap_or_default()
    };

    let t = Instant::now();
    let tx = maillage_core::db::write_tx(c).unwrap();
    let orgs: Vec<String> = (0..2_000)
        .map(|i| {
            organisations::create(&tx, OrganisationInput { name: format!("{} {i}", word(&mut rng, 3)), sector: Some(Sector::Associatif), category: Some(OrgCategory::Autre), ..Default::default() })
                .unwrap()
                .id
        })
        .collect();
    let people: Vec<String> = (0..PEOPLE)
        .map(|_| {
            persons::create(&tx, PersonInput { first_name: Some(word(&mut rng, 2)), last_name: Some(word(&mut rng, 3)), category: Some(PersonCategory::Professionnel), ..Default::default() })
                .unwrap()
                .id
        })
        .collect();
    for (i, p) in people.iter().enumerate() {
        maillage_core::queries::affiliations::create(&tx, AffiliationInput { person_id: p.clone(), organisation_id: orgs[i % orgs.len()].clone(), ..Default::default() }).unwrap();
    }
    let body = bodies::create(&tx, BodyInput { name: "Plénière".into(), kind: Some(BodyKind::Pleniere), ..Default::default() }).unwrap();
    let today = chrono::Local::now().date_naive();
    let mut plenary = String::new();
    for i in 0..MEETINGS {
        let date = today - chrono::Duration::days((MEETINGS - i) as i64);
        let m = meetings::create(&tx, MeetingInput { body_id: body.id.clone(), date: Some(date.to_string()), ..Default::default() }).unwrap();
        let n = if i == MEETINGS - 1 { PLENARY_INVITED } else { INVITED_PER_MEETING };
        let invited: Vec<String> = (0..n).map(|_| people[rng.usize(0..PEOPLE)].clone()).collect();
        invitations::invite(&tx, InviteRequest { meeting_id: m.id.clone(), person_ids: invited, ..Default::default() }).unwrap();
        plenary = m.id;
    }
    // Today's plenary is the last one: move it to today.
    tx.execute("UPDATE meeting SET date = ? WHERE id = ?", rusqlite::params![today.to_string(), plenary]).unwrap();
    tx.commit().unwrap();
    let invitations: i64 = c.query_row("SELECT count(*) FROM invitation", [], |r| r.get(0)).unwrap();
    println!("database: {PEOPLE} people, {MEETINGS} meetings, {invitations} invitations, built in {:.1} s", t.elapsed().as_secs_f64());

    // Three letters of invited people's names, as typed at the door.
    let invited: Vec<(String, String)> = c
        .prepare("SELECT p.id, p.search_text FROM invitation i JOIN person p ON p.id = i.person_id WHERE i.meeting_id = ?")
        .unwrap()
        .query_map([&plenary], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut search = Vec::new();
    for k in 0..3_000 {
        let (_, text) = &invited[k % invited.len()];
        let last = text.split(' ').nth(1).unwrap_or(text);
        let q: String = last.chars().take(3).collect();
        let t = Instant::now();
        let hits = attendance::search(c, &plenary, None, &q, 12).unwrap();
        search.push(t.elapsed());
        assert!(!hits.is_empty());
    }
    report("check-in search (3 letters, 12 lines)", search);

    let mut check_in = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (id, _) in &invited {
        if !seen.insert(id.clone()) {
            continue;
        }
        let t = Instant::now();
        attendance::check_in(c, &plenary, None, id).unwrap();
        check_in.push(t.elapsed());
    }
    report("mark present (committed transaction)", check_in);

    let t = Instant::now();
    let n = 200;
    for _ in 0..n {
        attendance::counts(c, &plenary).unwrap();
    }
    println!("{:<42} mean={:>7.3} ms", "live counts (figures of the meeting)", t.elapsed().as_secs_f64() * 1e3 / n as f64);
}
