// « No surprise »: every destructive click asks first, in the app's one confirmation dialog. The
// focus starts on « Annuler »; Escape and « Annuler » send nothing to the core; only the
// confirming button does.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, fixtures, launch, open } from './browser';

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

const caf = Object.values(fixtures.directory.organisation).find((o) => o.acronym === 'CAF')!;
const anne = Object.values(fixtures.directory.person)[0];
const meetingId = fixtures.checkin.meeting_id;

type Case = {
	what: string;
	path: string;
	/** The page is ready when this text shows. */
	ready: string;
	button: (page: Page) => ReturnType<Page['locator']>;
	title: string;
	confirm: string;
	command: string;
};

const cases: Case[] = [
	{
		what: 'a membership step', path: `/organisations/${caf.id}`, ready: 'Adhésion au réseau',
		button: (p) => p.getByRole('button', { name: "Retirer l'étape du 15/01/2024" }),
		title: "Retirer l'étape du 15/01/2024 ?", confirm: "Retirer l'étape", command: 'remove_membership_event'
	},
	{
		what: "a post, from the organisation", path: `/organisations/${caf.id}`, ready: 'Anne Durand',
		button: (p) => p.getByRole('button', { name: 'Fin de poste' }),
		title: 'Terminer le poste de Anne Durand ?', confirm: 'Terminer le poste', command: 'end_affiliation'
	},
	{
		what: 'a post entered by mistake, from the person', path: `/personnes/${anne.id}`, ready: "Caisse d'allocations familiales",
		button: (p) => p.getByRole('button', { name: 'Retirer (erreur de saisie)' }),
		title: "Retirer le poste chez Caisse d'allocations familiales ?", confirm: 'Retirer le poste', command: 'remove_affiliation'
	},
	{
		what: 'an invitation', path: `/reunions/${meetingId}`, ready: 'Invitations',
		button: (p) => p.getByRole('button', { name: "Retirer l'invitation de Anne Durand" }),
		title: "Retirer l'invitation de Anne Durand ?", confirm: "Retirer l'invitation", command: 'remove_invitation'
	},
	{
		what: 'a meeting', path: `/reunions/${meetingId}`, ready: 'Invitations',
		button: (p) => p.getByRole('button', { name: 'Supprimer…' }),
		title: 'Supprimer cette réunion ?', confirm: 'Supprimer la réunion', command: 'remove_meeting'
	}
];

describe('a confirmation before each destructive action', () => {
	for (const c of cases) {
		it(`removing ${c.what}`, async () => {
			const page = await open(browser, c.path);
			await expect.poll(() => page.getByText(c.ready).first().isVisible()).toBe(true);
			const dialog = page.getByRole('dialog');

			// Asked first; Escape sends nothing.
			await c.button(page).first().click();
			await expect.poll(() => dialog.isVisible()).toBe(true);
			expect(await dialog.getByRole('heading').innerText()).toBe(c.title);
			expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Annuler');
			await page.keyboard.press('Escape');
			await expect.poll(() => dialog.count()).toBe(0);
			expect(await calls(page, c.command)).toEqual([]);

			// « Annuler » sends nothing either; Enter on the focused « Annuler » is safe.
			await c.button(page).first().click();
			await expect.poll(() => dialog.isVisible()).toBe(true);
			await page.keyboard.press('Enter');
			await expect.poll(() => dialog.count()).toBe(0);
			expect(await calls(page, c.command)).toEqual([]);

			// Confirmed: now, and once.
			await c.button(page).first().click();
			await dialog.getByRole('button', { name: c.confirm }).click();
			await expect.poll(() => calls(page, c.command).then((x) => x.length)).toBe(1);
			await expect.poll(() => dialog.count()).toBe(0);
		});
	}
});
