import type { SqlParams } from '../../sql-params.ts';

/**
 * Whose file a section is for: one customer per request, or every flagged customer when ingest stores
 * the files. `set` lists the customers; `has(column)` keeps rows whose column names one of them;
 * `orders` and `rmas` are their orders and RMAs sections, which the other sections build on.
 */
interface Customers {
	set: string;
	has(column: string): string;
	orders: string;
	rmas: string;
}

/** The RMAs on the customer's lines, and those naming the customer (orphans whose order has not arrived). */
const customerRmas = (has: Customers['has'], orders: string) => `
  SELECT o.file_customer_id, r.* EXCLUDE (load_id) FROM rmas r JOIN ${orders} o ON o.line_id = r.line_id
  UNION
  SELECT r.customer_id AS file_customer_id, r.* EXCLUDE (load_id) FROM rmas r WHERE ${has('r.customer_id')}`;

const customerOrders = (has: Customers['has']) => `SELECT customer_id AS file_customer_id, * EXCLUDE (load_id) FROM orders WHERE ${has('customer_id')}`;

/**
 * The sections of a customer's file, straight from the loaded tables (a reviewer checks a flag against
 * what the shop's own systems recorded), each row tagged with `file_customer_id`, the file it is in.
 */
const SECTIONS = {
	/** Score and flags (0 and none when not flagged); `known` is false for an id found nowhere. */
	customer: (c: Customers) => `
SELECT c.customer_id AS file_customer_id, c.customer_id, coalesce(f.score, 0) AS score, coalesce(f.flags, []::VARCHAR[]) AS flags,
  coalesce(f.evidence, []::STRUCT(flag VARCHAR, text VARCHAR)[]) AS evidence,
  coalesce(l.lines, 0)::INTEGER AS lines, coalesce(r.returns, 0)::INTEGER AS returns,
  CAST(coalesce(rf.refunded, 0) AS DECIMAL(18, 2)) AS refunded,
  l.lines IS NOT NULL OR rm.customer_id IS NOT NULL AS known
FROM (${c.set}) c
LEFT JOIN fraud_customers f ON f.customer_id = c.customer_id
LEFT JOIN (SELECT customer_id, count(*) AS lines FROM line_facts WHERE ${c.has('customer_id')} GROUP BY customer_id) l ON l.customer_id = c.customer_id
LEFT JOIN (SELECT customer_id, count(*) AS returns FROM return_lines WHERE ${c.has('customer_id')} GROUP BY customer_id) r ON r.customer_id = c.customer_id
LEFT JOIN (SELECT customer_id, sum(amount) AS refunded FROM refund_facts WHERE ${c.has('customer_id')} GROUP BY customer_id) rf ON rf.customer_id = c.customer_id
LEFT JOIN (SELECT DISTINCT customer_id FROM rmas WHERE ${c.has('customer_id')}) rm ON rm.customer_id = c.customer_id`,
	orders: (c: Customers) => customerOrders(c.has),
	returns: (c: Customers) => `
SELECT r.*, coalesce(m.reason_group, 'other') AS reason_group, r.status NOT IN ('rejected', 'cancelled') AS is_return
FROM (${customerRmas(c.has, c.orders)}) r LEFT JOIN reason_map m ON m.reason_code = r.reason_code`,
	inspections: (c: Customers) => `
SELECT r.file_customer_id, i.* EXCLUDE (load_id) FROM inspections i
JOIN (SELECT DISTINCT file_customer_id, rma_id, line_id FROM ${c.rmas}) r ON r.rma_id = i.rma_id AND r.line_id = i.line_id`,
	// Two lookups joined by UNION rather than one OR: each is a hash join against a handful of keys.
	refunds: (c: Customers) => `
SELECT o.file_customer_id, f.* EXCLUDE (load_id) FROM refunds f
JOIN (SELECT DISTINCT file_customer_id, order_id FROM ${c.orders}) o ON o.order_id = f.order_id
UNION
SELECT r.file_customer_id, f.* EXCLUDE (load_id) FROM refunds f
JOIN (SELECT DISTINCT file_customer_id, rma_id FROM ${c.rmas}) r ON r.rma_id = f.rma_id`
} as const;

export type CustomerFileSection = keyof typeof SECTIONS;
export const CUSTOMER_FILE_SECTIONS = Object.keys(SECTIONS) as CustomerFileSection[];

const ORDER: Record<CustomerFileSection, string> = {
	customer: 'customer_id',
	orders: 'ordered_at, line_id',
	returns: 'created_at, rma_id, line_id',
	inspections: 'inspected_at, inspection_id',
	refunds: 'issued_at, refund_id'
};

const storedTable = (section: CustomerFileSection) => `customer_file_${section}`;

/** Every flagged customer; the RMA and refund sections read the orders and RMAs already stored. */
const FLAGGED: Customers = {
	set: 'SELECT customer_id FROM fraud_customers',
	has: (column) => `${column} IN (SELECT customer_id FROM fraud_customers)`,
	orders: storedTable('orders'),
	rmas: storedTable('returns')
};

/** One customer, `id` being its bound parameter. */
function oneCustomer(id: string): Customers {
	const has = (column: string) => `${column} = ${id}`;
	const orders = `(${customerOrders(has)})`;
	return { set: `SELECT ${id}::VARCHAR AS customer_id`, has, orders, rmas: `(${customerRmas(has, orders)})` };
}

/** The tables buildCustomerFilesSql stores. */
export const CUSTOMER_FILE_TABLES = CUSTOMER_FILE_SECTIONS.map(storedTable);

/**
 * Stores the files of the flagged customers, the ones a reviewer opens from the fraud list, sorted by
 * customer so a request reads one block instead of scanning every order. Runs after fraud.sql.
 */
export const buildCustomerFilesSql = (): string =>
	CUSTOMER_FILE_SECTIONS.map(
		(section) => `CREATE OR REPLACE TABLE ${storedTable(section)} AS ${SECTIONS[section](FLAGGED)}
ORDER BY file_customer_id, ${ORDER[section]}`
	).join(';\n');

/** One row, `true` when the customer's file was stored at ingest. */
export const buildCustomerFileStoredSql = (customerId: string, params: SqlParams): string =>
	`SELECT EXISTS (SELECT 1 FROM fraud_customers WHERE customer_id = ${params.add(customerId)}) AS stored`;

/** One section of one customer's file: the stored one, or computed from the loaded tables for anyone else. */
export function buildCustomerFileSql(section: CustomerFileSection, customerId: string, stored: boolean, params: SqlParams): string {
	const id = params.add(customerId);
	const source = stored
		? `${storedTable(section)} WHERE file_customer_id = ${id}`
		: `(${SECTIONS[section](oneCustomer(id))})`;
	return `SELECT * EXCLUDE (file_customer_id) FROM ${source} ORDER BY ${ORDER[section]}`;
}
