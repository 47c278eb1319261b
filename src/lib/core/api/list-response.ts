import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import type { Database } from '../db/db.ts';
import { DuckDBTypeId } from '@duckdb/node-api';
import {
	Bool,
	Field,
	Float64,
	Int32,
	RecordBatch,
	RecordBatchStreamWriter,
	Schema,
	Struct,
	Utf8,
	makeData,
	vectorFromArray,
	type DataType
} from 'apache-arrow';
import type { AuditedRequest } from '../audit/audited-request.ts';
import type { Format } from '../filters/filters.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const DEFAULT_LIMIT = 100;

export interface ListSpec {
	/** The rows to list, unordered and unpaged. */
	sql: string;
	params: Record<string, DuckDBValue>;
	/** ORDER BY expression built only from known column names. */
	orderBy: string;
	/** File name for CSV and Arrow downloads. */
	name: string;
	meta: Record<string, unknown>;
	/**
	 * Aggregates over every listed row (not just the page), by name, for `meta.totals` of a JSON answer:
	 * computed in the same query as the page, where the totals are sums of the rows.
	 */
	totals?: Record<string, string>;
	/**
	 * The rows are read from a table as they are, not computed: the count and the page each read them,
	 * and the page fetches its other columns for its own rows only, instead of every row being held.
	 */
	readsRows?: boolean;
	/**
	 * Columns that are only shown, never sorted on or totalled, and cost more than all the others: a
	 * JSON page lists `rows` (the rows of `sql` with those columns NULL) and fills them in for its own
	 * rows only with `fill`, a query over the CTE `page` giving the columns of `sql` in their order.
	 * Exports read `sql`.
	 */
	shownOnly?: { rows: string; fill: string };
}

export interface ListPaging {
	limit?: number;
	offset: number;
	format: Format;
}

/**
 * A JSON answer's query: the listed rows (computed once unless `readsRows`), their count and totals
 * (`__total`, `__t0`…), and the page at `$__limit` and `$__offset` (one row with a null `__on_page` when
 * the page is empty). The page is a top-N of the listed rows, not a sort of all of them.
 */
export function buildPageSql(spec: Pick<ListSpec, 'sql' | 'orderBy' | 'totals' | 'readsRows' | 'shownOnly'>): string {
	const totals = Object.values(spec.totals ?? {}).map((aggregate, i) => `, ${aggregate} AS __t${i}`);
	return `WITH listed AS ${spec.readsRows ? 'NOT MATERIALIZED' : 'MATERIALIZED'}
  (${spec.shownOnly?.rows ?? spec.sql}),
scope AS (SELECT count(*) AS __total${totals.join('')} FROM listed),
page AS (SELECT *, TRUE AS __on_page FROM
  (SELECT * FROM listed ORDER BY ${spec.orderBy} LIMIT $__limit OFFSET $__offset))
SELECT shown.*, scope.* FROM scope
LEFT JOIN (${spec.shownOnly?.fill ?? 'SELECT * FROM page'}) shown ON TRUE
ORDER BY ${spec.orderBy}`;
}

/** The one statement respondList runs for a list and its paging, with its bound parameters. */
export interface ListStatement {
	sql: string;
	params: Record<string, DuckDBValue>;
}

const pageLimit = (paging: ListPaging) => paging.limit ?? (paging.format === 'json' ? DEFAULT_LIMIT : undefined);

/**
 * The statement respondList runs for a list and its paging: for JSON, the page with the count and
 * totals of every listed row (buildPageSql); for CSV and Arrow, the rows in order, all of them without
 * `limit`. The benchmark runs it too, so that it times what the route runs.
 */
export function listStatement(spec: ListSpec, paging: ListPaging): ListStatement {
	const limit = pageLimit(paging);
	const params = { ...spec.params, __offset: paging.offset, ...(limit === undefined ? {} : { __limit: limit }) };
	if (paging.format === 'json') return { sql: buildPageSql(spec), params };
	const page = limit === undefined ? '' : ' LIMIT $__limit';
	return { sql: `SELECT * FROM (${spec.sql}) ORDER BY ${spec.orderBy}${page} OFFSET $__offset`, params };
}

/** A JSON answer to a list: its page of rows, and its meta with the count and totals of every listed row. */
export interface ListAnswer {
	rows: Record<string, Json>[];
	meta: Record<string, unknown>;
}

/** The JSON answer to a list, from the rows its JSON statement (listStatement) read. */
export function listAnswer(spec: ListSpec, paging: ListPaging, statementRows: Record<string, Json>[]): ListAnswer {
	const [first] = statementRows;
	const rows = statementRows
		.filter((row) => row.__on_page !== null)
		.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !k.startsWith('__'))));
	const meta: Record<string, unknown> = {
		...spec.meta,
		total_rows: Number(first.__total),
		row_count: rows.length,
		limit: pageLimit(paging),
		offset: paging.offset
	};
	if (spec.totals) {
		meta.totals = Object.fromEntries(Object.keys(spec.totals).map((name, i) => [name, first[`__t${i}`]]));
	}
	return { rows, meta };
}

/**
 * Answers a list query as JSON (`{ rows, meta }`, paged, 100 rows unless `limit` says otherwise), CSV
 * or an Arrow IPC stream. CSV and Arrow carry the same rows and columns as JSON and, without `limit`,
 * stream every matching row chunk by chunk, however many there are.
 */
export async function respondList(
	{ connection, db, audited }: { connection: DuckDBConnection; db: Database; audited?: AuditedRequest | null },
	spec: ListSpec,
	paging: ListPaging
): Promise<Response> {
	const { sql, params } = listStatement(spec, paging);
	if (paging.format === 'json') {
		const reader = await connection.runAndReadAll(sql, params);
		const answer = listAnswer(spec, paging, reader.getRowObjectsJson());
		audited?.served(answer.rows.length);
		return Response.json(answer);
	}
	// An export outlives the request's own connection, so it streams over one of its own.
	const exportConnection = await db.connect();
	let result;
	try {
		result = await exportConnection.stream(sql, params);
	} catch (error) {
		exportConnection.closeSync();
		throw error;
	}
	const names = result.columnNames();
	audited?.streaming();
	const batches = endingOnce(result.yieldRowsJson(), (rows, complete) => {
		exportConnection.closeSync();
		audited?.served(rows, complete);
	});
	if (paging.format === 'csv') {
		return new Response(csvStream(names, batches), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="${spec.name}.csv"`
			}
		});
	}
	return new Response(arrowStream(names, result.columnTypes(), batches), {
		headers: {
			'content-type': 'application/vnd.apache.arrow.stream',
			'content-disposition': `attachment; filename="${spec.name}.arrows"`
		}
	});
}

/**
 * The export's batches; `end` runs once with the rows handed out, when the last batch has been read
 * (complete), the reading failed, or the reader stopped, even before the first batch.
 */
function endingOnce<T extends unknown[]>(
	source: AsyncIterableIterator<T>,
	end: (rows: number, complete: boolean) => void
): AsyncIterableIterator<T> {
	let rows = 0;
	let ended = false;
	const finish = (complete: boolean) => {
		if (ended) return;
		ended = true;
		end(rows, complete);
	};
	return {
		async next() {
			try {
				const next = await source.next();
				if (next.done) finish(true);
				else rows += next.value.length;
				return next;
			} catch (error) {
				finish(false);
				throw error;
			}
		},
		async return() {
			// After the source has stopped: a read still under way finishes before the connection closes.
			await source.return?.();
			finish(false);
			return { done: true, value: undefined };
		},
		[Symbol.asyncIterator]() {
			return this;
		}
	};
}

/** A plain number, signed or not, as DuckDB and JSON write them: the one text starting with + or - left alone. */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A value as a CSV cell. Text that a spreadsheet would run as a formula (starting with =, +, -, @, a
 * tab or a carriage return: OWASP's CSV injection) gets a leading apostrophe, so names from a shop's
 * files open as text; plain numbers are left as they are.
 */
export function csvCell(value: Json): string {
	if (value === null) return '';
	let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
	if (/^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
	return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvStream(names: string[], batches: AsyncIterableIterator<Json[][]>): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	return new ReadableStream({
		start(controller) {
			controller.enqueue(encoder.encode(names.map(csvCell).join(',') + '\n'));
		},
		async pull(controller) {
			const next = await batches.next();
			if (next.done) return controller.close();
			controller.enqueue(encoder.encode(next.value.map((row) => row.map(csvCell).join(',') + '\n').join('')));
		},
		async cancel() {
			await batches.return?.();
		}
	});
}

function arrowType(type: DuckDBType): { arrow: DataType; convert: (value: Json) => unknown } {
	switch (type.typeId) {
		case DuckDBTypeId.BOOLEAN:
			return { arrow: new Bool(), convert: (v) => v };
		case DuckDBTypeId.TINYINT:
		case DuckDBTypeId.SMALLINT:
		case DuckDBTypeId.INTEGER:
		case DuckDBTypeId.UTINYINT:
		case DuckDBTypeId.USMALLINT:
			return { arrow: new Int32(), convert: (v) => v };
		case DuckDBTypeId.UINTEGER:
		case DuckDBTypeId.BIGINT:
		case DuckDBTypeId.UBIGINT:
		case DuckDBTypeId.HUGEINT:
		case DuckDBTypeId.FLOAT:
		case DuckDBTypeId.DOUBLE:
			return { arrow: new Float64(), convert: (v) => (v === null ? null : Number(v)) };
		default:
			// Money (DECIMAL) travels as its exact decimal text, as in JSON and CSV; lists as JSON text.
			return {
				arrow: new Utf8(),
				convert: (v) => (v === null ? null : typeof v === 'object' ? JSON.stringify(v) : String(v))
			};
	}
}

function arrowStream(
	names: string[],
	types: DuckDBType[],
	batches: AsyncIterableIterator<Json[][]>
): ReadableStream<Uint8Array> {
	const columns = types.map(arrowType);
	const schema = new Schema(names.map((name, i) => new Field(name, columns[i].arrow, true)));
	const writer = new RecordBatchStreamWriter();
	(async () => {
		let wrote = false;
		for await (const rows of batches) {
			const children = columns.map(
				(column, i) =>
					vectorFromArray(
						rows.map((row) => column.convert(row[i])),
						column.arrow
					).data[0]
			);
			writer.write(
				new RecordBatch(
					schema,
					makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children })
				)
			);
			wrote = true;
		}
		if (!wrote)
			writer.write(
				new RecordBatch(
					schema,
					makeData({
						type: new Struct(schema.fields),
						length: 0,
						nullCount: 0,
						children: columns.map((c) => vectorFromArray([], c.arrow).data[0])
					})
				)
			);
		writer.finish();
	})().catch((error: unknown) => writer.abort(error));
	const chunks = (writer as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
	return new ReadableStream({
		async pull(controller) {
			const next = await chunks.next();
			if (next.done) controller.close();
			else controller.enqueue(next.value);
		},
		async cancel() {
			await batches.return?.();
		}
	});
}
