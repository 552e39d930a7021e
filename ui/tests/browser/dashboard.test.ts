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
