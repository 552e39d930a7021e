// A past year's figures never move (the figures issue), through the real app: read last year's
// figures on the dashboard, remove a person who took part in last year's meetings (the app
// archives them: they have history), and read the same figures again.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, click, sql, startApp, until } from './harness.js';

let app;
before(async () => (app = await startApp({ demo: true })));
after(async () => app?.stop());

const CODES = ['meetings_held', 'presences', 'distinct_people', 'distinct_organisations', 'distinct_organisations_mobilised', 'participation_rate', 'mobilisation_rate'];

async function lastYearFigures(b, year) {
	await click(b, 'a=Tableau de bord');
	await until(b, 'le tableau de bord', async () => (await b.$('#dash-year').isExisting()));
	await b.$('#dash-year').selectByAttribute('value', String(year));
	await until(b, `le bilan ${year}`, async () => (await b.$('h1').getText()) === `Tableau de bord — ${year}`);
	await until(b, 'les chiffres', async () => (await b.$('a.figure[data-code=meetings_held] .value').isExisting()));
	const out = {};
	for (const code of CODES) out[code] = await b.$(`a.figure[data-code=${code}] .value`).getText();
	return out;
}

test("removing someone who took part last year leaves last year's figures as they were", async () => {
	const b = app.browser;
	const year = new Date().getFullYear() - 1;
	// Someone present at a held meeting of last year, with a last name to search.
	const [[id, last]] = sql(app.db, `SELECT p.id, p.last_name FROM person p JOIN attendance a ON a.person_id = p.id JOIN meeting g ON g.id = a.meeting_id
		WHERE a.status = 'present' AND a.deleted_at IS NULL AND g.status = 'tenue' AND g.date BETWEEN ? AND ? AND p.last_name IS NOT NULL
		ORDER BY p.sort_key LIMIT 1`, [`${year}-01-01`, `${year}-12-31`]);
	const before = await lastYearFigures(b, year);

	await click(b, 'a=Personnes');
	await until(b, 'la liste des personnes', async () => (await b.$('#person-search').isExisting()));
	await b.$('#person-search').setValue(last);
	await click(b, `a[href="/personnes/${id}"]`);
	await until(b, 'la fiche', async () => (await b.$('button=Supprimer…').isExisting()));
	await click(b, 'button=Supprimer…');
	await click(b, 'button=Supprimer ou archiver');
	await until(b, "l'archivage", async () => /archivée/.test(await b.$('[role=status]').getText().catch(() => '')));
	assert.match(await b.$('.banner.warn').getText(), /Personne archivée le/);
	const [[archived, deleted]] = sql(app.db, 'SELECT archived_at IS NOT NULL, deleted_at IS NULL FROM person WHERE id = ?', [id]);
	assert.deepEqual([archived, deleted], [1, 1], 'archived, not deleted');
	await b.saveScreenshot(join(ARTIFACTS, 'personne-archivee.png'));

	assert.deepEqual(await lastYearFigures(b, year), before);
});
