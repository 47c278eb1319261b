import { buildCellDeltaSql } from '../cells/cell-delta-sql.ts';
import { LOSS_CELLS, RATE_CELLS, REASON_CELLS, REFUND_CELLS, buildCellTableSql } from '../cells/rate-source-sql.ts';
import {
	OPEN_RETURN_LINES,
	RETURN_TIMINGS,
	createTableAs,
	openLinesSql,
	replaceDeltaRows,
	returnTimingsSql
} from './return-tables.ts';
import { DERIVED_DELTA, DERIVED_FULL } from './derived-sql.ts';
import { RATE_CELLS_DELTA, RATE_CELLS_FULL } from './rate-cells-sql.ts';
import { storedCells } from './stored-cells.ts';
import { holdsRows, type StoredStep } from './stored-table.ts';

/** The columns of return_lines (derived-sql.ts), which open_return_lines copies. */
const RETURN_LINE_COLUMNS = [
	'rma_id',
	'line_id',
	'order_id',
	'customer_id',
	'ordered_at',
	'delivered_at',
	'product_id',
	'product_name',
	'sku',
	'variant',
	'category',
	'supplier',
	'channel',
	'country',
	'unit_price',
	'currency',
	'created_at',
	'returned_units',
	'returned_value',
	'reason_code',
	'reason_group',
	'reason_text',
	'cluster_id',
	'language',
	'wording_id',
	'resolution',
	'status',
	'status_at',
	'return_channel',
	'inspection_id',
	'received_at',
	'inspected_at',
	'condition',
	'defect_confirmed',
	'item_matches',
	'disposition',
	'recovery_value',
	'first_refund_at',
	'seconds_to_receive',
	'seconds_to_inspect',
	'seconds_to_refund',
	'refunded',
	'shipping_cost',
	'handling_cost',
	'restocking_fee',
	'defect_driven'
];

const CELLS_ANSWER =
	'sums per order month (per day at the `all` level) and level, for any period of whole months and filters the ' +
	'level keeps; the days at the edges of a range and other filters read the rows';

/** The stored tables every feature reads: the facts, the cells and the narrow copies of the return lines. */
export const CORE_STORED: StoredStep[] = [
	{
		stage: 'derived',
		statements: DERIVED_FULL,
		delta: DERIVED_DELTA,
		tables: [
			{
				name: 'reason_map',
				grain: 'a reason code in use or in the catalogue',
				columns: ['reason_code', 'label', 'reason_group'],
				answers: 'the reason group of every code'
			},
			{
				name: 'comment_texts',
				grain: 'a distinct comment: its theme, language, wording and the wording’s id',
				columns: ['reason_text', 'cluster_id', 'language', 'wording', 'wording_id'],
				answers: 'the wording of each comment (return_lines carries its id)',
				surrogate: ['wording_id']
			},
			{
				name: 'return_lines',
				grain: 'an RMA line that is a return, with its order line',
				columns: RETURN_LINE_COLUMNS,
				answers: 'every figure about returns',
				surrogate: ['wording_id']
			},
			{
				name: 'line_facts',
				grain: 'an order line with its returned units',
				columns: [
					'line_id',
					'order_id',
					'order_key',
					'order_lines',
					'ordered_at',
					'customer_id',
					'sku',
					'product_id',
					'product_name',
					'category',
					'variant',
					'supplier',
					'channel',
					'country',
					'sold_units',
					'unit_price',
					'currency',
					'sold_value',
					'returned_units',
					'returned_value',
					'defect_returned_units',
					'fit_returned_units'
				],
				answers: 'every return rate',
				surrogate: ['order_key']
			},
			{
				name: 'refund_facts',
				grain: 'a refund booking with its order attributes',
				columns: [
					'refund_id',
					'rma_id',
					'line_id',
					'order_id',
					'issued_at',
					'amount',
					'method',
					'return_shipping_cost',
					'handling_cost',
					'restocking_fee',
					'currency',
					'customer_id',
					'product_id',
					'product_name',
					'sku',
					'variant',
					'category',
					'supplier',
					'channel',
					'country',
					'reason_group'
				],
				answers: 'every cost figure'
			},
			{
				name: 'filter_options',
				grain: 'a value of a filter dimension',
				columns: ['dimension', 'key', 'label'],
				answers: '/api/filter-options'
			},
			{
				name: 'data_as_of',
				grain: 'one row: the newest event in the data',
				columns: ['newest'],
				answers: 'ages and final cohorts'
			}
		]
	},
	{
		stage: 'rollups',
		statements: [
			...RATE_CELLS_FULL,
			...[REASON_CELLS, REFUND_CELLS, LOSS_CELLS].map((cells) => ({ sql: buildCellTableSql(cells) }))
		],
		delta: [
			...RATE_CELLS_DELTA,
			...buildCellDeltaSql(REASON_CELLS, 'old_return_lines', 'new_return_lines'),
			...buildCellDeltaSql(REFUND_CELLS, 'old_refund_facts', 'new_refund_facts'),
			...buildCellDeltaSql(LOSS_CELLS, 'old_return_lines', 'new_return_lines')
		],
		tables: [
			storedCells(
				RATE_CELLS,
				'sold and returned units, values and orders of a cell',
				`return rates: ${CELLS_ANSWER}, where rate_cells_exact allows`
			),
			{
				name: 'rate_cells_exact',
				grain: 'one row: whether orders in rate_cells add up exactly, and whether every order lies in one cell',
				columns: ['exact', 'orders_exact'],
				answers: 'whether rate_cells may count orders'
			},
			storedCells(
				REASON_CELLS,
				'return lines per stated reason of a cell',
				`reasons, top reasons, suppliers: ${CELLS_ANSWER}`
			),
			storedCells(
				REFUND_CELLS,
				'refund bookings per method and reason group of a cell (by day of issue)',
				`costs: ${CELLS_ANSWER}`
			),
			storedCells(
				LOSS_CELLS,
				'value lost per reason group of a cell (by day of inspection)',
				`costs, suppliers: ${CELLS_ANSWER}`
			)
		]
	},
	{
		stage: 'rollups',
		statements: [
			createTableAs(OPEN_RETURN_LINES, openLinesSql()),
			createTableAs(RETURN_TIMINGS, returnTimingsSql())
		],
		delta: [
			...replaceDeltaRows(OPEN_RETURN_LINES, openLinesSql('new_return_lines')),
			...replaceDeltaRows(RETURN_TIMINGS, returnTimingsSql('new_return_lines'))
		],
		tables: [
			{
				name: OPEN_RETURN_LINES,
				grain: 'a return line still open (about one in a hundred)',
				columns: RETURN_LINE_COLUMNS,
				answers: 'open returns and their ages, in the timing and the summary',
				surrogate: ['wording_id'],
				check: holdsRows(OPEN_RETURN_LINES, openLinesSql)
			},
			{
				name: RETURN_TIMINGS,
				grain: 'a return line: seconds to receipt, inspection and refund, sorted by category and product',
				columns: [
					'created_at',
					'ordered_at',
					'category',
					'product_id',
					'sku',
					'supplier',
					'channel',
					'country',
					'seconds_to_receive',
					'seconds_to_inspect',
					'seconds_to_refund',
					'order_id'
				],
				answers: 'timing quantiles and the themes’ return counts for any filter',
				check: holdsRows(RETURN_TIMINGS, returnTimingsSql)
			}
		]
	}
];
