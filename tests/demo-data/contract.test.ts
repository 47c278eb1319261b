import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES, ENTITY_NAMES, type EntityName } from '../../src/lib/core/contract/entities.ts';
import { CSV_FILES, generateInTemp, openDuck, readCsv, type CsvRecord, type DemoSet, type Duck } from './helpers.ts';

function parseTs(v: string): number | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2})Z?)?$/.exec(v);
	if (!m) return null;
	const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [
		number,
		number,
		number,
		number,
		number,
		number
	];
	const t = Date.UTC(y, mo - 1, d, h, mi, s);
	const back = new Date(t);
	if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
	return t;
}

const isMoney = (v: string): boolean => /^[0-9]+(\.[0-9]{1,2})?$/.test(v);

/** Columns of one record that break the contract: required ones (row rejected) and optional ones (field dropped). */
function problems(
	entity: EntityName,
	header: string[],
	r: CsvRecord,
	orderedQty: Map<string, number>
): { required: string[]; optional: string[] } {
	const required: string[] = [];
	const optional: string[] = [];
	const get = (name: string): string => r.fields[header.indexOf(name)] ?? '';
	for (const c of ENTITIES[entity].columns) {
		const v = get(c.name);
		let ok = true;
		if (v !== '') {
			if (c.type === 'timestamp') ok = parseTs(v) !== null;
			else if (c.type === 'integer') ok = /^[0-9]+$/.test(v) && Number(v) >= 1;
			else if (c.type === 'money') ok = isMoney(v);
			else if (c.type === 'boolean') ok = /^(true|false|1|0|yes|no)$/i.test(v);
			else if (c.type === 'enum' && !c.open) ok = (c.values ?? []).includes(v.toLowerCase());
		}
		if (c.required && (v === '' || !ok)) required.push(c.name);
		else if (!c.required && !ok) optional.push(c.name);
	}
	if (entity === 'orders') {
		const ordered = parseTs(get('ordered_at'));
		const delivered = parseTs(get('delivered_at'));
		if (ordered !== null && delivered !== null && delivered < ordered) optional.push('delivered_at');
	}
	if (entity === 'rmas' && Number(get('quantity')) > (orderedQty.get(get('line_id')) ?? Infinity))
		required.push('quantity');
	return { required, optional };
}

describe('demo data follows the data contract', () => {
	let set: DemoSet;
	let duck: Duck;
	const parsed = new Map<string, { header: string[]; records: CsvRecord[] }>();

	beforeAll(async () => {
		set = await generateInTemp();
		duck = await openDuck(set.dir);
		for (const file of CSV_FILES) parsed.set(file, await readCsv(set.dir, file));
	}, 120_000);
	afterAll(async () => {
		duck?.close();
		await set?.remove();
	});

	it('writes exactly the contract columns, in contract order', () => {
		for (const entity of ENTITY_NAMES) {
			expect(parsed.get(`${entity}.csv`)?.header).toEqual(ENTITIES[entity].columns.map((c) => c.name));
		}
		expect(parsed.get('comment-labels.csv')?.header).toEqual(['rma_id', 'line_id', 'theme', 'language']);
	});

	it('counts in truth.json equal the data rows, read by DuckDB and by a plain CSV reader', async () => {
		expect(set.truth.counts['orders.csv']).toBe(set.truth.lines);
		for (const file of CSV_FILES) {
			const table = `raw_${file.replace('.csv', '').replace('-', '_')}`;
			const [n] = await duck.column(`select count(*) from ${table}`);
			expect(Number(n), file).toBe(set.truth.counts[file]);
			expect(parsed.get(file)?.records.length, file).toBe(set.truth.counts[file]);
		}
	});

	it('every record has as many fields as the header', () => {
		for (const file of CSV_FILES) {
			const { header, records } = parsed.get(file) ?? { header: [], records: [] };
			const ragged = records.filter((r) => r.fields.length !== header.length);
			expect(ragged, file).toEqual([]);
		}
	});

	it('puts a few broken rows in every file, about one in two thousand', () => {
		for (const entity of ENTITY_NAMES) {
			const file = `${entity}.csv`;
			const bad = set.truth.badRows.filter((b) => b.file === file).length;
			expect(bad, file).toBeGreaterThanOrEqual(3);
			if (entity !== 'reasons') expect(bad / (set.truth.counts[file] ?? 1), file).toBeLessThan(0.004);
		}
	});

	it('lists exactly the rows that break a required field, at their lines, with the right column', () => {
		const orders = parsed.get('orders.csv');
		const orderedQty = new Map<string, number>();
		for (const r of orders?.records ?? []) orderedQty.set(r.fields[0] ?? '', Number(r.fields[15]));
		for (const entity of ENTITY_NAMES) {
			const file = `${entity}.csv`;
			const { header, records } = parsed.get(file) ?? { header: [], records: [] };
			const found = new Map<number, string[]>();
			for (const r of records) {
				const p = problems(entity, header, r, orderedQty);
				if (p.required.length > 0) found.set(r.line, p.required);
			}
			const listed = set.truth.badRows.filter((b) => b.file === file);
			expect(
				[...found.keys()].sort((a, b) => a - b),
				file
			).toEqual(listed.map((b) => b.line).sort((a, b) => a - b));
			for (const b of listed) expect(found.get(b.line), `${file}:${b.line} ${b.kind}`).toContain(b.column);
		}
	});

	it('lists exactly the rows whose only fault is an optional field', () => {
		const orderedQty = new Map<string, number>();
		for (const entity of ENTITY_NAMES) {
			const file = `${entity}.csv`;
			const { header, records } = parsed.get(file) ?? { header: [], records: [] };
			const found = new Map<number, string[]>();
			for (const r of records) {
				const p = problems(entity, header, r, orderedQty);
				if (p.required.length === 0 && p.optional.length > 0) found.set(r.line, p.optional);
			}
			const listed = set.truth.invalidOptional.filter((b) => b.file === file);
			expect(
				[...found.keys()].sort((a, b) => a - b),
				file
			).toEqual(listed.map((b) => b.line).sort((a, b) => a - b));
			for (const b of listed) expect(found.get(b.line), `${file}:${b.line} ${b.kind}`).toEqual([b.column]);
		}
		const kinds = new Set(set.truth.invalidOptional.map((i) => i.kind));
		expect(kinds).toContain('delivered_before_ordered');
		expect(kinds).toContain('negative_handling_cost');
	});

	it('DuckDB, applying the required-field rules, leaves out exactly the listed rows', async () => {
		for (const entity of ENTITY_NAMES) {
			const [raw] = await duck.column(`select count(*) from raw_${entity}`);
			const [kept] = await duck.column(`select count(*) from ${entity}`);
			const bad = set.truth.badRows.filter((b) => b.file === `${entity}.csv`).length;
			expect(Number(raw) - Number(kept), entity).toBe(bad);
		}
	});

	it('keeps references consistent: RMA lines, inspections and refunds point at what they name', async () => {
		const refs = await duck.numbers<'orphans' | 'wrong_order' | 'wrong_customer'>(`
			select count(*) filter (where o.line_id is null) as orphans,
			       count(*) filter (where coalesce(r.order_id, '') <> '' and r.order_id <> o.order_id) as wrong_order,
			       count(*) filter (where coalesce(r.customer_id, '') <> '' and r.customer_id <> o.customer_id)
			         as wrong_customer
			from rmas r left join orders o using (line_id)`);
		expect(refs).toEqual({ orphans: 0, wrong_order: 0, wrong_customer: 0 });
		const [orphanInspections] = await duck.column(
			'select count(*) from inspections i ' +
				'where not exists (select 1 from rmas r where r.rma_id = i.rma_id and r.line_id = i.line_id)'
		);
		expect(orphanInspections).toBe('0');
		const [orphanRefunds] = await duck.column(`
			select count(*) from refunds f
			where not exists (select 1 from orders o where o.order_id = f.order_id)
			   or (coalesce(f.rma_id, '') <> ''
			       and not exists (select 1 from rmas r where r.rma_id = f.rma_id and r.line_id = f.line_id))`);
		expect(orphanRefunds).toBe('0');
		const [overReturned] = await duck.column(`
			select count(*) from (
				select line_id, sum(r.quantity::int) as returned from rmas r group by line_id
			) x join orders o using (line_id) where x.returned > o.quantity::int`);
		expect(overReturned).toBe('0');
		const [partial] = await duck.column(
			`select count(*) from rmas r join orders o using (line_id) where r.quantity::int < o.quantity::int`
		);
		expect(Number(partial)).toBeGreaterThan(0);
		const [multiLine] = await duck.column(
			'select count(*) from (select rma_id from rmas group by rma_id having count(*) > 1)'
		);
		expect(Number(multiLine)).toBeGreaterThan(0);
	});

	it('writes timestamps in the contract forms and money with two decimals', async () => {
		const { iso, spaced, prices } = await duck.numbers<'iso' | 'spaced' | 'prices'>(`
			select count(*) filter (where regexp_full_match(ordered_at,
			                                                '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ')) as iso,
			       count(*) filter (where regexp_full_match(ordered_at,
			                                                '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d')) as spaced,
			       count(*) filter (where regexp_full_match(unit_price, '\\d+\\.\\d\\d')) as prices
			from orders`);
		const [n] = await duck.column('select count(*) from orders');
		expect(iso).toBeGreaterThan(Number(n) * 0.8);
		expect(spaced).toBeGreaterThan(0);
		expect(iso + spaced).toBe(Number(n));
		expect(prices).toBe(Number(n));
	});

	it('spans the order period with a Christmas peak and returns created 2 to 30 days after delivery', async () => {
		const period = await duck.all(
			`select min(ordered_at::timestamp)::date::varchar as first,
			        max(ordered_at::timestamp)::date::varchar as last
			 from orders`
		);
		expect(period).toEqual([{ first: '2025-01-01', last: '2026-10-31' }]);
		const rows = await duck.all(`
			select strftime(ordered_at::timestamp, '%m') as month, count(*)::int as n from orders
			where ordered_at::timestamp < '2026-01-01' group by 1 order by 1`);
		const byMonth = new Map(rows.map((r) => [String(r.month), Number(r.n)]));
		expect(byMonth.get('12')).toBeGreaterThan(1.5 * (byMonth.get('07') ?? 0));
		expect(byMonth.get('11')).toBeGreaterThan(byMonth.get('08') ?? 0);
		const { minDays, maxDays, future } = await duck.numbers<'minDays' | 'maxDays' | 'future'>(`
			select min(d) as minDays, max(d) as maxDays,
			       (select count(*) from rmas where created_at::timestamp >= '2026-11-23') as future
			from (select date_diff('second', try_cast(o.delivered_at as timestamp), r.created_at::timestamp) / 86400.0
			               as d
			      from rmas r join orders o using (line_id)
			      where try_cast(o.delivered_at as timestamp) >= o.ordered_at::timestamp)`);
		expect(minDays).toBeGreaterThanOrEqual(1.5);
		expect(maxDays).toBeLessThanOrEqual(30.5);
		expect(future).toBe(0);
	});

	it(
		'moves RMAs through plausible statuses: mostly settled, open ones recent, ' + 'a few rejected or cancelled',
		async () => {
			const rows = await duck.all(`
				select status, count(*)::int as n, median(created_at::timestamp)::varchar as mid
				from (select distinct rma_id, status, created_at from rmas) group by status`);
			const total = rows.reduce((a, r) => a + Number(r.n), 0);
			const share = (s: string): number => Number(rows.find((r) => r.status === s)?.n ?? 0) / total;
			expect(share('refunded') + share('closed')).toBeGreaterThan(0.7);
			expect(share('rejected')).toBeGreaterThan(0.01);
			expect(share('rejected')).toBeLessThan(0.06);
			expect(share('cancelled')).toBeGreaterThan(0.01);
			expect(share('cancelled')).toBeLessThan(0.06);
			const { open, openRecent } = await duck.numbers<'open' | 'openRecent'>(`
				select count(*) as open, count(*) filter (where created_at::timestamp >= '2026-10-01') as openRecent
				from (select distinct rma_id, created_at from rmas
				      where status in ('requested', 'approved', 'in_transit', 'received', 'inspected'))`);
			expect(open).toBeGreaterThan(0);
			expect(openRecent / open).toBeGreaterThan(0.6);
			const [inspectedEarly] = await duck.column(`
				select count(*) from inspections i join rmas r using (rma_id, line_id)
				where r.status not in ('inspected', 'refunded', 'closed') or r.resolution = 'keep_it'`);
			expect(inspectedEarly).toBe('0');
			const [refundedEarly] = await duck.column(`
				select count(*) from refunds f join rmas r using (rma_id, line_id)
				where r.status not in ('refunded', 'closed')`);
			expect(refundedEarly).toBe('0');
			const [withoutRma] = await duck.column(`select count(*) from refunds where coalesce(rma_id, '') = ''`);
			expect(Number(withoutRma)).toBeGreaterThan(0);
		}
	);
});
