// Maillage desktop shell: opens the database named by --db / $MAILLAGE_DB (or the app-data
// default) and exposes the core through thin commands. No network, no file system access from
// the web view: see capabilities/main.json and the CSP in tauri.conf.json.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod fatal;
mod state;

fn main() {
    // Without a web view engine the window cannot open: on Windows a missing WebView2 runtime
    // would otherwise end the app without a word (it has no console).
    if let Err(e) = tauri::webview_version() {
        fatal::show(&maillage_core::error::app::webview_missing(&e.to_string()));
        std::process::exit(1);
    }
    let db_arg = state::db_arg(std::env::args());
    let path = maillage_core::db::resolve_db_path(db_arg);
    tauri::Builder::default()
        // First, so that a second launch stops before opening the database: it brings the first
        // window forward instead (on Linux through D-Bus; without a session bus it starts alone).
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            use tauri::Manager;
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .manage(state::AppState::open(path))
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            fatal::show(&maillage_core::error::app::start_failed(&e.to_string()));
            std::process::exit(1);
        });
}
