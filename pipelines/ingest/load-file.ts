import { readFileSync } from 'node:fs';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { ident } from '../../src/lib/core/db/sql-params.ts';
import type { Dialect } from './dialect.ts';
import { firstInvalidUtf8Line, type Encoding } from './encoding.ts';
import { sha256File } from './file-hash.ts';
import { LEDGER_TEMP_TABLES, matchReturns, type LedgerCounts } from './ledger.ts';
import { rejectGroups, type RejectGroup } from './load-report.ts';
import type { EntityMapping } from './mapping.ts';
import { notUtf8, plainReadError, prepareSource } from './source-reader.ts';
import { sourceSpec } from './source-spec.ts';
import { SourceError, type SourceFile } from './sources.ts';
import { buildStageSql } from './stage-sql.ts';
import { checkStage, countOrphans } from './stage-checks.ts';
import { writeHistory, writeRejectsAndWarnings, writeStage } from './write-load.ts';

const LINE_NUMBERS_SQL = readFileSync(new URL('./line-numbers.sql', import.meta.url), 'utf8');

export interface FileResult {
	path: string;
	entity: string;
	format: string;
	/** `empty`: a header and no rows, nothing loaded; `checked`: read and validated by --check, nothing loaded. */
	status: 'loaded' | 'unchanged' | 'empty' | 'checked';
	loadId: number | null;
	read: number;
	loaded: number;
	rejected: number;
	orphans: number;
	warnings: number;
	ms: number;
	/** How a CSV file is written: detected, or stated by the mapping. */
	dialect?: Dialect;
	/** A ledger's order lines, returns and how their units matched. */
	ledger?: LedgerCounts;
	/** With --check: the rejected rows grouped by reason. */
	rejectGroups?: RejectGroup[];
}

export type ProgressListener = (event: { path: string; phase: string; elapsedMs: number }) => void;

export interface LoadFileOptions {
	mapping: EntityMapping;
	mappingHash: string;
	onProgress?: ProgressListener;
	/** Read and validate only: nothing is written, and the result says what a load would do. */
	check?: boolean;
}

async function scalar(
	connection: DuckDBConnection,
	sql: string,
	params?: Record<string, DuckDBValue>
): Promise<number> {
	const reader = await connection.runAndReadAll(sql, params);
	return Number(reader.getRows()[0]?.[0] ?? 0);
}

/** A CSV file that looked like UTF-8 at its start but is not, further on: it is read again as Windows-1252. */
class NotUtf8AfterAll extends Error {}

const TEMP_TABLES = ['_stage', 'row_lines', 'csv_rejects', 'csv_reject_scans', '_want', '_group_lines', '_parts'];
const dropTemp = (connection: DuckDBConnection) =>
	connection.run(
		[...TEMP_TABLES, '_first_lines', ...LEDGER_TEMP_TABLES].map((t) => `DROP TABLE IF EXISTS temp.${t};`).join(' ')
	);

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
	const progress = { phase: 'hashing' };
	const ticker = setInterval(
		() => options.onProgress?.({ path: file.path, phase: progress.phase, elapsedMs: Date.now() - started }),
		2000
	);
	try {
		return await loadOnce(connection, file, options, started, progress);
	} catch (error) {
		if (!(error instanceof NotUtf8AfterAll)) throw error;
		return await loadOnce(connection, file, options, started, progress, 'windows-1252');
	} finally {
		clearInterval(ticker);
	}
}

async function loadOnce(
	connection: DuckDBConnection,
	file: SourceFile,
	options: LoadFileOptions,
	started: number,
	progress: { phase: string },
	forced?: Encoding
): Promise<FileResult> {
	const spec = sourceSpec(file.entity);
	// A plain CSV file's encoding is checked whole in the pass that hashes it, alongside the load.
	const checkUtf8 = file.format === 'csv' && !file.path.toLowerCase().endsWith('.gz') && !forced;
	// Hashing runs alongside the load unless this path was loaded before, where a repeat is likely and
	// the hash alone can settle it.
	const hashing = sha256File(file.path, checkUtf8).catch((error: Error) => {
		throw new SourceError(file.path, `cannot be read: ${error.message}`);
	});
	hashing.catch(() => undefined);
	const base = { path: file.path, entity: file.entity, format: file.format };
	const counts = { loadId: null, read: 0, loaded: 0, rejected: 0, orphans: 0, warnings: 0 };
	const unchanged = (): FileResult => ({ ...base, ...counts, status: 'unchanged', ms: Date.now() - started });
	const seenBefore = async () =>
		(await scalar(
			connection,
			`SELECT count(*) FROM load_history
			 WHERE entity = $entity AND content_hash = $hash AND mapping_hash = $mapping`,
			{ entity: file.entity, hash: (await hashing).hash, mapping: options.mappingHash }
		)) > 0;
	const pathKnown =
		(await scalar(connection, `SELECT count(*) FROM load_history WHERE file_path = $path`, { path: file.path })) >
		0;
	if (pathKnown && (await seenBefore())) return unchanged();

	// Reading and validating fill temp tables only, which never reach the database file; what the load
	// writes to the database happens in one transaction below, so a failure or a killed process
	// leaves the database as it was. (Outside a transaction the stage is also scanned in parallel.)
	await dropTemp(connection);
	const prepared = await prepareSource(connection, file, spec, options.mapping, forced);
	let inTransaction = false;
	try {
		progress.phase = 'reading and validating';
		const loadId = options.check ? 0 : await scalar(connection, `SELECT nextval('load_ids')`);
		const meta = { load: loadId, entity: file.entity, path: file.path };
		const forms = prepared.dialect ?? { decimal: options.mapping.format.decimal ?? '.', dateFormats: [] };
		try {
			const sql = buildStageSql(spec, prepared.columns, options.mapping, prepared.params, loadId, forms);
			await connection.run(sql, prepared.params.values);
		} catch (error) {
			throw new SourceError(file.path, plainReadError(file.format, (error as Error).message));
		}
		if (checkUtf8 && prepared.dialect?.encoding === 'utf-8' && !(await hashing).utf8) {
			if (options.mapping.format.encoding === 'utf-8') {
				throw notUtf8(file.path, await firstInvalidUtf8Line(file.path));
			}
			throw new NotUtf8AfterAll();
		}
		if (file.format !== 'csv') {
			await connection.run(
				`CREATE OR REPLACE TEMP TABLE csv_rejects AS
				 SELECT 0::BIGINT AS line, ''::VARCHAR AS csv_line, ''::VARCHAR AS error_message WHERE false`
			);
		}

		progress.phase = 'checking keys and references';
		await checkStage(connection, file.entity, options.mapping);
		const ledger = file.entity === 'ledger' ? await matchReturns(connection) : undefined;
		const rawFields = spec.columns.map((c) => `${ident(c.name)} := ${ident(c.name)}`).join(', ');
		await connection.run(
			`UPDATE _stage SET _raw = to_json(struct_pack(${rawFields}))::VARCHAR
			 WHERE _raw IS NULL AND (_reason IS NOT NULL OR _warn IS NOT NULL OR _keep)`
		);
		await connection.run(
			file.format === 'csv'
				? LINE_NUMBERS_SQL
				: `CREATE OR REPLACE TEMP TABLE row_lines AS
				   SELECT rowid AS rid, rowid - (SELECT min(rowid) FROM _stage) AS rec,
				          rowid - (SELECT min(rowid) FROM _stage) + 1 AS line
				   FROM _stage WHERE _reason IS NOT NULL OR _warn IS NOT NULL OR _keep`
		);
		const [read, rejected, warnings] = (
			await connection.runAndReadAll(
				`SELECT count(*) + (SELECT count(DISTINCT line) FROM csv_rejects),
				        count(*) FILTER (WHERE _reason IS NOT NULL) + (SELECT count(DISTINCT line) FROM csv_rejects),
				        coalesce(sum(len(string_split(_warn, chr(30)))) FILTER (WHERE _reason IS NULL), 0)
				 FROM _stage`
			)
		)
			.getRows()[0]
			.map(Number);
		const orphans = await countOrphans(connection, file.entity);
		const result = { ...base, loadId, read, loaded: read - rejected, rejected, orphans, warnings };
		const extra = { dialect: prepared.dialect, ledger };
		if (read === 0) return { ...result, ...counts, status: 'empty', ms: Date.now() - started, ...extra };
		if (options.check) {
			const groups = await rejectGroups(connection);
			return {
				...result,
				loadId: null,
				status: 'checked',
				ms: Date.now() - started,
				...extra,
				rejectGroups: groups
			};
		}
		if (!pathKnown && (await seenBefore())) return unchanged();
		const { hash } = await hashing;

		progress.phase = 'writing rows';
		await connection.run('BEGIN TRANSACTION');
		inTransaction = true;
		await writeRejectsAndWarnings(connection, meta);
		await writeStage(connection, file.entity, meta);
		await writeHistory(connection, meta, {
			hash,
			mapping: options.mappingHash,
			format: file.format,
			read,
			loaded: read - rejected,
			rejected,
			orphans,
			warnings,
			started,
			finished: Date.now()
		});
		await connection.run('COMMIT');
		inTransaction = false;
		return { ...result, status: 'loaded', ms: Date.now() - started, ...extra };
	} catch (error) {
		if (inTransaction) await connection.run('ROLLBACK');
		throw error;
	} finally {
		await dropTemp(connection);
		await prepared.cleanup();
	}
}
