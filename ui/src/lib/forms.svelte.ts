// Helpers shared by the edit forms: empty inputs, and turning a failed command into a message
// placed beside the field it concerns.
import { tick } from 'svelte';
import { goto } from '$app/navigation';
import { AppError } from './api';
import type { Organisation } from './bindings/Organisation';
import type { OrganisationInput } from './bindings/OrganisationInput';
import type { Person } from './bindings/Person';
import type { PersonInput } from './bindings/PersonInput';

export function emptyOrganisation(): OrganisationInput {
	return {
		name: '', acronym: null, sector: null, category: null, parent_id: null, address: null,
		postal_code: null, commune: null, territory: null, phone: null, email: null, website: null,
		missions: null, public_served: null, access_conditions: null, partnership_expectations: null,
		partnership_limits: null, domain_ids: []
	};
}

export function organisationInput(o: Organisation): OrganisationInput {
	return {
		name: o.name, acronym: o.acronym, sector: o.sector, category: o.category, parent_id: o.parent?.id ?? null,
		address: o.address, postal_code: o.postal_code, commune: o.commune, territory: o.territory, phone: o.phone,
		email: o.email, website: o.website, missions: o.missions, public_served: o.public_served,
		access_conditions: o.access_conditions, partnership_expectations: o.partnership_expectations,
		partnership_limits: o.partnership_limits, domain_ids: o.domains.map((d) => d.id)
	};
}

export function emptyPerson(): PersonInput {
	return {
		civility: null, first_name: null, last_name: null, category: null, email: null, phone: null, notes: null,
		contact_consent: null, consent_date: null, consent_method: null
	};
}

export function personInput(p: Person): PersonInput {
	return {
		civility: p.civility, first_name: p.first_name, last_name: p.last_name, category: p.category,
		email: p.email, phone: p.phone, notes: p.notes,
		contact_consent: p.contact_consent, consent_date: p.consent_date, consent_method: p.consent_method
	};
}

/** The state of a form's submission: a general message, and one per field. */
export class FormErrors {
	message = $state<string | null>(null);
	fields = $state<Record<string, string>>({});

	clear() {
		this.message = null;
		this.fields = {};
	}

	/** Records `e`; returns the message so callers may also announce it. */
	set(e: unknown): string {
		const err = e instanceof AppError ? e : new AppError({ kind: 'internal', message: String(e) });
		this.message = err.message;
		this.fields = err.field ? { [err.field]: err.message } : {};
		return err.message;
	}
}

/** Moves the keyboard focus to the first field showing an error, once Svelte has drawn it. */
export async function focusFirstInvalid() {
	await tick();
	document.querySelector<HTMLElement>('.field.invalid input, .field.invalid select, .field.invalid textarea')?.focus();
}

/** The submit of a record page, one way for all: create (then open the new record's page) or
 *  update; a failure lands beside its field, which gets the focus. Returns the saved record. */
export async function submitRecord<T extends { id: string }>(o: {
	errors: FormErrors;
	isNew: boolean;
	create: () => Promise<T>;
	update: () => Promise<T>;
	href: (record: T) => string;
}): Promise<{ record: T; created: boolean } | null> {
	o.errors.clear();
	try {
		if (o.isNew) {
			const record = await o.create();
			await goto(o.href(record), { replaceState: true });
			return { record, created: true };
		}
		return { record: await o.update(), created: false };
	} catch (err) {
		o.errors.set(err);
		await focusFirstInvalid();
		return null;
	}
}
