// The yearly bilan through the real app: the dashboard on the demo database, the one-click export,
// and the workbook read back (read-excel-file) — its figures are the dashboard's.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, click, sql, startApp, until, workbook } from './harness.js';

let app;
before(async () => (app = await startApp({ demo: true })));
after(async () => app?.stop());

test('the dashboard and the exported workbook show the same figures', async () => {
	const b = app.browser;
	const year = new Date().getFullYear();
	await until(b, 'le tableau de bord', async () => (await b.$('a.figure[data-code=meetings_held] .value').isExisting()));
	assert.equal(await b.$('h1').getText(), `Tableau de bord — ${year}`);
	const onScreen = {};
	for (const code of ['meetings_held', 'presences', 'distinct_organisations', 'participation_rate']) {
		onScreen[code] = await b.$(`a.figure[data-code=${code}] .value`).getText();
	}
	assert.equal(await b.$$('figure canvas').length, 4);
	// The screen against the file itself, counted here in SQL from the written definitions (not by
	// the core's code): held meetings of the year, people present once per meeting, organisations.
	const [from, to] = [`${year}-01-01`, `${year}-12-31`];
	const held = "FROM attendance a JOIN meeting g ON g.id = a.meeting_id WHERE a.deleted_at IS NULL AND a.status = 'present' AND g.deleted_at IS NULL AND g.status = 'tenue' AND g.date BETWEEN ? AND ?";
	const [[meetings]] = sql(app.db, "SELECT count(*) FROM meeting WHERE deleted_at IS NULL AND status = 'tenue' AND date BETWEEN ? AND ?", [from, to]);
	const [[presences]] = sql(app.db, `SELECT count(*) FROM (SELECT DISTINCT a.meeting_id, coalesce(a.person_id, a.id) ${held})`, [from, to]);
	const [[orgs]] = sql(app.db, `SELECT count(DISTINCT a.organisation_id) ${held}`, [from, to]);
	const nb = (s) => s.replace(/\s/g, '');
	assert.equal(nb(onScreen.meetings_held), String(meetings));
	assert.equal(nb(onScreen.presences), String(presences));
	assert.equal(nb(onScreen.distinct_organisations), String(orgs));
	await b.pause(500);
	await b.saveScreenshot(join(ARTIFACTS, 'tableau-de-bord.png'));

	await click(b, 'button=Exporter le bilan…');
	await until(b, "l'export", async () => /Bilan enregistré/.test(await b.$('[role=status]').getText().catch(() => '')));
	const path = join(app.exportDir, `Bilan_CCAS_de_Brive-la-Gaillarde_${year}.xlsx`);
	assert.ok(existsSync(path), path);

	const wb = await workbook(path);
	assert.deepEqual(wb.names, ['Synthèse', 'Réunions', 'Instances', 'Partenaires', 'Profils', 'Groupes de travail', 'Actions', 'Indicateurs', 'Veille', 'Définitions']);
	const s = wb.rows('Synthèse');
	assert.deepEqual(s[0].slice(0, 4), ['Indicateur', String(year), String(year - 1), 'Évolution']);
	const rowOf = (label) => s.find((r) => r[0] === label);
	const fr = (n) => n.toLocaleString('fr-FR');
	assert.equal(fr(rowOf('Réunions tenues')[1]), onScreen.meetings_held);
	assert.equal(fr(rowOf('Présences (personnes-réunions)')[1]), onScreen.presences);
	assert.equal(fr(rowOf('Organismes distincts présents')[1]), onScreen.distinct_organisations);
	// A ratio (the cell's percentage format is checked by the core's tests, tests/bilan.rs).
	const rate = rowOf('Taux de participation')[1];
	assert.ok(typeof rate === 'number' && rate >= 0 && rate <= 1, String(rate));
	// WebDriver reads the non-breaking space before % as a plain one.
	assert.equal(`${(rate * 100).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} %`, onScreen.participation_rate.replace(/\s/g, ' '));
	const r = wb.rows('Réunions');
	assert.ok(r[1][0] instanceof Date, 'meeting dates are Excel dates');
	const notHeld = r.slice(1).filter((row) => row[15] !== 'Tenue').length;
	assert.equal(r.length - 1, Number(onScreen.meetings_held) + notHeld, 'one row per meeting of the year');
});

