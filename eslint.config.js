import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default defineConfig(
	globalIgnores(['build/', '.svelte-kit/', 'node_modules/', 'data/', 'test-artifacts/', 'scratch/']),
	js.configs.recommended,
	ts.configs.recommended,
	svelte.configs['flat/recommended'],
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node }
		}
	},
	{
		// <script lang="ts"> in components, and runes in .svelte.ts modules, go through the TypeScript parser.
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				parser: ts.parser,
				extraFileExtensions: ['.svelte'],
				svelteConfig
			}
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'svelte/no-at-html-tags': 'error',
			// The dashboard is served at the root (no paths.base): links and goto() take the paths that
			// url-filters.ts builds from known routes, and resolve() would only wrap them.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	// Turns off every rule that formatting by prettier makes redundant or contradicts.
	prettier,
	svelte.configs['flat/prettier'],
	{
		// After eslint-config-prettier on purpose: it turns max-len off. Prettier wraps code at 120 columns but
		// cannot break a long string or template literal, so those are held to the same width here.
		rules: {
			'max-len': ['error', { code: 120, tabWidth: 4, ignoreUrls: true, ignoreRegExpLiterals: true }]
		}
	}
);
