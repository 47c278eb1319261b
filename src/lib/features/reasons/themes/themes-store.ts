import { readFileSync } from 'node:fs';
import { filterSql } from '../../../core/filters/filter-sql.ts';
import type { StoredStep } from '../../../core/store/stored-table.ts';
import { storeWholeScope } from '../../../core/store/whole-scope.ts';
import { assignNewComments, refreshReasonClusters } from './comment-clustering.ts';
import { COMMENT_LINES, STORED, buildCommentLinesTableSql, returnsSql, themesSql } from './themes-sql.ts';

const COMMENT_WORDINGS_SQL = readFileSync(new URL('./comment-wordings.sql', import.meta.url), 'utf8');

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
			}
		]
	},
	{
		stage: 'rollups',
		statements: [{ sql: COMMENT_WORDINGS_SQL }, buildCommentLinesTableSql()],
		tables: [
			{
				name: 'comment_wordings',
				grain: 'a wording of a comment with its most written example',
				columns: ['wording_id', 'wording_rank', 'example'],
				answers: 'the examples the themes show'
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
					'wording_rank'
				],
				answers: '/api/reasons/clusters for any filter'
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
