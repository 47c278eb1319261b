import { buildCellTableSql } from '../../core/cells/rate-source-sql.ts';
import { createTableAs } from '../../core/store/return-tables.ts';
import { storedCells } from '../../core/store/stored-cells.ts';
import { holdsRows, type StoredStep } from '../../core/store/stored-table.ts';
import { storeWholeScope } from '../../core/store/whole-scope.ts';
import { CONDITION_SHARES, DISPOSITION_SHARES } from './recovery.ts';
import {
	RECOVERY_CELLS,
	RECOVERY_LINES,
	RECOVERY_PAIRS,
	RECOVERY_ROLLUPS_DELTA,
	RECOVERY_SECONDS,
	RECOVERY_VIEWS,
	RECOVERY_VIEWS_DELTA,
	recoveryLinesSql,
	recoveryPairsSql,
	recoverySecondsSql,
	recoveryViewsSql
} from './recovery-sql.ts';

/**
 * Every grouping over the whole scope: the unfiltered view, which the Recovery page opens with, then
 * reads a few stored rows instead of a median over every inspected line.
 */
const views = storeWholeScope(RECOVERY_VIEWS, recoveryViewsSql);

export const RECOVERY_STORED: StoredStep[] = [
	{
		stage: 'rollups',
		statements: [
			createTableAs(RECOVERY_LINES, recoveryLinesSql()),
			{ sql: buildCellTableSql(RECOVERY_CELLS) },
			createTableAs(RECOVERY_PAIRS, recoveryPairsSql()),
			createTableAs(RECOVERY_SECONDS, recoverySecondsSql())
		],
		delta: RECOVERY_ROLLUPS_DELTA,
		tables: [
			{
				name: RECOVERY_LINES,
				grain: 'an inspected return line: disposition, condition, values, seconds from receipt to inspection',
				columns: [
					'inspected_at',
					'channel',
					'country',
					'category',
					'supplier',
					'product_id',
					'sku',
					'variant',
					'product_name',
					'disposition',
					'condition',
					'reason_group',
					'inspected_units',
					'returned_value',
					'refunded',
					'recovery_value',
					'seconds_receipt_to_inspection',
					'order_id'
				],
				answers: 'the medians of /api/recovery, and its sums that no level of the cells keeps',
				check: holdsRows(RECOVERY_LINES, recoveryLinesSql)
			},
			storedCells(
				RECOVERY_CELLS,
				'inspected lines per disposition and condition of a cell (by day of inspection)',
				'/api/recovery: sums over whole months and the filters a level keeps'
			),
			{
				name: RECOVERY_PAIRS,
				grain: 'a key of one grouping of recovery_views (or the total), a disposition and a condition',
				columns: [
					'grouping',
					'key',
					'disposition',
					'condition',
					'category',
					'name',
					'lines',
					'units',
					'returned_value',
					'refunded',
					'recovery_value'
				],
				answers: 'the sums of recovery_views, which the incremental refresh adds the delta to',
				check: holdsRows(RECOVERY_PAIRS, recoveryPairsSql)
			},
			{
				name: RECOVERY_SECONDS,
				grain: 'an hour of seconds from receipt to inspection in a group of recovery_views (not a product)',
				columns: ['grouping', 'key', 'bucket', 'n'],
				answers: 'where the medians of recovery_views lie, which the incremental refresh reads around',
				check: holdsRows(RECOVERY_SECONDS, recoverySecondsSql)
			}
		]
	},
	{
		stage: 'views',
		statements: [views.statement],
		delta: RECOVERY_VIEWS_DELTA,
		tables: [
			{
				name: RECOVERY_VIEWS,
				grain: 'a group of one grouping (or the total) over every inspected line',
				columns: [
					'grouping',
					'key',
					'label',
					'category',
					'inspected_lines',
					'inspected_units',
					'returned_value',
					'refunded',
					'recovery_value',
					'recovery_rate',
					'value_lost',
					'resellable_share',
					'category_resellable_share',
					...DISPOSITION_SHARES,
					...CONDITION_SHARES,
					'median_days_receipt_to_inspection'
				],
				answers: '/api/recovery without filters, and its totals',
				check: views.check
			}
		]
	}
];
