import { describe, expect, it } from 'vitest';
import { MEMBERSHIP_STATUSES, ORG_CATEGORIES, frenchDate, localToday, options, plural } from './labels';
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
});
