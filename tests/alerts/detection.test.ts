import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData, type DemoTruth } from '../../pipelines/demo-data/generate.ts';
import { DEMO_PROFILES, DEMO_PROFILE_NAMES, type DemoProfileName } from '../../pipelines/demo-data/profiles.ts';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import { openDatabase } from '../../src/lib/core/db/db.ts';
import type { AlertRow } from '../../src/lib/features/alerts/alerts.ts';

/**
 * The alerts the refresh finds, held to what the generator planted (`waves`: a product's defect wave, a
 * supplier's failing batch, a size running small; besides them the defect spike and the small-running size
 * every demo data set has), on shops the detection was not tuned on: each wave alerted within four weeks of
 * its start, and few alerts over the two years on the products, sizes and suppliers with nothing planted.
 */
const UNSEEN = DEMO_PROFILE_NAMES.filter((name) => !DEMO_PROFILES[name].tunedOn);
const LINES = 500_000;
const SEED = 2027;
const FOUR_WEEKS = 28;

type Alert = Pick<
	AlertRow,
	'kind' | 'scope' | 'key' | 'product_id' | 'supplier' | 'detected_on' | 'observed_units' | 'explanation'
>;

interface Planted {
	/** What was planted where, and the keys whose alerts may show it. */
	waves: { name: string; from: string; keys: string[] }[];
	products: Set<string>;
	skus: Set<string>;
	suppliers: Set<string>;
}

const days = (from: string, to: string) =>
	(Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/** The planted waves and the keys they touch: their products, those products' sizes and suppliers. */
function planted(truth: DemoTruth): Planted {
	const spike = truth.defectSpike;
	const waves = truth.waves.map((w) => ({ name: `${w.kind} wave ${w.key}`, from: w.from, keys: [w.key] }));
	const products = new Set([
		spike.product_id,
		truth.smallSku.product_id,
		...truth.waves.flatMap((w) => w.product_ids)
	]);
	const suppliers = new Set([spike.supplier, ...truth.waves.filter((w) => w.kind === 'supplier').map((w) => w.key)]);
	return { waves, products, skus: new Set([truth.smallSku.sku]), suppliers };
}

/** Whether an alert is about something planted: a planted product, a size of one, a supplier of one. */
function onPlanted(alert: Alert, truth: Planted, supplierOf: Map<string, string>): boolean {
	switch (alert.scope) {
		case 'product':
			return truth.products.has(alert.key);
		case 'sku':
			return truth.skus.has(alert.key) || truth.products.has(alert.product_id ?? '');
		case 'supplier':
			return truth.suppliers.has(alert.key) || [...truth.products].some((p) => supplierOf.get(p) === alert.key);
		default:
			return true;
	}
}

async function loadedShop(profile: DemoProfileName) {
	const dir = await mkdtemp(join(tmpdir(), `returnlens-alerts-${profile}-`));
	const { truth } = await generateDemoData({
		lines: LINES,
		seed: SEED,
		outDir: join(dir, 'data'),
		profile,
		waves: true
	});
	const dbPath = join(dir, 'returns.duckdb');
	expect((await ingest({ dbPath, paths: [join(dir, 'data')] })).errors).toEqual([]);
	const db = await openDatabase(dbPath, { readOnly: true });
	const connection = await db.connect();
	try {
		const read = async <T>(sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson() as T[];
		const alerts = await read<Alert>(
			`SELECT kind, scope, key, product_id, supplier, strftime(detected_on, '%Y-%m-%d') AS detected_on,
			   observed_units, explanation FROM alerts ORDER BY detected_on, kind, scope, key`
		);
		const suppliers = await read<{ product_id: string; supplier: string }>(
			`SELECT product_id, any_value(supplier) AS supplier FROM line_facts GROUP BY product_id`
		);
		return {
			truth,
			alerts,
			supplierOf: new Map(suppliers.map((r) => [r.product_id, r.supplier])),
			remove: () => rm(dir, { recursive: true, force: true })
		};
	} finally {
		connection.closeSync();
		db.close();
	}
}

describe.each(UNSEEN)('alerts on the %s shop, which the detection was not tuned on', (profile) => {
	let shop: Awaited<ReturnType<typeof loadedShop>>;
	let truth: Planted;

	beforeAll(async () => {
		shop = await loadedShop(profile);
		truth = planted(shop.truth);
		console.log(`alerts on the ${profile} profile, ${LINES} lines, seed ${SEED}`);
		console.table(
			shop.alerts.map((a) => ({
				kind: a.kind,
				scope: a.scope,
				key: a.key,
				detected_on: a.detected_on,
				planted: onPlanted(a, truth, shop.supplierOf)
			}))
		);
	}, 300_000);
	afterAll(() => shop?.remove());

	it('alerts each planted wave within four weeks of its start', () => {
		const found = truth.waves.map((wave) => {
			const first = shop.alerts.find((a) => wave.keys.includes(a.key) && a.detected_on >= wave.from);
			return {
				wave: wave.name,
				from: wave.from,
				detected_on: first?.detected_on,
				days: first && days(wave.from, first.detected_on)
			};
		});
		console.table(found);
		for (const f of found) {
			expect(f.days, f.wave).toBeDefined();
			expect(f.days!, f.wave).toBeLessThanOrEqual(FOUR_WEEKS);
		}
	});

	it('finds the defect spike every demo data set has within its eight weeks', () => {
		const { product_id, from, to } = shop.truth.defectSpike;
		const first = shop.alerts.find((a) => a.key === product_id && a.detected_on >= from);
		console.log(`defect spike ${product_id} from ${from}: first alerted ${first?.detected_on}`);
		expect(first?.detected_on).toBeDefined();
		expect(first!.detected_on <= to).toBe(true);
	});

	it('finds the size that runs small all along', () => {
		const sku = shop.truth.smallSku.sku;
		expect(shop.alerts.some((a) => a.kind === 'size_fit_outlier' && a.key === sku)).toBe(true);
	});

	it('alerts at most 5 times over two years on products, sizes and suppliers with nothing planted', () => {
		const unplanted = shop.alerts.filter((a) => a.scope !== 'category' && !onPlanted(a, truth, shop.supplierOf));
		expect(
			unplanted.map((a) => a.explanation).length,
			unplanted.map((a) => `${a.key}: ${a.explanation}`).join('\n')
		).toBeLessThanOrEqual(5);
	});

	it('says each alert in numbers: units, the window, what was expected and how likely by chance', () => {
		expect(shop.alerts.length).toBeGreaterThan(0);
		for (const alert of shop.alerts) {
			expect(alert.explanation).toMatch(
				/^\d+ of \d+ units( of size \S+)? ordered|^\d+ of \d+ units returned from the orders of/
			);
			expect(alert.explanation).toContain(`${alert.observed_units} of`);
			expect(alert.explanation).toMatch(/expected from .*\(chance below 1 in [\d,a-z ]+\)$/);
		}
	});
});
