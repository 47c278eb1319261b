import { humanize } from '../../ui/format.ts';
import { FRAUD_FLAGS, type FraudFlag } from './fraud.ts';

/** The fraud page's flag choice: any flag (its default), or one. */
export const FLAG_CHOICES: readonly { value: FraudFlag | ''; label: string }[] = [
	{ value: '', label: 'Any flag' },
	...FRAUD_FLAGS.map((flag) => ({ value: flag, label: humanize(flag) }))
];
