import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// hooks.server.ts checks that form posts come from our own host: SvelteKit's check compares the
		// scheme too, which adapter-node guesses (https) when ORIGIN is unset.
		csrf: { trustedOrigins: ['*'] }
	}
};
