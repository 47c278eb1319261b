import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	bucketOf,
	histogramDeltaSql,
	histogramSql,
	quantileBucketsSql,
	quantilesSql
} from '../../src/lib/core/sql/quantile-sql.ts';
import { refundDaysSql, storedSlowRefundsSql } from '../../src/lib/features/timing/timing-sql.ts';

/**
 * The quantiles the incremental refresh reads from a histogram and the values in a few buckets
 * (timing_quantiles, recovery_views' medians) against quantile_cont over every value: the stored
 * figures must not change when a refresh is incremental instead of whole.
 */
describe('quantiles from a histogram', () => {
	let instance: DuckDBInstance;
	let connection: DuckDBConnection;
	const QUANTILES = [0.5, 0.9, 0.1, 0.25, 0.999];

	const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJS();
	const sorted = (list: Record<string, unknown>[]) =>
		list.map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? Number(v) : v))).sort();

	/** Each group's quantiles from the histogram and every value, and from quantile_cont. */
	async function both(histogram: string) {
		await connection.run(
			`CREATE OR REPLACE TEMP TABLE buckets AS ${quantileBucketsSql(histogram, ['g'], QUANTILES)}`
		);
		await connection.run(
			`CREATE OR REPLACE TEMP TABLE bucket_values AS SELECT g, ${bucketOf('v')} AS bucket, v AS value FROM vals
			 WHERE v IS NOT NULL`
		);
		const fromHistogram = await rows(
			`SELECT g, q, value FROM (${quantilesSql('buckets', 'bucket_values', ['g'])})`
		);
		const exact = await rows(
			`SELECT g, unnest([${QUANTILES.map((q) => `CAST(${q} AS DOUBLE)`).join(', ')}]) AS q,
			   unnest(quantile_cont(v, [${QUANTILES.join(', ')}])) AS value
			 FROM vals GROUP BY g HAVING count(v) > 0`
		);
		return { fromHistogram: sorted(fromHistogram), exact: sorted(exact) };
	}

	beforeAll(async () => {
		instance = await DuckDBInstance.create(':memory:');
		connection = await instance.connect();
		// Groups of 1 to 200 000 values: spread over days, bunched on a few seconds, negative, clamped, missing.
		await connection.run(`CREATE TABLE vals AS
			SELECT 'spread' AS g, (random() * 3000000)::INTEGER AS v FROM range(200000)
			UNION ALL SELECT 'bunched', (500000 + floor(random() * 5))::INTEGER FROM range(50000)
			UNION ALL SELECT 'negative', (random() * 20000 - 15000)::INTEGER FROM range(3001)
			UNION ALL SELECT 'clamped', CASE WHEN i % 3 = 0 THEN 2147483647 WHEN i % 3 = 1 THEN -2147483647
			  ELSE (i * 7919)::INTEGER END FROM range(1000) t(i)
			UNION ALL SELECT 'one', 42 UNION ALL SELECT 'two', 7 UNION ALL SELECT 'two', 3600
			UNION ALL SELECT 'missing', NULL::INTEGER UNION ALL SELECT 'spread', NULL::INTEGER`);
		await connection.run(`CREATE TABLE hist AS ${histogramSql(['g'], 'vals', 'v')}`);
	});

	afterAll(() => {
		connection.closeSync();
		instance.closeSync();
	});

	it('equal quantile_cont over every value, to the last bit', async () => {
		const { fromHistogram, exact } = await both('hist');
		expect(exact.length).toBe(6 * QUANTILES.length);
		expect(fromHistogram).toEqual(exact);
	});

	it('still do after values are taken out and put in, and an emptied bucket is dropped', async () => {
		await connection.run(`CREATE TEMP TABLE removed AS
			SELECT * FROM vals WHERE g = 'spread' AND v % 7 = 0 UNION ALL SELECT * FROM vals WHERE g = 'one'`);
		await connection.run(`CREATE TEMP TABLE added AS
			SELECT 'spread' AS g, (random() * 4000000)::INTEGER AS v FROM range(5000)
			UNION ALL SELECT 'new', (random() * 100000)::INTEGER FROM range(777)`);
		await connection.run(
			`CREATE TEMP TABLE changes AS
			${histogramSql(['g'], '(SELECT *, -1 AS sign FROM removed UNION ALL SELECT *, 1 FROM added)', 'v', 'sign')}`
		);
		for (const { sql } of histogramDeltaSql('hist', ['g'], 'changes')) await connection.run(sql);
		await connection.run(`DELETE FROM vals WHERE g = 'spread' AND v % 7 = 0 OR g = 'one'`);
		await connection.run('INSERT INTO vals SELECT * FROM added');

		const rebuilt = await rows(`SELECT * FROM (${histogramSql(['g'], 'vals', 'v')}) ORDER BY ALL`);
		expect(await rows('SELECT * FROM hist ORDER BY ALL')).toEqual(rebuilt);
		expect(await rows(`SELECT * FROM hist WHERE g = 'one' OR n = 0`)).toEqual([]);
		const { fromHistogram, exact } = await both('hist');
		expect(fromHistogram).toEqual(exact);
	});
});

/**
 * The slow refunds of the unfiltered timing view, summed from the stored refund days, against the count
 * of lines past the SLA: on and beside whole days, at and before the RMA, at the largest seconds held.
 */
describe('refunds slower than an SLA, from the refund days', () => {
	it('count the lines whose seconds exceed the SLA’s days, for every SLA', async () => {
		const instance = await DuckDBInstance.create(':memory:');
		const connection = await instance.connect();
		try {
			await connection.run(`CREATE TABLE return_timings AS
				SELECT unnest([NULL, -86400, -1, 0, 1, 86399, 86400, 86401, 172800, 172801, 30 * 86400 - 1,
				  30 * 86400, 30 * 86400 + 1, 365 * 86400, 2147483647]::INTEGER[]) AS seconds_to_refund`);
			await connection.run(`CREATE TABLE timing_refund_days AS ${refundDaysSql().sql}`);
			for (const sla of [1, 2, 29, 30, 31, 364, 365]) {
				const read = async (sql: string) => Number((await connection.runAndReadAll(sql)).getRows()[0][0]);
				const stored = await read(storedSlowRefundsSql(String(sla)));
				const counted = await read(
					`SELECT count(*) FROM return_timings WHERE seconds_to_refund > ${sla} * 86400`
				);
				expect(stored, `SLA ${sla}`).toBe(counted);
			}
		} finally {
			connection.closeSync();
			instance.closeSync();
		}
	});
});
