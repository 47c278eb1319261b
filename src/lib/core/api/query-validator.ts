import { validator } from 'hono/validator';
import type { z } from 'zod';
import type { ApiError } from './api-error.ts';

/** Validates the query string against a zod schema; anything it rejects is a 400 that names the problem. */
export function queryValidator<Schema extends z.ZodType>(schema: Schema) {
	return validator('query', (value, c) => {
		const parsed = schema.safeParse(value);
		if (parsed.success) return parsed.data as z.output<Schema>;
		const problems = parsed.error.issues.map((issue) =>
			issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message
		);
		return c.json({ error: `Invalid query: ${problems.join('; ')}` } satisfies ApiError, 400);
	});
}
