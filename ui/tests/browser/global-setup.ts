// Serves the built UI (ui/build, made by `npm run build`) and bundles the mock backend, once for
// all browser tests.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import type { TestProject } from 'vitest/node';

const root = fileURLToPath(new URL('../..', import.meta.url));
let server: Server;

export default async function setup(project: TestProject) {
	if (!existsSync(`${root}/build/index.html`)) throw new Error('ui/build est absent : lancez « npm run build » avant les tests navigateur.');
	// The backend's answers, produced by the real core (src-tauri/core/tests/ui_fixtures.rs, in its `paris` test binary).
	const fixtures = `${root}/../target/ui-fixtures/backend.json`;
	if (!existsSync(fixtures)) throw new Error('target/ui-fixtures/backend.json est absent : lancez « cargo test -p maillage-core --test paris » avant les tests navigateur.');
	project.provide('fixtures', readFileSync(fixtures, 'utf8'));
	const bundle = await build({
		entryPoints: [`${root}/tests/browser/mock-backend.ts`],
		bundle: true, format: 'iife', write: false, platform: 'browser', target: 'es2022'
	});
	const serve = sirv(`${root}/build`, { single: true, dev: true });
	server = createServer((req, res) => serve(req, res));
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	const { port } = server.address() as { port: number };
	project.provide('baseUrl', `http://127.0.0.1:${port}/`);
	project.provide('mockScript', bundle.outputFiles[0].text);
	return () => new Promise<void>((ok) => server.close(() => ok()));
}

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		mockScript: string;
		/** backend.json, as text. */
		fixtures: string;
	}
}
