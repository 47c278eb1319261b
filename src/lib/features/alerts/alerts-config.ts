/**
 * How alerts are decided (alert-detection.sql): one documented config, bound into the SQL. The README's
 * "Alerts" section explains each value; none is tied to a shop's names, volumes or return rate.
 */
export interface AlertConfig {
	/** Weeks of orders an evaluation looks at: the cohort that may show a wave. */
	windowWeeks: number;
	/** Weeks of orders before the window that give its baseline. */
	historyWeeks: number;
	/**
	 * How much a scope's own history weighs against its peers' (the category for a product, the shop for a
	 * supplier or category; the other sizes for a size), in units of expected-return exposure: a product
	 * with little history leans on its peers.
	 */
	priorUnits: number;
	/** At least this many returned units in the window before anything is alerted. */
	minUnits: number;
	/** Observed at least this many times what the baseline expected. */
	minRatio: number;
	/**
	 * The chance of any false alert in one week's evaluation, over all the scopes and kinds tested that
	 * week (Bonferroni): each test must be below familyChance / tests.
	 */
	familyChance: number;
	/** An alert that fires again within this many weeks of its last week is the same alert. */
	mergeWeeks: number;
	/** Cohorts at least this old have all their returns: the return delays are learnt from them. */
	matureWeeks: number;
	/** A category's own return delays are used when it has this many returned units in mature cohorts. */
	minDelayUnits: number;
	/** Severity by observed over expected: at least `high` is high, at least `medium` medium, else low. */
	severity: { high: number; medium: number };
	/** The reason groups whose share of returns is watched for a shift (defect has its own kind). */
	shiftGroups: readonly string[];
}

export const ALERT_CONFIG: AlertConfig = {
	windowWeeks: 4,
	historyWeeks: 12,
	priorUnits: 50,
	minUnits: 5,
	minRatio: 1.5,
	familyChance: 0.01,
	mergeWeeks: 13,
	matureWeeks: 17,
	minDelayUnits: 200,
	severity: { high: 3, medium: 2 },
	shiftGroups: ['fit', 'not_as_described', 'wrong_item']
};
