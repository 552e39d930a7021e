// Every French label of a coded value, in one place for the UI. Codes come from the Rust core
// (see src-tauri/core/src/model/codes.rs); `satisfies Record<…>` makes a missing label a type error.
import type { ActionMetric } from './bindings/ActionMetric';
import type { ActionStatus } from './bindings/ActionStatus';
import type { AgreementKind } from './bindings/AgreementKind';
import type { FollowUp } from './bindings/FollowUp';
import type { IndicatorScope } from './bindings/IndicatorScope';
import type { IndicatorUnit } from './bindings/IndicatorUnit';
import type { PartnerRole } from './bindings/PartnerRole';
import type { PeriodKind } from './bindings/PeriodKind';
import type { RightConcerned } from './bindings/RightConcerned';
import type { Timescale } from './bindings/Timescale';
import type { AttendanceStatus } from './bindings/AttendanceStatus';
import type { BodyKind } from './bindings/BodyKind';
import type { MailingFormat } from './bindings/MailingFormat';
import type { MailingPurpose } from './bindings/MailingPurpose';
import type { MeetingStatus } from './bindings/MeetingStatus';
import type { MemberRole } from './bindings/MemberRole';
import type { Reply } from './bindings/Reply';
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

export const BODY_KINDS = {
	pleniere: 'Séance plénière',
	copil: 'Comité de pilotage',
	comite_suivi: 'Comité de suivi',
	commission_suivi_orientation: 'Commission de suivi et d’orientation',
	comite_technique: 'Comité technique / coordination technique',
	groupe_travail: 'Groupe de travail',
	groupe_terrain: 'Groupe de terrain',
	groupe_veille: 'Groupe de veille',
	reseau: 'Réseau',
	rencontre_annuelle: 'Rencontre annuelle',
	rencontre_etape: 'Rencontre étape',
	colloque: "Journée d'étude / colloque",
	autre: 'Autre'
} satisfies Record<BodyKind, string>;

export const MEMBER_ROLES = {
	pilote: 'Pilote',
	copilote: 'Copilote',
	animateur: 'Animateur',
	membre: 'Membre',
	rapporteur: 'Rapporteur',
	invite_non_membre: 'Invité non-membre'
} satisfies Record<MemberRole, string>;

export const MEETING_STATUSES = {
	prevue: 'Prévue',
	tenue: 'Tenue',
	annulee: 'Annulée',
	reportee: 'Reportée'
} satisfies Record<MeetingStatus, string>;

export const REPLIES = {
	en_attente: 'En attente',
	accepte: 'Accepté',
	excuse: 'Excusé',
	decline: 'Décliné'
} satisfies Record<Reply, string>;

export const ATTENDANCE = {
	present: 'Présent',
	excuse: 'Excusé',
	absent: 'Absent'
} satisfies Record<AttendanceStatus, string>;

export const MAILING_PURPOSES = { invitation: 'Invitation', compte_rendu: 'Compte rendu' } satisfies Record<MailingPurpose, string>;

export const MAILING_FORMATS = {
	eml_cci: 'brouillon e-mail (destinataires en Cci)',
	eml_individuels: 'brouillons e-mail individuels',
	ics: 'invitation agenda (.ics)',
	adresses: 'liste des adresses',
	lettre: 'lettre imprimée'
} satisfies Record<MailingFormat, string>;

export const TIMESCALES = { court: 'Court terme', moyen: 'Moyen terme', long: 'Long terme' } satisfies Record<Timescale, string>;

export const ACTION_STATUSES = {
	proposee: 'Proposée',
	validee: 'Validée',
	en_cours: 'En cours',
	terminee: 'Terminée',
	abandonnee: 'Abandonnée'
} satisfies Record<ActionStatus, string>;

export const PARTNER_ROLES = {
	pilote: 'Pilote',
	copilote: 'Copilote',
	structure_referente: 'Structure référente',
	partenaire: 'Partenaire'
} satisfies Record<PartnerRole, string>;

export const ACTION_METRICS = {
	benevoles: 'Bénévoles impliqués',
	beneficiaires_identifies: 'Bénéficiaires identifiés',
	beneficiaires_visites: 'Bénéficiaires visités',
	beneficiaires_orientes: 'Bénéficiaires orientés'
} satisfies Record<ActionMetric, string>;

export const INDICATOR_UNITS = {
	nombre: 'Nombre',
	pourcentage: 'Pourcentage',
	euros: 'Euros',
	heures: 'Heures',
	texte: 'Texte'
} satisfies Record<IndicatorUnit, string>;

export const INDICATOR_SCOPES = { reseau: 'Réseau', instance: 'Instance ou groupe', action: 'Action' } satisfies Record<IndicatorScope, string>;

export const PERIOD_KINDS = { mois: 'Mois', trimestre: 'Trimestre', semestre: 'Semestre', annee: 'Année' } satisfies Record<PeriodKind, string>;

export const RIGHTS = {
	rsa: 'RSA',
	aah: 'AAH',
	prime_activite: "Prime d'activité",
	apl: 'APL',
	css: 'CMU-C / CSS',
	retraite: 'Retraite',
	autre: 'Autre'
} satisfies Record<RightConcerned, string>;

export const FOLLOW_UPS = {
	alerte_individuelle: 'Alerte individuelle',
	alerte_collective: 'Alerte collective',
	faq: 'Réponse dans la FAQ',
	remontee_pio: 'Remontée au partenariat inter-organismes'
} satisfies Record<FollowUp, string>;

/** 0.4 → "40 %" (French spacing), with one decimal when needed; null → "—". */
export function percent(rate: number | null | undefined): string {
	if (rate === null || rate === undefined) return '—';
	return `${(rate * 100).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} %`;
}

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
