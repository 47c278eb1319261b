import type { DuckDBConnection } from '@duckdb/node-api';
import type { Statement } from '../db/transaction.ts';

/**
 * The stages of a refresh, in order. Each stage is one transaction, committed before the next starts:
 * DuckDB scans a table created in the running transaction on one thread, and rows it wrote have row
 * ids of its own, so a stage reads what the stages before it committed.
 * - clusters: the comment themes, clustered in code (return_lines carries each comment's theme)
 * - derived: the facts every analytic reads (return_lines, line_facts, refund_facts, …)
 * - rollups: pre-aggregates and narrow sorted copies of those facts
 * - views: whole-scope answers stored as the live statements compute them
 * - fraud, segments: the flags, then the segments (which leave flagged customers out)
 * - alerts: the data replayed week by week for what it showed on its own
 */
export const REFRESH_STAGES = ['clusters', 'derived', 'rollups', 'views', 'fraud', 'segments', 'alerts'] as const;
export type RefreshStage = (typeof REFRESH_STAGES)[number];

/** A table the refresh builds and the API reads. */
export interface StoredTable {
	name: string;
	/** What one row is. */
	grain: string;
	/** Its columns in order; a test holds every built table to them. */
	columns: readonly string[];
	/** The requests it answers exactly; the others are computed live from the facts. */
	answers: string;
	/**
	 * The stored rows and the same rows computed live from the tables the table is built from (by other
	 * SQL where there is any): the stored-equals-live test compares the two for every table that has
	 * this. Absent where the table has no live counterpart (it is the only source, like fraud flags).
	 */
	check?: () => { stored: string; live: Statement };
	/**
	 * Columns that number rows (an order's key, a wording's id): a rebuild may number them otherwise, so
	 * the incremental-equals-full test compares the rows without them.
	 */
	surrogate?: readonly string[];
}

/**
 * One declaration of stored tables: the tables a stage's statements build together, or, for the
 * comment themes, the code that builds them (`run`, in a transaction of its own).
 */
export interface StoredStep {
	stage: RefreshStage;
	tables: readonly StoredTable[];
	/** Run in the stage's transaction, in registry order; they are also hashed into the analytics version. */
	statements: readonly Statement[];
	run?: (connection: DuckDBConnection) => Promise<void>;
	/**
	 * The incremental refresh (pipelines/ingest/refresh.ts): statements that bring the step's tables up
	 * to date in place after loads that changed only what the delta tables name (delta-scope.ts:
	 * delta_orders, delta_refunds, delta_customers, delta_span), in the refresh's one transaction. A step
	 * without them is rebuilt whole by its statements.
	 */
	delta?: readonly Statement[];
	/** Like `delta`, as code (the comment themes); runs inside the refresh's transaction. */
	deltaRun?: (connection: DuckDBConnection) => Promise<void>;
	/**
	 * One boolean, read when the delta tables exist: true when this step can't be brought up to date
	 * incrementally this time (the comment themes after the comments grew by a set share), so the refresh
	 * rebuilds everything.
	 */
	fullWhen?: Statement;
	/**
	 * The tables whose row ids the step's rows hold. A checkpoint that compacts deleted rows changes row
	 * ids, so an incremental refresh brings the step up to date after its closing checkpoint, in a
	 * transaction of its own, by its `delta` while no row id moved, else whole.
	 */
	holdsRowIds?: readonly string[];
}

/** The check of a table that holds exactly the rows `live` selects. */
export const holdsRows =
	(table: string, live: () => Statement): NonNullable<StoredTable['check']> =>
	() => ({ stored: `SELECT * FROM ${table}`, live: live() });
