// The partner directory through the real app: create an organisation and a person, give the
// person a post, and find all three in the SQLite file.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, click, sql, startApp, until } from './harness.js';

let app;
before(async () => (app = await startApp({ demo: true })));
after(async () => app?.stop());

test('the app opens in French on the demo directory', async () => {
	const b = app.browser;
	await until(b, "l'application", async () => (await b.$('nav').isExisting()));
	await click(b, 'a=Organismes');
	await until(b, 'la liste des organismes', async () => (await b.$$('tbody tr').length) > 100);
	assert.match(await b.$('h1').getText(), /Organismes/);
	assert.match(await b.$('p[aria-live]').getText(), /^120 organismes$/);
	assert.equal(await b.$('html').getAttribute('lang'), 'fr');
});

test('an organisation and a person created through the UI land in the SQLite file', async () => {
	const b = app.browser;
	await click(b, 'a=+ Nouvel organisme');
	await until(b, 'le formulaire', async () => (await b.$('#org-name').isExisting()));
	await b.$('#org-name').setValue('Maison des aidants du Bassin');
	await b.$('#org-sector').selectByAttribute('value', 'associatif');
	await b.$('#org-category').selectByAttribute('value', 'sante');
	await b.$('#org-commune').setValue('Brive-la-Gaillarde');
	await b.$('#org-email').setValue('Contact@Aidants-Bassin.fr');
	await click(b, 'button=Créer l\'organisme');
	await until(b, 'la confirmation', async () => (await b.$('[role=status]').isExisting()) && /a été créé/.test(await b.$('[role=status]').getText()));

	// Refused in French: the same name in the same commune.
	await click(b, 'a=Organismes');
	await click(b, 'a=+ Nouvel organisme');
	await until(b, 'le formulaire vide', async () => (await b.$('#org-name').getValue()) === '');
	await b.$('#org-name').setValue('maison des aidants du bassin');
	await b.$('#org-sector').selectByAttribute('value', 'associatif');
	await b.$('#org-category').selectByAttribute('value', 'sante');
	await b.$('#org-commune').setValue('BRIVE-LA-GAILLARDE');
	await click(b, 'button=Créer l\'organisme');
	await until(b, "l'erreur de doublon", async () => (await b.$('#org-name-error').isExisting()));
	assert.match(await b.$('#org-name-error').getText(), /existe déjà à Brive-la-Gaillarde/);

	await click(b, 'a=Personnes');
	await click(b, 'a=+ Nouvelle personne');
	await until(b, 'le formulaire personne', async () => (await b.$('#person-first').isExisting()));
	await b.$('#person-first').setValue('Noémie');
	await b.$('#person-last').setValue('Chastang');
	await b.$('#person-category').selectByAttribute('value', 'professionnel');
	await b.$('#person-email').setValue('noemie.chastang@aidants-bassin.fr');
	await click(b, 'button=Créer la personne');
	await until(b, 'la fiche personne', async () => (await b.$('#post-org').isExisting()));
	await b.$('#post-org').selectByVisibleText('Maison des aidants du Bassin (Brive-la-Gaillarde)');
	await b.$('#post-function').setValue('Coordinatrice');
	await click(b, 'button=Ajouter le poste');
	await until(b, 'le poste', async () => /Poste ajouté/.test(await b.$('[role=status]').getText().catch(() => '')));

	const [org] = sql(app.db, "SELECT id, sector, category, email, commune FROM organisation WHERE name = 'Maison des aidants du Bassin' AND deleted_at IS NULL");
	assert.deepEqual(org.slice(1), ['associatif', 'sante', 'contact@aidants-bassin.fr', 'Brive-la-Gaillarde']);
	const [person] = sql(app.db, "SELECT id, category, email FROM person WHERE last_name = 'Chastang' AND first_name = 'Noémie'");
	assert.deepEqual(person.slice(1), ['professionnel', 'noemie.chastang@aidants-bassin.fr']);
	const posts = sql(app.db, 'SELECT function, end_date FROM affiliation WHERE person_id = ? AND organisation_id = ?', [person[0], org[0]]);
	assert.deepEqual(posts, [['Coordinatrice', null]]);
	assert.equal(sql(app.db, "SELECT count(*) FROM organisation WHERE name_key = 'maison des aidants du bassin'")[0][0], 1);
});

test('the directory is searchable without accents, and kept as a screenshot', async () => {
	const b = app.browser;
	await click(b, 'a=Organismes');
	await until(b, 'la liste', async () => (await b.$('#org-search').isExisting()));
	// No accents typed, capitals mixed: the four local offices of the Conseil départemental.
	await b.$('#org-search').setValue('MAISON departementale');
	await until(b, 'le filtre', async () => (await b.$('p[aria-live]').getText()) === '4 organismes');
	const names = await b.$$('tbody tr td:first-child').map((td) => td.getText());
	assert.equal(names.length, 4);
	for (const n of names) assert.match(n, /^Maison départementale de la solidarité — /);
	// Cleared as a user does it (WebDriver's clear fires `change`, not the `input` a user makes).
	await b.$('#org-search').click();
	await b.keys(['Control', 'a']);
	await b.keys(['Backspace']);
	await until(b, 'la liste complète', async () => /^121 organismes$/.test(await b.$('p[aria-live]').getText()));
	await b.pause(300); // let WebKit paint the final frame before the screenshot
	await b.saveScreenshot(join(ARTIFACTS, 'annuaire.png'));

	await click(b, 'a=Répertoire');
	await until(b, 'le répertoire', async () => (await b.$$('section h2').length) > 5);
	await b.pause(300);
	await b.saveScreenshot(join(ARTIFACTS, 'repertoire.png'));
});
