import { describe, expect, it } from 'vitest';
import {
	buildDispositionMixOption,
	buildGroupMixOption,
	buildRecoveryRateOption
} from '../../src/lib/features/recovery/recovery-chart.ts';
import { drillHref } from '../../src/lib/features/recovery/recovery-data.ts';
import type { RecoveryRow } from '../../src/lib/features/recovery/recovery.ts';
import { categories, seriesOf } from '../support/chart-rows.ts';

/** A group's row with the fields the builders read: a disposition mix over 100 units. */
function group(key: string, mix: Partial<Record<string, number>>, over: Partial<RecoveryRow> = {}): RecoveryRow {
	const share = (d: string) => mix[d] ?? 0;
	return {
		key,
		label: key,
		inspected_units: 100,
		restock_share: share('restock'),
		refurbish_share: share('refurbish'),
		liquidate_share: share('liquidate'),
		return_to_vendor_share: share('return_to_vendor'),
		dispose_share: share('dispose'),
		resellable_share: share('restock') + share('refurbish'),
		recovery_value: '80.00',
		refunded: '100.00',
		recovery_rate: 0.8,
		value_lost: '20.00',
		...over
	} as RecoveryRow;
}

type Tooltip = { formatter: (params: unknown) => string };
const tooltipOf = (option: unknown, index: number) =>
	(option as { tooltip: Tooltip }).tooltip.formatter([{ dataIndex: index }]);

describe('disposition mix by month', () => {
	it('stacks each disposition’s share per month, oldest first, leaving out keys that are no month', () => {
		const option = buildDispositionMixOption([
			group('2026-02-01', { restock: 0.5, dispose: 0.5 }),
			group('2026-01-01', { restock: 0.9, refurbish: 0.1 }),
			group('(none)', { restock: 1 })
		]);
		expect(categories(option, 'xAxis')).toEqual(['Jan 2026', 'Feb 2026']);
		const series = seriesOf(option);
		expect(series.map((s) => s.name)).toEqual(['Restock', 'Refurbish', 'Liquidate', 'Return to vendor', 'Dispose']);
		expect(series[0].data).toEqual([0.9, 0.5]);
		expect(series[4].data).toEqual([0, 0.5]);
		expect((option as { yAxis: { max: number } }).yAxis.max).toBe(1);
		expect(tooltipOf(option, 1)).toContain('Dispose: 50.0');
		expect(buildDispositionMixOption([group('(none)', {})])).toBeNull();
	});
});

describe('disposition mix by group', () => {
	it('ranks groups by the share destroyed or sent back, highest on top, and escapes their names', () => {
		const option = buildGroupMixOption([
			group('<b>Keeps</b>', { restock: 1 }),
			group('Sends back', { return_to_vendor: 0.6, restock: 0.4 }),
			group('Destroys', { dispose: 0.3, restock: 0.7 }),
			group('Nothing inspected', {}, { inspected_units: 0 })
		]);
		expect(categories(option, 'yAxis')).toEqual(['<b>Keeps</b>', 'Destroys', 'Sends back']);
		expect(seriesOf(option)[3].data).toEqual([0, 0, 0.6]);
		expect(tooltipOf(option, 0)).toContain('&lt;b&gt;Keeps&lt;/b&gt;');
		expect(tooltipOf(option, 0)).not.toContain('<b>Keeps');
		const many = Array.from({ length: 20 }, (_, i) => group(`S${i}`, { dispose: i / 20 }));
		expect(categories(buildGroupMixOption(many, 5), 'yAxis')).toEqual(['S15', 'S16', 'S17', 'S18', 'S19']);
		expect(buildGroupMixOption([])).toBeNull();
	});
});

describe('recovery rate by category', () => {
	it('ranks categories by recovery rate with their resellable share, leaving out those without refunds', () => {
		const option = buildRecoveryRateOption([
			group('apparel', { restock: 0.9 }, { recovery_rate: 0.95 }),
			group('electronics', { restock: 0.5, refurbish: 0.1 }, { recovery_rate: 0.6 }),
			group('gifts', { restock: 1 }, { recovery_rate: null })
		]);
		expect(categories(option, 'yAxis')).toEqual(['electronics', 'apparel']);
		expect(seriesOf(option).map((s) => s.data)).toEqual([
			[0.6, 0.95],
			[0.6, 0.9]
		]);
		expect(tooltipOf(option, 0)).toContain('Recovery rate: 60.0');
		expect(buildRecoveryRateOption([group('gifts', {}, { recovery_rate: null })])).toBeNull();
	});
});

describe('drill-down', () => {
	const filters = { from: '2026-01-01', category: ['shoes'] };
	it('leads a category or supplier to its products on the page, keeping the filters', () => {
		expect(drillHref('category', 'apparel', filters)).toBe('/recovery?from=2026-01-01&category=apparel&by=product');
		expect(drillHref('supplier', 'A & B', {})).toBe('/recovery?supplier=A+%26+B&by=product');
	});

	it('leads a product to its page, and nothing else anywhere', () => {
		expect(drillHref('product', 'P/1', filters)).toBe('/return-rates/P%2F1?from=2026-01-01&category=shoes');
		expect(drillHref('disposition', 'restock', filters)).toBeNull();
		expect(drillHref('month', '2026-01-01', filters)).toBeNull();
		expect(drillHref('supplier', '(none)', filters)).toBeNull();
	});
});
