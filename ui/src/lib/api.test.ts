import { mockIPC } from '@tauri-apps/api/mocks';
import { describe, expect, it } from 'vitest';
import { AppError, api } from './api';

describe('api', () => {
	it('sends each command its named, typed arguments', async () => {
		const calls: [string, unknown][] = [];
		mockIPC((cmd, args) => {
			calls.push([cmd, args]);
			return cmd === 'list_organisations' ? [] : null;
		});
		const filter = {
			query: 'sécu', sector: 'public', category: null, domain_id: null, commune: null, membership_status: null,
			without_membership: false, include_archived: false, sort: 'name', descending: false
		} as const;
		await api.listOrganisations(filter);
		await api.endAffiliation('a1', null);
		await api.directory('sector', true);
		expect(calls).toEqual([
			['list_organisations', { filter }],
			['end_affiliation', { id: 'a1', endDate: null }],
			['directory', { grouping: 'sector', membersOnly: true }]
		]);
	});

	it('reads and saves the report texts of a period', async () => {
		const calls: [string, unknown][] = [];
		const none = { introduction: null, faits_marquants: null, perspectives: null };
		mockIPC((cmd, args) => {
			calls.push([cmd, args]);
			return none;
		});
		await api.reportTexts('2025-01-01', '2025-12-31');
		const input = { from: '2025-01-01', to: '2025-12-31', texts: { ...none, perspectives: 'Un groupe de veille.' } };
		expect(await api.saveReportTexts(input)).toEqual(none);
		expect(calls).toEqual([
			['report_texts', { from: '2025-01-01', to: '2025-12-31' }],
			['save_report_texts', { input }]
		]);
	});

	it('turns a core error into an AppError that keeps the field and the French message', async () => {
		mockIPC(() => {
			throw { kind: 'invalid', field: 'email', message: "L'adresse e-mail « x » n'est pas valide." };
		});
		const err = await api.createPerson({ civility: null, first_name: 'A', last_name: null, category: 'elu', email: 'x', phone: null, notes: null, contact_consent: null, consent_date: null, consent_method: null }).catch((e) => e);
		expect(err).toBeInstanceOf(AppError);
		expect(err.kind).toBe('invalid');
		expect(err.field).toBe('email');
		expect(err.message).toContain("n'est pas valide");
	});

	it('wraps a raw Tauri error in a French message', async () => {
		mockIPC(() => {
			throw 'invalid args `id` for command `get_person`';
		});
		const err = await api.getPerson('x').catch((e) => e);
		expect(err).toBeInstanceOf(AppError);
		expect(err.kind).toBe('internal');
		expect(err.message).toMatch(/^Erreur interne de l'application : invalid args/);
	});
});

describe('the api module and the Rust commands', () => {
	it('wraps every command the shell declares, once, and nothing else', async () => {
		const { readFileSync } = await import('node:fs');
		const { resolve } = await import('node:path');
		// jsdom gives import.meta.url an http scheme: resolve from the UI folder instead.
		const build = readFileSync(resolve(process.cwd(), '../src-tauri/build.rs'), 'utf8');
		const declared = [...build.slice(build.indexOf('COMMANDS'), build.indexOf('];')).matchAll(/"([a-z_]+)"/g)].map((m) => m[1]).sort();
		const source = readFileSync(resolve(process.cwd(), 'src/lib/api.ts'), 'utf8');
		const wrapped = [...source.matchAll(/call<[^>]*>\('([a-z_]+)'/g)].map((m) => m[1]).sort();
		expect(wrapped).toEqual(declared);
	});
});
