import { OPEN_STATUSES } from '../contract/entities.ts';
import { SqlParams } from '../db/sql-params.ts';
import type { Statement } from '../db/transaction.ts';
import { DIMENSION_COLUMNS } from '../filters/filter-sql.ts';

/** The return lines still open, stored at ingest: the timing and the summary read them instead of every return line. */
export const OPEN_RETURN_LINES = 'open_return_lines';

/**
 * The open lines' rows. Their status is tested as a list, not `status IN (…)`: DuckDB turns an IN
 * list of five into a join that reads every line's other columns first.
 */
export function openLinesSql(lines = 'return_lines'): Statement {
	const params = new SqlParams();
	const open = `list_contains([${OPEN_STATUSES.map((s) => params.add(s)).join(', ')}], status)`;
	return { sql: `SELECT * FROM ${lines} WHERE ${open}`, params: params.values };
}

/**
 * Every return line's seconds to each step with what timing filters on, stored at ingest; with the
 * order date too, by which the comment themes count the returns in their scope.
 */
export const RETURN_TIMINGS = 'return_timings';

/**
 * A narrow copy of return_lines sorted by category and product, so a view filtered by either reads
 * only their blocks (one category's quantiles 30 → 24 ms, one product's 10 → 3 ms on 2 M lines)
 * instead of every return line. The order lets a delta replace its orders' lines.
 */
export function returnTimingsSql(lines = 'return_lines'): Statement {
	const columns = [
		'created_at',
		'ordered_at',
		...Object.values(DIMENSION_COLUMNS),
		'seconds_to_receive',
		'seconds_to_inspect',
		'seconds_to_refund',
		'order_id'
	];
	return { sql: `SELECT ${columns.join(', ')} FROM ${lines} ORDER BY category, product_id, created_at` };
}

/**
 * The statements that replace the delta orders' rows of a table copied from return_lines with their
 * rows as they are now (`new_return_lines`, derived-sql.ts).
 */
export function replaceDeltaRows(table: string, rows: Statement): Statement[] {
	return [
		{ sql: `DELETE FROM ${table} WHERE order_id IN (SELECT order_id FROM delta_orders)` },
		{ sql: `INSERT INTO ${table} ${rows.sql}`, ...(rows.params ? { params: rows.params } : {}) }
	];
}

/** The statement that stores a statement's rows as `table`. */
export function createTableAs(table: string, rows: Statement): Statement {
	return { sql: `CREATE OR REPLACE TABLE ${table} AS ${rows.sql}`, ...(rows.params ? { params: rows.params } : {}) };
}
