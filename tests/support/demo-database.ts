import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { generateDemoData } from '../../pipelines/demo-data/generate.ts';
import { ingest } from '../../pipelines/ingest/ingest.ts';

export interface DemoDatabase {
	/** The generated CSV files, truth.json and comment-labels.csv: what independent recomputations read. */
	dataDir: string;
	dbPath: string;
}

declare module 'vitest' {
	export interface ProvidedContext {
		demoDatabase: DemoDatabase;
	}
}

export const DEMO_TEST_LINES = 30_000;
export const DEMO_TEST_SEED = 7;

/**
 * Global setup: one demo data set, generated and loaded once per test run and shared by the test
 * files that read it (`inject('demoDatabase')`); they only read it.
 */
export default async function setup(project: TestProject): Promise<() => void> {
	const dir = mkdtempSync(join(tmpdir(), 'returnlens-demo-'));
	const demo: DemoDatabase = { dataDir: join(dir, 'data'), dbPath: join(dir, 'returns.duckdb') };
	await generateDemoData({ lines: DEMO_TEST_LINES, seed: DEMO_TEST_SEED, outDir: demo.dataDir });
	await ingest({ dbPath: demo.dbPath, paths: [demo.dataDir] });
	project.provide('demoDatabase', demo);
	return () => rmSync(dir, { recursive: true, force: true });
}
