import { describe, expect, it } from 'vitest';
import { AppError } from './api';
import { FormErrors, emptyOrganisation, organisationInput } from './forms.svelte';
import type { Organisation } from './bindings/Organisation';

describe('forms', () => {
	it('places a core error beside its field, and clears it', () => {
		const errors = new FormErrors();
		errors.set(new AppError({ kind: 'conflict', field: 'name', message: 'Un organisme nommé « X » existe déjà.' }));
		expect(errors.fields).toEqual({ name: 'Un organisme nommé « X » existe déjà.' });
		expect(errors.message).toContain('existe déjà');
		errors.clear();
		expect(errors.fields).toEqual({});
		expect(errors.message).toBeNull();
	});
	it('turns a record back into the input that edits it', () => {
		const org = {
			...emptyOrganisation(), id: 'o1', name: 'CAF', sector: 'parapublic', category: 'caf',
			parent: { id: 'p1', label: 'Parent' }, domains: [{ id: 'd1', label: 'Logement' }], archived_at: null,
			created_at: '', updated_at: '', children: [], membership_status: null, membership_history: [], signatures: [], people: []
		} as unknown as Organisation;
		const input = organisationInput(org);
		expect(input.parent_id).toBe('p1');
		expect(input.domain_ids).toEqual(['d1']);
		expect(Object.keys(input).sort()).toEqual(Object.keys(emptyOrganisation()).sort());
	});
});
