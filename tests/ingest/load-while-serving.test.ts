import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../pipelines/demo-data/generate.ts';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import type { LoadEvent } from '../../src/lib/core/contract/load-request.ts';
import { readServerFile, serverFilePath } from '../../src/lib/core/db/server-file.ts';
import { createApiHandler, type ApiHandler } from '../../src/lib/server/app-instance.ts';
import { ADMIN_HEADERS, TEST_ADMIN_TOKEN } from '../support/api-client.ts';
import { tempDir } from './fixtures.ts';

/**
 * The server owns its database: it loads files itself while its requests go on answering, and
 * `npm run ingest` hands its files to it instead of failing on the lock. Over the server's own handler
 * (app-instance.ts) on a real HTTP port, with a demo data set loaded in two parts.
 */
const CLI = new URL('../../pipelines/ingest/cli.ts', import.meta.url).pathname;
const READS = ['/api/summary', '/api/costs/breakdown?by=month', '/api/fraud/customers?limit=5', '/api/timing'];

let dir: string;
let dbPath: string;
let handler: ApiHandler;
let server: Server;
const later = { refunds: '', inspections: '' };

const get = async (url: string) => {
	const response = await handler(new Request(`http://localhost${url}`, { headers: ADMIN_HEADERS }));
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

/** node:http in front of the handler, as adapter-node puts SvelteKit (and the API) in front of it. */
function serve(api: ApiHandler): Promise<Server> {
	const http = createServer(async (req, res) => {
		const body = req.method === 'GET' ? undefined : (Readable.toWeb(req) as ReadableStream<Uint8Array>);
		const response = await api(
			new Request(`http://${req.headers.host}${req.url}`, {
				method: req.method,
				headers: req.headers as Record<string, string>,
				body,
				duplex: 'half'
			} as RequestInit)
		);
		res.writeHead(response.status, Object.fromEntries(response.headers));
		if (response.body)
			for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
		res.end();
	});
	return new Promise((resolve) => http.listen(0, '127.0.0.1', () => resolve(http)));
}

beforeAll(async () => {
	dir = tempDir('returnlens-serving-');
	const data = join(dir, 'data');
	await generateDemoData({ lines: 4000, seed: 21, outDir: data });
	// The first load without refunds and inspections: they come later, through the server.
	mkdirSync(join(dir, 'later'));
	for (const name of ['refunds', 'inspections'] as const) {
		later[name] = join(dir, 'later', `${name}.csv`);
		renameSync(join(data, `${name}.csv`), later[name]);
	}
	dbPath = join(dir, 'returns.duckdb');
	expect((await ingest({ dbPath, paths: [join(data, 'orders.csv'), join(data, 'rmas.csv')] })).errors).toEqual([]);
	server = await serve((request) => handler(request));
	process.env.RETURNS_SERVER_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	handler = createApiHandler(dbPath, 1, { adminToken: TEST_ADMIN_TOKEN });
});

afterAll(async () => {
	delete process.env.RETURNS_SERVER_URL;
	await new Promise((resolve) => server?.close(resolve));
});

describe('loading while serving', () => {
	it('loads through POST /api/loads while every request answers, and shows the new figures after', async () => {
		const before = await get('/api/costs/breakdown?by=month');
		expect(before.status).toBe(200);
		expect(existsSync(serverFilePath(dbPath))).toBe(true);

		const load = handler(
			new Request('http://localhost/api/loads', {
				method: 'POST',
				headers: { ...ADMIN_HEADERS, 'content-type': 'application/json' },
				body: JSON.stringify({ paths: [later.refunds] })
			})
		).then(async (response) => {
			expect(response.status).toBe(200);
			return (await response.text())
				.split('\n')
				.filter(Boolean)
				.map((line) => JSON.parse(line) as LoadEvent);
		});
		let done = false;
		const statuses: number[] = [];
		const reading = (async () => {
			while (!done) for (const url of READS) statuses.push((await get(url)).status);
		})();
		const events = await load.finally(() => (done = true));
		await reading;

		expect(statuses.length).toBeGreaterThan(READS.length);
		expect(statuses.every((status) => status === 200)).toBe(true);
		const summary = events.find((e) => 'summary' in e) as { summary: { files: { status: string }[] } };
		expect(summary.summary.files.map((f) => f.status)).toEqual(['loaded']);
		const after = await get('/api/costs/breakdown?by=month');
		expect(after.body).not.toEqual(before.body);
		expect((await get('/api/loads')).body.rows).toHaveLength(3);
		expect((await get('/api/health')).body.analytics).toMatchObject({
			generation: 'analytics_2',
			builtFromLoad: 3,
			latestLoad: 3,
			fresh: true
		});
	});

	it('has npm run ingest hand its files to the server that holds the database', async () => {
		const server = readServerFile(dbPath);
		expect(server?.pid).toBe(process.pid);
		const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
			const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--db', dbPath, later.inspections], {
				stdio: ['ignore', 'pipe', 'pipe']
			});
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (d) => (stdout += d));
			child.stderr.on('data', (d) => (stderr += d));
			child.on('close', (code) => resolve({ code, stdout, stderr }));
		});
		expect(result.stderr).toContain(`the server (process ${process.pid}) holds`);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/inspections\s+loaded/);
		const history = (await get('/api/loads?sort=load_id&order=asc')).body.rows as { entity: string }[];
		expect(history.map((row) => row.entity)).toEqual(['orders', 'rmas', 'refunds', 'inspections']);
	});

	it('forgets a customer through POST /api/forget, rewriting the file while requests wait', async () => {
		const [segment] = (await get('/api/segments')).body.rows as { id: string }[];
		const [customer] = (await get(`/api/segments/${encodeURIComponent(segment.id)}/customers?limit=1&format=json`))
			.body.rows as { customer_id: string; email: string }[];
		expect(readFileSync(dbPath).includes(customer.email)).toBe(true);
		const post = (body: unknown) =>
			handler(
				new Request('http://localhost/api/forget', {
					method: 'POST',
					headers: { ...ADMIN_HEADERS, 'content-type': 'application/json' },
					body: JSON.stringify(body)
				})
			);
		const reading = Promise.all(READS.map((url) => get(url)));
		const response = await post({ customer_id: customer.customer_id });
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ found: true });
		expect((await reading).map((r) => r.status)).toEqual(READS.map(() => 200));
		expect(readFileSync(dbPath).includes(customer.email)).toBe(false);
		const after = await get(`/api/segments/${encodeURIComponent(segment.id)}/customers?limit=10000&format=json`);
		expect(JSON.stringify(after.body)).not.toContain(customer.email);
		expect((await get('/api/summary')).status).toBe(200);
		expect((await post({ customer_id: 'NO-SUCH-CUSTOMER' })).status).toBe(404);
		expect((await post({ id: 'x' })).status).toBe(400);
	});

	it('answers 400 to a load it cannot take, and 403 to anyone but an admin', async () => {
		const post = (body: unknown, headers: Record<string, string> = ADMIN_HEADERS) =>
			handler(
				new Request('http://localhost/api/loads', {
					method: 'POST',
					headers: { ...headers, 'content-type': 'application/json' },
					body: JSON.stringify(body)
				})
			);
		expect((await post({ paths: ['relative.csv'] })).status).toBe(400);
		expect((await post({ paths: [] })).status).toBe(400);
		expect((await post({ paths: ['/x.csv'], sql: 'DROP TABLE orders' })).status).toBe(400);
		expect((await post({ paths: ['/x.csv'] }, {})).status).toBe(401);
		const put = await handler(new Request('http://localhost/api/loads', { method: 'PUT', headers: ADMIN_HEADERS }));
		expect(put.status).toBe(405);
		expect(put.headers.get('allow')).toBe('GET, POST, HEAD');
		expect(statSync(serverFilePath(dbPath)).mode & 0o077).toBe(0);
	});
});
