import { describe, expect, it } from 'vitest';
import type { EChartsOption } from '../../src/lib/ui/chart/chart-options.ts';
import { buildMoneyRankingOption } from '../../src/lib/features/costs/costs-chart.ts';
import { buildMismatchOption } from '../../src/lib/features/reasons/mismatch/mismatch-chart.ts';
import { buildReasonsOption } from '../../src/lib/features/reasons/reasons-chart.ts';
import { buildTopRatesOption } from '../../src/lib/features/return-rates/ranking-chart.ts';
import { buildSegmentSizesOption } from '../../src/lib/features/segments/segments-chart.ts';
import { buildSupplierRatesOption } from '../../src/lib/features/suppliers/suppliers-chart.ts';
import { mismatchRow, rateRow, reasonRow, refundGroup, segmentRow, supplierRow } from '../support/chart-rows.ts';

/**
 * ECharts renders a tooltip formatter's string as HTML, and product, supplier, category, reason and
 * segment names come from imported files: every builder that puts a name into a tooltip escapes it.
 */
const EVIL = '<img src=x onerror=alert(1)>';
const ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';

function tooltipOf(option: EChartsOption | null): string {
	const tooltip = option?.tooltip as { formatter: (params: unknown) => string };
	return tooltip.formatter({ dataIndex: 0 });
}

const BUILDERS: [string, () => EChartsOption | null][] = [
	[
		'top rates (product, category, top reason)',
		() => buildTopRatesOption([rateRow('P1', 0.3, { label: EVIL, category: EVIL, top_reason_group: EVIL })])
	],
	['stated reasons', () => buildReasonsOption([{ ...reasonRow('fit', 5), label: EVIL }])],
	['stated reason against inspection', () => buildMismatchOption([{ ...mismatchRow('fit', 5, 5, 0), label: EVIL }])],
	[
		'money ranking (product, supplier, category)',
		() => buildMoneyRankingOption([refundGroup('P1', '10.00', EVIL)], 'refunded')
	],
	[
		'segment sizes (name, definition)',
		() => buildSegmentSizesOption([{ ...segmentRow('s1', 'reason', 3, EVIL), definition: EVIL }])
	],
	['supplier rates', () => buildSupplierRatesOption([supplierRow('S1', 0.05, false, EVIL)])]
];

describe('tooltips with names from imported files', () => {
	for (const [name, build] of BUILDERS) {
		it(`${name}: shows a name that looks like HTML as text`, () => {
			const html = tooltipOf(build());
			expect(html).toContain(ESCAPED);
			expect(html).not.toContain('<img');
		});
	}
});
