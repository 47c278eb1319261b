import { describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../pipelines/ingest/ingest.ts';
import type { Mapping } from '../../pipelines/ingest/mapping.ts';
import { ENTITIES, type EntityName } from '../../src/lib/core/contract/entities.ts';
import { tempDir } from './fixtures.ts';
import {
	delimited,
	entityTables,
	figures,
	germanTimestamp,
	readRows,
	swapDecimal,
	windows1252,
	writeBytes,
	type Row
} from './reshape.ts';

// The demo data set loaded once for the run, from its UTF-8 contract files: the figures to match.
const demo = inject('demoDatabase');

const GERMAN: Record<string, string> = {
	line_id: 'Positionsnummer',
	order_id: 'Bestellnummer',
	ordered_at: 'Bestelldatum',
	customer_id: 'Kundennummer',
	customer_email: 'E-Mail',
	address_key: 'Adressschlüssel',
	payment_key: 'Zahlungsschlüssel',
	sku: 'Artikelnummer',
	product_id: 'Produktnummer',
	product_name: 'Produktname',
	category: 'Kategorie',
	variant: 'Variante',
	supplier: 'Lieferant',
	channel: 'Kanal',
	country: 'Land',
	quantity: 'Menge',
	unit_price: 'Einzelpreis (€)',
	currency: 'Währung',
	delivered_at: 'Zugestellt am',
	rma_id: 'Retourennummer',
	created_at: 'Angemeldet am',
	reason_code: 'Grund',
	reason_text: 'Kommentar',
	resolution: 'Lösung',
	status: 'Status',
	status_at: 'Status seit',
	return_channel: 'Rückgabeweg',
	label: 'Bezeichnung',
	reason_group: 'Gruppe',
	inspection_id: 'Prüfnummer',
	received_at: 'Eingegangen am',
	inspected_at: 'Geprüft am',
	condition: 'Zustand',
	defect_confirmed: 'Mangel bestätigt',
	item_matches: 'Artikel stimmt',
	disposition: 'Verwertung',
	recovery_value: 'Restwert',
	notes: 'Notizen',
	refund_id: 'Erstattungsnummer',
	issued_at: 'Erstattet am',
	amount: 'Betrag',
	method: 'Zahlart',
	return_shipping_cost: 'Rückversandkosten',
	handling_cost: 'Bearbeitungskosten',
	restocking_fee: 'Wiedereinlagerungsgebühr'
};

const FILES: Record<EntityName, string> = {
	orders: 'orders.csv',
	rmas: 'rmas.csv',
	reasons: 'reasons.csv',
	inspections: 'inspections.csv',
	refunds: 'refunds.csv'
};

/** Each demo file as a German spreadsheet saves it, and the mapping that names its German headers. */
async function germanExport(dir: string): Promise<Mapping> {
	const mapping: Mapping = {};
	for (const [entity, name] of Object.entries(FILES) as [EntityName, string][]) {
		const { header, rows } = await readRows(join(demo.dataDir, name));
		const type = new Map(ENTITIES[entity].columns.map((c) => [c.name, c.type]));
		const german = (value: string | null, column: string) =>
			type.get(column) === 'timestamp'
				? germanTimestamp(value)
				: type.get(column) === 'money'
					? swapDecimal(value)
					: value;
		const text = delimited(
			header.map((h) => GERMAN[h] ?? h),
			rows.map((row) => header.map((h) => german(row[h], h))),
			';'
		);
		writeBytes(dir, `${entity}-export.csv`, windows1252(text));
		mapping[entity] = { columns: Object.fromEntries(header.map((h) => [GERMAN[h] ?? h, h])) };
	}
	return mapping;
}

/** RMAs, inspections and refunds as a returns portal knows them: by order number and SKU, not line id. */
async function byOrderAndSku(dir: string): Promise<void> {
	const orders = (await readRows(join(demo.dataDir, 'orders.csv'))).rows;
	const lines = new Map(orders.map((o) => [o.line_id, o]));
	// A refund keeps its own order number (one without is rejected, as before); an RMA takes its line's
	// where it has none; an inspection has none of its own.
	const rekey = (row: Row, entity: 'rmas' | 'inspections' | 'refunds'): Row => {
		const { line_id: lineId, ...rest } = row;
		const line = lineId === null ? undefined : lines.get(lineId);
		const own = rest.order_id ?? null;
		const orderId = entity === 'refunds' ? own : (own ?? line?.order_id ?? null);
		return { ...rest, order_id: orderId, sku: line?.sku ?? null };
	};
	for (const entity of ['rmas', 'inspections', 'refunds'] as const) {
		const { rows } = await readRows(join(demo.dataDir, FILES[entity]));
		const rekeyed = rows.map((row) => rekey(row, entity));
		const header = Object.keys(rekeyed[0]);
		writeBytes(
			dir,
			FILES[entity],
			delimited(
				header,
				rekeyed.map((r) => header.map((h) => r[h] ?? null)),
				','
			)
		);
	}
	for (const entity of ['orders', 'reasons'] as const) {
		const { header, rows } = await readRows(join(demo.dataDir, FILES[entity]));
		writeBytes(
			dir,
			FILES[entity],
			delimited(
				header,
				rows.map((r) => header.map((h) => r[h])),
				','
			)
		);
	}
}

/** Whether an entity has columns of a type: a file without amounts or dates has no separator or date form to detect. */
const has = (entity: string, type: string) => ENTITIES[entity as EntityName].columns.some((c) => c.type === type);

// Each case writes and loads the whole demo data set again, and asks the API for its figures.
describe('exports shaped like real systems give the figures of the contract files', { timeout: 120_000 }, () => {
	it('a German Windows-1252 export: semicolons, decimal commas, dd.mm.yyyy, German headers', async () => {
		const dir = tempDir();
		const mapping = await germanExport(dir);
		const dbPath = join(dir, 'german.duckdb');
		const summary = await ingest({ dbPath, paths: [dir], mapping });
		expect(summary.errors).toEqual([]);
		for (const file of summary.files) {
			// A file of plain ASCII is valid UTF-8 too, and read as such.
			const ascii = readFileSync(file.path).every((byte) => byte < 0x80);
			expect(file.dialect).toMatchObject({
				encoding: ascii ? 'utf-8' : 'windows-1252',
				delimiter: ';',
				decimal: has(file.entity, 'money') ? ',' : '.',
				detected: ['encoding', 'delimiter', 'decimal', 'date']
			});
			expect(file.dialect?.dateOrder).toBe(has(file.entity, 'timestamp') ? 'day-first' : 'iso');
		}
		expect(await entityTables(dbPath)).toEqual(await entityTables(demo.dbPath));
		expect(await figures(dbPath)).toEqual(await figures(demo.dbPath));
	});

	it('RMAs, inspections and refunds by order and SKU instead of line id', async () => {
		const dir = tempDir();
		await byOrderAndSku(dir);
		const dbPath = join(dir, 'by-sku.duckdb');
		const summary = await ingest({ dbPath, paths: [dir] });
		expect(summary.errors).toEqual([]);
		// An RMA named by order and SKU has its order_id, where the contract file may leave it empty.
		const omit = { rmas: ['order_id'] };
		expect(await entityTables(dbPath, omit)).toEqual(await entityTables(demo.dbPath, omit));
		expect(await figures(dbPath)).toEqual(await figures(demo.dbPath));
	});
});
