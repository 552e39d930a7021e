//! Thin Tauri commands: each one takes its typed arguments, calls one core query function and
//! maps the error. No logic lives here. The UI calls them through `ui/src/lib/api.ts`.

use maillage_core::model::*;
use maillage_core::queries::{affiliations, agreements, directory as dir, domains, memberships, organisations, persons};
use maillage_core::ErrorPayload;
use tauri::State;

use crate::state::AppState;

type Res<T> = Result<T, ErrorPayload>;
type St<'a> = State<'a, AppState>;

pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app_info,
        list_domains, create_domain, rename_domain, remove_domain,
        list_organisations, get_organisation, create_organisation, update_organisation,
        remove_organisation, unarchive_organisation, organisation_refs, list_communes,
        list_persons, get_person, create_person, update_person, remove_person,
        create_affiliation, update_affiliation, end_affiliation, remove_affiliation,
        add_membership_event, remove_membership_event,
        list_agreements, create_agreement, sign_agreement, remove_signature,
        directory,
    ]
}

#[tauri::command]
pub async fn app_info(s: St<'_>) -> Res<AppInfo> {
    Ok(AppInfo { version: maillage_core::APP_VERSION.to_owned(), db_path: s.db_path.display().to_string(), open_error: s.open_error() })
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
pub async fn remove_person(s: St<'_>, id: String) -> Res<()> {
    s.with(|c| persons::remove(c, &id))
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
            .filter_map(|p| p.as_str()?.strip_prefix("allow-").map(|s| s.replace('-', "_")))
            .collect();
        granted.sort();
        assert_eq!(granted, declared);
    }
}
