// Personal data through the real app: a person's data exported, then erased (after the app asks
// to end their seats), last year's figures unchanged, the name gone from the SQLite file's bytes,
// and the journal naming who did it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, click, sql, startApp, until, workbook } from './harness.js';

let app;
before(async () => (app = await startApp({ demo: true })));
after(async () => app?.stop());

async function figures(b, year) {
	await click(b, 'a=Tableau de bord');
	await until(b, 'le tableau de bord', async () => (await b.$('#dash-year').isExisting()));
	await b.$('#dash-year').selectByAttribute('value', String(year));
	await until(b, `le bilan ${year}`, async () => (await b.$('h1').getText()) === `Tableau de bord — ${year}`);
	await until(b, 'les chiffres', async () => (await b.$('a.figure[data-code=presences] .value').isExisting()));
	return b.$('section.figures, main').getText();
}

test('a name with markup is shown as text, never run', async () => {
	const b = app.browser;
	const markup = '<img src=x onerror="window.__xss=1">';
	const [[id]] = sql(app.db, "SELECT id FROM person WHERE last_name IS NOT NULL ORDER BY sort_key LIMIT 1");
	sql(app.db, 'UPDATE person SET first_name = ? WHERE id = ?', [markup, id]);
	await b.execute((pid) => location.assign(`/personnes/${pid}`), id);
	await until(b, 'la fiche', async () => (await b.$('h1').getText()).includes('<img'));
	assert.equal(await b.execute(() => window.__xss ?? null), null, 'the onerror handler never ran');
	assert.equal(await b.execute(() => document.querySelectorAll('main img[src="x"]').length), 0, 'no img element was made');
});

test("a person's data is exported, then erased: figures stay, the name leaves the file, the journal says who", async () => {
	const b = app.browser;
	const year = new Date().getFullYear() - 1;
	// Someone present last year who still sits in a body, with a name and an e-mail.
	const [[id, first, last, email]] = sql(app.db, `SELECT p.id, p.first_name, p.last_name, p.email FROM person p
		WHERE p.email IS NOT NULL AND p.last_name IS NOT NULL
		  AND EXISTS (SELECT 1 FROM attendance a JOIN meeting g ON g.id = a.meeting_id WHERE a.person_id = p.id AND a.status = 'present' AND g.date BETWEEN ? AND ?)
		  AND EXISTS (SELECT 1 FROM body_member m WHERE m.person_id = p.id AND m.deleted_at IS NULL AND m.end_date IS NULL)
		ORDER BY p.sort_key LIMIT 1`, [`${year}-01-01`, `${year}-12-31`]);
	const before = await figures(b, year);

	await b.execute((pid) => location.assign(`/personnes/${pid}`), id);
	await until(b, 'la fiche', async () => (await b.$('button=Effacer les données personnelles…').isExisting()));
	// Access request: the workbook, saved where the (test) dialog says.
	await click(b, 'button=Exporter ses données (.xlsx)…');
	await until(b, "l'export", async () => /exportées dans/.test(await b.$('[role=status]').getText().catch(() => '')));
	const file = join(app.exportDir, `Donnees_personnelles_${first.replace(/[^\p{L}\p{N}-]/gu, '_')}_${last.replace(/[^\p{L}\p{N}-]/gu, '_')}.xlsx`);
	assert.ok(existsSync(file), file);
	const wb = await workbook(file);
	assert.deepEqual(wb.names, ['Fiche', 'Postes', 'Instances', 'Invitations', 'Présences', 'Envois', 'Journal']);
	assert.ok(wb.rows('Présences').length > 1, 'their presences are in it');

	// Erase: refused while they sit in a body, then their seats end today.
	await click(b, 'button=Effacer les données personnelles…');
	await click(b, 'button=Effacer définitivement');
	await until(b, 'le refus', async () => /Mettez fin à ces rôles/.test(await b.$('dialog [role=alert]').getText().catch(() => '')));
	await b.saveScreenshot(join(ARTIFACTS, 'effacement-roles.png'));
	await click(b, "button=Terminer ces rôles aujourd’hui et effacer");
	await until(b, "l'effacement", async () => /Données personnelles effacées/.test(await b.$('[role=status]').getText().catch(() => '')));
	assert.equal(await b.$('h1').getText().then((t) => t.split('\n')[0].trim().startsWith('Personne effacée')), true);
	await b.saveScreenshot(join(ARTIFACTS, 'personne-effacee.png'));
	const [[erased, f, e]] = sql(app.db, 'SELECT erased_at IS NOT NULL, first_name, email FROM person WHERE id = ?', [id]);
	assert.deepEqual([erased, f, e], [1, null, null]);

	assert.equal(await figures(b, year), before, "last year's dashboard is the same");

	// The journal says it was erased, from the application, by this machine's user.
	await b.execute((pid) => location.assign(`/journal?personne=${pid}`), id);
	await until(b, 'le journal', async () => (await b.$('table').isExisting()));
	const journal = await b.$('table').getText();
	assert.match(journal, /Effacement RGPD/);
	assert.match(journal, /Application/);
	await b.saveScreenshot(join(ARTIFACTS, 'journal.png'));

	// Gone from the file's bytes (the app keeps it open: the WAL was checkpointed at the erasure).
	await app.stop({ keep: true });
	const bytes = Buffer.concat([readFileSync(app.db), existsSync(`${app.db}-wal`) ? readFileSync(`${app.db}-wal`) : Buffer.alloc(0)]);
	assert.equal(bytes.includes(Buffer.from(email)), false, `${email} is not in the file`);
	rmSync(app.dir, { recursive: true, force: true });
	app = null;
});
