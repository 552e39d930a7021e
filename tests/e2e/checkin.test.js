// A plenary at the door, through the real app: the demo has today's plenary with invitations
// sent and answered. Open check-in mode, check in three people by typing and Enter, add a
// walk-in, and find the counts on screen and in the SQLite file.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS, sql, startApp, until } from './harness.js';

let app;
before(async () => (app = await startApp({ demo: true })));
after(async () => app?.stop());

test('check-in mode at the door of today’s plenary', async () => {
	const b = app.browser;
	const [[meetingId]] = sql(app.db, "SELECT id FROM meeting WHERE date = date('now', 'localtime') AND status = 'prevue'");
	// Three invited people, each found by three letters of the last name and of the first name.
	const people = sql(app.db, `SELECT p.first_name, p.last_name FROM invitation i JOIN person p ON p.id = i.person_id
		WHERE i.meeting_id = ? ORDER BY p.sort_key`, [meetingId]);
	const [invitedCount] = sql(app.db, 'SELECT count(*) FROM invitation WHERE meeting_id = ? AND person_id IS NOT NULL', [meetingId])[0];
	const picks = [];
	for (const [first, last] of people) {
		const q = `${last.slice(0, 3)} ${first.slice(0, 3)}`;
		const same = people.filter(([f, l]) => l.slice(0, 3) === last.slice(0, 3) && f.slice(0, 3) === first.slice(0, 3));
		if (same.length === 1 && !picks.some((p) => p.q === q)) picks.push({ q, name: `${first} ${last}` });
		if (picks.length === 3) break;
	}
	assert.equal(picks.length, 3);

	await until(b, "l'accueil de l'application", async () => (await b.$('nav').isExisting()));
	await (await b.$('a=Réunions')).click();
	await until(b, 'la réunion du jour', async () => (await b.$(`a[href="/reunions/${meetingId}"]`).isExisting()));
	await (await b.$(`a[href="/reunions/${meetingId}"]`)).click();
	await (await b.$("a=Mode accueil (pointage à l'entrée)")).click();
	await until(b, 'le mode accueil', async () => (await b.$('#checkin-search').isExisting()) && (await b.$('[data-testid=people-present]').isExisting()));
	assert.equal(await b.$('nav').isExisting(), false, 'check-in mode is full screen');

	for (const { q, name } of picks) {
		await b.$('#checkin-search').click();
		await b.keys(q.split(''));
		await until(b, `la personne ${name}`, async () => {
			const first = await b.$('.hits li[aria-selected=true] .name');
			return (await first.isExisting()) && (await first.getText()) === name;
		});
		await b.keys(['Enter']);
		await until(b, `le pointage de ${name}`, async () => (await b.$('[role=status]').isExisting()) && (await b.$('[role=status]').getText()).includes(`${name}`));
	}
	await b.$('#walk-name').setValue('Marc Passant');
	await b.$('#walk-org').setValue('Association des locataires');
	await (await b.$('button=Ajouter et pointer présent')).click();
	await until(b, 'les compteurs', async () => (await b.$('[data-testid=people-present]').getText()) === '4');
	assert.match(await b.$('.counts').getText(), new RegExp(`4 présent\\(s\\) / ${invitedCount} invité\\(s\\)`));
	await b.pause(300);
	await b.saveScreenshot(join(ARTIFACTS, 'accueil.png'));

	const rows = sql(app.db, `SELECT trim(p.first_name || ' ' || p.last_name), a.walk_in FROM attendance a JOIN person p ON p.id = a.person_id
		WHERE a.meeting_id = ? AND a.status = 'present' AND a.deleted_at IS NULL ORDER BY a.recorded_at`, [meetingId]);
	assert.deepEqual(rows, [...picks.map((p) => [p.name, 0]), ['Marc Passant', 1]]);
	assert.deepEqual(sql(app.db, 'SELECT status FROM meeting WHERE id = ?', [meetingId]), [['tenue']], 'the meeting is recorded as held');
	const [notes] = sql(app.db, "SELECT notes FROM person WHERE last_name = 'Passant'")[0];
	assert.match(notes, /organisme déclaré : Association des locataires/);
});
