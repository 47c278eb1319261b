import { tableFromIPC } from 'apache-arrow';
import { createApp } from '../../src/lib/server/create-app.ts';
import { openDatabase, type Database } from '../../src/lib/core/db/db.ts';

export interface ApiClient {
	json<T = Record<string, unknown>>(
		url: string
	): Promise<{ status: number; body: { rows: T[]; meta: Record<string, unknown>; error?: string } }>;
	csv(url: string): Promise<{ status: number; type: string | null; text: string }>;
	arrow(url: string): Promise<{ status: number; type: string | null; rows: Record<string, unknown>[] }>;
	/** The raw response, for methods and headers. */
	request(url: string, init?: RequestInit): Promise<Response>;
	close(): void;
}

/** The admin token the tests' apps accept, and the requests' header that sends it. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';
export const ADMIN_HEADERS = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

/** The real Hono app over a real database file, called as a script with the admin token would. */
export async function apiClient(dbPath: string): Promise<ApiClient> {
	const db: Database = await openDatabase(dbPath, { readOnly: true });
	const app = createApp(db, { adminToken: TEST_ADMIN_TOKEN });
	const request = async (url: string, init: RequestInit = {}) =>
		app.request(url, { ...init, headers: { ...ADMIN_HEADERS, ...init.headers } });
	return {
		async json(url) {
			const response = await request(url);
			return { status: response.status, body: await response.json() };
		},
		async csv(url) {
			const response = await request(url);
			return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
		},
		async arrow(url) {
			const response = await request(url);
			const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
			return {
				status: response.status,
				type: response.headers.get('content-type'),
				rows: table.toArray().map((r) => r.toJSON())
			};
		},
		request,
		close: () => db.close()
	};
}

/** Parses CSV as the API writes it (RFC 4180), into rows of strings. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			row.push(cell);
			cell = '';
		} else if (ch === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += ch;
	}
	return rows;
}
