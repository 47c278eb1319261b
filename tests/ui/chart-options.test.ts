import { describe, expect, it } from 'vitest';
import { rowTooltip, tooltipHtml } from '../../src/lib/ui/chart/chart-options.ts';

describe('rowTooltip', () => {
	it('describes the row under the pointer, whether ECharts hands over one point or a list', () => {
		const tooltip = rowTooltip(['a', 'b', 'c'], (row, index) => ({ heading: `${row}@${index}` }));
		expect(tooltip.formatter([{ dataIndex: 1 }, { dataIndex: 1 }])).toBe('<strong>b@1</strong>');
		expect(tooltip.formatter({ dataIndex: 2 })).toBe('<strong>c@2</strong>');
		expect(tooltip.axisPointer).toEqual({ type: 'shadow' });
		expect(rowTooltip([], () => ({ heading: '' }), 'line').axisPointer).toEqual({ type: 'line' });
	});

	it('escapes what the row says', () => {
		const tooltip = rowTooltip(['<b>'], (row) => ({ heading: row, aside: row, lines: [row] }));
		expect(tooltip.formatter({ dataIndex: 0 })).toBe('<strong>&lt;b&gt;</strong> (&lt;b&gt;)<br>&lt;b&gt;');
	});
});

describe('tooltipHtml', () => {
	it('sets the heading in bold, the aside in brackets after it and each line below', () => {
		expect(tooltipHtml({ heading: 'Jan 2026', aside: 'final', lines: ['Return rate: 20 %', 'Sold: 10'] })).toBe(
			'<strong>Jan 2026</strong> (final)<br>Return rate: 20 %<br>Sold: 10'
		);
		expect(tooltipHtml({ heading: 'Fit' })).toBe('<strong>Fit</strong>');
	});

	it('escapes every part, so a name from an imported file is shown as text', () => {
		const html = tooltipHtml({ heading: 'A & B "C"', aside: "O'Neill", lines: ['<script>alert(1)</script>'] });
		expect(html).toBe(
			'<strong>A &amp; B &quot;C&quot;</strong> (O&#39;Neill)<br>&lt;script&gt;alert(1)&lt;/script&gt;'
		);
	});
});
