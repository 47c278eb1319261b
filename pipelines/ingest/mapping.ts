import { readFile, readdir } from 'node:fs/promises';
import { z } from 'zod';
import { SOURCE_ENTITIES, hasOrderId, sourceSpec, type SourceEntity } from './source-spec.ts';

const PRESETS_DIR = new URL('./presets/', import.meta.url);

/** A strptime date format: the day, month and year, separated, optionally with a time after them. */
const DATE_FORMAT = z
	.string()
	.regex(/^[%dmyYHMS .:/T-]+$/, 'may hold only %d %m %y %Y %H %M %S and the separators . / - : T and space')
	.refine((f) => f.includes('%d') && f.includes('%m') && /%[yY]/.test(f), 'needs %d, %m and %y or %Y');

/** How a file is written, where it should not be detected: any field left out is still detected. */
export const formatSchema = z
	.object({
		delimiter: z.enum([',', ';', '\t', '|']).optional(),
		decimal: z.enum(['.', ',']).optional(),
		date: DATE_FORMAT.optional(),
		encoding: z.enum(['utf-8', 'windows-1252', 'latin-1', 'utf-16']).optional()
	})
	.strict();
export type FormatOptions = z.infer<typeof formatSchema>;

function entityMapping(entity: SourceEntity) {
	const names = sourceSpec(entity)
		.columns.filter((c) => !c.derived)
		.map((c) => c.name);
	const column = z.enum(names as [string, ...string[]]);
	return z
		.object({
			/** Source column name → contract column name, or several: one source column may feed two. */
			columns: z.record(z.string().min(1), z.union([column, z.array(column).min(1)])).default({}),
			/** Contract column → (source value → contract value), matched case-insensitively. */
			values: z.partialRecord(column, z.record(z.string(), z.string())).default({}),
			/** Contract column → one value for every row (a column the export does not have). */
			constants: z.partialRecord(column, z.string()).default({}),
			/** Columns that only the first row of an order fills: the order's other rows take them from it. */
			fill_from_order: z.array(column).default([]),
			/** Orders without line ids: each line's id is its order's id and its position in the order. */
			derive_line_id: z.boolean().default(false),
			format: formatSchema.default({})
		})
		.strict()
		.superRefine((m, ctx) => {
			if (m.fill_from_order.length > 0 && !hasOrderId(entity)) {
				ctx.addIssue({ code: 'custom', path: ['fill_from_order'], message: `${entity} rows have no order_id` });
			}
			if (m.derive_line_id && entity !== 'orders') {
				ctx.addIssue({ code: 'custom', path: ['derive_line_id'], message: 'only orders derive line ids' });
			}
			const fed = Object.values(m.columns).flat();
			for (const target of Object.keys(m.constants)) {
				if (fed.includes(target)) {
					ctx.addIssue({
						code: 'custom',
						path: ['constants', target],
						message: 'is also fed by a source column'
					});
				}
			}
		});
}

export const mappingSchema = z
	.object({
		...Object.fromEntries(SOURCE_ENTITIES.map((e) => [e, entityMapping(e).optional()])),
		/** The file format of every file loaded with this mapping; an entity's own `format` wins. */
		format: formatSchema.optional()
	})
	.strict();

/** A mapping per entity; one built in code may leave fields out. */
export type Mapping = Partial<Record<SourceEntity, Partial<EntityMapping>>> & { format?: FormatOptions };

export interface EntityMapping {
	columns: Record<string, string | string[]>;
	values: Partial<Record<string, Record<string, string>>>;
	constants: Partial<Record<string, string>>;
	fill_from_order: string[];
	derive_line_id: boolean;
	format: FormatOptions;
}

export const EMPTY_ENTITY_MAPPING: EntityMapping = {
	columns: {},
	values: {},
	constants: {},
	fill_from_order: [],
	derive_line_id: false,
	format: {}
};

function parseMapping(json: unknown, name: string): Mapping {
	const parsed = mappingSchema.safeParse(json);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
		throw new Error(`mapping ${name} is not valid: ${problems.join('; ')}`);
	}
	return parsed.data as Mapping;
}

export async function loadMapping(file: string): Promise<Mapping> {
	let json: unknown;
	try {
		json = JSON.parse(await readFile(file, 'utf8'));
	} catch (error) {
		throw new Error(`mapping ${file}: ${(error as Error).message}`);
	}
	return parseMapping(json, file);
}

/** The presets that ship with ReturnLens: `pipelines/ingest/presets/<name>.mapping.json`. */
export async function presetNames(): Promise<string[]> {
	return (await readdir(PRESETS_DIR))
		.filter((n) => n.endsWith('.mapping.json'))
		.map((n) => n.replace(/\.mapping\.json$/, ''))
		.sort();
}

export async function loadPreset(name: string): Promise<Mapping> {
	const names = await presetNames();
	if (!names.includes(name)) throw new Error(`no preset ${name}; the presets are ${names.join(', ')}`);
	return loadMapping(new URL(`${name}.mapping.json`, PRESETS_DIR).pathname);
}

/** The one entity a mapping describes, if it describes exactly one (a preset's). */
export function soleEntity(mapping: Mapping | undefined): SourceEntity | undefined {
	const entities = SOURCE_ENTITIES.filter((e) => mapping?.[e] !== undefined);
	return entities.length === 1 ? entities[0] : undefined;
}

/** An entity's mapping, every field present (a mapping built in code may leave some out). */
export function mappingFor(mapping: Mapping | undefined, entity: SourceEntity): EntityMapping {
	const own: Partial<EntityMapping> = mapping?.[entity] ?? {};
	return { ...EMPTY_ENTITY_MAPPING, ...own, format: { ...mapping?.format, ...own.format } };
}
