import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ENTITIES, type EntityName } from '../../src/lib/core/contract/entities.ts';

function entityMapping(entity: EntityName) {
	const column = z.enum(ENTITIES[entity].columns.map((c) => c.name) as [string, ...string[]]);
	return z
		.object({
			/** Source column name → contract column name. */
			columns: z.record(z.string().min(1), column).default({}),
			/** Contract column → (source value → contract value), matched case-insensitively. */
			values: z.partialRecord(column, z.record(z.string(), z.string())).default({})
		})
		.strict();
}

export const mappingSchema = z
	.object({
		orders: entityMapping('orders'),
		rmas: entityMapping('rmas'),
		reasons: entityMapping('reasons'),
		inspections: entityMapping('inspections'),
		refunds: entityMapping('refunds')
	})
	.partial()
	.strict();

export type Mapping = z.infer<typeof mappingSchema>;
export interface EntityMapping {
	columns: Record<string, string>;
	values: Partial<Record<string, Record<string, string>>>;
}

export const EMPTY_ENTITY_MAPPING: EntityMapping = { columns: {}, values: {} };

export async function loadMapping(file: string): Promise<Mapping> {
	let json: unknown;
	try {
		json = JSON.parse(await readFile(file, 'utf8'));
	} catch (error) {
		throw new Error(`mapping ${file}: ${(error as Error).message}`);
	}
	const parsed = mappingSchema.safeParse(json);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
		throw new Error(`mapping ${file} is not valid: ${problems.join('; ')}`);
	}
	return parsed.data;
}

export function mappingFor(mapping: Mapping | undefined, entity: EntityName): EntityMapping {
	return mapping?.[entity] ?? EMPTY_ENTITY_MAPPING;
}
