import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * SQL files read beside the module that reads them (`readFileSync(new URL('./x.sql', import.meta.url),
 * 'utf8')`), as tsx runs the pipelines, are written into the server's bundle as text: the server loads
 * files itself, and the built chunks have no .sql files beside them.
 */
function inlineSqlFiles(): Plugin {
	const read = /readFileSync\(new URL\('(\.\/[\w.-]+\.sql)', import\.meta\.url\), 'utf8'\)/g;
	return {
		name: 'returnlens-inline-sql',
		// Before TypeScript is compiled, which rewrites the quotes the pattern looks for.
		enforce: 'pre',
		transform(code, id) {
			if (!id.endsWith('.ts') || !code.includes('.sql')) return null;
			const inlined = code.replace(read, (_, file: string) =>
				JSON.stringify(readFileSync(join(dirname(id), file), 'utf8'))
			);
			return inlined === code ? null : { code: inlined, map: null };
		}
	};
}

export default defineConfig({
	plugins: [inlineSqlFiles(), sveltekit()],
	// Merges the client's small chunks (66 files become 33): a page's first load asks for fewer files over
	// the browser's six connections to the server.
	build: { rollupOptions: { output: { experimentalMinChunkSize: 50_000 } } },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'api',
					include: ['tests/**/*.test.ts'],
					exclude: ['tests/**/*.browser.test.ts'],
					globalSetup: ['tests/support/demo-database.ts'],
					setupFiles: ['tests/support/remove-temp-dirs.ts'],
					// Files run side by side on two cores, each querying real DuckDB files: a case that
					// takes 3 s alone can take three times that in a full run.
					testTimeout: 30_000
				}
			},
			{
				extends: true,
				test: {
					name: 'browser',
					include: ['tests/**/*.browser.test.ts'],
					globalSetup: ['tests/support/browser-setup.ts'],
					setupFiles: ['tests/support/remove-temp-dirs.ts'],
					// One server and one Chromium per file: running files side by side on two cores
					// only makes them fight over CPU and time out.
					fileParallelism: false,
					// After the other projects, so a server and Chromium never share the cores with their tests.
					sequence: { groupOrder: 1 },
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});
