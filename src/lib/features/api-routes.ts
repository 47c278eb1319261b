import type { Hono } from 'hono';
import type { ApiEnv } from '../core/api/api-env.ts';
import { alertDeliveries } from './alerts/alert-deliveries-router.ts';
import { alerts } from './alerts/alerts-router.ts';
import { audit } from './audit/audit-router.ts';
import { refunds } from './costs/costs-router.ts';
import { filterOptions } from './filter-options/filter-options-router.ts';
import { forget } from './forget/forget-router.ts';
import { fraud } from './fraud/fraud-router.ts';
import { loads } from './loads/loads-router.ts';
import { health } from './health/health-router.ts';
import { reasonMismatch } from './reasons/mismatch/mismatch-router.ts';
import { reasons } from './reasons/reasons-router.ts';
import { reasonClusters } from './reasons/themes/themes-router.ts';
import { recovery } from './recovery/recovery-router.ts';
import { returnRates } from './return-rates/return-rates-router.ts';
import { segments } from './segments/segments-router.ts';
import { summary } from './summary/summary-router.ts';
import { suppliers } from './suppliers/suppliers-router.ts';
import { timing } from './timing/timing-router.ts';

/**
 * Every feature's routes under /api, which the server mounts. Several features may share a path prefix
 * (the reasons, their mismatch and their themes all answer under /reasons).
 */
export const API_ROUTES: { path: string; router: Hono<ApiEnv> }[] = [
	{ path: '/health', router: health },
	{ path: '/filter-options', router: filterOptions },
	{ path: '/summary', router: summary },
	{ path: '/return-rates', router: returnRates },
	{ path: '/costs', router: refunds },
	// The costs' first name: kept answering for scripts written against it.
	{ path: '/refunds', router: refunds },
	{ path: '/timing', router: timing },
	{ path: '/suppliers', router: suppliers },
	{ path: '/recovery', router: recovery },
	{ path: '/reasons', router: reasons },
	{ path: '/reasons', router: reasonMismatch },
	{ path: '/reasons', router: reasonClusters },
	{ path: '/fraud', router: fraud },
	{ path: '/segments', router: segments },
	{ path: '/alerts', router: alerts },
	{ path: '/alert-deliveries', router: alertDeliveries },
	{ path: '/audit', router: audit },
	{ path: '/loads', router: loads },
	{ path: '/forget', router: forget }
];
