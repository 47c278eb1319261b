import { readFileSync } from 'node:fs';

/** Tail chances (binomial, Poisson) and their words as temporary macros: fraud flags and alerts weigh by them. */
export const CHANCE_SQL = readFileSync(new URL('./chance.sql', import.meta.url), 'utf8');
