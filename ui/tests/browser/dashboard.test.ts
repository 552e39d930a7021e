import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, launch, open } from './browser';

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

describe('the dashboard', () => {
	it('shows the key figures against the previous year, with charts and links to the lists', async () => {
		const page = await open(browser, '/', `window.__mock = { exportDir: '/tmp/exports' };`);
		const year = new Date().getFullYear();
		await expect.poll(() => page.locator('h1').innerText()).toBe(`Tableau de bord — ${year}`);
		const held = page.locator('a.figure[data-code=meetings_held]');
		expect(await held.locator('.value').innerText()).toBe('12');
		expect(await held.locator('.previous').innerText()).toBe(`${year - 1} : 10 +20 %`);
		const rate = page.locator('a.figure[data-code=participation_rate]');
		expect(await rate.locator('.value').innerText()).toBe('60 %');
		expect(await rate.locator('.ratio').innerText()).toBe('120 / 200');
		expect(await rate.locator('.previous').innerText()).toContain('+5 pt');
		expect(await held.getAttribute('href')).toBe(`/reunions?du=${year}-01-01&au=${year}-12-31&statut=tenue`);
		expect(await page.locator('a.figure[data-code=members]').getAttribute('href')).toBe('/organisations?adhesion=membre');
		expect(await page.locator('figure canvas').count()).toBe(4);
		expect(await page.getByRole('link', { name: 'Membres du secteur public' }).getAttribute('href')).toBe('/organisations?adhesion=membre&secteur=public');

		// Another year reloads the figures.
		await page.selectOption('#dash-year', String(year - 1));
		await expect.poll(() => page.locator('h1').innerText()).toBe(`Tableau de bord — ${year - 1}`);
		expect((await calls(page, 'bilan')).at(-1)).toEqual({ from: `${year - 1}-01-01`, to: `${year - 1}-12-31` });

		// One click exports; names only after a warning about personal data.
		await page.getByRole('button', { name: 'Exporter le bilan…' }).click();
		await expect.poll(() => page.getByRole('status').innerText()).toContain(`/tmp/exports/Bilan_CCAS_${year - 1}.xlsx`);
		expect((await calls(page, 'export_bilan')).at(-1)).toEqual({ from: `${year - 1}-01-01`, to: `${year - 1}-12-31`, withNames: false, path: `/tmp/exports/Bilan_CCAS_${year - 1}.xlsx` });
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
		const year = new Date().getFullYear();
		expect((await calls(page, 'list_meetings')).at(-1).filter).toMatchObject({ from: `${year}-01-01`, to: `${year}-12-31`, status: 'tenue' });
	});
});
