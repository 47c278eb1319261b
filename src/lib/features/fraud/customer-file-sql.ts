import type { DuckDBValue } from '@duckdb/node-api';
import { boundStatement, type SqlParams } from '../../core/db/sql-params.ts';

/**
 * The tables a file is read from, numbered as `customer_rows.source`, with the columns a file reads of
 * each (of the derived tables, only what the customer's totals count).
 */
const READ = {
	orders: { source: 1, columns: '*' },
	rmas: { source: 2, columns: '*' },
	inspections: { source: 3, columns: '*' },
	refunds: { source: 4, columns: '*' },
	return_lines: { source: 5, columns: 'customer_id' },
	refund_facts: { source: 6, columns: 'customer_id, amount' }
} as const;

type ReadTable = keyof typeof READ;
const READ_TABLES = Object.keys(READ) as ReadTable[];

/**
 * Whose file a section is for: one customer per request, or every flagged customer when ingest stores
 * the files. `set()` lists the customers; `has(column)` keeps rows whose column names one of them.
 * `table(name)` is where a loaded or derived table's rows are read: the whole table, or the rows
 * `customer_rows` points to for one customer. `orders` and `rmas` are tables of their orders and RMAs,
 * staged first: every section reads them instead of looking through all orders again.
 */
interface Customers {
	set(): string;
	has(column: string): string;
	table(name: ReadTable): string;
	orders: string;
	rmas: string;
}

const stageOrders = (c: Customers) =>
	`SELECT customer_id AS file_customer_id, * EXCLUDE (load_id) FROM ${c.table('orders')}
WHERE ${c.has('customer_id')}`;

/** The RMAs on the customers' lines, and those naming a customer (orphans whose order has not arrived). */
const stageRmas = (c: Customers) => `
SELECT o.file_customer_id, r.* EXCLUDE (load_id) FROM ${c.table('rmas')} r JOIN ${c.orders} o ON o.line_id = r.line_id
UNION
SELECT r.customer_id AS file_customer_id, r.* EXCLUDE (load_id) FROM ${c.table('rmas')} r
WHERE ${c.has('r.customer_id')}`;

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
SELECT c.customer_id AS file_customer_id, c.customer_id, coalesce(f.score, 0) AS score,
  coalesce(f.flags, []::VARCHAR[]) AS flags,
  coalesce(f.evidence, []::STRUCT(flag VARCHAR, text VARCHAR)[]) AS evidence,
  coalesce(l.lines, 0)::INTEGER AS lines, coalesce(r.returns, 0)::INTEGER AS returns,
  CAST(coalesce(rf.refunded, 0) AS DECIMAL(18, 2)) AS refunded,
  l.lines IS NOT NULL OR rm.customer_id IS NOT NULL AS known
FROM (${c.set()}) c
LEFT JOIN fraud_customers f ON f.customer_id = c.customer_id
LEFT JOIN (SELECT file_customer_id AS customer_id, count(*) AS lines FROM ${c.orders} GROUP BY ALL) l
  ON l.customer_id = c.customer_id
LEFT JOIN (
  SELECT customer_id, count(*) AS returns FROM ${c.table('return_lines')} WHERE ${c.has('customer_id')}
  GROUP BY customer_id
) r ON r.customer_id = c.customer_id
LEFT JOIN (
  SELECT customer_id, sum(amount) AS refunded FROM ${c.table('refund_facts')} WHERE ${c.has('customer_id')}
  GROUP BY customer_id
) rf ON rf.customer_id = c.customer_id
LEFT JOIN (SELECT DISTINCT file_customer_id AS customer_id FROM ${c.rmas} WHERE customer_id = file_customer_id) rm
  ON rm.customer_id = c.customer_id`,
	orders: (c: Customers) => `SELECT * FROM ${c.orders}`,
	returns: (c: Customers) => `
SELECT r.*, coalesce(m.reason_group, 'other') AS reason_group, r.status NOT IN ('rejected', 'cancelled') AS is_return
FROM ${c.rmas} r LEFT JOIN reason_map m ON m.reason_code = r.reason_code`,
	inspections: (c: Customers) => `
SELECT r.file_customer_id, i.* EXCLUDE (load_id) FROM ${c.table('inspections')} i
JOIN (SELECT DISTINCT file_customer_id, rma_id, line_id FROM ${c.rmas}) r
  ON r.rma_id = i.rma_id AND r.line_id = i.line_id`,
	// Two lookups joined by UNION rather than one OR: each is a hash join against a handful of keys.
	refunds: (c: Customers) => `
SELECT o.file_customer_id, f.* EXCLUDE (load_id) FROM ${c.table('refunds')} f
JOIN (SELECT DISTINCT file_customer_id, order_id FROM ${c.orders}) o ON o.order_id = f.order_id
UNION
SELECT r.file_customer_id, f.* EXCLUDE (load_id) FROM ${c.table('refunds')} f
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

export const customerFileTable = (section: CustomerFileSection) => `customer_file_${section}`;

/** Every flagged customer, whose orders are the stored section and whose RMAs are staged while storing. */
const FLAGGED: Customers = {
	set: () => 'SELECT customer_id FROM fraud_customers',
	has: (column) => `${column} IN (SELECT customer_id FROM fraud_customers)`,
	table: (name) => name,
	orders: customerFileTable('orders'),
	rmas: 'flagged_customer_rmas'
};

const candidates = (name: ReadTable) => `customer_candidate_${name}`;

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
		table: candidates,
		orders: 'requested_customer_orders',
		rmas: 'requested_customer_rmas'
	};
}

const hashOf = (column: string) => `CASE WHEN ${column} IS NOT NULL THEN hash(${column}) END`;

/**
 * Every row a customer's file may read, by the hash of the customer id: their order lines, the RMAs
 * on those lines or naming them, those RMAs' inspections, the refunds on their orders or RMAs, and
 * their return lines and refund facts. A request reads the rows listed under its hash instead of
 * scanning millions for one id; a hash shared by two customers only adds rows the file's own
 * conditions then drop. (DuckDB hashes NULL too: an RMA without a customer is listed under none.)
 * Row ids of the loaded tables change when a checkpoint compacts deleted rows, so the refresh
 * checkpoints before building this, and a load (the only thing that deletes) is always followed by a
 * refresh.
 */
export const buildCustomerRowsSql = (): string => `
CREATE OR REPLACE TABLE customer_rows AS
WITH rma_owners AS (
  SELECT r.rowid AS row_id, r.rma_id, r.line_id, ${hashOf('o.customer_id')} AS order_customer,
    ${hashOf('r.customer_id')} AS rma_customer
  FROM rmas r LEFT JOIN orders o ON o.line_id = r.line_id
),
rma_rows AS (
  SELECT order_customer AS customer_hash, rma_id, line_id, row_id FROM rma_owners WHERE order_customer IS NOT NULL
  UNION ALL
  SELECT rma_customer, rma_id, line_id, row_id FROM rma_owners
  WHERE rma_customer IS NOT NULL AND rma_customer IS DISTINCT FROM order_customer
)
SELECT hash(customer_id) AS customer_hash, ${READ.orders.source}::UTINYINT AS source, rowid AS row_id FROM orders
UNION ALL SELECT customer_hash, ${READ.rmas.source}, row_id FROM rma_rows
UNION ALL SELECT DISTINCT r.customer_hash, ${READ.inspections.source}, i.rowid
  FROM inspections i JOIN rma_rows r ON r.rma_id = i.rma_id AND r.line_id = i.line_id
UNION ALL SELECT DISTINCT * FROM (
  SELECT hash(o.customer_id), ${READ.refunds.source}, f.rowid FROM refunds f JOIN orders o ON o.order_id = f.order_id
  UNION ALL
  SELECT r.customer_hash, ${READ.refunds.source}, f.rowid FROM refunds f JOIN rma_rows r ON r.rma_id = f.rma_id
)
UNION ALL SELECT hash(customer_id), ${READ.return_lines.source}, rowid FROM return_lines
UNION ALL SELECT hash(customer_id), ${READ.refund_facts.source}, rowid FROM refund_facts
ORDER BY customer_hash`;

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
			(section) =>
				`CREATE OR REPLACE TABLE ${customerFileTable(section)} AS ${SECTIONS[section](FLAGGED)}
${sorted(section)}`
		),
		`DROP TABLE ${FLAGGED.rmas}`
	].join(';\n');

/** One row, `true` when the customer's file was stored at ingest. */
export const buildCustomerFileStoredSql = (customerId: string, params: SqlParams): string =>
	`SELECT EXISTS (SELECT 1 FROM fraud_customers WHERE customer_id = ${params.add(customerId)}) AS stored`;

/**
 * For a file not stored: stages on this connection the rows `customer_rows` lists for the customer,
 * then their orders and RMAs, before the sections are read. Each table's rows are fetched by a
 * statement of their own, with no other condition: a condition on the customer would be pushed into
 * the scan of the whole table.
 */
export function buildCustomerStageSql(customerId: string): { sql: string; params: Record<string, DuckDBValue> }[] {
	return [
		boundStatement(
			(p) =>
				`CREATE OR REPLACE TEMP TABLE requested_customer_rows AS SELECT source, row_id FROM customer_rows
WHERE customer_hash = hash(${p.add(customerId)}::VARCHAR)`
		),
		...READ_TABLES.map((name) =>
			boundStatement(
				() =>
					`CREATE OR REPLACE TEMP TABLE ${candidates(name)} AS SELECT ${READ[name].columns} FROM ${name}
WHERE rowid IN (SELECT row_id FROM requested_customer_rows WHERE source = ${READ[name].source})`
			)
		),
		boundStatement((p) => {
			const customer = oneCustomer(customerId, p);
			return `CREATE OR REPLACE TEMP TABLE ${customer.orders} AS ${stageOrders(customer)}`;
		}),
		boundStatement((p) => {
			const customer = oneCustomer(customerId, p);
			return `CREATE OR REPLACE TEMP TABLE ${customer.rmas} AS ${stageRmas(customer)}`;
		})
	];
}

/** One section of one customer's file: the stored one, or the one built from what buildCustomerStageSql staged. */
export function buildCustomerFileSql(
	section: CustomerFileSection,
	customerId: string,
	stored: boolean,
	params: SqlParams
): string {
	const source = stored
		? `${customerFileTable(section)} WHERE file_customer_id = ${params.add(customerId)}`
		: `(${SECTIONS[section](oneCustomer(customerId, params))})`;
	return `SELECT * EXCLUDE (file_customer_id) FROM ${source} ORDER BY ${ORDER[section]}`;
}
