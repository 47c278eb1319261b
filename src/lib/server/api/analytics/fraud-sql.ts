import type { FraudFlag } from '../../../analytics/fraud.ts';
import type { Filters } from '../../../analytics/filters.ts';
import type { SqlParams } from '../../sql-params.ts';
import { filterSql } from './filter-sql.ts';

/**
 * Flagged customers, unordered. The flags cover the whole history; the filters keep customers with at
 * least one order line in scope (the period on ordered_at).
 */
export function buildFraudCustomersSql(filters: Filters, flags: FraudFlag[] | undefined, minScore: number, params: SqlParams): string {
	const conditions = [`f.score >= ${params.add(minScore)}`];
	if (flags?.length) conditions.push(`list_has_any(f.flags, [${flags.map((flag) => params.add(flag)).join(', ')}])`);
	const scope = filterSql(filters, params, 'ordered_at', 'l');
	if (scope !== 'TRUE') conditions.push(`EXISTS (SELECT 1 FROM line_facts l WHERE l.customer_id = f.customer_id AND ${scope})`);
	return `SELECT f.customer_id, f.score, f.flags, f.evidence, f.lines, f.returns, f.refunded FROM fraud_customers f WHERE ${conditions.join(' AND ')}`;
}

/** The customer's lines and the RMAs on them, or naming the customer (orphans whose order has not arrived). */
const customerRmas = (id: string) => `
  SELECT * FROM rmas WHERE line_id IN (SELECT line_id FROM orders WHERE customer_id = ${id})
  UNION
  SELECT * FROM rmas WHERE customer_id = ${id}`;

/**
 * The sections of one customer's file, straight from the loaded tables: a reviewer checks a flag
 * against what the shop's own systems recorded.
 */
const CUSTOMER_DETAIL_SECTIONS = {
	/** The customer with score and flags (0 and none when not flagged); `known` is false for an id found nowhere. */
	customer: (id: string) => `
SELECT c.customer_id, coalesce(f.score, 0) AS score, coalesce(f.flags, []::VARCHAR[]) AS flags,
  coalesce(f.evidence, []::STRUCT(flag VARCHAR, text VARCHAR)[]) AS evidence,
  (SELECT count(*) FROM line_facts WHERE customer_id = ${id})::INTEGER AS lines,
  (SELECT count(*) FROM return_lines WHERE customer_id = ${id})::INTEGER AS returns,
  (SELECT CAST(coalesce(sum(amount), 0) AS DECIMAL(18, 2)) FROM refund_facts WHERE customer_id = ${id}) AS refunded,
  EXISTS (SELECT 1 FROM orders WHERE customer_id = ${id}) OR EXISTS (SELECT 1 FROM rmas WHERE customer_id = ${id}) AS known
FROM (SELECT ${id} AS customer_id) c LEFT JOIN fraud_customers f ON f.customer_id = c.customer_id`,
	flags: (id: string) => `
SELECT flag, evidence AS text, value, threshold, severity, points FROM fraud_flags WHERE customer_id = ${id} ORDER BY points DESC, flag`,
	orders: (id: string) => `
SELECT * EXCLUDE (load_id) FROM orders WHERE customer_id = ${id} ORDER BY ordered_at, line_id`,
	returns: (id: string) => `
SELECT r.* EXCLUDE (load_id), coalesce(m.reason_group, 'other') AS reason_group, r.status NOT IN ('rejected', 'cancelled') AS is_return
FROM (${customerRmas(id)}) r LEFT JOIN reason_map m ON m.reason_code = r.reason_code
ORDER BY r.created_at, r.rma_id, r.line_id`,
	inspections: (id: string) => `
SELECT i.* EXCLUDE (load_id) FROM inspections i
JOIN (SELECT DISTINCT rma_id, line_id FROM (${customerRmas(id)})) r ON r.rma_id = i.rma_id AND r.line_id = i.line_id
ORDER BY i.inspected_at, i.inspection_id`,
	// Two lookups joined by UNION rather than one OR: each is a hash join against a handful of keys.
	refunds: (id: string) => `
SELECT * EXCLUDE (load_id) FROM (
  SELECT * FROM refunds WHERE order_id IN (SELECT order_id FROM orders WHERE customer_id = ${id})
  UNION
  SELECT * FROM refunds WHERE rma_id IN (SELECT rma_id FROM (${customerRmas(id)}))
)
ORDER BY issued_at, refund_id`
} as const;
export type CustomerDetailSection = keyof typeof CUSTOMER_DETAIL_SECTIONS;

export function buildCustomerDetailSql(section: CustomerDetailSection, customerId: string, params: SqlParams): string {
	return CUSTOMER_DETAIL_SECTIONS[section](params.add(customerId));
}

const BRACKETING_COLUMNS = `order_id, product_id, customer_id, ordered_at, product_name, category, supplier, channel, country,
  variants, kept_variant, lines, returned_lines, returned_value`;

/** Bracketed order groups (one product in one order), unordered; the period on ordered_at. */
export function buildBracketingOrdersSql(filters: Filters, params: SqlParams): string {
	return `SELECT ${BRACKETING_COLUMNS} FROM bracketing_orders WHERE ${filterSql(filters, params, 'ordered_at')}`;
}

/** Bracketing per customer, unordered. */
export function buildBracketingCustomersSql(filters: Filters, params: SqlParams): string {
	return `
SELECT customer_id, count(DISTINCT order_id)::INTEGER AS orders, sum(returned_lines)::INTEGER AS returned_lines,
  CAST(sum(returned_value) AS DECIMAL(18, 2)) AS returned_value, max(ordered_at) AS last_ordered_at,
  list(DISTINCT category ORDER BY category) FILTER (WHERE category IS NOT NULL) AS categories
FROM bracketing_orders WHERE ${filterSql(filters, params, 'ordered_at')}
GROUP BY customer_id`;
}
