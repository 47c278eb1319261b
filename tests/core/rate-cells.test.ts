import { join } from 'node:path';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Filters } from '../../src/lib/core/filters/filters.ts';
import type { RateDimension } from '../../src/lib/features/return-rates/return-rates.ts';
import type { SupplierRow } from '../../src/lib/features/suppliers/suppliers.ts';
import { MISMATCH_CELLS } from '../../src/lib/features/reasons/mismatch/mismatch-sql.ts';
import {
	LOSS_CELLS,
	RATE_CELLS,
	REASON_CELLS,
	REFUND_CELLS,
	cellLevel,
	cellsExact,
	linesSource,
	splitMonths,
	sumsSource,
	type CellTable,
	type RateGrouping
} from '../../src/lib/core/cells/rate-source-sql.ts';
import {
	buildRateTotalsSql,
	buildReturnRateTrendSql,
	buildReturnRatesSql
} from '../../src/lib/features/return-rates/return-rates-sql.ts';
import { buildSummarySql } from '../../src/lib/features/summary/summary-sql.ts';
import { buildSuppliersSql } from '../../src/lib/features/suppliers/suppliers-sql.ts';
import { openDatabase, type Database } from '../../src/lib/core/db/db.ts';
import { SqlParams } from '../../src/lib/core/db/sql-params.ts';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { csv, tempDir, writeText } from '../ingest/fixtures.ts';
import { apiClient } from '../support/api-client.ts';

describe('splitMonths', () => {
	it('reads whole months from the cells and the days around them from the lines', () => {
		expect(splitMonths('2025-03-05', '2025-06-20')).toEqual({
			months: { from: '2025-04-01', until: '2025-06-01' },
			edges: [
				{ from: '2025-03-05', until: '2025-04-01' },
				{ from: '2025-06-01', until: '2025-06-21' }
			]
		});
		expect(splitMonths('2025-03-01', '2025-05-31')).toEqual({
			months: { from: '2025-03-01', until: '2025-06-01' },
			edges: []
		});
		expect(splitMonths('2025-12-15', undefined)).toEqual({
			months: { from: '2026-01-01', until: undefined },
			edges: [{ from: '2025-12-15', until: '2026-01-01' }]
		});
		expect(splitMonths(undefined, '2025-02-27')).toEqual({
			months: { from: undefined, until: '2025-02-01' },
			edges: [{ from: '2025-02-01', until: '2025-02-28' }]
		});
		expect(splitMonths(undefined, undefined)).toEqual({ months: { from: undefined, until: undefined }, edges: [] });
	});

	it('reads a range inside one month from the lines alone', () => {
		const { months, edges } = splitMonths('2025-03-05', '2025-03-20');
		expect(months.from).toBe(months.until);
		expect(edges).toEqual([{ from: '2025-03-05', until: '2025-03-21' }]);
	});
});

describe('cellLevel', () => {
	it('answers a grouping from the cells only where no order is counted twice', () => {
		expect(cellLevel('product', {})).toBe('product');
		expect(cellLevel('product', { category: ['shoes', 'apparel'], supplier: ['S1'] })).toBe('product');
		expect(cellLevel('product', { channel: ['web'] })).toBeNull();
		expect(cellLevel('product', { sku: ['A-M'] })).toBeNull();
		expect(cellLevel('sku', { product: ['A'] })).toBe('sku');
		expect(cellLevel('category', { country: ['DE'] })).toBe('category');
		expect(cellLevel('category', { supplier: ['S1'] })).toBeNull();
		expect(cellLevel('variant', {})).toBeNull();
		expect(cellLevel('channel', {})).toBe('all');
		expect(cellLevel('channel', { category: ['shoes'] })).toBe('category');
		expect(cellLevel('channel', { product: ['A'] })).toBeNull();
		expect(cellLevel('total', { product: ['A'] })).toBe('product');
		expect(cellLevel('total', { category: ['shoes', 'apparel'] })).toBeNull();
		expect(cellLevel('total', { category: ['shoes'], supplier: ['S1'] })).toBeNull();
		expect(cellLevel('total', { sku: ['A-M'], category: ['shoes'] })).toBe('sku');
	});
});

/** Rows in a stable order, with rates rounded where summing in another order moves the last bits. */
function normalised(rows: Record<string, unknown>[], key: string): Record<string, unknown>[] {
	const round = (v: unknown): unknown =>
		typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(12)) : Array.isArray(v) ? v.map(round) : v;
	return rows
		.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v)])))
		.sort((a, b) => String(a[key]).localeCompare(String(b[key])));
}

describe('rate_cells on the demo database', () => {
	const demo = inject('demoDatabase');
	let db: Database;
	let connection: DuckDBConnection;
	const run = async (build: (exact: boolean, params: SqlParams) => string, exact: boolean) => {
		const params = new SqlParams();
		const sql = build(exact, params);
		return (
			await connection.runAndReadAll(sql, params.values as Record<string, DuckDBValue>)
		).getRowObjectsJson() as Record<string, unknown>[];
	};
	const same = async (build: (exact: boolean, params: SqlParams) => string, key: string) =>
		expect(normalised(await run(build, true), key)).toEqual(normalised(await run(build, false), key));

	let scopes: Filters[] = [];
	beforeAll(async () => {
		db = await openDatabase(demo.dbPath, { readOnly: true });
		connection = await db.connect();
		const pick = async (sql: string) => (await connection.runAndReadAll(sql)).getRows().map((r) => String(r[0]));
		const categories = await pick('SELECT category FROM line_facts GROUP BY 1 ORDER BY count(*) DESC LIMIT 2');
		const [supplier] = await pick('SELECT supplier FROM line_facts GROUP BY 1 ORDER BY count(*) DESC LIMIT 1');
		const [product] = await pick('SELECT product_id FROM line_facts GROUP BY 1 ORDER BY count(*) DESC LIMIT 1');
		const [country] = await pick('SELECT country FROM line_facts GROUP BY 1 ORDER BY count(*) DESC LIMIT 1');
		const [channel] = await pick('SELECT channel FROM line_facts GROUP BY 1 ORDER BY count(*) DESC LIMIT 1');
		const [first, last] = await pick(
			`SELECT strftime(min(ordered_at), '%Y-%m-%d') FROM line_facts
			 UNION ALL SELECT strftime(max(ordered_at), '%Y-%m-%d') FROM line_facts`
		);
		const middle = (shift: number) =>
			new Date(
				Date.parse(`${first}T00:00:00Z`) +
					shift * (Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`))
			)
				.toISOString()
				.slice(0, 10);
		const from = middle(0.2);
		const to = middle(0.7);
		scopes = [
			{},
			{ from, to },
			{ from: `${from.slice(0, 8)}01`, to },
			{ from, to: from.slice(0, 8) + '28' },
			{ to },
			{ category: [categories[0]] },
			{ category: categories, from, to },
			{ supplier: [supplier], from },
			{ product: [product] },
			{ channel: [channel], country: [country], from, to },
			{ category: [categories[0]], country: [country] }
		];
	});
	afterAll(() => {
		connection?.closeSync();
		db?.close();
	});

	it('is exact for the demo data, so the API tests read the cells', async () => {
		expect(await cellsExact(connection)).toBe(true);
	});

	it('gives return rates equal to the order lines’ for every grouping and scope it answers', async () => {
		let fromCells = 0;
		for (const by of ['product', 'sku', 'category', 'supplier', 'channel', 'country'] as RateDimension[]) {
			for (const scope of scopes) {
				if (cellLevel(by as RateGrouping, scope)) fromCells++;
				await same((exact, p) => buildReturnRatesSql(by, scope, 30, exact, p).sql, 'key');
			}
		}
		expect(fromCells).toBeGreaterThan(30);
	});

	it('gives totals, monthly trends, summaries and supplier figures equal to the order lines’', async () => {
		for (const scope of scopes) {
			await same((exact, p) => buildRateTotalsSql(scope, exact, p), 'sold_units');
			await same((exact, p) => buildReturnRateTrendSql('month', 30, scope, exact, p), 'period');
			await same((exact, p) => buildSuppliersSql(scope, 30, exact, p), 'key');
			const period = { from: scope.from ?? '2000-01-01', to: scope.to ?? '2100-01-01' };
			await same(
				(exact, p) => buildSummarySql(period, { from: '1999-01-01', to: '1999-12-31' }, scope, exact, p),
				'period'
			);
		}
	});
});

describe('sums from every kind of cells on the demo database', () => {
	const demo = inject('demoDatabase');
	let db: Database;
	let connection: DuckDBConnection;
	beforeAll(async () => {
		db = await openDatabase(demo.dbPath, { readOnly: true });
		connection = await db.connect();
	});
	afterAll(() => {
		connection?.closeSync();
		db?.close();
	});

	/** The measures per grouping column, grain and month, summed from the cells or from their rows. */
	const summed = async (
		cells: CellTable,
		measures: string,
		fromCells: boolean,
		columns: string[],
		scope: Filters
	) => {
		const params = new SqlParams();
		const rows = fromCells ? sumsSource(columns, scope, params, cells) : linesSource(scope, params, cells);
		const keys = [...columns, ...cells.grain, `strftime(${rows.month}, '%Y-%m')`].join(', ');
		const sql = `SELECT concat_ws('|', ${keys}) AS key, ${measures} FROM (${rows.sql}) GROUP BY ALL`;
		return normalised((await connection.runAndReadAll(sql, params.values)).getRowObjectsJson(), 'key');
	};

	const kinds: [string, CellTable, string][] = [
		[
			'rate',
			RATE_CELLS,
			'sum(sold_units)::BIGINT AS units, sum(sold_value)::VARCHAR AS value, ' +
				'sum(returned_value)::VARCHAR AS returned'
		],
		[
			'reason',
			REASON_CELLS,
			`sum(rma_lines)::BIGINT AS lines, sum(returned_units)::BIGINT AS units,
			 sum(returned_value)::VARCHAR AS value, sum(confirmed_defects)::BIGINT AS confirmed`
		],
		[
			'refund',
			REFUND_CELLS,
			`sum(refunds)::BIGINT AS refunds, sum(amount)::VARCHAR AS amount,
			 sum(return_shipping_cost)::VARCHAR AS shipping, sum(handling_cost)::VARCHAR AS handling,
			 sum(restocking_fee)::VARCHAR AS fees`
		],
		['loss', LOSS_CELLS, 'sum(inspected_lines)::BIGINT AS lines, sum(value_lost)::VARCHAR AS lost'],
		[
			'mismatch',
			MISMATCH_CELLS,
			`sum(inspected_lines)::BIGINT AS lines, sum(condition_used)::BIGINT AS used,
			 sum(defect_confirmed_unknown)::BIGINT AS unknown, sum(item_not_matching)::BIGINT AS switched,
			 sum(unharmed_not_confirmed)::BIGINT AS unharmed`
		]
	];

	it.each(kinds)('%s cells equal their rows for every grouping column and scope', async (_, cells, measures) => {
		let groups = 0;
		for (const columns of [[], ['category'], ['supplier'], ['product_id'], ['sku'], ['channel', 'country']]) {
			for (const scope of [
				{},
				{ from: '2025-03-05', to: '2025-09-20' },
				{ supplier: ['none-such'] },
				{ category: ['shoes', 'apparel'], country: ['DE'] }
			] as Filters[]) {
				const fromCells = await summed(cells, measures, true, columns, scope);
				expect(fromCells).toEqual(await summed(cells, measures, false, columns, scope));
				groups += fromCells.length;
			}
		}
		expect(groups).toBeGreaterThan(1000);
	});
});

describe('rate_cells on data where an order spans two countries', () => {
	it(
		'are marked inexact; the API counts that order once, ' +
			'and the stored supplier report still sums units exactly',
		async () => {
			const dir = tempDir();
			writeText(
				dir,
				'orders.csv',
				csv(
					[
						'line_id',
						'order_id',
						'ordered_at',
						'customer_id',
						'sku',
						'product_id',
						'supplier',
						'country',
						'quantity',
						'unit_price'
					],
					[
						['L1', 'O1', '2025-03-14 09:30:00', 'C1', 'TEE-M', 'TEE', 'S1', 'DE', 1, '19.90'],
						['L2', 'O1', '2025-03-14 09:30:00', 'C1', 'CAP', 'CAP', 'S1', 'FR', 1, '9.95'],
						['L3', 'O2', '2025-03-15 10:00:00', 'C2', 'TEE-S', 'TEE', 'S2', 'DE', 1, '19.90']
					]
				)
			);
			writeText(
				dir,
				'rmas.csv',
				csv(
					['rma_id', 'line_id', 'created_at', 'quantity', 'reason_code', 'status'],
					[['R1', 'L2', '2025-03-20 08:00:00', 1, 'FIT', 'received']]
				)
			);
			const dbPath = join(dir, 'returns.duckdb');
			await ingest({ dbPath, paths: [dir] });
			const api = await apiClient(dbPath);
			try {
				const trend = await api.json<{ order_return_rate: number }>('/api/return-rates/trend?interval=month');
				expect(trend.status).toBe(200);
				expect(trend.body.rows.map((r) => r.order_return_rate)).toEqual([0.5]);
				const summary = await api.json<{ orders: number }>('/api/summary?from=2025-03-01&to=2025-03-31');
				expect(summary.body.rows[0].orders).toBe(2);
				// The stored supplier report sums the cells even here (a product sold by two suppliers too):
				// its figures are sums of units, which inexact cells still hold exactly.
				const stored = await api.json<SupplierRow>('/api/suppliers');
				const live = await api.json<SupplierRow>('/api/suppliers?from=1990-01-01');
				expect(stored.body.rows.map((r) => [r.key, r.sold_units, r.returned_units, r.products])).toEqual([
					['S1', 2, 1, 2],
					['S2', 1, 0, 1]
				]);
				expect(stored.body.rows).toEqual(live.body.rows);
				expect(stored.body.meta.totals).toEqual(live.body.meta.totals);
			} finally {
				api.close();
			}
			const db = await openDatabase(dbPath, { readOnly: true });
			const connection = await db.connect();
			expect(await cellsExact(connection)).toBe(false);
			connection.closeSync();
			db.close();
		}
	);
});
