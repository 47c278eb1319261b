/**
 * `npm run demo` (and the first `npm start`): generates a demo data set into `data/demo` and loads it
 * into the database (`RETURNS_DB`, else data/returns.duckdb). With `--if-missing` it does nothing when
 * the database exists, so `npm start` serves a shop's own data untouched.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { dbPathFromEnv } from '../../src/lib/core/db/db.ts';
import { generateDemoData } from '../demo-data/generate.ts';
import { ingest } from '../ingest/ingest.ts';
import { formatSummary } from '../ingest/summary.ts';

const { values } = parseArgs({ options: { 'if-missing': { type: 'boolean', default: false } } });
const dbPath = dbPathFromEnv();

if (existsSync(dbPath) && values['if-missing']) process.exit(0);
if (existsSync(dbPath)) {
	console.error(
		`${dbPath} exists: the demo loads into a new database only. Remove it, or set RETURNS_DB to another file.`
	);
	process.exit(1);
}
console.log(`No database at ${dbPath}: generating a demo data set and loading it.`);
await generateDemoData({ lines: 100_000, seed: 42, outDir: 'data/demo' });
console.log(formatSummary(await ingest({ dbPath, paths: ['data/demo'] })));
