import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

export async function sha256File(path: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(path, { highWaterMark: 4 << 20 })) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

/**
 * DuckDB reads a truncated gzip file as if it simply ended early, so a cut-off export would load
 * silently short. Decompressing it once here turns that into an error before anything is loaded.
 */
export async function verifyGzip(path: string): Promise<void> {
	const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
	await pipeline(createReadStream(path, { highWaterMark: 4 << 20 }), createGunzip(), discard);
}

export function sha256Text(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}
