import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateDemoData, type DemoTruth } from '../../pipelines/demo-data/generate.ts';
import { DEMO_PROFILES, DEMO_PROFILE_NAMES, type DemoProfileName } from '../../pipelines/demo-data/profiles.ts';
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

/** Precision and recall of every flag at least `minimum`, and no decoy flagged. */
function expectGood(scores: Score[], minimum: number) {
	for (const s of scores) {
		expect(s.planted, s.flag).toBeGreaterThan(0);
		expect(s.precision, `${s.flag} precision`).toBeGreaterThanOrEqual(minimum);
		expect(s.recall, `${s.flag} recall`).toBeGreaterThanOrEqual(minimum);
		expect(s.decoys_flagged, `${s.flag} decoys`).toBe(0);
	}
}

/** Generates a profile's data set in a temporary folder and loads it; `remove` deletes both. */
async function loadedDemo(lines: number, seed: number, profile: DemoProfileName) {
	const dir = await mkdtemp(join(tmpdir(), `returnlens-fraud-${profile}-`));
	const { truth } = await generateDemoData({ lines, seed, outDir: join(dir, 'data'), profile });
	await ingest({ dbPath: join(dir, 'returns.duckdb'), paths: [join(dir, 'data')] });
	return { dbPath: join(dir, 'returns.duckdb'), truth, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Profiles the rules were not tuned on: shops with other category names and languages, mixes, rates, volumes. */
const UNSEEN = DEMO_PROFILE_NAMES.filter((name) => !DEMO_PROFILES[name].tunedOn);
const UNSEEN_LINES = 30_000;

describe('fraud flags against the planted customers', () => {
	it('finds them on the shared demo data set (30k lines, seed 7)', async () => {
		const demo = inject('demoDatabase');
		const truth: DemoTruth = JSON.parse(readFileSync(join(demo.dataDir, 'truth.json'), 'utf8'));
		expectGood(await score(demo.dbPath, truth, `default profile, ${truth.lines} lines, seed ${truth.seed}`), 0.95);
	});

	describe('on a second data set of another size and seed, so the thresholds are not fitted to one', () => {
		let set: Awaited<ReturnType<typeof loadedDemo>>;
		beforeAll(async () => {
			set = await loadedDemo(60_000, 11, 'default');
		}, 180_000);
		afterAll(() => set?.remove());

		it('finds them on 60k lines, seed 11', async () => {
			const shared: DemoTruth = JSON.parse(
				readFileSync(join(inject('demoDatabase').dataDir, 'truth.json'), 'utf8')
			);
			expect(set.truth.fraud.serial_returner).not.toEqual(shared.fraud.serial_returner);
			expectGood(await score(set.dbPath, set.truth, `default profile, 60000 lines, seed 11`), 0.95);
		});
	});

	it('has shops the rules were not tuned on to be tested against', () => {
		expect(UNSEEN.length).toBeGreaterThanOrEqual(3);
	});

	describe.each(UNSEEN)('on the %s profile, which the rules were not tuned on', (profile) => {
		let set: Awaited<ReturnType<typeof loadedDemo>>;
		beforeAll(async () => {
			set = await loadedDemo(UNSEEN_LINES, 23, profile);
		}, 180_000);
		afterAll(() => set?.remove());

		it(`finds them with precision and recall of at least 0.95 per flag`, async () => {
			const label = `${profile} profile (${DEMO_PROFILES[profile].description}), ${UNSEEN_LINES} lines, seed 23`;
			expectGood(await score(set.dbPath, set.truth, label), 0.95);
		});
	});
});
