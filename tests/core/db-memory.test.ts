import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../../src/lib/core/db/db.ts';
import { LOAD_MEMORY_PER_CORE, loadMemoryLimitFromEnv } from '../../src/lib/core/db/memory-settings.ts';

/**
 * Every database is opened with a memory limit (RETURNS_DB_MEMORY, else half the machine's memory) and
 * spills past it to a folder beside its file, read back from DuckDB itself.
 */
const dir = mkdtempSync(join(tmpdir(), 'returnlens-db-memory-'));

const settings = async (db: Database) => {
	const connection = await db.connect();
	try {
		const [row] = (
			await connection.runAndReadAll(
				`SELECT current_setting('memory_limit') AS memory_limit,
				        current_setting('temp_directory') AS temp_directory,
				        current_setting('allocator_background_threads') AS purged`
			)
		).getRowObjectsJS();
		return row as { memory_limit: string; temp_directory: string; purged: boolean };
	} finally {
		connection.closeSync();
	}
};

/** DuckDB prints the limit as e.g. "11.7 GiB". */
const bytesOf = (printed: string) => {
	const [, amount, unit] = /^([\d.]+) (KiB|MiB|GiB|TiB)$/.exec(printed)!;
	return Number(amount) * 2 ** (10 * (['KiB', 'MiB', 'GiB', 'TiB'].indexOf(unit) + 1));
};

afterEach(() => {
	vi.unstubAllEnvs();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('DuckDB memory settings', () => {
	it('takes the limit from RETURNS_DB_MEMORY and spills beside the file, read-write and read-only', async () => {
		vi.stubEnv('RETURNS_DB_MEMORY', '3GiB');
		const path = join(dir, 'limited.duckdb');
		for (const readOnly of [false, true]) {
			const db = await openDatabase(path, { readOnly });
			try {
				expect(await settings(db)).toEqual({
					memory_limit: '3.0 GiB',
					temp_directory: `${path}.tmp`,
					purged: true
				});
			} finally {
				db.close();
			}
		}
	});

	it('gives DuckDB half the machine memory when RETURNS_DB_MEMORY is unset', async () => {
		vi.stubEnv('RETURNS_DB_MEMORY', '');
		const db = await openDatabase(join(dir, 'default.duckdb'));
		try {
			// DuckDB prints one decimal, cut off: within 0.1 GiB below half.
			const gap = totalmem() / 2 - bytesOf((await settings(db)).memory_limit);
			expect(gap).toBeGreaterThanOrEqual(0);
			expect(gap).toBeLessThan(0.1 * 2 ** 30);
		} finally {
			db.close();
		}
	});

	it('finishes a sort larger than the limit by spilling beside the file, and clears up on close', async () => {
		vi.stubEnv('RETURNS_DB_MEMORY', '64MiB');
		const path = join(dir, 'spill.duckdb');
		const db = await openDatabase(path, { threads: 1 });
		const connection = await db.connect();
		try {
			await connection.run(`CREATE TABLE words AS SELECT i, md5(i::VARCHAR) AS word FROM range(1500000) t(i)`);
			const sorted = await connection.runAndReadAll(
				`SELECT count(*) AS n, count(DISTINCT i) AS ids FROM (SELECT i, word FROM words ORDER BY word)`
			);
			expect(sorted.getRowObjectsJS()).toEqual([{ n: 1500000n, ids: 1500000n }]);
			expect(existsSync(`${path}.tmp`)).toBe(true);
		} finally {
			connection.closeSync();
			db.close();
		}
		expect(existsSync(`${path}.tmp`)).toBe(false);
	});

	it('bounds a load in a process of its own by the cores, at most half the machine, unless told', () => {
		const GiB = 2 ** 30;
		const perCore = LOAD_MEMORY_PER_CORE / GiB;
		expect(loadMemoryLimitFromEnv({}, { memory: 24 * GiB, cores: 2 })).toBe(`${2 * perCore * 1024}MiB`);
		expect(loadMemoryLimitFromEnv({}, { memory: 24 * GiB, cores: 64 })).toBe(`${12 * 1024}MiB`);
		expect(loadMemoryLimitFromEnv({}, { memory: 2 * GiB, cores: 2 })).toBe('1024MiB');
		expect(loadMemoryLimitFromEnv({ RETURNS_DB_MEMORY: '6GB' }, { memory: 24 * GiB, cores: 2 })).toBe('6GB');
		expect(() => loadMemoryLimitFromEnv({ RETURNS_DB_MEMORY: 'lots' })).toThrow(/RETURNS_DB_MEMORY must be/);
	});

	it.each(['lots', '8', '0GB', '80%', '8 G', '-1GB'])(
		'refuses RETURNS_DB_MEMORY=%s in a plain sentence, before touching the file',
		async (value) => {
			vi.stubEnv('RETURNS_DB_MEMORY', value);
			const path = join(dir, 'refused.duckdb');
			await expect(openDatabase(path)).rejects.toThrow(
				`RETURNS_DB_MEMORY must be an amount of memory with its unit, such as 8GB or 512MiB, not "${value}"`
			);
			expect(existsSync(path)).toBe(false);
		}
	);
});
