// A damaged database at start: Maillage refuses it, names the latest backup and restores it in one
// click, keeping the damaged file aside.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { ARTIFACTS, CLI, click, startApp, until } from './harness.js';

let app;
let dir;
after(async () => {
	await app?.stop();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a damaged database is replaced by its latest backup, and kept aside', async () => {
	app = await startApp({ demo: true });
	const { db, exportDir } = app;
	dir = app.dir;
	await until(app.browser, "l'application", async () => (await app.browser.$('nav').isExisting()));
	await app.stop({ keep: true });
	execFileSync(CLI, ['--db', db, 'backup']);
	// Garbage over every page after the header.
	const bytes = readFileSync(db);
	for (let i = 4096; i < bytes.length; i++) bytes[i] = (i * 7) % 251;
	writeFileSync(db, bytes);

	app = await startApp({ db, exportDir });
	const b = app.browser;
	await until(b, 'le refus', async () => (await b.$('button=Restaurer la dernière sauvegarde').isExisting()));
	assert.match(await b.$("main").getText(), /est endommagée/);
	await b.pause(400);
	await b.saveScreenshot(join(ARTIFACTS, 'base-endommagee.png'));
	await click(b, 'button=Restaurer la dernière sauvegarde');
	await until(b, "l'application rouverte", async () => (await b.$('nav').isExisting()));
	assert.ok(readdirSync(dirname(db)).some((f) => /-endommagee-.*\.sqlite$/.test(f)), 'the damaged file is kept aside');
	await app.stop();
	app = null;
});
