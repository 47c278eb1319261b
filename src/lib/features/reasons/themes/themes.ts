import { z } from 'zod';
import { filterShape, listShape, querySchema } from '../../../core/filters/filters.ts';

export const CLUSTER_SORT_COLUMNS = ['size', 'share', 'returned_units', 'cluster_id', 'label'] as const;
export const ASSIGNMENT_SORT_COLUMNS = [
	'created_at',
	'ordered_at',
	'rma_id',
	'cluster_id',
	'reason_code',
	'product_id'
] as const;

/** Example comments and top products per cluster. */
export const EXAMPLES_PER_CLUSTER = 3;
export const PRODUCTS_PER_CLUSTER = 5;

const repeatableCluster = z.preprocess(
	(v) => (v === undefined || Array.isArray(v) ? v : [v]),
	z.array(z.coerce.number().int().min(0)).min(1).optional()
);

export const reasonClustersQuery = querySchema({
	...filterShape,
	...listShape(CLUSTER_SORT_COLUMNS)
});

export const reasonAssignmentsQuery = querySchema({
	...filterShape,
	...listShape(ASSIGNMENT_SORT_COLUMNS),
	/** Only comments in these clusters (repeatable), e.g. `cluster=2&cluster=5`. */
	cluster: repeatableCluster
});

export const REASON_CLUSTER_DEFINITIONS = {
	period:
		'returns of the order lines ordered in the period (a cohort view); RMAs rejected or cancelled are not ' +
		'returns',
	cluster:
		'a theme found in the customers’ free-text comments at ingest: comments are linked through the words they ' +
		'share (a multilingual lexicon folds synonyms, translations and typos into one term), and a theme is a group ' +
		'linked more closely than chance would have it, languages alike; the data decide how many, at most 15; ' +
		'cluster 0 holds comments without a word that enough others use',
	label:
		'the cluster’s most typical words, as the comments write them, in the language most comments are in ' +
		'(else English)',
	top_terms: 'the words most frequent in and most typical of the cluster, in any language',
	size: 'returns in scope whose comment is in the cluster',
	returned_units: 'units of those returns',
	share: 'size / returns in scope with a comment',
	languages:
		'languages the comments are written in, with how many returns each (comments whose language was not ' +
		'recognised are left out)',
	examples:
		`the ${EXAMPLES_PER_CLUSTER} comments written most often in the cluster ` +
		`(comments differing only in case and punctuation count as one)`,
	top_products: `the ${PRODUCTS_PER_CLUSTER} products with the most returns in the cluster`,
	reason_codes:
		'the reason codes customers picked for the cluster’s returns, with how many; a code that disagrees with ' +
		'the theme is a code that lies',
	none: 'reason code (none): a return without a reason code'
} as const;

export interface LanguageCount {
	language: string;
	returns: number;
}

export interface ProductCount {
	product_id: string;
	product_name: string | null;
	returns: number;
}

export interface ReasonCodeCount {
	reason_code: string;
	returns: number;
}

/** Lists are JSON in JSON answers and JSON text in CSV and Arrow exports. */
export interface ReasonClusterRow {
	cluster_id: number;
	label: string;
	top_terms: string[];
	size: number;
	returned_units: number;
	share: number | null;
	languages: LanguageCount[];
	examples: string[];
	top_products: ProductCount[];
	reason_codes: ReasonCodeCount[];
}

export interface ReasonAssignmentRow {
	rma_id: string;
	line_id: string;
	created_at: string;
	ordered_at: string;
	product_id: string;
	cluster_id: number;
	cluster_label: string;
	language: string | null;
	reason_code: string | null;
	reason_text: string;
}
