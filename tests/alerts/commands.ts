import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CommandResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

const ROOT = new URL('../../', import.meta.url).pathname;

/** Runs one of the project's commands (`pipelines/<name>/cli.ts`) as `npm run` would, in its own process. */
export function runCommand(
	name: 'alerts' | 'report',
	args: string[],
	env: NodeJS.ProcessEnv = {}
): Promise<CommandResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', `pipelines/${name}/cli.ts`, ...args], {
			cwd: ROOT,
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

async function body(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export interface HttpServer {
	url: string;
	close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 answering each request with `answer` (a fetch-style handler). */
export async function serveHttp(answer: (request: Request) => Promise<Response> | Response): Promise<HttpServer> {
	const server: Server = createServer(async (req, res) => {
		const payload = await body(req);
		const request = new Request(new URL(req.url ?? '/', 'http://127.0.0.1'), {
			method: req.method,
			headers: Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])),
			body: req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(payload)
		});
		const response = await answer(request);
		res.writeHead(response.status, Object.fromEntries(response.headers));
		res.end(Buffer.from(await response.arrayBuffer()));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}
