import { FRAUD_FLAGS, type FraudCustomerRow, type FraudFlag } from './fraud.ts';
import { formatCount, humanize } from '../../ui/format.ts';
import { BASE_TEXT, COLORS, type EChartsOption, rowTooltip } from '../../ui/chart/chart-options.ts';

/** Flagged customers per fraud flag (a customer with two flags counts in both), in the flags' fixed order. */
export function countFlags(rows: FraudCustomerRow[]): Record<FraudFlag, number> {
	const counts = Object.fromEntries(FRAUD_FLAGS.map((f) => [f, 0])) as Record<FraudFlag, number>;
	for (const row of rows) for (const flag of new Set(row.flags)) if (flag in counts) counts[flag]++;
	return counts;
}

export function buildFlagCountsOption(rows: FraudCustomerRow[]): EChartsOption | null {
	const flagged = rows.filter((r) => r.flags.length > 0);
	if (flagged.length === 0) return null;
	const counts = countFlags(flagged);
	const flags = [...FRAUD_FLAGS].reverse();
	return {
		textStyle: BASE_TEXT,
		animation: false,
		grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
		tooltip: rowTooltip(flags, (flag) => ({ heading: humanize(flag), lines: [`${formatCount(counts[flag])} customers flagged`] })),
		xAxis: { type: 'value', min: 0, minInterval: 1, axisLabel: { color: COLORS.axis }, splitLine: { lineStyle: { color: COLORS.grid } } },
		yAxis: { type: 'category', data: flags.map((f) => humanize(f)), axisLabel: { color: COLORS.text }, axisTick: { show: false } },
		series: [
			{
				name: 'Flagged customers',
				type: 'bar',
				data: flags.map((f) => counts[f]),
				color: COLORS.danger,
				barMaxWidth: 18,
				label: { show: true, position: 'right', color: COLORS.text }
			}
		]
	};
}
