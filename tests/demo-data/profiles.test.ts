import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData, type DemoTruth } from '../../pipelines/demo-data/generate.ts';
import { DEMO_PROFILES, DEMO_PROFILE_NAMES, type DemoProfileName } from '../../pipelines/demo-data/profiles.ts';
import { openDuck, type Duck } from './helpers.ts';

const LINES = 20_000;

/** Each profile's data set, read back from its CSV files: the shop it claims to be. */
describe.each(DEMO_PROFILE_NAMES)('the %s profile', (name: DemoProfileName) => {
	const profile = DEMO_PROFILES[name];
	let dir: string;
	let truth: DemoTruth;
	let duck: Duck;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), `demo-profile-${name}-`));
		({ truth } = await generateDemoData({ lines: LINES, seed: 5, outDir: dir, profile: name }));
		duck = await openDuck(dir);
	}, 120_000);
	afterAll(async () => {
		duck?.close();
		await rm(dir, { recursive: true, force: true });
	});

	it('names its categories in its own words', async () => {
		const names = await duck.column('select distinct category from orders where category is not null');
		expect(names.sort()).toEqual([...new Set(Object.values(profile.categoryNames).flat())].sort());
		expect(truth.thresholds.wardrobing.categories).toEqual(
			(['apparel', 'shoes', 'accessories'] as const).flatMap((c) => profile.categoryNames[c])
		);
	});

	it('returns the share of lines it says, and sells as many lines per customer', async () => {
		const { share, per_customer } = await duck.numbers<'share' | 'per_customer'>(`
			select count(r.line_id) / count(*) as share, count(*) / count(distinct o.customer_id) as per_customer
			from orders o left join (select distinct line_id from returns) r using (line_id)`);
		const [low, high] = {
			default: [0.15, 0.25],
			modehaus: [0.38, 0.55],
			kleding: [0.17, 0.3],
			outlet: [0.03, 0.08],
			sportif: [0.25, 0.42]
		}[name];
		expect(share).toBeGreaterThan(low);
		expect(share).toBeLessThan(high);
		expect(per_customer).toBeGreaterThan(0.6 * profile.linesPerCustomer);
		expect(per_customer).toBeLessThan(1.4 * profile.linesPerCustomer);
	});

	it('sells sizes in its sized categories only', async () => {
		const sizes = /^(XS|S|M|L|XL|3[6-9]|4[0-6])$/;
		// Names hold quotes ("Chaussures d'extérieur"): matched here, not spliced into SQL.
		const sold = await duck.all('select distinct category, variant from orders');
		for (const [category, names] of Object.entries(profile.categoryNames)) {
			const variants = sold
				.filter((row) => (names as readonly string[]).includes(String(row.category)))
				.map((row) => String(row.variant));
			expect(variants.length, category).toBeGreaterThan(0);
			const sized = (profile.sized as readonly string[]).includes(category);
			expect(
				variants.every((v) => sizes.test(v)),
				`${category}: ${variants.join(' ')}`
			).toBe(sized);
		}
	});

	it('plants serial returners that meet its threshold, and no one else does', async () => {
		const { minLines, minReturnedLineShare } = truth.thresholds.serial_returner;
		const found = await duck.column(`
			select o.customer_id from orders o left join (select distinct line_id from returns) r using (line_id)
			group by o.customer_id
			having count(*) >= ${minLines} and count(r.line_id) >= ${minReturnedLineShare} * count(*)`);
		expect(found.sort()).toEqual([...truth.fraud.serial_returner].sort());
	});
});
