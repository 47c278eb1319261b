import { describe, expect, it } from 'vitest';
import { buildFlagCountsOption, countFlags } from '../../src/lib/features/fraud/fraud-chart.ts';
import { categories, customerRow, seriesOf } from '../support/chart-rows.ts';

describe('fraud flag counts', () => {
	it('counts customers per flag in the fixed order', () => {
		const rows = [customerRow(['wardrobing', 'item_switch']), customerRow(['wardrobing']), customerRow([])];
		expect(countFlags(rows)).toMatchObject({ wardrobing: 2, item_switch: 1, serial_returner: 0 });
		const option = buildFlagCountsOption(rows);
		expect(categories(option, 'yAxis')[0]).toBe('Keep it abuse');
		expect(seriesOf(option)[0].data).toEqual([0, 0, 0, 1, 2, 0]);
		expect(buildFlagCountsOption([customerRow([])])).toBeNull();
	});
});
