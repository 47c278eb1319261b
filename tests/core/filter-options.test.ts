import { describe, expect, it } from 'vitest';
import type { FilterOptions } from '../../src/lib/core/filters/filter-options.ts';
import { useDemoApi } from '../support/demo-api.ts';

const { api, rawFiles } = useDemoApi();

async function options(url: string): Promise<{ status: number; body: FilterOptions & { error?: string } }> {
	const { status, body } = await api.json(url);
	return { status, body: body as unknown as FilterOptions & { error?: string } };
}

/** The distinct values of one column of the raw order lines, as the filter bar should offer them. */
async function rawValues(column: string): Promise<string[]> {
	const rows = await rawFiles.query<{ v: string }>(
		`SELECT DISTINCT ${column} AS v FROM raw_order_lines WHERE ${column} IS NOT NULL`
	);
	return rows.map((r) => r.v).sort();
}

describe('GET /api/filter-options', () => {
	it('offers every value of every dimension in the raw files, and the order dates', async () => {
		const { status, body } = await options('/api/filter-options');
		expect(status).toBe(200);
		expect(Object.keys(body.dimensions).sort()).toEqual([
			'category',
			'channel',
			'country',
			'product',
			'sku',
			'supplier'
		]);
		for (const [dimension, column] of [
			['category', 'category'],
			['supplier', 'supplier'],
			['channel', 'channel'],
			['country', 'country'],
			['product', 'product_id'],
			['sku', 'sku']
		] as const) {
			const keys = body.dimensions[dimension]!.map((o) => o.key);
			expect(keys.slice().sort(), dimension).toEqual(await rawValues(column));
		}
		expect(body.dimensions.category!.length).toBeGreaterThanOrEqual(5);

		// Sorted by label, whatever the case, so people find a name where they expect it.
		const labels = body.dimensions.product!.map((o) => o.label.toLowerCase());
		expect(labels).toEqual(labels.slice().sort());
		const [named] = await rawFiles.query<{ product_id: string; product_name: string }>(
			`SELECT product_id, any_value(product_name) AS product_name FROM raw_order_lines
			 WHERE product_name IS NOT NULL GROUP BY product_id ORDER BY product_id LIMIT 1`
		);
		expect(body.dimensions.product!.find((o) => o.key === named.product_id)?.label).toBe(named.product_name);

		const [dates] = await rawFiles.query<{ first: string; last: string }>(
			`SELECT strftime(min(ordered_at), '%Y-%m-%d') AS first, strftime(max(ordered_at), '%Y-%m-%d') AS last
			 FROM raw_order_lines`
		);
		expect(body.orderDates).toEqual(dates);
	});

	it('answers only the dimensions asked for', async () => {
		const { status, body } = await options('/api/filter-options?dimension=country&dimension=channel');
		expect(status).toBe(200);
		expect(Object.keys(body.dimensions).sort()).toEqual(['channel', 'country']);
		expect(body.dimensions.country).toEqual((await rawValues('country')).map((c) => ({ key: c, label: c })));
	});

	it('rejects an unknown dimension or parameter with a 400 that names it', async () => {
		const colour = await options('/api/filter-options?dimension=colour');
		expect(colour.status).toBe(400);
		expect(colour.body.error).toMatch(/dimension/);
		const extra = await options('/api/filter-options?category=shoes');
		expect(extra.status).toBe(400);
		expect(extra.body.error).toMatch(/category/);
	});
});
