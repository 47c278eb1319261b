import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rule of README.md's architecture section, checked on every import (type-only ones
 * included) of src/ and pipelines/:
 *   core ← ui ← features ← routes; features ← registries (api-routes.ts, registry.ts) ← server,
 *   pipelines/ingest; pipelines/ingest, pipelines/forget ← server (it loads and erases itself);
 *   demo-data ← core only; the demo tool (pipelines/demo) ← demo-data, ingest; the users command
 *   (pipelines/users) ← core; the alerts' webhook and the digest (pipelines/alerts, pipelines/report) ←
 *   core, server, features' types; SvelteKit's hooks ← core, server.
 * and no cycle between any two folders.
 */
const ROOT = normalize(join(import.meta.dirname, '../..'));

function sourceFiles(dir: string): string[] {
	return readdirSync(join(ROOT, dir)).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
		return /\.(ts|svelte)$/.test(name) ? [path] : [];
	});
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolveImport(from: string, spec: string): string | null {
	let base: string;
	if (spec.startsWith('$lib/')) base = join('src/lib', spec.slice(5));
	else if (spec.startsWith('.') && !spec.endsWith('/$types')) base = join(dirname(from), spec);
	else return null;
	for (const ext of ['', '.ts', '.svelte', '.js']) {
		if (existsSync(join(ROOT, base + ext)) && statSync(join(ROOT, base + ext)).isFile())
			return normalize(base + ext);
	}
	throw new Error(`${from}: cannot resolve ${spec}`);
}

const FILES = [...sourceFiles('src'), ...sourceFiles('pipelines')];
const EDGES = FILES.flatMap((from) =>
	[...readFileSync(join(ROOT, from), 'utf8').matchAll(IMPORT)].flatMap((m) => {
		const to = resolveImport(from, m[1] ?? m[2]);
		return to ? [{ from, to }] : [];
	})
);

/** The layer a file belongs to; a feature's layer is named by its folder. */
function layer(file: string): string {
	// SvelteKit's hooks wrap every page and API request, as the pages do.
	if (file === 'src/hooks.server.ts') return 'src/routes';
	if (file === 'src/lib/features/registry.ts' || file === 'src/lib/features/api-routes.ts') return 'registry';
	const feature = /^src\/lib\/features\/([^/]+)\//.exec(file);
	if (feature) return `feature:${feature[1]}`;
	for (const prefix of [
		'src/lib/core',
		'src/lib/ui',
		'src/lib/server',
		'src/routes',
		'src/server',
		'pipelines/users',
		'pipelines/alerts',
		'pipelines/report',
		'pipelines/ingest',
		'pipelines/forget',
		'pipelines/demo-data',
		'pipelines/demo',
		'pipelines/bench'
	]) {
		if (file.startsWith(prefix + '/')) return prefix;
	}
	return relative(ROOT, file);
}

/** What each layer may import besides itself. */
const ALLOWED: Record<string, (to: string) => boolean> = {
	'src/lib/core': () => false,
	'src/lib/ui': (to) => to === 'src/lib/core',
	feature: (to) => to === 'src/lib/core' || to === 'src/lib/ui',
	registry: (to) => to === 'src/lib/core' || to.startsWith('feature:'),
	// The server owns the database file: it loads files with the ingest pipeline.
	'src/lib/server': (to) => ['src/lib/core', 'registry', 'pipelines/ingest', 'pipelines/forget'].includes(to),
	'src/routes': (to) => ['src/lib/core', 'src/lib/ui', 'src/lib/server'].includes(to) || to.startsWith('feature:'),
	'pipelines/ingest': (to) => to === 'src/lib/core' || to === 'registry',
	'pipelines/forget': (to) => ['src/lib/core', 'registry', 'pipelines/ingest'].includes(to),
	'src/server': (to) => to === 'src/lib/core' || to === 'pipelines/ingest',
	'pipelines/demo-data': (to) => to === 'src/lib/core',
	'pipelines/demo': (to) => ['src/lib/core', 'pipelines/demo-data', 'pipelines/ingest'].includes(to),
	'pipelines/bench': () => true,
	'pipelines/users': (to) => to === 'src/lib/core',
	// The alerts' webhook and the weekly digest read the API (the server's app, or the server) and its answers'
	// types; the digest writes figures as the dashboard does (ui's formats).
	'pipelines/alerts': (to) => ['src/lib/core', 'src/lib/server', 'feature:alerts'].includes(to),
	'pipelines/report': (to) =>
		['src/lib/core', 'src/lib/ui', 'src/lib/server'].includes(to) || to.startsWith('feature:'),
	// SvelteKit's server hooks: who is asking (core) with the server's one authentication (server).
	'src/hooks.server.ts': (to) => to === 'src/lib/core' || to === 'src/lib/server',
	// SvelteKit's app-wide types: the signed-in user of each request (core).
	'src/app.d.ts': (to) => to === 'src/lib/core'
};

describe('the dependency rule', () => {
	it('finds the imports it checks', () => {
		expect(FILES.length).toBeGreaterThan(100);
		expect(EDGES.filter((e) => layer(e.from) !== layer(e.to)).length).toBeGreaterThan(50);
	});

	it('every import goes down the layers, and no feature imports another', () => {
		const broken = EDGES.filter(({ from, to }) => {
			const a = layer(from);
			const b = layer(to);
			if (a === b) return false;
			const rule = ALLOWED[a.startsWith('feature:') ? 'feature' : a];
			return !rule || !rule(b);
		}).map(({ from, to }) => `${from} → ${to}`);
		expect(broken).toEqual([]);
	});

	it('no two folders import each other, directly or round a longer cycle', () => {
		const graph = new Map<string, Set<string>>();
		for (const { from, to } of EDGES) {
			const a = dirname(from);
			const b = dirname(to);
			if (a !== b) graph.set(a, (graph.get(a) ?? new Set()).add(b));
		}
		const cycles: string[] = [];
		const state = new Map<string, 'open' | 'done'>();
		const visit = (folder: string, path: string[]) => {
			if (state.get(folder) === 'done') return;
			if (state.get(folder) === 'open')
				return void cycles.push([...path.slice(path.indexOf(folder)), folder].join(' → '));
			state.set(folder, 'open');
			for (const next of graph.get(folder) ?? []) visit(next, [...path, folder]);
			state.set(folder, 'done');
		};
		for (const folder of graph.keys()) visit(folder, []);
		expect(cycles).toEqual([]);
	});
});
