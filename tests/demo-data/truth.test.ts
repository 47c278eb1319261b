import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAUD_FLAGS, type FraudFlag } from '../../pipelines/demo-data/truth.ts';
import { generateInTemp, openDuck, type DemoSet, type Duck } from './helpers.ts';

/**
 * Each planted truth, recomputed in plain SQL over the raw CSVs without help from the generator.
 * A return is an RMA line not rejected or cancelled (the `returns` view).
 */
const FLAGGED_SQL: Record<FraudFlag, string> = {
	serial_returner: `
		select o.customer_id from orders o left join (select distinct line_id from returns) r using (line_id)
		group by o.customer_id having count(*) >= 10 and count(r.line_id) >= 0.8 * count(*)`,
	wardrobing: `
		select o.customer_id from inspections i join orders o using (line_id)
		where i.condition = 'used' and o.category in ('apparel', 'shoes', 'accessories')
		group by o.customer_id having count(*) >= 3`,
	item_switch: `
		select o.customer_id from inspections i join orders o using (line_id)
		where i.item_matches = 'false' group by o.customer_id having count(*) >= 2`,
	claim_mismatch: `
		select o.customer_id from rmas r join inspections i using (rma_id, line_id) join orders o using (line_id)
		where r.reason_code in ('DEFECT', 'DAMAGED') and i.condition in ('new', 'like_new')
		  and i.defect_confirmed = 'false'
		group by o.customer_id having count(*) >= 3`,
	shared_identity: `
		with returners as (select distinct buyer as customer_id from returns),
		keys as (
			select 'a' as kind, address_key as k, customer_id from orders where coalesce(address_key, '') <> ''
			union select 'p', payment_key, customer_id from orders where coalesce(payment_key, '') <> ''
		),
		rings as (select kind, k from keys join returners using (customer_id)
		          group by kind, k having count(distinct customer_id) >= 3)
		select distinct customer_id from keys join rings using (kind, k)`,
	keep_it_abuse: `
		select o.customer_id from rmas r join orders o using (line_id)
		where r.resolution = 'keep_it'
		  and exists (select 1 from refunds f where f.rma_id = r.rma_id and f.line_id = r.line_id)
		  and not exists (select 1 from inspections i where i.rma_id = r.rma_id and i.line_id = r.line_id)
		group by o.customer_id having count(*) >= 3`
};

/** How often a customer shows a flag's signal, for the decoys, which show it exactly once. */
const SIGNAL_COUNT_SQL: Partial<Record<FraudFlag, string>> = {
	wardrobing: `select o.customer_id, count(*) as n from inspections i join orders o using (line_id)
		where i.condition = 'used' group by 1`,
	item_switch: `select o.customer_id, count(*) as n from inspections i join orders o using (line_id)
		where i.item_matches = 'false' group by 1`,
	claim_mismatch: `
		select o.customer_id, count(*) as n
		from rmas r join inspections i using (rma_id, line_id) join orders o using (line_id)
		where r.reason_code in ('DEFECT', 'DAMAGED') and i.condition in ('new', 'like_new')
		  and i.defect_confirmed = 'false' group by 1`,
	keep_it_abuse: `
		select o.customer_id, count(*) as n from rmas r join orders o using (line_id)
		where r.resolution = 'keep_it'
		  and exists (select 1 from refunds f where f.rma_id = r.rma_id and f.line_id = r.line_id) group by 1`
};

const sorted = (ids: readonly string[]): string[] => [...ids].sort();

describe('truth.json matches the data', () => {
	let set: DemoSet;
	let duck: Duck;

	beforeAll(async () => {
		set = await generateInTemp();
		duck = await openDuck(set.dir);
	}, 120_000);
	afterAll(async () => {
		duck?.close();
		await set?.remove();
	});

	it('the defect spike product tops defect-driven return rates in its window, and so does its supplier', async () => {
		const { product_id, supplier, from, to } = set.truth.defectSpike;
		const rates = (by: string) =>
			duck.all(`
				with sold as (
					select ${by} as k, sum(quantity::int) as units from orders
					where ordered_at::timestamp >= '${from}' and ordered_at::timestamp < date '${to}' + interval 1 day
					group by 1
				),
				driven as (
					select x.${by} as k, sum(x.units) as units from returns x
					left join inspections i using (rma_id, line_id)
					where x.ordered_ts >= '${from}' and x.ordered_ts < date '${to}' + interval 1 day
					  and (x.reason_group in ('defect', 'damage') or i.defect_confirmed = 'true'
					       or i.condition in ('defective', 'damaged'))
					group by 1
				)
				select k, sold.units::int as sold, coalesce(driven.units, 0)::int / sold.units as rate
				from sold left join driven using (k) where sold.units >= 30 order by rate desc`);
		const products = await rates('product_id');
		expect(products.length).toBeGreaterThanOrEqual(3);
		expect(products[0]?.k).toBe(product_id);
		expect(Number(products[0]?.rate)).toBeGreaterThan(0.15);
		expect(Number(products[0]?.rate)).toBeGreaterThan(2 * Number(products[1]?.rate));
		const suppliers = await rates('supplier');
		expect(suppliers[0]?.k).toBe(supplier);

		const [before] = await duck.column(`
			select (select coalesce(sum(units), 0) from returns
			        where product_id = '${product_id}' and reason_group = 'defect' and ordered_ts < '${from}')
			     / (select sum(quantity::int) from orders
			        where product_id = '${product_id}' and ordered_at::timestamp < '${from}')`);
		expect(Number(before)).toBeLessThan(0.1);
	});

	it('the small SKU has the highest fit-return rate in its category, far above the rest', async () => {
		const { sku, category } = set.truth.smallSku;
		const rows = await duck.all(`
			with sold as (select sku, sum(quantity::int) as units from orders where category = '${category}'
			              group by 1),
			fit as (select sku, sum(units) as units from returns where category = '${category}' and reason_group = 'fit'
			        group by 1)
			select sku, sold.units::int as sold, coalesce(fit.units, 0)::int / sold.units as rate
			from sold left join fit using (sku) where sold.units >= 30 order by rate desc`);
		expect(rows[0]?.sku).toBe(sku);
		expect(Number(rows[0]?.rate)).toBeGreaterThan(0.3);
		const others = rows.slice(1).map((r) => Number(r.rate));
		const median = others.sort((a, b) => a - b)[Math.floor(others.length / 2)] ?? 1;
		expect(median).toBeGreaterThan(0.08);
		expect(median).toBeLessThan(0.22);
		const [smallThemes] = await duck.column(`
			select count(*) filter (where theme = 'too_small') / count(*)
			from comment_labels l join rmas r using (rma_id, line_id) join orders o using (line_id)
			where o.sku = '${sku}' and theme in ('too_small', 'too_large')`);
		expect(Number(smallThemes)).toBeGreaterThan(0.9);
	});

	for (const flag of FRAUD_FLAGS) {
		it(`exactly the planted ${flag} customers meet the ${flag} threshold`, async () => {
			const planted = set.truth.fraud[flag];
			expect(planted.length).toBeGreaterThanOrEqual(4);
			expect(set.truth.decoys[flag].length).toBeGreaterThanOrEqual(planted.length);
			const flagged = await duck.column(FLAGGED_SQL[flag]);
			expect(sorted(flagged)).toEqual(sorted(planted));
		});
	}

	it('decoys show their signal exactly once (or, for serial returners, on a handful of lines)', async () => {
		for (const [flag, sql] of Object.entries(SIGNAL_COUNT_SQL) as [FraudFlag, string][]) {
			const counts = new Map((await duck.all(sql)).map((r) => [String(r.customer_id), Number(r.n)]));
			for (const id of set.truth.decoys[flag]) expect(counts.get(id), `${flag} decoy ${id}`).toBe(1);
			for (const id of set.truth.fraud[flag])
				expect(counts.get(id), `${flag} planted ${id}`).toBeGreaterThanOrEqual(flag === 'item_switch' ? 2 : 3);
		}
		const serial = await duck.all(`
			select o.customer_id, count(*)::int as lines, count(r.line_id)::int as returned
			from orders o left join (select distinct line_id from returns) r using (line_id) group by 1`);
		const byId = new Map(serial.map((r) => [String(r.customer_id), r]));
		for (const id of set.truth.decoys.serial_returner) {
			expect(Number(byId.get(id)?.lines)).toBeLessThan(10);
			expect(Number(byId.get(id)?.returned) / Number(byId.get(id)?.lines)).toBeGreaterThan(0.5);
		}
		const households = await duck.all(`
			select address_key, count(distinct customer_id)::int as n from orders
			where customer_id in (${set.truth.decoys.shared_identity.map((id) => `'${id}'`).join(', ')})
			group by 1 having n > 1`);
		expect(households.length).toBe(set.truth.decoys.shared_identity.length / 2);
		for (const h of households) expect(h.n).toBe(2);
	});

	it('shared identity rings in truth.json are keys used by every ring member', async () => {
		for (const ring of set.truth.sharedIdentityRings) {
			const users = await duck.column(
				`select distinct customer_id from orders where ${ring.key_column} = '${ring.key}'`
			);
			expect(sorted(users)).toEqual(sorted(ring.customers));
			if (ring.key_column === 'address_key') {
				const countries = await duck.column(
					`select distinct country from orders where address_key = '${ring.key}'`
				);
				expect(countries).toHaveLength(1);
			}
		}
	});

	it('wardrobed items come back used near the end of the return window, with telling notes', async () => {
		const rows = await duck.all(`
			select date_diff('day', try_cast(o.delivered_at as timestamp), r.created_at::timestamp) as days, i.notes
			from inspections i join rmas r using (rma_id, line_id) join orders o using (line_id)
			where i.condition = 'used'
			  and o.customer_id in (${set.truth.fraud.wardrobing.map((id) => `'${id}'`).join(', ')})`);
		const days = rows.filter((r) => r.days !== null).map((r) => Number(r.days));
		expect(days.length).toBeGreaterThan(0);
		expect(Math.min(...days)).toBeGreaterThanOrEqual(22);
		expect(rows.every((r) => String(r.notes ?? '').length > 0)).toBe(true);
	});

	it('the bracketing customers are exactly those who ordered several sizes of a product and kept one', async () => {
		const found = await duck.column(`
			with groups as (
				select o.customer_id, o.order_id, o.product_id, count(*) as lines, count(distinct o.variant) as sizes,
				       count(r.line_id) as returned
				from orders o left join (select distinct line_id from returns) r using (line_id)
				group by all having count(distinct o.variant) >= 2
			)
			select distinct customer_id from groups where returned = lines - 1`);
		expect(found.length).toBeGreaterThan(10);
		expect(sorted(found)).toEqual(sorted(set.truth.bracketing));
		const [otherMultiSize] = await duck.column(`
			select count(*) from (select order_id, product_id from orders group by all having count(*) > 1) g
			join orders o using (order_id, product_id)
			where o.customer_id not in (select unnest(${JSON.stringify(set.truth.bracketing).replaceAll('"', "'")}))`);
		expect(otherMultiSize).toBe('0');
	});

	it('category return rates are ordered apparel > shoes > accessories > electronics, home > beauty', async () => {
		const rows = await duck.all(`
			with sold as (select category, sum(quantity::int) as units from orders group by 1),
			back as (select category, sum(units) as units from returns group by 1)
			select category, back.units / sold.units as rate from sold join back using (category)`);
		const rate = (c: string): number => Number(rows.find((r) => r.category === c)?.rate);
		expect(rate('apparel')).toBeGreaterThan(rate('shoes'));
		expect(rate('shoes')).toBeGreaterThan(rate('accessories'));
		expect(rate('accessories')).toBeGreaterThan(Math.max(rate('electronics'), rate('home')));
		expect(Math.min(rate('electronics'), rate('home'))).toBeGreaterThan(rate('beauty'));
		expect(rate('apparel')).toBeGreaterThan(0.22);
		expect(rate('apparel')).toBeLessThan(0.36);
		expect(rate('beauty')).toBeLessThan(0.05);
	});

	it('fraud customers are a small minority and look like everyone else', async () => {
		const planted = FRAUD_FLAGS.flatMap((f) => set.truth.fraud[f]);
		const [customers] = await duck.column('select count(distinct customer_id) from orders');
		expect(planted.length / Number(customers)).toBeLessThan(0.01);
		const rows = await duck.all(`
			select customer_id, max(nullif(customer_email, '')) as email, any_value(country) as country from orders
			where customer_id in (${planted.map((id) => `'${id}'`).join(', ')}) group by 1`);
		expect(rows.length).toBe(planted.length);
		// Exports drop the odd email, so a customer with few orders may have none.
		const emails = rows.filter((r) => r.email !== null);
		expect(emails.length).toBeGreaterThan(0.9 * rows.length);
		for (const r of emails) expect(String(r.email)).toMatch(/^[a-z._0-9]+@[a-z.-]+$/);
		for (const r of rows) expect(String(r.country)).toMatch(/^[A-Z]{2}$/);
	});
});
