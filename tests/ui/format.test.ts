import { describe, expect, it } from 'vitest';
import {
	escapeHtml,
	formatChange,
	formatCompact,
	formatCount,
	formatDate,
	formatDays,
	formatInterval,
	formatMoney,
	formatMoneyExact,
	formatPercent,
	formatPeriod,
	humanize
} from '../../src/lib/ui/format.ts';

const nb = (s: string) => s.replace(/\u00a0/g, ' ');

describe('formatters', () => {
	it('money: compact, from the API decimal strings or numbers', () => {
		expect(nb(formatMoney('12400.50'))).toBe('€ 12.4k');
		expect(nb(formatMoney(999.4))).toBe('€ 999');
		expect(nb(formatMoney('1234567.00'))).toBe('€ 1.2m');
		expect(nb(formatMoney(150000))).toBe('€ 150k');
		expect(nb(formatMoney(-2500))).toBe('€ −2.5k');
		expect(nb(formatMoney('12.30'))).toBe('€ 12.3');
		expect(nb(formatMoney(999_999))).toBe('€ 1m');
		expect(formatMoney(null)).toBe('–');
		expect(formatMoney('abc')).toBe('–');
	});

	it('money: exact for tables', () => {
		expect(nb(formatMoneyExact('12400.5'))).toBe('€ 12,400.50');
		expect(nb(formatMoneyExact(-3))).toBe('−€ 3.00');
	});

	it('percentages, counts, days, intervals', () => {
		expect(nb(formatPercent(0.183))).toBe('18.3 %');
		expect(nb(formatPercent(0))).toBe('0.0 %');
		expect(formatPercent(null)).toBe('–');
		expect(formatCount(12345)).toBe('12,345');
		expect(formatCompact(12345)).toBe('12.3k');
		expect(nb(formatDays(10.94))).toBe('10.9 days');
		expect(nb(formatInterval(0.121, 0.153))).toBe('12.1–15.3 %');
		expect(formatInterval(null, 0.2)).toBe('–');
	});

	it('changes: rates in percentage points, amounts relative, with a direction', () => {
		expect(formatChange(0.183, 0.171, 'rate')).toEqual({ text: '+1.2\u00a0pp', direction: 'up' });
		expect(formatChange('900.00', '1000.00', 'relative')).toEqual({ text: '−10.0\u00a0%', direction: 'down' });
		expect(formatChange(100, 100, 'relative')).toEqual({ text: '±0.0\u00a0%', direction: 'flat' });
		expect(formatChange(5, 0, 'relative')).toBeNull();
		expect(formatChange(null, 0.1, 'rate')).toBeNull();
	});

	it('dates, periods and keys', () => {
		expect(formatDate('2026-03-04')).toBe('4 Mar 2026');
		expect(formatDate('2026-03-04T10:00:00Z')).toBe('4 Mar 2026');
		expect(formatPeriod('2026-03-01', 'month')).toBe('Mar 2026');
		expect(formatPeriod('2026-03-09', 'week')).toBe('9 Mar 2026');
		expect(humanize('not_as_described')).toBe('Not as described');
		expect(humanize(null)).toBe('–');
	});
});

describe('escapeHtml', () => {
	it('escapes the five characters that mean something in HTML and leaves the rest', () => {
		expect(escapeHtml(`<a href="x" title='y'>Fish & chips</a>`)).toBe(
			'&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Fish &amp; chips&lt;/a&gt;'
		);
		expect(escapeHtml('€\u00a012.4k · 18.3\u00a0%')).toBe('€\u00a012.4k · 18.3\u00a0%');
		expect(escapeHtml('&amp;')).toBe('&amp;amp;');
	});
});
