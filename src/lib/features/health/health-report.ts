import type { EntityName } from '../../core/contract/entities.ts';

/** GET /api/health: what is loaded in the database the server reads. */
export interface HealthReport {
	tables: Record<EntityName, number>;
	rejects: number;
	warnings: number;
	/** When the latest file load finished (ISO 8601, UTC); null before the first load. */
	lastLoad: string | null;
	database: string;
}
