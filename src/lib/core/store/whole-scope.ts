import { boundStatement, type SqlParams } from '../db/sql-params.ts';
import type { Statement } from '../db/transaction.ts';
import { holdsRows, type StoredTable } from './stored-table.ts';

/**
 * A view of the whole scope (no period, no dimension filter) stored as `table` at ingest, built by the
 * live statement with parameters of its own: the statement that stores it, and the check that the
 * stored rows are what the live statement gives now. Requests read it through storedOrLive.
 */
export function storeWholeScope(
	table: string,
	build: (params: SqlParams) => string
): { statement: Statement; check: NonNullable<StoredTable['check']> } {
	const live = () => boundStatement(build);
	const { sql, params } = live();
	return { statement: { sql: `CREATE OR REPLACE TABLE ${table} AS ${sql}`, params }, check: holdsRows(table, live) };
}
