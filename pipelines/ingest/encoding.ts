import { isUtf8 } from 'node:buffer';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

/** The encodings a file is read in: DuckDB reads UTF-8 itself; the others are transcoded to UTF-8 first. */
export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** Bytes at the end of a buffer that start a UTF-8 sequence the buffer cuts off. */
export function incompleteTail(buffer: Uint8Array): number {
	for (let i = 1; i <= Math.min(3, buffer.length); i++) {
		const byte = buffer[buffer.length - i];
		if ((byte & 0xc0) === 0x80) continue;
		if (byte < 0xc0) return 0;
		const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
		return length > i ? i : 0;
	}
	return 0;
}

/** Checks a stream of chunks for valid UTF-8, sequences split between chunks included. */
export class Utf8Check {
	valid = true;
	#carry: Buffer = Buffer.alloc(0);

	push(chunk: Buffer): void {
		if (!this.valid) return;
		const buffer = this.#carry.length > 0 ? Buffer.concat([this.#carry, chunk]) : chunk;
		const cut = incompleteTail(buffer);
		this.valid = isUtf8(buffer.subarray(0, buffer.length - cut));
		this.#carry = Buffer.from(buffer.subarray(buffer.length - cut));
	}

	end(): boolean {
		if (this.#carry.length > 0) this.valid = false;
		return this.valid;
	}
}

// Windows-1252 is Latin-1 but for 0x80–0x9F, which hold € and typographic quotes and dashes (Node's
// TextDecoder reads them as Latin-1's control characters). The five bytes it leaves undefined stay as they are.
const CP1252_HIGH = [
	0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
	0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e,
	0x178
].map((code) => String.fromCharCode(code));

export function decodeWindows1252(bytes: Buffer): string {
	return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

/** A decoder for a stream: each chunk's text, with UTF-16 code units split between chunks carried over. */
function chunkDecoder(encoding: Exclude<Encoding, 'utf-8'>): { decode: (chunk: Buffer) => string; end: () => string } {
	if (encoding === 'windows-1252') return { decode: decodeWindows1252, end: () => '' };
	const decoder = new TextDecoder(encoding);
	return { decode: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
}

export function openDecompressed(path: string): Readable {
	const raw = createReadStream(path, { highWaterMark: 4 << 20 });
	return path.toLowerCase().endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
}

/**
 * Writes a UTF-8 copy of a file in another encoding (decompressed, if it was gzipped) to a folder of its
 * own, for DuckDB to read. Returns the copy's path and a function that removes the folder.
 */
export async function transcodeToUtf8(
	path: string,
	encoding: Exclude<Encoding, 'utf-8'>
): Promise<{ path: string; remove: () => Promise<void> }> {
	const dir = await mkdtemp(join(tmpdir(), 'returnlens-transcoded-'));
	const copy = join(dir, 'utf8.csv');
	const decoder = chunkDecoder(encoding);
	const toUtf8 = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			done(null, Buffer.from(decoder.decode(chunk), 'utf8'));
		},
		flush(done) {
			done(null, Buffer.from(decoder.end(), 'utf8'));
		}
	});
	await pipeline(openDecompressed(path), toUtf8, createWriteStream(copy));
	return { path: copy, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The line (from 1) holding the first byte that is not valid UTF-8, for a message; read only on that path. */
export async function firstInvalidUtf8Line(path: string): Promise<number | undefined> {
	let line = 1;
	let carry: Buffer = Buffer.alloc(0);
	for await (const chunk of openDecompressed(path)) {
		const buffer: Buffer = Buffer.concat([carry, chunk as Buffer]);
		const cut = incompleteTail(buffer);
		const whole = buffer.subarray(0, buffer.length - cut);
		if (!isUtf8(whole)) {
			const text = new TextDecoder('utf-8', { fatal: false }).decode(whole);
			const bad = text.indexOf('\ufffd');
			return line + (text.slice(0, Math.max(bad, 0)).match(/\n/g)?.length ?? 0);
		}
		line += whole.toString('utf8').match(/\n/g)?.length ?? 0;
		carry = Buffer.from(buffer.subarray(buffer.length - cut));
	}
	return carry.length > 0 ? line : undefined;
}
