import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// hooks.server.ts checks that form posts come from our own host: SvelteKit's check compares the
		// scheme too, which adapter-node guesses (https) when ORIGIN is unset.
		csrf: { trustedOrigins: ['*'] },
		// Pages run only our own scripts: SvelteKit's start-up script and app.html's carry a nonce per
		// page; text from customers' files can never become script, even if it escaped its escaping.
		// Styles may be inline: ECharts writes its tooltips with style attributes.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'connect-src': ['self'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};
