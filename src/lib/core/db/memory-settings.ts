import { totalmem } from 'node:os';

/** An amount as DuckDB's memory_limit reads it: decimal units (8GB) or binary ones (8GiB). */
const AMOUNT = /^(\d+(?:\.\d+)?) ?[KMGT]i?B$/i;

/**
 * DuckDB's memory limit: `RETURNS_DB_MEMORY` (e.g. `8GB`, `512MiB`), else half the machine's memory.
 * DuckDB's own default, 80%, leaves a 24 GiB machine under 5 GiB for the Node process around it (whose
 * heap alone may grow to 4 GiB), the OS and the page cache the loaded files are read from. Past the
 * limit DuckDB spills to its temp directory. The value goes into DuckDB's configuration, never into
 * SQL, and only once it matches AMOUNT.
 */
export function memoryLimitFromEnv(env: NodeJS.ProcessEnv = process.env): string {
	const value = env.RETURNS_DB_MEMORY;
	if (!value) return `${Math.floor(totalmem() / 2 / 2 ** 20)}MiB`;
	const amount = AMOUNT.exec(value);
	if (amount && Number(amount[1]) > 0) return value;
	throw new Error(
		`RETURNS_DB_MEMORY must be an amount of memory with its unit, such as 8GB or 512MiB, not "${value}"`
	);
}

/**
 * Where DuckDB spills: beside the database file, on the disk that holds the data (the folder is made
 * on the first spill and removed on close). An in-memory database keeps DuckDB's own, `.tmp` in the
 * working directory.
 */
export function tempDirectoryOf(path: string): string | undefined {
	return path === '' || path.startsWith(':memory:') ? undefined : `${path}.tmp`;
}
