import type { Format } from '../filters/filters.ts';
import type { AuditEntry, AuditLog } from './audit-log.ts';

/**
 * The audit entry of one request for customer-level data, written once its rows are known: at once for a
 * JSON answer, when the last row has gone out (or the client stopped reading) for a streamed export.
 */
export class AuditedRequest {
	private state: 'open' | 'streaming' | 'recorded' = 'open';

	constructor(
		private readonly log: AuditLog,
		private readonly who: { user: string; role: string },
		private readonly url: URL,
		private readonly format: Format
	) {}

	/** The answer handed out `rows` rows; `complete` false when the client stopped reading early. */
	served(rows: number, complete = true): void {
		if (this.state === 'recorded') return;
		this.state = 'recorded';
		const entry: AuditEntry = {
			at: new Date().toISOString(),
			...this.who,
			action: this.format === 'json' ? 'view' : 'export',
			what: this.url.pathname + this.url.search,
			format: this.format,
			rows,
			complete
		};
		this.log.record(entry);
	}

	/** The answer streams: `served` comes when the stream ends. */
	streaming(): void {
		if (this.state === 'open') this.state = 'streaming';
	}

	/**
	 * After the handler: a successful answer that counted nothing yet is one record (a customer's file);
	 * a refused or failed one handed nothing out.
	 */
	settle(status: number): void {
		if (this.state === 'open' && status < 400) this.served(1);
	}
}
