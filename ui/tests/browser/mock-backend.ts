// The browser tests' backend: it replays answers the real core produced (target/ui-fixtures/
// backend.json, written by `cargo test -p maillage-core`, test ui_fixtures.rs) and never counts
// or searches by itself. It keeps only the state a replay needs (who was checked in at the door,
// records the tests create) and records every call in `window.__calls`, so tests assert what the
// UI sent. A request the core was not asked about fails loudly (« commande non simulée »).
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import type { Bilan } from '../../src/lib/bindings/Bilan';
import type { CheckInCounts } from '../../src/lib/bindings/CheckInCounts';
import type { CheckInHit } from '../../src/lib/bindings/CheckInHit';
import type { DirectoryGroup } from '../../src/lib/bindings/DirectoryGroup';
import type { Domain } from '../../src/lib/bindings/Domain';
import type { ErrorPayload } from '../../src/lib/bindings/ErrorPayload';
import type { Invitation } from '../../src/lib/bindings/Invitation';
import type { InvitationCode } from '../../src/lib/bindings/InvitationCode';
import type { LetterRecipients } from '../../src/lib/bindings/LetterRecipients';
import type { Settings } from '../../src/lib/bindings/Settings';
import type { Sheets } from '../../src/lib/bindings/Sheets';
import type { Meeting } from '../../src/lib/bindings/Meeting';
import type { Organisation } from '../../src/lib/bindings/Organisation';
import type { OrganisationSummary } from '../../src/lib/bindings/OrganisationSummary';
import type { Period } from '../../src/lib/bindings/Period';
import type { Person } from '../../src/lib/bindings/Person';
import type { PersonSummary } from '../../src/lib/bindings/PersonSummary';
import type { Ref } from '../../src/lib/bindings/Ref';
import type { ReportTexts } from '../../src/lib/bindings/ReportTexts';

/** The shape of backend.json, typed with the generated bindings. */
export interface Fixtures {
	dashboard: {
		bilan: Record<string, Bilan>;
		period: Record<string, Period>;
		/** The core's texts by period (`from|to`), its answers to saves (by request), its refusal of a text too long. */
		report_texts: { by_period: Record<string, ReportTexts>; saves: Record<string, ReportTexts>; too_long: ErrorPayload };
	};
	directory: {
		domains: Domain[];
		communes: string[];
		organisation_refs: Ref[];
		organisations: Record<string, OrganisationSummary[]>;
		organisation: Record<string, Organisation>;
		persons: Record<string, PersonSummary[]>;
		person: Record<string, Person>;
		directory: Record<string, DirectoryGroup[]>;
	};
	checkin: {
		meeting_id: string;
		people: Record<'dur' | 'dup' | 'mar', string>;
		invitations: Invitation[];
		/** The core's answer to Enter in the check-in field, by what was typed (null: not a code). */
		codes: Record<string, CheckInHit | null>;
		zoe_code: string;
		zoe_code_azerty: string;
		printing: { body_id: string; sheets: Record<string, Sheets>; letter_text: string; letter_recipients: LetterRecipients; settings: Settings; codes: InvitationCode[] };
		states: Record<string, { counts: CheckInCounts; meeting: Meeting; search: Record<string, CheckInHit[]> }>;
		walk_in: CheckInHit;
		already_present: ErrorPayload;
	};
}

declare global {
	interface Window {
		__fixtures: Fixtures;
		__calls: { cmd: string; args: any }[];
		__mock: { failNext?: Record<string, any>; openError?: ErrorPayload };
		__window: { fullscreen: boolean };
	}
}

/** JSON with sorted keys: the same key the fixture generator computed for a request. */
export function canonical(v: unknown): string {
	if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
	if (v && typeof v === 'object')
		return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
	return JSON.stringify(v ?? null);
}

const fx = window.__fixtures;
const notRecorded = (cmd: string, args: unknown) => ({ kind: 'internal', message: `commande non simulée : ${cmd} ${canonical(args)}` });
function replay<T>(table: Record<string, T>, key: string, cmd: string, args: unknown): T {
	if (!(key in table)) throw notRecorded(cmd, args);
	return table[key];
}

// Records the tests create: kept as the core returned them… here, as typed (no rule applies).
let seq = 0;
const created: Record<string, any> = {};
// The door: who is checked in, and the attendance ids the core gave.
const present = new Set<string>();
// The report's texts saved during a test, by period, as the core answered the save.
const reportTexts: Record<string, ReportTexts> = {};
const attendanceOf: Record<string, string> = {};
const door = () => fx.checkin.states[[...present].sort().join(',')];
function remember(hits: CheckInHit[]) {
	for (const h of hits) if (h.attendance_id) attendanceOf[h.attendance_id] = h.person_id;
	return hits;
}

window.__calls = [];
window.__mock = window.__mock ?? {};

mockWindows('main');
// The window's state as the pages set it (full screen in check-in mode).
window.__window = { fullscreen: false };
mockIPC((cmd, args: any) => {
	window.__calls.push({ cmd, args });
	const fail = window.__mock.failNext?.[cmd];
	if (fail) {
		delete window.__mock.failNext![cmd];
		throw fail;
	}
	const d = fx.directory;
	switch (cmd) {
		case 'plugin:window|set_fullscreen':
			window.__window.fullscreen = args.value;
			return null;
		case 'app_info':
			return { version: '0.1.0', db_path: '/tmp/essai.sqlite', open_error: window.__mock.openError ?? null, copy: null, lock_minutes: 10, storage_warning: null, latest_backup: null };
		case 'purge_proposed':
			return false;
		case 'list_domains': return d.domains;
		case 'list_communes': return d.communes;
		case 'list_agreements': return [];
		case 'organisation_refs': return d.organisation_refs;
		case 'list_organisations': return replay(d.organisations, canonical(args.filter), cmd, args);
		case 'get_organisation': return created[args.id] ?? replay(d.organisation, args.id, cmd, args);
		case 'create_organisation':
		case 'update_organisation': {
			const id = args.id ?? `o-new-${++seq}`;
			// A new record takes the shape of a recorded one, emptied of its history.
			const blank = { ...Object.values(d.organisation)[0], parent: null, membership_status: null, membership_history: [], signatures: [], people: [], children: [] };
			const base = created[id] ?? d.organisation[id] ?? blank;
			const { domain_ids: _ids, parent_id: _parent, ...fields } = args.input;
			created[id] = { ...base, ...fields, id, domains: d.domains.filter((x) => args.input.domain_ids?.includes(x.id)).map((x) => ({ id: x.id, label: x.label })), archived_at: null };
			return created[id];
		}
		case 'list_persons': return replay(d.persons, canonical(args.filter), cmd, args);
		case 'get_person': return created[args.id] ?? replay(d.person, args.id, cmd, args);
		case 'create_person': {
			const id = `p-new-${++seq}`;
			created[id] = { ...args.input, id, display_name: [args.input.first_name, args.input.last_name].filter(Boolean).join(' '), affiliations: [], archived_at: null, created_at: '', updated_at: '' };
			return created[id];
		}
		case 'directory': return replay(d.directory, `${args.grouping}|${args.membersOnly}`, cmd, args);
		case 'bilan_period': {
			const p = fx.dashboard.period;
			const key = args.year !== null && args.year !== undefined ? `year:${args.year}` : args.from ? `range:${args.from}|${args.to}` : 'current';
			return replay(p, key, cmd, args);
		}
		case 'bilan': return replay(fx.dashboard.bilan, `${args.from}|${args.to}`, cmd, args);
		case 'export_bilan': return `/tmp/exports/Bilan_${args.from}_${args.to}.xlsx`;
		case 'report_texts': return reportTexts[`${args.from}|${args.to}`] ?? replay(fx.dashboard.report_texts.by_period, `${args.from}|${args.to}`, cmd, args);
		case 'save_report_texts':
			return (reportTexts[`${args.input.from}|${args.input.to}`] = replay(fx.dashboard.report_texts.saves, canonical(args.input), cmd, args));
		case 'list_meetings':
		case 'list_bodies':
			return [];
		case 'get_meeting': return door().meeting;
		case 'list_invitations': return fx.checkin.invitations;
		case 'print_sheets': return replay(fx.checkin.printing.sheets, canonical(args.request), cmd, args);
		case 'mailing_text': return fx.checkin.printing.letter_text;
		case 'letter_recipients': return fx.checkin.printing.letter_recipients;
		case 'get_settings': return fx.checkin.printing.settings;
		case 'log_letter': return null;
		case 'invitation_codes': return fx.checkin.printing.codes;
		// Removals and ends: the tests check that they are asked for only once confirmed; the
		// page reloads the recorded record (unchanged: no rule is replayed here).
		case 'remove_membership_event':
		case 'remove_signature':
		case 'end_affiliation':
		case 'remove_affiliation':
		case 'remove_invitation':
		case 'remove_meeting':
			return null;
		case 'check_in_counts': return door().counts;
		case 'check_in_search': return remember(replay(door().search, args.query, cmd, args));
		case 'check_in': {
			if (present.has(args.personId)) throw fx.checkin.already_present;
			present.add(args.personId);
			const hit = door().search.dupont?.concat(door().search.caf ?? []).find((h) => h.person_id === args.personId);
			const id = hit?.attendance_id ?? `a-${args.personId}`;
			attendanceOf[id] = args.personId;
			return id;
		}
		case 'check_in_code': {
			const hit = replay(fx.checkin.codes, args.typed, cmd, args);
			if (!hit) return null;
			if (present.has(hit.person_id)) throw fx.checkin.already_present;
			present.add(hit.person_id);
			attendanceOf[hit.attendance_id!] = hit.person_id;
			return hit;
		}
		case 'undo_attendance':
			present.delete(attendanceOf[args.id] ?? '');
			return null;
		case 'walk_in': {
			const w = fx.checkin.walk_in;
			present.add(w.person_id);
			if (w.attendance_id) attendanceOf[w.attendance_id] = w.person_id;
			return w;
		}
		default:
			throw notRecorded(cmd, args);
	}
});
