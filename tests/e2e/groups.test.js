// Working groups through the real app: an action with its pilot, two difficulty reports and a
// solicitation, then the bilan exported and read back — they are in `Actions` and `Veille`.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { click, sql, startApp, until, workbook } from './harness.js';

let app;
before(async () => (app = await startApp({ demo: true })));
after(async () => app?.stop());

const status = async (b) => b.$('[role=status]').getText().catch(() => '');

test('an action with its pilot and a watch year end up in the bilan', async () => {
	const b = app.browser;
	const year = new Date().getFullYear();
	const caf = "Caisse d'allocations familiales de la Corrèze (Brive-la-Gaillarde)";
	const ccas = "Centre communal d'action sociale de Brive (Brive-la-Gaillarde)";
	await until(b, "l'application", async () => (await b.$('nav').isExisting()));

	await click(b, 'a=Actions');
	await click(b, 'a=+ Nouvelle action');
	await until(b, 'le formulaire', async () => (await b.$('#action-title').isExisting()));
	await b.$('#action-title').setValue('Permanences numériques partagées');
	await b.$('#action-group').selectByVisibleText('Groupe de travail Jeunesse');
	await b.$('#action-timescale').selectByAttribute('value', 'moyen');
	await click(b, "button=Créer l'action");
	await until(b, "l'action créée", async () => (await b.$('#partner-org').isExisting()));
	// "En cours" is refused without a pilot, in French.
	await b.$('#action-status').selectByAttribute('value', 'en_cours');
	await click(b, 'button=Enregistrer');
	await until(b, "l'erreur", async () => (await b.$('#action-status-error').isExisting()));
	assert.match(await b.$('#action-status-error').getText(), /sans pilote/);
	await b.$('#partner-org').selectByVisibleText(ccas);
	await b.$('#partner-role').selectByAttribute('value', 'pilote');
	await click(b, 'button=Ajouter');
	await until(b, 'le pilote', async () => /Pilote : Centre communal/.test(await b.$('section.card ul').getText()));
	await b.$('#partner-org').selectByVisibleText(caf);
	await b.$('#partner-role').selectByAttribute('value', 'copilote');
	await click(b, 'button=Ajouter');
	await until(b, 'le copilote', async () => /Copilote : Caisse/.test(await b.$('section.card ul').getText()));
	await b.$('#action-status').selectByAttribute('value', 'en_cours');
	await click(b, 'button=Enregistrer');
	await until(b, 'la sauvegarde', async () => /Modifications enregistrées/.test(await status(b)));

	await click(b, 'a=Veille');
	await until(b, 'la veille', async () => (await b.$('#report-date').isExisting()));
	const before = Number(sql(app.db, `SELECT count(*) FROM difficulty_report WHERE received_on LIKE '${year}-%'`)[0][0]);
	for (const [category, right] of [['Non-accès aux droits', 'rsa'], ['Délais anormalement longs', 'apl']]) {
		await click(b, `label=${category}`);
		await b.$('#report-right').selectByAttribute('value', right);
		await click(b, 'button=Enregistrer la fiche');
		await until(b, 'la fiche', async () => /Fiche enregistrée/.test(await status(b)) && Number(sql(app.db, `SELECT count(*) FROM difficulty_report WHERE received_on LIKE '${year}-%'`)[0][0]) > before + (category.startsWith('Non') ? 0 : 1));
	}
	const pendingBefore = Number(sql(app.db, `SELECT count(*) FROM solicitation s JOIN organisation o ON o.id = s.institution_id
		WHERE o.name = 'Caisse d''allocations familiales de la Corrèze' AND s.answered_on IS NULL AND s.sent_on LIKE '${year}-%'`)[0][0]);
	await b.$('#sol-institution').selectByVisibleText(caf);
	await b.$('#sol-subject').setValue('Délais de traitement des APL');
	await click(b, 'button=Enregistrer la sollicitation');
	await until(b, 'la sollicitation', async () => /Sollicitation enregistrée/.test(await status(b)));
	const figures = await b.$('section[aria-label="Chiffres de la veille"]').getText();
	assert.match(figures, new RegExp(`${before + 2} fiche\\(s\\) reçue\\(s\\)`));

	await click(b, 'a=Tableau de bord');
	// The export button waits for the figures; so does the test.
	await until(b, 'les chiffres du tableau de bord', async () => (await b.$('a.figure[data-code=meetings_held] .value').isExisting()) && (await b.$('button=Exporter le bilan…').isEnabled()));
	await click(b, 'button=Exporter le bilan…');
	await until(b, "l'export", async () => /Bilan enregistré/.test(await status(b)));
	const wb = await workbook(join(app.exportDir, `Bilan_CCAS_de_Brive-la-Gaillarde_${year}.xlsx`));
	const actions = wb.rows('Actions');
	assert.deepEqual(actions[0].slice(0, 11), ['Action', 'Groupe', 'Pilote', 'Copilotes', 'Partenaires impliqués', 'Échéance', 'Statut', 'Début', 'Fin', 'Bénévoles', 'Bénéficiaires']);
	const row = actions.find((r) => r[0] === 'Permanences numériques partagées');
	assert.ok(row, 'the action is in the Actions sheet');
	assert.deepEqual(Array.from(row.slice(1, 7), (v) => v ?? ''), ['Groupe de travail Jeunesse', "Centre communal d'action sociale de Brive", 'Caisse d’allocations familiales de la Corrèze'.replace('’', "'"), '', 'Moyen terme', 'En cours']);
	const veille = wb.rows('Veille');
	const line = (label) => veille.find((r) => r[0] === label);
	assert.equal(line('Fiches de remontées reçues')[1], before + 2);
	const inst = line("Caisse d'allocations familiales de la Corrèze");
	assert.ok(inst, 'the CAF has its line among the institutions');
	assert.equal(inst[3], pendingBefore + 1, 'the new solicitation is pending');
	assert.match(String(inst[4]), /Délais de traitement des APL/);
});
