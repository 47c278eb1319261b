import type { ColumnSpec, EntitySpec } from '../../src/lib/core/contract/entities.ts';
import type { EntityMapping } from './mapping.ts';
import { SqlParams, ident } from '../../src/lib/core/db/sql-params.ts';

/**
 * Builds the one statement that reads a source file and validates every row in bulk: it creates the
 * table `_stage` with the contract's columns typed, `_reason` (why a row is rejected, else NULL),
 * `_warn` (invalid optional fields, loaded empty), `_nl` (newlines inside a CSV record, for line
 * numbers), `_raw` (the row as it was, kept only for rows that are rejected or warned about) and `_dup`.
 */

export const FIELD_SEP = '\u001f';
export const ENTRY_SEP = '\u001e';

const CSV_OPTIONS = `header = true, all_varchar = true, delim = ',', quote = '"', escape = '"',
  store_rejects = true, rejects_table = 'csv_rejects', rejects_scan = 'csv_reject_scans', compression = 'auto'`;
const LINES_OPTIONS = `header = false, columns = {'line': 'VARCHAR'}, auto_detect = false,
  delim = E'\\x01', quote = '', escape = '', compression = 'auto'`;

export interface SourceColumns {
	/** Contract column → the SQL expression (VARCHAR, NULL when empty) holding its source value. */
	value: Map<string, string>;
	/** The SQL expression rebuilding the raw row as JSON text. */
	raw: string;
	/** The SELECT list of the innermost query (renamed source columns). */
	select: string;
	from: string;
	nl: string;
	/** Rows that are not JSON objects are rejected before any field is looked at. */
	notAnObject?: string;
}

export class MissingColumnsError extends Error {}

/**
 * An empty field is a missing value. Typed fields also lose surrounding blanks before they are parsed;
 * text is taken as it is, which also spares trimming every field of a large file.
 */
function emptyAsNull(spec: ColumnSpec, raw: string): string {
	return spec.type === 'string' ? `NULLIF(${raw}, '')` : `NULLIF(trim(${raw}), '')`;
}

function sourceColumnFor(spec: ColumnSpec, header: string[], mapping: EntityMapping): string | undefined {
	const mapped = Object.entries(mapping.columns).find(
		([source, target]) => target === spec.name && header.includes(source)
	);
	if (mapped) return mapped[0];
	return header.find((h) => h.trim().toLowerCase() === spec.name);
}

/** CSV and Parquet: the header is known up front, so each contract column maps to one source column. */
export function tabularSource(
	format: 'csv' | 'parquet',
	entity: EntitySpec,
	header: string[],
	mapping: EntityMapping,
	pathParam: string
): SourceColumns {
	const missing: string[] = [];
	const value = new Map<string, string>();
	const renamed = header.map((h, i) => `${ident(h)} AS __s${i}`);
	for (const spec of entity.columns) {
		const source = sourceColumnFor(spec, header, mapping);
		if (source === undefined) {
			if (spec.required) missing.push(spec.name);
			value.set(spec.name, 'CAST(NULL AS VARCHAR)');
		} else {
			value.set(spec.name, emptyAsNull(spec, `CAST(__s${header.indexOf(source)} AS VARCHAR)`));
		}
	}
	if (missing.length > 0) {
		throw new MissingColumnsError(
			`missing required column(s) ${missing.join(', ')} for ${entity.name}; ` +
				`columns found: ${header.join(', ')} (rename them with --mapping)`
		);
	}
	const all = header.map((_, i) => `CAST(__s${i} AS VARCHAR)`);
	const joined = `concat_ws('', ${all.join(', ')})`;
	// Searching each field is far cheaper than joining them all; only records that hold a newline are joined to
	// count them.
	const anyNewline = all.map((field) => `contains(${field}, chr(10))`).join(' OR ');
	return {
		value,
		raw: `to_json(struct_pack(${header.map((h, i) => `${ident(h)} := __s${i}`).join(', ')}))::VARCHAR`,
		select: renamed.join(', '),
		from: format === 'csv' ? `read_csv(${pathParam}, ${CSV_OPTIONS})` : `read_parquet(${pathParam})`,
		nl:
			format === 'csv'
				? `CASE WHEN ${anyNewline} THEN length(${joined}) - length(replace(${joined}, chr(10), '')) ELSE 0 END`
				: '0'
	};
}

/** NDJSON: each line is read as text and its fields extracted with one JSON parse per line. */
export function ndjsonSource(
	entity: EntitySpec,
	mapping: EntityMapping,
	params: SqlParams,
	pathParam: string
): SourceColumns {
	const keys = entity.columns.map((spec) => {
		const mapped = Object.entries(mapping.columns).find(([, target]) => target === spec.name);
		return mapped ? mapped[0] : spec.name;
	});
	const paths = keys.map((k) => params.add(`$."${k.replaceAll('"', '\\"')}"`));
	const value = new Map<string, string>();
	entity.columns.forEach((spec, i) => value.set(spec.name, emptyAsNull(spec, `__j[${i + 1}]`)));
	return {
		value,
		raw: '__line',
		select: `line AS __line,
		  CASE WHEN json_valid(line) AND json_type(line) = 'OBJECT'
		    THEN json_extract_string(line, [${paths.join(', ')}]) END AS __j`,
		from: `read_csv(${pathParam}, ${LINES_OPTIONS})`,
		nl: '0',
		notAnObject: `CASE WHEN __j IS NULL THEN 'line is not a JSON object' END`
	};
}

const TIMESTAMP_WITH_OFFSET = String.raw`\d:\d\d(:\d\d(\.\d+)?)?\s*[+-]\d\d`;

function typed(
	spec: ColumnSpec,
	x: string,
	mapping: EntityMapping,
	params: SqlParams
): { expr: string; problem: string } {
	switch (spec.type) {
		case 'string':
			return { expr: spec.name === 'currency' ? `upper(${x})` : x, problem: '' };
		case 'timestamp':
			return {
				expr: `CASE WHEN regexp_matches(${x}, '${TIMESTAMP_WITH_OFFSET}')
				         THEN TRY_CAST(TRY_CAST(${x} AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS TIMESTAMP)
				       ELSE TRY_CAST(${x} AS TIMESTAMP) END`,
				problem: 'is not a timestamp (expected ISO 8601, e.g. 2025-03-14T09:30:00Z)'
			};
		case 'integer':
			return {
				expr: `CASE WHEN regexp_full_match(${x}, '[0-9]{1,9}') AND CAST(${x} AS INTEGER) >= 1
				         THEN CAST(${x} AS INTEGER) END`,
				problem: 'is not a whole number ≥ 1'
			};
		case 'money':
			return {
				expr: `CASE WHEN TRY_CAST(${x} AS DECIMAL(18, 2)) >= 0 THEN TRY_CAST(${x} AS DECIMAL(18, 2)) END`,
				problem: 'is not an amount ≥ 0'
			};
		case 'boolean':
			return {
				expr: `CASE WHEN lower(${x}) IN ('true', '1', 'yes') THEN true
				            WHEN lower(${x}) IN ('false', '0', 'no') THEN false END`,
				problem: 'is not a boolean (true/false, 1/0, yes/no)'
			};
		case 'enum': {
			const valueMap = Object.entries(mapping.values[spec.name] ?? {});
			const whens = valueMap
				.map(([from, to]) => `WHEN lower(${params.add(from)}) THEN lower(${params.add(to)})`)
				.join(' ');
			const mapped = valueMap.length ? `CASE lower(${x}) ${whens} ELSE lower(${x}) END` : `lower(${x})`;
			const allowed = (spec.values ?? []).map((v) => params.add(v));
			return {
				expr: `CASE WHEN ${mapped} IN (${allowed.join(', ')}) THEN ${mapped} END`,
				problem: `is not one of ${(spec.values ?? []).join(', ')}`
			};
		}
	}
}

function defaultValue(spec: ColumnSpec, params: SqlParams): string | undefined {
	if (spec.default === undefined) return undefined;
	return spec.type === 'money' ? `CAST(${params.add(spec.default)} AS DECIMAL(18, 2))` : params.add(spec.default);
}

function quoted(x: string): string {
	return `'"' || left(${x}, 80) || '"'`;
}

export function buildStageSql(
	entity: EntitySpec,
	source: SourceColumns,
	mapping: EntityMapping,
	params: SqlParams,
	loadId: number
): string {
	const xCols: string[] = [];
	const tCols: string[] = [];
	const rejects: string[] = [];
	const warns: string[] = [];
	const finals: string[] = [];
	for (const spec of entity.columns) {
		const x = `"__x_${spec.name}"`;
		const t = `"__t_${spec.name}"`;
		xCols.push(`${source.value.get(spec.name)} AS ${x}`);
		const { expr, problem } = typed(spec, x, mapping, params);
		tCols.push(`${expr} AS ${t}`);
		if (spec.required) {
			rejects.push(`CASE WHEN ${x} IS NULL THEN ${params.add(`missing ${spec.name}`)} END`);
		}
		if (problem) {
			const message = params.add(`${spec.name} `);
			const invalid = `${x} IS NOT NULL AND ${t} IS NULL`;
			if (spec.required) {
				rejects.push(
					`CASE WHEN ${invalid} THEN ${message} || ${quoted(x)} || ${params.add(` ${problem}`)} END`
				);
			} else {
				warns.push(
					`CASE WHEN ${invalid} THEN ${params.add(spec.name)} || chr(31) || ${x} || chr(31)
					   || ${message} || ${quoted(x)} || ${params.add(` ${problem}; loaded empty`)} END`
				);
			}
		}
		const fallback = defaultValue(spec, params);
		finals.push(`${fallback ? `COALESCE(${t}, ${fallback})` : t} AS ${ident(spec.name)}`);
	}
	if (entity.name === 'orders') {
		// A delivery given as a plain date counts as that whole day: same-day delivery is not "before".
		const before = `CASE WHEN length("__x_delivered_at") = 10
		                  THEN CAST("__t_delivered_at" AS DATE) < CAST("__t_ordered_at" AS DATE)
		                ELSE "__t_delivered_at" < "__t_ordered_at" END`;
		warns.push(
			`CASE WHEN ${before} THEN 'delivered_at' || chr(31) || "__x_delivered_at" || chr(31)
			   || ${params.add('delivered_at ')} || ${quoted('"__x_delivered_at"')}
			   || ${params.add(' is before ordered_at; loaded empty')} END`
		);
		const i = finals.findIndex((f) => f.endsWith(`AS ${ident('delivered_at')}`));
		finals[i] = `CASE WHEN ${before} THEN NULL ELSE "__t_delivered_at" END AS ${ident('delivered_at')}`;
	}
	// Rows that are not JSON objects (NDJSON) get that reason alone; otherwise the reasons of all fields.
	const reasonOpen = source.notAnObject ? `coalesce(${source.notAnObject}, ` : '(';
	return `CREATE TEMP TABLE _stage AS
WITH src AS (SELECT ${source.select} FROM ${source.from}),
x AS (SELECT *, ${xCols.join(', ')}, ${source.nl} AS __nl FROM src),
t AS (SELECT *, ${tCols.join(', ')} FROM x),
r AS (SELECT *, ${reasonOpen}NULLIF(concat_ws('; ', ${rejects.join(', ')}), '')) AS __reason,
  NULLIF(concat_ws(chr(30), ${warns.length ? warns.join(', ') : 'NULL'}), '') AS __warn FROM t)
SELECT ${finals.join(', ')}, CAST(${params.add(loadId)} AS INTEGER) AS load_id,
  __reason AS _reason, __warn AS _warn, __nl AS _nl,
  CASE WHEN __reason IS NOT NULL OR __warn IS NOT NULL THEN ${source.raw} END AS _raw, false AS _dup
FROM r`;
}
