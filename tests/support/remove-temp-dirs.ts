import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dirs.ts';

// Registered before the file's own hooks, so it runs after them: its databases are closed by then.
afterAll(removeTempDirs);
