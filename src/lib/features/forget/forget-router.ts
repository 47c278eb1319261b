import { Hono } from 'hono';
import { validator } from 'hono/validator';
import type { ApiError } from '../../core/api/api-error.ts';
import type { ApiEnv } from '../../core/api/api-env.ts';
import { forgetRequestSchema } from '../../core/contract/load-request.ts';

/**
 * `POST /api/forget` (admin), `{"customer_id": "…"}`: what `npm run forget` does, made by the running
 * server (README, "Forgetting a customer"), recorded in forget_log and the audit log.
 */
export const forget = new Hono<ApiEnv>().post(
	'/',
	validator('json', (value, c) => {
		const parsed = forgetRequestSchema.safeParse(value);
		if (parsed.success) return parsed.data;
		return c.json({ error: 'Send {"customer_id": "…"}, the id of the customer to forget' } satisfies ApiError, 400);
	}),
	async (c) => {
		const writer = c.var.writer;
		if (!writer) return c.json({ error: 'This server does not write its database' } satisfies ApiError, 503);
		const outcome = await writer.forget(c.req.valid('json').customer_id);
		if (!outcome.found) {
			const error = 'No order, loaded or rejected, has that customer id: nothing was changed or recorded';
			return c.json({ error } satisfies ApiError, 404);
		}
		c.var.audit?.record({
			at: new Date().toISOString(),
			user: c.var.user?.name ?? 'unknown',
			role: c.var.user?.role ?? 'admin',
			action: 'forget',
			what: `forget customer sha256 ${outcome.customerSha256}`,
			format: null,
			rows: Object.values(outcome.rowsChanged).reduce((sum, n) => sum + n, 0),
			complete: true
		});
		return c.json(outcome);
	}
);
