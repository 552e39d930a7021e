import { describe, expect, it } from 'vitest';
import * as generated from './bindings/labels';
import * as labels from './labels';
import { BODY_KINDS, MEMBERSHIP_STATUSES, ORG_CATEGORIES, change, euros, frenchDate, localDateTime, localToday, options, percent, plural } from './labels';
import { vi } from 'vitest';

describe('labels', () => {
	it('formats dates the French way', () => {
		expect(frenchDate('2026-11-09')).toBe('09/11/2026');
		expect(frenchDate('2026-11-09T10:00:00.000Z')).toBe('09/11/2026');
		expect(frenchDate(null)).toBe('');
	});
	it("gives today's date in local time, not UTC", () => {
		vi.useFakeTimers();
		vi.setSystemTime(new Date(2026, 0, 1, 0, 30)); // 00:30 local on 1 January
		expect(localToday()).toBe('2026-01-01');
		vi.useRealTimers();
	});
	it('puts 0 and 1 in the singular, as French does', () => {
		expect(plural(0, 'organisme', 'organismes')).toBe('0 organisme');
		expect(plural(1, 'organisme', 'organismes')).toBe('1 organisme');
		expect(plural(2, 'organisme', 'organismes')).toBe('2 organismes');
	});
	it('lists options in order with their labels', () => {
		expect(options(MEMBERSHIP_STATUSES).map((o) => o.label)).toEqual(['Prospect', 'Intéressé', 'Membre', 'Retiré']);
		expect(options(ORG_CATEGORIES)).toContainEqual({ value: 'conseil_departemental', label: 'Conseil départemental' });
	});
	it('relabels nothing: every label object is the one generated from the core', () => {
		const mine = Object.entries(labels).filter(([k]) => /^[A-Z_]+$/.test(k));
		expect(mine.length).toBe(Object.keys(generated).length);
		for (const [k, v] of mine) expect(v).toBe((generated as Record<string, unknown>)[k]);
		// The workbook's words (labels.rs): « comité technique » reads the same on screen.
		expect(BODY_KINDS.comite_technique).toBe('Comité technique / coordination technique');
	});
	it('writes rates, changes and euros the French way', () => {
		expect(percent(0.4)).toBe('40\u00a0%');
		expect(percent(null)).toBe('—');
		expect(change('count', 0.2)).toBe('+20\u00a0%');
		expect(change('count', -0.125)).toBe('-13\u00a0%');
		expect(change('rate', 5)).toBe('+5\u00a0pt');
		expect(change('rate', null)).toBe('');
		expect(euros(123456).replace(/\s/g, ' ')).toBe('1 234,56 €');
		expect(euros(86667).replace(/\s/g, ' ')).toBe('866,67 €');
	});
	it('shows a stored UTC timestamp in local time', () => {
		const d = new Date(2026, 0, 1, 0, 30); // 00:30 local, the day before in UTC east of Greenwich
		expect(localDateTime(d.toISOString())).toBe('01/01/2026 à 00:30');
		expect(localDateTime(null)).toBe('');
	});
});
