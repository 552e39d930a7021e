import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, fixtures, launch, open } from './browser';

const meetingId = fixtures.checkin.meeting_id;
const people = fixtures.checkin.people;

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

describe('check-in mode at the door', () => {
	it('checks people in with the keyboard, undoes a mistake, adds a walk-in', async () => {
		const page = await open(browser, `/reunions/${meetingId}/accueil`);
		await expect.poll(() => page.locator('h1').innerText()).toContain('Accueil — Séance plénière');
		expect(await page.locator('nav').count()).toBe(0);
		// The window itself is full screen (Tauri's window API), not only the navigation hidden.
		await expect.poll(() => page.evaluate(() => window.__window.fullscreen)).toBe(true);
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('checkin-search');
		await expect.poll(() => page.getByTestId('people-present').innerText()).toBe('0');

		// Three letters, then Enter: the first line is checked in.
		await page.keyboard.type('dup');
		await expect.poll(() => page.locator('.hits li[role=option]').count()).toBe(1);
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByRole('status').innerText()).toContain('Paul Dupont (CAF) est pointé(e) présent(e).');
		await expect.poll(() => page.getByTestId('people-present').innerText()).toBe('1');
		expect(await page.inputValue('#checkin-search')).toBe('');
		expect((await calls(page, 'check_in')).at(-1)).toEqual({ meetingId, sessionId: null, personId: people.dup });

		// Arrow down chooses the second line (the core sorts by name: Dupont, then Durand).
		await page.keyboard.type('caf');
		await expect.poll(() => page.locator('.hits li[role=option]').count()).toBe(2);
		await page.keyboard.press('ArrowDown');
		await expect.poll(() => page.locator('.hits li[aria-selected=true]').innerText()).toContain('Anne Durand');
		// The field is a combobox: screen readers hear the chosen line while the focus stays typing.
		const field = page.locator('#checkin-search');
		expect(await field.getAttribute('role')).toBe('combobox');
		expect(await field.getAttribute('aria-expanded')).toBe('true');
		expect(await page.locator(`#${await field.getAttribute('aria-controls')}`).getAttribute('role')).toBe('listbox');
		const active = await field.getAttribute('aria-activedescendant');
		expect(await page.locator(`#${active}`).innerText()).toContain('Anne Durand');
		expect(await page.locator(`#${active}`).getAttribute('aria-selected')).toBe('true');
		await page.keyboard.press('ArrowUp');
		await expect.poll(() => page.locator('.hits li[aria-selected=true]').innerText()).toContain('Paul Dupont');
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByTestId('people-present').innerText()).toBe('2');

		// A wrong check-in is undone.
		await page.getByRole('button', { name: 'Annuler ce pointage' }).click();
		await expect.poll(() => page.getByRole('status').innerText()).toBe('Pointage annulé.');
		await expect.poll(() => page.getByTestId('people-present').innerText()).toBe('1');

		// Someone already present says so, in French.
		await page.keyboard.type('dupont');
		await expect.poll(() => page.locator('.hits li.done').count()).toBe(1);
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByRole('alert').innerText()).toContain('Paul Dupont est déjà pointé(e) présent(e)');

		// A walk-in, in two fields.
		await page.fill('#walk-name', 'Marc Passant');
		await page.fill('#walk-org', 'Association X');
		await page.getByRole('button', { name: 'Ajouter et pointer présent' }).click();
		await expect.poll(() => page.getByRole('status').innerText()).toContain('Marc Passant (sans invitation) est pointé(e) présent(e).');
		await expect.poll(() => page.getByTestId('people-present').innerText()).toBe('2');
		expect((await calls(page, 'walk_in'))[0].input).toMatchObject({ meeting_id: meetingId, name: 'Marc Passant', organisation: 'Association X' });
	});

	it('checks in at once the person whose code a scanner types, with the same undo', async () => {
		const page = await open(browser, `/reunions/${meetingId}/accueil`);
		await expect.poll(() => page.getByTestId('people-present').innerText()).toBe('0');
		// A USB scanner types fast, then Enter; the core reads the code (ui_fixtures.rs). Here a
		// scanner set to a US keyboard on a French one: « INVà&ç… ».
		await page.keyboard.type(fixtures.checkin.zoe_code_azerty, { delay: 2 });
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByRole('status').innerText()).toContain("Zoé Martin (UDAF) est pointé(e) présent(e) (code d'accueil).");
		await expect.poll(() => page.getByTestId('people-present').innerText()).toBe('1');
		expect(await page.inputValue('#checkin-search')).toBe('');
		expect((await calls(page, 'check_in_code')).at(-1)).toEqual({ meetingId, sessionId: null, typed: fixtures.checkin.zoe_code_azerty });
		expect(await calls(page, 'check_in')).toEqual([]);
		await page.getByRole('button', { name: 'Annuler ce pointage' }).click();
		await expect.poll(() => page.getByTestId('people-present').innerText()).toBe('0');

		// Leaving the check-in mode gives the window back.
		await page.getByRole('link', { name: 'Quitter le mode accueil' }).click();
		await expect.poll(() => page.evaluate(() => window.__window.fullscreen)).toBe(false);
	});
});
