import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { loadPreset } from '../../pipelines/ingest/mapping.ts';
import { apiClient } from '../support/api-client.ts';
import { recomputeLedger, type LedgerRow } from './ledger-rule.ts';
import { csv, query, tempDir, writeText } from './fixtures.ts';

const FIXTURES = new URL('../fixtures/uci-online-retail/', import.meta.url).pathname;
const SAMPLE = join(FIXTURES, 'online-retail-sample.csv');
const DECEMBER = join(FIXTURES, 'online-retail-2010-12.csv');

/** The raw rows of a UCI file, read as text in file order. */
async function uciRows(path: string, at: (text: string) => string | number): Promise<LedgerRow[]> {
	const db = await DuckDBInstance.create(':memory:');
	const connection = await db.connect();
	const reader = await connection.runAndReadAll(`SELECT * FROM read_csv($path, all_varchar = true, header = true)`, {
		path
	});
	const rows = reader.getRowObjectsJS() as Record<string, string | null>[];
	connection.closeSync();
	db.closeSync();
	return rows.map((r) => ({
		customer: r.CustomerID ?? '',
		product: r.StockCode ?? '',
		at: at(r.InvoiceDate ?? ''),
		quantity: Number(r.Quantity),
		price: Number(r.UnitPrice)
	}));
}

/** Every product's sold and returned units and unit return rate, as the API reports them. */
async function apiRates(dbPath: string) {
	const api = await apiClient(dbPath);
	try {
		const { body } = await api.json<{ key: string; sold_units: number; returned_units: number }>(
			'/api/return-rates?by=product&from=2010-01-01&to=2012-12-31&limit=10000&minUnits=1'
		);
		return new Map(body.rows.map((r) => [r.key, { sold: r.sold_units, returned: r.returned_units }]));
	} finally {
		api.close();
	}
}

const LEDGER_HEADER = ['order_id', 'ordered_at', 'customer_id', 'product_id', 'quantity', 'unit_price'];

describe('ledgers', () => {
	it('loads a UCI Online Retail ledger as exported, mapping column names only, by the matching rule', async () => {
		const dir = tempDir();
		const dbPath = join(dir, 'db.duckdb');
		const summary = await ingest({
			dbPath,
			paths: [SAMPLE],
			entity: 'ledger',
			mapping: await loadPreset('ledger')
		});
		expect(summary.errors).toEqual([]);
		const [file] = summary.files;
		expect(file).toMatchObject({ entity: 'ledger', status: 'loaded', read: 2581, rejected: 107 });
		expect(file.dialect).toMatchObject({ delimiter: ',', decimal: '.', dateOrder: 'iso' });
		expect(file.ledger!.returnLines).toBeGreaterThan(400);
		expect(file.ledger!.matchedUnits).toBeGreaterThan(0);
		expect(file.ledger!.unmatchedUnits).toBe(file.ledger!.returnedUnits - file.ledger!.matchedUnits);

		const expected = recomputeLedger(await uciRows(SAMPLE, (t) => t));
		const rates = await apiRates(dbPath);
		expect(rates.size).toBe(expected.size);
		for (const [product, figures] of expected) expect([product, rates.get(product)]).toEqual([product, figures]);
		const [kept] = await query<{ rows: bigint; units: bigint }>(
			dbPath,
			'SELECT count(*) AS rows, sum(units) AS units FROM unmatched_returns'
		);
		expect(Number(kept.units)).toBe(file.ledger!.unmatchedUnits);
	});

	it('refuses the December 2010 export until its date form is stated, then matches its returns', async () => {
		const dir = tempDir();
		const dbPath = join(dir, 'db.duckdb');
		const preset = await loadPreset('ledger');
		const unsure = await ingest({ dbPath, paths: [DECEMBER], entity: 'ledger', mapping: preset });
		expect(unsure.files).toEqual([]);
		expect(unsure.errors[0].message).toMatch(
			/no date in the file tells whether 12\/1\/10 .* is day or month first/
		);
		expect(await query(dbPath, 'SELECT count(*)::INTEGER AS n FROM orders')).toEqual([{ n: 0 }]);

		const mapping = { ...preset, format: { date: '%m/%d/%y' } };
		const summary = await ingest({ dbPath, paths: [DECEMBER], entity: 'ledger', mapping });
		expect(summary.files[0]).toMatchObject({ status: 'loaded', read: 2519 });
		const toMs = (t: string) => {
			const [m, d, y, h, min] = t.split(/[/ :]/).map(Number);
			return Date.UTC(2000 + y, m - 1, d, h, min);
		};
		const expected = recomputeLedger(await uciRows(DECEMBER, toMs));
		const rates = await apiRates(dbPath);
		for (const [product, figures] of expected) expect([product, rates.get(product)]).toEqual([product, figures]);
		expect([...expected.values()].reduce((sum, f) => sum + f.returned, 0)).toBeGreaterThan(100);
	});

	it('splits a return over the most recent lines first, and keeps what matches nothing with its reason', async () => {
		const dir = tempDir();
		writeText(
			dir,
			'ledger.csv',
			csv(
				[...LEDGER_HEADER, 'sku'],
				[
					['O1', '2025-01-01 10:00', 'C1', 'P1', 2, '10.00', null],
					['O2', '2025-01-05 10:00', 'C1', 'P1', 1, '12.00', null],
					['R1', '2025-01-10 10:00', 'C1', 'P1', -2, '12.00', null],
					['O3', '2025-01-02 10:00', 'C2', 'P2', 1, '5.00', 'P2-S'],
					['O3', '2025-01-02 10:00', 'C2', 'P2', 1, '5.00', 'P2-M'],
					['R2', '2025-01-03 10:00', 'C2', 'P2', -1, '5.00', 'P2-M'],
					['R3', '2025-01-01 09:00', 'C3', 'P3', -1, '7.00', null],
					['O4', '2025-01-02 09:00', 'C3', 'P3', 1, '7.00', null],
					['O5', '2025-01-02 09:00', 'C4', 'P4', 1, '9.00', null],
					['R4', '2025-01-03 09:00', 'C4', 'P4', -3, '9.00', null],
					['O6', '2025-01-02 09:00', null, 'P4', 1, '9.00', null],
					['O7', '2025-01-02 09:00', 'C4', 'P4', 1, '-9.00', null],
					['O8', '2025-01-02 09:00', 'C4', 'P4', 0, '9.00', null]
				]
			)
		);
		const dbPath = join(dir, 'db.duckdb');
		const summary = await ingest({ dbPath, paths: [dir] });
		expect(summary.files[0]).toMatchObject({ entity: 'ledger', read: 13, loaded: 10, rejected: 3 });
		expect(summary.files[0].ledger).toEqual({
			orderLines: 6,
			returnLines: 4,
			returnedUnits: 7,
			matchedUnits: 4,
			rmaLines: 4,
			unmatchedUnits: 3
		});
		expect(await query(dbPath, 'SELECT line_id, sku, quantity FROM orders ORDER BY line_id')).toEqual([
			{ line_id: 'O1/1', sku: 'P1', quantity: 2 },
			{ line_id: 'O2/1', sku: 'P1', quantity: 1 },
			{ line_id: 'O3/1', sku: 'P2-S', quantity: 1 },
			{ line_id: 'O3/2', sku: 'P2-M', quantity: 1 },
			{ line_id: 'O4/1', sku: 'P3', quantity: 1 },
			{ line_id: 'O5/1', sku: 'P4', quantity: 1 }
		]);
		expect(
			await query(
				dbPath,
				`SELECT rma_id, line_id, quantity, status, resolution, strftime(created_at, '%Y-%m-%d %H:%M') AS at
				 FROM rmas ORDER BY rma_id, line_id`
			)
		).toEqual([
			{
				rma_id: 'R1',
				line_id: 'O1/1',
				quantity: 1,
				status: 'refunded',
				resolution: 'refund',
				at: '2025-01-10 10:00'
			},
			{
				rma_id: 'R1',
				line_id: 'O2/1',
				quantity: 1,
				status: 'refunded',
				resolution: 'refund',
				at: '2025-01-10 10:00'
			},
			{
				rma_id: 'R2',
				line_id: 'O3/2',
				quantity: 1,
				status: 'refunded',
				resolution: 'refund',
				at: '2025-01-03 10:00'
			},
			{
				rma_id: 'R4',
				line_id: 'O5/1',
				quantity: 1,
				status: 'refunded',
				resolution: 'refund',
				at: '2025-01-03 09:00'
			}
		]);
		expect(
			await query(
				dbPath,
				'SELECT rma_id, line::INTEGER AS line, units, reason FROM unmatched_returns ORDER BY rma_id'
			)
		).toEqual([
			{
				rma_id: 'R3',
				line: 8,
				units: 1,
				reason: 'customer C3 bought no units of product P3 at or before 2025-01-01 09:00'
			},
			{
				rma_id: 'R4',
				line: 11,
				units: 2,
				reason:
					'2 of 3 units unmatched: customer C4 had no more units of product P4 left from purchases ' +
					'at or before 2025-01-03 09:00'
			}
		]);
		expect(await query(dbPath, 'SELECT line::INTEGER AS line, reason FROM rejects ORDER BY line')).toEqual([
			{ line: 12, reason: 'missing customer_id' },
			{ line: 13, reason: 'unit_price "-9.00" is not an amount ≥ 0' },
			{ line: 14, reason: 'quantity "0" is not a whole number other than 0' }
		]);
	});

	it('matches returns to lines of earlier loads, and a changed file replaces its own returns', async () => {
		const dir = tempDir();
		const dbPath = join(dir, 'db.duckdb');
		const january = writeText(
			dir,
			'ledger-01.csv',
			csv(LEDGER_HEADER, [['O1', '2025-01-01', 'C1', 'P1', 3, '10']])
		);
		const february = (units: number) =>
			writeText(dir, 'ledger-02.csv', csv(LEDGER_HEADER, [['R1', '2025-02-01', 'C1', 'P1', -units, '10']]));
		await ingest({ dbPath, paths: [january] });
		await ingest({ dbPath, paths: [february(2)] });
		expect(await query(dbPath, 'SELECT rma_id, line_id, quantity FROM rmas')).toEqual([
			{ rma_id: 'R1', line_id: 'O1/1', quantity: 2 }
		]);
		const again = await ingest({ dbPath, paths: [february(2)] });
		expect(again.files[0].status).toBe('unchanged');
		await ingest({ dbPath, paths: [february(3)] });
		expect(await query(dbPath, 'SELECT rma_id, line_id, quantity FROM rmas')).toEqual([
			{ rma_id: 'R1', line_id: 'O1/1', quantity: 3 }
		]);
	});

	it('loads a gzipped ledger of 500,000 lines', { timeout: 240_000 }, async () => {
		const dir = tempDir();
		const base = Date.UTC(2025, 0, 1);
		const at = (seconds: number) => new Date(base + seconds * 1000).toISOString();
		const rows: string[] = [LEDGER_HEADER.join(',')];
		let returnedUnits = 0;
		for (let k = 0; k < 450_000; k++) {
			rows.push(`O${k >> 2},${at(k)},C${k % 30_011},P${k % 450},${1 + (k % 3)},${(k % 50) + 0.99}`);
		}
		// Every ninth order line comes back whole, after all the orders; the last 50 returns bought nothing.
		for (let r = 0; r < 50_000; r++) {
			const k = r * 9;
			const units = r < 49_950 ? 1 + (k % 3) : 1;
			if (r < 49_950) returnedUnits += units;
			rows.push(`R${r},${at(450_000 + r)},C${r < 49_950 ? k % 30_011 : 'X'},P${k % 450},-${units},1.00`);
		}
		const path = writeText(dir, 'ledger-2025.csv.gz', rows.join('\n') + '\n');
		const summary = await ingest({ dbPath: join(dir, 'db.duckdb'), paths: [path] });
		expect(summary.errors).toEqual([]);
		expect(summary.files[0]).toMatchObject({ read: 500_000, loaded: 500_000, rejected: 0 });
		expect(summary.files[0].ledger).toMatchObject({
			orderLines: 450_000,
			returnLines: 50_000,
			matchedUnits: returnedUnits,
			unmatchedUnits: 50
		});
	});
});
