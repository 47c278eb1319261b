import { readFileSync } from 'node:fs';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { ENTITIES, NON_RETURN_STATUSES, type EntitySpec } from '../../src/lib/core/contract/entities.ts';
import { sha256File, verifyGzip } from './file-hash.ts';
import type { EntityMapping } from './mapping.ts';
import { SqlParams, ident } from '../../src/lib/core/db/sql-params.ts';
import { MissingColumnsError, buildStageSql, ndjsonSource, tabularSource, type SourceColumns } from './stage-sql.ts';
import { SourceError, type SourceFile } from './sources.ts';

const LINE_NUMBERS_SQL = readFileSync(new URL('./line-numbers.sql', import.meta.url), 'utf8');

export interface FileResult {
	path: string;
	entity: string;
	format: string;
	status: 'loaded' | 'unchanged';
	loadId: number | null;
	read: number;
	loaded: number;
	rejected: number;
	orphans: number;
	warnings: number;
	ms: number;
}

export type ProgressListener = (event: { path: string; phase: string; elapsedMs: number }) => void;

async function scalar(
	connection: DuckDBConnection,
	sql: string,
	params?: Record<string, DuckDBValue>
): Promise<number> {
	const reader = await connection.runAndReadAll(sql, params);
	return Number(reader.getRows()[0]?.[0] ?? 0);
}

async function describeHeader(connection: DuckDBConnection, file: SourceFile): Promise<string[]> {
	const from =
		file.format === 'csv'
			? `read_csv($path, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"',
			           compression = 'auto', ignore_errors = true)`
			: `read_parquet($path)`;
	try {
		const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`, { path: file.path });
		return reader.getRows().map((row) => String(row[0]));
	} catch (error) {
		throw new SourceError(
			file.path,
			`cannot be read as ${file.format}: ${(error as Error).message.split('\n')[0]}`
		);
	}
}

function keyMatch(spec: EntitySpec, left: string, right: string): string {
	return spec.key.map((k) => `${left}.${ident(k)} = ${right}.${ident(k)}`).join(' AND ');
}

/** Cross-row rules of RMAs: they must agree with their order line and not return more than was ordered. */
async function checkRmas(connection: DuckDBConnection): Promise<void> {
	const params = new SqlParams();
	const nonReturn = NON_RETURN_STATUSES.map((s) => params.add(s)).join(', ');
	await connection.run(
		`UPDATE _stage SET _reason = CASE
		   WHEN _stage.order_id IS NOT NULL AND _stage.order_id <> o.order_id
		     THEN 'order_id "' || _stage.order_id || '" does not match order line ' || o.line_id
		          || ' (order ' || o.order_id || ')'
		   ELSE 'customer_id "' || _stage.customer_id || '" does not match order line ' || o.line_id
		          || ' (customer ' || o.customer_id || ')' END
		 FROM orders o
		 WHERE o.line_id = _stage.line_id AND _stage._reason IS NULL
		   AND ((_stage.order_id IS NOT NULL AND _stage.order_id <> o.order_id)
		        OR (_stage.customer_id IS NOT NULL AND _stage.customer_id <> o.customer_id))`
	);
	// Rows are accepted in order of creation while the line has units left; a rejected row frees its
	// units for the ones after it, so each pass rejects only the first row per line that does not fit.
	for (;;) {
		const pass = await connection.run(
			`UPDATE _stage SET _reason = 'quantity ' || run.quantity
			                             || ' brings the units returned of line ' || run.line_id
			                             || ' to ' || run.cum || ', more than the ' || run.ordered || ' ordered'
			 FROM (
			   SELECT * FROM (
			     SELECT c.rid, c.line_id, c.quantity, o.quantity AS ordered,
			       coalesce(e.q, 0) + sum(c.quantity) OVER (PARTITION BY c.line_id ORDER BY c.created_at, c.rid) AS cum
			     FROM (SELECT rowid AS rid, line_id, created_at, quantity FROM _stage
			           WHERE _reason IS NULL AND NOT _dup AND status NOT IN (${nonReturn})) c
			     JOIN orders o ON o.line_id = c.line_id
			     LEFT JOIN (
			       SELECT r.line_id, sum(r.quantity) AS q FROM rmas r
			       WHERE r.status NOT IN (${nonReturn})
			         AND NOT EXISTS (SELECT 1 FROM _stage s
			                         WHERE s.rma_id = r.rma_id AND s.line_id = r.line_id AND s._reason IS NULL)
			       GROUP BY r.line_id
			     ) e ON e.line_id = c.line_id
			   ) WHERE cum > ordered
			   QUALIFY row_number() OVER (PARTITION BY line_id ORDER BY cum) = 1
			 ) run
			 WHERE _stage.rowid = run.rid`,
			params.values
		);
		if (pass.rowsChanged === 0) return;
	}
}

/**
 * Moves the stage's good rows into the entity table; rows with an existing key replace it. The stage is
 * a temp table, so this insert is the only time a large load is written to the database file.
 */
async function writeRows(connection: DuckDBConnection, spec: EntitySpec): Promise<void> {
	const table = ident(spec.name);
	if ((await scalar(connection, `SELECT count(*) FROM ${table}`)) > 0) {
		await connection.run(
			`DELETE FROM ${table} t USING _stage s
			 WHERE s._reason IS NULL AND NOT s._dup AND ${keyMatch(spec, 't', 's')}`
		);
	}
	const columns = [...spec.columns.map((c) => ident(c.name)), 'load_id'].join(', ');
	await connection.run(
		`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM _stage WHERE _reason IS NULL AND NOT _dup`
	);
}

const ORPHAN_SQL: Partial<Record<string, string>> = {
	rmas: `SELECT count(*) FROM _stage s WHERE s._reason IS NULL AND NOT s._dup
	  AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.line_id = s.line_id)`,
	inspections: `SELECT count(*) FROM _stage s WHERE s._reason IS NULL AND NOT s._dup
	  AND NOT EXISTS (SELECT 1 FROM rmas r WHERE r.rma_id = s.rma_id AND r.line_id = s.line_id)`,
	refunds: `SELECT count(*) FROM _stage s WHERE s._reason IS NULL AND NOT s._dup AND (
	  NOT EXISTS (SELECT 1 FROM orders o WHERE o.order_id = s.order_id)
	  OR (s.rma_id IS NOT NULL
	      AND NOT EXISTS (SELECT 1 FROM rmas r
	                      WHERE r.rma_id = s.rma_id AND (s.line_id IS NULL OR r.line_id = s.line_id))))`
};

export interface LoadFileOptions {
	mapping: EntityMapping;
	mappingHash: string;
	onProgress?: ProgressListener;
}

/**
 * Loads one file in one transaction: it lands whole (rows, rejects, warnings and its history row) or,
 * if anything fails or the process dies, not at all. A file whose content was already loaded the same
 * way is left alone, so loading it again changes nothing.
 */
export async function loadFile(
	connection: DuckDBConnection,
	file: SourceFile,
	options: LoadFileOptions
): Promise<FileResult> {
	const started = Date.now();
	const spec = ENTITIES[file.entity];
	let phase = 'hashing';
	const ticker = setInterval(
		() => options.onProgress?.({ path: file.path, phase, elapsedMs: Date.now() - started }),
		2000
	);
	try {
		if (file.path.toLowerCase().endsWith('.gz')) {
			await verifyGzip(file.path).catch((error: Error) => {
				throw new SourceError(
					file.path,
					`is not a complete gzip file (${error.message}); nothing was loaded from it`
				);
			});
		}
		// Hashing runs alongside the load unless this path was loaded before, where a repeat is likely and
		// the hash alone can settle it.
		const hashing = sha256File(file.path).catch((error: Error) => {
			throw new SourceError(file.path, `cannot be read: ${error.message}`);
		});
		hashing.catch(() => undefined);
		const base = { path: file.path, entity: file.entity, format: file.format };
		const unchanged: FileResult = {
			...base,
			status: 'unchanged',
			loadId: null,
			read: 0,
			loaded: 0,
			rejected: 0,
			orphans: 0,
			warnings: 0,
			ms: 0
		};
		const seenBefore = async () =>
			(await scalar(
				connection,
				`SELECT count(*) FROM load_history
				 WHERE entity = $entity AND content_hash = $hash AND mapping_hash = $mapping`,
				{ entity: file.entity, hash: await hashing, mapping: options.mappingHash }
			)) > 0;
		const pathKnown =
			(await scalar(connection, `SELECT count(*) FROM load_history WHERE file_path = $path`, {
				path: file.path
			})) > 0;
		if (pathKnown && (await seenBefore())) return { ...unchanged, ms: Date.now() - started };

		const params = new SqlParams();
		const pathParam = params.add(file.path);
		let source: SourceColumns;
		try {
			source =
				file.format === 'ndjson'
					? ndjsonSource(spec, options.mapping, params, pathParam)
					: tabularSource(
							file.format,
							spec,
							await describeHeader(connection, file),
							options.mapping,
							pathParam
						);
		} catch (error) {
			if (error instanceof MissingColumnsError) throw new SourceError(file.path, error.message);
			throw error;
		}

		// Reading and validating fill temp tables only, which never reach the database file; what the load
		// writes to the database happens in one transaction below, so a failure or a killed process
		// leaves the database as it was. (Outside a transaction the stage is also scanned in parallel.)
		let inTransaction = false;
		try {
			phase = 'reading and validating';
			await connection.run(`DROP TABLE IF EXISTS temp.csv_rejects; DROP TABLE IF EXISTS temp.csv_reject_scans`);
			const loadId = await scalar(connection, `SELECT nextval('load_ids')`);
			const meta = { load: loadId, entity: file.entity, path: file.path };
			try {
				await connection.run(buildStageSql(spec, source, options.mapping, params, loadId), params.values);
			} catch (error) {
				throw new SourceError(
					file.path,
					`cannot be read as ${file.format}: ${(error as Error).message.split('\n')[0]}`
				);
			}
			if (file.format !== 'csv') {
				await connection.run(
					`CREATE OR REPLACE TEMP TABLE csv_rejects AS
					 SELECT 0::BIGINT AS line, ''::VARCHAR AS csv_line, ''::VARCHAR AS error_message WHERE false`
				);
			}

			phase = 'checking keys and references';
			const keys = spec.key.map(ident).join(', ');
			const duplicates = await scalar(
				connection,
				`SELECT count(*) - count(DISTINCT (${keys})) FROM _stage WHERE _reason IS NULL`
			);
			if (duplicates > 0) {
				await connection.run(
					`UPDATE _stage SET _dup = true WHERE rowid IN (
					   SELECT rid FROM (SELECT rowid AS rid,
					                           row_number() OVER (PARTITION BY ${keys} ORDER BY rowid DESC) AS rn
					                    FROM _stage WHERE _reason IS NULL)
					   WHERE rn > 1)`
				);
			}
			if (file.entity === 'rmas') await checkRmas(connection);
			const rawFields = spec.columns.map((c) => `${ident(c.name)} := ${ident(c.name)}`).join(', ');
			await connection.run(
				`UPDATE _stage SET _raw = to_json(struct_pack(${rawFields}))::VARCHAR
				 WHERE _raw IS NULL AND (_reason IS NOT NULL OR _warn IS NOT NULL)`
			);
			await connection.run(
				file.format === 'csv'
					? LINE_NUMBERS_SQL
					: `CREATE OR REPLACE TEMP TABLE row_lines AS
					   SELECT rowid AS rid, rowid - (SELECT min(rowid) FROM _stage) AS rec,
					          rowid - (SELECT min(rowid) FROM _stage) + 1 AS line
					   FROM _stage WHERE _reason IS NOT NULL OR _warn IS NOT NULL`
			);
			await connection.run('BEGIN TRANSACTION');
			inTransaction = true;
			await connection.run(
				`INSERT INTO rejects SELECT $load, $entity, $path, l.line, s._raw, s._reason
				 FROM _stage s JOIN row_lines l ON l.rid = s.rowid WHERE s._reason IS NOT NULL`,
				meta
			);
			await connection.run(
				`INSERT INTO rejects
				 SELECT $load, $entity, $path, l.line, c.csv_line, 'malformed CSV record: ' || c.error_message
				 FROM (SELECT line, min(csv_line) AS csv_line, min(error_message) AS error_message
				       FROM csv_rejects GROUP BY line) c
				 JOIN row_lines l ON l.rid IS NULL AND l.rec = c.line - 2`,
				meta
			);
			await connection.run(
				`INSERT INTO load_warnings
				 SELECT $load, $entity, $path, l.line,
				        split_part(w, chr(31), 1), split_part(w, chr(31), 2), split_part(w, chr(31), 3)
				 FROM (SELECT rowid AS rid, unnest(string_split(_warn, chr(30))) AS w
				       FROM _stage WHERE _warn IS NOT NULL AND _reason IS NULL) s
				 JOIN row_lines l ON l.rid = s.rid`,
				meta
			);
			const [read, rejected, warnings] = (
				await connection.runAndReadAll(
					`SELECT (SELECT count(*) FROM _stage) + (SELECT count(DISTINCT line) FROM csv_rejects),
					        (SELECT count(*) FROM _stage WHERE _reason IS NOT NULL)
					          + (SELECT count(DISTINCT line) FROM csv_rejects),
					        (SELECT count(*) FROM load_warnings WHERE load_id = $load)`,
					{ load: loadId }
				)
			)
				.getRows()[0]
				.map(Number);
			const orphanSql = ORPHAN_SQL[file.entity];
			const orphans = orphanSql ? await scalar(connection, orphanSql) : 0;

			if (!pathKnown && (await seenBefore())) {
				await connection.run('ROLLBACK');
				inTransaction = false;
				return { ...unchanged, ms: Date.now() - started };
			}
			const hash = await hashing;

			phase = 'writing rows';
			await writeRows(connection, spec);
			const loaded = read - rejected;
			await connection.run(
				`INSERT INTO load_history
				 VALUES ($load, $entity, $path, $hash, $mapping, $format, $read, $loaded, $rejected,
				         $orphans, $warnings, to_timestamp($started / 1000)::TIMESTAMP,
				         to_timestamp($finished / 1000)::TIMESTAMP)`,
				{
					...meta,
					hash,
					mapping: options.mappingHash,
					format: file.format,
					read,
					loaded,
					rejected,
					orphans,
					warnings,
					started,
					finished: Date.now()
				}
			);
			await connection.run('COMMIT');
			inTransaction = false;
			return {
				...base,
				status: 'loaded',
				loadId,
				read,
				loaded,
				rejected,
				orphans,
				warnings,
				ms: Date.now() - started
			};
		} catch (error) {
			if (inTransaction) await connection.run('ROLLBACK');
			throw error;
		} finally {
			await connection.run(
				'DROP TABLE IF EXISTS temp._stage; DROP TABLE IF EXISTS temp.row_lines; ' +
					'DROP TABLE IF EXISTS temp.csv_rejects; DROP TABLE IF EXISTS temp.csv_reject_scans'
			);
		}
	} finally {
		clearInterval(ticker);
	}
}
