import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { buildInParts } from '../../src/lib/core/store/build-in-parts.ts';

describe('buildInParts', () => {
	it('builds what one statement would, sorted or not, from bound parts, with no staging table left', async () => {
		const instance = await DuckDBInstance.create(':memory:');
		const connection = await instance.connect();
		try {
			await connection.run(
				`CREATE TABLE sales AS SELECT range % 1000 AS customer, range % 7 AS product FROM range(20000)`
			);
			const grouped = (where: string) =>
				`SELECT customer, count(DISTINCT product) AS products, list_sort(list(DISTINCT product)) AS bought
				 FROM sales WHERE ${where} GROUP BY customer`;
			for (const { sql } of buildInParts(
				'facts',
				3,
				(part) => grouped(`customer % 3 = ${part}`),
				'customer DESC'
			))
				await connection.run(sql);
			await connection.run(`CREATE TABLE whole AS ${grouped('TRUE')} ORDER BY customer DESC`);

			const rows = async (table: string) =>
				(await connection.runAndReadAll(`SELECT * FROM ${table}`)).getRowsJS();
			const built = await rows('facts');
			expect(built).toHaveLength(1000);
			expect(built).toEqual(await rows('whole'));
			const staged = await connection.runAndReadAll(
				`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'facts_parts'`
			);
			expect(staged.getRowsJS()).toEqual([[0n]]);

			const bound = (part: number) => ({ sql: grouped('customer % 3 = $part'), params: { part } });
			for (const { sql, params } of buildInParts('bound', 3, bound, 'customer DESC'))
				await connection.run(sql, params);
			expect(await rows('bound')).toEqual(built);

			for (const { sql } of buildInParts('unsorted', 3, (part) => grouped(`customer % 3 = ${part}`)))
				await connection.run(sql);
			const unsorted = await rows('unsorted ORDER BY customer DESC');
			expect(unsorted).toEqual(built);
			const staging = await connection.runAndReadAll(
				`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'unsorted_parts'`
			);
			expect(staging.getRowsJS()).toEqual([[0n]]);
		} finally {
			connection.closeSync();
			instance.closeSync();
		}
	});
});
