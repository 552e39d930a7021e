// Badges, address labels and window-envelope letters, printed by the browser engine to PDF and
// read back (poppler's pdfinfo and pdftotext): the page count of each format and the words on the
// pages. The PDFs are kept in target/ui-screenshots/ for a look.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, fixtures, launch, open } from './browser';

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

const OUT = '../target/ui-screenshots';
mkdirSync(OUT, { recursive: true });
const { body_id: bodyId } = fixtures.checkin.printing;
const meetingId = fixtures.checkin.meeting_id;

/** Prints the page as the print dialog would (A4, the page's own @page rules) and reads it back. */
async function printed(page: Page, name: string): Promise<{ pages: number; text: string }> {
	const path = `${OUT}/${name}.pdf`;
	await page.pdf({ path, preferCSSPageSize: true, printBackground: true });
	const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
	const size = info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
	// A4 is 595.28 × 841.89 points.
	expect([Math.round(Number(size?.[1])), Math.round(Number(size?.[2]))]).toEqual([595, 842]);
	return { pages: Number(info.match(/Pages:\s+(\d+)/)?.[1]), text: execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }) };
}

describe('printed sheets', () => {
	it('prints a body’s badges 8 or 10 to a sheet, and its address labels 3 × 8', async () => {
		const page = await open(browser, `/impression?instance=${bodyId}`);
		await expect.poll(() => page.locator('.badge').count()).toBe(30);
		expect(await page.locator('nav').count()).toBe(0);

		const eight = await printed(page, 'badges-8');
		expect(eight.pages).toBe(4); // 30 badges, 8 per sheet
		expect(eight.text).toContain('Prénom00 Membre00');
		expect(eight.text).toContain('Prénom29 Membre29');
		expect(eight.text).toContain('Pilote');
		expect(eight.text).toContain('Centre social n° 2');
		expect(eight.text).not.toContain('Imprimer'); // the toolbar stays on screen

		await page.selectOption('#sheet-per', '10');
		const ten = await printed(page, 'badges-10');
		expect(ten.pages).toBe(3);

		await page.selectOption('#sheet-kind', 'etiquettes');
		await expect.poll(() => page.locator('.label').count()).toBe(27);
		expect(await page.getByText('Sans adresse postale connue').innerText()).toContain('Prénom00 Membre00, Prénom01 Membre01, Prénom02 Membre02');
		const labels = await printed(page, 'etiquettes');
		expect(labels.pages).toBe(2); // 27 labels, 24 per sheet
		expect(labels.text).toContain('11 avenue de la République');
		expect(labels.text).toContain('19200 TULLE');
		// A label is 70 × 37.125 mm: three across the sheet, eight down.
		const box = await page.locator('.label').first().boundingBox();
		expect([Math.round((box!.width * 25.4) / 96), Math.round((box!.height * 25.4) / 96)]).toEqual([70, 37]);
	});

	it('places the address in the envelope window and logs letters only once said printed', async () => {
		const page = await open(browser, `/reunions/${meetingId}/lettre`, 'window.print = () => {};');
		await page.getByLabel('Seulement les personnes sans adresse e-mail').uncheck();
		await expect.poll(() => page.locator('article.letter').count()).toBe(3);
		// 100 mm from the left, 50 mm from the top of the page, 90 × 40 mm.
		const letter = (await page.locator('article.letter').first().boundingBox())!;
		const window = (await page.getByTestId('window').first().boundingBox())!;
		const mm = (px: number) => Math.round((px * 25.4) / 96);
		expect([mm(window.x - letter.x), mm(window.y - letter.y), mm(window.width), mm(window.height)]).toEqual([100, 50, 90, 40]);
		expect(await page.getByTestId('window').first().innerText()).toBe('Paul Dupont\nCAF\n1 place du Marché\n19100 BRIVE-LA-GAILLARDE');

		// An invitation carries the person's check-in code, 30 mm wide at the bottom right.
		expect(await page.getByTestId('checkin-code').count()).toBe(3);
		const qr = (await page.locator('[data-testid=checkin-code] svg').first().boundingBox())!;
		expect([mm(qr.width), mm(letter.x + letter.width - (qr.x + qr.width))]).toEqual([30, 20]);
		const pdf = await printed(page, 'lettres');
		expect(pdf.pages).toBe(3);
		expect(pdf.text).toContain("Code d'accueil");
		expect(pdf.text).toContain("7 place de l'Hôtel de ville");

		// The print dialog closed: nothing is logged until the user says the letters came out.
		await page.getByRole('button', { name: /Imprimer 3 lettre/ }).click();
		await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
		expect(await page.getByRole('dialog').getByRole('heading').innerText()).toBe('Les 3 lettre(s) sont-elles imprimées ?');
		await page.getByRole('dialog').getByRole('button', { name: 'Annuler' }).click();
		expect(await calls(page, 'log_letter')).toEqual([]);
		await page.getByRole('button', { name: /Imprimer 3 lettre/ }).click();
		await page.getByRole('dialog').getByRole('button', { name: 'Oui, les noter comme envoyées' }).click();
		await expect.poll(() => calls(page, 'log_letter')).toEqual([{ meetingId, purpose: 'invitation', recipients: 3 }]);
	});
});
