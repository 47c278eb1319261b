import { BIGINT, LIST, listValue, type DuckDBConnection } from '@duckdb/node-api';

/**
 * Where a table's rows sit: the rows of each of its row groups, in order. A row's id is its place among
 * them, deleted rows included, so while no row group before the last changes size, every row keeps its
 * id and new rows only come after. A checkpoint that compacts deleted rows merges row groups and moves
 * the ids of every row after them: the layouts before and after it show it (rowIdsKept).
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
 * Whether every row of `recorded` still has its id in `now`. `loaded` is the layout before the refresh's
 * checkpoints, the only ones that may merge row groups (db.ts). From `recorded` to `loaded` the loads
 * must only have appended rows: the recorded row groups unchanged, the last grown at most (a load's own
 * checkpoint may drop a row group its deletes emptied, which this catches). From `loaded` to `now` no row
 * may have gone: a merge keeps every row's place unless it drops deleted rows, which leaves fewer rows
 * in all. So a merge of row groups that loads appended keeps the ids, and one that also drops a replaced
 * row of the last recorded group does not, though that group may have grown.
 */
export function rowIdsKept(recorded: RowIdLayout, loaded: RowIdLayout, now: RowIdLayout): boolean {
	return Object.entries(recorded).every(([table, groups]) => {
		const current = loaded[table];
		if (!current || current.length < groups.length || rowsOf(now[table]) !== rowsOf(current)) return false;
		return groups.every((rows, i) => (i === groups.length - 1 ? current[i]! >= rows : current[i] === rows));
	});
}

const rowsOf = (groups: number[] | undefined) => (groups ?? []).reduce((sum, rows) => sum + rows, 0);

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
