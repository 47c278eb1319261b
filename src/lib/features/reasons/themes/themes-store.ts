import { filterSql } from '../../../core/filters/filter-sql.ts';
import type { StoredStep } from '../../../core/store/stored-table.ts';
import { storeWholeScope } from '../../../core/store/whole-scope.ts';
import { RECLUSTER_WHEN, assignNewComments, refreshReasonClusters } from './comment-clustering.ts';
import {
	COMMENT_LINES,
	COMMENT_LINES_DELTA,
	COMMENT_WORDINGS,
	COMMENT_WORDINGS_DELTA,
	NEW_REASON_CODE,
	STORED,
	buildCommentLinesTableSql,
	returnsSql,
	themesSql
} from './themes-sql.ts';

/**
 * The clusters and the number of returns over every return: the unfiltered view, which the Reasons
 * page opens with, then reads two small tables instead of grouping every commented return.
 */
const clusters = storeWholeScope(STORED.clusters, (params) => themesSql(filterSql({}, params, 'ordered_at'), params));
const returns = storeWholeScope(STORED.returns, (params) => returnsSql(filterSql({}, params, 'ordered_at')));

export const THEMES_STORED: StoredStep[] = [
	{
		stage: 'clusters',
		statements: [],
		run: refreshReasonClusters,
		deltaRun: assignNewComments,
		fullWhen: RECLUSTER_WHEN,
		tables: [
			{
				name: 'reason_clusters',
				grain: 'a theme found in the comments',
				columns: ['cluster_id', 'label', 'top_terms', 'size'],
				answers: 'the themes’ labels and top terms'
			},
			{
				name: 'reason_text_clusters',
				grain: 'a distinct comment: its theme and language',
				columns: ['reason_text', 'cluster_id', 'language'],
				answers: 'each comment’s theme (return_lines carries it)'
			},
			{
				name: 'reason_clustering',
				grain: 'one row: the last clustering',
				columns: ['texts', 'comments', 'model'],
				answers: 'the theme of a comment loaded later, and when to cluster again'
			},
			{
				name: 'reason_comment_loads',
				grain: 'a load and a theme (none: RMA lines without a comment)',
				columns: ['load_id', 'cluster_id', 'lines'],
				answers: 'the themes’ sizes, counted again only for the loads that changed'
			}
		]
	},
	{
		stage: 'rollups',
		statements: [COMMENT_WORDINGS, ...buildCommentLinesTableSql()],
		delta: [...COMMENT_WORDINGS_DELTA, ...COMMENT_LINES_DELTA],
		fullWhen: NEW_REASON_CODE,
		tables: [
			{
				name: 'comment_wordings',
				grain: 'a wording of a comment with its most written example',
				columns: ['wording_id', 'wording', 'example'],
				answers: 'the examples the themes show',
				surrogate: ['wording_id']
			},
			{
				name: COMMENT_LINES,
				grain: 'a commented return line, narrow, sorted by category and product',
				columns: [
					'ordered_at',
					'category',
					'product_id',
					'sku',
					'supplier',
					'channel',
					'country',
					'product_name',
					'cluster_id',
					'wording_id',
					'returned_units',
					'language',
					'reason_code',
					'order_id'
				],
				answers: '/api/reasons/clusters for any filter',
				surrogate: ['wording_id']
			}
		]
	},
	{
		stage: 'views',
		statements: [clusters.statement, returns.statement],
		tables: [
			{
				name: STORED.clusters,
				grain: 'a theme over every return',
				columns: [
					'cluster_id',
					'label',
					'top_terms',
					'size',
					'returned_units',
					'share',
					'languages',
					'examples',
					'top_products',
					'reason_codes'
				],
				answers: '/api/reasons/clusters without filters',
				check: clusters.check
			},
			{
				name: STORED.returns,
				grain: 'one row: the returns over everything',
				columns: ['returns'],
				answers: 'the totals of /api/reasons/clusters without filters',
				check: returns.check
			}
		]
	}
];
