import type { DuckDBConnection } from '@duckdb/node-api';
import { ENTITIES, type EntitySpec } from '../../src/lib/core/contract/entities.ts';
import { ident } from '../../src/lib/core/db/sql-params.ts';
import { noteRemovedRows, type ChangedEntity } from './changed-rows.ts';
import { writeLedger } from './ledger.ts';
import { resolvePending, writeKeyedRmas, writePendingLines } from './order-sku.ts';
import type { SourceEntity } from './source-spec.ts';

/** Where a load writes: its id, entity and file. */
export interface LoadMeta {
	load: number;
	entity: string;
	path: string;
}

/** Every rejected row of the stage with its line: rows that broke a rule, and CSV records DuckDB could not split. */
export const REJECTED_ROWS = `
  SELECT l.line, s._raw AS raw, s._reason AS reason
  FROM _stage s JOIN row_lines l ON l.rid = s.rowid WHERE s._reason IS NOT NULL
  UNION ALL
  SELECT l.line, c.csv_line, 'malformed CSV record: ' || c.error_message
  FROM (SELECT line, min(csv_line) AS csv_line, min(error_message) AS error_message FROM csv_rejects GROUP BY line) c
  JOIN row_lines l ON l.rid IS NULL AND l.rec = c.line - 2`;

export async function writeRejectsAndWarnings(connection: DuckDBConnection, meta: LoadMeta): Promise<void> {
	await connection.run(
		`INSERT INTO rejects SELECT $load, $entity, $path, line, raw, reason FROM (${REJECTED_ROWS})`,
		{
			...meta
		}
	);
	await connection.run(
		`INSERT INTO load_warnings
		 SELECT $load, $entity, $path, l.line,
		        split_part(w, chr(31), 1), split_part(w, chr(31), 2), split_part(w, chr(31), 3)
		 FROM (SELECT rowid AS rid, unnest(string_split(_warn, chr(30))) AS w
		       FROM _stage WHERE _warn IS NOT NULL AND _reason IS NULL) s
		 JOIN row_lines l ON l.rid = s.rid`,
		{ ...meta }
	);
}

/**
 * Moves the stage's good rows into the entity table; rows with an existing key replace it. The stage is
 * a temp table, so this insert is the only time a large load is written to the database file.
 */
async function writeRows(connection: DuckDBConnection, spec: EntitySpec, where = 'true'): Promise<void> {
	const table = ident(spec.name);
	const good = `_reason IS NULL AND NOT _dup AND ${where}`;
	if (Number((await connection.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRows()[0][0]) > 0) {
		const match = spec.key.map((k) => `t.${ident(k)} = s.${ident(k)}`).join(' AND ');
		if (spec.name !== 'reasons')
			await noteRemovedRows(
				connection,
				spec.name as ChangedEntity,
				`SELECT t.* FROM ${table} t SEMI JOIN (SELECT * FROM _stage WHERE ${good}) s ON ${match}`
			);
		await connection.run(`DELETE FROM ${table} t USING (SELECT * FROM _stage WHERE ${good}) s WHERE ${match}`);
	}
	const columns = [...spec.columns.map((c) => ident(c.name)), 'load_id'].join(', ');
	await connection.run(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM _stage WHERE ${good}`);
}

/**
 * Writes the staged rows of a file where they belong: a ledger's to orders, RMAs and unmatched returns; rows
 * keyed by order and SKU to their lines, or to wait for their order. Then resolves what earlier loads left
 * waiting for this one.
 */
export async function writeStage(connection: DuckDBConnection, entity: SourceEntity, meta: LoadMeta) {
	switch (entity) {
		case 'ledger':
			await writeLedger(connection, meta);
			break;
		case 'rmas':
			await writeRows(connection, ENTITIES.rmas, 'line_id IS NOT NULL');
			await writeKeyedRmas(connection, meta);
			break;
		case 'inspections':
		case 'refunds':
			await writeRows(connection, ENTITIES[entity], entity === 'inspections' ? 'line_id IS NOT NULL' : 'true');
			await writePendingLines(connection, entity, meta);
			break;
		default:
			await writeRows(connection, ENTITIES[entity]);
	}
	await resolvePending(connection);
}

export async function writeHistory(
	connection: DuckDBConnection,
	meta: LoadMeta,
	row: Record<string, string | number>
): Promise<void> {
	await connection.run(
		`INSERT INTO load_history
		 VALUES ($load, $entity, $path, $hash, $mapping, $format, $read, $loaded, $rejected,
		         $orphans, $warnings, to_timestamp($started / 1000)::TIMESTAMP,
		         to_timestamp($finished / 1000)::TIMESTAMP)`,
		{ ...meta, ...row }
	);
}
