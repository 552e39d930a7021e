import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** A single-page app (no server: Tauri serves the files), with hash routing so that every
 *  route is index.html plus a #fragment — no fallback needed from whoever serves the files. */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', strict: true }),
		router: { type: 'hash' },
		output: { bundleStrategy: 'single' }
	}
};
