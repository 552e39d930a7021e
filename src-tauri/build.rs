// The app's own commands are declared here so that Tauri generates a permission for each
// (`allow-<command>`); capabilities/main.json grants them to the main window only.
// Keep this list in step with `commands::handler()` in src/commands.rs (a test checks it).
pub const COMMANDS: &[&str] = &[
    "app_info",
    "list_domains", "create_domain", "rename_domain", "remove_domain",
    "list_organisations", "get_organisation", "create_organisation", "update_organisation",
    "remove_organisation", "unarchive_organisation", "organisation_refs", "list_communes",
    "list_persons", "get_person", "create_person", "update_person", "remove_person",
    "create_affiliation", "update_affiliation", "end_affiliation", "remove_affiliation",
    "add_membership_event", "remove_membership_event",
    "list_agreements", "create_agreement", "sign_agreement", "remove_signature",
    "directory",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
