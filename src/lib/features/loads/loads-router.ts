import { Hono, type Context } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import type { ApiError } from '../../core/api/api-error.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { respondList } from '../../core/api/list-response.ts';
import { queryValidator } from '../../core/api/query-validator.ts';
import {
	loadRequestSchema,
	uploadOptionsSchema,
	type DataWriter,
	type LoadEvent
} from '../../core/contract/load-request.ts';
import {
	freshnessQuery,
	loadsQuery,
	rejectGroupsQuery,
	MAPPING_FIELD,
	rejectRowsQuery,
	unmatchedQuery,
	UPLOAD_FIELD,
	waitingQuery,
	warningGroupsQuery
} from './loads.ts';
import {
	FRESHNESS_SQL,
	LOADS_SQL,
	REJECT_GROUPS_SQL,
	UNMATCHED_SQL,
	WAITING_SQL,
	WARNING_GROUPS_SQL,
	rejectRowsSql
} from './loads-sql.ts';

const orderBy = (sort: string, order: 'asc' | 'desc', tie: string) => `${sort} ${order.toUpperCase()}, ${tie}`;

const problems = (error: z.ZodError) =>
	error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');

/** A load's answer: one JSON object per line as it goes (progress, then the summary or the error). */
function streamLoad(c: Context<ApiEnv>, run: (writer: DataWriter, send: (event: LoadEvent) => void) => Promise<void>) {
	const writer = c.var.writer;
	if (!writer) return c.json({ error: 'This server does not load files' } satisfies ApiError, 503);
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			const send = (event: LoadEvent) => controller.enqueue(encoder.encode(JSON.stringify(event) + '\n'));
			void run(writer, send).finally(() => controller.close());
		}
	});
	return c.body(body, 200, { 'content-type': 'application/x-ndjson; charset=utf-8' });
}

export const loads = new Hono<ApiEnv>()
	.get('/', queryValidator(loadsQuery), async (c) => {
		const q = c.req.valid('query');
		const spec = { sql: LOADS_SQL, params: {}, name: 'loads', meta: {} };
		return respondList(c.var, { ...spec, orderBy: orderBy(q.sort ?? 'load_id', q.order, 'load_id DESC') }, q);
	})
	.get('/rejects', queryValidator(rejectGroupsQuery), async (c) => {
		const q = c.req.valid('query');
		const spec = { sql: REJECT_GROUPS_SQL, params: {}, name: 'rejects-by-reason', meta: {} };
		return respondList(c.var, { ...spec, orderBy: orderBy(q.sort ?? 'rows', q.order, 'entity, reason') }, q);
	})
	.get('/rejects/rows', queryValidator(rejectRowsQuery), async (c) => {
		const q = c.req.valid('query');
		const sql = rejectRowsSql({ entity: q.entity !== undefined, reason: q.reason !== undefined });
		const params = { ...(q.entity ? { entity: q.entity } : {}), ...(q.reason ? { reason: q.reason } : {}) };
		const order = orderBy(q.sort ?? 'load_id', q.order, 'line');
		return respondList(c.var, { sql, params, orderBy: order, name: 'rejected-rows', meta: {} }, q);
	})
	.get('/warnings', queryValidator(warningGroupsQuery), async (c) => {
		const q = c.req.valid('query');
		const spec = { sql: WARNING_GROUPS_SQL, params: {}, name: 'warnings-by-reason', meta: {} };
		return respondList(c.var, { ...spec, orderBy: orderBy(q.sort ?? 'rows', q.order, 'entity, reason') }, q);
	})
	.get('/unmatched', queryValidator(unmatchedQuery), async (c) => {
		const q = c.req.valid('query');
		const spec = { sql: UNMATCHED_SQL, params: {}, name: 'unmatched-returns', meta: {} };
		return respondList(c.var, { ...spec, orderBy: orderBy(q.sort ?? 'load_id', q.order, 'file_path, line') }, q);
	})
	.get('/waiting', queryValidator(waitingQuery), async (c) => {
		const q = c.req.valid('query');
		const spec = { sql: WAITING_SQL, params: {}, name: 'rows-waiting-for-their-order', meta: {} };
		return respondList(c.var, { ...spec, orderBy: orderBy(q.sort ?? 'load_id', q.order, 'file_path, line') }, q);
	})
	.get('/freshness', queryValidator(freshnessQuery), async (c) => {
		const q = c.req.valid('query');
		const spec = { sql: FRESHNESS_SQL, params: {}, name: 'freshness', meta: {} };
		// By entity name, A to Z, unless a sort is asked for.
		const order = q.sort ? orderBy(q.sort, q.order, 'entity') : 'entity ASC';
		return respondList(c.var, { ...spec, orderBy: order }, q);
	})
	.post(
		'/',
		validator('json', (value, c) => {
			const parsed = loadRequestSchema.safeParse(value);
			if (parsed.success) return parsed.data;
			return c.json({ error: `Invalid load: ${problems(parsed.error)}` } satisfies ApiError, 400);
		}),
		(c) => {
			const request = c.req.valid('json');
			return streamLoad(c, (writer, send) => writer.load(request, send));
		}
	)
	.post('/upload', async (c) => {
		const form = await c.req.formData().catch(() => null);
		const file = form?.get(UPLOAD_FIELD);
		if (!form || !(file instanceof File) || file.size === 0) {
			const error = `Send the file as multipart/form-data in a field named "${UPLOAD_FIELD}", not empty`;
			return c.json({ error } satisfies ApiError, 400);
		}
		const sent = form.get(MAPPING_FIELD);
		// A form's file input left empty arrives as a nameless, empty file: no mapping.
		const mapping = sent instanceof File && sent.name === '' && sent.size === 0 ? null : sent;
		if (mapping !== null && mapping !== '' && (!(mapping instanceof File) || mapping.size === 0)) {
			const error = `Send the mapping as a JSON file in the field "${MAPPING_FIELD}", or leave the field out`;
			return c.json({ error } satisfies ApiError, 400);
		}
		const files = [UPLOAD_FIELD, MAPPING_FIELD];
		const fields = Object.fromEntries([...form].filter(([key]) => !files.includes(key) && form.get(key) !== ''));
		const options = uploadOptionsSchema.safeParse(fields);
		if (!options.success)
			return c.json({ error: `Invalid upload: ${problems(options.error)}` } satisfies ApiError, 400);
		if (mapping instanceof File && options.data.preset)
			return c.json({ error: 'Send a mapping or a preset, not both' } satisfies ApiError, 400);
		const mappingFile = mapping instanceof File ? mapping : undefined;
		return streamLoad(c, (writer, send) => writer.loadUpload(file, options.data, send, mappingFile));
	});
