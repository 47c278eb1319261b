import type { Filters } from '../../core/filters/filters.ts';
import type { RefundDimension } from './costs.ts';
import { REFUND_METHODS } from '../../core/contract/entities.ts';
import type { SqlParams } from '../../core/db/sql-params.ts';
import {
	LOSS_CELLS,
	RATE_CELLS,
	REFUND_CELLS,
	sumsSource,
	type CellTable,
	type RateSource
} from '../../core/cells/rate-source-sql.ts';
import { rate } from '../../core/sql/rate-sql.ts';

/**
 * How one source groups: the column its rows (or cells) need for the key, if any beyond their grain,
 * and the key's expression there.
 */
interface SourceKey {
	column: string | null;
	key: (source: RateSource) => string;
}

/** Where each figure comes from: refund bookings, inspected return lines, and the order lines sold. */
interface GroupKeys {
	refunds: SourceKey;
	/** Null when inspections have no such attribute: value lost cannot be split that way. */
	inspections: SourceKey | null;
	/** Null when order lines have no such attribute: the whole scope's sold value is the denominator. */
	orders: SourceKey | null;
}

const column = (name: string): SourceKey => ({ column: name, key: () => name });
const constant = (expression: string): SourceKey => ({ column: null, key: () => expression });
// A month is each source's own: the month a refund was issued, an item inspected, an order placed.
const month: SourceKey = { column: null, key: (source) => `strftime(${source.month}, '%Y-%m-%d')` };
const everywhere = (key: SourceKey): GroupKeys => ({ refunds: key, inspections: key, orders: key });

/** Each dimension's key in refund_facts, return_lines and line_facts (or their cells). */
const DIMENSIONS: Record<RefundDimension, GroupKeys> = {
	method: { refunds: constant('method'), inspections: null, orders: null },
	category: everywhere(column('category')),
	product: everywhere(column('product_id')),
	supplier: everywhere(column('supplier')),
	// A refund's RMA without a reason code (or not loaded) is `other`, as its return line is.
	reason_group: {
		refunds: constant(`coalesce(reason_group, 'other')`),
		inspections: constant('reason_group'),
		orders: null
	},
	month: everywhere(month)
};

const TOTAL: GroupKeys = everywhere(constant(`'total'`));

const money = (expression: string) => `CAST(${expression} AS DECIMAL(18, 2))`;
const groupKey = (expression: string) => `coalesce(CAST(${expression} AS VARCHAR), '(none)')`;

/** The rows in scope of one source, from its cells when they can answer (they always can for sums). */
function sourceOf(
	key: SourceKey,
	cells: CellTable,
	filters: Filters,
	params: SqlParams
): { source: RateSource; key: string } {
	const source = sumsSource(key.column ? [key.column] : [], filters, params, cells);
	return { source, key: groupKey(key.key(source)) };
}

/**
 * The figures per group key: `active` lists every key with a refund or an inspection in scope, `total`
 * gives the one whole-scope row. Sold value joins on its own key, or is the scope's when orders lack one.
 * Every source is summed from pre-aggregated cells where a level of them keeps the key and the filters.
 */
function figuresSql(
	keys: GroupKeys,
	groups: 'active' | 'total',
	productLabel: boolean,
	filters: Filters,
	params: SqlParams
): string {
	const name = productLabel ? 'any_value(product_name)' : 'NULL::VARCHAR';
	const byMethod = REFUND_METHODS.map(
		(method) => `coalesce(sum(refunded) FILTER (WHERE method = ${params.add(method)}), 0) AS refunded_${method}`
	);
	const refunds = sourceOf(keys.refunds, REFUND_CELLS, filters, params);
	const inspected = keys.inspections && sourceOf(keys.inspections, LOSS_CELLS, filters, params);
	const lost = inspected
		? `lost AS (
  SELECT ${inspected.key} AS key, ${name} AS name, sum(inspected_lines) AS inspected_lines,
    sum(value_lost) AS value_lost
  FROM (${inspected.source.sql}) GROUP BY 1
)`
		: `lost AS (SELECT NULL::VARCHAR AS key, NULL::VARCHAR AS name, NULL::BIGINT AS inspected_lines,
  NULL::DECIMAL(18, 2) AS value_lost WHERE FALSE)`;
	const lines = keys.orders && sourceOf(keys.orders, RATE_CELLS, filters, params);
	const sold = lines
		? `sold AS (SELECT ${lines.key} AS key, ${name} AS name, sum(sold_value) AS sold_value
  FROM (${lines.source.sql}) GROUP BY 1)`
		: `sold AS (SELECT NULL::VARCHAR AS key, NULL::VARCHAR AS name, sum(sold_value) AS sold_value
  FROM (${sumsSource([], filters, params).sql}))`;
	const soldJoin = keys.orders ? 's.key = g.key' : 'TRUE';
	const valueLost = keys.inspections ? 'coalesce(l.value_lost, 0)' : 'NULL';
	return `
WITH booked AS (
  -- Summed per key and method first, then pivoted: filtered sums over every booking cost twice as much.
  SELECT key, any_value(name) AS name, sum(refunds) AS refunds, sum(refunded) AS refunded, ${byMethod.join(', ')},
    sum(shipping_cost) + sum(handling_cost) AS processing_cost, sum(fees_recovered) AS fees_recovered
  FROM (
    SELECT ${refunds.key} AS key, method, ${name} AS name, sum(refunds) AS refunds, sum(amount) AS refunded,
      sum(return_shipping_cost) AS shipping_cost, sum(handling_cost) AS handling_cost,
      sum(restocking_fee) AS fees_recovered
    FROM (${refunds.source.sql}) GROUP BY 1, 2
  ) GROUP BY key
),
${lost},
${sold},
groups AS (${groups === 'total' ? `SELECT 'total' AS key` : 'SELECT key FROM booked UNION SELECT key FROM lost'}),
figures AS (
  SELECT g.key, coalesce(b.name, l.name, s.name, g.key) AS label,
    coalesce(b.refunds, 0) AS refunds,
    ${keys.inspections ? 'coalesce(l.inspected_lines, 0)' : 'NULL'} AS inspected_lines,
    coalesce(b.refunded, 0) AS refunded,
    ${REFUND_METHODS.map((m) => `coalesce(b.refunded_${m}, 0) AS refunded_${m}`).join(', ')},
    coalesce(b.processing_cost, 0) AS processing_cost, coalesce(b.fees_recovered, 0) AS fees_recovered,
    ${valueLost} AS value_lost, coalesce(s.sold_value, 0) AS sold_value
  FROM groups g
  LEFT JOIN booked b ON b.key = g.key
  LEFT JOIN lost l ON l.key = g.key
  LEFT JOIN sold s ON ${soldJoin}
)
SELECT key, label, refunds::INTEGER AS refunds, inspected_lines::INTEGER AS inspected_lines,
  ${money('refunded')} AS refunded,
  ${REFUND_METHODS.map((m) => `${money(`refunded_${m}`)} AS refunded_${m}`).join(', ')},
  ${money('processing_cost')} AS processing_cost, ${money('fees_recovered')} AS fees_recovered,
  ${money('value_lost')} AS value_lost,
  ${money('processing_cost - fees_recovered + value_lost')} AS net_return_cost,
  ${money('sold_value')} AS sold_value,
  ${rate('(processing_cost - fees_recovered + value_lost)', 'sold_value')} AS net_cost_share
FROM figures`;
}

/**
 * The refund and cost figures per group of one dimension: one row per group with any refund or inspection,
 * unordered.
 */
export function buildRefundBreakdownSql(by: RefundDimension, filters: Filters, params: SqlParams): string {
	return figuresSql(DIMENSIONS[by], 'active', by === 'product', filters, params);
}

/** The same figures over the whole scope, for the answer's meta: one row, zeros when nothing happened. */
export function buildRefundTotalsSql(filters: Filters, params: SqlParams): string {
	return `SELECT * EXCLUDE (key, label) FROM (${figuresSql(TOTAL, 'total', false, filters, params)})`;
}
