use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A competence domain (accueil et suivi social, logement…), from an editable list.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct Domain {
    pub id: String,
    pub label: String,
    pub position: i32,
    /// Organisations (not deleted) that have this domain.
    pub organisation_count: u32,
}

/// A short reference to a named record, for lists, pickers and links.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
pub struct Ref {
    pub id: String,
    pub label: String,
}
