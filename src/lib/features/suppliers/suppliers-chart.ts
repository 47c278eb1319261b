import type { SupplierRow } from './suppliers.ts';
import { formatCount, formatInterval, formatPercent } from '../../ui/format.ts';
import { COLORS, percentAxisLabel, rowTooltip } from '../../ui/chart/chart-options.ts';
import { barFrame, barLabel, groupAxis, legendOf, valueAxis } from '../../ui/chart/chart-parts.ts';
import type { ChartSpec, EChartsOption } from '../../ui/chart/chart-options.ts';
import type { ListResponse } from '../../ui/data/resource.svelte.ts';

/**
 * Suppliers by defect-driven return rate (highest on top), next to their overall return rate.
 * Low-sample suppliers are left out.
 */
export function buildSupplierRatesOption(rows: SupplierRow[]): EChartsOption | null {
	const ranked = rows
		.filter((r) => !r.low_sample && r.defect_return_rate !== null)
		.sort((a, b) => (b.defect_return_rate ?? 0) - (a.defect_return_rate ?? 0));
	if (ranked.length === 0) return null;
	const shown = [...ranked].reverse();
	return {
		...barFrame(56, 28),
		legend: legendOf(['Defect-driven return rate', 'Unit return rate']),
		tooltip: rowTooltip(shown, (r) => ({
			heading: r.label,
			lines: [
				`Defect-driven: ${formatPercent(r.defect_return_rate)} ` +
					`(${formatCount(r.defect_returned_units)} units, ${formatCount(r.confirmed_defects)} confirmed)`,
				`Return rate: ${formatPercent(r.unit_return_rate)} (95%: ${formatInterval(r.ci_low, r.ci_high)})`,
				`${formatCount(r.sold_units)} units sold`
			]
		})),
		xAxis: valueAxis({ min: 0 }, { formatter: percentAxisLabel }),
		yAxis: groupAxis(shown.map((r) => r.label)),
		series: [
			{
				name: 'Defect-driven return rate',
				type: 'bar',
				data: shown.map((r) => r.defect_return_rate),
				color: COLORS.danger,
				barMaxWidth: 12,
				label: barLabel(formatPercent)
			},
			{
				name: 'Unit return rate',
				type: 'bar',
				data: shown.map((r) => r.unit_return_rate),
				color: '#a9bfe0',
				barMaxWidth: 12
			}
		]
	};
}

export const SUPPLIER_RATES_CHART: ChartSpec<ListResponse<SupplierRow>> = {
	title: 'Defect-driven return rate by supplier',
	subtitle:
		'Returns for a defect or damage, or with a defect found by inspection, per unit sold; ' +
		'suppliers with at least 30 units sold.',
	build: (answer) => buildSupplierRatesOption(answer.rows)
};
