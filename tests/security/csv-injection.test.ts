import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { csv, tempDir, writeText } from '../ingest/fixtures.ts';
import { csvCell } from '../../src/lib/core/api/list-response.ts';
import { apiClient, parseCsv, type ApiClient } from '../support/api-client.ts';

/**
 * Names from a shop's files that a spreadsheet would run as formulas (OWASP CSV injection): every CSV
 * export writes them as text, with a leading apostrophe, and leaves plain numbers alone.
 */
const HOSTILE = ['=HYPERLINK("http://x.test","click")', '+SUM(1,2)', '-2+3', '@cmd', '\tTabbed', '\rReturn'];

let api: ApiClient;

beforeAll(async () => {
	const dir = tempDir('returnlens-csv-');
	const header = ['line_id', 'order_id', 'ordered_at', 'customer_id', 'sku', 'product_id', 'quantity', 'unit_price'];
	const rows = HOSTILE.map((name, i) => [`L${i}`, `O${i}`, '2025-03-01', `C${i}`, `S${i}`, name, 1, 10]);
	writeText(
		dir,
		'orders.csv',
		csv(
			[...header, 'supplier'],
			rows.map((r, i) => [...r, HOSTILE[i]])
		)
	);
	const dbPath = join(dir, 'returns.duckdb');
	await ingest({ dbPath, paths: [dir] });
	api = await apiClient(dbPath);
});

afterAll(() => api.close());

describe('CSV exports', () => {
	it('write every formula-like name as text with a leading apostrophe', async () => {
		const { status, text } = await api.csv('/api/return-rates?by=product&format=csv');
		expect(status).toBe(200);
		const keys = parseCsv(text)
			.slice(1)
			.map((row) => row[0]);
		expect(keys.sort()).toEqual(HOSTILE.map((name) => `'${name}`).sort());
	});

	it('leave numbers as numbers', async () => {
		const { text } = await api.csv('/api/return-rates?by=supplier&format=csv&sort=key');
		const [header, ...rows] = parseCsv(text);
		const soldUnits = header.indexOf('sold_units');
		expect(rows.map((row) => row[soldUnits])).toEqual(HOSTILE.map(() => '1'));
		expect(rows.every((row) => row[0].startsWith("'"))).toBe(true);
	});

	it.each([
		['-12.50', '-12.50'],
		['+49', '+49'],
		['-1e3', '-1e3'],
		['-', "'-"],
		['=1+1', "'=1+1"],
		['@', "'@"],
		['plain', 'plain']
	])('cell %j is written as %j', (value, written) => {
		expect(csvCell(value)).toBe(written);
	});
});
