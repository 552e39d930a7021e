//! Shared test helpers: a fresh database in a temporary folder.
#![allow(dead_code)]

pub mod bombs;
pub mod messy;
pub mod office;

use maillage_core::model::*;
use maillage_core::queries::{organisations, persons};
use maillage_core::Database;

/// How many rounds a `hostile_` test makes: `default` (a handful, so that `make test` stays fast),
/// or MAILLAGE_PROBE_ROUNDS for a longer probe (scripts/probe-files.sh).
pub fn probe_rounds(default: usize) -> usize {
    std::env::var("MAILLAGE_PROBE_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

pub struct TestDb {
    pub db: Database,
    pub dir: tempfile::TempDir,
}

impl std::ops::Deref for TestDb {
    type Target = maillage_core::db::Connection;
    fn deref(&self) -> &Self::Target {
        self.db.conn()
    }
}

pub fn fresh() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let db = Database::open(&dir.path().join("test.sqlite")).unwrap();
    TestDb { db, dir }
}

pub fn org(name: &str, commune: Option<&str>) -> OrganisationInput {
    OrganisationInput {
        name: name.into(),
        sector: Some(Sector::Associatif),
        category: Some(OrgCategory::AssociationEntraide),
        commune: commune.map(Into::into),
        ..Default::default()
    }
}

pub fn make_org(c: &maillage_core::db::Connection, name: &str, commune: Option<&str>) -> Organisation {
    organisations::create(c, org(name, commune)).unwrap()
}

pub fn make_person(c: &maillage_core::db::Connection, first: &str, last: &str, email: Option<&str>) -> Person {
    persons::create(
        c,
        PersonInput {
            first_name: Some(first.into()),
            last_name: Some(last.into()),
            category: Some(PersonCategory::Professionnel),
            email: email.map(Into::into),
            ..Default::default()
        },
    )
    .unwrap()
}

/// Count of rows in `table` (tombstones included).
pub fn rows(c: &maillage_core::db::Connection, table: &str) -> i64 {
    c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}
