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
}

/** The check of a table that holds exactly the rows `live` selects. */
export const holdsRows =
	(table: string, live: () => Statement): NonNullable<StoredTable['check']> =>
	() => ({ stored: `SELECT * FROM ${table}`, live: live() });
