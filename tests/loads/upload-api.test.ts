import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import type { LoadEvent } from '../../src/lib/core/contract/load-request.ts';
import { createApiHandler, type ApiHandler } from '../../src/lib/server/app-instance.ts';
import type { FreshnessRow, UnmatchedRow, WaitingRow } from '../../src/lib/features/loads/loads.ts';
import { ADMIN_HEADERS, TEST_ADMIN_TOKEN, parseCsv } from '../support/api-client.ts';
import { ORDER_HEADER, csv, tempDir, writeText } from '../ingest/fixtures.ts';

/**
 * A shop's real ledger (the UCI Online Retail sample) uploaded to the running server with the ledger
 * preset, named as the shop named it: its returns that matched no order line are listed on the Data page's
 * API, and the orders and RMAs it loaded are as fresh as the ledger.
 */
const SAMPLE = new URL('../fixtures/uci-online-retail/online-retail-sample.csv', import.meta.url).pathname;

let handler: ApiHandler;

const get = async <T>(url: string) => {
	const response = await handler(new Request(`http://localhost${url}`, { headers: ADMIN_HEADERS }));
	expect(response.status, url).toBe(200);
	return (await response.json()) as { rows: T[]; meta: { total_rows: number } };
};

beforeAll(async () => {
	const dir = tempDir('returnlens-ledger-upload-');
	const dbPath = join(dir, 'returns.duckdb');
	const order = ['L-1', 'O-1', '2025-06-01T10:00:00Z', 'C-1', 'TEE-M', 'TEE', 'apparel', 1, '19.90', null];
	const orders = writeText(dir, 'orders.csv', csv(ORDER_HEADER, [order]));
	expect((await ingest({ dbPath, paths: [orders] })).errors).toEqual([]);
	handler = createApiHandler(dbPath, 1, { adminToken: TEST_ADMIN_TOKEN });
});

describe('a ledger uploaded with a preset', () => {
	let summary: { files: { entity: string; status: string; ledger?: { unmatchedUnits: number } }[] };

	beforeAll(async () => {
		const form = new FormData();
		form.set('file', new File([readFileSync(SAMPLE)], 'OnlineRetail export.csv'));
		form.set('preset', 'ledger');
		const response = await handler(
			new Request('http://localhost/api/loads/upload', { method: 'POST', body: form, headers: ADMIN_HEADERS })
		);
		expect(response.status).toBe(200);
		const events = (await response.text())
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as LoadEvent);
		const last = events.at(-1)!;
		expect(last).not.toHaveProperty('error');
		summary = (last as { summary: typeof summary }).summary;
	}, 60_000);

	it('loads as a ledger, though its name does not say so', () => {
		expect(summary.files).toHaveLength(1);
		expect(summary.files[0]).toMatchObject({ entity: 'ledger', status: 'loaded' });
	});

	it('lists the returned units that matched nothing, as the load counted them, with the reason', async () => {
		const { rows, meta } = await get<UnmatchedRow>('/api/loads/unmatched?limit=10000');
		const units = summary.files[0].ledger!.unmatchedUnits;
		expect(units).toBeGreaterThan(0);
		expect(meta.total_rows).toBe(rows.length);
		expect(rows.reduce((sum, r) => sum + r.units, 0)).toBe(units);
		expect(rows.every((r) => r.file_path.endsWith('.csv') && r.reason.length > 0 && r.line! > 1)).toBe(true);
		expect(rows.every((r) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(r.returned_at))).toBe(true);

		const response = await handler(
			new Request('http://localhost/api/loads/unmatched?format=csv&sort=units&limit=10000', {
				headers: ADMIN_HEADERS
			})
		);
		const [header, ...lines] = parseCsv(await response.text());
		expect(header).toEqual([
			'load_id',
			'file_path',
			'line',
			'rma_id',
			'customer_id',
			'product_id',
			'sku',
			'returned_at',
			'units',
			'reason'
		]);
		expect(lines).toHaveLength(rows.length);
	});

	it('makes orders and RMAs as fresh as the ledger', async () => {
		const { rows } = await get<FreshnessRow>('/api/loads/freshness');
		const loads = await get<{ entity: string; finished_at: string }>('/api/loads?sort=load_id');
		const ledger = loads.rows.find((r) => r.entity === 'ledger')!;
		expect(rows.find((r) => r.entity === 'orders')?.last_load).toBe(ledger.finished_at);
		expect(rows.find((r) => r.entity === 'rmas')?.last_load).toBe(ledger.finished_at);
	});

	it('refuses a sort it does not know, and a preset that does not exist', async () => {
		const bad = await handler(
			new Request('http://localhost/api/loads/unmatched?sort=reason', { headers: ADMIN_HEADERS })
		);
		expect(bad.status).toBe(400);
		const load = await handler(
			new Request('http://localhost/api/loads', {
				method: 'POST',
				headers: { ...ADMIN_HEADERS, 'content-type': 'application/json' },
				body: JSON.stringify({ paths: [SAMPLE], preset: 'no-such-preset' })
			})
		);
		expect(await load.text()).toMatch(/"error":"no preset no-such-preset; the presets are .*ledger/);
	});
});

describe('a returns portal export uploaded with its own mapping', () => {
	const PORTAL = new URL('../../docs/samples/returns-portal.csv', import.meta.url).pathname;
	const MAPPING = new URL('../../pipelines/ingest/presets/returns-portal.mapping.json', import.meta.url).pathname;

	const upload = async (fields: Record<string, string | File>) => {
		const form = new FormData();
		form.set('file', new File([readFileSync(PORTAL)], 'returns-portal.csv'));
		for (const [key, value] of Object.entries(fields)) form.set(key, value);
		return handler(
			new Request('http://localhost/api/loads/upload', { method: 'POST', body: form, headers: ADMIN_HEADERS })
		);
	};

	it('reads the file by the mapping sent with it', async () => {
		const mapping = new File([readFileSync(MAPPING)], 'portal mapping.json');
		const response = await upload({ entity: 'rmas', mapping });
		expect(response.status).toBe(200);
		const last = JSON.parse((await response.text()).trim().split('\n').at(-1)!) as {
			summary: { files: { entity: string; status: string; read: number; rejected: number; orphans: number }[] };
		};
		expect(last.summary.files).toHaveLength(1);
		expect(last.summary.files[0]).toMatchObject({ entity: 'rmas', status: 'loaded', rejected: 0 });
		expect(last.summary.files[0].read).toBe(readFileSync(PORTAL, 'utf8').trim().split('\n').length - 1);

		// Its orders were never loaded here: every row waits for its order, listed with its key.
		const { rows } = await get<WaitingRow>('/api/loads/waiting?limit=1000');
		expect(rows.length).toBe(last.summary.files[0].orphans);
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((r) => r.entity === 'rmas' && r.order_id.startsWith('#') && r.sku.length > 0)).toBe(true);
	});

	it('takes a file input left empty, as a browser sends it, for no mapping', async () => {
		const response = await upload({ entity: 'rmas', mapping: new File([], '') });
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('"summary"');
	});

	it('refuses a mapping that is not a file, and a mapping with a preset', async () => {
		expect((await upload({ entity: 'rmas', mapping: 'rmas.csv' })).status).toBe(400);
		const mapping = new File([readFileSync(MAPPING)], 'mapping.json');
		const both = await upload({ mapping, preset: 'returns-portal' });
		expect(both.status).toBe(400);
		expect(((await both.json()) as { error: string }).error).toMatch(/mapping or a preset, not both/);
	});
});
