import { describe, expect, it } from 'vitest';
import { barChartSvg } from '../../pipelines/report/digest-svg.ts';
import { addDays, addMoney, lastFullWeek, periodDays, periodsUpTo } from '../../pipelines/report/digest-week.ts';

describe('the digest’s week', () => {
	it('is the last Monday-to-Sunday week whose days are all in the data', () => {
		// 2026-10-25 is a Sunday.
		expect(lastFullWeek('2026-10-25')).toEqual({ from: '2026-10-19', to: '2026-10-25' });
		expect(lastFullWeek('2026-10-31')).toEqual({ from: '2026-10-19', to: '2026-10-25' });
		expect(lastFullWeek('2026-10-26')).toEqual({ from: '2026-10-19', to: '2026-10-25' });
		expect(lastFullWeek('2027-01-03')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
	});

	it('is set against periods of its own length, oldest first', () => {
		const periods = periodsUpTo({ from: '2026-10-19', to: '2026-10-25' }, 3);
		expect(periods).toEqual([
			{ from: '2026-10-05', to: '2026-10-11' },
			{ from: '2026-10-12', to: '2026-10-18' },
			{ from: '2026-10-19', to: '2026-10-25' }
		]);
		expect(periodDays({ from: '2026-02-27', to: '2026-03-02' })).toBe(4);
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
	});

	it('adds money exactly, as whole cents', () => {
		expect(addMoney('0.10', '0.20')).toBe('0.30');
		expect(addMoney('1234.5', '-0.51', null, '7')).toBe('1240.99');
		expect(addMoney()).toBe('0.00');
		expect(() => addMoney('12,50')).toThrow('not an amount');
	});
});

describe('the digest’s bar chart', () => {
	const svg = barChartSvg({
		title: 'Rate <per> "week"',
		bars: [
			{ label: '31 Aug', value: 0.2 },
			{ label: '<b>7 Sep</b>', value: null },
			{ label: '14 Sep', value: 0.1, highlight: true }
		],
		format: (v) => `${(v * 100).toFixed(0)} %`
	});

	it('draws a bar per value, the highlighted one in the accent colour, scaled to the highest', () => {
		const rects = [...svg.matchAll(/<rect [^>]*height="([\d.]+)" fill="([^"]+)"/g)];
		expect(rects.map((r) => r[2])).toEqual(['#9aa9bd', '#9aa9bd', '#1f5fbf']);
		const [first, missing, last] = rects.map((r) => Number(r[1]));
		expect(missing).toBe(0);
		expect(last).toBeCloseTo(first / 2, 0);
		expect(svg).toContain('>20 %<');
		expect(svg).toContain('>–<');
	});

	it('is text-safe and self-contained: labels escaped, a title, nothing fetched', () => {
		expect(svg).toContain('<title>Rate &lt;per&gt; &quot;week&quot;</title>');
		expect(svg).toContain('&lt;b&gt;7 Sep&lt;/b&gt;');
		expect(svg).not.toMatch(/<b>|href=|src=|<script/);
		expect(svg).toMatch(/^<svg [^>]*role="img"/);
	});
});
