import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../ingest/ingest.ts';
import { copyDatabase, rebuildWhole, storedTablesDiffer } from './compare-refresh.ts';
import { splitLastDays } from './delta-files.ts';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const stages = (ms: Record<string, number | undefined>) =>
	Object.entries(ms)
		.map(([stage, t]) => `${stage} ${seconds(t ?? 0)}`)
		.join(', ');

/**
 * `npm run bench:ingest -- --delta [--days N]`: the generated data loaded as a shop's nightly exports
 * would bring it. Everything before the last N days of orders is loaded and refreshed whole (the base);
 * then the last N days' files are loaded and refreshed incrementally, timed; then a copy of the result
 * is rebuilt whole and every stored table compared with the incremental one. Prints the delta's load
 * and refresh, against the full rebuild of the same database.
 */
export async function benchDelta(dataDir: string, days: number): Promise<void> {
	const split = join(dataDir, `split-${days}`);
	if (!existsSync(join(split, 'delta', 'orders.csv'))) {
		console.error(`splitting off the last ${days} day(s) of orders …`);
		await splitLastDays(dataDir, split, days);
	}
	const base = join(split, 'base.duckdb');
	const updated = join(split, 'updated.duckdb');
	const rebuilt = join(split, 'rebuilt.duckdb');
	for (const file of [base, updated, rebuilt]) for (const f of [file, `${file}.wal`]) rmSync(f, { force: true });
	console.error('loading the base …');
	const first = await ingest({ dbPath: base, paths: [join(split, 'base')] });
	copyDatabase(base, updated);
	console.error('loading the delta …');
	const delta = await ingest({ dbPath: updated, paths: [join(split, 'delta')] });
	const deltaLoadMs = delta.files.reduce((sum, f) => sum + f.ms, 0);
	copyDatabase(updated, rebuilt);
	console.error('rebuilding a copy whole and comparing every stored table …');
	const started = Date.now();
	const full = await rebuildWhole(rebuilt);
	const fullMs = Date.now() - started;
	const differences = await storedTablesDiffer(updated, rebuilt);
	const read = (summary: typeof delta) => summary.files.reduce((sum, f) => sum + f.read, 0);
	const baseRows = read(first).toLocaleString('en-US');
	console.log(`base: ${baseRows} rows loaded in ${seconds(first.ms)} (refresh ${first.refreshMode})`);
	console.log(
		`delta: ${read(delta).toLocaleString('en-US')} rows in ${delta.files.length} files ` +
			`(${delta.files.map((f) => `${f.path.split('/').pop()} ${f.read.toLocaleString('en-US')}`).join(', ')})`
	);
	console.log(
		`delta load + refresh: ${seconds(delta.ms)} (files ${seconds(deltaLoadMs)}, ` +
			`refresh ${delta.refreshMode} ${seconds(delta.ms - deltaLoadMs)}); target < 10 s`
	);
	console.log(`            refresh: ${stages(delta.refreshMs ?? {})}`);
	console.log(`full rebuild of the same database: ${seconds(fullMs)} (${stages(full.ms)})`);
	console.log(`ratio delta load + refresh / full rebuild: ${(delta.ms / fullMs).toFixed(3)}×`);
	console.log(
		differences.length === 0
			? 'every stored table equals the full rebuild'
			: `tables that differ from the full rebuild: ${differences.map((d) => d.table).join(', ')}`
	);
}
