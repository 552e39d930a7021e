//! Thin Tauri commands: each one takes its typed arguments, calls one core query function and
//! maps the error. No logic lives here. The UI calls them through `ui/src/lib/api.ts`.

use maillage_core::about::{About, AppFolder, AppInfo};
use maillage_core::model::*;
use maillage_core::queries::{
    actions, affiliations, agreements, attendance, bodies, indicators, body_members, directory as dir, domains, invitations, meetings,
    memberships, minutes_files, organisations, persons, report_texts as texts, settings, watch,
};
use maillage_core::mailings;
use std::path::PathBuf;

use maillage_core::backup::{BackupInfo, Reason as BackupReason};
use maillage_core::db::Passphrase;
use maillage_core::sync::{self, copy::CopyMeeting, copy::CopySummary, merge::MergeChoices, merge::MergeReport};
use tauri_plugin_dialog::DialogExt;
use maillage_core::privacy::{self, access::PersonDossier, retention::PurgePreview, ErasureReport, OpenRoles};
use maillage_core::queries::journal::{self, JournalEntry, JournalFilter};
use maillage_core::{bilan as bilan_q, ErrorPayload};
use tauri::State;

use crate::state::AppState;

type Res<T> = Result<T, ErrorPayload>;
type St<'a> = State<'a, AppState>;

pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app_info, purge_proposed,
        list_domains, create_domain, rename_domain, remove_domain,
        list_organisations, get_organisation, create_organisation, update_organisation,
        remove_organisation, unarchive_organisation, organisation_refs, list_communes,
        list_persons, get_person, create_person, update_person, remove_person, unarchive_person,
        create_affiliation, update_affiliation, end_affiliation, remove_affiliation,
        add_membership_event, remove_membership_event,
        list_agreements, create_agreement, sign_agreement, remove_signature,
        directory,
        get_settings, save_settings,
        list_bodies, get_body, create_body, update_body, remove_body,
        body_members, add_body_member, end_body_member, remove_body_member,
        list_meetings, get_meeting, create_meeting, update_meeting, remove_meeting,
        add_session, remove_session,
        list_invitations, invite, set_reply, remove_invitation,
        check_in_search, check_in, walk_in, set_attendance, undo_attendance, mark_rest_absent,
        check_in_counts, sign_in_sheet, produce_mailing, log_letter, letter_recipients, attach_minutes, remove_minutes, save_minutes_copy, mailing_text, open_produced, show_produced, print_sheets, check_in_code, invitation_codes, about, show_folder,
        bilan_period, bilan, export_bilan,
        report_texts, save_report_texts,
        list_actions, get_action, create_action, update_action, add_action_partner, remove_action_partner, set_action_count,
        list_indicators, create_indicator, indicator_values, set_indicator_value,
        report_categories, list_reports, create_report, update_report, list_solicitations, save_solicitation, watch_figures,
        list_backups, backup_now, restore_backup, restore_latest_backup,
        copy_upcoming_meetings, prepare_copy, open_copy, unlock_copy, lock_copy, close_copy, pick_copy_to_merge, merge_copy,
        erase_persons, purge_preview, purge, keep_person, release_person, person_dossier, export_person_dossier,
        list_journal, journal_users,
        import_open, import_remap, import_preview, import_apply, import_cancel, import_save_report, export_list,
    ]
}

#[tauri::command]
pub async fn app_info(s: St<'_>) -> Res<AppInfo> {
    let (copy, lock_minutes) = s.with(|c| Ok((maillage_core::sync::describe(c)?, maillage_core::sync::lock_minutes(c)))).unwrap_or((None, 10));
    Ok(AppInfo {
        version: maillage_core::APP_VERSION.to_owned(),
        db_path: s.db_path().display().to_string(),
        open_error: s.open_error(),
        copy,
        lock_minutes,
        storage_warning: maillage_core::db::storage_warning(&s.db_path()),
        latest_backup: s.latest_backup_if_unopenable(),
    })
}

/// The yearly purge of personal data is due (once a year, when someone passed their period): for
/// the banner. Apart from `app_info`, and asked by the UI after the page's own first requests:
/// the preview reads every person's last activity (0.1–0.15 s on the demo), which held the
/// dashboard's figures back at start (docs/measurements.md, « Démarrage »). A laptop copy is not
/// where the purge is done: the office database is.
#[tauri::command]
pub async fn purge_proposed(s: St<'_>) -> Res<bool> {
    s.with(|c| Ok(maillage_core::sync::describe(c)?.is_none() && privacy::retention::preview(c, &maillage_core::db::today())?.proposed))
}

/// Where one of Maillage's folders is, for « À propos » (shown, and opened).
fn app_folder(app: &tauri::AppHandle, s: &AppState, which: AppFolder) -> PathBuf {
    use tauri::Manager;
    let db_path = s.db_path();
    match which {
        AppFolder::Donnees => db_path.parent().map(std::path::Path::to_path_buf).unwrap_or_default(),
        AppFolder::Sauvegardes => maillage_core::backup::dir(&db_path),
        AppFolder::Journaux => app.path().app_log_dir().unwrap_or_default(),
    }
}
/// « À propos de Maillage ».
#[tauri::command]
pub async fn about(app: tauri::AppHandle, s: St<'_>) -> Res<About> {
    Ok(About {
        version: maillage_core::APP_VERSION.to_owned(),
        schema_version: maillage_core::db::supported_schema_version(),
        db_path: s.db_path().display().to_string(),
        backups_folder: app_folder(&app, &s, AppFolder::Sauvegardes).display().to_string(),
        log_folder: app_folder(&app, &s, AppFolder::Journaux).display().to_string(),
        webview: tauri::webview_version().unwrap_or_default(),
    })
}
/// Opens one of Maillage's folders in the system's file manager (« À propos »).
#[tauri::command]
pub async fn show_folder(app: tauri::AppHandle, s: St<'_>, which: AppFolder) -> Res<()> {
    let dir = app_folder(&app, &s, which);
    // A folder not made yet (no backup so far) opens its parent rather than failing.
    let dir = if dir.is_dir() { dir } else { dir.parent().map(std::path::Path::to_path_buf).unwrap_or(dir) };
    opening(&dir, false)
}

/// Test builds only (`--features test-hooks`): end-to-end tests cannot drive the native file
/// dialogs, so they name a folder. The release binary has no such door: every path comes from a
/// dialog the user answered.
#[cfg(feature = "test-hooks")]
fn test_export_dir() -> Option<String> {
    std::env::var("MAILLAGE_EXPORT_DIR").ok().filter(|d| !d.is_empty())
}
#[cfg(not(feature = "test-hooks"))]
fn test_export_dir() -> Option<String> {
    None
}

// Domains
#[tauri::command]
pub async fn list_domains(s: St<'_>) -> Res<Vec<Domain>> {
    s.with(domains::list)
}
#[tauri::command]
pub async fn create_domain(s: St<'_>, label: String) -> Res<Domain> {
    s.with(|c| domains::create(c, label))
}
#[tauri::command]
pub async fn rename_domain(s: St<'_>, id: String, label: String) -> Res<()> {
    s.with(|c| domains::rename(c, &id, label))
}
#[tauri::command]
pub async fn remove_domain(s: St<'_>, id: String) -> Res<()> {
    s.with(|c| domains::remove(c, &id))
}

// Organisations
#[tauri::command]
pub async fn list_organisations(s: St<'_>, filter: OrganisationFilter) -> Res<Vec<OrganisationSummary>> {
    s.with(|c| organisations::list(c, &filter))
}
#[tauri::command]
pub async fn get_organisation(s: St<'_>, id: String) -> Res<Organisation> {
    s.with(|c| organisations::get(c, &id))
}
#[tauri::command]
pub async fn create_organisation(s: St<'_>, input: OrganisationInput) -> Res<Organisation> {
    s.with(|c| organisations::create(c, input))
}
#[tauri::command]
pub async fn update_organisation(s: St<'_>, id: String, input: OrganisationInput) -> Res<Organisation> {
    s.with(|c| organisations::update(c, &id, input))
}
#[tauri::command]
pub async fn remove_organisation(s: St<'_>, id: String) -> Res<RemovalOutcome> {
    s.with(|c| organisations::remove(c, &id))
}
#[tauri::command]
pub async fn unarchive_organisation(s: St<'_>, id: String) -> Res<Organisation> {
    s.with(|c| organisations::unarchive(c, &id))
}
#[tauri::command]
pub async fn organisation_refs(s: St<'_>) -> Res<Vec<Ref>> {
    s.with(organisations::refs)
}
#[tauri::command]
pub async fn list_communes(s: St<'_>) -> Res<Vec<String>> {
    s.with(organisations::communes)
}

// People and their posts
#[tauri::command]
pub async fn list_persons(s: St<'_>, filter: PersonFilter) -> Res<Vec<PersonSummary>> {
    s.with(|c| persons::list(c, &filter))
}
#[tauri::command]
pub async fn get_person(s: St<'_>, id: String) -> Res<Person> {
    s.with(|c| persons::get(c, &id))
}
#[tauri::command]
pub async fn create_person(s: St<'_>, input: PersonInput) -> Res<Person> {
    s.with(|c| persons::create(c, input))
}
#[tauri::command]
pub async fn update_person(s: St<'_>, id: String, input: PersonInput) -> Res<Person> {
    s.with(|c| persons::update(c, &id, input))
}
#[tauri::command]
pub async fn remove_person(s: St<'_>, id: String) -> Res<RemovalOutcome> {
    s.with(|c| persons::remove(c, &id))
}
#[tauri::command]
pub async fn unarchive_person(s: St<'_>, id: String) -> Res<Person> {
    s.with(|c| persons::unarchive(c, &id))
}
#[tauri::command]
pub async fn create_affiliation(s: St<'_>, input: AffiliationInput) -> Res<Affiliation> {
    s.with(|c| affiliations::create(c, input))
}
#[tauri::command]
pub async fn update_affiliation(s: St<'_>, id: String, input: AffiliationInput) -> Res<Affiliation> {
    s.with(|c| affiliations::update(c, &id, input))
}
#[tauri::command]
pub async fn end_affiliation(s: St<'_>, id: String, end_date: Option<String>) -> Res<Affiliation> {
    s.with(|c| affiliations::end(c, &id, end_date))
}
#[tauri::command]
pub async fn remove_affiliation(s: St<'_>, id: String) -> Res<()> {
    s.with(|c| affiliations::remove(c, &id))
}

// Network membership and agreements
#[tauri::command]
pub async fn add_membership_event(s: St<'_>, input: MembershipEventInput) -> Res<MembershipEvent> {
    s.with(|c| memberships::add(c, input))
}
#[tauri::command]
pub async fn remove_membership_event(s: St<'_>, id: String) -> Res<()> {
    s.with(|c| memberships::remove(c, &id))
}
#[tauri::command]
pub async fn list_agreements(s: St<'_>) -> Res<Vec<Agreement>> {
    s.with(agreements::list)
}
#[tauri::command]
pub async fn create_agreement(s: St<'_>, input: AgreementInput) -> Res<Agreement> {
    s.with(|c| agreements::create(c, input))
}
#[tauri::command]
pub async fn sign_agreement(s: St<'_>, input: SignatureInput) -> Res<Signature> {
    s.with(|c| agreements::sign(c, input))
}
#[tauri::command]
pub async fn remove_signature(s: St<'_>, id: String) -> Res<()> {
    s.with(|c| agreements::remove_signature(c, &id))
}

// Printable directory
#[tauri::command]
pub async fn directory(s: St<'_>, grouping: DirectoryGrouping, members_only: bool) -> Res<Vec<DirectoryGroup>> {
    s.with(|c| dir::build(c, grouping, members_only))
}

// Settings of the agency
#[tauri::command]
pub async fn get_settings(s: St<'_>) -> Res<Settings> {
    s.with(settings::get)
}
#[tauri::command]
pub async fn save_settings(s: St<'_>, input: Settings) -> Res<Settings> {
    s.with(|c| settings::save(c, input))
}

// Bodies and their members
#[tauri::command]
pub async fn list_bodies(s: St<'_>) -> Res<Vec<Body>> {
    s.with(bodies::list)
}
#[tauri::command]
pub async fn get_body(s: St<'_>, id: String) -> Res<Body> {
    s.with(|c| bodies::get(c, &id))
}
#[tauri::command]
pub async fn create_body(s: St<'_>, input: BodyInput) -> Res<Body> {
    s.with(|c| bodies::create(c, input))
}
#[tauri::command]
pub async fn update_body(s: St<'_>, id: String, input: BodyInput) -> Res<Body> {
    s.with(|c| bodies::update(c, &id, input))
}
#[tauri::command]
pub async fn remove_body(s: St<'_>, id: String) -> Res<()> {
    s.with(|c| bodies::remove(c, &id))
}
#[tauri::command]
pub async fn body_members(s: St<'_>, body_id: String) -> Res<Vec<BodyMember>> {
    s.with(|c| body_members::of_body(c, &body_id))
}
#[tauri::command]
pub async fn add_body_member(s: St<'_>, input: BodyMemberInput) -> Res<BodyMember> {
    s.with(|c| body_members::add(c, input))
}
#[tauri::command]
pub async fn end_body_member(s: St<'_>, id: String, end_date: Option<String>) -> Res<BodyMember> {
    s.with(|c| body_members::end(c, &id, end_date))
}
#[tauri::command]
pub async fn remove_body_member(s: St<'_>, id: String) -> Res<()> {
    s.with(|c| body_members::remove(c, &id))
}

// Meetings and their sessions
#[tauri::command]
pub async fn list_meetings(s: St<'_>, filter: MeetingFilter) -> Res<Vec<MeetingSummary>> {
    s.with(|c| meetings::list(c, &filter))
}
#[tauri::command]
pub async fn get_meeting(s: St<'_>, id: String) -> Res<Meeting> {
    s.with(|c| meetings::get(c, &id))
}
#[tauri::command]
pub async fn create_meeting(s: St<'_>, input: MeetingInput) -> Res<Meeting> {
    s.with(|c| meetings::create(c, input))
}
#[tauri::command]
pub async fn update_meeting(s: St<'_>, id: String, input: MeetingInput) -> Res<Meeting> {
    s.with(|c| meetings::update(c, &id, input))
}
#[tauri::command]
pub async fn remove_meeting(s: St<'_>, id: String, confirmed: bool) -> Res<()> {
    s.with(|c| meetings::remove(c, &id, confirmed))
}
#[tauri::command]
pub async fn add_session(s: St<'_>, input: MeetingSessionInput) -> Res<MeetingSession> {
    s.with(|c| meetings::add_session(c, input))
}
#[tauri::command]
pub async fn remove_session(s: St<'_>, id: String) -> Res<()> {
    s.with(|c| meetings::remove_session(c, &id))
}

// The minutes file (kept in the database)
/// « Joindre un fichier… »: the native dialog; in test builds, the newest `a-joindre.*` file of
/// the test's folder. `None` when the user cancelled.
#[tauri::command]
pub async fn attach_minutes(app: tauri::AppHandle, s: St<'_>, id: String) -> Res<Option<Meeting>> {
    let kinds = minutes_files::accepted_extensions();
    let Some(path) = open_path(&app, "Compte rendu à joindre", ("Compte rendu", &kinds), "a-joindre") else { return Ok(None) };
    s.with(|c| minutes_files::attach(c, &id, &path)).map(Some)
}
#[tauri::command]
pub async fn remove_minutes(s: St<'_>, id: String) -> Res<Meeting> {
    s.with(|c| minutes_files::remove(c, &id))
}
/// « Enregistrer une copie… » of the minutes file, where the user says; the path written.
#[tauri::command]
pub async fn save_minutes_copy(app: tauri::AppHandle, s: St<'_>, id: String) -> Res<Option<String>> {
    let file = s.with(|c| minutes_files::kept(c, &id))?;
    let ext = std::path::Path::new(&file.file_name).extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
    let Some(out) = save_path(&app, "Enregistrer une copie du compte rendu", ("Compte rendu", &[ext.as_str()]), &file.file_name) else { return Ok(None) };
    // The dialog has asked whether to replace an existing file.
    s.with(|c| minutes_files::save_copy(c, &id, &out, true))?;
    Ok(Some(s.produced(&out)))
}

// Invitations and replies
#[tauri::command]
pub async fn list_invitations(s: St<'_>, meeting_id: String) -> Res<Vec<Invitation>> {
    s.with(|c| invitations::of_meeting(c, &meeting_id))
}
#[tauri::command]
pub async fn invite(s: St<'_>, request: InviteRequest) -> Res<InviteOutcome> {
    s.with(|c| invitations::invite(c, request))
}
#[tauri::command]
pub async fn set_reply(s: St<'_>, id: String, reply: Reply) -> Res<()> {
    s.with(|c| invitations::set_reply(c, &id, reply, None))
}
#[tauri::command]
pub async fn remove_invitation(s: St<'_>, id: String) -> Res<()> {
    s.with(|c| invitations::remove(c, &id))
}

// Attendance and check-in
#[tauri::command]
pub async fn check_in_search(s: St<'_>, meeting_id: String, session_id: Option<String>, query: String) -> Res<Vec<CheckInHit>> {
    s.with(|c| attendance::search(c, &meeting_id, session_id.as_deref(), &query, 12))
}
#[tauri::command]
pub async fn check_in(s: St<'_>, meeting_id: String, session_id: Option<String>, person_id: String) -> Res<String> {
    s.with(|c| attendance::check_in(c, &meeting_id, session_id, &person_id))
}
#[tauri::command]
pub async fn walk_in(s: St<'_>, input: WalkInInput) -> Res<CheckInHit> {
    s.with(|c| attendance::walk_in(c, input))
}
#[tauri::command]
pub async fn set_attendance(s: St<'_>, input: AttendanceInput) -> Res<String> {
    s.with(|c| attendance::set(c, input))
}
/// A check-in code typed by a scanner: the person checked in, or `None` when it is not a code.
#[tauri::command]
pub async fn check_in_code(s: St<'_>, meeting_id: String, session_id: Option<String>, typed: String) -> Res<Option<CheckInHit>> {
    s.with(|c| attendance::check_in_by_code(c, &meeting_id, session_id, &typed))
}
#[tauri::command]
pub async fn invitation_codes(s: St<'_>, meeting_id: String) -> Res<Vec<InvitationCode>> {
    s.with(|c| maillage_core::checkin_code::codes(c, &meeting_id))
}
#[tauri::command]
pub async fn undo_attendance(s: St<'_>, id: String) -> Res<()> {
    s.with(|c| attendance::undo(c, &id))
}
#[tauri::command]
pub async fn mark_rest_absent(s: St<'_>, meeting_id: String) -> Res<u32> {
    s.with(|c| attendance::mark_rest_absent(c, &meeting_id))
}
#[tauri::command]
pub async fn check_in_counts(s: St<'_>, meeting_id: String) -> Res<CheckInCounts> {
    s.with(|c| attendance::counts(c, &meeting_id))
}
#[tauri::command]
pub async fn sign_in_sheet(s: St<'_>, meeting_id: String) -> Res<Vec<SignInLine>> {
    s.with(|c| attendance::sign_in_sheet(c, &meeting_id))
}

// Files for the mail client
#[tauri::command]
pub async fn produce_mailing(app: tauri::AppHandle, s: St<'_>, request: MailingRequest) -> Res<Option<MailingFiles>> {
    let Some(folder) = folder_path(&app, "Dossier où enregistrer les fichiers pour votre messagerie") else { return Ok(None) };
    // The folder is chosen here, never by the web view.
    let request = MailingRequest { folder: folder.display().to_string(), ..request };
    let files = s.with(|c| mailings::produce(c, request))?;
    files.files.iter().for_each(|f| _ = s.produced(std::path::Path::new(f)));
    Ok(Some(files))
}
#[tauri::command]
pub async fn mailing_text(s: St<'_>, meeting_id: String, purpose: MailingPurpose) -> Res<String> {
    s.with(|c| mailings::text(c, &meeting_id, purpose))
}
#[tauri::command]
pub async fn letter_recipients(s: St<'_>, meeting_id: String, only_without_email: bool) -> Res<LetterRecipients> {
    s.with(|c| mailings::letter_recipients(c, &meeting_id, only_without_email))
}
/// Badges, address labels and letters' addresses for a meeting or a body.
#[tauri::command]
pub async fn print_sheets(s: St<'_>, request: maillage_core::print_sheets::SheetRequest) -> Res<maillage_core::print_sheets::Sheets> {
    s.with(|c| maillage_core::print_sheets::sheets(c, &request))
}
#[tauri::command]
pub async fn log_letter(s: St<'_>, meeting_id: String, purpose: MailingPurpose, recipients: u32) -> Res<()> {
    s.with(|c| mailings::log_letter(c, &meeting_id, purpose, recipients))
}

// The yearly bilan
/// The period of a calendar year, or of two dates: the UI never builds period strings itself.
#[tauri::command]
pub async fn bilan_period(year: Option<i32>, from: Option<String>, to: Option<String>) -> Res<Period> {
    Ok(maillage_core::figures::period::of(year, from.as_deref(), to.as_deref())?)
}
#[tauri::command]
pub async fn bilan(s: St<'_>, from: String, to: String) -> Res<Bilan> {
    s.with(|c| bilan_q::compute(c, bilan_q::range(&from, &to)?))
}
#[tauri::command]
pub async fn export_bilan(app: tauri::AppHandle, s: St<'_>, from: String, to: String, with_names: bool) -> Res<Option<String>> {
    let period = bilan_q::range(&from, &to).map_err(ErrorPayload::from)?;
    let name = s.with(|c| Ok(maillage_core::figures::period::file_name(&settings::get(c)?, &period)))?;
    let Some(out) = save_path(&app, "Enregistrer le bilan", ("Classeur Excel", &["xlsx"]), &name) else { return Ok(None) };
    // The save dialog has asked before replacing an existing file.
    s.with(|c| bilan_q::export(c, period, with_names, &out))?;
    Ok(Some(s.produced(&out)))
}

// The secretariat's own words in the activity report, per period
#[tauri::command]
pub async fn report_texts(s: St<'_>, from: String, to: String) -> Res<ReportTexts> {
    s.with(|c| texts::report_texts(c, &bilan_q::range(&from, &to)?))
}
#[tauri::command]
pub async fn save_report_texts(s: St<'_>, input: ReportTextsInput) -> Res<ReportTexts> {
    s.with(|c| texts::save(c, input))
}

// Working groups: actions, indicators, watch
#[tauri::command]
pub async fn list_actions(s: St<'_>, working_group_id: Option<String>) -> Res<Vec<Action>> {
    s.with(|c| actions::list(c, working_group_id.as_deref()))
}
#[tauri::command]
pub async fn get_action(s: St<'_>, id: String) -> Res<Action> {
    s.with(|c| actions::get(c, &id))
}
#[tauri::command]
pub async fn create_action(s: St<'_>, input: ActionInput) -> Res<Action> {
    s.with(|c| actions::create(c, input))
}
#[tauri::command]
pub async fn update_action(s: St<'_>, id: String, input: ActionInput) -> Res<Action> {
    s.with(|c| actions::update(c, &id, input))
}
#[tauri::command]
pub async fn add_action_partner(s: St<'_>, action_id: String, organisation_id: String, role: PartnerRole) -> Res<Action> {
    s.with(|c| actions::add_partner(c, &action_id, &organisation_id, role))
}
#[tauri::command]
pub async fn remove_action_partner(s: St<'_>, id: String) -> Res<()> {
    s.with(|c| actions::remove_partner(c, &id))
}
#[tauri::command]
pub async fn set_action_count(s: St<'_>, input: ActionCountInput) -> Res<Action> {
    s.with(|c| actions::set_count(c, input))
}
#[tauri::command]
pub async fn list_indicators(s: St<'_>, body_id: Option<String>) -> Res<Vec<Indicator>> {
    s.with(|c| indicators::list(c, body_id.as_deref()))
}
#[tauri::command]
pub async fn create_indicator(s: St<'_>, input: IndicatorInput) -> Res<Indicator> {
    s.with(|c| indicators::create(c, input))
}
#[tauri::command]
pub async fn indicator_values(s: St<'_>, id: String) -> Res<Vec<IndicatorValue>> {
    s.with(|c| bilan_q::indicator_values(c, &id))
}
#[tauri::command]
pub async fn set_indicator_value(s: St<'_>, input: IndicatorValueInput) -> Res<IndicatorValue> {
    s.with(|c| indicators::set_value(c, input))
}
#[tauri::command]
pub async fn report_categories(s: St<'_>) -> Res<Vec<Ref>> {
    s.with(watch::categories)
}
#[tauri::command]
pub async fn list_reports(s: St<'_>, from: String, to: String) -> Res<Vec<DifficultyReport>> {
    s.with(|c| watch::list_reports(c, &from, &to))
}
#[tauri::command]
pub async fn create_report(s: St<'_>, input: DifficultyReportInput) -> Res<DifficultyReport> {
    s.with(|c| watch::create_report(c, input))
}
#[tauri::command]
pub async fn update_report(s: St<'_>, id: String, input: DifficultyReportInput) -> Res<DifficultyReport> {
    s.with(|c| watch::update_report(c, &id, input))
}
#[tauri::command]
pub async fn list_solicitations(s: St<'_>, from: String, to: String) -> Res<Vec<Solicitation>> {
    s.with(|c| watch::list_solicitations(c, &from, &to))
}
#[tauri::command]
pub async fn save_solicitation(s: St<'_>, id: Option<String>, input: SolicitationInput) -> Res<Solicitation> {
    s.with(|c| watch::save_solicitation(c, id.as_deref(), input))
}
#[tauri::command]
pub async fn watch_figures(s: St<'_>, from: String, to: String) -> Res<WatchFigures> {
    s.with(|c| watch::figures(c, &bilan_q::range(&from, &to)?))
}

#[cfg(test)]
mod tests {
    /// Every command registered in the handler has a permission (build.rs) and a grant
    /// (capabilities/main.json), and nothing more is granted.
    #[test]
    fn commands_permissions_and_capability_agree() {
        let src = include_str!("commands.rs");
        let start = src.find("generate_handler![").unwrap();
        let end = start + src[start..].find(']').unwrap();
        let mut handled: Vec<String> = src[start + 18..end]
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        handled.sort();
        let build = include_str!("../build.rs");
        let b0 = build.find("COMMANDS: &[&str] = &[").unwrap();
        let b1 = b0 + build[b0..].find("];").unwrap();
        let mut declared: Vec<String> = build[b0..b1].split('"').skip(1).step_by(2).map(str::to_owned).collect();
        declared.sort();
        assert_eq!(handled, declared);
        let cap: serde_json::Value = serde_json::from_str(include_str!("../capabilities/main.json")).unwrap();
        let mut granted: Vec<String> = cap["permissions"]
            .as_array()
            .unwrap()
            .iter()
            // Plugin permissions ("dialog:allow-open") are namespaced; the app's own are not.
            .filter_map(|p| p.as_str().filter(|p| !p.contains(':'))?.strip_prefix("allow-").map(|s| s.replace('-', "_")))
            .collect();
        granted.sort();
        assert_eq!(granted, declared);
    }

    /// The plugins' permissions granted to the web view, reviewed: adding one (a file system, a
    /// shell, an HTTP client, the JS file dialogs) must change this list in the same commit.
    #[test]
    fn plugin_permissions_are_the_reviewed_ones() {
        let cap: serde_json::Value = serde_json::from_str(include_str!("../capabilities/main.json")).unwrap();
        let mut plugins: Vec<&str> = cap["permissions"].as_array().unwrap().iter().filter_map(|p| p.as_str().filter(|p| p.contains(':'))).collect();
        plugins.sort();
        // The window may go full screen (the check-in mode), nothing more than the defaults.
        assert_eq!(plugins, ["core:app:default", "core:event:default", "core:window:allow-set-fullscreen", "core:window:default"]);
        assert_eq!(cap["windows"], serde_json::json!(["main"]));
        // And the plugins the app loads: dialog, single-instance and window-state act on the Rust
        // side only, and no `log:` permission lets the web view write to the log (`logging()`
        // builds it). The opener plugin is not loaded: its functions are called from our commands.
        let main = include_str!("main.rs");
        let mut loaded: Vec<&str> =
            main.match_indices(".plugin(").map(|(i, _)| main[i + 8..].split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap()).collect();
        loaded.sort();
        assert_eq!(loaded, ["logging", "tauri_plugin_dialog", "tauri_plugin_single_instance", "tauri_plugin_window_state"]);
    }

    /// The content security policy names no remote source: nothing is loaded from, or sent to,
    /// the network; only the app's own files and Tauri's local IPC.
    #[test]
    fn the_csp_has_no_remote_source() {
        let conf: serde_json::Value = serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
        let csp = conf["app"]["security"]["csp"].as_object().expect("a CSP is set");
        let allowed = ["'self'", "'none'", "'unsafe-inline'", "data:", "blob:", "ipc:", "http://ipc.localhost"];
        for (directive, value) in csp {
            for source in value.as_str().unwrap().split_whitespace() {
                assert!(allowed.contains(&source), "{directive}: « {source} » is not allowed");
            }
        }
        for needed in ["default-src", "script-src", "connect-src", "object-src", "frame-src"] {
            assert!(csp.contains_key(needed), "{needed} is set");
        }
        assert!(csp["script-src"].as_str().unwrap() == "'self'", "scripts: the app's own only");
        assert_eq!(conf["app"]["security"]["dangerousDisableAssetCspModification"], serde_json::json!(false));
    }

    /// No command takes a path from the web view: files are chosen in native dialogs on this side.
    /// The one exception: « Ouvrir » / « Afficher dans le dossier » name a file the session just
    /// wrote, and accept only those (`AppState::was_produced`).
    #[test]
    fn no_command_takes_a_path_from_the_web_view() {
        let src = include_str!("commands.rs");
        for sig in src.split("#[tauri::command]").skip(1) {
            let body = &sig[sig.find('{').unwrap()..];
            let sig = &sig[..sig.find('{').unwrap()];
            if sig.contains("fn open_produced(") || sig.contains("fn show_produced(") {
                assert!(body.trim_start_matches('{').trim_start().starts_with("let p = s.was_produced(&path)?;"), "{sig}");
                continue;
            }
            for name in ["path:", "folder:", "out:", "file:", "dir:"] {
                assert!(!sig.contains(&format!(" {name}")) && !sig.contains(&format!("({name}")), "a command takes a path: {sig}");
            }
        }
    }

    /// The end-to-end tests' folder (MAILLAGE_EXPORT_DIR) is honoured only by test builds.
    #[cfg(not(feature = "test-hooks"))]
    #[test]
    fn the_release_build_has_no_test_hook() {
        std::env::set_var("MAILLAGE_EXPORT_DIR", "/tmp");
        assert_eq!(super::test_export_dir(), None);
    }
}

// Backups
#[tauri::command]
pub async fn list_backups(s: St<'_>) -> Res<Vec<BackupInfo>> {
    s.with_db_unchecked(|db| maillage_core::backup::list(db.path()))
}
#[tauri::command]
pub async fn backup_now(s: St<'_>) -> Res<BackupInfo> {
    s.with_db(|db| db.backup(BackupReason::Manual))
}
/// From the « base endommagée » screen: the latest backup takes the damaged file's place (kept aside).
#[tauri::command]
pub async fn restore_latest_backup(s: St<'_>) -> Res<()> {
    s.restore_latest()
}
/// Restores a backup of the list, named by its file name: the web view cannot name any other file.
#[tauri::command]
pub async fn restore_backup(s: St<'_>, file_name: String) -> Res<BackupInfo> {
    s.with_db_unchecked(|db| {
        let chosen = maillage_core::backup::list(db.path())?
            .into_iter()
            .find(|b| b.file_name == file_name)
            .ok_or(maillage_core::Error::NotFound { what: maillage_core::error::what::BACKUP })?;
        db.restore(std::path::Path::new(&chosen.path))
    })
}

// Laptop copies (docs/sync.md). Files are chosen in native dialogs on this side: the web view
// never names a path.
#[tauri::command]
pub async fn copy_upcoming_meetings(s: St<'_>, days: i64) -> Res<Vec<CopyMeeting>> {
    s.with(|c| sync::copy::upcoming_meetings(c, days))
}

/// « Préparer une copie pour une réunion »: asks where to write it, then writes it. `None` when
/// the user cancelled the dialog.
#[tauri::command]
pub async fn prepare_copy(app: tauri::AppHandle, s: St<'_>, meeting_ids: Vec<String>, passphrase: String, confirmation: String) -> Res<Option<CopySummary>> {
    let pass = Passphrase::confirmed(&passphrase, &confirmation).map_err(ErrorPayload::from)?;
    let name = s.with(|c| Ok(sync::default_file_name(&sync::copy::meetings(c, &meeting_ids)?)))?;
    let out = save_path(&app, "Enregistrer la copie pour la réunion", ("Copie Maillage", &["maillage"]), &name);
    let Some(out) = out else { return Ok(None) };
    // The save dialog has asked before replacing an existing file.
    let summary = s.with_db(|db| sync::copy::make(db, &meeting_ids, &out, &pass, true))?;
    s.produced(&out);
    Ok(Some(summary))
}

fn pick_copy(app: &tauri::AppHandle, title: &str) -> Option<PathBuf> {
    match test_export_dir() {
        // Tests: the newest copy in their folder.
        Some(dir) => std::fs::read_dir(dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "maillage"))
            .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok()),
        None => app.dialog().file().set_title(title).add_filter("Copie Maillage", &["maillage"]).blocking_pick_file().and_then(|p| p.into_path().ok()),
    }
}

/// « Ouvrir une copie »: the chosen copy takes the office database's place; it waits for its
/// passphrase. `false` when the user cancelled.
#[tauri::command]
pub async fn open_copy(app: tauri::AppHandle, s: St<'_>) -> Res<bool> {
    let Some(path) = pick_copy(&app, "Ouvrir une copie pour une réunion") else { return Ok(false) };
    s.switch_to(path);
    Ok(true)
}
#[tauri::command]
pub async fn unlock_copy(s: St<'_>, passphrase: String) -> Res<()> {
    s.unlock(Passphrase::new(passphrase))
}
#[tauri::command]
pub async fn lock_copy(s: St<'_>) -> Res<()> {
    s.lock();
    Ok(())
}
#[tauri::command]
pub async fn close_copy(s: St<'_>) -> Res<()> {
    s.close_copy();
    Ok(())
}

/// « Fusionner une copie », first step: which copy. Returns its file name (`None`: cancelled).
#[tauri::command]
pub async fn pick_copy_to_merge(app: tauri::AppHandle, s: St<'_>) -> Res<Option<String>> {
    let picked = pick_copy(&app, "Fusionner une copie revenue de réunion");
    let name = picked.as_ref().and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned());
    *s.merge_source.lock().unwrap_or_else(|p| p.into_inner()) = picked;
    Ok(name)
}

/// The preview (`apply` false) or the merge of the copy picked above.
#[tauri::command]
pub async fn merge_copy(s: St<'_>, passphrase: String, choices: MergeChoices, apply: bool) -> Res<MergeReport> {
    let source = s.merge_source.lock().unwrap_or_else(|p| p.into_inner()).clone();
    let source = source.ok_or_else(|| ErrorPayload::from(sync::copy_not_chosen()))?;
    s.with_db(|db| sync::merge::merge(db, &source, &Passphrase::new(passphrase), &choices, !apply))
}

// Personal data (RGPD)
/// « Effacer les données personnelles »: no backup first (it would keep what is erased); the
/// report says how many older backups still hold the data until they expire.
#[tauri::command]
pub async fn erase_persons(s: St<'_>, ids: Vec<String>, roles: OpenRoles) -> Res<ErasureReport> {
    s.with_db(|db| privacy::erase(db.conn(), &ids, roles, maillage_core::backup::census(db.path())?))
}
#[tauri::command]
pub async fn purge_preview(s: St<'_>) -> Res<PurgePreview> {
    s.with(|c| privacy::retention::preview(c, &maillage_core::db::today()))
}
#[tauri::command]
pub async fn purge(s: St<'_>) -> Res<ErasureReport> {
    s.with_db(|db| privacy::retention::purge(db.conn(), &maillage_core::db::today(), maillage_core::backup::census(db.path())?))
}
#[tauri::command]
pub async fn keep_person(s: St<'_>, person_id: String, reason: String) -> Res<()> {
    s.with(|c| privacy::retention::keep(c, &person_id, &reason))
}
#[tauri::command]
pub async fn release_person(s: St<'_>, person_id: String) -> Res<()> {
    s.with(|c| privacy::retention::release(c, &person_id))
}
#[tauri::command]
pub async fn person_dossier(s: St<'_>, person_id: String) -> Res<PersonDossier> {
    s.with(|c| privacy::access::dossier(c, &person_id))
}
/// « Exporter les données de cette personne »: asks where on the Rust side, then writes the
/// workbook there. `None` when the user cancelled.
#[tauri::command]
pub async fn export_person_dossier(app: tauri::AppHandle, s: St<'_>, person_id: String) -> Res<Option<String>> {
    let name = s.with(|c| {
        let p = persons::get(c, &person_id)?;
        Ok(privacy::access::file_name(&p.display_name))
    })?;
    let Some(out) = save_path(&app, "Enregistrer les données de la personne", ("Classeur Excel", &["xlsx"]), &name) else { return Ok(None) };
    // The save dialog has asked before replacing an existing file.
    s.with(|c| privacy::access::export(c, &person_id, &out, true))?;
    Ok(Some(s.produced(&out)))
}
#[tauri::command]
pub async fn list_journal(s: St<'_>, filter: JournalFilter) -> Res<Vec<JournalEntry>> {
    s.with(|c| journal::list(c, &filter))
}
#[tauri::command]
pub async fn journal_users(s: St<'_>) -> Res<Vec<String>> {
    s.with(journal::users)
}

/// A folder to write into: the native dialog, on the Rust side; in test builds, the test's folder.
fn folder_path(app: &tauri::AppHandle, title: &str) -> Option<PathBuf> {
    if let Some(dir) = test_export_dir() {
        return Some(PathBuf::from(dir));
    }
    app.dialog().file().set_title(title).blocking_pick_folder().and_then(|p| p.into_path().ok())
}

// Lists in and out (docs/import.md)
/// A list to import: spreadsheets and CSV.
fn pick_list(app: &tauri::AppHandle) -> Option<PathBuf> {
    open_path(app, "Importer une liste", ("Classeur ou fichier CSV", &["xlsx", "xlsm", "xls", "ods", "csv", "txt"]), "a-importer")
}

/// The list read by `import_open`, for the steps after it.
fn chosen_list(s: &AppState) -> Res<std::sync::Arc<maillage_core::import::SourceFile>> {
    s.import_source.lock().unwrap_or_else(|p| p.into_inner()).clone().ok_or_else(|| ErrorPayload::from(maillage_core::import::not_chosen()))
}

/// « Importer un fichier »: the file is read once and kept for the preview and the import;
/// `None` when the user cancelled.
#[tauri::command]
pub async fn import_open(app: tauri::AppHandle, s: St<'_>, kind: ImportKind) -> Res<Option<ImportOpened>> {
    let Some(picked) = pick_list(&app) else { return Ok(None) };
    let source = maillage_core::import::read(&picked).map_err(ErrorPayload::from)?;
    let opened = s.with(|c| maillage_core::import::columns::opened(c, kind, &source))?;
    *s.import_source.lock().unwrap_or_else(|p| p.into_inner()) = Some(std::sync::Arc::new(source));
    Ok(Some(opened))
}
/// Another sheet, or the headers on another line: the mapping guessed again.
#[tauri::command]
pub async fn import_remap(s: St<'_>, kind: ImportKind, sheet: String, header_line: Option<u32>) -> Res<ImportMapping> {
    let source = chosen_list(&s)?;
    s.with(|c| maillage_core::import::columns::guess(c, kind, &source, Some(&sheet), header_line))
}
/// The progress bar's feed, and « Annuler »: the flag `import_cancel` raises.
fn import_progress<'a>(s: &'a AppState, channel: &'a tauri::ipc::Channel<ImportProgress>) -> impl FnMut(u32, u32) -> bool + 'a {
    s.import_cancel.store(false, std::sync::atomic::Ordering::SeqCst);
    move |done, total| {
        let _ = channel.send(ImportProgress { done, total });
        !s.import_cancel.load(std::sync::atomic::Ordering::SeqCst)
    }
}
/// What the import would do; nothing is written.
#[tauri::command]
pub async fn import_preview(s: St<'_>, request: ImportRequest, on_progress: tauri::ipc::Channel<ImportProgress>) -> Res<ImportSummary> {
    let source = chosen_list(&s)?;
    let mut progress = import_progress(&s, &on_progress);
    s.with(|c| maillage_core::import::preview_with(c, &source, &request, &mut progress))
}
/// The import, after a backup, in one transaction.
#[tauri::command]
pub async fn import_apply(s: St<'_>, request: ImportRequest, on_progress: tauri::ipc::Channel<ImportProgress>) -> Res<ImportSummary> {
    let source = chosen_list(&s)?;
    let mut progress = import_progress(&s, &on_progress);
    s.with_db(|db| maillage_core::import::apply_with(db, &source, &request, &mut progress))
}
/// « Annuler » during a preview or an import: it stops at its next step, nothing written.
#[tauri::command]
pub async fn import_cancel(s: St<'_>) -> Res<()> {
    s.import_cancel.store(true, std::sync::atomic::Ordering::SeqCst);
    Ok(())
}
/// The report (rejected rows, duplicates) as a workbook.
#[tauri::command]
pub async fn import_save_report(app: tauri::AppHandle, s: St<'_>, summary: ImportSummary) -> Res<Option<String>> {
    let name = maillage_core::import::report_file_name(&summary);
    let Some(out) = save_path(&app, "Enregistrer le compte rendu de l'import", ("Classeur Excel", &["xlsx"]), &name) else { return Ok(None) };
    // The save dialog has asked before replacing a file: the rest of the rule (never a database,
    // a folder that exists) is the core's.
    maillage_core::export::import_report_xlsx::save(&summary, &out, true).map_err(ErrorPayload::from)?;
    Ok(Some(s.produced(&out)))
}
/// A list screen's content (its filters and sort) to a workbook or a CSV file.
#[tauri::command]
pub async fn export_list(app: tauri::AppHandle, s: St<'_>, request: ListRequest, format: ListFormat) -> Res<Option<String>> {
    let name = s.with(|c| maillage_core::lists::file_name(c, &request, format))?;
    let filter = match format {
        ListFormat::Xlsx => ("Classeur Excel", &["xlsx"][..]),
        ListFormat::Csv => ("Fichier CSV (Excel)", &["csv"][..]),
    };
    let Some(out) = save_path(&app, "Exporter la liste", filter, &name) else { return Ok(None) };
    s.with(|c| {
        let list = maillage_core::lists::list(c, &request)?;
        maillage_core::export::lists::write(&list, format, &out)
    })?;
    Ok(Some(s.produced(&out)))
}

// The files Maillage wrote: « Ouvrir » and « Afficher dans le dossier » (opener plugin, Rust side)
/// Opens a file this session wrote with the program the system associates with it.
#[tauri::command]
pub async fn open_produced(s: St<'_>, path: String) -> Res<()> {
    let p = s.was_produced(&path)?;
    opening(&p, false)
}
/// Shows a file this session wrote in the system's file manager, selected.
#[tauri::command]
pub async fn show_produced(s: St<'_>, path: String) -> Res<()> {
    let p = s.was_produced(&path)?;
    opening(&p, true)
}
fn opening(path: &std::path::Path, reveal: bool) -> Res<()> {
    // Test builds record the request in the test's folder instead of starting another program.
    if let Some(dir) = test_export_dir() {
        use std::io::Write;
        let line = format!("{} {}\n", if reveal { "dossier" } else { "ouvrir" }, path.display());
        let log = std::fs::OpenOptions::new().create(true).append(true).open(PathBuf::from(dir).join("ouvertures.log"));
        return log.and_then(|mut f| f.write_all(line.as_bytes())).map_err(|e| ErrorPayload::from(maillage_core::Error::Io { path: path.display().to_string(), source: e }));
    }
    let done = if reveal { tauri_plugin_opener::reveal_item_in_dir(path) } else { tauri_plugin_opener::open_path(path, None::<&str>) };
    done.map_err(|e| ErrorPayload::from(maillage_core::Error::invalid("path", crate::words::cannot_open(&path.display().to_string(), &e.to_string()))))
}

/// A file to read: the native dialog, on the Rust side; in test builds, the newest file of the
/// test's folder named `test_stem` (any extension).
fn open_path(app: &tauri::AppHandle, title: &str, filter: (&str, &[&str]), test_stem: &str) -> Option<PathBuf> {
    match test_export_dir() {
        Some(dir) => std::fs::read_dir(dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.file_stem().is_some_and(|s| s == test_stem))
            .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok()),
        None => app.dialog().file().set_title(title).add_filter(filter.0, filter.1).blocking_pick_file().and_then(|p| p.into_path().ok()),
    }
}

/// Where to save a file: the native dialog, on the Rust side (the web view never names a path);
/// in test builds, the test's folder.
fn save_path(app: &tauri::AppHandle, title: &str, filter: (&str, &[&str]), name: &str) -> Option<PathBuf> {
    if let Some(dir) = test_export_dir() {
        return Some(PathBuf::from(dir).join(name));
    }
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(filter.0, filter.1)
        .set_file_name(name)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}
