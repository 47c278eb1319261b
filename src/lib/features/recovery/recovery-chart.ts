import { DISPOSITIONS } from '../../core/contract/entities.ts';
import type { Disposition, RecoveryRow } from './recovery.ts';
import { formatCount, formatMoneyExact, formatPercent, formatPeriod, humanize } from '../../ui/format.ts';
import { COLORS, percentAxisLabel, rowTooltip, type TooltipText } from '../../ui/chart/chart-options.ts';
import { barFrame, barLabel, frame, groupAxis, legendOf, periodAxis, valueAxis } from '../../ui/chart/chart-parts.ts';
import type { ChartSpec, EChartsOption } from '../../ui/chart/chart-options.ts';
import type { ListResponse } from '../../ui/data/resource.svelte.ts';

/** Green for what is sold again, through to red for what is destroyed. */
export const DISPOSITION_COLORS: Record<Disposition, string> = {
	restock: COLORS.tertiary,
	refurbish: COLORS.primary,
	liquidate: COLORS.secondary,
	return_to_vendor: '#8e44ad',
	dispose: COLORS.danger
};

const share = (row: RecoveryRow, disposition: Disposition) => row[`${disposition}_share`] ?? 0;

/** A group's tooltip: each disposition's share, the units and the money recovered. */
function mixTooltip(row: RecoveryRow, heading: string): TooltipText {
	return {
		heading,
		aside: `${formatCount(row.inspected_units)} units`,
		lines: [
			...DISPOSITIONS.map((d) => `${humanize(d)}: ${formatPercent(row[`${d}_share`])}`),
			`Recovered ${formatMoneyExact(row.recovery_value)} of ${formatMoneyExact(row.refunded)} refunded ` +
				`(${formatPercent(row.recovery_rate)})`
		]
	};
}

/** One stacked series per disposition, its share of each group's units. */
const mixSeries = (rows: RecoveryRow[], barMaxWidth: number) =>
	DISPOSITIONS.map((d) => ({
		name: humanize(d),
		type: 'bar' as const,
		stack: 'mix',
		data: rows.map((r) => share(r, d)),
		color: DISPOSITION_COLORS[d],
		barMaxWidth
	}));

/** The disposition mix per month of inspection (rows of /api/recovery?by=month), oldest first. */
export function buildDispositionMixOption(rows: RecoveryRow[]): EChartsOption | null {
	const months = rows.filter((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.key)).sort((a, b) => a.key.localeCompare(b.key));
	if (months.length === 0) return null;
	const labels = months.map((r) => formatPeriod(r.key, 'month'));
	return {
		...frame({ left: 56, right: 16, top: 36, bottom: 36 }),
		legend: legendOf(DISPOSITIONS.map(humanize)),
		tooltip: rowTooltip(months, (r, i) => mixTooltip(r, labels[i])),
		xAxis: periodAxis(labels),
		yAxis: { ...valueAxis({ min: 0 }, { formatter: percentAxisLabel }), max: 1 },
		series: mixSeries(months, 28)
	};
}

/**
 * Groups (suppliers, categories) by the share of their units destroyed or sent back to the supplier,
 * highest on top, each bar the group's whole disposition mix. Groups with no inspected unit are left out.
 */
export function buildGroupMixOption(rows: RecoveryRow[], max = 12): EChartsOption | null {
	const gone = (r: RecoveryRow) => share(r, 'dispose') + share(r, 'return_to_vendor');
	const ranked = rows
		.filter((r) => r.inspected_units > 0)
		.sort((a, b) => gone(b) - gone(a) || a.key.localeCompare(b.key))
		.slice(0, max);
	if (ranked.length === 0) return null;
	const shown = [...ranked].reverse();
	return {
		...barFrame(16, 28),
		legend: legendOf(DISPOSITIONS.map(humanize)),
		tooltip: rowTooltip(shown, (r) => mixTooltip(r, r.label)),
		// Shares of one whole: a sum a rounding above 1 must not stretch the axis to 120 %.
		xAxis: { ...valueAxis({ min: 0, splitNumber: 4 }, { formatter: percentAxisLabel }), max: 1 },
		yAxis: groupAxis(shown.map((r) => r.label)),
		series: mixSeries(shown, 14)
	};
}

/** Categories by recovery rate (recovered / refunded), highest on top, next to their resellable share. */
export function buildRecoveryRateOption(rows: RecoveryRow[]): EChartsOption | null {
	const ranked = rows
		.filter((r) => r.recovery_rate !== null)
		.sort((a, b) => b.recovery_rate! - a.recovery_rate! || a.key.localeCompare(b.key));
	if (ranked.length === 0) return null;
	const shown = [...ranked].reverse();
	return {
		...barFrame(56, 28),
		legend: legendOf(['Recovery rate', 'Resellable share']),
		tooltip: rowTooltip(shown, (r) => ({
			heading: r.label,
			lines: [
				`Recovery rate: ${formatPercent(r.recovery_rate)} ` +
					`(${formatMoneyExact(r.recovery_value)} of ${formatMoneyExact(r.refunded)} refunded)`,
				`Resellable: ${formatPercent(r.resellable_share)} of ${formatCount(r.inspected_units)} units`,
				`Value lost: ${formatMoneyExact(r.value_lost)}`
			]
		})),
		xAxis: valueAxis({ min: 0 }, { formatter: percentAxisLabel }),
		yAxis: groupAxis(shown.map((r) => r.label)),
		series: [
			{
				name: 'Recovery rate',
				type: 'bar',
				data: shown.map((r) => r.recovery_rate),
				color: COLORS.primary,
				barMaxWidth: 12,
				label: barLabel(formatPercent)
			},
			{
				name: 'Resellable share',
				type: 'bar',
				data: shown.map((r) => r.resellable_share),
				color: '#a9bfe0',
				barMaxWidth: 12
			}
		]
	};
}

type RecoveryAnswer = ListResponse<RecoveryRow>;

export const DISPOSITION_MIX_CHART: ChartSpec<RecoveryAnswer> = {
	title: 'Disposition mix by month',
	subtitle: 'Where inspected units went, by the month they were inspected.',
	build: (answer) => buildDispositionMixOption(answer.rows)
};

export const RECOVERY_RATE_CHART: ChartSpec<RecoveryAnswer> = {
	title: 'Recovery rate by category',
	subtitle: 'Value recovered per value refunded, and the share of units sold again (restocked or refurbished).',
	build: (answer) => buildRecoveryRateOption(answer.rows)
};

export const SUPPLIER_MIX_CHART: ChartSpec<RecoveryAnswer> = {
	title: 'Disposition mix by supplier',
	subtitle: 'The suppliers whose returned units are most often destroyed or sent back, their whole mix per bar.',
	build: (answer) => buildGroupMixOption(answer.rows)
};
