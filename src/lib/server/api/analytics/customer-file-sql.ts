import type { SqlParams } from '../../sql-params.ts';

/**
 * Whose file a section is for: one customer per request, or every flagged customer when ingest stores
 * the files. `set()` lists the customers; `has(column)` keeps rows whose column names one of them.
 * `orders` and `rmas` are tables of their orders and RMAs, staged first: every section reads them
 * instead of looking through all orders again.
 */
interface Customers {
	set(): string;
	has(column: string): string;
	orders: string;
	rmas: string;
}

const stageOrders = (c: Customers) => `SELECT customer_id AS file_customer_id, * EXCLUDE (load_id) FROM orders WHERE ${c.has('customer_id')}`;

/** The RMAs on the customers' lines, and those naming a customer (orphans whose order has not arrived). */
const stageRmas = (c: Customers) => `
SELECT o.file_customer_id, r.* EXCLUDE (load_id) FROM rmas r JOIN ${c.orders} o ON o.line_id = r.line_id
UNION
SELECT r.customer_id AS file_customer_id, r.* EXCLUDE (load_id) FROM rmas r WHERE ${c.has('r.customer_id')}`;

/**
 * The sections of a customer's file, straight from the loaded tables (a reviewer checks a flag against
 * what the shop's own systems recorded), each row tagged with `file_customer_id`, the file it is in.
 */
const SECTIONS = {
	/**
	 * Score and flags (0 and none when not flagged), lines (one per order line, as line_facts has them),
	 * returns and refunded as the analytics count them; `known` is false for an id found nowhere.
	 */
	customer: (c: Customers) => `
SELECT c.customer_id AS file_customer_id, c.customer_id, coalesce(f.score, 0) AS score, coalesce(f.flags, []::VARCHAR[]) AS flags,
  coalesce(f.evidence, []::STRUCT(flag VARCHAR, text VARCHAR)[]) AS evidence,
  coalesce(l.lines, 0)::INTEGER AS lines, coalesce(r.returns, 0)::INTEGER AS returns,
  CAST(coalesce(rf.refunded, 0) AS DECIMAL(18, 2)) AS refunded,
  l.lines IS NOT NULL OR rm.customer_id IS NOT NULL AS known
FROM (${c.set()}) c
LEFT JOIN fraud_customers f ON f.customer_id = c.customer_id
LEFT JOIN (SELECT file_customer_id AS customer_id, count(*) AS lines FROM ${c.orders} GROUP BY ALL) l ON l.customer_id = c.customer_id
LEFT JOIN (SELECT customer_id, count(*) AS returns FROM return_lines WHERE ${c.has('customer_id')} GROUP BY customer_id) r ON r.customer_id = c.customer_id
LEFT JOIN (SELECT customer_id, sum(amount) AS refunded FROM refund_facts WHERE ${c.has('customer_id')} GROUP BY customer_id) rf ON rf.customer_id = c.customer_id
LEFT JOIN (SELECT DISTINCT file_customer_id AS customer_id FROM ${c.rmas} WHERE customer_id = file_customer_id) rm ON rm.customer_id = c.customer_id`,
	orders: (c: Customers) => `SELECT * FROM ${c.orders}`,
	returns: (c: Customers) => `
SELECT r.*, coalesce(m.reason_group, 'other') AS reason_group, r.status NOT IN ('rejected', 'cancelled') AS is_return
FROM ${c.rmas} r LEFT JOIN reason_map m ON m.reason_code = r.reason_code`,
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

/** Every flagged customer, whose orders are the stored section and whose RMAs are staged while storing. */
const FLAGGED: Customers = {
	set: () => 'SELECT customer_id FROM fraud_customers',
	has: (column) => `${column} IN (SELECT customer_id FROM fraud_customers)`,
	orders: storedTable('orders'),
	rmas: 'flagged_customer_rmas'
};

/**
 * One customer, staged in temporary tables of the request's connection. The id is bound once a
 * statement names it: a statement may not be given parameters it does not use.
 */
function oneCustomer(customerId: string, params: SqlParams): Customers {
	let id: string | undefined;
	const bound = () => (id ??= params.add(customerId));
	return {
		set: () => `SELECT ${bound()}::VARCHAR AS customer_id`,
		has: (column) => `${column} = ${bound()}`,
		orders: 'requested_customer_orders',
		rmas: 'requested_customer_rmas'
	};
}

/** The tables buildCustomerFilesSql stores. */
export const CUSTOMER_FILE_TABLES = CUSTOMER_FILE_SECTIONS.map(storedTable);

const sorted = (section: CustomerFileSection) => `ORDER BY file_customer_id, ${ORDER[section]}`;

/**
 * Stores the files of the flagged customers, the ones a reviewer opens from the fraud list, sorted by
 * customer so a request reads one block instead of scanning every order. Runs after fraud.sql.
 */
export const buildCustomerFilesSql = (): string =>
	[
		`CREATE OR REPLACE TABLE ${FLAGGED.orders} AS ${stageOrders(FLAGGED)} ${sorted('orders')}`,
		`CREATE OR REPLACE TEMP TABLE ${FLAGGED.rmas} AS ${stageRmas(FLAGGED)}`,
		...CUSTOMER_FILE_SECTIONS.filter((section) => section !== 'orders').map(
			(section) => `CREATE OR REPLACE TABLE ${storedTable(section)} AS ${SECTIONS[section](FLAGGED)} ${sorted(section)}`
		),
		`DROP TABLE ${FLAGGED.rmas}`
	].join(';\n');

/** One row, `true` when the customer's file was stored at ingest. */
export const buildCustomerFileStoredSql = (customerId: string, params: SqlParams): string =>
	`SELECT EXISTS (SELECT 1 FROM fraud_customers WHERE customer_id = ${params.add(customerId)}) AS stored`;

/** For a file not stored: stages the customer's orders and RMAs on this connection, before its sections are read. */
export function buildCustomerStageSql(customerId: string, params: SqlParams): string[] {
	const customer = oneCustomer(customerId, params);
	return [
		`CREATE OR REPLACE TEMP TABLE ${customer.orders} AS ${stageOrders(customer)}`,
		`CREATE OR REPLACE TEMP TABLE ${customer.rmas} AS ${stageRmas(customer)}`
	];
}

/** One section of one customer's file: the stored one, or the one built from what buildCustomerStageSql staged. */
export function buildCustomerFileSql(section: CustomerFileSection, customerId: string, stored: boolean, params: SqlParams): string {
	const source = stored
		? `${storedTable(section)} WHERE file_customer_id = ${params.add(customerId)}`
		: `(${SECTIONS[section](oneCustomer(customerId, params))})`;
	return `SELECT * EXCLUDE (file_customer_id) FROM ${source} ORDER BY ${ORDER[section]}`;
}
