import { expect } from 'vitest';
import { copyDatabase, rebuildWhole } from '../../pipelines/bench/compare-refresh.ts';

/**
 * A copy of a database file beside it (`<path>.full.duckdb`) whose analytics were rebuilt whole: what an
 * incrementally refreshed database is compared with. Returns the copy's path.
 */
export async function rebuiltCopy(dbPath: string): Promise<string> {
	const full = `${dbPath}.full.duckdb`;
	copyDatabase(dbPath, full);
	expect((await rebuildWhole(full)).mode).toBe('full');
	return full;
}
