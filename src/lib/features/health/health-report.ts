import type { EntityName } from '../../core/contract/entities.ts';

/** GET /api/health without signing in: the server is up. */
export interface LivenessReport {
	status: 'ok';
}

/** GET /api/health, signed in: the server is up, and what is loaded in the database it reads. */
export interface HealthReport extends LivenessReport {
	tables: Record<EntityName, number>;
	rejects: number;
	warnings: number;
	/** When the latest file load finished (ISO 8601, UTC); null before the first load. */
	lastLoad: string | null;
	database: string;
}
