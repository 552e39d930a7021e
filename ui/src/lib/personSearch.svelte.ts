// Search people as the user types (two letters or more), for the pickers of the body members,
// the invitations and the stand-ins. A stale answer never overwrites a newer one.
import { api } from './api';
import type { PersonSummary } from './bindings/PersonSummary';

export class PersonSearch {
	query = $state('');
	hits = $state<PersonSummary[]>([]);
	#generation = 0;

	constructor(limit = 8) {
		$effect(() => {
			const q = this.query.trim();
			const mine = ++this.#generation;
			if (q.length < 2) {
				this.hits = [];
				return;
			}
			api.listPersons({ query: q, category: null, organisation_id: null, sort: 'last_name', descending: false, include_archived: false }).then((r) => {
				if (mine === this.#generation) this.hits = r.slice(0, limit);
			});
		});
	}

	clear() {
		this.query = '';
	}
}
