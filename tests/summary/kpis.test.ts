import { describe, expect, it } from 'vitest';
import type { SummaryRow } from '../../src/lib/features/summary/summary.ts';
import { buildKpiTiles, changeTone } from '../../src/lib/features/summary/kpis.ts';

const row = (period: 'current' | 'previous', over: Partial<SummaryRow> = {}): SummaryRow => ({
	period,
	from: '2026-01-01',
	to: '2026-03-31',
	orders: 1000,
	units_sold: 2000,
	units_returned: 400,
	unit_return_rate: 0.2,
	value_return_rate: 0.25,
	order_return_rate: 0.3,
	refunded: '12400.00',
	net_return_cost: '3000.00',
	median_days_to_refund: 9.5,
	open_returns: 12,
	defect_share: 0.1,
	...over
});

describe('KPI tiles', () => {
	it('formats each figure and its change against the previous period', () => {
		const tiles = buildKpiTiles([
			row('current'),
			row('previous', { orders: 800, unit_return_rate: 0.18, refunded: '12400.00' })
		]);
		const byKey = Object.fromEntries(tiles.map((t) => [t.key, t]));
		expect(byKey.orders.value).toBe('1,000');
		expect(byKey.orders.change?.text).toBe('+25.0\u00a0%');
		expect(changeTone(byKey.orders)).toBe('good');
		expect(byKey.unit_return_rate.value).toBe('20.0\u00a0%');
		expect(byKey.unit_return_rate.change?.text).toBe('+2.0\u00a0pp');
		expect(changeTone(byKey.unit_return_rate)).toBe('bad');
		expect(byKey.refunded.value).toBe('€\u00a012.4k');
		expect(changeTone(byKey.refunded)).toBe('neutral');
	});

	it('has no change without a previous period, and no tiles without a current one', () => {
		expect(buildKpiTiles([row('current')]).every((t) => t.change === null)).toBe(true);
		expect(buildKpiTiles([])).toEqual([]);
	});
});
