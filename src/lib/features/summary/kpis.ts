import type { SummaryRow } from './summary.ts';
import { formatChange, formatCount, formatDays, formatMoney, formatPercent, type Change } from '../../ui/format.ts';

export interface KpiTile {
	key: keyof SummaryRow;
	label: string;
	value: string;
	change: Change | null;
	/** Whether a rise is good (orders), bad (return rate) or neither. */
	good: 'up' | 'down' | null;
	definition?: string;
}

type Spec = {
	key: keyof SummaryRow;
	label: string;
	kind: 'count' | 'rate' | 'money' | 'days';
	good: 'up' | 'down' | null;
};

const SPECS: Spec[] = [
	{ key: 'orders', label: 'Orders', kind: 'count', good: 'up' },
	{ key: 'unit_return_rate', label: 'Unit return rate', kind: 'rate', good: 'down' },
	{ key: 'value_return_rate', label: 'Value return rate', kind: 'rate', good: 'down' },
	{ key: 'order_return_rate', label: 'Orders with a return', kind: 'rate', good: 'down' },
	{ key: 'refunded', label: 'Refunded', kind: 'money', good: 'down' },
	{ key: 'net_return_cost', label: 'Net return cost', kind: 'money', good: 'down' },
	{ key: 'median_days_to_refund', label: 'Median time to refund', kind: 'days', good: 'down' },
	{ key: 'defect_share', label: 'Defect-driven returns', kind: 'rate', good: 'down' }
];

function format(kind: Spec['kind'], value: unknown): string {
	switch (kind) {
		case 'count':
			return formatCount(value as number | null);
		case 'rate':
			return formatPercent(value as number | null);
		case 'money':
			return formatMoney(value as string | null);
		case 'days':
			return formatDays(value as number | null);
	}
}

/** The KPI tiles of /api/summary: each value and its change against the previous period. */
export function buildKpiTiles(rows: SummaryRow[], definitions: Record<string, string> = {}): KpiTile[] {
	const current = rows.find((r) => r.period === 'current');
	const previous = rows.find((r) => r.period === 'previous');
	if (!current) return [];
	return SPECS.map((spec) => ({
		key: spec.key,
		label: spec.label,
		value: format(spec.kind, current[spec.key]),
		change: previous
			? formatChange(
					current[spec.key] as number | string | null,
					previous[spec.key] as number | string | null,
					spec.kind === 'rate' ? 'rate' : 'relative'
				)
			: null,
		good: spec.good,
		definition: definitions[spec.key]
	}));
}

/** Whether a change is good news, bad news or neither, for colouring. */
export function changeTone(tile: Pick<KpiTile, 'change' | 'good'>): 'good' | 'bad' | 'neutral' {
	if (!tile.change || tile.change.direction === 'flat' || tile.good === null) return 'neutral';
	return tile.change.direction === tile.good ? 'good' : 'bad';
}
