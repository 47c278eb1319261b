import { FRAUD_FLAGS, type FraudCustomerRow, type FraudFlag } from './fraud.ts';
import { formatCount, humanize } from '../../ui/format.ts';
import { COLORS, rowTooltip } from '../../ui/chart/chart-options.ts';
import { barFrame, barLabel, groupAxis, valueAxis } from '../../ui/chart/chart-parts.ts';
import type { ChartSpec, EChartsOption } from '../../ui/chart/chart-options.ts';
import type { ListResponse } from '../../ui/data/resource.svelte.ts';

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
		...barFrame(40),
		tooltip: rowTooltip(flags, (flag) => ({
			heading: humanize(flag),
			lines: [`${formatCount(counts[flag])} customers flagged`]
		})),
		xAxis: valueAxis({ min: 0, minInterval: 1 }),
		yAxis: groupAxis(flags.map((f) => humanize(f))),
		series: [
			{
				name: 'Flagged customers',
				type: 'bar',
				data: flags.map((f) => counts[f]),
				color: COLORS.danger,
				barMaxWidth: 18,
				label: barLabel()
			}
		]
	};
}

export const FLAG_COUNTS_CHART: ChartSpec<ListResponse<FraudCustomerRow>> = {
	title: 'Flagged customers per fraud flag',
	subtitle: 'Customers with an order line in scope; one customer may carry several flags.',
	build: (answer) => buildFlagCountsOption(answer.rows),
	emptyText: 'No flagged customers for these filters.'
};
