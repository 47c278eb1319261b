import { cellColumns, liveCellsSql, type CellTable } from '../cells/rate-source-sql.ts';
import type { StoredTable } from './stored-table.ts';

/** The declaration of a CellTable's cells: its columns from its definition, its check against its rows. */
export function storedCells(cells: CellTable, grain: string, answers: string): StoredTable {
	return {
		name: cells.table,
		grain,
		columns: cellColumns(cells),
		answers,
		check: () => {
			const { stored, live } = liveCellsSql(cells);
			return { stored, live: { sql: live } };
		}
	};
}
