/**
 * GDPR erasure of one customer (`npm run forget`): their personal fields are emptied in the loaded
 * orders, the values they held are cut out of every text kept from the source files (rejected rows,
 * load warnings, free-text comments), the analytics tables are rebuilt from what is left, so the
 * segment exports and stored customer files hold nothing of them either, and the database file is
 * rewritten so that no old copy of the values stays in its free space. The customer id stays: it is a
 * pseudonym the shop assigned, and the customer's orders and returns still count in the figures.
 */
import { chmodSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { checkpointBetweenWrites } from '../../src/lib/core/db/checkpoint.ts';
import { openDatabase, type Database } from '../../src/lib/core/db/db.ts';
import { dropGenerations, publishedGeneration, readGeneration } from '../../src/lib/core/db/generations.ts';
import { SqlParams, ident } from '../../src/lib/core/db/sql-params.ts';
import { STORED_STEPS } from '../../src/lib/features/registry.ts';
import { sha256Text } from '../ingest/file-hash.ts';
import { refreshAnalytics, type RefreshTimes } from '../ingest/refresh.ts';

/**
 * The personal columns (docs/data-contract.md, orders): the e-mail, and the keys of an address and a
 * payment instrument, which single a person out as well. No other entity holds personal fields.
 */
export const PERSONAL_COLUMNS = ['customer_email', 'address_key', 'payment_key'] as const;

/** What an erased value is replaced with inside kept text. */
export const ERASED = '[erased]';

/**
 * Values shorter than this are emptied in orders but not searched for in kept text: a key that short
 * identifies no one, and replacing it would garble unrelated text.
 */
export const MIN_TEXT_VALUE = 4;

/**
 * Text kept as it came from the source files, where an erased value may appear: in rejects and
 * load_warnings every text column but the bookkeeping ones (so a column added later is covered too),
 * the free-text comments a customer or the warehouse may have written it into, and the raw rows of
 * RMAs and inspections waiting for their order (keys by order and SKU).
 */
const KEPT_TEXT: readonly { table: string; columns: readonly string[] | 'all' }[] = [
	{ table: 'rejects', columns: 'all' },
	{ table: 'load_warnings', columns: 'all' },
	{ table: 'rmas', columns: ['reason_text'] },
	{ table: 'inspections', columns: ['notes'] },
	{ table: 'pending_rmas', columns: ['reason_text', 'raw'] },
	{ table: 'pending_inspections', columns: ['notes', 'raw'] }
];
const BOOKKEEPING_COLUMNS = new Set(['entity', 'file_path', 'column_name']);

/**
 * Every table the refresh builds, and its mark: rebuilt from the base tables, never copied (the tables
 * are in generations' schemas, or in main in a database from before them).
 */
const DERIVED_TABLES = [...STORED_STEPS.flatMap((step) => step.tables.map((t) => t.name)), 'analytics_state'];

/** The tables an erasure may change, in the order the summary lists them. */
export const FORGET_TABLES = ['orders', ...KEPT_TEXT.map((t) => t.table)] as const;

export interface ForgetResult {
	/** False when no order (loaded or rejected) names the customer: then nothing was changed or recorded. */
	found: boolean;
	/** SHA-256 (hex) of the customer id, as forget_log records it. */
	customerSha256: string;
	/** Rows changed per table (FORGET_TABLES). */
	rowsChanged: Record<string, number>;
	/** Distinct personal values the customer had (e-mails, address and payment keys). */
	values: number;
	/** Of those, the ones too short to search for in kept text (MIN_TEXT_VALUE). */
	shortValues: number;
	forgottenAt: Date;
	/** Time spent on each step of the analytics rebuild. */
	refreshMs?: RefreshTimes;
}

const FORGET_LOG_SQL = `CREATE TABLE IF NOT EXISTS forget_log (
  customer_sha256 VARCHAR NOT NULL,
  forgotten_at TIMESTAMP NOT NULL,
  rows_changed JSON NOT NULL
)`;

/** The forms a value takes in kept text: as it is, inside JSON, inside a quoted CSV field, cut at 80 characters. */
function textForms(value: string): string[] {
	const chars = [...value];
	const forms = [value, JSON.stringify(value).slice(1, -1), value.replaceAll('"', '""')];
	if (chars.length > 80) forms.push(chars.slice(0, 80).join(''));
	return forms;
}

/** One RE2 pattern matching any of the values in any of their forms, longest first. */
function textPattern(values: string[]): string | null {
	const forms = [...new Set(values.filter((v) => [...v].length >= MIN_TEXT_VALUE).flatMap(textForms))];
	if (forms.length === 0) return null;
	forms.sort((a, b) => b.length - a.length);
	return forms.map((f) => f.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')).join('|');
}

async function rows(connection: DuckDBConnection, sql: string, params: SqlParams): Promise<unknown[][]> {
	return (await connection.runAndReadAll(sql, params.values)).getRows();
}

/**
 * Erases a customer in the open database: their personal fields and every trace of their values in
 * kept text, a forget_log row, and the analytics tables dropped (they still hold the values; the
 * rebuild comes after), unless `keepAnalytics`, for a server that rebuilds them while it serves. All in one
 * transaction. Nothing changes when the customer is not found.
 */
export async function eraseCustomer(
	connection: DuckDBConnection,
	customerId: string,
	now: Date = new Date(),
	{ keepAnalytics = false }: { keepAnalytics?: boolean } = {}
): Promise<ForgetResult> {
	// The loaded data in main, and forget_log created there.
	await readGeneration(connection, null);
	const customerSha256 = sha256Text(customerId);
	const rowsChanged = Object.fromEntries(FORGET_TABLES.map((t) => [t, 0]));
	const result: ForgetResult = {
		found: false,
		customerSha256,
		rowsChanged,
		values: 0,
		shortValues: 0,
		forgottenAt: now
	};

	const tables = new Set(
		(
			await rows(
				connection,
				`SELECT table_name FROM duckdb_tables()
				 WHERE database_name = current_database() AND schema_name = 'main'`,
				new SqlParams()
			)
		).map((r) => String(r[0]))
	);
	if (!tables.has('orders')) return result;

	// The customer's rows: loaded orders, and rejected ones whose raw row (JSON) names them.
	const params = new SqlParams();
	const id = params.add(customerId);
	const rawField = (column: string) =>
		`CASE WHEN json_valid(raw) THEN json_extract_string(raw, ${params.add(`$.${column}`)}) END`;
	const ownRejects = tables.has('rejects')
		? `FROM rejects WHERE entity = ${params.add('orders')} AND ${rawField('customer_id')} = ${id}`
		: 'FROM (SELECT NULL::VARCHAR AS raw) WHERE false';
	const [[orderRows, rejectRows]] = await rows(
		connection,
		`SELECT (SELECT count(*) FROM orders WHERE customer_id = ${id}), (SELECT count(*) ${ownRejects})`,
		params
	);
	if (Number(orderRows) + Number(rejectRows) === 0) return result;
	result.found = true;

	const values = (
		await rows(
			connection,
			`SELECT DISTINCT v FROM (
			   SELECT unnest([${PERSONAL_COLUMNS.map(ident).join(', ')}]) AS v FROM orders WHERE customer_id = ${id}
			   UNION ALL
			   SELECT unnest([${PERSONAL_COLUMNS.map(rawField).join(', ')}]) ${ownRejects}
			 ) WHERE v IS NOT NULL AND v <> '' AND v <> ${params.add(ERASED)}`,
			params
		)
	).map((r) => String(r[0]));
	result.values = values.length;
	result.shortValues = values.filter((v) => [...v].length < MIN_TEXT_VALUE).length;
	const pattern = textPattern(values);

	const textColumns = new Map<string, string[]>();
	const columnRows = await rows(
		connection,
		`SELECT table_name, column_name FROM duckdb_columns()
		 WHERE database_name = current_database() AND schema_name = 'main' AND data_type = 'VARCHAR'
		 ORDER BY table_name, column_index`,
		new SqlParams()
	);
	for (const [table, column] of columnRows.map((r) => r.map(String))) {
		const kept = KEPT_TEXT.find((k) => k.table === table);
		if (!kept) continue;
		const wanted = kept.columns === 'all' ? !BOOKKEEPING_COLUMNS.has(column) : kept.columns.includes(column);
		if (wanted) textColumns.set(table, [...(textColumns.get(table) ?? []), column]);
	}

	await connection.run('BEGIN TRANSACTION');
	try {
		const erase = new SqlParams();
		const eraseId = erase.add(customerId);
		const anyPersonal = PERSONAL_COLUMNS.map((c) => `${ident(c)} IS NOT NULL`).join(' OR ');
		rowsChanged.orders = (
			await connection.run(
				`UPDATE orders SET ${PERSONAL_COLUMNS.map((c) => `${ident(c)} = NULL`).join(', ')}
				 WHERE customer_id = ${eraseId} AND (${anyPersonal})`,
				erase.values
			)
		).rowsChanged;
		if (pattern !== null) {
			for (const [table, columns] of textColumns) {
				const text = new SqlParams();
				const p = text.add(pattern);
				const erased = text.add(ERASED);
				const set = columns.map((c) => `${ident(c)} = regexp_replace(${ident(c)}, ${p}, ${erased}, 'gi')`);
				const where = columns.map((c) => `regexp_matches(${ident(c)}, ${p}, 'i')`);
				rowsChanged[table] = (
					await connection.run(
						`UPDATE ${ident(table)} SET ${set.join(', ')} WHERE ${where.join(' OR ')}`,
						text.values
					)
				).rowsChanged;
			}
		}
		await connection.run(FORGET_LOG_SQL);
		const log = new SqlParams();
		await connection.run(
			`INSERT INTO forget_log VALUES (${log.add(customerSha256)},
			   to_timestamp(${log.add(now.getTime())} / 1000)::TIMESTAMP,
			   CAST(${log.add(JSON.stringify(rowsChanged))} AS JSON))`,
			log.values
		);
		// No generation reads as stale: should the rebuild not happen, the next ingest or start does it. A
		// running server keeps serving its generation until it has built the next (forgetInServer).
		if (!keepAnalytics) {
			await dropGenerations(connection, []);
			for (const table of DERIVED_TABLES) await connection.run(`DROP TABLE IF EXISTS main.${ident(table)}`);
		}
		await connection.run('COMMIT');
	} catch (error) {
		await connection.run('ROLLBACK');
		throw error;
	}
	return result;
}

/** The database is open in another process (DuckDB lets one process write a file). */
export class DatabaseInUseError extends Error {}

async function open(path: string): Promise<Database> {
	try {
		return await openDatabase(path);
	} catch (error) {
		if (/could not set lock on file/i.test((error as Error).message)) {
			throw new DatabaseInUseError(`${path} is in use by another process`, { cause: error });
		}
		throw error;
	}
}

/**
 * A SQL string literal. Only for the one statement whose grammar takes no parameter (ATTACH), with a
 * path this module chose, never a value from the data.
 */
const pathLiteral = (path: string) => `'${path.replaceAll("'", "''")}'`;

const REWRITE_ALIAS = 'returnlens_forget_rewrite';

/**
 * Forgets a customer in the database file at dbPath (see the module comment). DuckDB reuses the space
 * of changed and dropped data without clearing it, so the erased values would stay readable in the file's
 * free blocks: after the erasure every remaining table is copied into a new file, the analytics tables are
 * rebuilt there with refreshAnalytics, and the new file replaces the old one. Should that fail, the erasure
 * stands, the old file is kept with its analytics tables dropped, and the error says so.
 */
export async function forgetCustomer(dbPath: string, customerId: string, now = new Date()): Promise<ForgetResult> {
	const rewritePath = `${dbPath}.forget-rewrite`;
	const removeRewrite = () => {
		for (const path of [rewritePath, `${rewritePath}.wal`]) rmSync(path, { force: true });
	};
	const db = await open(dbPath);
	let closed = false;
	const connection = await db.connect();
	const close = () => {
		if (closed) return;
		closed = true;
		connection.closeSync();
		db.close();
	};
	let result: ForgetResult;
	try {
		result = await eraseCustomer(connection, customerId, now);
		if (!result.found) return result;
		removeRewrite();
		try {
			const [[name]] = await rows(connection, 'SELECT current_database()', new SqlParams());
			await connection.run(`ATTACH ${pathLiteral(rewritePath)} AS ${REWRITE_ALIAS}`);
			await connection.run(`COPY FROM DATABASE ${ident(String(name))} TO ${REWRITE_ALIAS}`);
			await connection.run(`DETACH ${REWRITE_ALIAS}`);
			const rewritten = await openDatabase(rewritePath);
			const rewrittenConnection = await rewritten.connect();
			try {
				result.refreshMs = (await refreshAnalytics(rewrittenConnection, { full: true })).ms;
				await rewrittenConnection.run('CHECKPOINT');
			} finally {
				rewrittenConnection.closeSync();
				rewritten.close();
			}
			if (existsSync(`${rewritePath}.wal`)) throw new Error(`${rewritePath}.wal was left behind`);
			chmodSync(rewritePath, statSync(dbPath).mode);
			// The old file's log, if closing left one, belongs to it alone: everything it holds is in the copy.
			close();
			rmSync(`${dbPath}.wal`, { force: true });
			renameSync(rewritePath, dbPath);
		} catch (error) {
			removeRewrite();
			throw new Error(
				`the customer was erased from the loaded data and recorded in forget_log, but rewriting the ` +
					`database and rebuilding its analytics tables failed (${(error as Error).message}); ` +
					'npm start rebuilds them, and running the same forget again rewrites the file',
				{ cause: error }
			);
		}
	} finally {
		close();
	}
	return result;
}

/**
 * Forgets a customer in the database a running server holds open, while it serves: erases them, builds
 * and publishes a generation without them, and drops every other generation. The file still holds the
 * erased values in its free blocks until copyDatabase's copy replaces it.
 */
export async function eraseWhileServing(db: Database, customerId: string, now = new Date()): Promise<ForgetResult> {
	const connection = await db.connect();
	try {
		const result = await eraseCustomer(connection, customerId, now, { keepAnalytics: true });
		if (!result.found) return result;
		result.refreshMs = (await refreshAnalytics(connection, { full: true })).ms;
		const published = await publishedGeneration(connection);
		await dropGenerations(connection, published === null ? [] : [published]);
		await checkpointBetweenWrites(connection);
		return result;
	} finally {
		connection.closeSync();
	}
}

/** Copies every table of the open database into a new file at `path` (which must not exist). */
export async function copyDatabase(db: Database, path: string): Promise<void> {
	const connection = await db.connect();
	try {
		const [[name]] = await rows(connection, 'SELECT current_database()', new SqlParams());
		await connection.run(`ATTACH ${pathLiteral(path)} AS ${REWRITE_ALIAS}`);
		try {
			await connection.run(`COPY FROM DATABASE ${ident(String(name))} TO ${REWRITE_ALIAS}`);
		} finally {
			await connection.run(`DETACH ${REWRITE_ALIAS}`);
		}
	} finally {
		connection.closeSync();
	}
}
