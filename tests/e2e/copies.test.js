// To the plenary and back, through the real app (docs/sync.md): the office prepares an encrypted
// copy for today's meeting; a second app, with its own data folder, opens the copy with its
// passphrase and checks two people in; the office merges the copy back and finds them present.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ARTIFACTS, click, sql, startApp, until } from './harness.js';

const PASS = 'plénière de décembre';
let office;
let officeDir;
after(async () => {
	await office?.stop();
	// The demo database holds (fictional) personal data: nothing is left behind in /tmp.
	if (officeDir) rmSync(officeDir, { recursive: true, force: true });
});

async function enterPassphrase(b, selector, value) {
	await b.$(selector).setValue(value);
}

test('prepare a copy, check in on the laptop, merge back at the office', async () => {
	office = await startApp({ demo: true });
	let b = office.browser;
	// A meeting today, two invited professionals with unique names.
	const [[bodyId]] = sql(office.db, "SELECT id FROM body WHERE kind = 'pleniere' AND deleted_at IS NULL LIMIT 1");
	const people = sql(office.db, `SELECT id, first_name, last_name FROM person WHERE category = 'professionnel' AND deleted_at IS NULL
		AND archived_at IS NULL GROUP BY first_name, last_name HAVING count(*) = 1 ORDER BY sort_key LIMIT 2`);
	const meetingId = '01a20000-0000-7000-8000-00000000e2e1';
	const now = new Date().toISOString();
	sql(office.db, `INSERT INTO meeting (id, body_id, title, date, status, created_at, updated_at)
		VALUES (?, ?, 'Plénière de la copie', date('now', 'localtime'), 'prevue', ?, ?)`, [meetingId, bodyId, now, now]);
	people.forEach(([id], i) =>
		sql(office.db, `INSERT INTO invitation (id, meeting_id, person_id, is_member, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)`,
			[`01a20000-0000-7000-8000-00000000e2f${i}`, meetingId, id, now, now]));

	await until(b, "l'application", async () => (await b.$('nav').isExisting()));
	await click(b, 'a=Copies pour les réunions');
	await until(b, 'la réunion du jour', async () => (await b.$('label*=Plénière de la copie').isExisting()));
	await enterPassphrase(b, '#copy-pass1', PASS);
	await enterPassphrase(b, '#copy-pass2', PASS);
	await click(b, 'button=Préparer la copie…');
	await until(b, 'la copie écrite', async () => (await b.$('.banner.ok').isExisting()));
	assert.match(await b.$('.banner.ok').getText(), /Copie écrite/);
	await office.stop({ keep: true });
	officeDir = office.dir;

	// The laptop: its own folder, the copy carried on a "USB stick".
	const laptopDir = join(officeDir, 'portable');
	mkdirSync(laptopDir);
	const [[copyName]] = sql(office.db, "SELECT 'Maillage-copie-' || date('now', 'localtime') || '.maillage'");
	const carried = join(laptopDir, copyName);
	copyFileSync(join(office.exportDir, copyName), carried);
	const laptop = await startApp({ db: carried, exportDir: laptopDir });
	b = laptop.browser;
	await until(b, 'la demande de phrase de passe', async () => (await b.$('#unlock-passphrase').isExisting()));
	await enterPassphrase(b, '#unlock-passphrase', 'pas la bonne');
	await click(b, 'button=Ouvrir');
	await until(b, 'le refus', async () => (await b.$('.banner.error').isExisting()));
	assert.match(await b.$('.banner.error').getText(), /phrase de passe/);
	await enterPassphrase(b, '#unlock-passphrase', PASS);
	await click(b, 'button=Ouvrir');
	await until(b, 'la bannière de copie', async () => (await b.$('.copy-banner').isExisting()));
	assert.match(await b.$('.copy-banner').getText(), /Plénière de la copie/);
	await b.execute((id) => location.assign(`/reunions/${id}/accueil`), meetingId);
	await until(b, 'le mode accueil', async () => (await b.$('#checkin-search').isExisting()));
	for (const [, first, last] of people) {
		await b.$('#checkin-search').click();
		await b.keys(`${last.slice(0, 3)} ${first.slice(0, 3)}`.split(''));
		await until(b, `la personne ${first} ${last}`, async () => {
			const line = await b.$('.hits li[aria-selected=true] .name');
			return (await line.isExisting()) && (await line.getText()) === `${first} ${last}`;
		});
		await b.keys(['Enter']);
		await until(b, `le pointage de ${first}`, async () => (await b.$('[role=status]').getText().catch(() => '')).startsWith(first));
	}
	await laptop.stop();

	// Back at the office: merge the copy that came back.
	const back = join(office.exportDir, 'retour');
	mkdirSync(back);
	copyFileSync(carried, join(back, copyName));
	rmSync(laptopDir, { recursive: true, force: true });
	office = await startApp({ db: office.db, exportDir: back });
	b = office.browser;
	await until(b, "l'application", async () => (await b.$('nav').isExisting()));
	await click(b, 'a=Copies pour les réunions');
	await click(b, 'button=Choisir la copie…');
	await until(b, 'la copie choisie', async () => (await b.$('#merge-pass').isExisting()));
	await enterPassphrase(b, '#merge-pass', PASS);
	await click(b, "button=Voir l'aperçu");
	await until(b, "l'aperçu", async () => (await b.$('.merge-report table').isExisting()));
	assert.match(await b.$('.merge-report').getText(), /Présences\s*2\s*0\s*0/);
	await b.saveScreenshot(join(ARTIFACTS, 'fusion-apercu.png'));
	await click(b, 'button=Fusionner');
	await until(b, 'la fusion', async () => /fusionnée/.test(await b.$('.merge-report').getText()));
	const present = sql(office.db, "SELECT count(*) FROM attendance WHERE meeting_id = ? AND status = 'present' AND deleted_at IS NULL", [meetingId]);
	assert.deepEqual(present, [[2]]);
	await b.execute((id) => location.assign(`/reunions/${id}`), meetingId);
	await until(b, 'les chiffres', async () => (await b.$('section[aria-label="Chiffres de la réunion"]').isExisting()));
	assert.match(await b.$('section[aria-label="Chiffres de la réunion"]').getText(), /Présents\s*2/);
	await b.saveScreenshot(join(ARTIFACTS, 'fusion-faite.png'));
	await office.stop();
	office = null;
	rmSync(officeDir, { recursive: true, force: true });
});
