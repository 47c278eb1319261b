import { describe, expect, it } from 'vitest';
import { buildMoneyRankingOption, buildNetCostOption } from '../../src/lib/features/costs/costs-chart.ts';
import { categories, monthRow, refundGroup, seriesOf } from '../support/chart-rows.ts';

describe('net cost option', () => {
	it('stacks the costs per month in order, fees below zero, with the net cost as a line', () => {
		const option = buildNetCostOption([
			monthRow('2026-02-01', '13.00'),
			monthRow('2026-01-01', '12.00'),
			monthRow('(none)', '1.00')
		]);
		expect(categories(option, 'xAxis')).toEqual(['Jan 2026', 'Feb 2026']);
		const series = seriesOf(option);
		expect(series.map((s) => s.name)).toEqual([
			'Processing cost',
			'Value lost',
			'Fees recovered',
			'Net return cost'
		]);
		expect(series[2].data).toEqual([-2, -2]);
		expect(series[3].data).toEqual([12, 13]);
		expect(buildNetCostOption([])).toBeNull();
	});
});

describe('money ranking option', () => {
	it('ranks groups by a money figure, largest on top, leaving out zero and missing values', () => {
		const groups = [
			refundGroup('cash', '10.00'),
			refundGroup('gift_card', '0.00'),
			refundGroup('original_payment', '250.50')
		];
		const option = buildMoneyRankingOption(groups, 'refunded', (k) => k.toUpperCase());
		expect(categories(option, 'yAxis')).toEqual(['CASH', 'ORIGINAL_PAYMENT']);
		expect(seriesOf(option)[0].data).toEqual([10, 250.5]);
		expect(buildMoneyRankingOption([refundGroup('cash', '1.00')], 'net_return_cost')).toBeNull();
	});
});
