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
	/** The analytics tables the answers come from: the published generation and what it was built from. */
	analytics: {
		/** The published generation (analytics_N); null before the first refresh. */
		generation: string | null;
		/** The load it was built after, and the latest load: equal when the figures are fresh. */
		builtFromLoad: number | null;
		latestLoad: number | null;
		/** When it was published (ISO 8601, UTC). */
		publishedAt: string | null;
		/** False while a newer load's figures are still being built, or when a rebuild is due. */
		fresh: boolean;
	};
}
