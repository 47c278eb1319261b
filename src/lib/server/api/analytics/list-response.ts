import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import type { Database } from '../../db.ts';
import { DuckDBTypeId } from '@duckdb/node-api';
import { Bool, Field, Float64, Int32, RecordBatch, RecordBatchStreamWriter, Schema, Struct, Utf8, makeData, vectorFromArray, type DataType } from 'apache-arrow';
import type { Format } from '../../../analytics/filters.ts';

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
}

export interface ListPaging {
	limit?: number;
	offset: number;
	format: Format;
}

/**
 * Answers a list query as JSON (`{ rows, meta }`, paged, 100 rows unless `limit` says otherwise), CSV
 * or an Arrow IPC stream. CSV and Arrow carry the same rows and columns as JSON and, without `limit`,
 * stream every matching row chunk by chunk, however many there are.
 */
export async function respondList(
	{ connection, db }: { connection: DuckDBConnection; db: Database },
	spec: ListSpec,
	paging: ListPaging
): Promise<Response> {
	const limit = paging.limit ?? (paging.format === 'json' ? DEFAULT_LIMIT : undefined);
	const params = { ...spec.params, __offset: paging.offset, ...(limit === undefined ? {} : { __limit: limit }) };
	const ordered = `FROM (${spec.sql}) ORDER BY ${spec.orderBy}${limit === undefined ? '' : ' LIMIT $__limit'} OFFSET $__offset`;
	if (paging.format === 'json') {
		const reader = await connection.runAndReadAll(`SELECT *, count(*) OVER () AS __total ${ordered}`, params);
		const rows = reader.getRowObjectsJson();
		const total = rows.length
			? Number(rows[0].__total)
			: Number((await connection.runAndReadAll(`SELECT count(*) FROM (${spec.sql})`, spec.params)).getRows()[0][0]);
		for (const row of rows) delete row.__total;
		return Response.json({
			rows,
			meta: { ...spec.meta, total_rows: total, row_count: rows.length, limit, offset: paging.offset }
		});
	}
	// An export outlives the request's own connection, so it streams over one of its own.
	const exportConnection = await db.connect();
	let result;
	try {
		result = await exportConnection.stream(`SELECT * ${ordered}`, params);
	} catch (error) {
		exportConnection.closeSync();
		throw error;
	}
	const names = result.columnNames();
	const batches = closingWhenDone(result.yieldRowsJson(), () => exportConnection.closeSync());
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

async function* closingWhenDone<T>(source: AsyncIterableIterator<T>, close: () => void): AsyncIterableIterator<T> {
	try {
		yield* source;
	} finally {
		close();
	}
}

function csvCell(value: Json): string {
	if (value === null) return '';
	const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
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
			return { arrow: new Utf8(), convert: (v) => (v === null ? null : typeof v === 'object' ? JSON.stringify(v) : String(v)) };
	}
}

function arrowStream(names: string[], types: DuckDBType[], batches: AsyncIterableIterator<Json[][]>): ReadableStream<Uint8Array> {
	const columns = types.map(arrowType);
	const schema = new Schema(names.map((name, i) => new Field(name, columns[i].arrow, true)));
	const writer = new RecordBatchStreamWriter();
	(async () => {
		let wrote = false;
		for await (const rows of batches) {
			const children = columns.map((column, i) => vectorFromArray(rows.map((row) => column.convert(row[i])), column.arrow).data[0]);
			writer.write(new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children })));
			wrote = true;
		}
		if (!wrote) writer.write(new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: 0, nullCount: 0, children: columns.map((c) => vectorFromArray([], c.arrow).data[0]) })));
		writer.finish();
	})().catch((error: unknown) => writer.abort(error));
	const chunks = (writer as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
	return new ReadableStream({
		async pull(controller) {
			const next = await chunks.next();
			if (next.done) controller.close();
			else controller.enqueue(next.value);
		}
	});
}
