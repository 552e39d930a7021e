import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, fixtures, launch, open } from './browser';

const d = fixtures.directory;
const caf = d.organisation_refs.find((o) => o.label.startsWith("Caisse d'allocations familiales"))!.id;
const sante = d.domains.find((x) => x.label === 'Santé')!.id;

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

describe('the directory in a real browser engine', () => {
	it('lists organisations in French and filters as the user types', async () => {
		const page = await open(browser, '/organisations');
		await expect.poll(() => page.locator('tbody tr').count()).toBe(3);
		await expect.poll(() => page.getByText('3 organismes').count()).toBe(1);
		expect(await page.locator('tbody tr').first().innerText()).toContain("Caisse d'allocations familiales");
		expect(await page.locator('tbody tr').first().innerText()).toContain('Membre');

		// "/" jumps to the search box; accents are optional.
		await page.keyboard.press('/');
		await page.keyboard.type('securite');
		await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
		expect(await page.locator('tbody tr').innerText()).toContain('Sécurité sociale');
		const sent = await calls(page, 'list_organisations');
		expect(sent.at(-1).filter.query).toBe('securite');

		await page.fill('#org-search', '');
		await page.selectOption('#f-sector', 'associatif');
		await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
		expect((await calls(page, 'list_organisations')).at(-1).filter.sector).toBe('associatif');

		// Sorting by a column header says so to assistive technology.
		await page.selectOption('#f-sector', { label: 'Tous' });
		await page.getByRole('button', { name: /^Nom/ }).click();
		await expect.poll(() => page.locator('th[aria-sort="descending"]').count()).toBe(1);
		await expect.poll(async () => (await page.locator('tbody tr').first().innerText()).startsWith('Sécurité')).toBe(true);
	});

	it('creates an organisation from the form and opens its record', async () => {
		const page = await open(browser, '/organisations/nouveau');
		await page.fill('#org-name', 'Épicerie solidaire des Chapélies');
		await page.selectOption('#org-sector', 'associatif');
		await page.selectOption('#org-category', 'association_entraide');
		await page.fill('#org-commune', 'Brive-la-Gaillarde');
		await page.getByLabel('Santé').check();
		await page.getByRole('button', { name: "Créer l'organisme" }).click();
		await expect.poll(() => page.getByText('« Épicerie solidaire des Chapélies » a été créé.').count()).toBe(1);
		expect(page.url()).toMatch(/\/organisations\/o-new-\d+$/);
		const [sent] = await calls(page, 'create_organisation');
		expect(sent.input).toMatchObject({ name: 'Épicerie solidaire des Chapélies', sector: 'associatif', category: 'association_entraide', commune: 'Brive-la-Gaillarde', domain_ids: [sante], email: null });
	});

	it('keeps a form being typed when F5 or Ctrl+R is pressed (a desktop app does not reload)', async () => {
		const page = await open(browser, '/organisations/nouveau');
		await page.fill('#org-name', 'Association en cours de saisie');
		// Headless Chromium has no reload shortcut of its own: what proves it is that the app
		// cancels the key (the WebKit window of the real app would reload otherwise).
		await page.evaluate(() => {
			(window as unknown as { seen: [string, boolean][] }).seen = [];
			window.addEventListener('keydown', (e) => (window as unknown as { seen: [string, boolean][] }).seen.push([e.key, e.defaultPrevented]));
		});
		for (const key of ['F5', 'Control+r', 'Control+Shift+R', 'x']) await page.locator('#org-name').press(key);
		const seen = await page.evaluate(() => (window as unknown as { seen: [string, boolean][] }).seen.filter(([k]) => !['Control', 'Shift'].includes(k)));
		expect(seen).toEqual([['F5', true], ['r', true], ['R', true], ['x', false]]);
		expect(await page.inputValue('#org-name')).toBe('Association en cours de saisiex');
	});

	it("shows the core's French message beside the field it concerns", async () => {
		const failure = { kind: 'invalid', field: 'email', message: "L'adresse e-mail « accueil@ccas » n'est pas valide : elle doit avoir la forme nom@domaine.fr, sans espace." };
		const page = await open(browser, `/organisations/${caf}`, `window.__mock = { failNext: { update_organisation: ${JSON.stringify(failure)} } };`);
		await expect.poll(() => page.inputValue('#org-name')).toBe("Caisse d'allocations familiales");
		await page.fill('#org-email', 'accueil@ccas');
		await page.getByRole('button', { name: 'Enregistrer' }).click();
		await expect.poll(() => page.locator('#org-email-error').innerText()).toContain("n'est pas valide");
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('org-email');
		// Fixed and saved again: the message goes away.
		await page.fill('#org-email', 'accueil@caf.fr');
		await page.getByRole('button', { name: 'Enregistrer' }).click();
		await expect.poll(() => page.getByText('Modifications enregistrées.').count()).toBe(1);
		expect(await page.locator('#org-email-error').count()).toBe(0);
	});

	it('creates a person from anywhere with Ctrl+N', async () => {
		const page = await open(browser, '/organisations');
		await expect.poll(() => page.locator('tbody tr').count()).toBe(3);
		await page.keyboard.press('Control+n');
		await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
		await page.getByLabel('Une personne').check();
		await page.fill('#quick-first', 'Léa');
		await page.selectOption('#quick-person-category', 'habitant');
		await page.keyboard.press('Enter');
		await expect.poll(() => page.url()).toMatch(/\/personnes\/p-new-\d+$/);
		await expect.poll(() => page.locator('h1').innerText()).toContain('Léa');
		const [sent] = await calls(page, 'create_person');
		expect(sent.input).toMatchObject({ first_name: 'Léa', last_name: null, category: 'habitant' });
	});

	it('prints the partner directory grouped by domain', async () => {
		const page = await open(browser, '/repertoire');
		await expect.poll(() => page.locator('section h2').allInnerTexts()).toEqual(['Logement (1)', 'Santé (1)', 'Sans domaine de compétence (1)']);
		expect(await page.getByText('Contacts : Anne Durand — Conseillère').count()).toBe(1);
		// Spaces between inline parts are kept (Svelte trims those that open a block).
		expect(await page.locator('.entry h3').first().innerText()).toBe("Caisse d'allocations familiales (CAF)");
		expect(await page.locator('.entry .coords').first().innerText()).toContain('Tél. 05 55 00 00 00 — contact@caf.fr');
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('nav').isVisible()).toBe(false);
		expect(await page.getByRole('button', { name: /Imprimer/ }).isVisible()).toBe(false);
		mkdirSync('../target/ui-screenshots', { recursive: true });
		await page.screenshot({ path: '../target/ui-screenshots/repertoire-impression.png', fullPage: true });
	});

	it('explains in French when the database cannot be opened', async () => {
		const openError = { kind: 'internal', message: 'La base de données « /tmp/essai.sqlite » a été créée par une version plus récente de Maillage.' };
		const page = await open(browser, '/organisations', `window.__mock = { openError: ${JSON.stringify(openError)} };`);
		await expect.poll(() => page.getByRole('alert').innerText()).toContain('version plus récente');
		expect(await page.locator('nav').count()).toBe(0);
	});
});
