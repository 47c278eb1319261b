import { BIGINT, LIST, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { ident } from './sql-params.ts';

/**
 * Where a table's rows sit: the rows of each of its row groups, in order. A row's id is its place among
 * them, deleted rows included, so while no row group before the last changes size, every row keeps its
 * id and new rows only come after. A checkpoint that compacts deleted rows merges row groups and moves
 * the ids of every row after them: the rows in all before and after it show it (noRowsDropped).
 */
export type RowIdLayout = Record<string, number[]>;

export async function rowIdLayout(connection: DuckDBConnection, tables: readonly string[]): Promise<RowIdLayout> {
	const layout: RowIdLayout = {};
	for (const table of tables) {
		const reader = await connection.runAndReadAll(
			// The first column's own segments: its validity mask is a second path of the same column.
			`SELECT row_group_id, sum(count) FROM pragma_storage_info($table) WHERE column_path = '[0]'
			 GROUP BY row_group_id ORDER BY row_group_id`,
			{ table }
		);
		layout[table] = reader.getRowsJS().map(([, rows]) => Number(rows));
	}
	return layout;
}

/**
 * Whether every row of `before` still has its id in `now` as far as row groups tell: its row groups
 * unchanged, the last grown at most. That holds while loads only append, and catches a row group a
 * load's deletes emptied and its checkpoint dropped. A merge of row groups shows only in the rows in
 * all (noRowsDropped): one that joins row groups loads appended keeps every id, yet changes their sizes.
 */
export function rowIdsKept(before: RowIdLayout, now: RowIdLayout): boolean {
	return Object.entries(before).every(([table, groups]) => {
		const current = now[table];
		if (!current || current.length < groups.length) return false;
		return groups.every((rows, i) => (i === groups.length - 1 ? current[i]! >= rows : current[i] === rows));
	});
}

/**
 * The rows each table holds, deleted ones included: DuckDB's `estimated_size`, which counts them as the
 * layout does. Read in a moment, where the layout reads every column's segments.
 */
export async function storedRows(connection: DuckDBConnection, tables: readonly string[]): Promise<StoredRows> {
	const reader = await connection.runAndReadAll(
		`SELECT table_name, estimated_size FROM duckdb_tables()
		 WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
		   AND list_contains($tables, table_name)`,
		{ tables: listValue([...tables]) }
	);
	return Object.fromEntries(reader.getRowsJS().map(([table, rows]) => [String(table), Number(rows)]));
}

export type StoredRows = Record<string, number>;

/**
 * Whether a checkpoint between `before` (storedRows) and `now` dropped no row. A merge keeps every row's
 * place unless it drops deleted rows, which leaves fewer rows in all; so does dropping a row group its
 * deletes emptied. One that drops a replaced row of the last group moves the rows after it, though that
 * group may have grown.
 */
export function noRowsDropped(before: StoredRows, now: RowIdLayout): boolean {
	return Object.entries(now).every(([table, groups]) => rowsIn(groups) === before[table]);
}

const rowsIn = (groups: number[]) => groups.reduce((sum, rows) => sum + rows, 0);

/** The least row id of each table's rows loaded since a load, null where none is left (firstLoadedRows). */
export type FirstLoadedRows = Record<string, number | null>;

/**
 * The least row id of each table's rows loaded after load `since`, or null where none is left. New
 * rows come after every row a refresh recorded unless a load's checkpoint dropped a row group before
 * them (loadedAfterRecorded).
 */
export async function firstLoadedRows(
	connection: DuckDBConnection,
	tables: readonly string[],
	since: number
): Promise<FirstLoadedRows> {
	const first: FirstLoadedRows = {};
	for (const table of tables) {
		const reader = await connection.runAndReadAll(
			`SELECT min(rowid) FROM main.${ident(table)} WHERE load_id > $since`,
			{ since }
		);
		const [[rowId]] = reader.getRowsJS();
		first[table] = rowId === null ? null : Number(rowId);
	}
	return first;
}

/**
 * Whether the rows loaded since the last refresh all come after the rows it recorded. Catches what row
 * group sizes cannot: a load that emptied a full row group, which its checkpoint dropped, where every
 * recorded group after it is full too, moves the rows after it down by a whole group and leaves every
 * compared size as it was; the first new row then sits a group too low.
 */
export function loadedAfterRecorded(recorded: RowIdLayout, firstLoaded: FirstLoadedRows): boolean {
	return Object.entries(recorded).every(([table, groups]) => {
		const first = firstLoaded[table] ?? null;
		return first === null || first >= rowsIn(groups);
	});
}

/** The layout recorded by the last refresh, kept in the database beside the data. */
export async function recordedLayout(connection: DuckDBConnection): Promise<RowIdLayout | null> {
	const reader = await connection.runAndReadAll(`SELECT table_name, row_groups FROM main.row_id_layout`);
	const rows = reader.getRowsJS() as [string, number[]][];
	return rows.length ? Object.fromEntries(rows.map(([table, groups]) => [table, groups.map(Number)])) : null;
}

export async function recordLayout(connection: DuckDBConnection, layout: RowIdLayout): Promise<void> {
	await connection.run('DELETE FROM main.row_id_layout');
	for (const [table, groups] of Object.entries(layout))
		// An empty table has no row groups, and an empty list has no item type to bind without one.
		await connection.run(
			`INSERT INTO main.row_id_layout VALUES ($table, $groups)`,
			{ table, groups: listValue(groups.map(BigInt)) },
			{ groups: LIST(BIGINT) }
		);
}
