//! What the desktop shell shows about itself: its footer (or, when the database could not open,
//! the page instead of everything) and « À propos ». Only the app uses these; they are here so
//! that their TypeScript bindings are generated with the others (`crate::bindings`).

use serde::Serialize;
use ts_rs::TS;

use crate::ErrorPayload;

/// What the UI shows in its footer, or instead of everything when the database could not open.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    pub open_error: Option<ErrorPayload>,
    /// The open database is a laptop copy: what it is, for the banner.
    pub copy: Option<crate::sync::CopyDescription>,
    /// Idle minutes before an open copy locks itself.
    pub lock_minutes: u32,
    /// When the database cannot be opened (damaged): the latest backup, which the UI offers to
    /// restore.
    pub latest_backup: Option<crate::backup::BackupInfo>,
    /// A warning about where the database lives (a network share), for a banner.
    pub storage_warning: Option<String>,
}

/// « À propos de Maillage »: the version, and where everything is kept.
#[derive(Debug, Clone, Serialize, TS)]
pub struct About {
    pub version: String,
    /// The schema this version writes (one per file of `migrations/`).
    pub schema_version: i64,
    pub db_path: String,
    pub backups_folder: String,
    /// The technical log (`maillage.log`): starts, databases opened, errors by kind.
    pub log_folder: String,
    /// The web view engine's version (WebKitGTK on Linux, WebView2 on Windows), for support.
    pub webview: String,
}

/// A folder « À propos » opens in the system's file manager.
#[derive(Debug, Clone, Copy, serde::Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AppFolder {
    /// The folder of the database file.
    Donnees,
    Sauvegardes,
    Journaux,
}
