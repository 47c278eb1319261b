import type { SupplierRow } from './suppliers.ts';
import { formatCount, formatInterval, formatPercent } from '../../ui/format.ts';
import { BASE_TEXT, COLORS, percentAxisLabel, type EChartsOption, rowTooltip } from '../../ui/chart/chart-options.ts';

/**
 * Suppliers by defect-driven return rate (highest on top), next to their overall return rate.
 * Low-sample suppliers are left out.
 */
export function buildSupplierRatesOption(rows: SupplierRow[]): EChartsOption | null {
	const ranked = rows.filter((r) => !r.low_sample && r.defect_return_rate !== null).sort((a, b) => (b.defect_return_rate ?? 0) - (a.defect_return_rate ?? 0));
	if (ranked.length === 0) return null;
	const shown = [...ranked].reverse();
	return {
		textStyle: BASE_TEXT,
		animation: false,
		grid: { left: 8, right: 56, top: 28, bottom: 8, containLabel: true },
		legend: { top: 0, left: 0, data: ['Defect-driven return rate', 'Unit return rate'] },
		tooltip: rowTooltip(shown, (r) => ({
			heading: r.label,
			lines: [
				`Defect-driven: ${formatPercent(r.defect_return_rate)} (${formatCount(r.defect_returned_units)} units, ${formatCount(r.confirmed_defects)} confirmed)`,
				`Return rate: ${formatPercent(r.unit_return_rate)} (95%: ${formatInterval(r.ci_low, r.ci_high)})`,
				`${formatCount(r.sold_units)} units sold`
			]
		})),
		xAxis: { type: 'value', min: 0, axisLabel: { formatter: percentAxisLabel, color: COLORS.axis }, splitLine: { lineStyle: { color: COLORS.grid } } },
		yAxis: { type: 'category', data: shown.map((r) => r.label), axisLabel: { color: COLORS.text }, axisTick: { show: false } },
		series: [
			{
				name: 'Defect-driven return rate',
				type: 'bar',
				data: shown.map((r) => r.defect_return_rate),
				color: COLORS.danger,
				barMaxWidth: 12,
				label: { show: true, position: 'right', color: COLORS.text, formatter: (p: { value: unknown }) => formatPercent(p.value as number) }
			},
			{ name: 'Unit return rate', type: 'bar', data: shown.map((r) => r.unit_return_rate), color: '#a9bfe0', barMaxWidth: 12 }
		]
	};
}
