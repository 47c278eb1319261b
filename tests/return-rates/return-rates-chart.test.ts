import { describe, expect, it } from 'vitest';
import { buildTopRatesOption, topRateRows } from '../../src/lib/features/return-rates/ranking-chart.ts';
import { buildTrendOption } from '../../src/lib/features/return-rates/trend-chart.ts';
import { categories, cohort, rateRow, seriesOf } from '../support/chart-rows.ts';

describe('trend option', () => {
	it('draws final cohorts solid and open ones dashed, connected at the last final cohort', () => {
		const option = buildTrendOption([
			cohort('2026-01-01', 0.2, true),
			cohort('2026-02-01', 0.22, true),
			cohort('2026-03-01', 0.1, false)
		]);
		expect(categories(option, 'xAxis')).toEqual(['Jan 2026', 'Feb 2026', 'Mar 2026']);
		const [final, open] = seriesOf(option);
		expect(final.data).toEqual([0.2, 0.22, null]);
		expect(open.data).toEqual([null, 0.22, 0.1]);
		expect(open).toMatchObject({ lineStyle: { type: 'dashed' } });
		expect(open.markArea).toBeDefined();
	});

	it('has one series when every cohort is final, and no option without rows', () => {
		expect(seriesOf(buildTrendOption([cohort('2026-01-01', 0.2, true)]))).toHaveLength(1);
		expect(buildTrendOption([])).toBeNull();
	});
});

describe('top rates option', () => {
	it('ranks groups with enough data, highest on top, with the category rate for comparison', () => {
		const rows = [rateRow('A', 0.4), rateRow('B', 0.9, { low_sample: true }), rateRow('C', 0.3), rateRow('D', 0.2)];
		const option = buildTopRatesOption(rows, 2);
		expect(categories(option, 'yAxis')).toEqual(['Product C', 'Product A']);
		const [rates, category] = seriesOf(option);
		expect(rates.data).toEqual([0.3, 0.4]);
		expect(category.data).toEqual([0.2, 0.2]);
	});

	it('names the row behind each bar, so a click on one opens that group', () => {
		const rows = [rateRow('A', 0.4), rateRow('B', 0.9, { low_sample: true }), rateRow('C', 0.3)];
		expect(topRateRows(rows, 2).map((r) => r.key)).toEqual(['C', 'A']);
	});

	it('is empty without rankable rows', () => {
		expect(buildTopRatesOption([rateRow('B', 0.9, { low_sample: true })])).toBeNull();
	});
});
