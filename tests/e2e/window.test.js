// The window and « À propos », through the real app: the window's size is remembered from one
// launch to the next (window-state plugin); « À propos » shows the version and where the data and
// the technical log are, opens their folders, and the log holds the starts and refusals by kind,
// never a name; the check-in mode puts the window itself in full screen; dates are French on an
// English desktop.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { click, sql, startApp, until } from './harness.js';

test('the window is remembered; « À propos » leads to the data and the technical log', async () => {
	// An English desktop: the app still shows and takes dates in French.
	process.env.LANG = process.env.LC_ALL = 'en_US.UTF-8';
	let app = await startApp({ demo: true });
	const { db, exportDir, home } = app;
	try {
		let b = app.browser;
		await until(b, "l'application", async () => (await b.$('nav').isExisting()));
		// WebKitGTK formats date and time fields in the web view's language (set to French by the app).
		assert.deepEqual(await b.execute(() => [navigator.language, new Date(2026, 10, 23, 14, 30).toLocaleString()]), ['fr-FR', '23/11/2026 14:30:00']);
		await b.setWindowRect(null, null, 1000, 700);
		await until(b, 'la taille', async () => (await b.getWindowRect()).width === 1000);

		// « À propos »: version, database, log folder; the folders open in the file manager (the
		// test build records the request).
		await click(b, 'a=À propos');
		await until(b, 'la page', async () => (await b.$('[data-testid=about-version]').isExisting()));
		assert.match(await b.$('[data-testid=about-version]').getText(), /^0\.\d+\.\d+ \(schéma de données \d+\)$/);
		assert.match(await b.$('main').getText(), new RegExp(db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
		const logFolder = await b.$('[data-testid=about-log]').getText();
		assert.ok(logFolder.startsWith(join(home, 'data')), logFolder);
		await click(b, 'button=Ouvrir le dossier du journal technique');
		await click(b, 'button=Ouvrir le dossier des données');
		const opened = join(exportDir, 'ouvertures.log');
		await until(b, 'les ouvertures', async () => existsSync(opened) && readFileSync(opened, 'utf8').split('\n').length === 3);
		assert.equal(readFileSync(opened, 'utf8'), `ouvrir ${logFolder}\nouvrir ${join(db, '..')}\n`);

		// A refusal that names someone on screen (already present at the door) is logged by kind.
		const [[meetingId, personId, name]] = sql(db, `SELECT m.id, p.id, trim(p.first_name || ' ' || p.last_name) FROM meeting m
			JOIN invitation i ON i.meeting_id = m.id AND i.deleted_at IS NULL JOIN person p ON p.id = i.person_id
			WHERE m.title = 'Séance plénière de fin d''année' ORDER BY p.sort_key LIMIT 1`);
		const refusal = await b.executeAsync((m, p, done) => {
			const invoke = window.__TAURI_INTERNALS__.invoke;
			invoke('check_in', { meetingId: m, sessionId: null, personId: p })
				.then(() => invoke('check_in', { meetingId: m, sessionId: null, personId: p }))
				.then(() => done('accepté'), (e) => done(e.message));
		}, meetingId, personId);
		assert.match(refusal, new RegExp(`^${name} est déjà pointé`));
		// Closed as the user closes it (the window's state is saved then).
		await b.closeWindow().catch(() => {});
		await new Promise((ok) => setTimeout(ok, 1000));
		await app.stop({ keep: true });

		// Second launch on the same database: the same window size.
		app = await startApp({ db, exportDir, home });
		b = app.browser;
		await until(b, "l'application", async () => (await b.$('nav').isExisting()));
		const rect = await b.getWindowRect();
		assert.deepEqual([rect.width, rect.height], [1000, 700]);

		const logs = readdirSync(logFolder).filter((f) => f.startsWith('maillage'));
		assert.ok(logs.length >= 1, readdirSync(logFolder).join(', '));
		const log = logs.map((f) => readFileSync(join(logFolder, f), 'utf8')).join('');
		assert.equal(log.match(/Maillage \d+\.\d+\.\d+ démarré/g)?.length, 2, log);
		assert.match(log, /base ouverte : .*maillage\.sqlite \(schéma \d+\)/);
		assert.match(log, /demande refusée : Conflict \(champ person_id\)/);
		assert.ok(!log.includes(name.split(' ').at(-1)), 'no name in the technical log');

		// The check-in mode asks for the whole screen (and gives it back when left).
		await b.execute((id) => location.assign(`/reunions/${id}/accueil`), meetingId);
		await until(b, 'le mode accueil', async () => (await b.$('#checkin-search').isExisting()));
		const fullscreen = () => b.executeAsync((done) => window.__TAURI_INTERNALS__.invoke('plugin:window|is_fullscreen', { label: 'main' }).then(done, (e) => done(String(e))));
		await until(b, 'le plein écran', async () => (await fullscreen()) === true);
		await click(b, 'a=Quitter le mode accueil');
		await until(b, 'la sortie du plein écran', async () => (await fullscreen()) === false);
	} finally {
		await app.stop();
	}
});
