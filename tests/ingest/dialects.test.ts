import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { describeDialect } from '../../pipelines/ingest/dialect.ts';
import { GOOD_ORDERS, ORDER_HEADER, csv, query, tempDir } from './fixtures.ts';
import { delimited, windows1252 } from './reshape.ts';

const EXPECTED = [
	{ line_id: 'L1', ordered_at: '2025-03-14 09:30:00', unit_price: '19.90', product_name: 'Größe 42 – €' },
	{ line_id: 'L2', ordered_at: '2025-03-14 09:30:00', unit_price: '9.95', product_name: 'Größe 42 – €' },
	{ line_id: 'L3', ordered_at: '2025-03-15 00:00:00', unit_price: '19.90', product_name: 'Größe 42 – €' }
];
const HEADER = [...ORDER_HEADER.slice(0, -1), 'product_name'];
const NAME = 'Größe 42 – €';

/** The good orders, in the contract's values or as a German spreadsheet writes them. */
function orders(german: boolean): string[][] {
	const at = ['14.03.2025 09:30', '14.03.2025 09:30', '15.03.2025'];
	return GOOD_ORDERS.map((row, i) => [
		...row.slice(0, 2).map(String),
		german ? at[i] : String(row[2]),
		...row.slice(3, 8).map((v) => (v === null ? '' : String(v))),
		german ? String(row[8]).replace('.', ',') : String(row[8]),
		NAME
	]);
}

async function loaded(dbPath: string) {
	return query(
		dbPath,
		`SELECT line_id, strftime(ordered_at, '%Y-%m-%d %H:%M:%S') AS ordered_at, unit_price::VARCHAR AS unit_price,
		        product_name FROM orders ORDER BY line_id`
	);
}

async function load(name: string, bytes: Buffer | string, mapping?: object) {
	const dir = tempDir();
	writeFileSync(join(dir, name), bytes);
	const dbPath = join(dir, 'db.duckdb');
	const summary = await ingest({ dbPath, paths: [dir], mapping });
	return { summary, dbPath, file: summary.files[0], rows: await loaded(dbPath) };
}

describe('file dialects', () => {
	for (const [name, delimiter] of [
		['orders.csv', ';'],
		['orders.tsv', '\t'],
		['orders.txt', '|']
	]) {
		it(`detects ${JSON.stringify(delimiter)} as the delimiter`, async () => {
			const { file, rows } = await load(name, delimited(HEADER, orders(false), delimiter));
			expect(file.dialect).toMatchObject({ delimiter, encoding: 'utf-8', decimal: '.', dateOrder: 'iso' });
			expect(rows).toEqual(EXPECTED);
		});
	}

	it('reads a German spreadsheet: Windows-1252, semicolons, decimal commas, dd.mm.yyyy and a time', async () => {
		const text = delimited(HEADER, orders(true), ';');
		const { file, rows } = await load('orders.csv', windows1252(text));
		expect(rows).toEqual(EXPECTED);
		expect(describeDialect(file.dialect!)).toBe(
			'windows-1252, semicolon-separated, decimal comma, dates day-first (%d.%m.%Y)'
		);
	});

	it('reads UTF-8 with a byte-order mark, and UTF-16 with one', async () => {
		const text = delimited(HEADER, orders(true), ';');
		const bom = await load('orders.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
		expect(bom.file.dialect).toMatchObject({ encoding: 'utf-8', bom: true });
		expect(bom.rows).toEqual(EXPECTED);
		const utf16 = await load(
			'orders.csv',
			Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
		);
		expect(utf16.file.dialect).toMatchObject({ encoding: 'utf-16le', bom: true });
		expect(utf16.rows).toEqual(EXPECTED);
	});

	it('loads a file whole in Windows-1252 when it stops being UTF-8 after its first megabyte', async () => {
		const filler = Array.from({ length: 25_000 }, (_, i) => [
			`F${i}`,
			'O9',
			'2025-03-01',
			'C9',
			'X',
			'X',
			'misc',
			'1',
			'1',
			'plain'
		]);
		const text = csv(HEADER, [...filler, ...orders(false)]);
		expect(text.indexOf(NAME)).toBeGreaterThan(1 << 20);
		const { summary, file, rows } = await load('orders.csv', windows1252(text));
		expect(summary.errors).toEqual([]);
		expect(file).toMatchObject({ read: 25_003, loaded: 25_003, rejected: 0 });
		expect(file.dialect?.encoding).toBe('windows-1252');
		expect(rows.filter((r) => String(r.line_id).startsWith('L'))).toEqual(EXPECTED);
	});

	it('refuses a file that is not UTF-8 when the mapping says it is, loading nothing of it', async () => {
		const text = delimited(HEADER, orders(false), ';');
		const mapping = { orders: { format: { encoding: 'utf-8' } } };
		const { summary, dbPath } = await load('orders.csv', windows1252(text), mapping);
		expect(summary.files).toEqual([]);
		expect(summary.errors[0].message).toMatch(
			/is not valid UTF-8 \(first at line 2\), but the mapping's format says/
		);
		expect(await query(dbPath, 'SELECT count(*)::INTEGER AS n FROM orders')).toEqual([{ n: 0 }]);
	});

	it('settles day or month first from the whole file, and refuses to guess when nothing tells', async () => {
		const filler = Array.from({ length: 30_000 }, (_, i) => [
			`F${i}`,
			'O9',
			'03/04/2025',
			'C9',
			'X',
			'X',
			'1',
			'1'
		]);
		const late = ['L1', 'O1', '25/04/2025 10:00', 'C1', 'X', 'X', '1', '1'];
		const header = ORDER_HEADER.filter((h) => h !== 'category' && h !== 'delivered_at');
		const dayFirst = await load('orders.csv', delimited(header, [...filler, late], ';'));
		expect(dayFirst.file.dialect).toMatchObject({
			dateOrder: 'day-first',
			detected: expect.arrayContaining(['date'])
		});
		expect(
			await query(dayFirst.dbPath, `SELECT DISTINCT strftime(ordered_at, '%Y-%m-%d') AS d FROM orders ORDER BY d`)
		).toEqual([{ d: '2025-04-03' }, { d: '2025-04-25' }]);

		const unsure = await load('orders.csv', delimited(header, filler, ';'));
		expect(unsure.summary.errors[0].message).toMatch(
			/no date in the file tells whether 03\/04\/2025 is day or month first; state it in the mapping's format, "date": "%d\/%m\/%Y" or "%m\/%d\/%Y"/
		);
		const stated = await load('orders.csv', delimited(header, filler.slice(0, 3), ';'), {
			format: { date: '%m/%d/%Y', delimiter: ';', decimal: ',' }
		});
		expect(stated.file.dialect).toMatchObject({ dateOrder: 'month-first', detected: ['encoding'] });
		expect(describeDialect(stated.file.dialect!)).toContain('(stated by the mapping: delimiter, decimal, date)');
	});

	it('rejects an amount in the other decimal form, row by row, saying which form the file uses', async () => {
		const rows = [...orders(true), ['L4', 'O4', '16.03.2025', 'C4', 'TEE-S', 'TEE', 'apparel', '1', '12.50', NAME]];
		const { file, dbPath } = await load('orders.csv', windows1252(delimited(HEADER, rows, ';')));
		expect(file).toMatchObject({ loaded: 3, rejected: 1 });
		const [reject] = await query(dbPath, 'SELECT reason FROM rejects');
		expect(reject).toEqual({ reason: 'unit_price "12.50" is not an amount ≥ 0 (decimal comma, e.g. 12,50)' });
	});
});
