import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * The analytics tables are built in generations: each refresh builds every table in a schema of its
 * own (`analytics_1`, `analytics_2`, …) and then publishes it by naming it in `main.analytics_state`,
 * one small write. A reader sees one generation whole: the one published when its connection opened
 * (its search path), never a mix of a refresh's new tables and the old ones, and a refresh that is cut
 * off leaves the previous generation published. The loaded data (orders, rmas, …) stays in `main`.
 */
export const ANALYTICS_STATE = 'main.analytics_state';

const GENERATION = /^analytics_([1-9][0-9]*)$/;

/**
 * Publications and drops of generations made in this process. While a process holds the database file
 * open no other process can write it, so a generation looked up once stays published until this count
 * moves (db.ts looks it up once per change instead of once per request).
 */
let changes = 0;
export const generationChanges = () => changes;
export const noteGenerationChange = () => void changes++;

/** Whether a name is one of ours: schema names cannot be bound parameters, so only these are spliced. */
export const isGeneration = (name: string) => GENERATION.test(name);

/** The published generation, or null when there is none (a new database, or one built before generations). */
export async function publishedGeneration(connection: DuckDBConnection): Promise<string | null> {
	let name: unknown;
	try {
		// One read per connection (every request opens one): no look in the catalog first.
		name = (await connection.runAndReadAll(`SELECT generation FROM ${ANALYTICS_STATE}`)).getRows()[0]?.[0];
	} catch (error) {
		if (/^(Catalog|Binder) Error/.test((error as Error).message)) return null;
		throw error;
	}
	return typeof name === 'string' && isGeneration(name) ? name : null;
}

/** Points a connection's unqualified names at a generation's tables first, then at the loaded data. */
export async function readGeneration(connection: DuckDBConnection, generation: string | null): Promise<void> {
	if (generation !== null && !isGeneration(generation)) throw new Error(`not an analytics generation: ${generation}`);
	await connection.run(`SET search_path = '${generation === null ? 'main' : `${generation},main`}'`);
}

/** Every generation in the database, oldest first. */
export async function generations(connection: DuckDBConnection): Promise<string[]> {
	const reader = await connection.runAndReadAll(
		`SELECT schema_name FROM duckdb_schemas() WHERE database_name = current_database()`
	);
	return reader
		.getRows()
		.map((row) => String(row[0]))
		.filter(isGeneration)
		.sort((a, b) => Number(GENERATION.exec(a)![1]) - Number(GENERATION.exec(b)![1]));
}

/** A new, empty generation to build into, numbered after every existing one. */
export async function newGeneration(connection: DuckDBConnection): Promise<string> {
	const existing = await generations(connection);
	const last = existing.length ? Number(GENERATION.exec(existing[existing.length - 1])![1]) : 0;
	const name = `analytics_${last + 1}`;
	await connection.run(`CREATE SCHEMA ${name}`);
	return name;
}

/**
 * Drops the generations other than `keep`. A generation stays until the refresh after the one that
 * replaced it, so requests that opened their connection on it finish on it.
 */
export async function dropGenerations(connection: DuckDBConnection, keep: readonly string[]): Promise<void> {
	for (const name of await generations(connection)) {
		if (!keep.includes(name)) await connection.run(`DROP SCHEMA ${name} CASCADE`);
	}
	noteGenerationChange();
}
