import { describe, expect, it } from 'vitest';
import { buildSupplierRatesOption } from '../../src/lib/features/suppliers/suppliers-chart.ts';
import { categories, seriesOf, supplierRow } from '../support/chart-rows.ts';

describe('supplier rates option', () => {
	it('ranks suppliers with enough data by defect-driven rate, highest on top, with their return rate', () => {
		const option = buildSupplierRatesOption([
			supplierRow('A', 0.01),
			supplierRow('B', 0.05),
			supplierRow('C', 0.9, true)
		]);
		expect(categories(option, 'yAxis')).toEqual(['A', 'B']);
		const [defect, rate] = seriesOf(option);
		expect(defect.data).toEqual([0.01, 0.05]);
		expect(rate.data).toEqual([0.03, 0.15000000000000002]);
		expect(buildSupplierRatesOption([supplierRow('C', 0.9, true)])).toBeNull();
	});
});
