// Mailings through the real app. By reply status: on a held meeting of the demo, « Remerciements »
// preselects « Les présents » (the core's rule); the draft written to the folder goes, in Bcc, to
// exactly the people marked present in the SQLite file, and the log shows to whom it went.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

// Each mailing writes its drafts into a new folder of its own inside the chosen one.
const drafts = (dir) => readdirSync(dir, { recursive: true }).map(String);
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { click, sql, startApp, until } from './harness.js';

let app;
before(async () => (app = await startApp({ demo: true })));
after(async () => app?.stop());

test('thanks go to those present, a reminder to those who have not replied', async () => {
	const b = app.browser;
	// A held meeting without sessions where some came and some did not.
	const [[meetingId]] = sql(app.db, `SELECT m.id FROM meeting m WHERE m.status = 'tenue' AND m.deleted_at IS NULL
		AND NOT EXISTS (SELECT 1 FROM meeting_session s WHERE s.meeting_id = m.id AND s.deleted_at IS NULL)
		AND (SELECT count(*) FROM attendance a JOIN person p ON p.id = a.person_id WHERE a.meeting_id = m.id AND a.status = 'present'
		     AND a.deleted_at IS NULL AND p.email IS NOT NULL) >= 3
		AND (SELECT count(*) FROM invitation i WHERE i.meeting_id = m.id AND i.deleted_at IS NULL AND i.person_id IS NOT NULL
		     AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = m.id AND a.person_id = i.person_id AND a.status = 'present' AND a.deleted_at IS NULL)) >= 2
		ORDER BY m.date DESC LIMIT 1`);
	const present = sql(app.db, `SELECT DISTINCT p.email FROM invitation i JOIN person p ON p.id = i.person_id
		JOIN attendance a ON a.meeting_id = i.meeting_id AND a.person_id = i.person_id AND a.status = 'present' AND a.deleted_at IS NULL
		WHERE i.meeting_id = ? AND i.deleted_at IS NULL AND p.email IS NOT NULL AND p.contact_consent IS NOT 'retire' ORDER BY p.email`, [meetingId]).map(([e]) => e);

	await until(b, "l'application", async () => (await b.$('nav').isExisting()));
	await b.execute((id) => location.assign(`/reunions/${id}`), meetingId);
	await until(b, "l'envoi par messagerie", async () => (await b.$('#mail-purpose').isExisting()));
	assert.equal(await b.$('#mail-audience').getValue(), 'tous', 'an invitation goes to everyone');
	await b.$('#mail-purpose').selectByAttribute('value', 'remerciement');
	await until(b, 'les destinataires habituels', async () => (await b.$('#mail-audience').getValue()) === 'presents');
	assert.equal(await b.$('#mail-calendar').isExisting(), false, 'no calendar file with thanks');
	await click(b, 'button=Préparer les fichiers…');
	await until(b, 'les fichiers', async () => /fichier\(s\) pour \d+ destinataire\(s\)/.test(await b.$('[role=status]').getText().catch(() => '')));

	const eml = drafts(app.exportDir).find((f) => f.split('/').pop().startsWith('Remerciements') && f.endsWith('.eml'));
	assert.ok(eml, drafts(app.exportDir).join(', '));
	const raw = readFileSync(join(app.exportDir, eml), 'utf8');
	assert.match(raw, /^X-Unsent: 1\r$/m);
	// The Bcc header, unfolded: every address present, nobody else.
	const header = raw.replace(/\r\n[ \t]+/g, ' ').split('\r\n').find((l) => l.startsWith('Bcc:'));
	const bcc = [...header.matchAll(/<([^>]+)>/g)].map((m) => m[1]).sort();
	assert.deepEqual(bcc, present);
	assert.match(await b.$('[role=status]').getText(), new RegExp(`pour ${present.length} destinataire\\(s\\)`));
	await until(b, "l'historique", async () => /Remerciements \(les présents\)/.test(await b.$('main').getText()));
	const logged = sql(app.db, "SELECT audience FROM mailing_log WHERE meeting_id = ? AND purpose = 'remerciement'", [meetingId]).map(([a]) => a);
	assert.deepEqual([...new Set(logged)], ['presents']);

	// A reminder preselects those who have not replied; the calendar file can be a meeting request.
	await b.$('#mail-purpose').selectByAttribute('value', 'relance');
	await until(b, 'les sans-réponse', async () => (await b.$('#mail-audience').getValue()) === 'sans_reponse');
	assert.equal(await b.$('#mail-calendar').isExisting(), true);
});

test('the minutes file is kept in Maillage and goes out attached; removing it asks first', async () => {
	const b = app.browser;
	const [[meetingId]] = sql(app.db, `SELECT id FROM meeting WHERE status = 'tenue' AND deleted_at IS NULL ORDER BY date DESC LIMIT 1`);
	// The test build's « dialog » takes the newest a-joindre.* file of the test folder.
	const minutes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(Array.from({ length: 2048 }, (_, i) => i % 256))]);
	writeFileSync(join(app.exportDir, 'a-joindre.pdf'), minutes);

	await b.execute((id) => location.assign(`/reunions/${id}`), meetingId);
	await until(b, 'la réunion', async () => (await b.$('button=Joindre un fichier…').isExisting()));
	await click(b, 'button=Joindre un fichier…');
	await until(b, 'le fichier joint', async () => /a-joindre\.pdf \(3 Ko\)/.test(await b.$('#minutes-file').getText().catch(() => '')));
	const [[size, kept]] = sql(app.db, 'SELECT size, hex(content) FROM minutes_file WHERE id = ? AND deleted_at IS NULL', [meetingId]);
	assert.equal(size, minutes.length);
	assert.equal(kept, minutes.toString('hex').toUpperCase(), 'the bytes are in the database');

	await b.$('#mail-purpose').selectByAttribute('value', 'compte_rendu');
	await b.$('#mail-audience').selectByAttribute('value', 'tous');
	await click(b, 'button=Préparer les fichiers…');
	// (The page's notice « Compte rendu joint » is a status too: the mailing's is the one with files.)
	await until(b, 'les fichiers', async () => /fichier\(s\) pour \d+ destinataire\(s\)/.test(await b.$('main').getText().catch(() => '')));
	const eml = drafts(app.exportDir).find((f) => f.split('/').pop().startsWith('Compte_rendu') && f.endsWith('.eml'));
	assert.ok(eml, drafts(app.exportDir).join(', '));
	assert.deepEqual(attachment(readFileSync(join(app.exportDir, eml), 'utf8'), 'a-joindre.pdf'), minutes);

	// Removing the file: the app asks first; « Annuler » keeps it.
	await click(b, 'button=Retirer le fichier…');
	await until(b, 'la confirmation', async () => (await b.$('dialog[open]').isExisting()));
	assert.match(await b.$('dialog[open] h2').getText(), /Retirer le fichier du compte rendu/);
	await b.$('dialog[open]').$('button=Annuler').click();
	await until(b, 'la fermeture', async () => !(await b.$('dialog[open]').isExisting()));
	assert.equal(sql(app.db, 'SELECT count(*) FROM minutes_file WHERE id = ? AND deleted_at IS NULL', [meetingId])[0][0], 1);
	await click(b, 'button=Retirer le fichier…');
	await b.$('dialog[open]').$('button=Retirer le fichier').click();
	await until(b, 'le retrait', async () => !(await b.$('#minutes-file').isExisting()));
	assert.deepEqual(sql(app.db, 'SELECT length(content), deleted_at IS NOT NULL FROM minutes_file WHERE id = ?', [meetingId]), [[0, 1]]);
});

/** The bytes of the attachment named `name` in a MIME message (base64 part). */
function attachment(raw, name) {
	const unfolded = raw.replace(/\r\n[ \t]+/g, ' ');
	const boundaries = [...unfolded.matchAll(/boundary="([^"]+)"/g)].map((m) => m[1]);
	for (const boundary of boundaries) {
		for (const part of unfolded.split(`--${boundary}`)) {
			const [head, ...body] = part.split('\r\n\r\n');
			if (new RegExp(`filename="?${name.replace('.', '\\.')}"?`).test(head) && /base64/i.test(head)) {
				return Buffer.from(body.join('').replace(/\s+/g, ''), 'base64');
			}
		}
	}
	throw new Error(`pièce jointe « ${name} » absente`);
}
