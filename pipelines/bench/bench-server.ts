import { spawn, type ChildProcess } from 'node:child_process';
import { BENCH_ADMIN_TOKEN, BENCH_AUTH_HEADERS } from './bench-auth.ts';

/**
 * The production server (`build/`, from `npm run build`) on a database, for the benchmarks, accepting
 * this run's admin token (bench-auth.ts): resolves
 * once /api/health answers, within about 20 s, else stops it and throws. Its output is dropped, its
 * errors shown.
 */
export async function startBenchServer(dbPath: string, port: string): Promise<ChildProcess> {
	const server = spawn(process.execPath, ['build'], {
		env: {
			...process.env,
			RETURNS_DB: dbPath,
			PORT: port,
			HOST: '127.0.0.1',
			RETURNS_ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
			// Read-only, so this run may read the same file beside it for its bare SQL.
			RETURNS_READ_ONLY: '1'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let i = 0; i < 200; i++) {
		if (
			await fetch(`http://127.0.0.1:${port}/api/health`, { headers: BENCH_AUTH_HEADERS }).then(
				(r) => r.ok,
				() => false
			)
		)
			return server;
		await new Promise((r) => setTimeout(r, 100));
	}
	server.kill();
	throw new Error('the server did not start: run `npm run build` first');
}
