// Every French label of a coded value, in one place for the UI. Codes come from the Rust core
// (see src-tauri/core/src/model/codes.rs); `satisfies Record<…>` makes a missing label a type error.
import type { AgreementKind } from './bindings/AgreementKind';
import type { Civility } from './bindings/Civility';
import type { MembershipStatus } from './bindings/MembershipStatus';
import type { OrgCategory } from './bindings/OrgCategory';
import type { PersonCategory } from './bindings/PersonCategory';
import type { Sector } from './bindings/Sector';

export const SECTORS = {
	public: 'Public',
	parapublic: 'Parapublic',
	associatif: 'Associatif',
	prive: 'Privé'
} satisfies Record<Sector, string>;

export const ORG_CATEGORIES = {
	ccas: 'CCAS',
	caf: 'CAF',
	conseil_departemental: 'Conseil départemental',
	securite_sociale: 'Sécurité sociale',
	centre_social: 'Centre social',
	association_entraide: "Association d'entraide",
	bailleur: 'Bailleur',
	sante: 'Santé',
	emploi: 'Emploi',
	education: 'Éducation',
	collectivite: 'Collectivité',
	autre: 'Autre'
} satisfies Record<OrgCategory, string>;

export const PERSON_CATEGORIES = {
	professionnel: 'Professionnel',
	benevole: 'Bénévole',
	elu: 'Élu',
	habitant: 'Habitant',
	decideur: 'Décideur',
	intervenant: 'Intervenant',
	autre: 'Autre'
} satisfies Record<PersonCategory, string>;

export const CIVILITIES = { madame: 'Madame', monsieur: 'Monsieur' } satisfies Record<Civility, string>;

export const MEMBERSHIP_STATUSES = {
	prospect: 'Prospect',
	interesse: 'Intéressé',
	membre: 'Membre',
	retire: 'Retiré'
} satisfies Record<MembershipStatus, string>;

export const AGREEMENT_KINDS = {
	charte: 'Charte',
	convention: 'Convention',
	protocole: 'Protocole'
} satisfies Record<AgreementKind, string>;

/** Options for a <select>, in the order of the labels above. */
export function options<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
	return (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
}

/** "2024-07-01" → "01/07/2024"; empty stays empty. */
export function frenchDate(iso: string | null | undefined): string {
	if (!iso) return '';
	const [y, m, d] = iso.slice(0, 10).split('-');
	return `${d}/${m}/${y}`;
}

/** Plural in French: 0 and 1 are singular. */
export function plural(n: number, one: string, many: string): string {
	return `${n} ${n <= 1 ? one : many}`;
}

/** Today in the user's time zone as YYYY-MM-DD (toISOString would give the UTC date, which is
 *  yesterday for a French user just after midnight). */
export function localToday(): string {
	const d = new Date();
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
