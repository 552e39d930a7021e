import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyFigure } from '../../src/lib/bindings/KeyFigure';
import { calls, fixtures, launch, open } from './browser';

const year = new Date().getFullYear();
const bilan = (y: number) => fixtures.dashboard.bilan[`${y}-01-01|${y}-12-31`];
const figure = (code: string) => bilan(year).key_figures.find((k) => k.code === code) as KeyFigure;
const spaces = (s: string) => s.replace(/\s/g, ' ');
/** French number, written out here (not with the page's helpers). */
const fr = (n: number) => spaces(new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(n));

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

describe('the dashboard', () => {
	it('shows the key figures against the previous year, with charts and links to the lists', async () => {
		const page = await open(browser, '/', `window.__mock = {};`);
		await expect.poll(() => page.locator('h1').innerText()).toBe(`Tableau de bord — ${year}`);
		// The figures are the core's, on the demonstration network; the page only writes them.
		const k = figure('meetings_held');
		const held = page.locator('a.figure[data-code=meetings_held]');
		expect(spaces(await held.locator('.value').innerText())).toBe(fr(k.current!));
		const change = k.change === null ? '' : ` ${k.change >= 0 ? '+' : ''}${fr(Math.round(k.change * 100))} %`;
		expect(spaces(await held.locator('.previous').innerText())).toBe(`${year - 1} : ${fr(k.previous!)}${change}`);
		const r = figure('participation_rate');
		const rate = page.locator('a.figure[data-code=participation_rate]');
		expect(spaces(await rate.locator('.value').innerText())).toBe(`${fr(r.current! * 100)} %`);
		expect(await rate.locator('.ratio').innerText()).toBe(`${r.current_ratio![0]} / ${r.current_ratio![1]}`);
		expect(spaces(await rate.locator('.previous').innerText())).toContain(`${r.change! >= 0 ? '+' : ''}${fr(r.change!)} pt`);
		// Each figure says how it is counted, in the core's words.
		expect(await held.getAttribute('title')).toBe(k.definition);
		// The new figure: organisations present or excused.
		const mob = figure('distinct_organisations_mobilised');
		expect(spaces(await page.locator('a.figure[data-code=distinct_organisations_mobilised] .value').innerText())).toBe(fr(mob.current!));
		expect(await held.getAttribute('href')).toBe(`/reunions?du=${year}-01-01&au=${year}-12-31&statut=tenue`);
		expect(await page.locator('a.figure[data-code=members]').getAttribute('href')).toBe('/organisations?adhesion=membre');
		expect(await page.locator('figure canvas').count()).toBe(4);
		// Each chart's figures are also a table: here, month by month, the core's numbers.
		const months = page.locator('figure', { hasText: 'Réunions et présences par mois' });
		await months.getByText('Voir les données').click();
		const table = months.getByRole('table', { name: 'Réunions et présences par mois' });
		expect(await table.locator('thead th').allInnerTexts()).toEqual(['Mois', 'Présences', 'Réunions tenues']);
		const months12 = bilan(year).months;
		expect(await table.locator('tbody tr').count()).toBe(months12.length);
		const first = months12[0];
		expect((await table.locator('tbody tr').first().locator('th, td').allInnerTexts()).map(spaces)).toEqual([first.month, fr(first.presences), fr(first.meetings_held)]);
		expect(await page.getByRole('link', { name: 'Membres du secteur public' }).getAttribute('href')).toBe('/organisations?adhesion=membre&secteur=public');

		// Another year reloads the figures.
		await page.selectOption('#dash-year', String(year - 1));
		await expect.poll(() => page.locator('h1').innerText()).toBe(`Tableau de bord — ${year - 1}`);
		expect((await calls(page, 'bilan')).at(-1)).toEqual({ from: `${year - 1}-01-01`, to: `${year - 1}-12-31` });

		// One click exports; names only after a warning about personal data.
		await page.getByRole('button', { name: 'Exporter le bilan…' }).click();
		// The file is chosen in the native dialog on the Rust side; the mock answers a path.
		await expect.poll(() => page.getByRole('status').innerText()).toContain(`/tmp/exports/Bilan_${year - 1}-01-01_${year - 1}-12-31.xlsx`);
		expect((await calls(page, 'export_bilan')).at(-1)).toEqual({ from: `${year - 1}-01-01`, to: `${year - 1}-12-31`, withNames: false });
		await page.getByLabel('Inclure les noms').check();
		await page.getByRole('button', { name: 'Exporter le bilan…' }).click();
		await expect.poll(() => page.getByRole('dialog').innerText()).toContain('données personnelles');
		await page.getByRole('button', { name: 'Exporter avec les noms' }).click();
		await expect.poll(async () => (await calls(page, 'export_bilan')).length).toBe(2);
		expect((await calls(page, 'export_bilan')).at(-1).withNames).toBe(true);
	});

	it('follows a figure to the meetings of the period', async () => {
		const page = await open(browser, '/');
		await page.locator('a.figure[data-code=meetings_held]').click();
		await expect.poll(() => page.url()).toContain('/reunions?du=');
		await expect.poll(async () => (await calls(page, 'list_meetings')).length).toBeGreaterThan(0);
		expect((await calls(page, 'list_meetings')).at(-1).filter).toMatchObject({ from: `${year}-01-01`, to: `${year}-12-31`, status: 'tenue' });
	});
});

describe('the report texts of the dashboard', () => {
	const texts = fixtures.dashboard.report_texts;
	const last = `${year - 1}`;

	it('types the texts of the chosen period, counts their characters and saves them with « Enregistrer »', async () => {
		const page = await open(browser, '/', `window.__mock = {};`);
		const panel = page.getByRole('region', { name: `Textes du rapport — ${year}` });
		await expect.poll(() => panel.count()).toBe(1);
		// The three sections, titled with the core's labels, for the period at the top of the page.
		expect(await panel.locator('label').allInnerTexts()).toEqual(['Introduction', 'Faits marquants', 'Perspectives']);
		await expect.poll(async () => (await calls(page, 'report_texts')).at(-1)).toEqual({ from: `${year}-01-01`, to: `${year}-12-31` });
		expect(spaces(await panel.locator('.count[data-section=introduction]').innerText())).toBe('0 / 20 000 caractères');
		expect(await panel.getByRole('button', { name: 'Enregistrer' }).isDisabled()).toBe(true);

		// Another year: its own texts.
		await page.selectOption('#dash-year', last);
		await expect.poll(() => page.getByRole('region', { name: `Textes du rapport — ${last}` }).count()).toBe(1);
		await expect.poll(async () => (await calls(page, 'report_texts')).at(-1)).toEqual({ from: `${last}-01-01`, to: `${last}-12-31` });
		await expect.poll(() => page.locator('#report-faits_marquants').isDisabled()).toBe(false);
		// Last year's texts, as the core holds them (the demonstration's).
		const held = texts.by_period[`${last}-01-01|${last}-12-31`];
		await expect.poll(() => page.inputValue('#report-introduction')).toBe(held.introduction ?? '');
		expect(held.introduction).toContain(last);
		await page.getByLabel('Introduction').fill('');
		await page.getByLabel('Faits marquants').fill("  L'ouverture du point d'accès aux droits.\nDeux nouvelles communes.  ");
		await page.getByLabel('Perspectives').fill('Un groupe de veille.');
		expect(spaces(await page.locator('.count[data-section=perspectives]').innerText())).toBe('20 / 20 000 caractères');
		expect(await page.getByText('Modifications non enregistrées').count()).toBe(1);
		await page.getByRole('button', { name: 'Enregistrer' }).click();

		// Saved explicitly, said in a status message; the fields show the core's answer (trimmed).
		await expect.poll(() => page.getByRole('status').innerText()).toBe(`Textes du rapport ${last} enregistrés.`);
		expect((await calls(page, 'save_report_texts')).at(-1)).toEqual({
			input: { from: `${last}-01-01`, to: `${last}-12-31`, texts: { introduction: null, faits_marquants: "  L'ouverture du point d'accès aux droits.\nDeux nouvelles communes.  ", perspectives: 'Un groupe de veille.' } }
		});
		const answer = Object.values(texts.saves)[0];
		expect(await page.inputValue('#report-faits_marquants')).toBe(answer.faits_marquants);
		expect(await page.getByText('Modifications non enregistrées').count()).toBe(0);
		expect(await page.getByRole('button', { name: 'Enregistrer' }).isDisabled()).toBe(true);
	});

	it('keeps what was typed when the period changes, and asks before leaving the screen without saving', async () => {
		const page = await open(browser, '/', `window.__mock = {};`);
		await expect.poll(() => page.locator('#report-perspectives').isDisabled()).toBe(false);
		await page.getByLabel('Perspectives').fill('Pas encore enregistré.');
		await page.selectOption('#dash-year', last);
		await expect.poll(() => page.getByRole('region', { name: `Textes du rapport — ${last}` }).count()).toBe(1);
		await expect.poll(() => page.inputValue('#report-perspectives')).toBe(texts.by_period[`${last}-01-01|${last}-12-31`].perspectives ?? '');
		await page.selectOption('#dash-year', String(year));
		await expect.poll(() => page.inputValue('#report-perspectives')).toBe('Pas encore enregistré.');
		expect(await page.getByText('Modifications non enregistrées').count()).toBe(1);
		// The period's texts were read once: the typed ones are not read over.
		expect((await calls(page, 'report_texts')).filter((c) => c.from === `${year}-01-01`).length).toBe(1);

		// Leaving: the app's confirmation; « Annuler » stays, confirming goes.
		await page.locator('a.figure[data-code=meetings_held]').click();
		const dialog = page.getByRole('dialog', { name: 'Quitter sans enregistrer ?' });
		await expect.poll(() => dialog.isVisible()).toBe(true);
		await dialog.getByRole('button', { name: 'Annuler' }).click();
		await expect.poll(() => dialog.isVisible()).toBe(false);
		expect(new URL(page.url()).pathname).toBe('/');
		expect(await page.inputValue('#report-perspectives')).toBe('Pas encore enregistré.');
		await page.locator('a.figure[data-code=meetings_held]').click();
		await dialog.getByRole('button', { name: 'Quitter sans enregistrer' }).click();
		await expect.poll(() => page.url()).toContain('/reunions?du=');
		expect(await calls(page, 'save_report_texts')).toEqual([]);
	});

	it('shows the core’s refusal beside the field', async () => {
		const page = await open(browser, '/', `window.__mock = { failNext: { save_report_texts: ${JSON.stringify(texts.too_long)} } };`);
		await expect.poll(() => page.locator('#report-introduction').isDisabled()).toBe(false);
		await page.getByLabel('Introduction').fill('a'.repeat(20_001));
		expect(await page.locator('.count[data-section=introduction]').getAttribute('class')).toContain('over');
		await page.getByRole('button', { name: 'Enregistrer' }).click();
		await expect.poll(() => page.locator('#report-introduction-error').count()).toBe(1);
		expect(await page.locator('#report-introduction-error').innerText()).toBe(texts.too_long.message);
		expect(await page.getAttribute('#report-introduction', 'aria-invalid')).toBe('true');
		expect(await page.getByRole('status').count()).toBe(0);
	});
});
