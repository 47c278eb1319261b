import { isUtf8 } from 'node:buffer';
import { decodeWindows1252, incompleteTail, openDecompressed, type Encoding } from './encoding.ts';
import type { FormatOptions } from './mapping.ts';

/**
 * How a CSV file is written, detected from its first megabyte where the mapping's `format` does not state it:
 * encoding, delimiter, decimal separator and date forms. Detection never guesses: a date form that the
 * values leave open (3/4/2025) is settled by the whole column or stated in the mapping, never assumed.
 */
export interface Dialect {
	encoding: Encoding;
	bom: boolean;
	delimiter: string;
	decimal: '.' | ',';
	/** strptime formats tried before ISO 8601, in order; empty when the file's dates are ISO 8601. */
	dateFormats: string[];
	dateOrder: 'iso' | 'day-first' | 'month-first';
	/** What was detected rather than stated by the mapping, for the load report. */
	detected: (keyof FormatOptions)[];
}

export const SAMPLE_BYTES = 1 << 20;
const DELIMITERS = [',', ';', '\t', '|'];

export async function readSample(path: string): Promise<{ bytes: Buffer; complete: boolean }> {
	const chunks: Buffer[] = [];
	let size = 0;
	const stream = openDecompressed(path);
	for await (const chunk of stream) {
		chunks.push(chunk as Buffer);
		size += (chunk as Buffer).length;
		if (size >= SAMPLE_BYTES) {
			stream.destroy();
			return { bytes: Buffer.concat(chunks).subarray(0, SAMPLE_BYTES), complete: false };
		}
	}
	return { bytes: Buffer.concat(chunks), complete: true };
}

export function sniffEncoding(
	bytes: Buffer,
	complete: boolean,
	stated: FormatOptions['encoding']
): { encoding: Encoding; bom: boolean } {
	const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: true };
	if (stated === 'utf-16') return { encoding: 'utf-16le', bom: false };
	if (stated === 'windows-1252' || stated === 'latin-1') return { encoding: 'windows-1252', bom: false };
	if (stated === 'utf-8') return { encoding: 'utf-8', bom };
	const whole = complete ? bytes : bytes.subarray(0, bytes.length - incompleteTail(bytes));
	return { encoding: isUtf8(whole) ? 'utf-8' : 'windows-1252', bom };
}

export function decodeSample(bytes: Buffer, encoding: Encoding): string {
	const text =
		encoding === 'windows-1252'
			? decodeWindows1252(bytes)
			: new TextDecoder(encoding === 'utf-8' ? 'utf-8' : encoding).decode(bytes);
	return text.replace(/^\ufeff/, '');
}

/** Splits CSV text into records (`"` quotes, `""` inside them); a record the sample cuts off is left out. */
export function parseRecords(text: string, delimiter: string, complete: boolean, max = 2000): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let field = '';
	let quoted = false;
	let i = 0;
	while (i < text.length && records.length < max) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"' && field === '') quoted = true;
		else if (c === delimiter) {
			record.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			record.push(field);
			records.push(record);
			record = [];
			field = '';
		} else field += c;
		i++;
	}
	if (complete && i >= text.length && (field !== '' || record.length > 0)) records.push([...record, field]);
	return records.filter((r) => r.length > 1 || r[0] !== '');
}

/** The delimiter that splits the header into most fields and the records into as many, of `,` `;` tab `|`. */
export function sniffDelimiter(text: string, complete: boolean): string {
	let best = { delimiter: ',', consistent: -1, fields: 0 };
	for (const delimiter of DELIMITERS) {
		const [header, ...rows] = parseRecords(text, delimiter, complete, 200);
		const fields = header?.length ?? 0;
		if (fields < 2) continue;
		const consistent = rows.length === 0 ? 1 : rows.filter((r) => r.length === fields).length / rows.length;
		if (consistent > best.consistent || (consistent === best.consistent && fields > best.fields)) {
			best = { delimiter, consistent, fields };
		}
	}
	return best.delimiter;
}

/** Plain numbers with a decimal comma (12,50 or 1.234,50) or a decimal point (12.50, 1,234.50). */
const DECIMAL_COMMA = /^[-+]?(\d+|\d{1,3}(\.\d{3})+),\d+$/;
const DECIMAL_POINT = /^[-+]?(\d+|\d{1,3}(,\d{3})+)\.\d+$/;
const THOUSANDS_ONLY = /^[-+]?\d{1,3}([.,]\d{3})+$/;

export class DialectError extends Error {}

/**
 * The decimal separator the amounts use. A comma-separated file uses points (a decimal comma would split its
 * fields); otherwise the form most amounts take, and the amounts in the other form are rejected row by row.
 */
export function detectDecimal(values: string[], delimiter: string): '.' | ',' {
	if (delimiter === ',') return '.';
	const amounts = values.map((v) => v.trim()).filter((v) => v !== '' && !THOUSANDS_ONLY.test(v));
	const comma = amounts.filter((v) => DECIMAL_COMMA.test(v)).length;
	const point = amounts.filter((v) => DECIMAL_POINT.test(v)).length;
	return comma > point ? ',' : '.';
}

const DATE_PARTS = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;

/** strptime formats for dates written with a separator in an order, two- or four-digit years, with or without time. */
export function dateFormats(order: 'day-first' | 'month-first', separator: string): string[] {
	const first = order === 'day-first' ? `%d${separator}%m` : `%m${separator}%d`;
	return ['%y', '%Y'].flatMap((year) =>
		['%H:%M:%S', '%H:%M', ''].map((time) => `${first}${separator}${year}${time ? ` ${time}` : ''}`)
	);
}

/** The formats of a date format stated in a mapping, with or without a time after it. */
export function statedDateFormats(date: string): string[] {
	return date.includes('%H') ? [date] : [`${date} %H:%M:%S`, `${date} %H:%M`, date];
}

export interface DateEvidence {
	/** The separator of dates written day and month first (`.` `/` `-`), or null when all are ISO 8601. */
	separator: string | null;
	dayFirst: string | null;
	monthFirst: string | null;
}

const validDay = (day: number, month: number) => day >= 1 && day <= 31 && month >= 1 && month <= 12;

/**
 * What the dates tell of their order, in the separator most of them use: a date that is valid only day first
 * (25/03/2025) says day-first, one valid only month first (03/25/2025) says month-first; 03/04/2025 says
 * nothing, nor does a date valid neither way (it is rejected or warned about later). Dates with dots are
 * day-first (14.03.2025): no country writes the month first with dots.
 */
export function dateEvidence(values: string[]): DateEvidence {
	const dates = values
		.map((v) => v.trim())
		.flatMap((v) => {
			const parts = DATE_PARTS.exec(v);
			return parts ? [{ value: v, separator: parts[2], a: Number(parts[1]), b: Number(parts[3]) }] : [];
		});
	const count = (separator: string) => dates.filter((d) => d.separator === separator).length;
	const separator = ['.', '/', '-'].sort((x, y) => count(y) - count(x)).find((s) => count(s) > 0) ?? null;
	const evidence: DateEvidence = { separator, dayFirst: null, monthFirst: null };
	for (const { value, a, b } of dates.filter((d) => d.separator === separator)) {
		const dayFirst = validDay(a, b);
		const monthFirst = separator !== '.' && validDay(b, a);
		if (dayFirst && !monthFirst) evidence.dayFirst ??= value;
		else if (monthFirst && !dayFirst) evidence.monthFirst ??= value;
	}
	return evidence;
}

export function dateOrderOf(evidence: DateEvidence): 'day-first' | 'month-first' | undefined {
	if (evidence.dayFirst !== null && evidence.monthFirst !== null) {
		throw new DialectError(
			`dates are written day first (${evidence.dayFirst}) and month first (${evidence.monthFirst}); ` +
				'state the form the file uses in the mapping\'s format, e.g. "date": "%d/%m/%Y"'
		);
	}
	if (evidence.dayFirst !== null) return 'day-first';
	if (evidence.monthFirst !== null) return 'month-first';
	return undefined;
}

export function ambiguousDates(example: string, separator: string): DialectError {
	const s = separator;
	return new DialectError(
		`no date in the file tells whether ${example} is day or month first; state it in the mapping's ` +
			`format, "date": "%d${s}%m${s}%Y" or "%m${s}%d${s}%Y" (%y for two-digit years), and load it again`
	);
}

export function describeDialect(d: Dialect): string {
	const names: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };
	const parts = [
		`${d.encoding}${d.bom ? ' with BOM' : ''}`,
		`${names[d.delimiter]}-separated`,
		`decimal ${d.decimal === ',' ? 'comma' : 'point'}`,
		d.dateOrder === 'iso' ? 'ISO 8601 dates' : `dates ${d.dateOrder} (${d.dateFormats.at(-1)})`
	];
	const stated = (['encoding', 'delimiter', 'decimal', 'date'] as const).filter((k) => !d.detected.includes(k));
	return parts.join(', ') + (stated.length > 0 ? ` (stated by the mapping: ${stated.join(', ')})` : '');
}
