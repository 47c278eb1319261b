import type { DuckDBValue } from '@duckdb/node-api';
import { boundStatement, type SqlParams } from '../../core/db/sql-params.ts';
import type { Statement } from '../../core/db/transaction.ts';

/**
 * The loaded tables a file is read from, numbered as `customer_rows.source`. Only loaded tables: a
 * checkpoint moves the row ids of a table whose deleted rows it compacts, which the rows a delta
 * replaces in the derived tables can make it do after any delta, and in the loaded tables only a load
 * that replaced or removed rows. Moved ids cost a rebuild of customer_rows whole.
 */
const READ = { orders: 1, rmas: 2, inspections: 3, refunds: 4 } as const;

type ReadTable = keyof typeof READ;
const READ_TABLES = Object.keys(READ) as ReadTable[];

/** Each customer's return lines and refunded amount, as customer_facts counts them, by the hash of the id. */
export const CUSTOMER_TOTALS = 'customer_totals';

/**
 * Whose file a section is for: one customer per request, or every flagged customer when ingest stores
 * the files. `set()` lists the customers; `has(column)` keeps rows whose column names one of them.
 * `table(name)` is where a loaded table's rows are read: the whole table, or the rows `customer_rows`
 * points to for one customer. `orders` and `rmas` are tables of their orders and RMAs, staged first:
 * every section reads them instead of looking through all orders again. `totals()`: their rows of
 * CUSTOMER_TOTALS.
 */
interface Customers {
	set(): string;
	has(column: string): string;
	table(name: ReadTable): string;
	totals(): string;
	orders: string;
	rmas: string;
}

const totalsWhere = (condition: string) =>
	`SELECT customer_id, returns, refunded FROM ${CUSTOMER_TOTALS} WHERE ${condition}`;

/** The customers a table of customer_id lists. */
const listedIn = (table: string): Pick<Customers, 'set' | 'has' | 'totals'> => {
	const has = (column: string) => `${column} IN (SELECT customer_id FROM ${table})`;
	return { set: () => `SELECT customer_id FROM ${table}`, has, totals: () => totalsWhere(has('customer_id')) };
};

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
  coalesce(l.lines, 0)::INTEGER AS lines, coalesce(t.returns, 0)::INTEGER AS returns,
  CAST(coalesce(t.refunded, 0) AS DECIMAL(18, 2)) AS refunded,
  l.lines IS NOT NULL OR rm.customer_id IS NOT NULL AS known
FROM (${c.set()}) c
LEFT JOIN fraud_customers f ON f.customer_id = c.customer_id
LEFT JOIN (SELECT file_customer_id AS customer_id, count(*) AS lines FROM ${c.orders} GROUP BY ALL) l
  ON l.customer_id = c.customer_id
LEFT JOIN (${c.totals()}) t ON t.customer_id = c.customer_id
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

/**
 * Every flagged customer, whose orders are the stored section and whose RMAs are staged while storing; the
 * loaded tables are read where customer_rows lists rows under their hashes (FLAGGED_ROWS).
 */
const FLAGGED: Customers = {
	...listedIn('fraud_customers'),
	table: (name) => `flagged_candidate_${name}`,
	orders: customerFileTable('orders'),
	rmas: 'flagged_customer_rmas'
};

/**
 * The rows customer_rows lists under the flagged customers' hashes, staged from each loaded table: a scan
 * that fetches rows by row id reads a few blocks of the order lines instead of every column of all.
 */
const FLAGGED_ROWS = [
	`CREATE OR REPLACE TEMP TABLE flagged_customer_rows AS SELECT source, row_id FROM customer_rows
WHERE customer_hash IN (SELECT hash(customer_id) FROM fraud_customers)`,
	...READ_TABLES.map(
		(name) => `CREATE OR REPLACE TEMP TABLE ${FLAGGED.table(name)} AS SELECT * FROM ${name}
WHERE rowid IN (SELECT row_id FROM flagged_customer_rows WHERE source = ${READ[name]})`
	)
];

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
		// By the hash first: the table is sorted by it, so the scan reads one block.
		totals: () => totalsWhere(`customer_hash = hash(${bound()}::VARCHAR) AND customer_id = ${bound()}`),
		orders: 'requested_customer_orders',
		rmas: 'requested_customer_rmas'
	};
}

const hashOf = (column: string) => `CASE WHEN ${column} IS NOT NULL THEN hash(${column}) END`;

/**
 * Every row a customer's file may read, by the hash of the customer id: their order lines, the RMAs
 * on those lines or naming them, those RMAs' inspections and the refunds on their orders or RMAs. A
 * request reads the rows listed under its hash instead of scanning millions for one id; a hash shared
 * by two customers only adds rows the file's own conditions then drop. (DuckDB hashes NULL too: an RMA
 * without a customer is listed under none.) Row ids change when a checkpoint compacts deleted rows, so
 * a full refresh checkpoints before building this, and an incremental one after bringing its tables up
 * to date (refresh.ts).
 */
export const buildCustomerRowsSql = (): string =>
	`CREATE OR REPLACE TABLE customer_rows AS ${customerRowsSql(null)} ORDER BY customer_hash`;

/** The columns of the order lines customerRowsSql reads: a wider read of every line costs a second at 10 M. */
const HASH_ORDER_COLUMNS = 'customer_id, line_id, order_id';

/**
 * customer_rows brought up to date for the customers a delta reaches (delta_customers, delta-scope.ts):
 * every row listed under their hashes is listed again. A row is under a customer's hash because of the
 * customer's orders or RMAs, so only rows a delta changed, or rows of its orders and RMAs, move between
 * hashes. Runs after the refresh's checkpoint, and only while no row id moved (row-id-layout.ts).
 */
export const buildCustomerRowsDeltaSql = (): string[] => [
	`CREATE OR REPLACE TEMP TABLE delta_hashes AS SELECT DISTINCT hash(customer_id) AS h FROM delta_customers`,
	// Their order lines: those listed under their hashes, and among the lines loaded since (after the rows
	// the last refresh recorded) those of the same hashes. Hashing every order's customer costs seconds.
	`SET VARIABLE orders_rows_before =
	 (SELECT coalesce(list_sum(row_groups), 0) FROM main.row_id_layout WHERE table_name = 'orders')`,
	`CREATE OR REPLACE TEMP TABLE delta_hash_orders AS
	 SELECT rowid AS rid, ${HASH_ORDER_COLUMNS} FROM orders
	 WHERE rowid IN (
	   SELECT row_id FROM customer_rows
	   WHERE source = ${READ.orders} AND customer_hash IN (SELECT h FROM delta_hashes)
	 )
	 UNION ALL
	 SELECT rowid AS rid, ${HASH_ORDER_COLUMNS} FROM orders
	 WHERE rowid >= getvariable('orders_rows_before') AND hash(customer_id) IN (SELECT h FROM delta_hashes)`,
	'RESET VARIABLE orders_rows_before',
	`DELETE FROM customer_rows WHERE customer_hash IN (SELECT h FROM delta_hashes)`,
	`INSERT INTO customer_rows ${customerRowsSql({ hashes: 'delta_hashes', orders: 'delta_hash_orders' })}`,
	'DROP TABLE delta_hashes',
	'DROP TABLE delta_hash_orders'
];

/**
 * The rows of customer_rows: every customer's, or only those under some hashes (a table of `h`), given
 * those customers' order lines with their row ids (`rid`). Those lines are all an RMA's order line is
 * looked up in then: a line not among them belongs to no customer under the hashes, and neither does a
 * row listed under its customer, so leaving its customer unknown changes nothing the hashes keep, and
 * spares a read of every order line.
 */
function customerRowsSql(only: { hashes: string; orders: string } | null): string {
	const under = (hash: string) => (only ? `${hash} IN (SELECT h FROM ${only.hashes})` : 'TRUE');
	const orders = only?.orders;
	const rmas = orders
		? `(SELECT rowid AS rid, * FROM rmas WHERE line_id IN (SELECT line_id FROM ${orders})
		    OR ${under(hashOf('customer_id'))})`
		: '(SELECT rowid AS rid, * FROM rmas)';
	return `
WITH rma_owners AS (
  SELECT r.rid AS row_id, r.rma_id, r.line_id, ${hashOf('o.customer_id')} AS order_customer,
    ${hashOf('r.customer_id')} AS rma_customer
  FROM ${rmas} r LEFT JOIN ${orders ?? 'orders'} o ON o.line_id = r.line_id
),
rma_rows AS (
  SELECT order_customer AS customer_hash, rma_id, line_id, row_id FROM rma_owners WHERE order_customer IS NOT NULL
  UNION ALL
  SELECT rma_customer, rma_id, line_id, row_id FROM rma_owners
  WHERE rma_customer IS NOT NULL AND rma_customer IS DISTINCT FROM order_customer
)
SELECT * FROM (
  SELECT hash(customer_id) AS customer_hash, ${READ.orders}::UTINYINT AS source,
    ${orders ? 'rid' : 'rowid'} AS row_id
  FROM ${orders ?? 'orders'}
  UNION ALL SELECT customer_hash, ${READ.rmas}, row_id FROM rma_rows
  UNION ALL SELECT DISTINCT r.customer_hash, ${READ.inspections}, i.rowid
    FROM inspections i JOIN rma_rows r ON r.rma_id = i.rma_id AND r.line_id = i.line_id
  UNION ALL SELECT DISTINCT * FROM (
    SELECT hash(o.customer_id), ${READ.refunds}, f.rowid FROM refunds f JOIN ${orders ?? 'orders'} o
      ON o.order_id = f.order_id
    UNION ALL
    SELECT r.customer_hash, ${READ.refunds}, f.rowid FROM refunds f JOIN rma_rows r ON r.rma_id = f.rma_id
  )
) WHERE ${under('customer_hash')}`;
}

const totalsOf = (facts: string) => `
SELECT hash(customer_id) AS customer_hash, customer_id, returns, refunded FROM ${facts}
WHERE returns > 0 OR refunded <> 0`;

/**
 * CUSTOMER_TOTALS, from customer_facts once it is built (fraud-facts-sql.ts): the customers with a return
 * line or a refund, sorted by the hash of the id, where an unflagged customer's file looks its totals up.
 */
export const buildCustomerTotalsSql = (): string =>
	`CREATE OR REPLACE TABLE ${CUSTOMER_TOTALS} AS ${totalsOf('customer_facts')} ORDER BY customer_hash`;

/** CUSTOMER_TOTALS' rows counted straight from the return lines and refund facts, for the stored-equals-live test. */
export const customerTotalsLiveSql = (): Statement => ({
	sql: `SELECT hash(customer_id) AS customer_hash, customer_id, sum(returns)::INTEGER AS returns,
  CAST(sum(refunded) AS DECIMAL(18, 2)) AS refunded
FROM (SELECT customer_id, 1 AS returns, 0 AS refunded FROM return_lines
      UNION ALL SELECT customer_id, 0, amount FROM refund_facts)
WHERE customer_id IS NOT NULL
GROUP BY customer_id HAVING sum(returns) > 0 OR sum(refunded) <> 0`
});

/** CUSTOMER_TOTALS brought up to date for the customers whose facts a delta changed, after customer_facts. */
export const buildCustomerTotalsDeltaSql = (): string[] => [
	`DELETE FROM ${CUSTOMER_TOTALS} WHERE customer_id IN (SELECT customer_id FROM fraud_fact_customers)`,
	`INSERT INTO ${CUSTOMER_TOTALS} ${totalsOf('fraud_new_facts')}`
];

const sorted = (section: CustomerFileSection) => `ORDER BY file_customer_id, ${ORDER[section]}`;

/**
 * Stores the files of the flagged customers, the ones a reviewer opens from the fraud list, sorted by
 * customer so a request reads one block instead of scanning every order. Runs after fraud.sql, in a full
 * refresh, which builds customer_rows first.
 */
export const buildCustomerFilesSql = (): string =>
	[
		...FLAGGED_ROWS,
		`CREATE OR REPLACE TABLE ${FLAGGED.orders} AS ${stageOrders(FLAGGED)} ${sorted('orders')}`,
		`CREATE OR REPLACE TEMP TABLE ${FLAGGED.rmas} AS ${stageRmas(FLAGGED)}`,
		...CUSTOMER_FILE_SECTIONS.filter((section) => section !== 'orders').map(
			(section) =>
				`CREATE OR REPLACE TABLE ${customerFileTable(section)} AS ${SECTIONS[section](FLAGGED)}
${sorted(section)}`
		),
		...['flagged_customer_rows', ...READ_TABLES.map(FLAGGED.table), FLAGGED.rmas].map(
			(table) => `DROP TABLE ${table}`
		)
	].join(';\n');

/**
 * The RMAs, inspections and refunds REBUILT's files read, staged first, each in one pass over its table:
 * the sections look the RMAs and refunds up twice (by order line and by customer, by order and by RMA).
 */
const REBUILT_ROWS: Partial<Record<ReadTable, string>> = {
	rmas: 'fraud_file_rma_rows',
	inspections: 'fraud_file_inspection_rows',
	refunds: 'fraud_file_refund_rows'
};

/**
 * The flagged customers whose stored file an incremental refresh builds again (`fraud_file_customers`):
 * those the delta reaches and those flagged since the last refresh. Their orders are staged first.
 */
const REBUILT: Customers = {
	...listedIn('fraud_file_customers'),
	table: (name) => REBUILT_ROWS[name] ?? name,
	orders: 'fraud_file_orders',
	rmas: 'fraud_file_rmas'
};

/** Customers flagged since the last refresh (`fraud_old_customers` holds the flagged ones before it). */
const NEWLY_FLAGGED: Customers = {
	...REBUILT,
	has: (column) =>
		`${column} IN (SELECT customer_id FROM fraud_file_customers
		  WHERE customer_id NOT IN (SELECT customer_id FROM fraud_old_customers))`
};

/**
 * The stored files brought up to date after fraud.sql judged the flags again: the files of customers no
 * longer flagged are dropped; those of REBUILT are built again, their orders from the file's rows of orders
 * the delta did not reach and the delta's order lines (the order lines of a customer flagged newly, from
 * the loaded orders); the `customer` section, whose score and evidence move with every refresh, is built
 * again whole from fraud_customers, which holds what it counts.
 */
export const buildCustomerFilesDeltaSql = (): string[] => [
	`CREATE OR REPLACE TEMP TABLE fraud_file_customers AS
	 SELECT customer_id FROM fraud_customers
	 WHERE customer_id IN (SELECT customer_id FROM delta_customers)
	   OR customer_id NOT IN (SELECT customer_id FROM fraud_old_customers)`,
	`CREATE OR REPLACE TEMP TABLE ${REBUILT.orders} AS
	 SELECT * FROM ${customerFileTable('orders')}
	 WHERE file_customer_id IN (SELECT customer_id FROM fraud_file_customers)
	   AND order_id NOT IN (SELECT order_id FROM delta_orders)
	 UNION ALL
	 SELECT customer_id AS file_customer_id, * EXCLUDE (load_id) FROM delta_order_lines
	 WHERE customer_id IN (SELECT customer_id FROM fraud_file_customers)
	   AND customer_id IN (SELECT customer_id FROM fraud_old_customers)
	 UNION ALL
	 ${stageOrders(NEWLY_FLAGGED)}`,
	...CUSTOMER_FILE_SECTIONS.filter((section) => section !== 'customer').map(
		(section) =>
			`DELETE FROM ${customerFileTable(section)}
			 WHERE file_customer_id IN (SELECT customer_id FROM fraud_file_customers)
			    OR file_customer_id NOT IN (SELECT customer_id FROM fraud_customers)`
	),
	`CREATE OR REPLACE TEMP TABLE ${REBUILT.table('rmas')} AS
	 SELECT * FROM rmas WHERE line_id IN (SELECT line_id FROM ${REBUILT.orders}) OR ${REBUILT.has('customer_id')}`,
	`CREATE OR REPLACE TEMP TABLE ${REBUILT.rmas} AS ${stageRmas(REBUILT)}`,
	`CREATE OR REPLACE TEMP TABLE ${REBUILT.table('inspections')} AS
	 SELECT * FROM inspections WHERE rma_id IN (SELECT rma_id FROM ${REBUILT.rmas})`,
	`CREATE OR REPLACE TEMP TABLE ${REBUILT.table('refunds')} AS
	 SELECT * FROM refunds
	 WHERE order_id IN (SELECT order_id FROM ${REBUILT.orders}) OR rma_id IN (SELECT rma_id FROM ${REBUILT.rmas})`,
	...CUSTOMER_FILE_SECTIONS.filter((section) => section !== 'customer').map(
		(section) => `INSERT INTO ${customerFileTable(section)} ${SECTIONS[section](REBUILT)} ${sorted(section)}`
	),
	`CREATE OR REPLACE TABLE ${customerFileTable('customer')} AS
	 SELECT customer_id AS file_customer_id, customer_id, score, flags, evidence, lines, returns, refunded,
	   lines > 0 OR customer_id IN (SELECT file_customer_id FROM ${customerFileTable('returns')}
	                                WHERE customer_id = file_customer_id) AS known
	 FROM fraud_customers ${sorted('customer')}`,
	...['fraud_file_customers', REBUILT.orders, REBUILT.rmas, ...Object.values(REBUILT_ROWS)].map(
		(table) => `DROP TABLE ${table}`
	)
];

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
					`CREATE OR REPLACE TEMP TABLE ${candidates(name)} AS SELECT * FROM ${name}
WHERE rowid IN (SELECT row_id FROM requested_customer_rows WHERE source = ${READ[name]})`
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
