import { availableParallelism, totalmem } from 'node:os';

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
 * What a load and its refresh get of DuckDB's memory per core, in a process of their own. DuckDB keeps
 * what it read until the limit, so the process's peak follows it: at 10 M order lines on two cores, 1.5
 * GiB per core peaked at 2.2-2.4 times a bare load of the same files and 1 GiB at 1.5 times, with the
 * file loads and the refresh as fast within the runs' noise (BENCHMARKS.md).
 */
export const LOAD_MEMORY_PER_CORE = 2 ** 30;

/**
 * DuckDB's memory limit for `npm run ingest` (a load and its refresh in a process of their own):
 * `RETURNS_DB_MEMORY`, else LOAD_MEMORY_PER_CORE per core, at most half the machine. Under half the
 * machine the refresh's largest statements took as much as they were allowed (5.9 GiB at 10 M order
 * lines, three times a bare load of the same files) and would grow with the history; bounded by the
 * cores that work on them, they spill the rest beside the file and the peak stays what a machine of
 * that size can spare beside the server it feeds. The server's own loads use the server's limit.
 */
export function loadMemoryLimitFromEnv(
	env: NodeJS.ProcessEnv = process.env,
	machine = { memory: totalmem(), cores: availableParallelism() }
): string {
	if (env.RETURNS_DB_MEMORY) return memoryLimitFromEnv(env);
	return `${Math.floor(Math.min(machine.memory / 2, LOAD_MEMORY_PER_CORE * machine.cores) / 2 ** 20)}MiB`;
}

/**
 * Where DuckDB spills: beside the database file, on the disk that holds the data (the folder is made
 * on the first spill and removed on close). An in-memory database keeps DuckDB's own, `.tmp` in the
 * working directory.
 */
export function tempDirectoryOf(path: string): string | undefined {
	return path === '' || path.startsWith(':memory:') ? undefined : `${path}.tmp`;
}
