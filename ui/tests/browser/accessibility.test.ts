// Every main screen passes axe-core's WCAG 2.1 A and AA rules in Chromium (labels, names, roles,
// contrast, ARIA), with a form showing a field error; and the destructive confirmation dialog too.
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, launch, open } from './browser';

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

type Violation = { id: string; help: string; nodes: { target: string[] }[] };

/** axe's WCAG 2.x A/AA violations on the page as it stands, one line each. */
async function violations(page: Page): Promise<string[]> {
	await page.addScriptTag({ path: axeSource });
	const found: Violation[] = await page.evaluate(async () => {
		// @ts-expect-error axe is the script just added
		const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
		return r.violations.map((v: Violation) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
	});
	return found.map((v) => `${v.id} (${v.help}) : ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const caf = Object.values(fixtures.directory.organisation).find((o) => o.acronym === 'CAF')!;
const anne = Object.values(fixtures.directory.person)[0];
const meetingId = fixtures.checkin.meeting_id;

const screens: [string, string, string][] = [
	['the dashboard', '/', 'h1'],
	['the organisations', '/organisations', 'tbody tr'],
	['an organisation', `/organisations/${caf.id}`, '#org-name'],
	['a person', `/personnes/${anne.id}`, 'h1'],
	['the partner directory', '/repertoire', 'section h2'],
	['a meeting', `/reunions/${meetingId}`, '#mail-purpose'],
	['the check-in mode', `/reunions/${meetingId}/accueil`, '[data-testid=people-present]'],
	['the badges', `/impression?instance=${fixtures.checkin.printing.body_id}`, '.badge'],
	['the letters', `/reunions/${meetingId}/lettre`, 'article.letter']
];

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
	for (const [what, path, ready] of screens) {
		it(what, async () => {
			const page = await open(browser, path);
			await expect.poll(() => page.locator(ready).count()).toBeGreaterThan(0);
			expect(await violations(page)).toEqual([]);
		});
	}

	it('a form with a field error, and the confirmation dialog', async () => {
		const failure = { kind: 'invalid', field: 'email', message: "L'adresse e-mail « accueil@ccas » n'est pas valide : elle doit avoir la forme nom@domaine.fr, sans espace." };
		const page = await open(browser, `/organisations/${caf.id}`, `window.__mock = { failNext: { update_organisation: ${JSON.stringify(failure)} } };`);
		await expect.poll(() => page.inputValue('#org-name')).not.toBe('');
		await page.fill('#org-email', 'accueil@ccas');
		await page.getByRole('button', { name: 'Enregistrer' }).click();
		await expect.poll(() => page.locator('#org-email-error').count()).toBe(1);
		// The field says it is invalid and is described by its message.
		expect(await page.getAttribute('#org-email', 'aria-invalid')).toBe('true');
		expect(await page.getAttribute('#org-email', 'aria-describedby')).toBe('org-email-error');
		expect(await violations(page)).toEqual([]);
		await page.getByRole('button', { name: 'Supprimer…' }).click();
		await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
		expect(await violations(page)).toEqual([]);
	});
});
