import { toStatement, type Statement } from '../db/transaction.ts';

/**
 * Statements that build a table a part at a time, for a grouping whose states DuckDB cannot spill to disk
 * (lists, distinct counts): one statement over every row needs memory in proportion to the history. Each
 * part's rows go into a temp table, which is then sorted into the table (a sort spills). `select(part)`,
 * a SELECT with or without its parameters, must return whole groups, so the parts are cut on a key every
 * group holds.
 */
export function buildInParts(
	table: string,
	parts: number,
	select: (part: number) => string | Statement,
	orderBy: string
): Statement[] {
	const staged = `${table}_parts`;
	return [
		...Array.from({ length: parts }, (_, part) => {
			const { sql, params } = toStatement(select(part));
			const into = part === 0 ? `CREATE OR REPLACE TEMP TABLE ${staged} AS` : `INSERT INTO ${staged}`;
			return { sql: `${into} ${sql}`, ...(params ? { params } : {}) };
		}),
		{ sql: `CREATE OR REPLACE TABLE ${table} AS SELECT * FROM ${staged} ORDER BY ${orderBy}` },
		{ sql: `DROP TABLE ${staged}` }
	];
}
