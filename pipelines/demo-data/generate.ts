/**
 * The demo data set: a deterministic, realistic returns history in the contract's CSV format,
 * with planted truths (a defect spike, a small-running size, fraud rings and their decoys) and a
 * sprinkling of broken rows, all recorded in truth.json. Rows stream to disk as they are made, so
 * memory stays bounded however many lines are asked for.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ENTITIES } from '../../src/lib/core/contract/entities.ts';
import {
	cumulativeDayShares,
	dateString,
	dayOf,
	FIRST_ORDER_DATE,
	GENERATED_FOR,
	LAST_ORDER_DATE,
	ORDER_DAYS,
	shareOfDays
} from './calendar.ts';
import type { PhraseBank } from './comment-fragments.ts';
import { buildCatalogue, type Catalogue, type Product } from './catalogue.ts';
import { csvField, CsvFile } from './csv-writer.ts';
import { CustomerLedger } from './customer-ledger.ts';
import { CustomerPool, ringKey } from './customers.ts';
import { IssueLog } from './issues.ts';
import { OrderBuilder, type Planted } from './order-builder.ts';
import { buildPlan, customersPerFlag, FASHION, type Plan } from './plan.ts';
import { DEMO_PROFILES, profileSpecs, type DemoProfileName } from './profiles.ts';
import { Rng } from './prng.ts';
import { REASONS } from './reasons.ts';
import { ReturnEmitter } from './return-emitter.ts';
import { ReturnModel, SPIKE_DEFECT_RATE } from './return-model.ts';
import { chooseWaves, waveTruth } from './waves.ts';
import { FRAUD_FLAGS, fraudThresholds, type DemoTruth, type FraudFlag, type IdentityRing } from './truth.ts';

export type { DemoTruth } from './truth.ts';

export interface DemoDataOptions {
	/** Order lines (rows of orders.csv, broken ones included). */
	lines: number;
	seed: number;
	outDir: string;
	/** The shop the data imitates (profiles.ts); default `default`. */
	profile?: DemoProfileName;
	/** The comments' phrase bank (comment-fragments.ts); default `standard`. */
	phrases?: PhraseBank;
	/** Plant return waves for the alerts to find (waves.ts); default none. */
	waves?: boolean;
	onProgress?: (linesDone: number) => void;
}

export const MIN_LINES = 1000;
const PROGRESS_EVERY = 50_000;
/** Orders between checks for a full output buffer. */
const FLUSH_EVERY = 256;
const SPIKE_WEEKS = 8;
/** Lines the spike product should sell in its window, so it ranks among products with enough data. */
const SPIKE_MIN_LINES = 70;

const LABEL_COLUMNS = ['rma_id', 'line_id', 'theme', 'language'];

function columns(entity: keyof typeof ENTITIES): string[] {
	return ENTITIES[entity].columns.map((c) => c.name);
}

/** Roughly 400 products at 100k lines, growing slowly with the data set. */
function productCount(lines: number): number {
	return Math.round(Math.min(2000, Math.max(120, 400 * (lines / 100_000) ** 0.3)));
}

function choosePlanted(seed: number, lines: number, { byCategory, specs }: Catalogue): Planted {
	const rng = new Rng(seed, 3);
	// One of the two best-selling electronics products: a charger batch that overheats, say.
	const spikeProduct = byCategory.electronics.products[rng.int(2)] as Product;
	// A Monday between early March and mid June 2026, so every return of the window is settled.
	const firstMonday = dayOf('2026-03-02');
	const spikeFrom = firstMonday + 7 * rng.int(15);
	const spikeTo = spikeFrom + SPIKE_WEEKS * 7 - 1;
	const windowLines = lines * specs.electronics.lineShare * shareOfDays(cumulativeDayShares(), spikeFrom, spikeTo);
	const spikeShare = Math.min(0.6, Math.max(0.12, SPIKE_MIN_LINES / windowLines));

	const smallSkuProduct = byCategory[rng.chance(0.5) ? 'apparel' : 'shoes'].products[0] as Product;
	// Its best-selling size, so the effect has the most units to show in.
	const smallSku = smallSkuProduct.skus.reduce((a, b) => (b.weight > a.weight ? b : a));
	return { spikeProduct, spikeFrom, spikeTo, spikeShare, smallSku, smallSkuProduct };
}

function applyRings(seed: number, plan: Plan, pool: CustomerPool): IdentityRing[] {
	const rings: IdentityRing[] = [];
	plan.rings.forEach((ring, r) => {
		const key = ringKey(seed, r, ring.kind);
		const country = pool.country(ring.members[0] as number);
		for (const member of ring.members)
			pool.override(member, ring.kind === 'address' ? { address: key, country } : { payment: key });
		rings.push({
			key_column: ring.kind === 'address' ? 'address_key' : 'payment_key',
			key,
			customers: ring.members.map((m) => pool.id(m))
		});
	});
	plan.households.forEach((pair, h) => {
		const key = ringKey(seed, plan.rings.length + h, 'address');
		const country = pool.country(pair[0] as number);
		for (const member of pair) pool.override(member, { address: key, country });
	});
	return rings;
}

function writeReasons(file: CsvFile, issues: IssueLog, rng: Rng): void {
	const rows: { row: string; kind?: string; column?: string }[] = REASONS.map((r) => ({
		row: `${r.code},${csvField(r.label)},${r.group}`
	}));
	const broken = [
		{ row: ',Box damaged,damage', kind: 'missing_reason_code', column: 'reason_code' },
		{ row: 'SIZE_FIT,,fit', kind: 'missing_label', column: 'label' },
		{ row: 'PACKAGING,"",damage', kind: 'missing_label', column: 'label' }
	];
	for (const b of broken) rows.splice(rng.int(rows.length + 1), 0, b);
	for (const { row, kind, column } of rows) {
		if (kind && column) issues.logBad('reasons.csv', file.nextLine, kind, column);
		file.add(row);
	}
}

export async function generateDemoData(opts: DemoDataOptions): Promise<{ files: string[]; truth: DemoTruth }> {
	const { seed, onProgress } = opts;
	const lines = Math.floor(opts.lines);
	if (!Number.isFinite(lines) || lines < MIN_LINES) throw new Error(`lines must be at least ${MIN_LINES}`);
	if (!Number.isInteger(seed)) throw new Error('seed must be an integer');
	const outDir = resolve(opts.outDir);
	await mkdir(outDir, { recursive: true });

	const profile = DEMO_PROFILES[opts.profile ?? 'default'];
	const plan = buildPlan(seed, customersPerFlag(lines), profile.serialReturner);
	const customers = Math.round(lines / profile.linesPerCustomer);
	const pool = new CustomerPool(seed, Math.max(plan.customers + 100, customers), plan.customers);
	const sharedIdentityRings = applyRings(seed, plan, pool);
	const ledger = new CustomerLedger(pool.size, profile.maxOrdinaryReturnShare);
	for (let c = 0; c < plan.customers; c++) ledger.reserve(c);
	const catalogue = buildCatalogue(seed, productCount(lines), profileSpecs(profile), profile.categoryNames);
	const planted = choosePlanted(seed, lines, catalogue);

	const path = (name: string): string => join(outDir, name);
	const files = {
		orders: new CsvFile(path('orders.csv'), columns('orders')),
		rmas: new CsvFile(path('rmas.csv'), columns('rmas')),
		reasons: new CsvFile(path('reasons.csv'), columns('reasons')),
		inspections: new CsvFile(path('inspections.csv'), columns('inspections')),
		refunds: new CsvFile(path('refunds.csv'), columns('refunds')),
		labels: new CsvFile(path('comment-labels.csv'), LABEL_COLUMNS)
	};
	const all = Object.values(files);
	const rng = new Rng(seed, 0);
	const issues = new IssueLog(new Rng(seed, 4));
	writeReasons(files.reasons, issues, new Rng(seed, 5));
	const waves = opts.waves ? chooseWaves(seed, catalogue, [planted.spikeProduct, planted.smallSkuProduct]) : [];
	const model = new ReturnModel(planted.smallSku.index, planted.spikeProduct.index, catalogue.specs, waves);
	const emitter = new ReturnEmitter(rng, files, ledger, issues, opts.phrases);
	const builder = new OrderBuilder(rng, catalogue, pool, ledger, model, planted, files.orders, issues, emitter);

	try {
		const shares = cumulativeDayShares();
		let written = 0;
		let nextPlanned = 0;
		let nextProgress = PROGRESS_EVERY;
		let orders = 0;
		for (let day = 0; day < ORDER_DAYS; day++) {
			const target = day === ORDER_DAYS - 1 ? lines : Math.round(lines * (shares[day] as number));
			for (
				let o = plan.orders[nextPlanned];
				o && o.day === day && written < lines;
				o = plan.orders[++nextPlanned]
			) {
				written += builder.planned(o, lines - written);
			}
			while (written < target) {
				written += builder.ordinary(day, lines - written);
				if (++orders % FLUSH_EVERY === 0) {
					for (const f of all) await f.flushIfFull();
					if (onProgress && written >= nextProgress) {
						onProgress(written);
						nextProgress = (Math.floor(written / PROGRESS_EVERY) + 1) * PROGRESS_EVERY;
					}
				}
			}
		}
	} finally {
		await Promise.all(all.map((f) => f.close()));
	}
	onProgress?.(lines);

	const ids = (indices: number[]): string[] => indices.map((i) => pool.id(i));
	const byFlag = (source: Record<FraudFlag, number[]>): Record<FraudFlag, string[]> =>
		Object.fromEntries(FRAUD_FLAGS.map((f) => [f, ids(source[f])])) as Record<FraudFlag, string[]>;
	const truth: DemoTruth = {
		seed,
		lines,
		generatedFor: GENERATED_FOR,
		orderPeriod: { from: FIRST_ORDER_DATE, to: LAST_ORDER_DATE },
		counts: Object.fromEntries(all.map((f) => [f.name, f.rows])),
		badRows: issues.badRows,
		invalidOptional: issues.invalidOptional,
		defectSpike: {
			product_id: planted.spikeProduct.id,
			supplier: planted.spikeProduct.supplier.name,
			category: planted.spikeProduct.categoryName,
			from: dateString(planted.spikeFrom),
			to: dateString(planted.spikeTo),
			defectRate: SPIKE_DEFECT_RATE
		},
		smallSku: {
			sku: planted.smallSku.sku,
			product_id: planted.smallSkuProduct.id,
			category: planted.smallSkuProduct.categoryName,
			variant: planted.smallSku.variant
		},
		waves: waves.map(waveTruth),
		fraud: byFlag(plan.fraud),
		sharedIdentityRings,
		decoys: byFlag(plan.decoys),
		bracketing: builder.bracketing,
		thresholds: fraudThresholds(
			FASHION.flatMap((c) => profile.categoryNames[c]),
			profile.maxOrdinaryReturnShare
		)
	};
	const truthPath = path('truth.json');
	await writeFile(truthPath, `${JSON.stringify(truth, null, 2)}\n`);
	return { files: [...all.map((f) => f.path), truthPath], truth };
}
