import type { DuckDBConnection } from '@duckdb/node-api';
import { NON_RETURN_STATUSES } from '../../src/lib/core/contract/entities.ts';
import { SqlParams, ident } from '../../src/lib/core/db/sql-params.ts';
import { deriveLineIds } from './ledger.ts';
import type { EntityMapping } from './mapping.ts';
import { resolveStagedLines, resolveStagedRmas } from './order-sku.ts';
import { sourceSpec, type SourceEntity } from './source-spec.ts';

/** Cross-row rules of RMAs: they must agree with their order line and not return more than was ordered. */
async function checkRmas(connection: DuckDBConnection): Promise<void> {
	const params = new SqlParams();
	const nonReturn = NON_RETURN_STATUSES.map((s) => params.add(s)).join(', ');
	await connection.run(
		`UPDATE _stage SET _reason = CASE
		   WHEN _stage.order_id IS NOT NULL AND _stage.order_id <> o.order_id
		     THEN 'order_id "' || _stage.order_id || '" does not match order line ' || o.line_id
		          || ' (order ' || o.order_id || ')'
		   ELSE 'customer_id "' || _stage.customer_id || '" does not match order line ' || o.line_id
		          || ' (customer ' || o.customer_id || ')' END
		 FROM orders o
		 WHERE o.line_id = _stage.line_id AND _stage._reason IS NULL
		   AND ((_stage.order_id IS NOT NULL AND _stage.order_id <> o.order_id)
		        OR (_stage.customer_id IS NOT NULL AND _stage.customer_id <> o.customer_id))`
	);
	// Rows are accepted in order of creation while the line has units left; a rejected row frees its
	// units for the ones after it, so each pass rejects only the first row per line that does not fit.
	for (;;) {
		const pass = await connection.run(
			`UPDATE _stage SET _reason = 'quantity ' || run.quantity
			                             || ' brings the units returned of line ' || run.line_id
			                             || ' to ' || run.cum || ', more than the ' || run.ordered || ' ordered'
			 FROM (
			   SELECT * FROM (
			     SELECT c.rid, c.line_id, c.quantity, o.quantity AS ordered,
			       coalesce(e.q, 0) + sum(c.quantity) OVER (PARTITION BY c.line_id ORDER BY c.created_at, c.rid) AS cum
			     FROM (SELECT rowid AS rid, line_id, created_at, quantity FROM _stage
			           WHERE _reason IS NULL AND NOT _dup AND status NOT IN (${nonReturn})) c
			     JOIN orders o ON o.line_id = c.line_id
			     LEFT JOIN (
			       SELECT r.line_id, sum(r.quantity) AS q FROM rmas r
			       WHERE r.status NOT IN (${nonReturn}) AND r.line_id IN (SELECT line_id FROM _stage)
			         AND NOT EXISTS (SELECT 1 FROM _stage s
			                         WHERE s.rma_id = r.rma_id AND s.line_id = r.line_id AND s._reason IS NULL)
			       GROUP BY r.line_id
			     ) e ON e.line_id = c.line_id
			   ) WHERE cum > ordered
			   QUALIFY row_number() OVER (PARTITION BY line_id ORDER BY cum) = 1
			 ) run
			 WHERE _stage.rowid = run.rid`,
			params.values
		);
		if (pass.rowsChanged === 0) return;
	}
}

/** Within a file the last row with a key wins: the earlier ones are marked `_dup` and not written. */
async function markDuplicates(connection: DuckDBConnection, keys: readonly string[], where: string): Promise<void> {
	const key = keys.map(ident).join(', ');
	const found = await connection.runAndReadAll(
		`SELECT count(*) - count(DISTINCT (${key})) FROM _stage WHERE _reason IS NULL AND ${where}`
	);
	if (Number(found.getRows()[0][0]) === 0) return;
	await connection.run(
		`UPDATE _stage SET _dup = true WHERE rowid IN (
		   SELECT rid FROM (SELECT rowid AS rid, row_number() OVER (PARTITION BY ${key} ORDER BY rowid DESC) AS rn
		                    FROM _stage WHERE _reason IS NULL AND ${where})
		   WHERE rn > 1)`
	);
}

/**
 * The rules that look across rows, run over the whole stage: derived line ids, duplicate keys, the RMA rules,
 * and rows keyed by order and SKU resolved to their lines.
 */
export async function checkStage(connection: DuckDBConnection, entity: SourceEntity, mapping: EntityMapping) {
	if (entity === 'ledger' || mapping.derive_line_id) await deriveLineIds(connection, entity !== 'ledger');
	if (entity === 'rmas') {
		await markDuplicates(connection, sourceSpec(entity).key, 'line_id IS NOT NULL');
		await markDuplicates(connection, ['rma_id', 'order_id', 'sku'], 'line_id IS NULL');
		await checkRmas(connection);
		await resolveStagedRmas(connection);
		return;
	}
	if (entity !== 'ledger') await markDuplicates(connection, sourceSpec(entity).key, 'true');
	if (entity === 'inspections' || entity === 'refunds') await resolveStagedLines(connection, entity);
}

const ORPHAN_SQL: Partial<Record<SourceEntity, string>> = {
	rmas: `SELECT count(*) FROM _stage s WHERE s._reason IS NULL AND NOT s._dup
	  AND CASE WHEN s.line_id IS NULL THEN s._keep
	           ELSE NOT EXISTS (SELECT 1 FROM orders o WHERE o.line_id = s.line_id) END`,
	inspections: `SELECT count(*) FROM _stage s WHERE s._reason IS NULL AND NOT s._dup AND (s.line_id IS NULL
	  OR NOT EXISTS (SELECT 1 FROM rmas r WHERE r.rma_id = s.rma_id AND r.line_id = s.line_id))`,
	refunds: `SELECT count(*) FROM _stage s WHERE s._reason IS NULL AND NOT s._dup AND (s._keep
	  OR NOT EXISTS (SELECT 1 FROM orders o WHERE o.order_id = s.order_id)
	  OR (s.rma_id IS NOT NULL
	      AND NOT EXISTS (SELECT 1 FROM rmas r
	                      WHERE r.rma_id = s.rma_id AND (s.line_id IS NULL OR r.line_id = s.line_id))))`
};

/** Rows loaded whose order line, RMA or order is not loaded yet. */
export async function countOrphans(connection: DuckDBConnection, entity: SourceEntity): Promise<number> {
	const sql = ORPHAN_SQL[entity];
	return sql ? Number((await connection.runAndReadAll(sql)).getRows()[0][0]) : 0;
}
