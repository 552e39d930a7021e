// An empty Tauri 2 window: one static page, no plugin, no command. What Maillage's start-up is
// compared with (scripts/measure-startup.sh).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default().run(tauri::generate_context!()).expect("the empty window could not start");
}
