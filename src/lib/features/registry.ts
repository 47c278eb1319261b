import { CORE_STORED } from '../core/store/core-stored.ts';
import { ALERTS_STORED } from './alerts/alerts-store.ts';
import type { StoredStep } from '../core/store/stored-table.ts';
import { FRAUD_STORED } from './fraud/fraud-store.ts';
import { MISMATCH_STORED } from './reasons/mismatch/mismatch-store.ts';
import { RECOVERY_STORED } from './recovery/recovery-store.ts';
import { SEGMENTS_STORED } from './segments/segments-store.ts';
import { SUPPLIERS_STORED } from './suppliers/suppliers-store.ts';
import { THEMES_STORED } from './reasons/themes/themes-store.ts';
import { TIMING_STORED } from './timing/timing-store.ts';

/**
 * Every table the refresh builds for the API to read: the core's, then each feature's, in this order
 * within each stage (stored-table.ts). Adding a pre-aggregate is one declaration in its feature's
 * `*-store.ts`, listed here; the refresh, the analytics version and the stored-equals-live test all
 * read this list.
 */
export const STORED_STEPS: StoredStep[] = [
	...CORE_STORED,
	...THEMES_STORED,
	...MISMATCH_STORED,
	...TIMING_STORED,
	...SUPPLIERS_STORED,
	...RECOVERY_STORED,
	...FRAUD_STORED,
	...SEGMENTS_STORED,
	...ALERTS_STORED
];
