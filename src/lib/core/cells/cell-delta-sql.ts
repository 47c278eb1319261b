import type { Statement } from '../db/transaction.ts';
import { cellKey, cellsSelect, type CellTable } from './rate-source-sql.ts';

/**
 * Brings a table of cells up to date in place for the rows a delta replaced: the cells of the rows as they
 * were (`oldRows`) are taken out and those of the rows as they are (`newRows`) put in, cell by cell. Every
 * measure is a sum or a count, and an order's lines are all old or all new, so distinct order counts add
 * up too. A cell whose count comes to 0 is dropped, as a full build would not have it; a product keeps the
 * name it had. `select` builds a table's cells from rows (cellsSelect for most).
 */
export function buildCellDeltaSql(
	cells: CellTable & { counts: string },
	oldRows: string,
	newRows: string,
	select: (rows: string) => string = (rows) => cellsSelect(cells, cells.rowsOf ? cells.rowsOf(rows) : rows)
): Statement[] {
	const key = cellKey(cells);
	const hashed = `hash(${key.join(', ')})`;
	const measures = Object.keys(cells.measures).filter((m) => m !== 'product_name');
	const named = 'product_name' in cells.measures;
	const changed = `list_contains(getvariable('cell_months'), month) AND ${hashed} IN (SELECT h FROM cell_keys)`;
	return [
		`CREATE OR REPLACE TEMP TABLE cell_changes AS
		 SELECT 1 AS sign, 1 AS src, * FROM (${select(newRows)})
		 UNION ALL SELECT -1 AS sign, 2 AS src, * FROM (${select(oldRows)})`,
		`CREATE OR REPLACE TEMP TABLE cell_keys AS SELECT DISTINCT ${hashed} AS h FROM cell_changes`,
		// The months first: a constant test on a column the scan can check cheaply, before hashing every key.
		`SET VARIABLE cell_months = (SELECT list(DISTINCT month) FROM cell_changes)`,
		`CREATE OR REPLACE TEMP TABLE cell_sums AS
		 SELECT ${key.join(', ')},
		   ${named ? 'arg_min(product_name, src) FILTER (WHERE src < 2) AS product_name,' : ''}
		   ${measures.map((m) => `sum(sign * ${m}) AS ${m}`).join(', ')}
		 FROM (SELECT 1 AS sign, 0 AS src, * FROM ${cells.table} WHERE ${changed}
		       UNION ALL BY NAME SELECT * FROM cell_changes)
		 GROUP BY ALL HAVING sum(sign * ${cells.counts}) <> 0`,
		`DELETE FROM ${cells.table} WHERE ${changed}`,
		`INSERT INTO ${cells.table} BY NAME SELECT * FROM cell_sums`,
		'DROP TABLE cell_changes',
		'DROP TABLE cell_keys',
		'DROP TABLE cell_sums',
		'RESET VARIABLE cell_months'
	].map((sql) => ({ sql }));
}
