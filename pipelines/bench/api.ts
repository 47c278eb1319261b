import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, serverThreadsFromEnv } from '../../src/lib/core/db/db.ts';
import { refreshIfStale } from '../ingest/ingest.ts';
import { apiBenchEndpoints, benchCustomers } from './api-endpoints.ts';
import { BENCH_AUTH_HEADERS } from './bench-auth.ts';
import { startBenchServer } from './bench-server.ts';

/**
 * `npm run bench:api`: every endpoint's p50/p95 over HTTP against the production server on the
 * benchmark database (from `npm run bench:ingest`), with 1 and 8 concurrent clients; for the three
 * heaviest, the ratio of the API's time to running the same statements directly on DuckDB in this run,
 * the two measured in turns. The direct run builds its statements with the routes' own functions
 * (api-endpoints.ts), so it times what the routes run.
 */
const { values } = parseArgs({
	options: {
		db: { type: 'string', default: 'data/bench/lines-10000000-seed-42/pipeline.duckdb' },
		requests: { type: 'string', default: '20' },
		clients: { type: 'string', default: '1,8' },
		port: { type: 'string', default: '3917' }
	}
});

const dbPath = resolve(values.db);
const perClient = Number(values.requests);
const clientCounts = values.clients.split(',').map(Number);
const baseUrl = `http://127.0.0.1:${values.port}`;

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timed(url: string): Promise<number> {
	const started = performance.now();
	const response = await fetch(baseUrl + url, { headers: BENCH_AUTH_HEADERS });
	if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
	await response.arrayBuffer();
	return performance.now() - started;
}

async function measure(url: string, clients: number): Promise<number[]> {
	const times: number[] = [];
	await Promise.all(
		Array.from({ length: clients }, async () => {
			for (let i = 0; i < perClient; i++) times.push(await timed(url));
		})
	);
	return times.sort((a, b) => a - b);
}

async function main() {
	if (!existsSync(dbPath)) throw new Error(`no benchmark database at ${dbPath}: run \`npm run bench:ingest\` first`);
	if (!existsSync('build/index.js')) throw new Error('no build: run `npm run build` first');
	if (await refreshIfStale(dbPath))
		console.log(`rebuilt the analytics tables of ${dbPath}: another version had built them`);
	const server = await startBenchServer(dbPath, values.port);
	// The bare SQL runs with the server's threads, so the ratio compares like with like.
	const db = await openDatabase(dbPath, { readOnly: true, threads: serverThreadsFromEnv() });
	const connection = await db.connect();
	try {
		const endpoints = apiBenchEndpoints(await benchCustomers(connection));
		const results: { name: string; url: string; p50: number[]; p95: number[] }[] = [];
		for (const endpoint of endpoints) {
			await timed(endpoint.url);
			const row = { name: endpoint.name, url: endpoint.url, p50: [] as number[], p95: [] as number[] };
			for (const clients of clientCounts) {
				const times = await measure(endpoint.url, clients);
				row.p50.push(percentile(times, 50));
				row.p95.push(percentile(times, 95));
			}
			results.push(row);
			const cells = clientCounts.map(
				(n, i) =>
					`${n} client(s) p50 ${row.p50[i].toFixed(0).padStart(5)} ms ` +
					`p95 ${row.p95[i].toFixed(0).padStart(5)} ms`
			);
			console.log(`${endpoint.name.padEnd(34)} ${cells.join(' | ')}`);
		}
		const heaviest = [...results].sort((a, b) => b.p50[0] - a.p50[0]).slice(0, 3);
		// API and bare SQL alternate, one request each, so that both see the same machine.
		for (const row of heaviest) {
			const endpoint = endpoints.find((e) => e.name === row.name)!;
			const apiTimes: number[] = [];
			const bareTimes: number[] = [];
			for (let i = 0; i < perClient; i++) {
				apiTimes.push(await timed(endpoint.url));
				const started = performance.now();
				await endpoint.direct(connection);
				bareTimes.push(performance.now() - started);
			}
			const api = percentile(
				apiTimes.sort((a, b) => a - b),
				50
			);
			const bare = percentile(
				bareTimes.sort((a, b) => a - b),
				50
			);
			console.log(
				`${row.name.padEnd(34)} API p50 ${api.toFixed(0)} ms / bare SQL p50 ${bare.toFixed(0)} ms = ` +
					`${(api / bare).toFixed(2)}× (target ≤ 1.3×)`
			);
		}
		const worst = Math.max(...results.map((r) => Math.max(...r.p95)));
		console.log(`worst p95: ${worst.toFixed(0)} ms (target < 300 ms)`);
	} finally {
		connection.closeSync();
		db.close();
		server.kill('SIGTERM');
	}
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
