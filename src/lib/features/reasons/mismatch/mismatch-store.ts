import { buildCellTableSql } from '../../../core/cells/rate-source-sql.ts';
import { storedCells } from '../../../core/store/stored-cells.ts';
import type { StoredStep } from '../../../core/store/stored-table.ts';
import { createTableAs } from '../../../core/store/return-tables.ts';
import { MISMATCH_CELLS, MISMATCH_DELTA, mismatchLinesSql } from './mismatch-sql.ts';

export const MISMATCH_STORED: StoredStep[] = [
	{
		stage: 'rollups',
		statements: [createTableAs('mismatch_lines', mismatchLinesSql()), { sql: buildCellTableSql(MISMATCH_CELLS) }],
		delta: MISMATCH_DELTA,
		tables: [
			{
				name: 'mismatch_lines',
				grain: 'an inspected return line with its inspection outcomes as ones and zeros',
				columns: [
					'rma_id',
					'line_id',
					'customer_id',
					'ordered_at',
					'category',
					'supplier',
					'product_id',
					'sku',
					'variant',
					'channel',
					'country',
					'product_name',
					'reason_group',
					'condition_new',
					'condition_like_new',
					'condition_used',
					'condition_damaged',
					'condition_defective',
					'condition_wrong_item',
					'condition_empty',
					'condition_missing_parts',
					'defect_confirmed_true',
					'defect_confirmed_false',
					'defect_confirmed_unknown',
					'item_not_matching',
					'unharmed_not_confirmed'
				],
				answers: '/api/reasons/mismatch by customer, and what the cells cannot answer'
			},
			storedCells(
				MISMATCH_CELLS,
				'inspected lines per stated reason group of a cell, counted per outcome',
				'/api/reasons/mismatch by reason group or product over whole months and the filters a level keeps'
			)
		]
	}
];
