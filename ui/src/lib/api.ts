// One typed wrapper per Tauri command (src-tauri/src/commands.rs). Screens call these, never
// `invoke` directly, so a renamed command or argument is a type error in one place.
import { Channel, invoke } from '@tauri-apps/api/core';
import type { Affiliation } from './bindings/Affiliation';
import type { Period } from './bindings/Period';
import type { Action } from './bindings/Action';
import type { ActionCountInput } from './bindings/ActionCountInput';
import type { ActionInput } from './bindings/ActionInput';
import type { DifficultyReport } from './bindings/DifficultyReport';
import type { DifficultyReportInput } from './bindings/DifficultyReportInput';
import type { Indicator } from './bindings/Indicator';
import type { IndicatorInput } from './bindings/IndicatorInput';
import type { IndicatorValue } from './bindings/IndicatorValue';
import type { IndicatorValueInput } from './bindings/IndicatorValueInput';
import type { PartnerRole } from './bindings/PartnerRole';
import type { Solicitation } from './bindings/Solicitation';
import type { SolicitationInput } from './bindings/SolicitationInput';
import type { WatchFigures } from './bindings/WatchFigures';
import type { AttendanceInput } from './bindings/AttendanceInput';
import type { Bilan } from './bindings/Bilan';
import type { ReportTexts } from './bindings/ReportTexts';
import type { ReportTextsInput } from './bindings/ReportTextsInput';
import type { Body } from './bindings/Body';
import type { BodyInput } from './bindings/BodyInput';
import type { BodyMember } from './bindings/BodyMember';
import type { BodyMemberInput } from './bindings/BodyMemberInput';
import type { CheckInCounts } from './bindings/CheckInCounts';
import type { CheckInHit } from './bindings/CheckInHit';
import type { Invitation } from './bindings/Invitation';
import type { InviteOutcome } from './bindings/InviteOutcome';
import type { InviteRequest } from './bindings/InviteRequest';
import type { MailingFiles } from './bindings/MailingFiles';
import type { MailingPurpose } from './bindings/MailingPurpose';
import type { MailingRequest } from './bindings/MailingRequest';
import type { Meeting } from './bindings/Meeting';
import type { MeetingFilter } from './bindings/MeetingFilter';
import type { MeetingInput } from './bindings/MeetingInput';
import type { MeetingSession } from './bindings/MeetingSession';
import type { MeetingSessionInput } from './bindings/MeetingSessionInput';
import type { MeetingSummary } from './bindings/MeetingSummary';
import type { Reply } from './bindings/Reply';
import type { Settings } from './bindings/Settings';
import type { SignInLine } from './bindings/SignInLine';
import type { WalkInInput } from './bindings/WalkInInput';
import type { AffiliationInput } from './bindings/AffiliationInput';
import type { Agreement } from './bindings/Agreement';
import type { AgreementInput } from './bindings/AgreementInput';
import type { AppInfo } from './bindings/AppInfo';
import type { DirectoryGroup } from './bindings/DirectoryGroup';
import type { DirectoryGrouping } from './bindings/DirectoryGrouping';
import type { Domain } from './bindings/Domain';
import type { ErrorPayload } from './bindings/ErrorPayload';
import type { MembershipEvent } from './bindings/MembershipEvent';
import type { MembershipEventInput } from './bindings/MembershipEventInput';
import type { Organisation } from './bindings/Organisation';
import type { OrganisationFilter } from './bindings/OrganisationFilter';
import type { OrganisationInput } from './bindings/OrganisationInput';
import type { OrganisationSummary } from './bindings/OrganisationSummary';
import type { Person } from './bindings/Person';
import type { PersonFilter } from './bindings/PersonFilter';
import type { PersonInput } from './bindings/PersonInput';
import type { PersonSummary } from './bindings/PersonSummary';
import type { BackupInfo } from './bindings/BackupInfo';
import type { ErasureReport } from './bindings/ErasureReport';
import type { LetterRecipients } from './bindings/LetterRecipients';
import type { JournalEntry } from './bindings/JournalEntry';
import type { JournalFilter } from './bindings/JournalFilter';
import type { OpenRoles } from './bindings/OpenRoles';
import type { PersonDossier } from './bindings/PersonDossier';
import type { PurgePreview } from './bindings/PurgePreview';
import type { CopyMeeting } from './bindings/CopyMeeting';
import type { CopySummary } from './bindings/CopySummary';
import type { MergeChoices } from './bindings/MergeChoices';
import type { MergeReport } from './bindings/MergeReport';
import type { Ref } from './bindings/Ref';
import type { RemovalOutcome } from './bindings/RemovalOutcome';
import type { Signature } from './bindings/Signature';
import type { ImportKind } from './bindings/ImportKind';
import type { ImportMapping } from './bindings/ImportMapping';
import type { ImportOpened } from './bindings/ImportOpened';
import type { ImportProgress } from './bindings/ImportProgress';
import type { ImportRequest } from './bindings/ImportRequest';
import type { ImportSummary } from './bindings/ImportSummary';
import type { ListFormat } from './bindings/ListFormat';
import type { ListRequest } from './bindings/ListRequest';
import type { SignatureInput } from './bindings/SignatureInput';
import type { SheetRequest } from './bindings/SheetRequest';
import type { Sheets } from './bindings/Sheets';
import type { InvitationCode } from './bindings/InvitationCode';
import type { About } from './bindings/About';
import type { AppFolder } from './bindings/AppFolder';

/** A failed command, with the French message to show and the form field it concerns. */
export class AppError extends Error {
	readonly kind: ErrorPayload['kind'];
	readonly field?: string;
	constructor(payload: ErrorPayload) {
		super(payload.message);
		this.kind = payload.kind;
		this.field = payload.field;
	}
}

function toAppError(e: unknown): AppError {
	if (e && typeof e === 'object' && 'message' in e && 'kind' in e) return new AppError(e as ErrorPayload);
	// Errors raised by Tauri itself (a malformed argument…) arrive as English strings.
	return new AppError({ kind: 'internal', message: `Erreur interne de l'application : ${String(e)}` });
}

/** The channel a long command reports its progress on. */
function progressChannel<T>(f: (p: T) => void): Channel<T> {
	const c = new Channel<T>();
	c.onmessage = f;
	return c;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
	try {
		return await invoke<T>(cmd, args);
	} catch (e) {
		throw toAppError(e);
	}
}

export const api = {
	appInfo: () => call<AppInfo>('app_info'),
	purgeProposed: () => call<boolean>('purge_proposed'),

	listDomains: () => call<Domain[]>('list_domains'),
	createDomain: (label: string) => call<Domain>('create_domain', { label }),
	renameDomain: (id: string, label: string) => call<null>('rename_domain', { id, label }),
	removeDomain: (id: string) => call<null>('remove_domain', { id }),

	listOrganisations: (filter: OrganisationFilter) => call<OrganisationSummary[]>('list_organisations', { filter }),
	getOrganisation: (id: string) => call<Organisation>('get_organisation', { id }),
	createOrganisation: (input: OrganisationInput) => call<Organisation>('create_organisation', { input }),
	updateOrganisation: (id: string, input: OrganisationInput) => call<Organisation>('update_organisation', { id, input }),
	removeOrganisation: (id: string) => call<RemovalOutcome>('remove_organisation', { id }),
	unarchiveOrganisation: (id: string) => call<Organisation>('unarchive_organisation', { id }),
	organisationRefs: () => call<Ref[]>('organisation_refs'),
	listCommunes: () => call<string[]>('list_communes'),

	listPersons: (filter: PersonFilter) => call<PersonSummary[]>('list_persons', { filter }),
	getPerson: (id: string) => call<Person>('get_person', { id }),
	createPerson: (input: PersonInput) => call<Person>('create_person', { input }),
	updatePerson: (id: string, input: PersonInput) => call<Person>('update_person', { id, input }),
	removePerson: (id: string) => call<RemovalOutcome>('remove_person', { id }),
	unarchivePerson: (id: string) => call<Person>('unarchive_person', { id }),
	createAffiliation: (input: AffiliationInput) => call<Affiliation>('create_affiliation', { input }),
	updateAffiliation: (id: string, input: AffiliationInput) => call<Affiliation>('update_affiliation', { id, input }),
	endAffiliation: (id: string, endDate: string | null) => call<Affiliation>('end_affiliation', { id, endDate }),
	removeAffiliation: (id: string) => call<null>('remove_affiliation', { id }),

	addMembershipEvent: (input: MembershipEventInput) => call<MembershipEvent>('add_membership_event', { input }),
	removeMembershipEvent: (id: string) => call<null>('remove_membership_event', { id }),
	listAgreements: () => call<Agreement[]>('list_agreements'),
	createAgreement: (input: AgreementInput) => call<Agreement>('create_agreement', { input }),
	signAgreement: (input: SignatureInput) => call<Signature>('sign_agreement', { input }),
	removeSignature: (id: string) => call<null>('remove_signature', { id }),

	directory: (grouping: DirectoryGrouping, membersOnly: boolean) =>
		call<DirectoryGroup[]>('directory', { grouping, membersOnly }),

	listBackups: () => call<BackupInfo[]>('list_backups'),
	backupNow: () => call<BackupInfo>('backup_now'),
	/** Restores a backup of the list (named by its file name); returns the backup of the state before. */
	restoreBackup: (fileName: string) => call<BackupInfo>('restore_backup', { fileName }),
	/** When the database cannot be opened: puts the latest backup in its place (the damaged file is kept aside). */
	restoreLatestBackup: () => call<null>('restore_latest_backup'),

	copyUpcomingMeetings: (days: number) => call<CopyMeeting[]>('copy_upcoming_meetings', { days }),
	/** Asks where to save (native dialog), then writes the copy; null when cancelled. */
	prepareCopy: (meetingIds: string[], passphrase: string, confirmation: string) =>
		call<CopySummary | null>('prepare_copy', { meetingIds, passphrase, confirmation }),
	/** Asks which copy to open (native dialog) and puts it in the office database's place. */
	openCopy: () => call<boolean>('open_copy'),
	unlockCopy: (passphrase: string) => call<null>('unlock_copy', { passphrase }),
	lockCopy: () => call<null>('lock_copy'),
	closeCopy: () => call<null>('close_copy'),
	/** Asks which copy to merge (native dialog); its file name, or null when cancelled. */
	pickCopyToMerge: () => call<string | null>('pick_copy_to_merge'),
	mergeCopy: (passphrase: string, choices: MergeChoices, apply: boolean) => call<MergeReport>('merge_copy', { passphrase, choices, apply }),

	getSettings: () => call<Settings>('get_settings'),
	saveSettings: (input: Settings) => call<Settings>('save_settings', { input }),

	listBodies: () => call<Body[]>('list_bodies'),
	getBody: (id: string) => call<Body>('get_body', { id }),
	createBody: (input: BodyInput) => call<Body>('create_body', { input }),
	updateBody: (id: string, input: BodyInput) => call<Body>('update_body', { id, input }),
	removeBody: (id: string) => call<null>('remove_body', { id }),
	bodyMembers: (bodyId: string) => call<BodyMember[]>('body_members', { bodyId }),
	addBodyMember: (input: BodyMemberInput) => call<BodyMember>('add_body_member', { input }),
	endBodyMember: (id: string, endDate: string | null) => call<BodyMember>('end_body_member', { id, endDate }),
	removeBodyMember: (id: string) => call<null>('remove_body_member', { id }),

	listMeetings: (filter: MeetingFilter) => call<MeetingSummary[]>('list_meetings', { filter }),
	getMeeting: (id: string) => call<Meeting>('get_meeting', { id }),
	createMeeting: (input: MeetingInput) => call<Meeting>('create_meeting', { input }),
	updateMeeting: (id: string, input: MeetingInput) => call<Meeting>('update_meeting', { id, input }),
	removeMeeting: (id: string, confirmed: boolean) => call<null>('remove_meeting', { id, confirmed }),
	addSession: (input: MeetingSessionInput) => call<MeetingSession>('add_session', { input }),
	removeSession: (id: string) => call<null>('remove_session', { id }),
	/** Asks for the file (native dialog, Rust side); null when cancelled. */
	attachMinutes: (id: string) => call<Meeting | null>('attach_minutes', { id }),
	removeMinutes: (id: string) => call<Meeting>('remove_minutes', { id }),
	/** A scanned check-in code: the person checked in, or null when `typed` is not a code. */
	checkInCode: (meetingId: string, sessionId: string | null, typed: string) => call<CheckInHit | null>('check_in_code', { meetingId, sessionId, typed }),
	invitationCodes: (meetingId: string) => call<InvitationCode[]>('invitation_codes', { meetingId }),
	about: () => call<About>('about'),
	showFolder: (which: AppFolder) => call<null>('show_folder', { which }),
	printSheets: (request: SheetRequest) => call<Sheets>('print_sheets', { request }),
	/** Opens a file Maillage wrote in this session, with the system's program for it. */
	openProduced: (path: string) => call<null>('open_produced', { path }),
	/** Shows a file Maillage wrote in this session in the system's file manager. */
	showProduced: (path: string) => call<null>('show_produced', { path }),
	/** Asks where to save a copy of the minutes file (native dialog); the path, or null when cancelled. */
	saveMinutesCopy: (id: string) => call<string | null>('save_minutes_copy', { id }),

	listInvitations: (meetingId: string) => call<Invitation[]>('list_invitations', { meetingId }),
	invite: (request: InviteRequest) => call<InviteOutcome>('invite', { request }),
	setReply: (id: string, reply: Reply) => call<null>('set_reply', { id, reply }),
	removeInvitation: (id: string) => call<null>('remove_invitation', { id }),

	checkInSearch: (meetingId: string, sessionId: string | null, query: string) =>
		call<CheckInHit[]>('check_in_search', { meetingId, sessionId, query }),
	checkIn: (meetingId: string, sessionId: string | null, personId: string) =>
		call<string>('check_in', { meetingId, sessionId, personId }),
	walkIn: (input: WalkInInput) => call<CheckInHit>('walk_in', { input }),
	setAttendance: (input: AttendanceInput) => call<string>('set_attendance', { input }),
	undoAttendance: (id: string) => call<null>('undo_attendance', { id }),
	markRestAbsent: (meetingId: string) => call<number>('mark_rest_absent', { meetingId }),
	checkInCounts: (meetingId: string) => call<CheckInCounts>('check_in_counts', { meetingId }),
	signInSheet: (meetingId: string) => call<SignInLine[]>('sign_in_sheet', { meetingId }),

	/** Asks for the folder (native dialog, Rust side) and writes the drafts there; null when cancelled. */
	/** Asks for the folder (native dialog, Rust side; `folder` is ignored) and writes the drafts; null when cancelled. */
	produceMailing: (request: Omit<MailingRequest, 'folder'>) =>
		call<MailingFiles | null>('produce_mailing', { request: { ...request, folder: '' } }),
	mailingText: (meetingId: string, purpose: MailingPurpose) => call<string>('mailing_text', { meetingId, purpose }),
	letterRecipients: (meetingId: string, onlyWithoutEmail: boolean) =>
		call<LetterRecipients>('letter_recipients', { meetingId, onlyWithoutEmail }),
	logLetter: (meetingId: string, purpose: MailingPurpose, recipients: number) =>
		call<null>('log_letter', { meetingId, purpose, recipients }),

	/** A period made by the core: a year, or two dates, or (nothing given) the current year. */
	bilanPeriod: (year: number | null, from: string | null = null, to: string | null = null) => call<Period>('bilan_period', { year, from, to }),
	bilan: (from: string, to: string) => call<Bilan>('bilan', { from, to }),
	/** Asks where (native dialog, Rust side) and writes the workbook; the path, or null when cancelled. */
	exportBilan: (from: string, to: string, withNames: boolean) => call<string | null>('export_bilan', { from, to, withNames }),
	reportTexts: (from: string, to: string) => call<ReportTexts>('report_texts', { from, to }),
	saveReportTexts: (input: ReportTextsInput) => call<ReportTexts>('save_report_texts', { input }),

	listActions: (workingGroupId: string | null) => call<Action[]>('list_actions', { workingGroupId }),
	getAction: (id: string) => call<Action>('get_action', { id }),
	createAction: (input: ActionInput) => call<Action>('create_action', { input }),
	updateAction: (id: string, input: ActionInput) => call<Action>('update_action', { id, input }),
	addActionPartner: (actionId: string, organisationId: string, role: PartnerRole) =>
		call<Action>('add_action_partner', { actionId, organisationId, role }),
	removeActionPartner: (id: string) => call<null>('remove_action_partner', { id }),
	setActionCount: (input: ActionCountInput) => call<Action>('set_action_count', { input }),
	listIndicators: (bodyId: string | null) => call<Indicator[]>('list_indicators', { bodyId }),
	createIndicator: (input: IndicatorInput) => call<Indicator>('create_indicator', { input }),
	indicatorValues: (id: string) => call<IndicatorValue[]>('indicator_values', { id }),
	setIndicatorValue: (input: IndicatorValueInput) => call<IndicatorValue>('set_indicator_value', { input }),
	reportCategories: () => call<Ref[]>('report_categories'),
	listReports: (from: string, to: string) => call<DifficultyReport[]>('list_reports', { from, to }),
	createReport: (input: DifficultyReportInput) => call<DifficultyReport>('create_report', { input }),
	updateReport: (id: string, input: DifficultyReportInput) => call<DifficultyReport>('update_report', { id, input }),
	listSolicitations: (from: string, to: string) => call<Solicitation[]>('list_solicitations', { from, to }),
	saveSolicitation: (id: string | null, input: SolicitationInput) => call<Solicitation>('save_solicitation', { id, input }),
	watchFigures: (from: string, to: string) => call<WatchFigures>('watch_figures', { from, to }),

	/** « Effacer les données personnelles »: `roles` says what to do with seats still held. */
	erasePersons: (ids: string[], roles: OpenRoles) => call<ErasureReport>('erase_persons', { ids, roles }),
	purgePreview: () => call<PurgePreview>('purge_preview'),
	purge: () => call<ErasureReport>('purge'),
	keepPerson: (personId: string, reason: string) => call<null>('keep_person', { personId, reason }),
	releasePerson: (personId: string) => call<null>('release_person', { personId }),
	personDossier: (personId: string) => call<PersonDossier>('person_dossier', { personId }),
	/** Asks where (native dialog, Rust side) and writes the workbook; null when cancelled. */
	exportPersonDossier: (personId: string) => call<string | null>('export_person_dossier', { personId }),
	listJournal: (filter: JournalFilter) => call<JournalEntry[]>('list_journal', { filter }),
	journalUsers: () => call<string[]>('journal_users'),

	// Lists in and out: the file is chosen in a native dialog on the Rust side.
	importOpen: (kind: ImportKind) => call<ImportOpened | null>('import_open', { kind }),
	importRemap: (kind: ImportKind, sheet: string, headerLine: number | null) => call<ImportMapping>('import_remap', { kind, sheet, headerLine }),
	importPreview: (request: ImportRequest, onProgress: (p: ImportProgress) => void) =>
		call<ImportSummary>('import_preview', { request, onProgress: progressChannel(onProgress) }),
	importApply: (request: ImportRequest, onProgress: (p: ImportProgress) => void) =>
		call<ImportSummary>('import_apply', { request, onProgress: progressChannel(onProgress) }),
	importCancel: () => call<void>('import_cancel'),
	importSaveReport: (summary: ImportSummary) => call<string | null>('import_save_report', { summary }),
	exportList: (request: ListRequest, format: ListFormat) => call<string | null>('export_list', { request, format })
};
