import { createTableAs } from '../../core/store/return-tables.ts';
import { holdsRows, type StoredStep } from '../../core/store/stored-table.ts';
import { storeWholeScope } from '../../core/store/whole-scope.ts';
import {
	STORED_QUANTILES,
	STORED_REFUND_DAYS,
	STORED_SECONDS,
	TIMING_DELTA,
	buildTimingQuantilesSql,
	refundDaysSql,
	timingSecondsSql
} from './timing-sql.ts';

/**
 * The quantiles over every return line: the unfiltered view, which the Timing page opens with, then
 * reads one row instead of sorting every line's durations.
 */
const quantiles = storeWholeScope(STORED_QUANTILES, (params) => buildTimingQuantilesSql({}, params));

export const TIMING_STORED: StoredStep[] = [
	{
		stage: 'views',
		statements: [
			createTableAs(STORED_SECONDS, timingSecondsSql()),
			createTableAs(STORED_REFUND_DAYS, refundDaysSql()),
			quantiles.statement
		],
		delta: TIMING_DELTA,
		tables: [
			{
				name: STORED_SECONDS,
				grain: 'an hour of one step’s seconds (to receive, inspect, refund) over every return line',
				columns: ['step', 'bucket', 'n'],
				answers: 'where the stored quantiles lie, which the incremental refresh reads around',
				check: holdsRows(STORED_SECONDS, timingSecondsSql)
			},
			{
				name: STORED_REFUND_DAYS,
				grain: 'a day begun before the first refund, over every refunded return line',
				columns: ['bucket', 'n'],
				answers: 'the refunds slower than the SLA in /api/timing without filters',
				check: holdsRows(STORED_REFUND_DAYS, refundDaysSql)
			},
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
