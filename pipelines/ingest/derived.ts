import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { buildCommentLinesTableSql, buildStoredClustersSql } from '../../src/lib/features/reasons/themes/themes-sql.ts';
import { LOSS_CELLS, REASON_CELLS, REFUND_CELLS, buildCellTableSql } from '../../src/lib/core/cells/rate-source-sql.ts';
import { MISMATCH_CELLS, buildMismatchLinesSql } from '../../src/lib/features/reasons/mismatch/mismatch-sql.ts';
import { buildStoredSuppliersSql } from '../../src/lib/features/suppliers/suppliers-sql.ts';
import { buildOpenLinesTableSql, buildReturnTimingsTableSql, buildStoredTimingSql } from '../../src/lib/features/timing/timing-sql.ts';
import { buildCustomerRowsSql } from '../../src/lib/features/fraud/customer-file-sql.ts';
import { inTransaction, type Statement } from '../../src/lib/core/db/transaction.ts';

const DERIVED_SQL = readFileSync(new URL('./derived.sql', import.meta.url), 'utf8');
const ROLLUPS_SQL = readFileSync(new URL('./rollups.sql', import.meta.url), 'utf8');

/** The derived tables (derived.sql), after every load. */
export const DERIVED_STATEMENTS: Statement[] = [{ sql: DERIVED_SQL }];

export const refreshDerived = (connection: DuckDBConnection) => inTransaction(connection, DERIVED_STATEMENTS);

/**
 * The rollups (rollups.sql, the inspected lines' outcomes and the cells of every CellTable), the
 * commented lines, the open lines, the lines' timings and the rows of each customer's file, after
 * refreshDerived has committed: DuckDB scans a table created in the same transaction on one thread.
 */
export const ROLLUP_STATEMENTS: Statement[] = [
	{ sql: ROLLUPS_SQL },
	buildMismatchLinesSql(),
	...[REASON_CELLS, REFUND_CELLS, LOSS_CELLS, MISMATCH_CELLS].map((cells) => ({ sql: buildCellTableSql(cells) })),
	buildCommentLinesTableSql(),
	buildOpenLinesTableSql(),
	buildReturnTimingsTableSql(),
	{ sql: buildCustomerRowsSql() }
];

/**
 * The comment themes, the timing quantiles and the supplier figures over every return, stored as the
 * live views compute them, after the rollups have committed: the themes look up comment_wordings by
 * row id, and rows the running transaction wrote have row ids of its own.
 */
export const STORED_VIEW_STATEMENTS: Statement[] = [...buildStoredClustersSql(), buildStoredTimingSql(), ...buildStoredSuppliersSql()];

export async function refreshRollups(connection: DuckDBConnection): Promise<void> {
	await inTransaction(connection, ROLLUP_STATEMENTS);
	await inTransaction(connection, STORED_VIEW_STATEMENTS);
}
