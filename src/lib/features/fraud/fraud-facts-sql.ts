import { toStatement, type Statement } from '../../core/db/transaction.ts';
import { buildInParts } from '../../core/store/build-in-parts.ts';

/**
 * The facts the fraud flags are judged from (fraud.sql), kept as stored tables so an incremental refresh
 * brings them up to date for what a delta reaches instead of reading every order line again:
 * - bracketing_orders: the bracketed order groups
 * - fraud_products: each product and category's lines, returns and fit returns (the base rates)
 * - customer_facts: each customer's lines, returns, refunds, spend, latest contact and products bought
 * - fraud_rma_lines, fraud_keep_it_rmas: the RMA lines an incident can come from
 * - fraud_shared_keys: the addresses and payment instruments two or more accounts used
 * The flags depend on rates over all customers, so they are judged again whole from these facts after
 * every refresh: fraud.sql reads them, and `fraud_watch`, the facts of the customers a flag can reach.
 * A delta is read from delta-scope.ts's tables and the derived delta's `old_*` / `new_*` rows
 * (core/store/derived-sql.ts): what a delta order's lines, return lines and refunds were, and are.
 */

/**
 * An order and product with several variants, all sent back but one, from some order lines. Only orders
 * with a returned line can hold one (every line sold a unit at least), which spares grouping most lines.
 */
const bracketingSql = (lines: string) => `
WITH candidates AS (
  SELECT order_id, product_id FROM ${lines}
  WHERE order_id IN (SELECT order_id FROM ${lines} WHERE returned_units > 0)
  GROUP BY order_id, product_id
  HAVING count(*) >= 2 AND count(*) FILTER (WHERE returned_units < sold_units) = 1
)
SELECT order_id, product_id, any_value(customer_id) AS customer_id, min(ordered_at) AS ordered_at,
  any_value(product_name) AS product_name, any_value(category) AS category, any_value(supplier) AS supplier,
  any_value(channel) AS channel, any_value(country) AS country,
  list(coalesce(variant, sku) ORDER BY line_id) AS variants,
  any_value(coalesce(variant, sku)) FILTER (WHERE returned_units < sold_units) AS kept_variant,
  count(*)::INTEGER AS lines, count(*) FILTER (WHERE returned_units > 0)::INTEGER AS returned_lines,
  CAST(sum(returned_value) AS DECIMAL(18, 2)) AS returned_value
FROM ${lines} SEMI JOIN candidates USING (order_id, product_id)
GROUP BY order_id, product_id
HAVING count(DISTINCT sku) >= 2`;

/**
 * Order lines as the flags weigh them: whether the line came back, for fit, and whether it was returned
 * as part of bracketing (left out of serial returning on both sides: trying on sizes is not what that
 * flag is about).
 */
const weighedLines = (lines: string, bracketing: string) => `
SELECT l.customer_id, l.product_id, l.category, l.sold_value, l.returned_units > 0 AS returned,
  l.fit_returned_units > 0 AS fit, l.returned_units > 0 AND b.order_id IS NOT NULL AS bracketed
FROM ${lines} l LEFT JOIN ${bracketing} b ON b.order_id = l.order_id AND b.product_id = l.product_id`;

/** What some weighed lines add to a product and category's counts, each line counted `sign` times. */
const productCounts = (sign: string) => `
  sum(${sign})::BIGINT AS lines, coalesce(sum(${sign}) FILTER (WHERE NOT bracketed), 0)::BIGINT AS counted,
  coalesce(sum(${sign}) FILTER (WHERE returned AND NOT bracketed), 0)::BIGINT AS returned,
  coalesce(sum(${sign}) FILTER (WHERE returned), 0)::BIGINT AS returned_all,
  coalesce(sum(${sign}) FILTER (WHERE fit), 0)::BIGINT AS fit`;

/**
 * One row per RMA line on a loaded order line that an incident or a segment can come from, with the latest
 * inspection's verdicts: worn (condition used), switched (a different item or nothing), a defect or damage
 * claim, one inspection found new or like new with no fault confirmed, a keep-it line (refunded without a
 * return) and a closed line (rejected or cancelled). Rejected returns count for the inspection verdicts: a
 * return refused because the item came back worn or swapped is exactly the attempt looked for. Only the
 * lines kept are looked up among the order lines.
 */
const rmaLinesSql = (rmas: string, orders: string, inspections: string) => `
WITH latest AS (
  SELECT * FROM ${inspections}
  QUALIFY row_number() OVER (PARTITION BY rma_id, line_id ORDER BY inspected_at DESC, inspection_id DESC) = 1
),
lines AS (
  SELECT r.rma_id, r.line_id,
    r.status <> 'cancelled' AND i.inspection_id IS NOT NULL AS inspected,
    inspected AND i.condition = 'used' AS worn,
    inspected AND (i.item_matches IS FALSE OR i.condition IN ('wrong_item', 'empty')) AS switched,
    inspected AND coalesce(m.reason_group, 'other') IN ('defect', 'damage') AS claim,
    claim AND i.condition IN ('new', 'like_new') AND i.defect_confirmed IS NOT TRUE AS unconfirmed,
    coalesce(r.resolution = 'keep_it' AND r.status NOT IN ('rejected', 'cancelled'), FALSE) AS keep_it,
    r.status IN ('rejected', 'cancelled') AS closed
  FROM ${rmas} r
  LEFT JOIN latest i ON i.rma_id = r.rma_id AND i.line_id = r.line_id
  LEFT JOIN reason_map m ON m.reason_code = r.reason_code
)
SELECT l.rma_id, l.line_id, o.order_id, o.customer_id, o.category, l.worn, l.switched, l.claim, l.unconfirmed,
  l.keep_it, l.closed
FROM (SELECT * FROM lines WHERE worn OR switched OR claim OR keep_it OR closed) l
JOIN ${orders} o ON o.line_id = l.line_id`;

/**
 * The RMAs some keep-it lines are on (a table of `rma_id`): whether any of their lines was inspected, and
 * the refunds booked against them, summed per currency.
 */
const keepItSql = (rmas: string, inspections: string) => `
SELECT k.rma_id, i.rma_id IS NOT NULL AS inspected, coalesce(f.refunds, 0) AS refunds, f.amounts
FROM ${rmas} k
LEFT JOIN (SELECT DISTINCT rma_id FROM ${inspections} WHERE rma_id IN (SELECT rma_id FROM ${rmas})) i
  ON i.rma_id = k.rma_id
LEFT JOIN (
  SELECT rma_id, sum(refunds) AS refunds,
    list({'currency': currency, 'amount': amount} ORDER BY currency) AS amounts
  FROM (
    SELECT rma_id, currency, count(*) AS refunds, CAST(sum(amount) AS DECIMAL(18, 2)) AS amount FROM refunds
    WHERE rma_id IN (SELECT rma_id FROM ${rmas}) GROUP BY rma_id, currency
  )
  GROUP BY rma_id
) f ON f.rma_id = k.rma_id`;

/** The kinds of identity key, and the order lines' column holding each. */
const IDENTITY_KEYS = [
	['address', 'address_key'],
	['payment', 'payment_key']
] as const;

/** Whether the settings compare accounts by an order line's key column. */
const compared = (column: string) => `(SELECT list_contains(identity_keys, '${column}') FROM fraud_settings)`;

/** The address and payment keys of some order lines, as the settings compare them (`kind`, `key`). */
const identityKeysSql = (orders: string) =>
	IDENTITY_KEYS.map(
		([kind, column]) => `
SELECT '${kind}' AS kind, ${column} AS key FROM ${orders} WHERE ${column} IS NOT NULL AND ${compared(column)}`
	).join('\nUNION');

/**
 * The keys of every order line that two or more accounts used. Told apart by the least and greatest
 * account per key, which needs no list of (key, account) pairs: almost every key has one account.
 */
const SHARED_KEYS = IDENTITY_KEYS.map(
	([kind, column]) => `
SELECT '${kind}' AS kind, ${column} AS key FROM orders
WHERE ${column} IS NOT NULL AND ${compared(column)}
GROUP BY ${column} HAVING min(customer_id) <> max(customer_id)`
).join('\nUNION ALL');

/** Of some keys (`kind`, `key`), those two or more accounts used in the order lines, with the accounts. */
const sharedKeysSql = (keys: string) => `
WITH holders AS (${IDENTITY_KEYS.map(
	([kind, column]) => `
  SELECT DISTINCT '${kind}' AS kind, ${column} AS key, customer_id FROM orders
  WHERE ${column} IN (SELECT key FROM ${keys} WHERE kind = '${kind}')`
).join('\n  UNION ALL')}
)
SELECT kind, key, count(*) AS accounts, list(customer_id ORDER BY customer_id) AS customers
FROM holders GROUP BY kind, key HAVING count(*) >= 2`;

/**
 * The latest non-empty e-mail and country of some customers' order lines (`customer_email`, `country`,
 * `ordered_at`), with when they were given; of two given at once, the greater, so that a build from
 * every line and one from the latest kept and the new lines choose alike.
 */
const contactsSql = (rows: string) => `
SELECT customer_id, e.value AS email, e.at AS email_at, c.value AS country, c.at AS country_at
FROM (
  SELECT customer_id,
    max({'at': ordered_at, 'value': customer_email}) FILTER (WHERE customer_email IS NOT NULL) AS e,
    max({'at': ordered_at, 'value': country}) FILTER (WHERE country IS NOT NULL) AS c
  FROM ${rows} GROUP BY customer_id
)`;

/**
 * customer_facts is built an eighth of the customers at a time (buildInParts: grouped whole, its lists of
 * products bought and latest contacts hold every customer in memory at once). A customer is in the part
 * its id hashes to. Each customer's lines per product are counted first, whole (sums spill to disk), into
 * CUSTOMER_PAIRS, so a part reads those counts instead of weighing every order line again.
 */
const CUSTOMER_FACT_PARTS = 8;
const CUSTOMER_PAIRS = 'fraud_customer_pairs';
const partOf = (customerId: string) => `hash(${customerId}) % ${CUSTOMER_FACT_PARTS}`;
const inPart = (customerId: string, part: number) => `${partOf(customerId)} = ${part}`;

/** Each customer's lines, counted ones, returns, bracketed returns and spend per product, with the part. */
const customerPairsSql = `
SELECT ${partOf('w.customer_id')} AS part, w.customer_id, p.pair, count(*) AS lines,
  count(*) FILTER (WHERE NOT w.bracketed) AS counted,
  count(*) FILTER (WHERE w.returned AND NOT w.bracketed) AS returned,
  count(*) FILTER (WHERE w.bracketed) AS bracketed, sum(w.sold_value) AS spend
FROM (${weighedLines('line_facts', 'bracketing_orders')}) w
JOIN fraud_products p ON p.product_id = w.product_id AND p.category IS NOT DISTINCT FROM w.category
GROUP BY w.customer_id, p.pair`;

/** The facts of the customers in one part (inPart), from their CUSTOMER_PAIRS, return, refund and RMA lines. */
const customerFactsSql = (part: number) => `
WITH customers AS (
  SELECT customer_id, sum(lines) AS lines, sum(counted) AS counted, sum(returned) AS returned_lines,
    sum(bracketed) AS bracketing_returns, sum(spend) AS spend,
    list_sort(list({'pair': pair, 'lines': lines, 'counted': counted})) AS pairs
  FROM ${CUSTOMER_PAIRS} WHERE part = ${part} GROUP BY customer_id
),
returns AS (
  SELECT customer_id, count(*) AS returns FROM return_lines WHERE ${inPart('customer_id', part)} GROUP BY customer_id
),
refunds AS (
  SELECT customer_id, sum(amount) AS refunded FROM refund_facts WHERE ${inPart('customer_id', part)}
  GROUP BY customer_id
),
closed AS (
  SELECT customer_id, count(*) AS closed FROM fraud_rma_lines WHERE closed AND ${inPart('customer_id', part)}
  GROUP BY customer_id
),
contacts AS (${contactsSql(`(SELECT * FROM orders WHERE ${inPart('customer_id', part)})`)})
SELECT c.customer_id, ${factColumns('c')}
FROM (
  SELECT c.*, coalesce(r.returns, 0) AS returns, coalesce(f.refunded, 0) AS refunded,
    coalesce(x.closed, 0) AS closed
  FROM customers c
  LEFT JOIN returns r ON r.customer_id = c.customer_id
  LEFT JOIN refunds f ON f.customer_id = c.customer_id
  LEFT JOIN closed x ON x.customer_id = c.customer_id
) c
LEFT JOIN contacts t ON t.customer_id = c.customer_id`;

/** The customers an incident or a shared key can flag (serial returning, those with enough lines). */
const WATCHED = `
SELECT customer_id FROM fraud_rma_lines WHERE worn OR switched OR unconfirmed OR keep_it
UNION
SELECT unnest(customers) FROM fraud_shared_keys, fraud_settings s
WHERE accounts BETWEEN s.identity_min_accounts AND s.identity_max_accounts`;

/**
 * customer_facts of the customers a flag can reach, and with `alsoFactCustomers` of those fraud_fact_customers
 * names: fraud.sql reads only the customers it needs.
 */
const watchSql = (alsoFactCustomers: boolean) => `
SELECT * FROM customer_facts
WHERE counted >= (SELECT serial_min_lines FROM fraud_settings)
  OR customer_id IN (SELECT customer_id FROM fraud_watched)${
		alsoFactCustomers ? ' OR customer_id IN (SELECT customer_id FROM fraud_fact_customers)' : ''
  }`;

/** The facts built whole from every order line, RMA, inspection and refund. */
export const FRAUD_FACTS_FULL: Statement[] = [
	`CREATE OR REPLACE TABLE bracketing_orders AS ${bracketingSql('line_facts')}`,
	`CREATE OR REPLACE TABLE fraud_products AS
	 SELECT (row_number() OVER (ORDER BY product_id, category))::INTEGER AS pair, *
	 FROM (SELECT product_id, category, ${productCounts('1')}
	       FROM (${weighedLines('line_facts', 'bracketing_orders')}) GROUP BY product_id, category)`,
	`CREATE OR REPLACE TABLE fraud_rma_lines AS ${rmaLinesSql('rmas', 'orders', 'inspections')}`,
	`CREATE OR REPLACE TABLE fraud_keep_it_rmas AS
	 ${keepItSql('(SELECT DISTINCT rma_id FROM fraud_rma_lines WHERE keep_it)', 'inspections')}`,
	`CREATE OR REPLACE TEMP TABLE fraud_identity_scope AS ${SHARED_KEYS}`,
	`CREATE OR REPLACE TABLE fraud_shared_keys AS ${sharedKeysSql('fraud_identity_scope')}`,
	'DROP TABLE fraud_identity_scope',
	`CREATE OR REPLACE TEMP TABLE ${CUSTOMER_PAIRS} AS ${customerPairsSql}`,
	...buildInParts('customer_facts', CUSTOMER_FACT_PARTS, customerFactsSql),
	`DROP TABLE ${CUSTOMER_PAIRS}`,
	`CREATE OR REPLACE TEMP TABLE fraud_watched AS ${WATCHED}`,
	`CREATE OR REPLACE TEMP TABLE fraud_watch AS ${watchSql(false)}`
].map(toStatement);

/**
 * customer_facts' columns after customer_id, from customers `c` (with their closed RMA lines) and contacts
 * `t`. Sums of money are held as DECIMAL(18, 2), as every amount is: DuckDB reads the
 * 128-bit DECIMAL(38, 2) a sum gives about a hundred times slower.
 */
function factColumns(c: string): string {
	return `${c}.lines::INTEGER AS lines, ${c}.counted::INTEGER AS counted,
	 ${c}.returned_lines::INTEGER AS returned_lines, ${c}.bracketing_returns::INTEGER AS bracketing_returns,
	 ${c}.returns::INTEGER AS returns, CAST(${c}.refunded AS DECIMAL(18, 2)) AS refunded,
	 (${c}.returns + ${c}.closed)::INTEGER AS rma_lines, CAST(${c}.spend AS DECIMAL(18, 2)) AS spend,
	 t.email, t.email_at, t.country, t.country_at,
	 ${c}.pairs::STRUCT(pair INTEGER, lines INTEGER, counted INTEGER)[] AS pairs`;
}

/** The bracketing groups of the delta's orders after it, as bracketing_orders holds them. */
const NEW_BRACKETING = 'fraud_new_bracketing';

/** The derived tables' rows of the delta orders before it, and after (core/store/derived-sql.ts). */
const OLD_LINES = 'old_line_facts';
const NEW_LINES = 'new_line_facts';

/** What the published generation was built up to: order lines loaded later are new or replaced ones. */
const BUILT_UP_TO = '(SELECT load_id FROM main.analytics_state)';

/**
 * The facts brought up to date for a delta: each table's rows the delta reaches are taken out as they
 * were and put back as they are; counts over everyone (products, customers) take out what the delta's
 * rows counted before and add what they count now. A customer's latest contact only changes with new
 * order lines, except where a load replaced or removed order lines of theirs: those customers' are read
 * again from their order lines. A key's accounts are counted again from the order lines when a new line
 * names it, or when it was shared by an account whose order lines a load replaced or removed.
 */
export const FRAUD_FACTS_DELTA: string[] = [
	`CREATE OR REPLACE TEMP TABLE fraud_old_bracketing AS
	 SELECT * FROM bracketing_orders WHERE order_id IN (SELECT order_id FROM delta_orders)`,
	`CREATE OR REPLACE TEMP TABLE ${NEW_BRACKETING} AS ${bracketingSql(NEW_LINES)}`,
	`DELETE FROM bracketing_orders WHERE order_id IN (SELECT order_id FROM delta_orders)`,
	`INSERT INTO bracketing_orders SELECT * FROM ${NEW_BRACKETING}`,
	`CREATE OR REPLACE TEMP TABLE fraud_line_changes AS
	 SELECT -1 AS sign, * FROM (${weighedLines(OLD_LINES, 'fraud_old_bracketing')})
	 UNION ALL SELECT 1, * FROM (${weighedLines(NEW_LINES, NEW_BRACKETING)})`,
	// Products new to the data are numbered after the last: `pair` numbers rows, as order_key does.
	`CREATE OR REPLACE TEMP TABLE fraud_changed_products AS
	 SELECT coalesce(p.pair, (SELECT coalesce(max(pair), 0) FROM fraud_products)
	     + row_number() OVER (PARTITION BY p.pair IS NULL ORDER BY c.product_id, c.category))::INTEGER AS pair,
	   c.product_id, c.category, coalesce(p.lines, 0) + c.lines AS lines, coalesce(p.counted, 0) + c.counted AS counted,
	   coalesce(p.returned, 0) + c.returned AS returned, coalesce(p.returned_all, 0) + c.returned_all AS returned_all,
	   coalesce(p.fit, 0) + c.fit AS fit
	 FROM (SELECT product_id, category, ${productCounts('sign')}
	       FROM fraud_line_changes GROUP BY product_id, category) c
	 LEFT JOIN fraud_products p ON p.product_id = c.product_id AND p.category IS NOT DISTINCT FROM c.category`,
	`DELETE FROM fraud_products WHERE pair IN (SELECT pair FROM fraud_changed_products)`,
	`INSERT INTO fraud_products SELECT * FROM fraud_changed_products WHERE lines > 0`,

	// RMA lines: a delta order's lines' RMAs as they were and are; the keep-it RMAs they or a delta refund are on.
	`CREATE OR REPLACE TEMP TABLE fraud_old_rma_lines AS
	 SELECT * FROM fraud_rma_lines WHERE order_id IN (SELECT order_id FROM delta_orders)`,
	`CREATE OR REPLACE TEMP TABLE fraud_rma_scope AS
	 SELECT rma_id FROM delta_rmas UNION SELECT rma_id FROM fraud_old_rma_lines
	 UNION SELECT rma_id FROM old_refund_facts WHERE rma_id IS NOT NULL
	 UNION SELECT rma_id FROM new_refund_facts WHERE rma_id IS NOT NULL`,
	`CREATE OR REPLACE TEMP TABLE fraud_scope_inspections AS
	 SELECT * FROM inspections WHERE rma_id IN (SELECT rma_id FROM fraud_rma_scope)`,
	`CREATE OR REPLACE TEMP TABLE fraud_new_rma_lines AS ${rmaLinesSql(
		'delta_rmas',
		'delta_order_lines',
		'(SELECT * FROM fraud_scope_inspections SEMI JOIN delta_rmas USING (rma_id, line_id))'
	)}`,
	`DELETE FROM fraud_rma_lines WHERE order_id IN (SELECT order_id FROM delta_orders)`,
	`INSERT INTO fraud_rma_lines SELECT * FROM fraud_new_rma_lines`,
	`CREATE OR REPLACE TEMP TABLE fraud_keep_it_scope AS
	 SELECT DISTINCT rma_id FROM fraud_rma_lines WHERE keep_it AND rma_id IN (SELECT rma_id FROM fraud_rma_scope)`,
	`DELETE FROM fraud_keep_it_rmas WHERE rma_id IN (SELECT rma_id FROM fraud_rma_scope)`,
	`INSERT INTO fraud_keep_it_rmas ${keepItSql('fraud_keep_it_scope', 'fraud_scope_inspections')}`,

	// Customers whose order lines a load replaced or removed: their contact and keys are read again.
	`CREATE OR REPLACE TEMP TABLE fraud_rewritten_customers AS
	 SELECT DISTINCT o.customer_id FROM ${OLD_LINES} o LEFT JOIN delta_order_lines n ON n.line_id = o.line_id
	 WHERE n.line_id IS NULL OR n.load_id > ${BUILT_UP_TO}`,
	`CREATE OR REPLACE TEMP TABLE fraud_rewritten_orders AS
	 SELECT * FROM orders WHERE customer_id IN (SELECT customer_id FROM fraud_rewritten_customers)`,

	// Identity: the keys of new order lines, and the shared keys a rewritten customer held, counted again.
	`CREATE OR REPLACE TEMP TABLE fraud_identity_scope AS
	 ${identityKeysSql(`(SELECT * FROM delta_order_lines WHERE load_id > ${BUILT_UP_TO})`)}
	 UNION SELECT kind, key FROM (SELECT kind, key, unnest(customers) AS customer_id FROM fraud_shared_keys)
	 WHERE customer_id IN (SELECT customer_id FROM fraud_rewritten_customers)`,
	`DELETE FROM fraud_shared_keys s USING fraud_identity_scope k WHERE s.kind = k.kind AND s.key = k.key`,
	`INSERT INTO fraud_shared_keys ${sharedKeysSql('fraud_identity_scope')}`,

	// Customers: the facts of the customers the delta reaches, read in one scan with the watched customers'.
	`CREATE OR REPLACE TEMP TABLE fraud_fact_customers AS
	 SELECT customer_id FROM delta_customers
	 UNION SELECT customer_id FROM fraud_line_changes
	 UNION SELECT customer_id FROM old_return_lines UNION SELECT customer_id FROM new_return_lines
	 UNION SELECT customer_id FROM old_refund_facts WHERE customer_id IS NOT NULL
	 UNION SELECT customer_id FROM new_refund_facts WHERE customer_id IS NOT NULL
	 UNION SELECT customer_id FROM fraud_old_rma_lines UNION SELECT customer_id FROM fraud_new_rma_lines
	 UNION SELECT customer_id FROM fraud_rewritten_customers`,
	`CREATE OR REPLACE TEMP TABLE fraud_watched AS ${WATCHED}`,
	`CREATE OR REPLACE TEMP TABLE fraud_watch AS
	 ${watchSql(true)}`,
	`CREATE OR REPLACE TEMP TABLE fraud_new_facts AS
	 WITH old AS (SELECT * FROM fraud_watch WHERE customer_id IN (SELECT customer_id FROM fraud_fact_customers)),
	 line_changes AS (
	   SELECT c.customer_id, p.pair, sum(c.sign) AS lines,
	     coalesce(sum(c.sign) FILTER (WHERE NOT c.bracketed), 0) AS counted,
	     coalesce(sum(c.sign) FILTER (WHERE c.returned AND NOT c.bracketed), 0) AS returned,
	     coalesce(sum(c.sign) FILTER (WHERE c.bracketed), 0) AS bracketed, sum(c.sign * c.sold_value) AS spend
	   FROM fraud_line_changes c
	   JOIN fraud_changed_products p ON p.product_id = c.product_id AND p.category IS NOT DISTINCT FROM c.category
	   GROUP BY c.customer_id, p.pair
	 ),
	 pairs AS (
	   SELECT customer_id, pair, sum(lines) AS lines, sum(counted) AS counted
	   FROM (
	     SELECT customer_id, unnest(pairs, recursive := true) FROM old
	     UNION ALL SELECT customer_id, pair, lines, counted FROM line_changes
	   )
	   GROUP BY customer_id, pair HAVING sum(lines) > 0
	 ),
	 customers AS (
	   SELECT customer_id, sum(lines) AS lines, sum(counted) AS counted,
	     list_sort(list({'pair': pair, 'lines': lines, 'counted': counted})) AS pairs
	   FROM pairs GROUP BY customer_id
	 ),
	 counts AS (
	   SELECT customer_id, sum(returned) AS returned_lines, sum(bracketed) AS bracketing_returns, sum(spend) AS spend,
	     sum(returns) AS returns, sum(refunded) AS refunded, sum(closed) AS closed
	   FROM (
	     SELECT customer_id, returned_lines AS returned, bracketing_returns AS bracketed, spend, returns, refunded,
	       rma_lines - returns AS closed
	     FROM old
	     UNION ALL SELECT customer_id, returned, bracketed, spend, 0, 0, 0 FROM line_changes
	     UNION ALL SELECT customer_id, 0, 0, 0, -1, 0, 0 FROM old_return_lines
	     UNION ALL SELECT customer_id, 0, 0, 0, 1, 0, 0 FROM new_return_lines
	     UNION ALL SELECT customer_id, 0, 0, 0, 0, -amount, 0 FROM old_refund_facts WHERE customer_id IS NOT NULL
	     UNION ALL SELECT customer_id, 0, 0, 0, 0, amount, 0 FROM new_refund_facts WHERE customer_id IS NOT NULL
	     UNION ALL SELECT customer_id, 0, 0, 0, 0, 0, -1 FROM fraud_old_rma_lines WHERE closed
	     UNION ALL SELECT customer_id, 0, 0, 0, 0, 0, 1 FROM fraud_new_rma_lines WHERE closed
	   )
	   GROUP BY customer_id
	 ),
	 contacts AS (${contactsSql(`(
	   SELECT customer_id, email AS customer_email, NULL AS country, email_at AS ordered_at FROM old
	   WHERE customer_id NOT IN (SELECT customer_id FROM fraud_rewritten_customers)
	   UNION ALL
	   SELECT customer_id, NULL, country, country_at FROM old
	   WHERE customer_id NOT IN (SELECT customer_id FROM fraud_rewritten_customers)
	   UNION ALL
	   SELECT customer_id, customer_email, country, ordered_at FROM delta_order_lines
	   WHERE customer_id NOT IN (SELECT customer_id FROM fraud_rewritten_customers)
	   UNION ALL
	   SELECT customer_id, customer_email, country, ordered_at FROM fraud_rewritten_orders
	 )`)})
	 SELECT c.customer_id, ${factColumns('c')}
	 FROM (SELECT * FROM customers JOIN counts USING (customer_id)) c
	 LEFT JOIN contacts t ON t.customer_id = c.customer_id`,
	`DELETE FROM customer_facts WHERE customer_id IN (SELECT customer_id FROM fraud_fact_customers)`,
	`INSERT INTO customer_facts SELECT * FROM fraud_new_facts`,
	`DELETE FROM fraud_watch WHERE customer_id IN (SELECT customer_id FROM fraud_fact_customers)`,
	`INSERT INTO fraud_watch SELECT * FROM fraud_new_facts`
];

/** The temp tables the fraud facts leave for fraud.sql and the customer files, dropped after them. */
export const FRAUD_FACTS_TEMP = ['fraud_watched', 'fraud_watch'];

/** The temp tables FRAUD_FACTS_DELTA builds besides those. */
export const FRAUD_FACTS_DELTA_TEMP = [
	'fraud_old_bracketing',
	NEW_BRACKETING,
	'fraud_line_changes',
	'fraud_changed_products',
	'fraud_old_rma_lines',
	'fraud_rma_scope',
	'fraud_scope_inspections',
	'fraud_new_rma_lines',
	'fraud_keep_it_scope',
	'fraud_rewritten_customers',
	'fraud_rewritten_orders',
	'fraud_identity_scope'
];
