import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { storedTablesDiffer } from '../../pipelines/bench/compare-refresh.ts';
import { splitLastDays } from '../../pipelines/bench/delta-files.ts';
import { generateDemoData } from '../../pipelines/demo-data/generate.ts';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { FRAUD_STORED } from '../../src/lib/features/fraud/fraud-store.ts';
import { SEGMENTS_STORED } from '../../src/lib/features/segments/segments-store.ts';
import { readRows, writeCsv } from '../support/database-rows.ts';
import { rebuiltCopy } from '../support/full-rebuild.ts';
import { tempDir } from '../support/temp-dirs.ts';

// The fraud flags and segments after incremental refreshes, against the same database rebuilt whole: on
// the default shop, whose planted fraud reaches every flag, after the last days' files and after loads
// that rewrite what the flags and segments read (keys, contacts, customers, keep-it RMAs, inspections).
const dir = tempDir('incremental-fraud-');
const data = join(dir, 'data');
const split = join(dir, 'split');
const dbPath = join(dir, 'returns.duckdb');

const TABLES = new Set(
	[...FRAUD_STORED, ...SEGMENTS_STORED]
		.filter((step) => step.stage === 'fraud' || step.stage === 'segments')
		.flatMap((step) => step.tables.map((table) => table.name))
);

/**
 * customer_facts' products bought, by product and category rather than by fraud_products' numbers (which a
 * rebuild may number otherwise), as rows only one of two databases holds.
 */
async function pairsDiffer(a: string, b: string): Promise<number> {
	const instance = await DuckDBInstance.create(':memory:');
	const connection = await instance.connect();
	try {
		const pairs = async (name: string, path: string) => {
			await connection.run(`ATTACH '${path}' AS ${name} (READ_ONLY)`);
			const [[generation]] = (
				await connection.runAndReadAll(`SELECT generation FROM ${name}.main.analytics_state`)
			).getRowsJS() as [[string]];
			return `(SELECT c.customer_id, p.product_id, p.category, e.lines, e.counted
			  FROM (SELECT customer_id, unnest(pairs, recursive := true) FROM ${name}.${generation}.customer_facts) e
			  JOIN ${name}.${generation}.customer_facts c USING (customer_id)
			  JOIN ${name}.${generation}.fraud_products p ON p.pair = e.pair)`;
		};
		const [pa, pb] = [await pairs('a', a), await pairs('b', b)];
		const [[count]] = (
			await connection.runAndReadAll(
				`SELECT (SELECT count(*) FROM (${pa} EXCEPT ALL ${pb}))
				   + (SELECT count(*) FROM (${pb} EXCEPT ALL ${pa}))`
			)
		).getRowsJS() as [[bigint]];
		return Number(count);
	} finally {
		connection.closeSync();
		instance.closeSync();
	}
}

/** The fraud and segment tables that differ from a copy of the database rebuilt whole. */
async function differencesFromFullRebuild(): Promise<unknown[]> {
	const full = await rebuiltCopy(dbPath);
	const differences: unknown[] = (await storedTablesDiffer(dbPath, full)).filter((d) => TABLES.has(d.table));
	const pairs = await pairsDiffer(dbPath, full);
	return pairs ? [...differences, { table: 'customer_facts.pairs', onlyIn: pairs }] : differences;
}

describe('incremental refresh of the fraud flags and segments', () => {
	beforeAll(async () => {
		await generateDemoData({ lines: 40_000, seed: 4, outDir: data });
		await splitLastDays(data, split, 3);
	}, 120_000);

	it('equals a full rebuild after the last days’ files', async () => {
		expect((await ingest({ dbPath, paths: [join(split, 'base')] })).refreshMode).toBe('full');
		expect((await ingest({ dbPath, paths: [join(split, 'delta')] })).refreshMode).toBe('incremental');
		const flags = await readRows(dbPath, 'SELECT DISTINCT flag FROM fraud_flags');
		expect(flags.length).toBe(6);
		expect(await differencesFromFullRebuild()).toEqual([]);
	}, 300_000);

	it('equals a full rebuild after loads that rewrite keys, contacts, customers and returns', async () => {
		// Order lines of flagged and other customers: one account's address on others' lines (a ring
		// grows, another key loses its accounts), e-mails and countries changed, lines moved to
		// another customer, categories changed. And an address two accounts shared: one of them moves
		// every line of theirs at it to an address of its own, so it is shared no more.
		const [{ key: lostKey, account: lostAccount }] = await readRows(
			dbPath,
			`SELECT key, customers[1] AS account FROM fraud_shared_keys
			 WHERE kind = 'address' AND accounts = 2 ORDER BY key LIMIT 1`
		);
		const orders = await readRows(
			dbPath,
			`WITH moved AS (
			   SELECT * EXCLUDE (load_id) REPLACE ('moved-' || address_key AS address_key) FROM orders
			   WHERE address_key = $key AND customer_id = $account
			 ),
			 picked AS (
			   SELECT o.*, row_number() OVER (ORDER BY o.line_id) AS n FROM orders o
			   WHERE (o.customer_id IN (SELECT customer_id FROM fraud_customers ORDER BY customer_id LIMIT 40)
			      OR hash(o.line_id) % 200 = 0) AND o.line_id NOT IN (SELECT line_id FROM moved)
			 ),
			 rewritten AS (
			   SELECT * EXCLUDE (load_id, n) REPLACE (
			     CASE WHEN n % 5 = 0 THEN (SELECT min(address_key) FROM orders) ELSE address_key END AS address_key,
			     CASE WHEN n % 5 = 1 THEN NULL WHEN n % 5 = 2 THEN 'x' || payment_key ELSE payment_key END
			       AS payment_key,
			     CASE WHEN n % 4 = 0 THEN 'changed-' || line_id || '@example.com' ELSE customer_email END
			       AS customer_email,
			     CASE WHEN n % 7 = 0 THEN NULL ELSE country END AS country,
			     CASE WHEN n % 11 = 0 THEN (SELECT min(customer_id) FROM orders) ELSE customer_id END AS customer_id,
			     CASE WHEN n % 13 = 0 THEN NULL ELSE category END AS category)
			   FROM picked ORDER BY line_id LIMIT 600
			 )
			 SELECT * FROM rewritten UNION ALL SELECT * FROM moved`,
			{ key: String(lostKey), account: String(lostAccount) }
		);
		// RMAs: keep-it RMAs cancelled, returns turned into keep-it ones, and RMAs reloaded with their
		// first line only (the others removed).
		const rmas = await readRows(
			dbPath,
			`WITH keep_it AS (
			   SELECT * EXCLUDE (load_id) REPLACE ('cancelled' AS status) FROM rmas WHERE resolution = 'keep_it'
			   ORDER BY rma_id, line_id LIMIT 20
			 ),
			 turned AS (
			   SELECT * EXCLUDE (load_id) REPLACE ('keep_it' AS resolution, 'refunded' AS status) FROM rmas
			   WHERE resolution = 'refund' AND rma_id IN (SELECT rma_id FROM refunds) ORDER BY rma_id, line_id LIMIT 20
			 ),
			 shortened AS (
			   SELECT * EXCLUDE (load_id) FROM rmas
			   WHERE rma_id IN (SELECT rma_id FROM rmas GROUP BY rma_id HAVING count(*) > 1 ORDER BY rma_id LIMIT 20)
			   QUALIFY row_number() OVER (PARTITION BY rma_id ORDER BY line_id) = 1
			 )
			 SELECT * FROM keep_it UNION ALL SELECT * FROM turned UNION ALL SELECT * FROM shortened`
		);
		// Inspections that found items worn or swapped.
		const inspections = await readRows(
			dbPath,
			`SELECT * EXCLUDE (load_id) REPLACE (
			   CASE WHEN hash(inspection_id) % 2 = 0 THEN 'used' ELSE 'wrong_item' END AS condition,
			   FALSE AS item_matches)
			 FROM inspections WHERE hash(inspection_id) % 40 = 0 ORDER BY inspection_id LIMIT 120`
		);
		const changes = join(dir, 'changes');
		mkdirSync(changes, { recursive: true });
		for (const [name, rows] of Object.entries({ orders, rmas, inspections })) {
			expect(rows.length).toBeGreaterThan(0);
			writeCsv(join(changes, `${name}.csv`), rows);
		}
		const summary = await ingest({ dbPath, paths: [changes] });
		expect(summary.files.map((f) => f.status)).toEqual(summary.files.map(() => 'loaded'));
		expect(summary.refreshMode).toBe('incremental');
		const lost = await readRows(dbPath, `SELECT * FROM fraud_shared_keys WHERE key = $key`, {
			key: String(lostKey)
		});
		expect(lost).toEqual([]);
		expect(await differencesFromFullRebuild()).toEqual([]);
	}, 300_000);
});
