/**
 * Buffered CSV output: rows are appended to a large string and handed to the file stream in
 * megabyte chunks, waiting for 'drain' so a 10-million-line run never queues the file in memory.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { basename } from 'node:path';

const CHUNK = 1 << 20;
const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180: quote a field that holds a comma, quote or line break, doubling inner quotes. */
export function csvField(value: string): string {
	return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function countLineBreaks(text: string): number {
	let n = 0;
	for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
	return n;
}

export class CsvFile {
	readonly path: string;
	readonly name: string;
	/** Data rows written so far. */
	rows = 0;
	/** Physical lines written so far, header included: the next record starts on line + 1. */
	lines = 1;
	private buffer: string;
	private readonly stream: WriteStream;

	constructor(path: string, columns: readonly string[]) {
		this.path = path;
		this.name = basename(path);
		// Room for several chunks, so generating the next one overlaps with writing the last.
		this.stream = createWriteStream(path, { encoding: 'utf8', highWaterMark: 4 * CHUNK });
		this.buffer = `${columns.join(',')}\n`;
	}

	/** The line number the next record will start on. */
	get nextLine(): number {
		return this.lines + 1;
	}

	/** `row` is one record without its line ending; `breaks` counts the line breaks inside quoted fields. */
	add(row: string, breaks = 0): void {
		this.buffer += `${row}\n`;
		this.rows++;
		this.lines += 1 + breaks;
	}

	/** Hands a full chunk to the stream and waits while the stream is backed up. */
	async flushIfFull(): Promise<void> {
		if (this.buffer.length < CHUNK) return;
		const chunk = this.buffer;
		this.buffer = '';
		if (!this.stream.write(chunk)) await once(this.stream, 'drain');
	}

	async close(): Promise<void> {
		if (this.buffer.length > 0) this.stream.write(this.buffer);
		this.buffer = '';
		this.stream.end();
		await once(this.stream, 'finish');
	}
}
