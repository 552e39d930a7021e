// An in-memory stand-in for the Rust commands, injected into the page before the app starts
// (bundled with esbuild by global-setup.ts). It answers with the shapes of the generated bindings
// and records every call in `window.__calls`, so tests assert what the UI sent. Behaviour the
// tests need to force (an error, a database that will not open) is set through `window.__mock`.
import { mockIPC } from '@tauri-apps/api/mocks';

type Row = Record<string, any>;
declare global {
	interface Window {
		__calls: { cmd: string; args: any }[];
		__mock: { failNext?: Record<string, any>; openError?: Row; exportDir?: string };
	}
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const domains = [
	{ id: 'd-log', label: 'Logement', position: 1, organisation_count: 1 },
	{ id: 'd-san', label: 'Santé', position: 2, organisation_count: 1 }
];
let seq = 0;
const orgs: Row[] = [
	{ id: 'o-caf', name: "Caisse d'allocations familiales", acronym: 'CAF', sector: 'parapublic', category: 'caf', commune: 'Brive-la-Gaillarde', domains: ['Logement'], status: 'membre', people: 2 },
	{ id: 'o-secu', name: 'Sécurité sociale', acronym: 'CPAM', sector: 'parapublic', category: 'securite_sociale', commune: 'Tulle', domains: ['Santé'], status: 'interesse', people: 1 },
	{ id: 'o-restos', name: 'Restos du cœur', acronym: null, sector: 'associatif', category: 'association_entraide', commune: 'Brive-la-Gaillarde', domains: [], status: null, people: 0 }
];
const persons: Row[] = [
	{ id: 'p-1', first_name: 'Anne', last_name: 'Durand', category: 'professionnel', email: 'anne@caf.fr', phone: null, posts: ["Caisse d'allocations familiales (Conseillère)"] }
];

function summary(o: Row) {
	return { id: o.id, name: o.name, acronym: o.acronym, sector: o.sector, category: o.category, commune: o.commune,
		membership_status: o.status, domains: o.domains, people_count: o.people, archived: false };
}
function full(o: Row) {
	return { ...summary(o), parent: null, address: o.address ?? null, postal_code: null, territory: null, phone: null,
		email: o.email ?? null, website: null, missions: null, public_served: null, access_conditions: null,
		partnership_expectations: null, partnership_limits: null,
		domains: domains.filter((d) => o.domains.includes(d.label)).map((d) => ({ id: d.id, label: d.label })),
		archived_at: null, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', children: [],
		membership_history: [], signatures: [], people: [] };
}
function person(p: Row) {
	return { id: p.id, civility: null, first_name: p.first_name, last_name: p.last_name,
		display_name: [p.first_name, p.last_name].filter(Boolean).join(' '), category: p.category, email: p.email,
		phone: p.phone, notes: null, created_at: '', updated_at: '', affiliations: [] };
}

const meeting = {
	id: 'm-1', body: { id: 'b-1', label: 'Séance plénière' }, body_kind: 'pleniere', title: null, date: '2026-11-23',
	start_time: '18:00', end_time: '20:00', place: 'Hôtel de ville', status: 'prevue', agenda: null, minutes_text: null,
	minutes_path: null, minutes_sha256: null, minutes_sent_on: null, headcount: null, sessions: [], mailings: [],
	figures: { invited_people: 3, invited_members: 3, invited_organisations: 2, present: 0, excused: 0, represented: 0, absent: 0,
		no_reply: 3, organisations_present: 0, organisations_present_or_excused: 0, non_members_present: 0, walk_ins: 0,
		members_present: 0, participation_rate: 0, headcount: null }
};
const invited = [
	{ id: 'p-dur', name: 'Anne Durand', org: 'CAF' },
	{ id: 'p-dup', name: 'Paul Dupont', org: 'CAF' },
	{ id: 'p-mar', name: 'Zoé Martin', org: 'UDAF' }
];
const present = new Set<string>();

window.__calls = [];
window.__mock = window.__mock ?? {};

mockIPC((cmd, args: any) => {
	window.__calls.push({ cmd, args });
	const fail = window.__mock.failNext?.[cmd];
	if (fail) {
		delete window.__mock.failNext![cmd];
		throw fail;
	}
	switch (cmd) {
		case 'app_info':
			return { version: '0.1.0', db_path: '/tmp/essai.sqlite', open_error: window.__mock.openError ?? null, export_dir: window.__mock.exportDir ?? null };
		case 'list_domains': return domains;
		case 'list_communes': return ['Brive-la-Gaillarde', 'Tulle'];
		case 'list_agreements': return [];
		case 'organisation_refs': return orgs.map((o) => ({ id: o.id, label: o.name }));
		case 'list_organisations': {
			const f = args.filter;
			const words = fold(f.query ?? '').split(' ').filter(Boolean);
			let rows = orgs.filter((o) => words.every((w) => fold(`${o.name} ${o.acronym ?? ''} ${o.commune}`).includes(w)));
			if (f.sector) rows = rows.filter((o) => o.sector === f.sector);
			rows = [...rows].sort((a, b) => fold(a.name).localeCompare(fold(b.name)) * (f.descending ? -1 : 1));
			return rows.map(summary);
		}
		case 'get_organisation': return full(orgs.find((o) => o.id === args.id)!);
		case 'create_organisation': {
			const o = { ...args.input, id: `o-new-${++seq}`, domains: [], status: null, people: 0 };
			orgs.push(o);
			return full(o);
		}
		case 'update_organisation': {
			const o = orgs.find((x) => x.id === args.id)!;
			Object.assign(o, args.input);
			return full(o);
		}
		case 'list_persons':
			return persons.map((p) => ({ id: p.id, display_name: `${p.first_name} ${p.last_name ?? ''}`.trim(), first_name: p.first_name,
				last_name: p.last_name, category: p.category, email: p.email, phone: p.phone, current_posts: p.posts }));
		case 'get_person': return person(persons.find((p) => p.id === args.id)!);
		case 'create_person': {
			const p = { ...args.input, id: `p-new-${++seq}`, posts: [] };
			persons.push(p);
			return person(p);
		}
		case 'directory':
			return args.grouping === 'domain'
				? [
						{ domain: { id: 'd-log', label: 'Logement' }, sector: null, entries: [{ id: 'o-caf', name: "Caisse d'allocations familiales", acronym: 'CAF', address: '2 rue Gambetta', postal_code: '19100', commune: 'Brive-la-Gaillarde', phone: '05 55 00 00 00', email: 'contact@caf.fr', website: null, missions: 'Prestations familiales', public_served: 'Allocataires', access_conditions: 'Sur rendez-vous', contacts: ['Anne Durand — Conseillère'] }] },
						{ domain: null, sector: null, entries: [{ id: 'o-restos', name: 'Restos du cœur', acronym: null, address: null, postal_code: null, commune: 'Brive-la-Gaillarde', phone: null, email: null, website: null, missions: null, public_served: null, access_conditions: null, contacts: [] }] }
					]
				: [{ domain: null, sector: 'associatif', entries: [] }];
		case 'bilan': {
			const year = args.from.slice(0, 4);
			const k = (code: string, label: string, unit: string, current: number, previous: number, drill: string | null, ratio?: [number, number]) =>
				({ code, label, unit, current, previous, current_ratio: ratio ?? null, previous_ratio: null, drill });
			return {
				period: { from: args.from, to: args.to, label: year }, previous: { from: `${+year - 1}-01-01`, to: `${+year - 1}-12-31`, label: String(+year - 1) },
				key_figures: [
					k('meetings_held', 'Réunions tenues', 'count', 12, 10, 'meetings'),
					k('presences', 'Présences (personnes-réunions)', 'count', 240, 200, 'meetings'),
					k('distinct_people', 'Personnes distinctes présentes', 'count', 80, 75, null),
					k('distinct_organisations', 'Organismes distincts présents', 'count', 40, 38, 'organisations'),
					k('participation_rate', 'Taux de participation', 'rate', 0.6, 0.55, 'meetings', [120, 200]),
					k('mobilisation_rate', 'Taux de mobilisation', 'rate', 0.8, 0.7, 'meetings', [160, 200]),
					k('members', 'Organismes membres au terme de la période', 'count', 58, 50, 'organisations'),
					k('non_members', 'Non-membres présents', 'count', 9, 4, null),
					k('sector_public', 'Membres du secteur public', 'count', 20, 18, 'organisations')
				],
				meetings: [{ id: 'm-1', date: `${year}-03-10`, body: 'Plénière', body_kind: 'pleniere', title: null, place: null, status: 'tenue', minutes_sent_on: null, figures: { ...meeting.figures, present: 30 } }],
				bodies: [{ id: 'b-1', name: 'Plénière', kind: 'pleniere', frequency_label: null, expected: 2, held: 2, cancelled: 0, average_present: 30, participation_rate: 0.6, members_at_end: 50, distinct_people: 40, distinct_organisations: 30 }],
				organisations: [], profiles: [{ body_kind: 'pleniere', category: 'habitant', presences: 12 }],
				months: [{ month: `${year}-03`, meetings_held: 1, presences: 30 }], generated_at: '', file_name: `Bilan_CCAS_${year}.xlsx`
			};
		}
		case 'list_meetings':
			return [];
		case 'list_bodies':
			return [];
		case 'export_bilan':
			return args.path;
		case 'get_meeting':
			return meeting;
		case 'check_in_counts':
			return { people_present: present.size, people_invited: invited.length, organisations_present: new Set(invited.filter((p) => present.has(p.id)).map((p) => p.org)).size, organisations_invited: 2 };
		case 'check_in_search': {
			const q = fold(args.query);
			return invited.filter((p) => fold(`${p.name} ${p.org}`).includes(q)).map((p) => ({
				person_id: p.id, display_name: p.name, organisation: { id: p.org, label: p.org }, invited: true,
				attendance_id: present.has(p.id) ? `a-${p.id}` : null, status: present.has(p.id) ? 'present' : null
			}));
		}
		case 'check_in': {
			if (present.has(args.personId)) throw { kind: 'conflict', field: 'person_id', message: 'Déjà pointé(e) présent(e).' };
			present.add(args.personId);
			return `a-${args.personId}`;
		}
		case 'undo_attendance':
			present.delete(String(args.id).replace(/^a-/, ''));
			return null;
		case 'walk_in': {
			const p = { id: `w-${++seq}`, name: args.input.name, org: args.input.organisation ?? '' };
			invited.push(p);
			present.add(p.id);
			return { person_id: p.id, display_name: p.name, organisation: null, invited: false, attendance_id: `a-${p.id}`, status: 'present' };
		}
		default:
			throw { kind: 'internal', message: `commande non simulée : ${cmd}` };
	}
});
