/** Shared by the demo-data tests: a generated data set in a temp dir, read back two independent ways. */
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { PhraseBank } from '../../pipelines/demo-data/comment-fragments.ts';
import { generateDemoData, type DemoTruth } from '../../pipelines/demo-data/generate.ts';
import {
	CONDITIONS,
	DISPOSITIONS,
	REASON_GROUPS,
	REFUND_METHODS,
	RESOLUTIONS,
	RMA_STATUSES
} from '../../src/lib/core/contract/entities.ts';

export const TEST_LINES = 20_000;
export const CSV_FILES = [
	'orders.csv',
	'rmas.csv',
	'reasons.csv',
	'inspections.csv',
	'refunds.csv',
	'comment-labels.csv'
] as const;

export interface DemoSet {
	dir: string;
	truth: DemoTruth;
	remove: () => Promise<void>;
}

export async function generateInTemp(lines = TEST_LINES, seed = 42, phrases?: PhraseBank): Promise<DemoSet> {
	const dir = await mkdtemp(join(tmpdir(), 'demo-data-test-'));
	const { truth } = await generateDemoData({ lines, seed, outDir: dir, phrases });
	return { dir, truth, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface CsvRecord {
	/** First physical line of the record, header = 1. */
	line: number;
	fields: string[];
}

/** An RFC 4180 reader written for the tests, independent of the generator's writer. */
export function parseCsv(text: string): { header: string[]; records: CsvRecord[] } {
	const records: CsvRecord[] = [];
	let fields: string[] = [];
	let field = '';
	let quoted = false;
	let line = 1;
	let recordLine = 1;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i++;
				} else quoted = false;
			} else {
				if (ch === '\n') line++;
				field += ch;
			}
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			fields.push(field);
			field = '';
		} else if (ch === '\n') {
			fields.push(field);
			records.push({ line: recordLine, fields });
			fields = [];
			field = '';
			line++;
			recordLine = line;
		} else field += ch;
	}
	if (field !== '' || fields.length > 0) {
		fields.push(field);
		records.push({ line: recordLine, fields });
	}
	const [header, ...rest] = records;
	return { header: header?.fields ?? [], records: rest };
}

export async function readCsv(dir: string, file: string): Promise<{ header: string[]; records: CsvRecord[] }> {
	return parseCsv(await readFile(join(dir, file), 'utf8'));
}

export type Row = Record<string, string | number | boolean | null>;

export interface Duck {
	all: (sql: string) => Promise<Row[]>;
	/** The first row of a query, its values as numbers. */
	numbers: <K extends string>(sql: string) => Promise<Record<K, number>>;
	/** A single column of a query, as strings. */
	column: (sql: string) => Promise<string[]>;
	close: () => void;
}

/** DuckDB over the raw CSVs: raw_<entity> as exported (all text), <entity> with the broken rows left out. */
export async function openDuck(dir: string): Promise<Duck> {
	const instance = await DuckDBInstance.create(':memory:');
	const conn: DuckDBConnection = await instance.connect();
	const run = async (sql: string): Promise<Row[]> => (await conn.runAndReadAll(sql)).getRowObjectsJson() as Row[];
	for (const file of CSV_FILES) {
		const table = `raw_${file.replace('.csv', '').replace('-', '_')}`;
		await run(
			`create table ${table} as select * from read_csv('${join(dir, file)}', all_varchar = true, header = true,
			                                                  delim = ',', quote = '"', escape = '"')`
		);
	}
	for (const [table, where] of Object.entries(VALID_SQL)) {
		await run(`create table ${table} as select * from raw_${table} where ${where}`);
	}
	await run('create table comment_labels as select * from raw_comment_labels');
	// A return is an RMA line that was neither rejected nor cancelled (data contract).
	await run(`
		create view returns as
		select r.*, try_cast(r.quantity as integer) as units, o.customer_id as buyer, o.category, o.product_id, o.sku,
		       o.supplier, try_cast(o.ordered_at as timestamp) as ordered_ts, g.reason_group
		from rmas r join orders o using (line_id) left join reasons g using (reason_code)
		where r.status not in ('rejected', 'cancelled')`);
	return {
		all: run,
		numbers: async <K extends string>(sql: string) =>
			Object.fromEntries(Object.entries((await run(sql))[0] ?? {}).map(([k, v]) => [k, Number(v)])) as Record<
				K,
				number
			>,
		column: async (sql) => (await run(sql)).map((r) => String(Object.values(r)[0])),
		close: () => {
			conn.closeSync();
			instance.closeSync();
		}
	};
}

const nonEmpty = (...cols: string[]): string => cols.map((c) => `coalesce(${c}, '') <> ''`).join(' and ');
const ts = (c: string): string => `try_cast(${c} as timestamp) is not null`;
const count = (c: string): string => `regexp_full_match(coalesce(${c}, ''), '[0-9]+') and cast(${c} as integer) >= 1`;
const money = (c: string): string => `regexp_full_match(coalesce(${c}, ''), '[0-9]+(\\.[0-9]{1,2})?')`;
const oneOf = (c: string, values: readonly string[]): string =>
	`lower(coalesce(${c}, '')) in (${values.map((v) => `'${v}'`).join(', ')})`;

/** The contract's required-field rules, as SQL over the all-text tables. */
const VALID_SQL: Record<string, string> = {
	orders: `${nonEmpty('line_id', 'order_id', 'customer_id', 'sku', 'product_id')}
		and ${ts('ordered_at')} and ${count('quantity')} and ${money('unit_price')}`,
	reasons: `${nonEmpty('reason_code', 'label')}
		and (coalesce(reason_group, '') = '' or ${oneOf('reason_group', REASON_GROUPS)})`,
	rmas: `${nonEmpty('rma_id', 'line_id')} and ${ts('created_at')} and ${count('quantity')}
		and ${oneOf('status', RMA_STATUSES)}
		and (coalesce(resolution, '') = '' or ${oneOf('resolution', RESOLUTIONS)})
		and cast(quantity as integer) <= (select max(cast(o.quantity as integer)) from raw_orders o
		                                  where o.line_id = raw_rmas.line_id and ${count('o.quantity')})`,
	inspections: `${nonEmpty('inspection_id', 'rma_id', 'line_id')} and ${ts('inspected_at')}
		and ${oneOf('condition', CONDITIONS)} and ${oneOf('disposition', DISPOSITIONS)}`,
	refunds: `${nonEmpty('refund_id', 'order_id')} and ${ts('issued_at')} and ${money('amount')}
		and ${oneOf('method', REFUND_METHODS)}`
};
