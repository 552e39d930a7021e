// The app's own commands are declared here so that Tauri generates a permission for each
// (`allow-<command>`); capabilities/main.json grants them to the main window only.
// Keep this list in step with `commands::handler()` in src/commands.rs (a test checks it).
pub const COMMANDS: &[&str] = &[
    "app_info", "purge_proposed",
    "list_domains", "create_domain", "rename_domain", "remove_domain",
    "list_organisations", "get_organisation", "create_organisation", "update_organisation",
    "remove_organisation", "unarchive_organisation", "organisation_refs", "list_communes",
    "list_persons", "get_person", "create_person", "update_person", "remove_person", "unarchive_person",
    "create_affiliation", "update_affiliation", "end_affiliation", "remove_affiliation",
    "add_membership_event", "remove_membership_event",
    "list_agreements", "create_agreement", "sign_agreement", "remove_signature",
    "directory",
    "get_settings", "save_settings",
    "list_bodies", "get_body", "create_body", "update_body", "remove_body",
    "body_members", "add_body_member", "end_body_member", "remove_body_member",
    "list_meetings", "get_meeting", "create_meeting", "update_meeting", "remove_meeting",
    "add_session", "remove_session",
    "list_invitations", "invite", "set_reply", "remove_invitation",
    "check_in_search", "check_in", "walk_in", "set_attendance", "undo_attendance", "mark_rest_absent",
    "check_in_counts", "sign_in_sheet", "produce_mailing", "log_letter", "letter_recipients", "attach_minutes", "remove_minutes", "save_minutes_copy", "mailing_text", "open_produced", "show_produced", "print_sheets", "check_in_code", "invitation_codes", "about", "show_folder",
    "bilan_period", "bilan", "export_bilan",
    "report_texts", "save_report_texts",
    "list_actions", "get_action", "create_action", "update_action", "add_action_partner", "remove_action_partner", "set_action_count",
    "list_indicators", "create_indicator", "indicator_values", "set_indicator_value",
    "report_categories", "list_reports", "create_report", "update_report", "list_solicitations", "save_solicitation", "watch_figures",
    "list_backups", "backup_now", "restore_backup", "restore_latest_backup",
    "copy_upcoming_meetings", "prepare_copy", "open_copy", "unlock_copy", "lock_copy", "close_copy", "pick_copy_to_merge", "merge_copy",
    "erase_persons", "purge_preview", "purge", "keep_person", "release_person", "person_dossier", "export_person_dossier",
    "list_journal", "journal_users",
    "import_open", "import_remap", "import_preview", "import_apply", "import_cancel", "import_save_report", "export_list",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
