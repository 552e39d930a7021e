use serde::Serialize;
use ts_rs::TS;

use crate::ErrorPayload;

/// What the UI shows in its footer, or instead of everything when the database could not open.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    pub open_error: Option<ErrorPayload>,
    /// Set only by tests (MAILLAGE_EXPORT_DIR): the folder to use instead of asking.
    pub export_dir: Option<String>,
}
