// Maillage desktop shell: opens the database named by --db / $MAILLAGE_DB (or the app-data
// default) and exposes the core through thin commands. No network, no file system access from
// the web view: see capabilities/main.json and the CSP in tauri.conf.json.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod fatal;
mod state;
mod words;

/// The technical log: `maillage.log` in the app's log folder, local time, at most 5 files of 1 MB.
/// The web view cannot write to it (no `log:` permission is granted).
fn logging() -> tauri::plugin::TauriPlugin<tauri::Wry> {
    use tauri_plugin_log::{RotationStrategy, Target, TargetKind, TimezoneStrategy};
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .target(Target::new(TargetKind::LogDir { file_name: Some("maillage".into()) }))
        .level(log::LevelFilter::Info)
        .max_file_size(1_000_000)
        .rotation_strategy(RotationStrategy::KeepSome(5))
        .timezone_strategy(TimezoneStrategy::UseLocal)
        .build()
}

/// What is remembered of the window: all but its full-screen state (the check-in mode's).
fn window_flags() -> tauri_plugin_window_state::StateFlags {
    tauri_plugin_window_state::StateFlags::all() - tauri_plugin_window_state::StateFlags::FULLSCREEN
}

/// Saves the window's size and position once it has stopped moving (the plugin saves only when
/// the app exits properly; an office PC switched off with Maillage open would forget). Not while
/// full screen: the size to come back to is the window's own.
fn remember_window(window: &tauri::Window) {
    use std::sync::atomic::{AtomicU64, Ordering};
    use tauri::Manager;
    use tauri_plugin_window_state::AppHandleExt;
    static LAST: AtomicU64 = AtomicU64::new(0);
    let mine = LAST.fetch_add(1, Ordering::SeqCst) + 1;
    let window = window.clone();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(600));
        if LAST.load(Ordering::SeqCst) == mine && !window.is_fullscreen().unwrap_or(true) {
            let _ = window.app_handle().save_window_state(window_flags());
        }
    });
}

/// Dates and times typed and shown in French whatever the desktop's language: WebKitGTK formats
/// `<input type="date">` and `"time"` (and `Intl`) in the user's preferred languages, not in the
/// page's `lang` — an English desktop showed 11/23/2026 and 12:30 PM. French is set as the web
/// context's preferred language (it needs no French locale installed on the system). On Windows,
/// WebView2 gets `--lang=fr-FR` (tauri.conf.json).
#[cfg(target_os = "linux")]
fn french_web_view(window: &tauri::WebviewWindow) {
    let _ = window.with_webview(|webview| {
        use webkit2gtk::{WebContextExt, WebViewExt};
        if let Some(context) = webview.inner().context() {
            context.set_preferred_languages(&["fr-FR", "fr"]);
        }
    });
}
#[cfg(not(target_os = "linux"))]
fn french_web_view(_: &tauri::WebviewWindow) {}

fn main() {
    // Without a web view engine the window cannot open: on Windows a missing WebView2 runtime
    // would otherwise end the app without a word (it has no console).
    if let Err(e) = tauri::webview_version() {
        fatal::show(&crate::words::webview_missing(&e.to_string()));
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
        .plugin(logging())
        .plugin(tauri_plugin_window_state::Builder::default().with_state_flags(window_flags()).build())
        .on_window_event(|window, event| {
            if matches!(event, tauri::WindowEvent::Resized(_) | tauri::WindowEvent::Moved(_)) {
                remember_window(window);
            }
        })
        // The database is opened once the plugins run, so that the log records how it went.
        .setup(move |app| {
            use tauri::Manager;
            log::info!("Maillage {} démarré", maillage_core::APP_VERSION);
            app.manage(state::AppState::open(path));
            if let Some(window) = app.get_webview_window("main") {
                french_web_view(&window);
            }
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            fatal::show(&crate::words::start_failed(&e.to_string()));
            std::process::exit(1);
        });
}
