import { toStatement, type Statement } from '../db/transaction.ts';

/**
 * Statements that build a table a part at a time, for a grouping whose states DuckDB cannot spill to disk
 * (lists, distinct counts): one statement over every row needs memory in proportion to the history.
 * `select(part)`, a SELECT with or without its parameters, must return whole groups, so the parts are cut
 * on a key every group holds. With `orderBy`, each part's rows go into a temp table, which is then sorted
 * into the table (a sort spills); without, they go into the table as they come.
 */
export function buildInParts(
	table: string,
	parts: number,
	select: (part: number) => string | Statement,
	orderBy?: string
): Statement[] {
	const staged = orderBy ? `${table}_parts` : table;
	const create = orderBy ? 'CREATE OR REPLACE TEMP TABLE' : 'CREATE OR REPLACE TABLE';
	const built = Array.from({ length: parts }, (_, part) => {
		const { sql, params } = toStatement(select(part));
		const into = part === 0 ? `${create} ${staged} AS` : `INSERT INTO ${staged}`;
		return { sql: `${into} ${sql}`, ...(params ? { params } : {}) };
	});
	if (!orderBy) return built;
	return [
		...built,
		{ sql: `CREATE OR REPLACE TABLE ${table} AS SELECT * FROM ${staged} ORDER BY ${orderBy}` },
		{ sql: `DROP TABLE ${staged}` }
	];
}
