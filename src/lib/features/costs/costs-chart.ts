import type { RefundBreakdownRow } from './costs.ts';
import { formatMoney, formatMoneyExact, formatPercent, formatPeriod, humanize } from '../../ui/format.ts';
import { COLORS, rowTooltip } from '../../ui/chart/chart-options.ts';
import { barFrame, barLabel, frame, groupAxis, legendOf, periodAxis, valueAxis } from '../../ui/chart/chart-parts.ts';
import type { ChartSpec, EChartsOption } from '../../ui/chart/chart-options.ts';
import type { ListResponse } from '../../ui/data/resource.svelte.ts';

const money = (value: string | null) => (value === null ? 0 : Number(value));

/**
 * Net return cost per month (rows of /api/costs/breakdown?by=month): processing cost and value lost
 * stacked, restocking fees recovered below zero, and the net cost as a line.
 */
export function buildNetCostOption(rows: RefundBreakdownRow[]): EChartsOption | null {
	const months = rows.filter((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.key)).sort((a, b) => a.key.localeCompare(b.key));
	if (months.length === 0) return null;
	const labels = months.map((r) => formatPeriod(r.key, 'month'));
	return {
		...frame({ left: 64, right: 20, top: 36, bottom: 36 }),
		legend: legendOf(['Processing cost', 'Value lost', 'Fees recovered', 'Net return cost']),
		tooltip: rowTooltip(
			months,
			(r, index) => ({
				heading: labels[index],
				lines: [
					`Processing cost: ${formatMoneyExact(r.processing_cost)}`,
					`Value lost: ${formatMoneyExact(r.value_lost)}`,
					`Fees recovered: ${formatMoneyExact(r.fees_recovered)}`,
					`Net return cost: ${formatMoneyExact(r.net_return_cost)} ` +
						`(${formatPercent(r.net_cost_share)} of sold value)`,
					`Refunded: ${formatMoneyExact(r.refunded)}`
				]
			}),
			'line'
		),
		xAxis: periodAxis(labels),
		yAxis: valueAxis({}, { formatter: (v) => formatMoney(v) }),
		series: [
			{
				name: 'Processing cost',
				type: 'bar',
				stack: 'cost',
				data: months.map((r) => money(r.processing_cost)),
				color: '#7a9cc6',
				barMaxWidth: 28
			},
			{
				name: 'Value lost',
				type: 'bar',
				stack: 'cost',
				data: months.map((r) => money(r.value_lost)),
				color: COLORS.danger,
				barMaxWidth: 28
			},
			{
				name: 'Fees recovered',
				type: 'bar',
				stack: 'cost',
				data: months.map((r) => -money(r.fees_recovered)),
				color: COLORS.tertiary,
				barMaxWidth: 28
			},
			{
				name: 'Net return cost',
				type: 'line',
				data: months.map((r) => money(r.net_return_cost)),
				color: COLORS.text,
				symbolSize: 5,
				lineStyle: { width: 2 }
			}
		]
	};
}

/** Groups of a refund breakdown ranked by one money figure, largest on top. */
export function buildMoneyRankingOption(
	rows: RefundBreakdownRow[],
	field: 'refunded' | 'net_return_cost' | 'value_lost' | 'processing_cost',
	label: (key: string) => string = (key) => key,
	max = 10
): EChartsOption | null {
	const ranked = rows
		.filter((r) => r[field] !== null && Number(r[field]) !== 0)
		.sort((a, b) => Number(b[field]) - Number(a[field]))
		.slice(0, max);
	if (ranked.length === 0) return null;
	const shown = [...ranked].reverse();
	return {
		...barFrame(64),
		tooltip: rowTooltip(shown, (r) => ({ heading: label(r.label), lines: [formatMoneyExact(r[field])] })),
		xAxis: valueAxis({ splitNumber: 3 }, { formatter: (v) => formatMoney(v), hideOverlap: true }),
		yAxis: groupAxis(shown.map((r) => label(r.label))),
		series: [
			{
				name: field,
				type: 'bar',
				data: shown.map((r) => Number(r[field])),
				color: field === 'refunded' ? COLORS.primary : COLORS.danger,
				barMaxWidth: 18,
				label: barLabel(formatMoney)
			}
		]
	};
}

/** The net return cost per month, of the whole scope or of one product (`of`: "this product"). */
export function netCostChart(of?: string): ChartSpec<ListResponse<RefundBreakdownRow>> {
	return {
		title: `Net return cost${of ? ` of ${of}` : ''} by month`,
		subtitle:
			'Processing cost and value lost, less restocking fees recovered; each cost in the month it was booked.',
		build: (answer) => buildNetCostOption(answer.rows)
	};
}

export const REFUNDS_BY_METHOD_CHART: ChartSpec<ListResponse<RefundBreakdownRow>> = {
	title: 'Refunded by refund method',
	subtitle: 'Money paid back, by how it was paid.',
	build: (answer) => buildMoneyRankingOption(answer.rows, 'refunded', humanize)
};
