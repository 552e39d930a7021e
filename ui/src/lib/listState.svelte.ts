// Filters of the two lists, kept while the app runs so that coming back from a record finds the
// list as it was left.
import type { OrganisationFilter } from './bindings/OrganisationFilter';
import type { PersonFilter } from './bindings/PersonFilter';

export const organisationFilter: OrganisationFilter = $state({
	query: null, sector: null, category: null, domain_id: null, commune: null, membership_status: null,
	without_membership: false, include_archived: false, sort: 'name', descending: false
});

export const personFilter: PersonFilter = $state({
	query: null, category: null, organisation_id: null, sort: 'last_name', descending: false, include_archived: false
});

/** Focuses the list's search box when "/" is typed outside a field, as in most web apps. */
export function slashToSearch(e: KeyboardEvent, input: HTMLInputElement | undefined) {
	const t = e.target as HTMLElement;
	if (e.key === '/' && !['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName) && !t.isContentEditable) {
		e.preventDefault();
		input?.focus();
	}
}
