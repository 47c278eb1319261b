import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateDemoData, type DemoTruth } from '../../pipelines/demo-data/generate.ts';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { FRAUD_FLAGS, type FraudCustomerRow, type FraudFlag } from '../../src/lib/features/fraud/fraud.ts';
import { apiClient } from '../support/api-client.ts';

interface Score {
	flag: FraudFlag;
	planted: number;
	flagged: number;
	hits: number;
	precision: number;
	recall: number;
	decoys_flagged: number;
}

/**
 * Every flag's flagged customers (through the API, as the dashboard sees them) against the customers
 * the generator planted; decoys and everyone else are negatives.
 */
async function score(dbPath: string, truth: DemoTruth, label: string): Promise<Score[]> {
	const api = await apiClient(dbPath);
	try {
		const scores = [];
		for (const flag of FRAUD_FLAGS) {
			const { status, body } = await api.json<FraudCustomerRow>(`/api/fraud/customers?flag=${flag}&limit=10000`);
			expect(status).toBe(200);
			const flagged = new Set(body.rows.map((r) => r.customer_id));
			const planted = new Set(truth.fraud[flag]);
			const hits = [...flagged].filter((id) => planted.has(id)).length;
			scores.push({
				flag,
				planted: planted.size,
				flagged: flagged.size,
				hits,
				precision: flagged.size ? hits / flagged.size : 0,
				recall: planted.size ? hits / planted.size : 0,
				decoys_flagged: truth.decoys[flag].filter((id) => flagged.has(id)).length
			});
		}
		console.log(`fraud flags on ${label}`);
		console.table(scores.map((s) => ({ ...s, precision: s.precision.toFixed(3), recall: s.recall.toFixed(3) })));
		return scores;
	} finally {
		api.close();
	}
}

function expectGood(scores: Score[]) {
	for (const s of scores) {
		expect(s.planted, s.flag).toBeGreaterThan(0);
		expect(s.precision, `${s.flag} precision`).toBeGreaterThanOrEqual(0.9);
		expect(s.recall, `${s.flag} recall`).toBeGreaterThanOrEqual(0.9);
		expect(s.decoys_flagged, `${s.flag} decoys`).toBe(0);
	}
}

describe('fraud flags against the planted customers', () => {
	it('finds them on the shared demo data set (30k lines, seed 7)', async () => {
		const demo = inject('demoDatabase');
		const truth: DemoTruth = JSON.parse(readFileSync(join(demo.dataDir, 'truth.json'), 'utf8'));
		expectGood(await score(demo.dbPath, truth, `${truth.lines} lines, seed ${truth.seed}`));
	});

	describe('on a second data set of another size and seed, so the thresholds are not fitted to one', () => {
		let dir: string;
		let truth: DemoTruth;
		beforeAll(async () => {
			dir = await mkdtemp(join(tmpdir(), 'returnlens-fraud-'));
			({ truth } = await generateDemoData({ lines: 60_000, seed: 11, outDir: join(dir, 'data') }));
			await ingest({ dbPath: join(dir, 'returns.duckdb'), paths: [join(dir, 'data')] });
		}, 180_000);
		afterAll(() => rm(dir, { recursive: true, force: true }));

		it('finds them on 60k lines, seed 11', async () => {
			const shared: DemoTruth = JSON.parse(
				readFileSync(join(inject('demoDatabase').dataDir, 'truth.json'), 'utf8')
			);
			expect(truth.fraud.serial_returner).not.toEqual(shared.fraud.serial_returner);
			expectGood(await score(join(dir, 'returns.duckdb'), truth, `${truth.lines} lines, seed ${truth.seed}`));
		});
	});
});
