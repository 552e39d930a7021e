// The yearly bilan through the real app: the dashboard on the demo database, the one-click export,
// and the workbook read back with ExcelJS — its figures are the dashboard's.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { ARTIFACTS, click, sql, startApp, until } from './harness.js';

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

	const wb = new ExcelJS.Workbook();
	await wb.xlsx.readFile(path);
	assert.deepEqual(wb.worksheets.map((w) => w.name), ['Synthèse', 'Réunions', 'Instances', 'Partenaires', 'Profils', 'Groupes de travail', 'Actions', 'Indicateurs', 'Veille', 'Définitions']);
	const s = wb.getWorksheet('Synthèse');
	assert.deepEqual(s.getRow(1).values.slice(1, 5), ['Indicateur', String(year), String(year - 1), 'Évolution']);
	const rowOf = (label) => { let found; s.eachRow((r) => { if (r.getCell(1).value === label) found = r; }); return found; };
	const fr = (n) => n.toLocaleString('fr-FR');
	assert.equal(fr(rowOf('Réunions tenues').getCell(2).value), onScreen.meetings_held);
	assert.equal(fr(rowOf('Présences (personnes-réunions)').getCell(2).value), onScreen.presences);
	assert.equal(fr(rowOf('Organismes distincts présents').getCell(2).value), onScreen.distinct_organisations);
	const rate = rowOf('Taux de participation').getCell(2);
	assert.equal(rate.numFmt, '0.0%');
	// WebDriver reads the non-breaking space before % as a plain one.
	assert.equal(`${(rate.value * 100).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} %`, onScreen.participation_rate.replace(/\s/g, ' '));
	const r = wb.getWorksheet('Réunions');
	assert.ok(r.getCell('A2').value instanceof Date, 'meeting dates are Excel dates');
	assert.equal(r.getCell('A2').numFmt, 'dd/mm/yyyy');
	assert.equal(r.rowCount - 1, Number(onScreen.meetings_held) + (await cancelledOrPlanned(path, year)), 'one row per meeting of the year');
});

/** Meetings of the year that were not held (cancelled or still planned), from the workbook itself. */
async function cancelledOrPlanned(path) {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.readFile(path);
	let n = 0;
	wb.getWorksheet('Réunions').eachRow((row, i) => { if (i > 1 && row.getCell(16).value !== 'Tenue') n += 1; });
	return n;
}
