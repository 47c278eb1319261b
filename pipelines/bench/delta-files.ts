import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** Each file of a generated data set and the time that says when its row happened. */
const EVENT_TIME = {
	'orders.csv': 'ordered_at',
	'rmas.csv': 'created_at',
	'inspections.csv': 'inspected_at',
	'refunds.csv': 'issued_at'
} as const;

type Params = Record<string, string | number>;

/** The folder of each night's files: `delta` for one night, else `night-1`, `night-2`, … in order. */
export const nightFolders = (nights: number): string[] =>
	nights === 1 ? ['delta'] : Array.from({ length: nights }, (_, i) => `night-${i + 1}`);

/**
 * Splits a generated data set as a shop's nightly exports would bring it: `delta/` holds what happened
 * in the last `days` days of orders (their orders, and the returns, inspections and refunds of those days,
 * of older orders too), `base/` everything before. What happened after the last order day is left out:
 * it is the delta's future. The reason catalogue goes with the base. With `monthly`, the base comes as a
 * shop's history would: a file per entity and month of its rows' time (`orders-2024-01.csv`, …). With
 * `nights`, the last `nights` × `days` days come as that many deltas of `days` days each, in the folders
 * nightFolders names. Returns the day the first delta starts.
 */
export async function splitLastDays(
	dataDir: string,
	outDir: string,
	days = 1,
	{ monthly = false, nights = 1 } = {}
): Promise<string> {
	const instance = await DuckDBInstance.create(':memory:');
	const connection = await instance.connect();
	const folders = nightFolders(nights);
	try {
		for (const part of ['base', ...folders]) mkdirSync(join(outDir, part), { recursive: true });
		const read = (file: string) =>
			`read_csv(${`'${join(dataDir, file).replaceAll("'", "''")}'`}, all_varchar = true)`;
		const [[cut]] = (
			await connection.runAndReadAll(
				`SELECT strftime(last - CAST($days - 1 AS INTEGER), '%Y-%m-%d')
				 FROM (SELECT CAST(max(TRY_CAST(ordered_at AS TIMESTAMP)) AS DATE) AS last FROM ${read('orders.csv')})`,
				{ days: days * nights }
			)
		).getRowsJS() as [[string]];
		for (const [file, column] of Object.entries(EVENT_TIME)) {
			// A row whose time does not parse goes with the base, whose load rejects it.
			const at = `TRY_CAST(${column} AS TIMESTAMP)`;
			const late = `coalesce(${at} >= CAST($cut AS DATE), false)`;
			const day = (offset: string) => `CAST($cut AS DATE) + CAST(${offset} AS INTEGER)`;
			const night = `${at} >= ${day('$from')} AND ${at} < ${day('$to')}`;
			const parts: [string, string, Params][] = [
				['base', `NOT ${late}`, { cut }],
				...folders.map((folder, i): [string, string, Params] => [
					folder,
					night,
					{ cut, from: i * days, to: (i + 1) * days }
				])
			];
			for (const [part, test, params] of parts) {
				if (part === 'base' && monthly)
					await copyByMonth(connection, read(file), test, at, join(outDir, part, file), params);
				else {
					const target = join(outDir, part, file).replaceAll("'", "''");
					await connection.run(
						`COPY (SELECT * FROM ${read(file)} WHERE ${test}) TO '${target}' (HEADER)`,
						params
					);
				}
			}
		}
		const reasons = join(outDir, 'base', 'reasons.csv').replaceAll("'", "''");
		await connection.run(`COPY (SELECT * FROM ${read('reasons.csv')}) TO '${reasons}' (HEADER)`);
		return cut;
	} finally {
		connection.closeSync();
		instance.closeSync();
	}
}

/**
 * The rows a filter keeps, written as one CSV per month of `at` beside `target` (`orders.csv` becomes
 * `orders-2024-01.csv`, …; rows without a time `orders-none.csv`; a month DuckDB wrote in several
 * parts `orders-2024-01-1.csv`, …), in one pass over the file.
 */
async function copyByMonth(
	connection: DuckDBConnection,
	source: string,
	filter: string,
	at: string,
	target: string,
	params: Params
): Promise<void> {
	const folder = `${target}.parts`;
	await connection.run(
		`COPY (SELECT *, coalesce(strftime(${at}, '%Y-%m'), 'none') AS month FROM ${source} WHERE ${filter})
		 TO '${folder.replaceAll("'", "''")}' (HEADER, PARTITION_BY (month))`,
		params
	);
	for (const part of readdirSync(folder)) {
		const month = part.replace(/^month=/, '');
		readdirSync(join(folder, part)).forEach((file, i) =>
			renameSync(join(folder, part, file), target.replace(/\.csv$/, `-${month}${i ? `-${i}` : ''}.csv`))
		);
	}
	rmSync(folder, { recursive: true });
}
