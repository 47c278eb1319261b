import type { Dialect } from './dialect.ts';
import type { EntityMapping } from './mapping.ts';
import { keyedByOrderSku, type SourceColumn, type SourceSpec } from './source-spec.ts';
import { SqlParams, ident } from '../../src/lib/core/db/sql-params.ts';

/**
 * Builds the one statement that reads a source file and validates every row in bulk: it creates the
 * table `_stage` with the contract's columns typed, `_reason` (why a row is rejected, else NULL),
 * `_warn` (invalid optional fields, loaded empty), `_nl` (newlines inside a CSV record, for line
 * numbers), `_raw` (the row as it was, kept only for rows that are rejected or warned about), `_dup` and
 * `_keep` (a row that needs its line number though it is neither rejected nor warned about).
 */

export const FIELD_SEP = '\u001f';
export const ENTRY_SEP = '\u001e';

const LINES_OPTIONS = `header = false, columns = {'line': 'VARCHAR'}, auto_detect = false,
  delim = E'\\x01', quote = '', escape = '', compression = 'auto'`;

/** read_csv's options for a file of a dialect, its delimiter bound as a parameter. */
export function csvOptions(params: SqlParams, delimiter: string, rejects: boolean): string {
	const stored = rejects
		? `, store_rejects = true, rejects_table = 'csv_rejects', rejects_scan = 'csv_reject_scans'`
		: ', ignore_errors = true';
	return `header = true, all_varchar = true, delim = ${params.add(delimiter)}, quote = '"', escape = '"',
	  compression = 'auto'${stored}`;
}

export interface SourceColumns {
	/** Contract column → the SQL expression (VARCHAR, NULL when empty) holding its source value. */
	value: Map<string, string>;
	/** Contract column → the position of the header column that feeds it (CSV and Parquet). */
	index: Map<string, number>;
	/** The SQL expression rebuilding the raw row as JSON text. */
	raw: string;
	/** The SELECT list of the innermost query (renamed source columns). */
	select: string;
	from: string;
	nl: string;
	/** Rows that are not JSON objects are rejected before any field is looked at. */
	notAnObject?: string;
	/** Whether the rows carry `__pos`, their position in the file, which keeps the stage in file order. */
	positions: boolean;
}

export class MissingColumnsError extends Error {}

/**
 * An empty field is a missing value. Typed fields also lose surrounding blanks before they are parsed;
 * text is taken as it is, which also spares trimming every field of a large file.
 */
function emptyAsNull(spec: SourceColumn, raw: string): string {
	return spec.type === 'string' ? `NULLIF(${raw}, '')` : `NULLIF(trim(${raw}), '')`;
}

const targetsOf = (target: string | string[]) => (Array.isArray(target) ? target : [target]);

function sourceColumnFor(spec: SourceColumn, header: string[], mapping: EntityMapping): string | undefined {
	const mapped = Object.entries(mapping.columns).find(
		([source, target]) => targetsOf(target).includes(spec.name) && header.includes(source)
	);
	if (mapped) return mapped[0];
	return header.find((h) => h.trim().toLowerCase() === spec.name);
}

/** Columns a row may go without because they are derived, or because order_id and sku name its line. */
function derivedOrKeyed(entity: SourceSpec, spec: SourceColumn, mapping: EntityMapping, has: (c: string) => boolean) {
	if (spec.derived || (spec.name === 'line_id' && mapping.derive_line_id)) return true;
	return spec.name === 'line_id' && keyedByOrderSku(entity.name) && has('order_id') && has('sku');
}

/** The value of a column no source column feeds: the mapping's constant for it, else NULL. */
function constantFor(spec: SourceColumn, mapping: EntityMapping, params: SqlParams): string {
	const constant = mapping.constants[spec.name];
	return constant === undefined || spec.derived ? 'CAST(NULL AS VARCHAR)' : emptyAsNull(spec, params.add(constant));
}

/**
 * CSV and Parquet: the header is known up front, so each contract column maps to one source column. `from`
 * reads the file; `csv` says whether its records may span lines; `positions` whether `from` has the row ids
 * that keep the file's order (to fill fields from an order's first row).
 */
export function tabularSource(
	entity: SourceSpec,
	header: string[],
	mapping: EntityMapping,
	params: SqlParams,
	source: { from: string; csv: boolean; positions: boolean }
): SourceColumns {
	const found = new Map<string, string>();
	for (const spec of entity.columns) {
		const constant = mapping.constants[spec.name] !== undefined;
		const column = spec.derived || constant ? undefined : sourceColumnFor(spec, header, mapping);
		if (column !== undefined) found.set(spec.name, column);
	}
	const has = (name: string) => found.has(name) || mapping.constants[name] !== undefined;
	const missing = entity.columns
		.filter((spec) => spec.required && !has(spec.name) && !derivedOrKeyed(entity, spec, mapping, has))
		.map((spec) => spec.name);
	if (missing.length > 0) {
		throw new MissingColumnsError(
			`missing required column(s) ${missing.join(', ')} for ${entity.name}; ` +
				`columns found: ${header.join(', ')} (rename them with --mapping)`
		);
	}
	const value = new Map<string, string>();
	for (const spec of entity.columns) {
		const column = found.get(spec.name);
		value.set(
			spec.name,
			column === undefined
				? constantFor(spec, mapping, params)
				: emptyAsNull(spec, `CAST(__s${header.indexOf(column)} AS VARCHAR)`)
		);
	}
	const all = header.map((_, i) => `CAST(__s${i} AS VARCHAR)`);
	const joined = `concat_ws('', ${all.join(', ')})`;
	// Searching each field is far cheaper than joining them all; only records that hold a newline are joined to
	// count them.
	const anyNewline = all.map((field) => `contains(${field}, chr(10))`).join(' OR ');
	const select = header.map((h, i) => `${ident(h)} AS __s${i}`).join(', ');
	return {
		value,
		index: new Map([...found].map(([name, column]) => [name, header.indexOf(column)])),
		raw: `to_json(struct_pack(${header.map((h, i) => `${ident(h)} := __s${i}`).join(', ')}))::VARCHAR`,
		select: source.positions ? `${select}, rowid AS __pos` : select,
		from: source.from,
		positions: source.positions,
		nl: source.csv
			? `CASE WHEN ${anyNewline} THEN length(${joined}) - length(replace(${joined}, chr(10), '')) ELSE 0 END`
			: '0'
	};
}

/** An NDJSON file's lines, as text. */
export function ndjsonLines(params: SqlParams, path: string): string {
	return `read_csv(${params.add(path)}, ${LINES_OPTIONS})`;
}

/** NDJSON: each line is read as text and its fields extracted with one JSON parse per line. */
export function ndjsonSource(
	entity: SourceSpec,
	mapping: EntityMapping,
	params: SqlParams,
	source: { from: string; positions: boolean }
): SourceColumns {
	const keys = entity.columns.map((spec) => {
		const mapped = Object.entries(mapping.columns).find(([, target]) => targetsOf(target).includes(spec.name));
		return mapped ? mapped[0] : spec.name;
	});
	const paths = keys.map((k) => params.add(`$."${k.replaceAll('"', '\\"')}"`));
	const value = new Map<string, string>();
	entity.columns.forEach((spec, i) => {
		const fromFile = spec.derived || mapping.constants[spec.name] !== undefined ? undefined : `__j[${i + 1}]`;
		value.set(spec.name, fromFile ? emptyAsNull(spec, fromFile) : constantFor(spec, mapping, params));
	});
	return {
		value,
		index: new Map(),
		raw: '__line',
		select: `line AS __line,
		  CASE WHEN json_valid(line) AND json_type(line) = 'OBJECT'
		    THEN json_extract_string(line, [${paths.join(', ')}]) END AS __j
		  ${source.positions ? ', rowid AS __pos' : ''}`,
		from: source.from,
		positions: source.positions,
		nl: '0',
		notAnObject: `CASE WHEN __j IS NULL THEN 'line is not a JSON object' END`
	};
}

const TIMESTAMP_WITH_OFFSET = String.raw`\d:\d\d(:\d\d(\.\d+)?)?\s*[+-]\d\d`;

/** How a date format writes 14 March 2025, 09:30, for messages. */
function example(format: string): string {
	const parts: Record<string, string> = { d: '14', m: '03', Y: '2025', y: '25', H: '09', M: '30', S: '00' };
	return format.replace(/%([dmYyHMS])/g, (_, p: string) => parts[p]);
}

function typed(
	spec: SourceColumn,
	x: string,
	mapping: EntityMapping,
	params: SqlParams,
	dialect: Pick<Dialect, 'decimal' | 'dateFormats'>
): { expr: string; problem: string } {
	switch (spec.type) {
		case 'string':
			return { expr: spec.name === 'currency' ? `upper(${x})` : x, problem: '' };
		case 'timestamp': {
			// An offset may follow a space (Shopify's 2025-03-14 09:30:12 +0100), which DuckDB does not read.
			const iso = `CASE WHEN regexp_matches(${x}, '${TIMESTAMP_WITH_OFFSET}')
			         THEN TRY_CAST(TRY_CAST(regexp_replace(${x}, '\\s+([+-]\\d)', '\\1') AS TIMESTAMPTZ)
			                       AT TIME ZONE 'UTC' AS TIMESTAMP)
			       ELSE TRY_CAST(${x} AS TIMESTAMP) END`;
			const formats = dialect.dateFormats;
			if (formats.length === 0) {
				return { expr: iso, problem: 'is not a timestamp (expected ISO 8601, e.g. 2025-03-14T09:30:00Z)' };
			}
			const expected = [formats.at(-1)!, formats.find((f) => f.includes('%M')) ?? formats[0]].map(example);
			return {
				expr: `coalesce(try_strptime(${x}, [${formats.map((f) => params.add(f)).join(', ')}]), ${iso})`,
				problem: `is not a timestamp (expected ${expected.join(' or ')}, or ISO 8601)`
			};
		}
		case 'integer':
			return spec.signed
				? {
						expr: `CASE WHEN regexp_full_match(${x}, '-?[0-9]{1,9}') AND CAST(${x} AS INTEGER) <> 0
						         THEN CAST(${x} AS INTEGER) END`,
						problem: 'is not a whole number other than 0'
					}
				: {
						expr: `CASE WHEN regexp_full_match(${x}, '[0-9]{1,9}') AND CAST(${x} AS INTEGER) >= 1
						         THEN CAST(${x} AS INTEGER) END`,
						problem: 'is not a whole number ≥ 1'
					};
		case 'money': {
			// With a decimal comma, points group thousands (1.234,50): only that form is read, so 12.50 is
			// rejected rather than taken for 1250.
			const amount =
				dialect.decimal === ','
					? `TRY_CAST(CASE WHEN regexp_full_match(${x}, '-?([0-9]+|[0-9]{1,3}(\\.[0-9]{3})+)(,[0-9]+)?')
					     THEN replace(replace(${x}, '.', ''), ',', '.') END AS DECIMAL(18, 2))`
					: `TRY_CAST(${x} AS DECIMAL(18, 2))`;
			return {
				expr: `CASE WHEN ${amount} >= 0 THEN ${amount} END`,
				problem:
					dialect.decimal === ','
						? 'is not an amount ≥ 0 (decimal comma, e.g. 12,50)'
						: 'is not an amount ≥ 0'
			};
		}
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

function defaultValue(spec: SourceColumn, params: SqlParams): string | undefined {
	if (spec.defaultFrom) return `"__t_${spec.defaultFrom}"`;
	if (spec.default === undefined) return undefined;
	return spec.type === 'money' ? `CAST(${params.add(spec.default)} AS DECIMAL(18, 2))` : params.add(spec.default);
}

function quoted(x: string): string {
	return `'"' || left(${x}, 80) || '"'`;
}

/** Why a row misses a required field; a line may also be named by its order and SKU. */
function missingReason(entity: SourceSpec, spec: SourceColumn, x: string, params: SqlParams): string {
	if (spec.name === 'line_id' && keyedByOrderSku(entity.name)) {
		return `CASE WHEN ${x} IS NULL AND ("__x_order_id" IS NULL OR "__x_sku" IS NULL)
		          THEN ${params.add('missing line_id (or order_id and sku)')} END`;
	}
	return `CASE WHEN ${x} IS NULL THEN ${params.add(`missing ${spec.name}`)} END`;
}

/**
 * Fields only an order's first row fills take that row's value on the order's other rows (Shopify's
 * e-mail, created at, …). The source then holds `__pos`, the row's position in the file (CSV, Parquet).
 */
function filledFromOrder(value: Map<string, string>, mapping: EntityMapping): Map<string, string> {
	if (mapping.fill_from_order.length === 0) return value;
	const order = value.get('order_id');
	const filled = new Map(value);
	for (const name of mapping.fill_from_order) {
		const v = value.get(name);
		filled.set(name, `coalesce(${v}, first_value(${v}) OVER (PARTITION BY ${order} ORDER BY __pos))`);
	}
	return filled;
}

export function buildStageSql(
	entity: SourceSpec,
	source: SourceColumns,
	mapping: EntityMapping,
	params: SqlParams,
	loadId: number,
	dialect: Pick<Dialect, 'decimal' | 'dateFormats'>
): string {
	const xCols: string[] = [];
	const tCols: string[] = [];
	const rejects: string[] = [];
	const warns: string[] = [];
	const finals: string[] = [];
	const values = filledFromOrder(source.value, mapping);
	for (const spec of entity.columns) {
		const x = `"__x_${spec.name}"`;
		const t = `"__t_${spec.name}"`;
		xCols.push(`${values.get(spec.name)} AS ${x}`);
		const { expr, problem } = typed(spec, x, mapping, params, dialect);
		tCols.push(`${expr} AS ${t}`);
		const derived = spec.derived || (spec.name === 'line_id' && mapping.derive_line_id);
		if (spec.required && !derived) rejects.push(missingReason(entity, spec, x, params));
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
	if (entity.columns.some((c) => c.name === 'delivered_at')) {
		// A delivery given as a plain date counts as that whole day: same-day delivery is not "before".
		const before = `CASE WHEN NOT contains("__x_delivered_at", ':')
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
  CASE WHEN __reason IS NOT NULL OR __warn IS NOT NULL THEN ${source.raw} END AS _raw, false AS _dup, false AS _keep
FROM r${source.positions ? ' ORDER BY __pos' : ''}`;
}
