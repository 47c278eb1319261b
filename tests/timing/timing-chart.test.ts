import { describe, expect, it } from 'vitest';
import type { TimingKpis } from '../../src/lib/features/timing/timing.ts';
import { buildOpenAgeOption, buildStepDaysOption } from '../../src/lib/features/timing/timing-chart.ts';
import { ageBucket, categories, seriesOf } from '../support/chart-rows.ts';

describe('timing options', () => {
	it('shows open returns per age bucket, past the SLA in red', () => {
		const option = buildOpenAgeOption([ageBucket('0-7', 0, 5), ageBucket('15-30', 15, 2)], 14);
		expect(categories(option, 'xAxis')).toEqual(['0-7 days', '15-30 days']);
		const data = seriesOf(option)[0].data as { value: number; itemStyle: { color: string } }[];
		expect(data.map((d) => d.value)).toEqual([5, 2]);
		expect(data[0].itemStyle.color).not.toBe(data[1].itemStyle.color);
		expect(buildOpenAgeOption([ageBucket('0-7', 0, 0)], 14)).toBeNull();
	});

	it('shows the median and p90 days per step, first step on top', () => {
		const kpis = {
			median_days_to_receive: 5,
			p90_days_to_receive: 8,
			median_days_to_inspect: 7,
			p90_days_to_inspect: 10,
			median_days_to_refund: 9,
			p90_days_to_refund: 14
		} as TimingKpis;
		const option = buildStepDaysOption(kpis);
		expect(categories(option, 'yAxis')).toEqual(['Refunded', 'Inspected', 'Received']);
		expect(seriesOf(option)[0].data).toEqual([9, 7, 5]);
		const none = {
			...kpis,
			median_days_to_receive: null,
			median_days_to_inspect: null,
			median_days_to_refund: null
		};
		expect(buildStepDaysOption(none)).toBeNull();
	});
});
