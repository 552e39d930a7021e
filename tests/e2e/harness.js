// Starts the real Maillage binary under tauri-driver (which drives WebKitWebDriver) on a fresh
// database, and hands back a WebdriverIO session. The display comes from xvfb-run (see
// scripts/test.sh); nothing here needs the network.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { remote } from 'webdriverio';

export const ROOT = resolve(import.meta.dirname, '../..');
export const APP = process.env.MAILLAGE_APP ?? join(ROOT, 'target/debug/maillage');
export const CLI = process.env.MAILLAGE_CLI ?? join(ROOT, 'target/debug/maillage-cli');
export const ARTIFACTS = join(ROOT, 'target/e2e');
mkdirSync(ARTIFACTS, { recursive: true });

const PORT = 4444;

async function waitForDriver(deadline) {
	while (Date.now() < deadline) {
		try {
			const r = await fetch(`http://127.0.0.1:${PORT}/status`);
			if (r.ok) return;
		} catch {
			/* not listening yet */
		}
		await new Promise((ok) => setTimeout(ok, 200));
	}
	throw new Error('tauri-driver ne répond pas sur le port 4444');
}

/** A new database (with the demo network when `demo`), the app open on it, and a session.
 *  Exports go to `dir/exports` (MAILLAGE_EXPORT_DIR) instead of a native dialog a test cannot drive.
 *  With `db` (and `exportDir`), the app opens that existing file instead, and `stop` leaves it. */
export async function startApp({ demo = true, db = null, exportDir = null, home = null } = {}) {
	const own = db === null;
	const dir = own ? mkdtempSync(join(tmpdir(), 'maillage-e2e-')) : null;
	// The app's own folders (window state, technical log) in the test's folder, not the user's:
	// each test starts from a first launch. A restart passes the first launch's `home`.
	home = home ?? join(dir ?? mkdtempSync(join(tmpdir(), 'maillage-e2e-home-')), 'home');
	if (own) {
		exportDir = join(dir, 'exports');
		mkdirSync(exportDir);
		db = join(dir, 'maillage.sqlite');
		execFileSync(CLI, ['--db', db, demo ? 'demo' : 'init']);
	}
	const driver = spawn('tauri-driver', ['--port', String(PORT), '--native-driver', '/usr/bin/WebKitWebDriver'], {
		env: { ...process.env, MAILLAGE_DB: db, MAILLAGE_EXPORT_DIR: exportDir, XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data'), XDG_CACHE_HOME: join(home, 'cache') },
		stdio: ['ignore', 'inherit', 'inherit'],
		// Its own process group, so that `stop` ends the driver, WebKitWebDriver and the app together.
		detached: true
	});
	await waitForDriver(Date.now() + 20_000);
	const browser = await remote({
		hostname: '127.0.0.1',
		port: PORT,
		logLevel: 'warn',
		connectionRetryTimeout: 60_000,
		capabilities: { 'tauri:options': { application: APP } }
	});
	await browser.setTimeout({ implicit: 0 });
	return {
		browser,
		db,
		dir,
		exportDir,
		home,
		async stop({ keep = false } = {}) {
			await browser.deleteSession().catch(() => {});
			// Ending the session does not always end the app (seen after a merge): an app left
			// running keeps the test runner's output pipe open and the whole run never ends.
			// So the driver's process group is ended as a whole, the app with it.
			await endGroup(driver);
			// The demo database holds (fictional) personal data: nothing is left behind in /tmp.
			if (own && !keep) rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** Ends a process group started with `detached: true`: SIGTERM, then SIGKILL for what is left. */
async function endGroup(child) {
	const signal = (sig) => {
		try {
			process.kill(-child.pid, sig);
			return true;
		} catch {
			return false; // the group is already gone
		}
	};
	const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((ok) => child.once('exit', ok));
	signal('SIGTERM');
	await exited;
	// The app may outlive the driver for a moment: give it a second, then make sure.
	for (let i = 0; i < 10 && signal(0); i++) await new Promise((ok) => setTimeout(ok, 100));
	signal('SIGKILL');
}

/** Runs SQL on the database file with Python's sqlite3 (on every machine of this kind); a write is committed. */
export function sql(db, query, params = []) {
	const script = 'import json,sqlite3,sys; c=sqlite3.connect(sys.argv[1], timeout=10); r=c.execute(sys.argv[2], json.loads(sys.argv[3])).fetchall(); c.commit(); print(json.dumps(r))';
	return JSON.parse(execFileSync('python3', ['-c', script, db, query, JSON.stringify(params)], { encoding: 'utf8' }));
}

/** Waits for the UI to reach a state before acting or taking a screenshot. */
export async function until(browser, what, check, timeout = 10_000) {
	await browser.waitUntil(check, { timeout, interval: 100, timeoutMsg: `attendu : ${what}` });
}

/** Clicks the element `selector` after scrolling it to the middle of the window: scrolled only
 *  to the edge, a button can sit under a sticky table header and the click lands on that. */
export async function click(browser, selector) {
	const el = await browser.$(selector);
	await el.waitForExist({ timeout: 10_000 });
	await browser.execute((e) => e.scrollIntoView({ block: 'center' }), el);
	await el.click();
}

/** A workbook Maillage wrote, read back (read-excel-file): its sheet names, and a sheet's rows
 *  (row 1 at index 0; each cell's value — text, number, Date for date cells — or null). */
export async function workbook(path) {
	const sheets = await readXlsxFile(path);
	return {
		names: sheets.map((s) => s.sheet),
		rows(name) {
			const sheet = sheets.find((s) => s.sheet === name);
			if (!sheet) throw new Error(`feuille « ${name} » absente de ${path}`);
			return sheet.data;
		}
	};
}
