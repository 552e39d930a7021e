// « Sauvegardes », through the real app: the day's backup was made at start; a backup by hand, a
// change, then a restore brings the data back (and keeps the state before).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, click, sql, startApp, until } from './harness.js';

let app;
before(async () => (app = await startApp({ demo: true })));
after(async () => app?.stop());

const rows = async (b) => (await b.$$('main table tbody tr')).length;

test('a backup made by hand is restored, and the state before is kept', async () => {
	const b = app.browser;
	await click(b, 'a=Sauvegardes');
	await until(b, 'la sauvegarde du jour', async () => (await rows(b)) === 1);
	assert.match(await b.$('main table tbody tr').getText(), /Quotidienne/);

	await click(b, 'button=Sauvegarder maintenant');
	await until(b, 'la sauvegarde manuelle', async () => (await rows(b)) === 2);
	const [[name]] = sql(app.db, "SELECT value FROM setting WHERE key = 'agency_name'");
	sql(app.db, "UPDATE setting SET value = 'Nom changé par erreur' WHERE key = 'agency_name'");
	assert.deepEqual(sql(app.db, "SELECT value FROM setting WHERE key = 'agency_name'"), [['Nom changé par erreur']]);

	// The newest (manual) backup is first.
	await b.$('main table tbody tr:first-child').$('button=Restaurer…').click();
	await click(b, 'button=Oui, restaurer');
	await until(b, 'la restauration', async () => (await b.$('.banner.ok').isExisting()));
	assert.match(await b.$('.banner.ok').getText(), /est restaurée/);
	assert.deepEqual(sql(app.db, "SELECT value FROM setting WHERE key = 'agency_name'"), [[name]]);
	await until(b, 'la sauvegarde avant restauration', async () => (await rows(b)) === 3);
	await b.saveScreenshot(join(ARTIFACTS, 'sauvegardes.png'));
});
