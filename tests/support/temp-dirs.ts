import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folders this test file made, removed after it (remove-temp-dirs.ts, a setup file of every project). */
const made = new Set<string>();

/** A new folder in the system's temporary folder, removed when the test file ends, failed or not. */
export function tempDir(prefix = 'returnlens-test-'): string {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	made.add(dir);
	return dir;
}

export function removeTempDirs(): void {
	for (const dir of made) rmSync(dir, { recursive: true, force: true });
	made.clear();
}
