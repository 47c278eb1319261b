import type { DuckDBValue } from '@duckdb/node-api';

/** Collects bound parameters while SQL text is built, so no value is ever spliced into SQL. */
export class SqlParams {
	readonly values: Record<string, DuckDBValue> = {};
	#next = 0;

	add(value: DuckDBValue): string {
		const name = `p${this.#next++}`;
		this.values[name] = value;
		return `$${name}`;
	}
}

/** A statement whose SQL `build` writes with parameters of its own, bound as it adds them. */
export function boundStatement(build: (params: SqlParams) => string): {
	sql: string;
	params: Record<string, DuckDBValue>;
} {
	const params = new SqlParams();
	return { sql: build(params), params: params.values };
}

/** Quotes an identifier (a column name read from a file header) for use in SQL. */
export function ident(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}
