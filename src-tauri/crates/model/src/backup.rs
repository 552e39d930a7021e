//! Backups' codes. The files themselves are made by `crate::backup`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Why a backup was made. Its code is part of the file name.
/// Its code is part of the file name and what crosses IPC (French: the files are the user's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum BackupReason {
    /// The first start of the day.
    #[serde(rename = "quotidienne")]
    Daily,
    /// « Sauvegarder maintenant », `maillage-cli backup`.
    #[serde(rename = "manuelle")]
    Manual,
    #[serde(rename = "avant-fusion")]
    BeforeMerge,
    #[serde(rename = "avant-import")]
    BeforeImport,
    #[serde(rename = "avant-mise-a-jour")]
    BeforeMigration,
    #[serde(rename = "avant-restauration")]
    BeforeRestore,
}

impl BackupReason {
    pub const ALL: [BackupReason; 6] = [
        BackupReason::Daily,
        BackupReason::Manual,
        BackupReason::BeforeMerge,
        BackupReason::BeforeImport,
        BackupReason::BeforeMigration,
        BackupReason::BeforeRestore,
    ];

    /// The code in the file name, as serialised.
    pub fn code(self) -> &'static str {
        match self {
            BackupReason::Daily => "quotidienne",
            BackupReason::Manual => "manuelle",
            BackupReason::BeforeMerge => "avant-fusion",
            BackupReason::BeforeImport => "avant-import",
            BackupReason::BeforeMigration => "avant-mise-a-jour",
            BackupReason::BeforeRestore => "avant-restauration",
        }
    }

    pub fn from_code(code: &str) -> Option<BackupReason> {
        BackupReason::ALL.into_iter().find(|r| r.code() == code)
    }
}
