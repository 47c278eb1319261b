import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';

const SCHEMA_SQL = readFileSync(new URL('./schema.sql', import.meta.url), 'utf8');

export async function ensureSchema(connection: DuckDBConnection): Promise<void> {
	await connection.run(SCHEMA_SQL);
}
