import { describe, expect, it } from 'vitest';
import { buildSegmentSizesOption } from '../../src/lib/features/segments/segments-chart.ts';
import { categories, segmentRow, seriesOf } from '../support/chart-rows.ts';

describe('segment sizes option', () => {
	it('puts the largest segment on top and splits reason from behaviour segments', () => {
		const option = buildSegmentSizesOption([
			segmentRow('a', 'reason', 5),
			segmentRow('b', 'behaviour', 9),
			segmentRow('c', 'reason', 1)
		]);
		expect(categories(option, 'yAxis')).toEqual(['c', 'a', 'b']);
		const [reason, behaviour] = seriesOf(option);
		expect(reason.data).toEqual([1, 5, null]);
		expect(behaviour.data).toEqual([null, null, 9]);
		expect(buildSegmentSizesOption([])).toBeNull();
	});
});
