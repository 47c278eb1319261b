import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openDatabase, type Database } from '../../src/lib/core/db/db.ts';
import { chanceWords, levelWords } from '../../src/lib/features/fraud/fraud.ts';
import {
	binomialLogTailBound,
	exactBinomialLogTail,
	exactPoissonBinomialLogTail,
	exactPoissonLogTail,
	poissonLogTailBound
} from './chance.ts';

const CHANCE_SQL = readFileSync(new URL('../../src/lib/core/sql/chance.sql', import.meta.url), 'utf8');

let db: Database;
let connection: DuckDBConnection;

beforeAll(async () => {
	db = await openDatabase(':memory:');
	connection = await db.connect();
	await connection.run(CHANCE_SQL);
});
afterAll(() => {
	connection?.closeSync();
	db?.close();
});

async function sql<T>(query: string, params: Record<string, number>): Promise<T> {
	return (await connection.runAndReadAll(query, params)).getRowObjectsJS()[0] as T;
}

/** [lines, returned, rate]: the case, serial returners of a 20 % and a 50 % shop, ordinary customers. */
const BINOMIAL: [number, number, number][] = [
	[26, 20, 0.15],
	[12, 12, 0.27],
	[14, 13, 0.27],
	[45, 44, 0.6],
	[36, 35, 0.6],
	[10, 6, 0.2],
	[40, 24, 0.2],
	[80, 38, 0.27],
	[1000, 300, 0.2],
	[5, 3, 0.03],
	[3, 2, 0.05],
	[100, 51, 0.5]
];

/** [expected, observed]: incidents of planted customers and of large buyers. */
const POISSON: [number, number][] = [
	[0.0032, 2],
	[0.016, 2],
	[0.04, 3],
	[0.04, 4],
	[0.69, 2],
	[5, 12],
	[1e-4, 3],
	[2.5, 3]
];

describe('chance.sql: tail chances', () => {
	it('bounds the binomial tail from above, within 1 / (1 − ratio) of the exact tail', async () => {
		for (const [n, k, p] of BINOMIAL) {
			const { bound } = await sql<{ bound: number }>('SELECT binomial_log_tail($n, $k, $p) AS bound', {
				n,
				k,
				p
			});
			const exact = exactBinomialLogTail(n, k, p);
			const ratio = ((n - k) * p) / ((k + 1) * (1 - p));
			expect(bound, `${k} of ${n} at ${p}`).toBeCloseTo(binomialLogTailBound(n, k, p), 9);
			expect(bound, `${k} of ${n} at ${p}`).toBeGreaterThanOrEqual(exact - 1e-9);
			if (ratio < 1)
				expect(bound - exact, `${k} of ${n} at ${p}`).toBeLessThanOrEqual(-Math.log(1 - ratio) + 1e-9);
			else expect(bound).toBe(0);
		}
		// The customer: 20 of 26 lines where 15 % come back has a chance near 3 in a trillion.
		const { bound } = await sql<{ bound: number }>('SELECT binomial_log_tail(26, 20, 0.15) AS bound', {});
		expect(Math.exp(bound)).toBeGreaterThan(2e-12);
		expect(Math.exp(bound)).toBeLessThan(4e-12);
	});

	it('bounds the Poisson tail from above, within 1 / (1 − ratio) of the exact tail', async () => {
		for (const [mu, k] of POISSON) {
			const { bound } = await sql<{ bound: number }>('SELECT poisson_log_tail($mu, $k) AS bound', { mu, k });
			const exact = exactPoissonLogTail(mu, k);
			expect(bound, `${k} at ${mu}`).toBeCloseTo(poissonLogTailBound(mu, k), 9);
			expect(bound, `${k} at ${mu}`).toBeGreaterThanOrEqual(exact - 1e-9);
			expect(bound - exact, `${k} at ${mu}`).toBeLessThanOrEqual(-Math.log(1 - mu / (k + 1)) + 1e-9);
		}
	});

	it('says a chance of 1 where nothing stands out, and stays a number where the exact tail underflows', async () => {
		const row = await sql<Record<string, number>>(
			`SELECT binomial_log_tail(10, 1, 0.2) AS expected, binomial_log_tail(10, 0, 0.2) AS none,
			   binomial_log_tail(5, 6, 0.2) AS impossible, binomial_log_tail(3, 1, 0) AS never,
			   binomial_log_tail(2000, 2000, 0.01) AS tiny, poisson_log_tail(3, 2) AS poisson_expected,
			   poisson_log_tail(0, 1) AS poisson_never`,
			{}
		);
		expect(row).toEqual({
			expected: 0,
			none: 0,
			impossible: Math.log(1e-300),
			never: Math.log(1e-300),
			tiny: Math.log(1e-300),
			poisson_expected: 0,
			poisson_never: Math.log(1e-300)
		});
	});

	it('bounds a mix of rates by the binomial of their mean (Hoeffding), as serial returning does', () => {
		const mixes: [number[], number][] = [
			[[...Array(10).fill(0.3), ...Array(10).fill(0.03)], 10],
			[[...Array(15).fill(0.55), ...Array(5).fill(0.1)], 19],
			[[0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1, 0.05, 0.3, 0.3, 0.3, 0.3], 11]
		];
		for (const [ps, k] of mixes) {
			const mean = ps.reduce((a, b) => a + b, 0) / ps.length;
			expect(binomialLogTailBound(ps.length, k, mean)).toBeGreaterThanOrEqual(exactPoissonBinomialLogTail(ps, k));
		}
	});

	it('writes chances and expected counts in words, as the evidence does', async () => {
		const words = await sql<Record<string, string>>(
			`SELECT chance_words(ln(3.4e-7)) AS million, chance_words(ln(2.9e-12)) AS hundred_billion,
			   chance_words(ln(1e-300)) AS trillion, chance_words(ln(5e-5)) AS ten_thousand,
			   expected_words(3.94) AS three, expected_words(0.0436) AS small, expected_words(0.998) AS one,
			   expected_words(0.00004) AS tiny`,
			{}
		);
		expect(words).toEqual({
			million: 'below 1 in a million',
			hundred_billion: 'below 1 in 100 billion',
			trillion: 'below 1 in a trillion',
			ten_thousand: 'below 1 in 10,000',
			three: '3.9',
			small: '0.044',
			one: '1.0',
			tiny: 'under 0.001'
		});
		expect([3.4e-7, 2.9e-12, 0, 5e-5].map(chanceWords)).toEqual([
			words.million,
			words.hundred_billion,
			words.trillion,
			words.ten_thousand
		]);
		expect([1e-6, 1e-4, 1e-12].map(levelWords)).toEqual(['1 in a million', '1 in 10,000', '1 in a trillion']);
	});
});
