import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_FILES, generateInTemp, type DemoSet } from './helpers.ts';

const FILES = [...CSV_FILES, 'truth.json'];
const LINES = 5000;

async function digests(set: DemoSet): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const file of FILES)
		out[file] = createHash('sha256')
			.update(await readFile(join(set.dir, file)))
			.digest('hex');
	return out;
}

describe('demo data is deterministic', () => {
	const sets: DemoSet[] = [];

	beforeAll(async () => {
		sets.push(await generateInTemp(LINES, 7), await generateInTemp(LINES, 7), await generateInTemp(LINES, 8));
	}, 120_000);
	afterAll(async () => {
		await Promise.all(sets.map((s) => s.remove()));
	});

	it('writes byte-identical files for the same seed', async () => {
		const [a, b] = [await digests(sets[0] as DemoSet), await digests(sets[1] as DemoSet)];
		expect(Object.keys(a)).toHaveLength(FILES.length);
		expect(b).toEqual(a);
	});

	it('writes different orders for a different seed', async () => {
		const [a, c] = [await digests(sets[0] as DemoSet), await digests(sets[2] as DemoSet)];
		expect(c['orders.csv']).not.toBe(a['orders.csv']);
		expect(sets[2]?.truth.seed).toBe(8);
		expect(sets[2]?.truth.counts['orders.csv']).toBe(LINES);
	});
});
