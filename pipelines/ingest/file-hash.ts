import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { Utf8Check } from './encoding.ts';

/** What one pass over a file's bytes tells: their SHA-256, and whether they are valid UTF-8 (if asked). */
export interface FileFacts {
	hash: string;
	utf8: boolean;
}

export async function sha256File(path: string, checkUtf8 = false): Promise<FileFacts> {
	const hash = createHash('sha256');
	const utf8 = new Utf8Check();
	for await (const chunk of createReadStream(path, { highWaterMark: 4 << 20 })) {
		hash.update(chunk as Buffer);
		if (checkUtf8) utf8.push(chunk as Buffer);
	}
	return { hash: hash.digest('hex'), utf8: checkUtf8 && utf8.end() };
}

/**
 * DuckDB reads a truncated gzip file as if it simply ended early, so a cut-off export would load
 * silently short. Decompressing it once here turns that into an error before anything is loaded; the same
 * pass tells whether what it holds is valid UTF-8.
 */
export async function verifyGzip(path: string): Promise<{ utf8: boolean }> {
	const utf8 = new Utf8Check();
	const check = new Writable({
		write: (chunk: Buffer, _encoding, done) => {
			utf8.push(chunk);
			done();
		}
	});
	await pipeline(createReadStream(path, { highWaterMark: 4 << 20 }), createGunzip(), check);
	return { utf8: utf8.end() };
}

export function sha256Text(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}
