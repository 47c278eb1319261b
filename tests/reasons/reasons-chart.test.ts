import { describe, expect, it } from 'vitest';
import { buildMismatchOption } from '../../src/lib/features/reasons/mismatch/mismatch-chart.ts';
import { buildReasonTrendOption, buildReasonsOption } from '../../src/lib/features/reasons/reasons-chart.ts';
import { categories, mismatchRow, reasonRow, seriesOf } from '../support/chart-rows.ts';

describe('reasons option', () => {
	it('sorts reason groups by returned units, largest on top', () => {
		const option = buildReasonsOption([
			reasonRow('defect', 10),
			reasonRow('fit', 60),
			reasonRow('other', 0),
			reasonRow('changed_mind', 30)
		]);
		expect(categories(option, 'yAxis')).toEqual(['Defect', 'Changed mind', 'Fit']);
		expect(seriesOf(option)[0].data).toEqual([10, 30, 60]);
		expect(buildReasonsOption([])).toBeNull();
	});
});

describe('reason trend option', () => {
	it('draws one line per reason over every month, zero where a reason had none', () => {
		const rows = [
			reasonRow('fit', 9, [
				{ period: '2026-01-01', units: 4 },
				{ period: '2026-02-01', units: 5 }
			]),
			reasonRow('defect', 2, [{ period: '2026-02-01', units: 2 }])
		];
		const option = buildReasonTrendOption(rows);
		expect(categories(option, 'xAxis')).toEqual(['Jan 2026', 'Feb 2026']);
		expect(seriesOf(option).map((s) => [s.name, s.data])).toEqual([
			['Fit', [4, 5]],
			['Defect', [0, 2]]
		]);
		expect(buildReasonTrendOption([])).toBeNull();
	});
});

describe('mismatch option', () => {
	it('stacks the conditions found per stated reason, largest on top, skipping uninspected groups', () => {
		const option = buildMismatchOption([
			mismatchRow('defect', 5, 1, 4),
			mismatchRow('fit', 10, 10, 0),
			mismatchRow('other', 0, 0, 0)
		]);
		expect(categories(option, 'yAxis')).toEqual(['Defect', 'Fit']);
		const series = seriesOf(option);
		expect(series).toHaveLength(8);
		expect(series.find((s) => s.name === 'New')?.data).toEqual([1, 10]);
		expect(series.find((s) => s.name === 'Defective')?.data).toEqual([4, 0]);
		expect(buildMismatchOption([mismatchRow('other', 0, 0, 0)])).toBeNull();
	});
});
