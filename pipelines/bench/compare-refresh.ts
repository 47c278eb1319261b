import { closeSync, copyFileSync, existsSync, fsyncSync, openSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { refreshAnalytics, type RefreshResult } from '../ingest/refresh.ts';
import { openDatabase } from '../../src/lib/core/db/db.ts';
import { STORED_STEPS } from '../../src/lib/features/registry.ts';

/**
 * A copy of a closed database file (and its write-ahead log), flushed to disk: otherwise the first
 * commits into it wait on gigabytes the copy left for the kernel to write (a second or two of a timed
 * delta), which a database loaded night after night does not.
 */
export function copyDatabase(from: string, to: string): void {
	for (const [source, target] of [
		[from, to],
		[`${from}.wal`, `${to}.wal`]
	])
		if (existsSync(source)) {
			copyFileSync(source, target);
			const file = openSync(target, 'r+');
			fsyncSync(file);
			closeSync(file);
		}
}

/** A database file's analytics rebuilt whole (keeping its comment themes), as the refresh a test compares with. */
export async function rebuildWhole(dbPath: string): Promise<RefreshResult> {
	const db = await openDatabase(dbPath);
	const connection = await db.connect();
	try {
		return await refreshAnalytics(connection, { full: true, keepThemes: true });
	} finally {
		connection.closeSync();
		db.close();
	}
}

export interface TableDifference {
	table: string;
	rows: [number, number];
	/** Rows of each side the other lacks (surrogate columns left out, doubles to 9 decimals). */
	onlyIn: [number, number];
	example?: string;
}

/**
 * Every stored table of two databases' published generations compared row for row (as multisets),
 * without the columns that number rows: the tables that differ.
 */
export async function storedTablesDiffer(a: string, b: string): Promise<TableDifference[]> {
	const instance = await DuckDBInstance.create(':memory:');
	const connection = await instance.connect();
	try {
		await connection.run(`ATTACH '${a.replaceAll("'", "''")}' AS a (READ_ONLY)`);
		await connection.run(`ATTACH '${b.replaceAll("'", "''")}' AS b (READ_ONLY)`);
		const generation = async (db: string) =>
			String(
				(await connection.runAndReadAll(`SELECT generation FROM ${db}.main.analytics_state`)).getRows()[0][0]
			);
		const [ga, gb] = [await generation('a'), await generation('b')];
		const differences: TableDifference[] = [];
		for (const table of STORED_STEPS.flatMap((step) => step.tables)) {
			const columns = (
				await connection.runAndReadAll(
					`SELECT column_name, data_type FROM duckdb_columns()
					 WHERE database_name = 'a' AND schema_name = $schema AND table_name = $table ORDER BY column_index`,
					{ schema: ga, table: table.name }
				)
			).getRowsJS() as [string, string][];
			const select = columns
				.filter(([name]) => !table.surrogate?.includes(name))
				.map(([name, type]) =>
					/^(DOUBLE|FLOAT|REAL)$/.test(type) ? `round("${name}", 9) AS "${name}"` : `"${name}"`
				)
				.join(', ');
			const from = (db: string, schema: string) => `(SELECT ${select} FROM ${db}.${schema}."${table.name}")`;
			const [[countA, countB, onlyA, onlyB, example]] = (
				await connection.runAndReadAll(
					`SELECT (SELECT count(*) FROM a.${ga}."${table.name}"),
					   (SELECT count(*) FROM b.${gb}."${table.name}"),
					   (SELECT count(*) FROM (${from('a', ga)} EXCEPT ALL ${from('b', gb)})),
					   (SELECT count(*) FROM (${from('b', gb)} EXCEPT ALL ${from('a', ga)})),
					   (SELECT CAST(to_json(x) AS VARCHAR)
					    FROM (${from('a', ga)} EXCEPT ALL ${from('b', gb)}) x LIMIT 1)`
				)
			).getRowsJS() as [[bigint, bigint, bigint, bigint, string | null]];
			if (Number(onlyA) || Number(onlyB))
				differences.push({
					table: table.name,
					rows: [Number(countA), Number(countB)],
					onlyIn: [Number(onlyA), Number(onlyB)],
					...(example ? { example } : {})
				});
		}
		return differences;
	} finally {
		connection.closeSync();
		instance.closeSync();
	}
}
