import { stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { SqlParams, ident } from '../../src/lib/core/db/sql-params.ts';
import {
	DialectError,
	ambiguousDates,
	dateEvidence,
	dateFormats,
	dateOrderOf,
	decodeSample,
	detectDecimal,
	parseRecords,
	readSample,
	sniffDelimiter,
	sniffEncoding,
	statedDateFormats,
	type Dialect
} from './dialect.ts';
import { firstInvalidUtf8Line, transcodeToUtf8, type Encoding } from './encoding.ts';
import { verifyGzip } from './file-hash.ts';
import type { EntityMapping, FormatOptions } from './mapping.ts';
import type { SourceSpec } from './source-spec.ts';
import { SourceError, type SourceFile } from './sources.ts';
import {
	MissingColumnsError,
	csvOptions,
	ndjsonLines,
	ndjsonSource,
	tabularSource,
	type SourceColumns
} from './stage-sql.ts';

/** A file ready to stage: what DuckDB reads (the file, or its UTF-8 copy), how it is written, its columns. */
export interface PreparedSource {
	/** The CSV dialect, detected or stated; undefined for Parquet and NDJSON. */
	dialect?: Dialect;
	columns: SourceColumns;
	/** The parameters `columns` binds; the stage statement adds its own to them. */
	params: SqlParams;
	/** Removes the UTF-8 copy and the rows read ahead, if any were made. */
	cleanup: () => Promise<void>;
}

/**
 * DuckDB's reading errors in one sentence a person can act on: the limit of a CSV record's size (usually a
 * quote that is never closed) is said plainly; other errors keep DuckDB's first line.
 */
export function plainReadError(format: string, message: string): string {
	const lineOf = /CSV Error on Line: (\d+)/.exec(message)?.[1];
	const limit = /Maximum line size of (\d+) bytes/.exec(message)?.[1];
	if (limit || /maximum line size/i.test(message)) {
		const where = lineOf ? `line ${lineOf}` : 'one of its lines';
		return (
			`cannot be read as CSV: ${where} is longer than the ${Number(limit ?? 2e6).toLocaleString('en-US')} ` +
			'bytes DuckDB reads as one record, which is usually a quote opened and never closed. Check the ' +
			`quotes ${lineOf ? `from line ${lineOf} on` : 'in the file'}, then load it again; ` +
			'nothing was loaded from it'
		);
	}
	return `cannot be read as ${format}: ${message.split('\n')[0]}`;
}

export function notUtf8(path: string, line: number | undefined): SourceError {
	return new SourceError(
		path,
		`is not valid UTF-8 (first at line ${line ?? '?'}), but the mapping's format says "encoding": "utf-8"; ` +
			'nothing was loaded from it. Save it as UTF-8, or state the encoding it has (e.g. "windows-1252")'
	);
}

const emptyFile = (path: string) =>
	new SourceError(path, 'is empty: there is nothing in it to load. Export it again, or leave it out');

async function describe(connection: DuckDBConnection, file: SourceFile, from: string, params: SqlParams) {
	try {
		const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`, params.values);
		return reader.getRows().map((row) => String(row[0]));
	} catch (error) {
		throw new SourceError(file.path, plainReadError(file.format, (error as Error).message));
	}
}

/**
 * Settles whether dates like 3/4/2025 are day or month first from the whole file, when the first megabyte
 * did not: a first part over 12 anywhere makes them day-first, a second part over 12 month-first.
 */
async function dateOrderOfFile(
	connection: DuckDBConnection,
	whole: { path: string; delimiter: string },
	separator: string,
	columns: string[]
): Promise<'day-first' | 'month-first' | undefined> {
	const params = new SqlParams();
	const values = columns.map((c) => `CAST(${ident(c)} AS VARCHAR)`).join(', ');
	const part = (n: number) => `TRY_CAST(regexp_extract(v, '^\\s*(\\d{1,2})[/-](\\d{1,2})[/-]\\d', ${n}) AS INTEGER)`;
	const from = `read_csv(${params.add(whole.path)}, ${csvOptions(params, whole.delimiter, false)})`;
	const sql = `SELECT arg_max(v, a) FILTER (WHERE a > 12), arg_max(v, b) FILTER (WHERE b > 12)
	  FROM (SELECT v, ${part(1)} AS a, ${part(2)} AS b FROM (SELECT unnest([${values}]) AS v FROM ${from}))`;
	const [dayFirst, monthFirst] = (await connection.runAndReadAll(sql, params.values)).getRows()[0];
	return dateOrderOf({ separator, dayFirst: dayFirst as string | null, monthFirst: monthFirst as string | null });
}

/** Encoding and delimiter, from the first megabyte (a gzipped file's encoding from all of it). */
async function sniffCsv(file: SourceFile, format: FormatOptions, forced: Encoding | undefined) {
	const whole = file.path.toLowerCase().endsWith('.gz')
		? await verifyGzip(file.path).catch((error: Error) => {
				throw new SourceError(
					file.path,
					`is not a complete gzip file (${error.message}); nothing was loaded from it`
				);
			})
		: undefined;
	const { bytes, complete } = await readSample(file.path);
	const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
	if (
		bytes
			.subarray(bom ? 3 : 0)
			.toString('latin1')
			.trim() === ''
	)
		throw emptyFile(file.path);
	const sniffed = sniffEncoding(bytes, complete, format.encoding);
	let encoding = forced ?? sniffed.encoding;
	if (!forced && encoding === 'utf-8' && whole && !whole.utf8) {
		if (format.encoding === 'utf-8') throw notUtf8(file.path, await firstInvalidUtf8Line(file.path));
		encoding = 'windows-1252';
	}
	const text = decodeSample(bytes, encoding);
	const delimiter = format.delimiter ?? sniffDelimiter(text, complete);
	return { encoding, bom: sniffed.bom, text, complete, delimiter };
}

/** Decimal separator and date forms: stated by the mapping, else read from the sample's values. */
async function valueForms(
	connection: DuckDBConnection,
	spec: SourceSpec,
	format: FormatOptions,
	sample: { header: string[]; records: string[][]; index: Map<string, number> },
	whole: { path: string; delimiter: string }
): Promise<Pick<Dialect, 'decimal' | 'dateFormats' | 'dateOrder'>> {
	const fed = (type: string) => spec.columns.filter((c) => c.type === type && sample.index.has(c.name));
	const valuesOf = (type: string) =>
		fed(type).flatMap((c) => sample.records.map((r) => r[sample.index.get(c.name)!] ?? ''));
	const decimal = format.decimal ?? detectDecimal(valuesOf('money'), whole.delimiter);
	if (format.date) {
		const dayFirst = format.date.indexOf('%d') < format.date.indexOf('%m');
		return {
			decimal,
			dateFormats: statedDateFormats(format.date),
			dateOrder: dayFirst ? 'day-first' : 'month-first'
		};
	}
	const evidence = dateEvidence(valuesOf('timestamp'));
	if (evidence.separator === null) return { decimal, dateFormats: [], dateOrder: 'iso' };
	const columns = fed('timestamp').map((c) => sample.header[sample.index.get(c.name)!]);
	const order = dateOrderOf(evidence) ?? (await dateOrderOfFile(connection, whole, evidence.separator, columns));
	const example = valuesOf('timestamp').find((v) => v.trim() !== '') ?? '';
	if (!order) throw ambiguousDates(example.trim(), evidence.separator);
	return { decimal, dateFormats: dateFormats(order, evidence.separator), dateOrder: order };
}

/**
 * Rows whose empty fields are filled from their order's first row need the rows' order in the file: they are
 * read into a table first, whose row ids keep it. Returns what the stage reads.
 */
async function readAhead(connection: DuckDBConnection, from: string, params: SqlParams, fill: boolean) {
	if (!fill) return { from, params, positions: false };
	await connection.run(`CREATE OR REPLACE TEMP TABLE _src AS SELECT * FROM ${from}`, params.values);
	return { from: 'temp._src', params: new SqlParams(), positions: true };
}

/**
 * Prepares a file for staging: for CSV, detects its dialect (where the mapping does not state it), makes a
 * UTF-8 copy of a file in another encoding, reads its header and maps its columns. A file that is empty, or
 * whose dates or decimals cannot be told apart, is refused here, before anything of it is staged.
 */
export async function prepareSource(
	connection: DuckDBConnection,
	file: SourceFile,
	spec: SourceSpec,
	mapping: EntityMapping,
	forced?: Encoding
): Promise<PreparedSource> {
	if ((await stat(file.path)).size === 0) throw emptyFile(file.path);
	const fill = mapping.fill_from_order.length > 0;
	const dropAhead = async () => {
		await connection.run('DROP TABLE IF EXISTS temp._src');
	};
	if (file.format === 'ndjson') {
		const read = new SqlParams();
		const ahead = await readAhead(connection, ndjsonLines(read, file.path), read, fill);
		return { columns: ndjsonSource(spec, mapping, ahead.params, ahead), params: ahead.params, cleanup: dropAhead };
	}
	const read = new SqlParams();
	const csv = file.format === 'csv' ? await sniffCsv(file, mapping.format, forced) : undefined;
	const copy = csv && csv.encoding !== 'utf-8' ? await transcodeToUtf8(file.path, csv.encoding) : undefined;
	const readPath = copy?.path ?? file.path;
	const cleanup = async () => {
		await dropAhead();
		await copy?.remove();
	};
	try {
		const from = csv
			? `read_csv(${read.add(readPath)}, ${csvOptions(read, csv.delimiter, true)})`
			: `read_parquet(${read.add(readPath)})`;
		const headerParams = new SqlParams();
		const headerFrom = csv
			? `read_csv(${headerParams.add(readPath)}, ${csvOptions(headerParams, csv.delimiter, false)})`
			: `read_parquet(${headerParams.add(readPath)})`;
		const header = await describe(connection, file, headerFrom, headerParams);
		const ahead = await readAhead(connection, from, read, fill);
		const columns = tabularSource(spec, header, mapping, ahead.params, { ...ahead, csv: csv !== undefined });
		if (!csv) return { columns, params: ahead.params, cleanup };
		const records = parseRecords(csv.text, csv.delimiter, csv.complete).slice(1);
		const forms = await valueForms(
			connection,
			spec,
			mapping.format,
			{ header, records, index: columns.index },
			{ path: readPath, delimiter: csv.delimiter }
		);
		const detected = (['encoding', 'delimiter', 'decimal', 'date'] as const).filter(
			(k) => mapping.format[k] === undefined
		);
		const dialect: Dialect = { encoding: csv.encoding, bom: csv.bom, delimiter: csv.delimiter, ...forms, detected };
		return { dialect, columns, params: ahead.params, cleanup };
	} catch (error) {
		await cleanup();
		if (error instanceof DialectError)
			throw new SourceError(file.path, `${error.message}; nothing was loaded from it`);
		if (error instanceof MissingColumnsError) throw new SourceError(file.path, error.message);
		throw error;
	}
}
