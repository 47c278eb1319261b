import { spawn, type ChildProcess } from 'node:child_process';

const CLI = new URL('../../pipelines/ingest/cli.ts', import.meta.url).pathname;

export interface CliResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

/** Runs the ingest CLI as a user would, in its own process. */
export function runCli(args: string[], onStart?: (child: ChildProcess) => void): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
		onStart?.(child);
	});
}
