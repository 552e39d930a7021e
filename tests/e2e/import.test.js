// A new user's first hour, in the real app: the directory is empty, so it offers an import; last
// year's messy contact list (tests/common/messy.rs, written by `scripts/test.sh`) comes in with
// its report — rejected rows named by line and column, a duplicate resolved — and the people
// list goes out to Excel and reads back.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, ROOT, click, sql, startApp, until, workbook } from './harness.js';

const FIXTURE = join(ROOT, 'target/e2e/fixtures/contacts.xlsx');

let app;
before(async () => (app = await startApp({ demo: false })));
after(async () => app?.stop());

const text = async (b, sel) => b.$(sel).getText().catch(() => '');

test('the messy contact list comes in through the app, and the people list goes out to Excel', async () => {
	assert.ok(existsSync(FIXTURE), `${FIXTURE} (scripts/test.sh writes it)`);
	const b = app.browser;
	// An empty directory offers the import instead of « aucun résultat ».
	await click(b, 'a=Personnes');
	await until(b, "l'annuaire vide", async () => /L'annuaire est vide/.test(await text(b, 'table')));
	await click(b, 'td a[href="/importer?type=people"]');
	await until(b, "l'écran d'import", async () => (await text(b, 'h1')) === 'Importer un fichier');
	assert.equal(await b.$('input[name=kind][value=people]').isSelected(), true, 'the list says what it imports');

	// The test build's « dialog » takes the newest a-importer.* file of the test folder.
	copyFileSync(FIXTURE, join(app.exportDir, 'a-importer.xlsx'));
	await click(b, 'button=Choisir le fichier…');
	await until(b, 'les colonnes', async () => (await b.$('#imp-line').isExisting()));
	assert.equal(await b.$('#imp-line').getValue(), '3', 'the headers are found under the title');
	assert.equal(await b.$('select[aria-label="Champ de la colonne F"]').getValue(), 'email');
	await b.saveScreenshot(join(ARTIFACTS, 'import-colonnes.png'));

	await click(b, "button=Voir l'aperçu");
	await until(b, "l'aperçu", async () => /lignes lues/.test(await text(b, '[data-testid=import-preview]')));
	assert.equal(await text(b, '[data-testid=import-preview]'), '9 lignes lues : 5 à créer, 0 à mettre à jour, 1 à ignorer, 3 rejetées.');
	const rejected = await text(b, 'h3=Lignes rejetées (3)');
	assert.ok(rejected, 'the rejected rows are listed');
	const report = await b.$$('table')[2].getText();
	assert.match(report, /8\s*Mél\.\s*L'adresse e-mail « claire\.bernard@ccas-brive » n'est pas valide/);
	assert.match(report, /13\s*Date d'entrée\s*la date « mars 2024 » n'est pas reconnue/);
	// The duplicate (line 7, Jean Dupré again in capitals): merged into line 5's record.
	await b.$('select[aria-label="Décision pour la ligne 7"]').selectByAttribute('value', 'merge');
	await click(b, "button=Actualiser l'aperçu");
	await until(b, "l'aperçu actualisé", async () => /fusionner|Fusionner/.test(await b.$$('table')[1].getText()));
	assert.equal(await b.$('select[aria-label="Décision pour la ligne 7"]').getValue(), 'merge');
	await b.saveScreenshot(join(ARTIFACTS, 'import-apercu.png'));
	assert.deepEqual(sql(app.db, 'SELECT count(*) FROM person'), [[0]], 'nothing is written before « Importer »');

	await click(b, 'button=Importer');
	await click(b, 'dialog[open] button');
	await until(b, "l'import", async () => /fiches créées/.test(await text(b, '[data-testid=import-done]')), 30_000);
	assert.match(await text(b, '[data-testid=import-done]'), /^5 fiches créées, 0 mise à jour, 1 ignorée, 3 rejetées\./);
	assert.deepEqual(
		sql(app.db, "SELECT first_name, last_name, email, phone FROM person WHERE last_name IN ('Dupré', 'DUPRE') ORDER BY email"),
		[['Élodie', 'DUPRE', 'elodie@sp19.fr', null], ['Jean', 'Dupré', 'jean.dupre@restos.fr', '0555998877']]
	);
	await click(b, 'button=Enregistrer le compte rendu (Excel)…');
	await until(b, 'le compte rendu', async () => /Compte rendu enregistré/.test(await text(b, 'p.banner.ok')));
	const saved = await text(b, 'p.banner.ok code');
	const rep = await workbook(saved);
	assert.deepEqual(rep.names, ['Résumé', 'Lignes rejetées', 'Doublons']);
	assert.deepEqual(rep.rows('Lignes rejetées')[1].slice(0, 3), ['Contacts 2025', 8, 'Mél.']);

	// The records, then the list out to Excel.
	await click(b, 'a=Voir la liste');
	await until(b, 'les personnes', async () => /Dupré/.test(await text(b, 'table')));
	await b.saveScreenshot(join(ARTIFACTS, 'import-personnes.png'));
	await click(b, 'button=Exporter (Excel)');
	await until(b, "l'export", async () => /Liste enregistrée/.test(await text(b, 'p.banner.ok')));
	const file = await text(b, 'p.banner.ok code');
	// « Ouvrir » and « Afficher dans le dossier » (the test build records the request instead of
	// starting another program); a path Maillage did not write is refused, whoever asks.
	await click(b, 'button=Ouvrir');
	await click(b, 'button=Afficher dans le dossier');
	const log = join(app.exportDir, 'ouvertures.log');
	await until(b, 'les ouvertures', async () => existsSync(log) && readFileSync(log, 'utf8').split('\n').length === 3);
	assert.equal(readFileSync(log, 'utf8'), `ouvrir ${file}\ndossier ${file}\n`);
	const refused = await b.executeAsync((done) => window.__TAURI_INTERNALS__.invoke('open_produced', { path: '/etc/passwd' }).then(() => done('ouvert'), (e) => done(e.message)));
	assert.equal(refused, "« /etc/passwd » n'a pas été enregistré par Maillage depuis son ouverture : ouvrez-le depuis l'explorateur de fichiers.");
	const ws = (await workbook(file)).rows('Personnes');
	assert.deepEqual(ws[0], ['Civilité', 'Nom', 'Prénom', 'Catégorie', 'Courriel', 'Téléphone', 'Structure', 'Fonction']);
	assert.equal(ws.length, 6, 'five people under the header');
	const jean = ws.slice(1).find((r) => r[2] === 'Jean');
	assert.deepEqual(jean, ['Monsieur', 'Dupré', 'Jean', 'Professionnel', 'jean.dupre@restos.fr', '0555998877', 'Restos du cœur', 'Bénévole responsable']);
});
