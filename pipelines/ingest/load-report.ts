import type { DuckDBConnection } from '@duckdb/node-api';
import { REJECTED_ROWS } from './write-load.ts';

/** Rejected rows of one kind: the reason with its values left out, how many, and the first few. */
export interface RejectGroup {
	reason: string;
	rows: number;
	examples: { line: number; raw: string; reason: string }[];
}

const EXAMPLES = 3;

/** The stage's rejected rows grouped by reason, the values in it aside, most frequent first (for --check). */
export async function rejectGroups(connection: DuckDBConnection): Promise<RejectGroup[]> {
	const reader = await connection.runAndReadAll(
		`SELECT regexp_replace(reason, '"[^"]*"', '"…"', 'g') AS kind, count(*) AS n,
		        list({'line': line, 'raw': raw, 'reason': reason} ORDER BY line)[1:${EXAMPLES}] AS examples
		 FROM (${REJECTED_ROWS}) GROUP BY kind ORDER BY n DESC, kind`
	);
	return reader.getRowObjectsJS().map((row) => ({
		reason: String(row.kind),
		rows: Number(row.n),
		examples: (row.examples as { line: bigint; raw: string; reason: string }[]).map((e) => ({
			line: Number(e.line),
			raw: e.raw,
			reason: e.reason
		}))
	}));
}
