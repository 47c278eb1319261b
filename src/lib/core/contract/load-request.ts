import { z } from 'zod';

/**
 * A load the running server is asked to make (`POST /api/loads`, which `npm run ingest` sends when the
 * server holds the database): files and folders on the server's machine, as the CLI takes them.
 */
export const loadRequestSchema = z.strictObject({
	paths: z
		.array(z.string().refine((path) => path.startsWith('/'), 'each path is absolute, on the server’s machine'))
		.min(1, 'name at least one file or folder'),
	/** An entity name as `--entity` takes it; the load reports one it does not know. */
	entity: z.string().min(1).optional(),
	/** A mapping file on the server's machine (absolute path), as `npm run ingest -- --mapping FILE`. */
	mapping: z
		.string()
		.refine((path) => path.startsWith('/'), 'the mapping is an absolute path')
		.optional(),
	/** A ready mapping by name, as `npm run ingest -- --preset NAME`. */
	preset: z.string().min(1).optional()
});
export type LoadRequest = z.infer<typeof loadRequestSchema>;

/** A line of the answer to a load, one JSON object per line as the load goes. */
export type LoadEvent =
	{ progress: { path: string; phase: string; elapsedMs: number } } | { summary: unknown } | { error: string };

/** A file sent to the server to load (the Data page's upload), with how to read it. */
export const uploadOptionsSchema = z.strictObject({
	entity: z.string().min(1).optional(),
	preset: z.string().min(1).optional()
});
export type UploadOptions = z.infer<typeof uploadOptionsSchema>;

/** What loads into the database of a running server: one load at a time, the others wait their turn. */
export interface DataWriter {
	load(request: LoadRequest, onEvent: (event: LoadEvent) => void): Promise<void>;
	/**
	 * Keeps an uploaded file beside the database (its name made safe) and loads it, with an uploaded mapping
	 * (JSON, as `--mapping` takes it) when there is one.
	 */
	loadUpload(file: File, options: UploadOptions, onEvent: (event: LoadEvent) => void, mapping?: File): Promise<void>;
	/** Erases a customer's personal data everywhere, the file's free blocks included (npm run forget). */
	forget(customerId: string): Promise<ForgetOutcome>;
}

/** `POST /api/forget` (admin): the customer whose personal data to erase. */
export const forgetRequestSchema = z.strictObject({ customer_id: z.string().trim().min(1) });

/** What an erasure did: as `npm run forget` prints it, by the id's SHA-256. */
export interface ForgetOutcome {
	found: boolean;
	customerSha256: string;
	rowsChanged: Record<string, number>;
	values: number;
}
