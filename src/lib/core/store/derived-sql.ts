import { readFileSync } from 'node:fs';
import type { Statement } from '../db/transaction.ts';

const REASON_MAP_SQL = readFileSync(new URL('./reason-map.sql', import.meta.url), 'utf8');

/**
 * The rows a derived table is built from: every row (a full build), or the rows the delta reaches
 * (delta_orders, delta_refunds: delta-scope.ts), staged first in temp tables of a few thousand rows.
 */
interface Scope {
	/** RMA lines, inspections and order lines to build return lines from. */
	rmas: string;
	inspections: string;
	orders: string;
	/** Refunds to build refund facts from. */
	refunds: string;
	/** RMAs whose refunds go to their first line. */
	refundRmas: string;
	/** The order lines some refunds name (a query of `line_id`), to look their attributes up in. */
	refundLines: (lines: string) => string;
}

const FULL: Scope = {
	rmas: 'rmas',
	inspections: 'inspections',
	orders: 'orders',
	refunds: 'refunds',
	refundRmas: 'rmas',
	refundLines: () => 'orders'
};

const DELTA: Scope = {
	rmas: 'delta_rmas',
	inspections: '(SELECT * FROM inspections SEMI JOIN delta_rmas USING (rma_id, line_id))',
	orders: 'delta_order_lines',
	refunds: '(SELECT * FROM refunds SEMI JOIN delta_refunds USING (refund_id))',
	refundRmas: '(SELECT * FROM rmas SEMI JOIN (SELECT DISTINCT rma_id FROM delta_touched_rmas) USING (rma_id))',
	// A refund's line is almost always one of its order's, which the delta has read; the order lines are
	// read again only for the others, and not at all when there are none.
	refundLines: (lines) => `(
	  SELECT * FROM delta_order_lines
	  UNION ALL
	  SELECT * FROM orders
	  WHERE line_id IN (SELECT * FROM (${lines}) WHERE line_id NOT IN (SELECT line_id FROM delta_order_lines)))`
};

/** A comment's wording: comments that differ only in case and punctuation share one. */
const WORDING = `trim(lower(regexp_replace(reason_text, '[\\s\\p{P}]+', ' ', 'g')))`;

/**
 * Whole seconds between two times as an INTEGER, held within its range (±68 years) so no date can
 * overflow it: quantiles over INTEGERs sort about twice as fast as over BIGINTs.
 */
const WHOLE_SECONDS = `CREATE OR REPLACE TEMP MACRO whole_seconds(a, b) AS CAST(CASE
  WHEN date_diff('second', a, b) > 2147483647 THEN 2147483647
  WHEN date_diff('second', a, b) < -2147483647 THEN -2147483647
  ELSE date_diff('second', a, b) END AS INTEGER)`;

/**
 * One row per RMA line that is a return (not rejected or cancelled) and whose order line is loaded:
 * the order's attributes, the reason group, the comment's cluster, language and wording, the latest
 * inspection, the refunds booked against it, and the seconds from the RMA to receipt, inspection and
 * first refund.
 */
const returnLinesSql = (s: Scope) => `
WITH latest_inspection AS (
  SELECT * FROM ${s.inspections}
  QUALIFY row_number() OVER (PARTITION BY rma_id, line_id ORDER BY inspected_at DESC, inspection_id DESC) = 1
),
rma_first_line AS (
  SELECT rma_id, min(line_id) AS line_id FROM ${s.refundRmas} GROUP BY rma_id
),
refund_lines AS (
  SELECT f.*, coalesce(f.line_id, fl.line_id) AS rma_line_id
  FROM refunds f JOIN rma_first_line fl ON fl.rma_id = f.rma_id
),
refund_totals AS (
  SELECT rma_id, rma_line_id AS line_id, min(issued_at) AS first_refund_at, sum(amount) AS refunded,
    sum(return_shipping_cost) AS shipping_cost, sum(handling_cost) AS handling_cost,
    sum(restocking_fee) AS restocking_fee
  FROM refund_lines GROUP BY ALL
)
SELECT
  r.rma_id, r.line_id, o.order_id, o.customer_id, o.ordered_at, o.delivered_at, o.product_id, o.product_name,
  o.sku, o.variant, o.category, o.supplier, o.channel, o.country, o.unit_price, o.currency,
  r.created_at, r.quantity AS returned_units, CAST(r.quantity * o.unit_price AS DECIMAL(18, 2)) AS returned_value,
  r.reason_code, coalesce(m.reason_group, 'other') AS reason_group, r.reason_text, t.cluster_id, t.language,
  t.wording_id, r.resolution, r.status, r.status_at, r.return_channel,
  i.inspection_id, i.received_at, i.inspected_at, i.condition, i.defect_confirmed, i.item_matches, i.disposition,
  CASE WHEN i.inspection_id IS NULL THEN NULL
       ELSE coalesce(i.recovery_value, CASE WHEN i.disposition = 'restock'
         THEN CAST(r.quantity * o.unit_price AS DECIMAL(18, 2)) ELSE 0 END)
  END AS recovery_value,
  f.first_refund_at, whole_seconds(r.created_at, i.received_at) AS seconds_to_receive,
  whole_seconds(r.created_at, i.inspected_at) AS seconds_to_inspect,
  whole_seconds(r.created_at, f.first_refund_at) AS seconds_to_refund,
  coalesce(f.refunded, 0) AS refunded, coalesce(f.shipping_cost, 0) AS shipping_cost,
  coalesce(f.handling_cost, 0) AS handling_cost, coalesce(f.restocking_fee, 0) AS restocking_fee,
  (coalesce(m.reason_group, 'other') IN ('defect', 'damage') OR i.defect_confirmed IS TRUE
    OR i.condition IN ('defective', 'damaged')) AS defect_driven
FROM ${s.rmas} r
JOIN ${s.orders} o ON o.line_id = r.line_id
LEFT JOIN reason_map m ON m.reason_code = r.reason_code
LEFT JOIN comment_texts t ON t.reason_text = r.reason_text
LEFT JOIN latest_inspection i ON i.rma_id = r.rma_id AND i.line_id = r.line_id
LEFT JOIN refund_totals f ON f.rma_id = r.rma_id AND f.line_id = r.line_id
WHERE r.status NOT IN ('rejected', 'cancelled')`;

/**
 * One row per order line: the denominator of every return rate, with what came back of it. Returned
 * units never exceed the units sold, even when RMAs loaded as orphans say otherwise. order_lines is the
 * number of lines in the line's order: a single-line order needs no distinct count. `keys` numbers the
 * orders (order_key): rates count distinct orders, and integers count far faster than text.
 */
const lineFactsSql = (orders: string, keys: string, returns: string) => `
WITH returned AS (
  SELECT line_id, sum(returned_units) AS units,
    sum(CASE WHEN defect_driven THEN returned_units ELSE 0 END) AS defect_units,
    sum(CASE WHEN reason_group = 'fit' THEN returned_units ELSE 0 END) AS fit_units
  FROM ${returns} GROUP BY line_id
)
SELECT
  o.line_id, o.order_id, k.order_key, k.order_lines, o.ordered_at, o.customer_id, o.sku, o.product_id,
  o.product_name, o.category, o.variant, o.supplier, o.channel, o.country, o.quantity AS sold_units, o.unit_price,
  o.currency, CAST(o.quantity * o.unit_price AS DECIMAL(18, 2)) AS sold_value,
  least(coalesce(r.units, 0), o.quantity) AS returned_units,
  CAST(least(coalesce(r.units, 0), o.quantity) * o.unit_price AS DECIMAL(18, 2)) AS returned_value,
  least(coalesce(r.defect_units, 0), o.quantity) AS defect_returned_units,
  least(coalesce(r.fit_units, 0), o.quantity) AS fit_returned_units
FROM ${orders} o JOIN ${keys} k ON k.order_id = o.order_id LEFT JOIN returned r ON r.line_id = o.line_id`;

/**
 * One row per refund booking with the order line it belongs to, when there is one (refunds without a
 * return, such as goodwill or chargebacks, name only their order), so costs can be filtered by the
 * same dimensions as rates. Only those order-only refunds look up their order's attributes.
 */
const refundFactsSql = (s: Scope) => `
WITH rma_first_line AS (
  SELECT rma_id, min(line_id) AS line_id FROM ${s.refundRmas} GROUP BY rma_id
),
resolved AS (
  SELECT f.*, coalesce(f.line_id, fl.line_id) AS resolved_line_id
  FROM ${s.refunds} f LEFT JOIN rma_first_line fl ON fl.rma_id = f.rma_id
)
SELECT
  r.refund_id, r.rma_id, r.resolved_line_id AS line_id, r.order_id, r.issued_at, r.amount, r.method,
  r.return_shipping_cost, r.handling_cost, r.restocking_fee, r.currency,
  coalesce(o.customer_id, oo.customer_id) AS customer_id, o.product_id, o.product_name, o.sku, o.variant, o.category,
  o.supplier, coalesce(o.channel, oo.channel) AS channel, coalesce(o.country, oo.country) AS country,
  CASE WHEN r.rma_id IS NULL THEN 'no_return' ELSE coalesce(m.reason_group, 'other') END AS reason_group
FROM resolved r
LEFT JOIN ${s.refundLines('SELECT resolved_line_id AS line_id FROM resolved')} o ON o.line_id = r.resolved_line_id
LEFT JOIN (SELECT order_id, any_value(customer_id) AS customer_id, any_value(channel) AS channel,
             any_value(country) AS country
           FROM ${s.orders} WHERE order_id IN (SELECT order_id FROM resolved WHERE resolved_line_id IS NULL)
           GROUP BY order_id) oo ON oo.order_id = r.order_id
LEFT JOIN ${s.refundRmas} rm ON rm.rma_id = r.rma_id AND rm.line_id = r.resolved_line_id
LEFT JOIN reason_map m ON m.reason_code = rm.reason_code`;

/** The filter bar's values per dimension, with their labels, of some order lines. */
const optionsSql = (orders: string) => `
SELECT 'category' AS dimension, category AS key, category AS label FROM ${orders} WHERE category IS NOT NULL
  GROUP BY category
UNION ALL
SELECT 'supplier', supplier, supplier FROM ${orders} WHERE supplier IS NOT NULL GROUP BY supplier
UNION ALL
SELECT 'channel', channel, channel FROM ${orders} WHERE channel IS NOT NULL GROUP BY channel
UNION ALL
SELECT 'country', country, country FROM ${orders} WHERE country IS NOT NULL GROUP BY country
UNION ALL
SELECT 'product', product_id, coalesce(any_value(product_name), product_id) FROM ${orders} GROUP BY product_id
UNION ALL
SELECT 'sku', sku, coalesce(NULLIF(concat_ws(' · ', any_value(product_name), any_value(variant)), ''), sku)
FROM ${orders} GROUP BY sku`;

/**
 * The newest event in the data (an order, an RMA or a refund): what open returns' ages and the trend's
 * final cohorts are measured against, so the figures follow the data, not the clock.
 */
const DATA_AS_OF = `CREATE OR REPLACE TABLE data_as_of AS
SELECT greatest((SELECT max(ordered_at) FROM orders), (SELECT max(created_at) FROM rmas),
  (SELECT max(issued_at) FROM refunds)) AS newest`;

/**
 * Each distinct comment's cluster, language and wording: comments of a theme that differ only in case
 * and punctuation share a wording, numbered in the theme's and then the wording's order, and are one
 * example of their theme. A wording is in one theme, so counting wordings needs no other key.
 */
const COMMENT_TEXTS = `CREATE OR REPLACE TABLE comment_texts AS
SELECT reason_text, cluster_id, language, wording,
  dense_rank() OVER (ORDER BY cluster_id, wording)::INTEGER AS wording_id
FROM (SELECT *, ${WORDING} AS wording FROM reason_text_clusters)`;

/** The derived tables built whole from the loaded data and the comment themes. */
export const DERIVED_FULL: Statement[] = [
	REASON_MAP_SQL,
	COMMENT_TEXTS,
	WHOLE_SECONDS,
	`CREATE OR REPLACE TABLE return_lines AS ${returnLinesSql(FULL)}`,
	`CREATE OR REPLACE TABLE line_facts AS ${lineFactsSql(
		'orders',
		`(SELECT order_id, order_lines, (row_number() OVER ())::INTEGER AS order_key
		  FROM (SELECT order_id, count(*)::INTEGER AS order_lines FROM orders GROUP BY order_id))`,
		'return_lines'
	)}`,
	`CREATE OR REPLACE TABLE refund_facts AS ${refundFactsSql(FULL)}`,
	`CREATE OR REPLACE TABLE filter_options AS ${optionsSql('orders')}`,
	DATA_AS_OF,
	'DROP MACRO whole_seconds'
].map((sql) => ({ sql }));

/**
 * The rows of a derived table the delta reaches, as they were before it: kept for the rollups, whose
 * cells take them out again (`old_*`), and the same rows as they are now (`new_*`).
 */
export const DELTA_ROWS = ['line_facts', 'return_lines', 'refund_facts'] as const;

/** The delta's keys of a derived table's rows, as a join. */
const deltaKeys = (table: (typeof DELTA_ROWS)[number]) =>
	table === 'refund_facts' ? 'delta_refunds USING (refund_id)' : 'delta_orders USING (order_id)';

/** The delta's rows of a derived table, as a condition. */
const inDelta = (table: (typeof DELTA_ROWS)[number]) =>
	table === 'refund_facts'
		? 'refund_id IN (SELECT refund_id FROM delta_refunds)'
		: 'order_id IN (SELECT order_id FROM delta_orders)';

/**
 * Each derived table's rows the delta reaches as the published generation has them (`old_<table>`): taken
 * by the delta scope (delta-scope.ts) before any step changes them, once delta_orders and delta_refunds
 * are known, so the scope's own tables read them instead of the whole tables.
 */
export const OLD_DELTA_ROWS: Statement[] = DELTA_ROWS.map((table) => ({
	sql: `CREATE OR REPLACE TEMP TABLE old_${table} AS SELECT * FROM ${table} SEMI JOIN ${deltaKeys(table)}`
}));

/** The temp tables OLD_DELTA_ROWS and DERIVED_DELTA leave for the later stages, dropped when the refresh ends. */
export const DERIVED_DELTA_TABLES = DELTA_ROWS.flatMap((table) => [`old_${table}`, `new_${table}`]);

/**
 * The derived tables brought up to date for the delta (delta-scope.ts): the rows of the delta orders and
 * refunds are deleted and built again, kept as `old_<table>` (OLD_DELTA_ROWS) and `new_<table>` temp
 * tables for the rollups; an order keeps its key and a new one is numbered after the
 * last; a comment new since the last build gets its wording's id, or a new one; the filter values of the
 * delta's lines before and after are added or dropped as some line still has them or none does.
 * reason_map and data_as_of are small reads, built whole.
 */
export const DERIVED_DELTA: Statement[] = [
	REASON_MAP_SQL,
	`INSERT INTO comment_texts
	 WITH new_texts AS (
	   SELECT reason_text, cluster_id, language, ${WORDING} AS wording
	   FROM reason_text_clusters ANTI JOIN comment_texts USING (reason_text)
	 ),
	 known AS (
	   SELECT cluster_id, wording, any_value(wording_id) AS wording_id FROM comment_texts
	   WHERE wording IN (SELECT wording FROM new_texts) GROUP BY ALL
	 )
	 SELECT n.reason_text, n.cluster_id, n.language, n.wording, coalesce(k.wording_id,
	   (SELECT coalesce(max(wording_id), 0) FROM comment_texts)
	     + dense_rank() OVER (PARTITION BY k.wording_id IS NULL ORDER BY n.cluster_id, n.wording))::INTEGER
	 FROM new_texts n LEFT JOIN known k USING (cluster_id, wording)`,
	WHOLE_SECONDS,
	`CREATE OR REPLACE TEMP TABLE delta_touched_rmas AS
	 SELECT rma_id FROM delta_rmas UNION SELECT rma_id FROM refunds SEMI JOIN delta_refunds USING (refund_id)
	 WHERE rma_id IS NOT NULL`,
	`CREATE OR REPLACE TEMP TABLE new_return_lines AS ${returnLinesSql(DELTA)}`,
	`CREATE OR REPLACE TEMP TABLE new_line_facts AS ${lineFactsSql(
		'delta_order_lines',
		`(SELECT d.order_id, d.order_lines, coalesce(k.order_key, (SELECT coalesce(max(order_key), 0) FROM line_facts)
		    + row_number() OVER (PARTITION BY k.order_key IS NULL ORDER BY d.order_id))::INTEGER AS order_key
		  FROM (SELECT order_id, count(*)::INTEGER AS order_lines FROM delta_order_lines GROUP BY order_id) d
		  LEFT JOIN (SELECT DISTINCT order_id, order_key FROM old_line_facts) k USING (order_id))`,
		'new_return_lines'
	)}`,
	`CREATE OR REPLACE TEMP TABLE new_refund_facts AS ${refundFactsSql(DELTA)}`,
	...DELTA_ROWS.flatMap((table) => [
		`DELETE FROM ${table} WHERE ${inDelta(table)}`,
		`INSERT INTO ${table} SELECT * FROM new_${table}`
	]),
	// Only a value the delta's lines had and no longer have may go, and only one no option holds yet may
	// come: the orders are read again for those alone, usually none.
	`CREATE OR REPLACE TEMP TABLE delta_options AS
	 (SELECT dimension, key FROM (${optionsSql('(SELECT * FROM old_line_facts)')})
	  EXCEPT SELECT dimension, key FROM (${optionsSql('delta_order_lines')}))
	 UNION
	 (SELECT dimension, key FROM (${optionsSql('delta_order_lines')})
	  EXCEPT SELECT dimension, key FROM filter_options)`,
	`DELETE FROM filter_options f USING delta_options d WHERE f.dimension = d.dimension AND f.key = d.key`,
	`INSERT INTO filter_options
	 SELECT o.* FROM (${optionsSql(
			// EXISTS first: without it each of the six reads of the orders tests every line.
			`(SELECT * FROM orders WHERE EXISTS (SELECT 1 FROM delta_options) AND (
			        category IN (SELECT key FROM delta_options WHERE dimension = 'category')
			     OR supplier IN (SELECT key FROM delta_options WHERE dimension = 'supplier')
			     OR channel IN (SELECT key FROM delta_options WHERE dimension = 'channel')
			     OR country IN (SELECT key FROM delta_options WHERE dimension = 'country')
			     OR product_id IN (SELECT key FROM delta_options WHERE dimension = 'product')
			     OR sku IN (SELECT key FROM delta_options WHERE dimension = 'sku')))`
		)}) o SEMI JOIN delta_options d USING (dimension, key)`,
	DATA_AS_OF,
	'DROP MACRO whole_seconds',
	'DROP TABLE delta_options',
	'DROP TABLE delta_touched_rmas'
].map((sql) => ({ sql }));
