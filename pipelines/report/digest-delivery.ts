import { createTransport } from 'nodemailer';
import type { Period } from './digest-week.ts';

/** The system's Chromium, as the browser tests use it: nothing is downloaded. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Prints the digest's HTML to a PDF with the installed Chromium. The page may fetch nothing: every
 * request is refused, so a PDF that looks right is one the HTML alone made.
 */
export async function renderPdf(html: string, path: string): Promise<void> {
	// Loaded here: only --pdf needs a browser driver.
	const { chromium } = await import('playwright-core');
	const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox'] });
	try {
		const page = await browser.newPage();
		await page.route('**/*', (route) => route.abort());
		await page.setContent(html, { waitUntil: 'load' });
		await page.pdf({ path, format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm' } });
	} finally {
		await browser.close();
	}
}

export interface MailOptions {
	/** An SMTP URL as nodemailer takes it: smtp://user:pass@host:587, smtps://host:465. */
	smtp: string;
	to: string[];
	from: string;
}

/** Sends the digest as an HTML mail (the PDF attached when there is one); answers the server's message id. */
export async function mailDigest(
	html: string,
	week: Period,
	mail: MailOptions,
	pdf?: { path: string; name: string }
): Promise<string> {
	const transport = createTransport(mail.smtp);
	try {
		const info = await transport.sendMail({
			from: mail.from,
			to: mail.to,
			subject: `ReturnLens weekly digest, ${week.from} to ${week.to}`,
			text: `The ReturnLens weekly digest for ${week.from} to ${week.to} is the HTML part of this mail.`,
			html,
			attachments: pdf ? [{ filename: pdf.name, path: pdf.path, contentType: 'application/pdf' }] : []
		});
		return info.messageId;
	} finally {
		transport.close();
	}
}
