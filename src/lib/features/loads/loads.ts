import { z } from 'zod';
import { listShape, querySchema } from '../../core/filters/filters.ts';

/** `GET /api/loads` (admin): the files loaded so far. */
export const loadsQuery = querySchema(listShape(['load_id', 'finished_at', 'rows_read', 'rows_rejected'] as const));

/** `GET /api/loads/rejects`: rejected rows by entity and reason. */
export const rejectGroupsQuery = querySchema(listShape(['rows', 'entity', 'reason'] as const));

/** `GET /api/loads/rejects/rows`: the rejected rows as read (CSV for a spreadsheet). */
export const rejectRowsQuery = querySchema({
	entity: z.string().min(1).optional(),
	reason: z.string().min(1).optional(),
	...listShape(['load_id', 'line'] as const)
});

/** `GET /api/loads/warnings`: warnings by entity, column and reason. */
export const warningGroupsQuery = querySchema(listShape(['rows', 'entity', 'column_name'] as const));

/** `GET /api/loads/freshness`: per entity, its rows, last load and newest event. */
export const freshnessQuery = querySchema(listShape(['entity', 'rows', 'last_load', 'newest_event'] as const));

/** `GET /api/loads/unmatched`: a ledger's returned units that matched no order line. */
export const unmatchedQuery = querySchema(listShape(['load_id', 'returned_at', 'units'] as const));

/** `GET /api/loads/waiting`: rows keyed by order and SKU that wait for their order. */
export const waitingQuery = querySchema(listShape(['load_id', 'entity', 'order_id'] as const));

/** A file loaded, as load_history keeps it. */
export interface LoadRow {
	load_id: number;
	entity: string;
	file_path: string;
	format: string;
	rows_read: number;
	rows_loaded: number;
	rows_rejected: number;
	orphans: number;
	warnings: number;
	started_at: string;
	finished_at: string;
}

export interface RejectGroupRow {
	entity: string;
	reason: string;
	rows: number;
	files: number;
	first_at: string;
	example: string;
}

export interface WarningGroupRow {
	entity: string;
	column_name: string;
	reason: string;
	rows: number;
	example: string | null;
}

export interface UnmatchedRow {
	load_id: number;
	file_path: string;
	line: number | null;
	rma_id: string;
	customer_id: string;
	product_id: string;
	sku: string | null;
	returned_at: string;
	units: number;
	reason: string;
}

export interface WaitingRow {
	entity: 'rmas' | 'inspections';
	load_id: number;
	file_path: string;
	line: number | null;
	id: string;
	order_id: string;
	sku: string;
	raw: string;
}

export interface FreshnessRow {
	entity: string;
	rows: number;
	last_load: string | null;
	newest_event: string | null;
}

/** A line of a load's progress, as POST /api/loads streams it (core/contract/load-request.ts). */
export const UPLOAD_FIELD = 'file';
/** The upload's optional mapping file (JSON, as `npm run ingest -- --mapping` takes it). */
export const MAPPING_FIELD = 'mapping';
