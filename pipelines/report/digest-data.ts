import type { FilterOptions } from '../../src/lib/core/filters/filter-options.ts';
import type { AlertCount, AlertRow } from '../../src/lib/features/alerts/alerts.ts';
import type { ApiSource } from '../../src/lib/server/api-source.ts';
import { addMoney, lastFullWeek, periodsUpTo, type Period } from './digest-week.ts';

/** How many periods the digest sets the week against (the week included). */
export const WEEKS_SHOWN = 8;
/** How many products the defect table lists. */
export const TOP_PRODUCTS = 10;

/** A period's figures as the overview's KPIs (GET /api/summary) give them. */
export interface PeriodFigures extends Period {
	orders: number;
	units_sold: number;
	units_returned: number;
	unit_return_rate: number | null;
	refunded: string;
	net_return_cost: string;
	median_days_to_refund: number | null;
	defect_share: number | null;
}

export interface DefectProduct {
	key: string;
	label: string;
	category: string | null;
	sold_units: number;
	returned_units: number;
	defect_return_rate: number | null;
	low_sample: boolean;
}

export interface Digest {
	week: Period;
	/** WEEKS_SHOWN periods of the week's length, oldest first; the last is the week. */
	periods: PeriodFigures[];
	/** The alerts first detected in the week, whatever their status now. */
	alerts: AlertRow[];
	/** Every alert still open, of any week. */
	openAlerts: number;
	/** The products with the highest defect-driven return rate over the orders of `defectPeriod`. */
	defects: DefectProduct[];
	defectPeriod: Period;
	/** The week's costs by their own dates (GET /api/costs/breakdown totals); money as decimal strings. */
	costs: Record<string, string | number | null>;
	sla: {
		slaDays: number;
		/** RMA lines open for longer than slaDays, as of the newest event in the data, and their value. */
		openPastSla: number;
		openPastSlaValue: string;
		openLines: number;
		/** The week's refunds slower than slaDays, and all the week's refunds. */
		slowRefunds: number;
		refundedLines: number;
		asOf: string | null;
	};
	/** Where the figures came from (the database file, or the running server). */
	source: string;
}

type SummaryRow = PeriodFigures & { period: 'current' | 'previous' };
type AgeBucket = { min_days: number; open_lines: number; open_value: string };

interface List<Row, Meta = Record<string, unknown>> {
	rows: Row[];
	meta: Meta;
}

const query = (path: string, params: Record<string, string | number>) =>
	`${path}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;

/** The digest's week: the one asked for, else the last full ISO week of the orders. */
export async function digestWeek(source: ApiSource, asked: Partial<Period>): Promise<Period> {
	if (asked.from && asked.to) return { from: asked.from, to: asked.to };
	const options = await source.json<FilterOptions>('/api/filter-options?dimension=category');
	if (!options.orderDates) throw new Error('The database has no orders yet: there is no week to report on.');
	return lastFullWeek(options.orderDates.last);
}

/**
 * Everything the digest shows, read from the API endpoints the dashboard reads (so its figures are the
 * dashboard's): the KPIs per period, the week's new alerts, the products driving defect returns, the
 * week's costs and the returns past the SLA.
 */
export async function collectDigest(source: ApiSource, week: Period): Promise<Digest> {
	const periods = periodsUpTo(week, WEEKS_SHOWN);
	const defectPeriod = { from: periods[0].from, to: week.to };
	const [summaries, alerts, count, defects, costs, backlog, refunds] = await Promise.all([
		Promise.all(periods.map((p) => source.json<List<SummaryRow>>(query('/api/summary', { ...p })))),
		source.json<List<AlertRow>>(query('/api/alerts', { ...week, status: 'all', sort: 'severity', limit: 1000 })),
		source.json<AlertCount>('/api/alerts/count'),
		source.json<List<DefectProduct>>(
			query('/api/return-rates', {
				by: 'product',
				...defectPeriod,
				sort: 'defect_return_rate',
				limit: TOP_PRODUCTS
			})
		),
		source.json<List<unknown, { totals: Digest['costs'] }>>(
			query('/api/costs/breakdown', { by: 'method', ...week })
		),
		source.json<List<AgeBucket, { slaDays: number; kpis: { open_lines: number; as_of: string | null } }>>(
			'/api/timing'
		),
		source.json<List<unknown, { kpis: { slow_refunds: number; refunded_lines: number } }>>(
			query('/api/timing', { ...week })
		)
	]);
	const slaDays = backlog.meta.slaDays;
	const late = backlog.rows.filter((bucket) => bucket.min_days > slaDays);
	return {
		week,
		periods: summaries.map((summary, i) => ({
			...summary.rows.find((r) => r.period === 'current')!,
			...periods[i]
		})),
		alerts: alerts.rows,
		openAlerts: count.open,
		defects: defects.rows,
		defectPeriod,
		costs: costs.meta.totals,
		sla: {
			slaDays,
			openPastSla: late.reduce((sum, bucket) => sum + bucket.open_lines, 0),
			openPastSlaValue: addMoney(...late.map((bucket) => bucket.open_value)),
			openLines: backlog.meta.kpis.open_lines,
			slowRefunds: refunds.meta.kpis.slow_refunds,
			refundedLines: refunds.meta.kpis.refunded_lines,
			asOf: backlog.meta.kpis.as_of
		},
		source: source.where
	};
}
