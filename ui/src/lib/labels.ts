// The French labels of coded values come from the Rust core, generated into
// ./bindings/labels.ts (`make bindings`; a core test fails when it is stale). Nothing is
// relabelled here: the screen and the workbook read the same words.
export {
	SECTORS,
	ORG_CATEGORIES,
	PERSON_CATEGORIES,
	PERSON_CATEGORIES_PLURAL,
	CIVILITIES,
	MEMBERSHIP_STATUSES,
	AGREEMENT_KINDS,
	BODY_KINDS,
	MEMBER_ROLES,
	MEETING_STATUSES,
	REPLIES,
	ATTENDANCE,
	MAILING_PURPOSES,
	MAILING_AUDIENCES,
	MAILING_DEFAULT_AUDIENCE,
	MAILING_INVITES,
	CALENDAR_METHODS,
	MAILING_FORMATS,
	TIMESCALES,
	ACTION_STATUSES,
	PARTNER_ROLES,
	ACTION_METRICS,
	INDICATOR_UNITS,
	INDICATOR_SCOPES,
	PERIOD_KINDS,
	RIGHTS,
	FOLLOW_UPS,
	BACKUP_REASONS,
	CONSENT_STATUSES,
	CONSENT_METHODS,
	JOURNAL_ORIGINS,
	JOURNAL_ACTIONS,
	IMPORT_FIELDS,
	IMPORT_KINDS,
	DUPLICATE_CHOICES,
	REPORT_SECTIONS,
	REPORT_TEXT_MAX,
	RETENTION_DEFAULT_YEARS
} from './bindings/labels';

/** 0.4 → "40 %" with a non-breaking space before %, one decimal when needed; null → "—". */
export function percent(rate: number | null | undefined): string {
	if (rate === null || rate === undefined) return '—';
	return `${(rate * 100).toLocaleString('fr-FR', { maximumFractionDigits: 1 })}\u00a0%`;
}

/** A change from N-1 computed by the core: a ratio for a count ("+12\u00a0%"), points for a rate
 *  ("+3,2 pt"); null → "". */
export function change(unit: 'count' | 'rate', value: number | null | undefined): string {
	if (value === null || value === undefined) return '';
	const sign = value >= 0 ? '+' : '';
	if (unit === 'rate') return `${sign}${value.toLocaleString('fr-FR', { maximumFractionDigits: 1 })}\u00a0pt`;
	return `${sign}${(value * 100).toLocaleString('fr-FR', { maximumFractionDigits: 0 })}\u00a0%`;
}

/** Cents → "1 234,56 €": always two decimals. */
export function euros(cents: number): string {
	return (cents / 100).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 });
}

/** An RFC 3339 timestamp (UTC in the file) → local "23/11/2026 à 14:05". */
export function localDateTime(iso: string | null | undefined): string {
	if (!iso) return '';
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	const p = (n: number) => String(n).padStart(2, '0');
	return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} à ${p(d.getHours())}:${p(d.getMinutes())}`;
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
