import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../pipelines/demo-data/generate.ts';
import { sha256Text } from '../../pipelines/ingest/file-hash.ts';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { analyticsStale } from '../../pipelines/ingest/refresh.ts';
import { AuditLog, auditFilePath } from '../../src/lib/core/audit/audit-log.ts';
import { openDatabase } from '../../src/lib/core/db/db.ts';
import { ident } from '../../src/lib/core/db/sql-params.ts';

/**
 * `npm run forget` (GDPR erasure) on a real demo database, run as a user would: in a process of its own
 * with tsx's loader, as `npm run forget` starts it (through npx each start took two seconds more).
 * Afterwards no table, and no byte of the database file, holds the customer's e-mail, address key or
 * payment key, while every other customer's data is as it was.
 */
const CLI = new URL('../../pipelines/forget/cli.ts', import.meta.url).pathname;

interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

function runForget(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

type Row = Record<string, DuckDBValue>;

/** Opens the database read-only for one look and closes it, so the CLI can take the file. */
async function withDb<T>(path: string, use: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
	const db = await openDatabase(path, { readOnly: true });
	const connection = await db.connect();
	try {
		return await use(connection);
	} finally {
		connection.closeSync();
		db.close();
	}
}

async function rows(connection: DuckDBConnection, sql: string, params: DuckDBValue[] = []): Promise<Row[]> {
	return (await connection.runAndReadAll(sql, params)).getRowObjects();
}

/** Every `table.column` whose text (any type, cast to VARCHAR) contains one of the values, in any case. */
async function traces(path: string, values: string[]): Promise<string[]> {
	const needles = values.map((v) => v.toLowerCase());
	return withDb(path, async (connection) => {
		const found: string[] = [];
		const tables = await rows(
			connection,
			`SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY table_name`
		);
		for (const { table_name } of tables) {
			const columns = (
				await rows(
					connection,
					`SELECT column_name FROM duckdb_columns()
					 WHERE database_name = current_database() AND table_name = $1 ORDER BY column_index`,
					[table_name]
				)
			).map((c) => String(c.column_name));
			const hits = columns.map(
				(c, i) =>
					`count(*) FILTER (WHERE ${needles
						.map((_, n) => `contains(lower(CAST(${ident(c)} AS VARCHAR)), $${n + 1})`)
						.join(' OR ')}) AS c${i}`
			);
			const [counts] = await rows(
				connection,
				`SELECT ${hits.join(', ')} FROM ${ident(String(table_name))}`,
				needles
			);
			columns.forEach((c, i) => {
				if (Number(counts[`c${i}`]) > 0) found.push(`${table_name}.${c}`);
			});
		}
		return found;
	});
}

interface Customer {
	customer_id: string;
	email: string;
	address_key: string;
	payment_key: string;
	in_file: boolean;
	in_segment: boolean;
}

/** Customers with one e-mail, address and payment key each that no other customer shares. */
const CANDIDATES_SQL = `
WITH keys AS (SELECT DISTINCT customer_id, unnest([customer_email, address_key, payment_key]) AS v FROM orders),
shared AS (SELECT v FROM keys WHERE v IS NOT NULL GROUP BY v HAVING count(DISTINCT customer_id) > 1),
candidates AS (
  SELECT customer_id, any_value(customer_email) AS email, any_value(address_key) AS address_key,
    any_value(payment_key) AS payment_key
  FROM orders GROUP BY customer_id
  HAVING count(DISTINCT customer_email) = 1 AND count(DISTINCT address_key) = 1 AND count(DISTINCT payment_key) = 1
)
SELECT c.*, c.customer_id IN (SELECT customer_id FROM customer_file_orders) AS in_file,
  c.customer_id IN (SELECT customer_id FROM segment_customers WHERE email IS NOT NULL) AS in_segment
FROM candidates c
WHERE NOT EXISTS (SELECT 1 FROM keys k JOIN shared s USING (v) WHERE k.customer_id = c.customer_id)
ORDER BY c.customer_id`;

/** What must not change for anyone but the two customers: personal fields, segment rows, rejected rows. */
async function othersSnapshot(path: string, [a, b]: string[]): Promise<Row[]> {
	const others = 'customer_id NOT IN ($1, $2)';
	return withDb(path, (connection) =>
		rows(
			connection,
			`SELECT
			   (SELECT md5(string_agg(concat_ws('|', line_id, customer_email, address_key, payment_key), ','
			                          ORDER BY line_id)) FROM orders WHERE ${others}) AS orders,
			   (SELECT count(customer_email) FROM orders WHERE ${others}) AS emails,
			   (SELECT md5(string_agg(concat_ws('|', segment_id, customer_id, email), ','
			                          ORDER BY segment_id, customer_id))
			    FROM segment_customers WHERE ${others}) AS segments,
			   (SELECT md5(string_agg(raw, ',' ORDER BY load_id, line))
			    FROM rejects WHERE NOT contains(raw, $1) AND NOT contains(raw, $2)) AS rejects`,
			[a, b]
		)
	);
}

describe('npm run forget', { timeout: 60_000 }, () => {
	let dir: string;
	let dbPath: string;
	let fileCustomer: Customer;
	let segmentCustomer: Customer;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'returnlens-forget-'));
		dbPath = join(dir, 'returns.duckdb');
		const dataDir = join(dir, 'data');
		await generateDemoData({ lines: 3000, seed: 7, outDir: dataDir });
		await ingest({ dbPath, paths: [dataDir] });

		const candidates = (await withDb(dbPath, (c) => rows(c, CANDIDATES_SQL))) as unknown as Customer[];
		fileCustomer = candidates.find((c) => c.in_file)!;
		segmentCustomer = candidates.find((c) => c.in_segment)!;
		expect(fileCustomer).toBeDefined();
		expect(segmentCustomer).toBeDefined();

		// One of their orders again: rejected (bad quantity), malformed (a field too many), and loaded with
		// their e-mail in delivered_at (a shifted column: a load warning that keeps the value).
		const [header, ...lines] = readFileSync(join(dataDir, 'orders.csv'), 'utf8').split('\n');
		const own = lines.find(
			(l) => l.split(',')[3] === fileCustomer.customer_id && l.includes(fileCustomer.email) && !l.includes('"')
		)!;
		const fields = own.split(',');
		const variant = (suffix: string, change: (f: string[]) => void) => {
			const copy = [...fields];
			copy[0] = `${copy[0]}-${suffix}`;
			change(copy);
			return copy.join(',');
		};
		const extraDir = join(dir, 'extra');
		mkdirSync(extraDir);
		writeFileSync(
			join(extraDir, 'orders-late.csv'),
			[
				header,
				variant('bad', (f) => (f[15] = 'none')),
				variant('wide', (f) => f.push('unexpected')),
				variant('shifted', (f) => (f[18] = fileCustomer.email))
			].join('\n') + '\n'
		);
		const late = await ingest({ dbPath, paths: [extraDir] });
		expect(late.files[0]).toMatchObject({ rejected: 2, warnings: 1 });
	}, 120_000);

	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('erases a customer from every table and from the file, and leaves the others alone', async () => {
		const { customer_id: id, email, address_key, payment_key } = fileCustomer;
		const values = [email, address_key, payment_key];
		const before = await traces(dbPath, values);
		expect(before).toEqual(
			expect.arrayContaining([
				'orders.customer_email',
				'orders.address_key',
				'orders.payment_key',
				'rejects.raw',
				'load_warnings.value',
				'customer_file_orders.customer_email'
			])
		);
		const others = await othersSnapshot(dbPath, [id, segmentCustomer.customer_id]);
		const lines = await withDb(dbPath, (c) =>
			rows(c, 'SELECT count(*) AS n FROM orders WHERE customer_id = $1', [id])
		);

		const result = await runForget(['--db', dbPath, id]);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/orders\s+\d+ rows? changed/);
		expect(result.stdout).toContain(sha256Text(id).slice(0, 12));

		expect(await traces(dbPath, values)).toEqual([]);
		expect(readFileSync(dbPath).includes(email)).toBe(false);
		expect(existsSync(`${dbPath}.forget-rewrite`)).toBe(false);

		await withDb(dbPath, async (c) => {
			const log = await rows(
				c,
				'SELECT customer_sha256, forgotten_at, rows_changed::VARCHAR AS rows_changed FROM forget_log'
			);
			expect(log).toHaveLength(1);
			expect(log[0].customer_sha256).toBe(sha256Text(id));
			expect(log[0].forgotten_at).not.toBeNull();
			const changed = JSON.parse(String(log[0].rows_changed));
			expect(changed).toMatchObject({ rejects: 2, load_warnings: 1 });
			expect(changed.orders).toBeGreaterThan(0);
			// The customer still counts: only their personal fields are gone.
			expect(await rows(c, 'SELECT count(*) AS n FROM orders WHERE customer_id = $1', [id])).toEqual(lines);
			expect(await analyticsStale(c)).toBe(false);
		});
		expect(await traces(dbPath, [id]).then((t) => t.filter((x) => x.startsWith('forget_log')))).toEqual([]);
		// The audit log beside the database says that someone forgot a customer, by hash, not by id.
		const audit = new AuditLog(auditFilePath(dbPath, {})).entries();
		expect(audit).toEqual([
			expect.objectContaining({
				action: 'forget',
				what: `forget customer sha256 ${sha256Text(id)}`,
				role: 'admin'
			})
		]);
		expect(audit[0].rows).toBeGreaterThan(0);
		expect(await othersSnapshot(dbPath, [id, segmentCustomer.customer_id])).toEqual(others);
	});

	it('empties the e-mail of a segment export, with the database from RETURNS_DB', async () => {
		const { customer_id: id, email, address_key, payment_key } = segmentCustomer;
		expect(await traces(dbPath, [email])).toContain('segment_customers.email');

		const result = await runForget([id], { RETURNS_DB: dbPath });
		expect(result.code).toBe(0);
		expect(await traces(dbPath, [email, address_key, payment_key])).toEqual([]);
		await withDb(dbPath, async (c) => {
			expect(await rows(c, 'SELECT DISTINCT email FROM segment_customers WHERE customer_id = $1', [id])).toEqual([
				{ email: null }
			]);
			expect(
				await rows(c, 'SELECT count(*) AS n FROM forget_log WHERE customer_sha256 = $1', [sha256Text(id)])
			).toEqual([{ n: 1n }]);
		});
	});

	it('reports an unknown customer, changing and recording nothing', async () => {
		const count = () => withDb(dbPath, (c) => rows(c, 'SELECT count(*) AS n FROM forget_log'));
		const before = await count();
		const result = await runForget(['--db', dbPath, 'NO-SUCH-CUSTOMER']);
		expect(result.code).toBe(1);
		expect(result.stdout).toContain('No customer with that id was found');
		expect(await count()).toEqual(before);
		expect(new AuditLog(auditFilePath(dbPath, {})).entries().map((e) => e.what)).not.toContain(
			`forget customer sha256 ${sha256Text('NO-SUCH-CUSTOMER')}`
		);
	});

	it('prints its usage on misuse', async () => {
		const misuses = [[], ['--db', dbPath, 'C1', 'C2'], ['--db', dbPath, ' '], ['--dbx', dbPath, 'C1']];
		const results = await Promise.all(misuses.map((args) => runForget(args)));
		results.forEach((result, i) => {
			expect(result.code, misuses[i].join(' ')).toBe(2);
			expect(result.stderr).toContain('usage: npm run forget -- [--db FILE] CUSTOMER_ID');
		});
	});

	it('says to stop the server when the database is in use', async () => {
		const db = await openDatabase(dbPath);
		try {
			const result = await runForget(['--db', dbPath, fileCustomer.customer_id]);
			expect(result.code).toBe(3);
			expect(result.stderr.trim()).toBe(
				`error: ${dbPath} is in use by another process (the server, or a load); ` +
					'stop it and run npm run forget again.'
			);
		} finally {
			db.close();
		}
	});
});
