import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { openDatabase } from '../../src/lib/core/db/db.ts';
import { GOOD_ORDERS, ORDER_HEADER, csv, ndjson, query, tempDir, writeText } from './fixtures.ts';

const EXPECTED = [
	{
		line_id: 'L1',
		ordered_at: '2025-03-14 09:30:00',
		quantity: 2,
		unit_price: '19.90',
		delivered_at: '2025-03-16 00:00:00'
	},
	{
		line_id: 'L2',
		ordered_at: '2025-03-14 09:30:00',
		quantity: 1,
		unit_price: '9.95',
		delivered_at: '2025-03-16 10:00:00'
	},
	{ line_id: 'L3', ordered_at: '2025-03-15 00:00:00', quantity: 1, unit_price: '19.90', delivered_at: null }
];

async function loadedOrders(dbPath: string) {
	return query(
		dbPath,
		`SELECT line_id, strftime(ordered_at, '%Y-%m-%d %H:%M:%S') AS ordered_at, quantity,
		        unit_price::VARCHAR AS unit_price, strftime(delivered_at, '%Y-%m-%d %H:%M:%S') AS delivered_at
		 FROM orders ORDER BY line_id`
	);
}

const asObjects = () => GOOD_ORDERS.map((row) => Object.fromEntries(ORDER_HEADER.map((h, i) => [h, row[i]])));

describe('formats', () => {
	for (const name of ['orders.csv', 'orders.csv.gz', 'orders.ndjson', 'orders.ndjson.gz']) {
		it(`loads ${name}`, async () => {
			const dir = tempDir();
			const text = name.includes('csv') ? csv(ORDER_HEADER, GOOD_ORDERS) : ndjson(asObjects());
			writeText(dir, name, text);
			const summary = await ingest({ dbPath: join(dir, 'db.duckdb'), paths: [dir] });
			expect(summary.errors).toEqual([]);
			expect(summary.files.map((f) => [f.read, f.loaded, f.rejected])).toEqual([[3, 3, 0]]);
			expect(await loadedOrders(join(dir, 'db.duckdb'))).toEqual(EXPECTED);
		});
	}

	it('loads Parquet, typed or not', async () => {
		const dir = tempDir();
		const csvPath = writeText(dir, 'source.csv', csv(ORDER_HEADER, GOOD_ORDERS));
		const db = await openDatabase(join(dir, 'scratch.duckdb'));
		const connection = await db.connect();
		await connection.run(
			`COPY (SELECT * FROM read_csv($src, all_varchar = true))
			 TO '${join(dir, 'orders-text.parquet')}' (FORMAT parquet)`,
			{ src: csvPath }
		);
		await connection.run(
			`COPY (SELECT line_id, order_id, ordered_at::TIMESTAMP AS ordered_at, customer_id, sku, product_id,
			              quantity::INTEGER AS quantity, unit_price::DECIMAL(18,2) AS unit_price,
			              delivered_at::TIMESTAMPTZ AS delivered_at
			       FROM read_csv($src, all_varchar = true))
			 TO '${join(dir, 'orders-typed.parquet')}' (FORMAT parquet)`,
			{ src: csvPath }
		);
		db.close();
		for (const file of ['orders-text.parquet', 'orders-typed.parquet']) {
			const dbPath = join(dir, `${file}.duckdb`);
			const summary = await ingest({ dbPath, paths: [join(dir, file)] });
			expect(summary.files.map((f) => [f.format, f.read, f.loaded])).toEqual([['parquet', 3, 3]]);
			expect(await loadedOrders(dbPath)).toEqual(EXPECTED);
		}
	});

	it('keeps extra columns out of the way and matches headers case-insensitively', async () => {
		const dir = tempDir();
		const header = ORDER_HEADER.map((h) => h.toUpperCase()).concat('internal_note');
		writeText(
			dir,
			'orders.csv',
			csv(
				header,
				GOOD_ORDERS.map((r) => [...r, 'ignore me, please'])
			)
		);
		const summary = await ingest({ dbPath: join(dir, 'db.duckdb'), paths: [dir] });
		expect(summary.files[0].loaded).toBe(3);
		expect(await loadedOrders(join(dir, 'db.duckdb'))).toEqual(EXPECTED);
	});

	it('reads quoted fields holding commas, quotes and newlines', async () => {
		const dir = tempDir();
		writeText(dir, 'orders.csv', csv(ORDER_HEADER, GOOD_ORDERS));
		const comment = 'Zu klein, "leider"\nbitte Größe 42';
		writeText(
			dir,
			'rmas.csv',
			csv(
				['rma_id', 'line_id', 'created_at', 'quantity', 'status', 'reason_text'],
				[['R1', 'L1', '2025-03-20', 1, 'received', comment]]
			)
		);
		await ingest({ dbPath: join(dir, 'db.duckdb'), paths: [dir] });
		expect(await query(join(dir, 'db.duckdb'), 'SELECT reason_text FROM rmas')).toEqual([{ reason_text: comment }]);
	});
});
