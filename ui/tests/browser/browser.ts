// Opens Debian's Chromium through playwright-core (no browser download) on the built UI, with the
// mock backend injected before the app's own scripts.
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import type { Fixtures } from './mock-backend';

/** What the real core answered (target/ui-fixtures/backend.json). */
export const fixtures: Fixtures = JSON.parse(inject('fixtures'));

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
	});
}

/** A fresh page on `path` (e.g. '/organisations'); `before` runs in the page before the app. */
export async function open(browser: Browser, path: string, before?: string): Promise<Page> {
	const page = await browser.newPage({ viewport: { width: 1280, height: 820 }, locale: 'fr-FR' });
	page.on('pageerror', (e) => console.error('page error:', e));
	if (before) await page.addInitScript({ content: before });
	await page.addInitScript({ content: `window.__fixtures = ${inject('fixtures')};` });
	await page.addInitScript({ content: inject('mockScript') });
	await page.goto(new URL(path, inject('baseUrl')).href);
	return page;
}

export const calls = (page: Page, cmd: string) =>
	page.evaluate((c) => window.__calls.filter((x) => x.cmd === c).map((x) => x.args), cmd);
