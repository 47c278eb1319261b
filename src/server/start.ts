/**
 * `npm start`: serves the built dashboard and API on one port. A first start without a database
 * loads a generated demo data set, so there is something to look at before any real export.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateDemoData } from '../../pipelines/demo-data/generate.ts';
import { ingest, refreshIfStale } from '../../pipelines/ingest/ingest.ts';
import { formatSummary } from '../../pipelines/ingest/summary.ts';
import { dbPathFromEnv } from '../lib/core/db/db.ts';

const dbPath = dbPathFromEnv();
if (!existsSync(dbPath)) {
	console.log(`No database at ${dbPath}: generating a demo data set and loading it.`);
	await generateDemoData({ lines: 100_000, seed: 42, outDir: 'data/demo' });
	const summary = await ingest({ dbPath, paths: ['data/demo'] });
	console.log(formatSummary(summary));
} else {
	const refreshed = await refreshIfStale(dbPath);
	if (refreshed) console.log(`Rebuilt the analytics tables of ${dbPath}: some were missing or out of date.\n${formatSummary(refreshed)}`);
}

// adapter-node's entry listens on PORT (default 3000) and HOST, logs its URL and shuts down cleanly
// on SIGINT/SIGTERM. It is imported by URL because it only exists after `vite build`.
const entry = new URL('../../build/index.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
	throw new Error(`No build at ${fileURLToPath(entry)}: run "npm run build" first (npm start does).`);
}
await import(entry.href);
