import {
	escapeHtml,
	formatChange,
	formatCount,
	formatDate,
	formatDays,
	formatMoney,
	formatMoneyExact,
	formatPercent,
	humanize
} from '../../src/lib/ui/format.ts';
import type { Digest, PeriodFigures } from './digest-data.ts';
import { barChartSvg } from './digest-svg.ts';

/**
 * The digest as one self-contained HTML file: styles inline on each element (mail clients drop style
 * sheets), charts as inline SVG, no script, no image or font to fetch, no link out. Every text that
 * comes from the shop's files (names, explanations, notes) is escaped.
 */
const STYLE = {
	body: 'margin:0;padding:24px;background:#f4f6f9;font-family:Helvetica,Arial,sans-serif;color:#1d2733;',
	page: 'max-width:720px;margin:0 auto;background:#ffffff;padding:24px;border-radius:8px;',
	h1: 'font-size:22px;margin:0 0 4px;',
	lead: 'margin:0 0 20px;color:#5b6b80;font-size:14px;',
	h2: 'font-size:17px;margin:28px 0 8px;padding-top:12px;border-top:1px solid #d5dde8;',
	note: 'margin:4px 0 8px;color:#5b6b80;font-size:12px;',
	table: 'border-collapse:collapse;width:100%;font-size:13px;',
	th: 'text-align:left;padding:6px 8px;border-bottom:2px solid #d5dde8;color:#5b6b80;font-weight:600;',
	td: 'text-align:left;padding:6px 8px;border-bottom:1px solid #e6ebf2;vertical-align:top;',
	num: 'text-align:right;padding:6px 8px;border-bottom:1px solid #e6ebf2;white-space:nowrap;vertical-align:top;',
	high: 'color:#a32020;font-weight:700;',
	empty: 'color:#5b6b80;font-style:italic;font-size:13px;',
	caption: 'margin:16px 0 4px;font-size:13px;font-weight:600;'
};

const e = (text: string | number | null | undefined) =>
	escapeHtml(text === null || text === undefined ? '–' : String(text));
const short = (day: string) => formatDate(day).replace(/ \d{4}$/, '');
const periodLabel = (p: { from: string; to: string }) =>
	p.from === p.to ? formatDate(p.from) : `${short(p.from)} – ${formatDate(p.to)}`;

function table(head: { label: string; numeric?: boolean }[], rows: string[][]): string {
	const th = head.map((h) => `<th style="${STYLE.th}${h.numeric ? 'text-align:right;' : ''}">${e(h.label)}</th>`);
	const cell = (html: string, i: number) => `<td style="${head[i].numeric ? STYLE.num : STYLE.td}">${html}</td>`;
	const body = rows.map((cells) => `<tr>${cells.map(cell).join('')}</tr>`);
	const thead = `<thead><tr>${th.join('')}</tr></thead>`;
	return `<table style="${STYLE.table}">${thead}<tbody>${body.join('')}</tbody></table>`;
}

/** A chart with its title written above it, for readers whose mail client shows no SVG title. */
const chart = (title: string, svg: (title: string) => string) =>
	`<p style="${STYLE.caption}">${e(title)}</p>${svg(title)}`;

const section = (id: string, title: string, content: string) =>
	`<section id="${id}"><h2 style="${STYLE.h2}">${e(title)}</h2>${content}</section>`;

interface Kpi {
	label: string;
	value: (p: PeriodFigures) => string | number | null;
	show: (p: PeriodFigures) => string;
	change: 'rate' | 'relative';
}

const KPIS: Kpi[] = [
	{ label: 'Orders', value: (p) => p.orders, show: (p) => formatCount(p.orders), change: 'relative' },
	{ label: 'Units sold', value: (p) => p.units_sold, show: (p) => formatCount(p.units_sold), change: 'relative' },
	{
		label: 'Unit return rate (orders of the week)',
		value: (p) => p.unit_return_rate,
		show: (p) => formatPercent(p.unit_return_rate),
		change: 'rate'
	},
	{
		label: 'Defect share of returns',
		value: (p) => p.defect_share,
		show: (p) => formatPercent(p.defect_share),
		change: 'rate'
	},
	{ label: 'Refunded', value: (p) => p.refunded, show: (p) => formatMoneyExact(p.refunded), change: 'relative' },
	{
		label: 'Net return cost',
		value: (p) => p.net_return_cost,
		show: (p) => formatMoneyExact(p.net_return_cost),
		change: 'relative'
	},
	{
		label: 'Median days to refund',
		value: (p) => p.median_days_to_refund,
		show: (p) => formatDays(p.median_days_to_refund),
		change: 'relative'
	}
];

function figures(digest: Digest): string {
	const week = digest.periods[digest.periods.length - 1];
	const previous = digest.periods[digest.periods.length - 2];
	const rows = KPIS.map((kpi) => [
		e(kpi.label),
		`<strong>${e(kpi.show(week))}</strong>`,
		e(kpi.show(previous)),
		e(formatChange(kpi.value(week), kpi.value(previous), kpi.change)?.text ?? '–')
	]);
	const bars = (value: (p: PeriodFigures) => number | null) =>
		digest.periods.map((p, i) => ({
			label: short(p.from),
			value: value(p),
			highlight: i === digest.periods.length - 1
		}));
	return (
		table(
			[
				{ label: 'Figure' },
				{ label: 'This week', numeric: true },
				{ label: 'Week before', numeric: true },
				{ label: 'Change', numeric: true }
			],
			rows
		) +
		`<p style="${STYLE.note}">Rates are cohort rates: the returns so far of the orders placed in the week, ` +
		'which still rise while their return window is open. Money by the date of each refund or cost.</p>' +
		chart('Unit return rate per week (orders of the week)', (title) =>
			barChartSvg({ title, bars: bars((p) => p.unit_return_rate), format: (v) => formatPercent(v) })
		) +
		chart('Net return cost per week', (title) =>
			// The decimal strings become bar heights only, never a sum.
			barChartSvg({ title, bars: bars((p) => Number(p.net_return_cost)), format: (v) => formatMoney(v) })
		)
	);
}

function alerts(digest: Digest): string {
	const open = `<p style="${STYLE.note}">${e(formatCount(digest.openAlerts))} alert(s) open in all, of any week.</p>`;
	if (digest.alerts.length === 0) {
		const none = 'No new alert this week: nothing in the returns stood out from its history.';
		return `<p style="${STYLE.empty}">${none}</p>${open}`;
	}
	const rows = digest.alerts.map((a) => [
		`<span style="${a.severity === 'high' ? STYLE.high : ''}">${e(humanize(a.severity))}</span>`,
		`<strong>${e(a.label)}</strong><br><span style="${STYLE.note}">` +
			`${e(humanize(a.kind))} · ${e(humanize(a.scope))} · ` +
			`orders of ${e(periodLabel({ from: a.window_from, to: a.window_to }))}</span>` +
			`<br>${e(a.explanation)}`,
		e(formatDate(a.detected_on)),
		e(humanize(a.status)) + (a.status_note ? `<br><em>${e(a.status_note)}</em>` : '')
	]);
	return (
		table(
			[{ label: 'Severity' }, { label: 'What the data showed' }, { label: 'Detected' }, { label: 'Status' }],
			rows
		) + open
	);
}

function defects(digest: Digest): string {
	if (digest.defects.length === 0) return `<p style="${STYLE.empty}">No products sold in these weeks.</p>`;
	const rows = digest.defects.map((p) => [
		`${e(p.label)}<br><span style="${STYLE.note}">${e(p.key)}${p.category ? ` · ${e(p.category)}` : ''}</span>`,
		e(formatPercent(p.defect_return_rate)) + (p.low_sample ? '*' : ''),
		e(formatCount(p.sold_units)),
		e(formatCount(p.returned_units))
	]);
	return (
		`<p style="${STYLE.note}">Orders of ${e(periodLabel(digest.defectPeriod))}, ` +
		'by their defect-driven return rate ' +
		'(defect or damage stated, or found by inspection). * fewer than 30 units sold.</p>' +
		table(
			[
				{ label: 'Product' },
				{ label: 'Defect rate', numeric: true },
				{ label: 'Sold', numeric: true },
				{ label: 'Returned', numeric: true }
			],
			rows
		)
	);
}

function costs(digest: Digest): string {
	const c = digest.costs;
	const money = (key: string) => e(formatMoneyExact(c[key] as string | null));
	return table(
		[{ label: 'Cost of the week' }, { label: 'Amount', numeric: true }],
		[
			['Refunded', money('refunded')],
			['Processing (return shipping, handling)', money('processing_cost')],
			['Fees recovered (restocking)', money('fees_recovered')],
			['Value lost (inspected returns, less what they recover)', money('value_lost')],
			['<strong>Net return cost</strong>', `<strong>${money('net_return_cost')}</strong>`]
		]
	);
}

function sla(digest: Digest): string {
	const s = digest.sla;
	return (
		table(
			[{ label: `Past the ${s.slaDays}-day SLA` }, { label: 'Count', numeric: true }],
			[
				[
					`Returns open for more than ${s.slaDays} days (of ${e(formatCount(s.openLines))} open)`,
					`<strong>${e(formatCount(s.openPastSla))}</strong>`
				],
				['Their value', e(formatMoneyExact(s.openPastSlaValue))],
				[
					`The week's refunds that took longer than ${s.slaDays} days`,
					`${e(formatCount(s.slowRefunds))} of ${e(formatCount(s.refundedLines))}`
				]
			]
		) +
		(s.asOf
			? `<p style="${STYLE.note}">Open returns as of ${e(formatDate(s.asOf))}, the newest event in the data.</p>`
			: '')
	);
}

/** The digest's HTML document. */
export function renderDigest(digest: Digest): string {
	const title = `ReturnLens weekly digest: ${periodLabel(digest.week)}`;
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
</head>
<body style="${STYLE.body}">
<div style="${STYLE.page}">
<h1 style="${STYLE.h1}">${e(title)}</h1>
<p style="${STYLE.lead}">The week's returns against the ${digest.periods.length - 1} weeks before it,
the alerts it raised,
the products driving defect returns, what returns cost and what is waiting too long.</p>
${section('figures', 'The week against the weeks before', figures(digest))}
${section('alerts', 'New alerts', alerts(digest))}
${section('defects', 'Top products by defect returns', defects(digest))}
${section('costs', 'Costs', costs(digest))}
${section('sla', 'Open returns past the SLA', sla(digest))}
<p style="${STYLE.note}">The figures are the ReturnLens dashboard's, read from its API.</p>
</div>
</body>
</html>
`;
}
