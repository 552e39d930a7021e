import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** A single-page app (no server: Tauri serves the files). Every route falls back to index.html,
 *  as Tauri's guide for SvelteKit recommends. (Hash routing breaks on Linux, where the page's URL
 *  is tauri://localhost and WebKit reports a path that `new URL` does not.) */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
		output: { bundleStrategy: 'single' }
	}
};
