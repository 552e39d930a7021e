// Start-up time and memory of the release app on the demo database, side by side with an empty
// Tauri 2 window built from the same lock file. Prints figures; asserts nothing (timings belong
// in measurements, never in tests). Run by scripts/measure-startup.sh, which builds both and
// runs this under Xvfb.
//
// One launch: a fresh profile (its own XDG folders) and a fresh copy of the demo database, so
// that every run starts as a first launch does. The clock starts when WebDriver is asked to launch
// the binary (tauri-driver and WebKitWebDriver are already listening), and stops when the
// dashboard's first figure is in the page (for the empty window: its one paragraph). Memory is
// read from /proc once the figures are shown: the app's process and the web engine's processes it
// started (resident set, and proportional set, which shares libraries fairly between processes).
import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { remote } from 'webdriverio';

const [app, empty, demo, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg ?? 5);
// Not the end-to-end tests' ports (4444, and 4445, WebKitWebDriver's own default).
const PORT = 4446;
const NATIVE_PORT = 4447;

function sleep(ms) {
	return new Promise((ok) => setTimeout(ok, ms));
}

async function waitForDriver() {
	const deadline = Date.now() + 20_000;
	while (Date.now() < deadline) {
		try {
			if ((await fetch(`http://127.0.0.1:${PORT}/status`)).ok) return;
		} catch {
			/* not listening yet */
		}
		await sleep(50);
	}
	throw new Error(`tauri-driver ne répond pas sur le port ${PORT}`);
}

/** Every process whose parent chain reaches `root` (the web engine's helpers included). */
function tree(root) {
	const parent = new Map();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
		} catch {
			/* gone meanwhile */
		}
	}
	const inTree = (pid) => {
		for (let p = pid; p > 1; p = parent.get(p) ?? 0) if (p === root) return true;
		return false;
	};
	return [...parent.keys()].filter(inTree);
}

function memory(root) {
	let rss = 0;
	let pss = 0;
	const names = [];
	for (const pid of tree(root)) {
		try {
			const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
			rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
			pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
			names.push(readFileSync(`/proc/${pid}/comm`, 'utf8').trim());
		} catch {
			/* gone meanwhile */
		}
	}
	return { rss: rss / 1024, pss: pss / 1024, names };
}

/** When the process started, in the epoch's milliseconds (to the kernel's 10 ms tick). */
function startedAt(pid) {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
	const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
	return Date.now() - uptime * 1000 + ticks * 10;
}

function pidOf(binary) {
	const out = execFileSync('pgrep', ['-n', '-f', `^${binary}`], { encoding: 'utf8' }).trim();
	return Number(out);
}

async function launch(binary, selector, db) {
	const home = mkdtempSync(join(tmpdir(), 'maillage-startup-'));
	let file = null;
	if (db) {
		file = join(home, 'maillage.sqlite');
		copyFileSync(db, file);
	}
	const driver = spawn('tauri-driver', ['--port', String(PORT), '--native-port', String(NATIVE_PORT), '--native-driver', '/usr/bin/WebKitWebDriver'], {
		env: { ...process.env, MAILLAGE_DB: file ?? '', XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data'), XDG_CACHE_HOME: join(home, 'cache') },
		stdio: ['ignore', 'ignore', 'inherit'],
		detached: true
	});
	try {
		await waitForDriver();
		const start = performance.now();
		const browser = await remote({ hostname: '127.0.0.1', port: PORT, logLevel: 'silent', capabilities: { 'tauri:options': { application: binary } } });
		const session = performance.now() - start;
		let shown = null;
		while (performance.now() - start < 30_000) {
			if ((await browser.$$(selector)).length > 0) {
				shown = performance.now() - start;
				break;
			}
		}
		if (shown === null) throw new Error(`${selector} n'est pas apparu en 30 s`);
		// The page's own clock says when its content was on screen: the dashboard marks it once its
		// figures are rendered (ui/src/routes/+page.svelte), the empty window once its page ran.
		// WebDriver's polling would add its own delays (hundreds of ms on a loaded machine).
		const page = await browser.execute(() => {
			const mark = performance.getEntriesByName('maillage:chiffres')[0];
			const nav = performance.getEntriesByType('navigation')[0];
			return { origin: performance.timeOrigin, figures: mark ? mark.startTime : null, dom: nav ? nav.domContentLoadedEventEnd : null };
		});
		const pid = pidOf(binary);
		const born = startedAt(pid);
		const onScreen = page.origin + (page.figures ?? page.dom) - born;
		const navigation = page.origin - born;
		await sleep(500); // what the dashboard settles to, not a transient peak
		const mem = memory(pid);
		await browser.deleteSession().catch(() => {});
		return { session, shown, onScreen, navigation, mem };
	} finally {
		try {
			process.kill(-driver.pid, 'SIGKILL');
		} catch {
			/* already gone */
		}
		await sleep(300);
		rmSync(home, { recursive: true, force: true });
	}
}

function median(xs) {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

const rows = [];
for (let i = 0; i < RUNS; i++) {
	// Alternated, so that a busy moment of the machine falls on both.
	rows.push({ who: 'vide', ...(await launch(empty, '#ready', null)) });
	rows.push({ who: 'maillage', ...(await launch(app, 'a.figure[data-code=meetings_held] .value', demo)) });
}

const ms = (x) => `${Math.round(x)} ms`;
const list = (xs) => xs.map((x) => Math.round(x)).join(' ');
console.log("lancement du processus → contenu à l'écran (horloge de la page), par lancement :");
for (const who of ['vide', 'maillage']) {
	const mine = rows.filter((r) => r.who === who);
	console.log(`  ${who.padEnd(9)} ${list(mine.map((r) => r.onScreen))}   médiane ${ms(median(mine.map((r) => r.onScreen)))}, max ${ms(Math.max(...mine.map((r) => r.onScreen)))}`);
	console.log(`  ${''.padEnd(9)} dont lancement → début de la page : ${list(mine.map((r) => r.navigation))} ; vu par WebDriver à ${list(mine.map((r) => r.shown))}`);
}
console.log('mémoire après affichage (Mio, processus de l\'application et du moteur web) :');
for (const who of ['vide', 'maillage']) {
	const mine = rows.filter((r) => r.who === who);
	console.log(`  ${who.padEnd(9)} RSS médiane ${median(mine.map((r) => r.mem.rss)).toFixed(1)}, PSS médiane ${median(mine.map((r) => r.mem.pss)).toFixed(1)}  (${mine[0].mem.names.join(', ')})`);
}
const app_ = (k) => median(rows.filter((r) => r.who === 'maillage').map((r) => r.mem[k]));
const empty_ = (k) => median(rows.filter((r) => r.who === 'vide').map((r) => r.mem[k]));
console.log(`  écart   RSS ${(app_('rss') - empty_('rss')).toFixed(1)} Mio, PSS ${(app_('pss') - empty_('pss')).toFixed(1)} Mio`);
