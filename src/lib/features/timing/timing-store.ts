import type { StoredStep } from '../../core/store/stored-table.ts';
import { storeWholeScope } from '../../core/store/whole-scope.ts';
import { STORED_QUANTILES, buildTimingQuantilesSql } from './timing-sql.ts';

/**
 * The quantiles over every return line: the unfiltered view, which the Timing page opens with, then
 * reads one row instead of sorting every line's durations.
 */
const quantiles = storeWholeScope(STORED_QUANTILES, (params) => buildTimingQuantilesSql({}, params));

export const TIMING_STORED: StoredStep[] = [
	{
		stage: 'views',
		statements: [quantiles.statement],
		tables: [
			{
				name: STORED_QUANTILES,
				grain: 'one row: lines reaching each step and their median and p90 seconds, over every return line',
				columns: [
					'return_lines',
					'received_lines',
					'receive',
					'inspected_lines',
					'inspect',
					'refunded_lines',
					'refund'
				],
				answers: '/api/timing without filters',
				check: quantiles.check
			}
		]
	}
];
