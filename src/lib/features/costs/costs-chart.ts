import type { RefundBreakdownRow } from './costs.ts';
import { formatMoney, formatMoneyExact, formatPercent, formatPeriod } from '../../ui/format.ts';
import { BASE_TEXT, COLORS, type EChartsOption, rowTooltip } from '../../ui/chart/chart-options.ts';

const money = (value: string | null) => (value === null ? 0 : Number(value));

/**
 * Net return cost per month (rows of /api/refunds/breakdown?by=month): processing cost and value lost
 * stacked, restocking fees recovered below zero, and the net cost as a line.
 */
export function buildNetCostOption(rows: RefundBreakdownRow[]): EChartsOption | null {
	const months = rows.filter((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.key)).sort((a, b) => a.key.localeCompare(b.key));
	if (months.length === 0) return null;
	const labels = months.map((r) => formatPeriod(r.key, 'month'));
	return {
		textStyle: BASE_TEXT,
		animation: false,
		grid: { left: 64, right: 20, top: 36, bottom: 36 },
		legend: { top: 0, left: 0, data: ['Processing cost', 'Value lost', 'Fees recovered', 'Net return cost'] },
		tooltip: rowTooltip(
			months,
			(r, index) => ({
				heading: labels[index],
				lines: [
					`Processing cost: ${formatMoneyExact(r.processing_cost)}`,
					`Value lost: ${formatMoneyExact(r.value_lost)}`,
					`Fees recovered: ${formatMoneyExact(r.fees_recovered)}`,
					`Net return cost: ${formatMoneyExact(r.net_return_cost)} (${formatPercent(r.net_cost_share)} of sold value)`,
					`Refunded: ${formatMoneyExact(r.refunded)}`
				]
			}),
			'line'
		),
		xAxis: { type: 'category', data: labels, axisLabel: { color: COLORS.axis }, axisLine: { lineStyle: { color: COLORS.grid } } },
		yAxis: {
			type: 'value',
			axisLabel: { formatter: (v: number) => formatMoney(v), color: COLORS.axis },
			splitLine: { lineStyle: { color: COLORS.grid } }
		},
		series: [
			{ name: 'Processing cost', type: 'bar', stack: 'cost', data: months.map((r) => money(r.processing_cost)), color: '#7a9cc6', barMaxWidth: 28 },
			{ name: 'Value lost', type: 'bar', stack: 'cost', data: months.map((r) => money(r.value_lost)), color: COLORS.danger, barMaxWidth: 28 },
			{ name: 'Fees recovered', type: 'bar', stack: 'cost', data: months.map((r) => -money(r.fees_recovered)), color: COLORS.tertiary, barMaxWidth: 28 },
			{ name: 'Net return cost', type: 'line', data: months.map((r) => money(r.net_return_cost)), color: COLORS.text, symbolSize: 5, lineStyle: { width: 2 } }
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
		textStyle: BASE_TEXT,
		animation: false,
		grid: { left: 8, right: 64, top: 8, bottom: 8, containLabel: true },
		tooltip: rowTooltip(shown, (r) => ({ heading: label(r.label), lines: [formatMoneyExact(r[field])] })),
		xAxis: {
			type: 'value',
			splitNumber: 3,
			axisLabel: { formatter: (v: number) => formatMoney(v), color: COLORS.axis, hideOverlap: true },
			splitLine: { lineStyle: { color: COLORS.grid } }
		},
		yAxis: { type: 'category', data: shown.map((r) => label(r.label)), axisLabel: { color: COLORS.text }, axisTick: { show: false } },
		series: [
			{
				name: field,
				type: 'bar',
				data: shown.map((r) => Number(r[field])),
				color: field === 'refunded' ? COLORS.primary : COLORS.danger,
				barMaxWidth: 18,
				label: { show: true, position: 'right', color: COLORS.text, formatter: (p: { value: unknown }) => formatMoney(p.value as number) }
			}
		]
	};
}
