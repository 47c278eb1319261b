import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
	from: string;
	to: string[];
	/** The message as sent (headers and body, MIME-encoded). */
	data: string;
}

export interface TestSmtpServer {
	url: string;
	received: ReceivedMail[];
	close(): Promise<void>;
}

/**
 * A minimal SMTP server (RFC 5321's commands a client sends for one plain mail) on 127.0.0.1: it takes
 * every mail and keeps it, so a test reads what a mail server would have been handed.
 */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
	const received: ReceivedMail[] = [];
	const sockets = new Set<Socket>();
	const server: Server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.setEncoding('utf8');
		let mail: ReceivedMail = { from: '', to: [], data: '' };
		let inData = false;
		let pending = '';
		const reply = (line: string) => socket.write(`${line}\r\n`);
		reply('220 localhost ESMTP test server');
		socket.on('data', (chunk: string) => {
			pending += chunk;
			if (inData) {
				const end = pending.indexOf('\r\n.\r\n');
				if (end < 0) return;
				mail.data = pending.slice(0, end).replace(/^\.\./gm, '.');
				received.push(mail);
				mail = { from: '', to: [], data: '' };
				pending = pending.slice(end + 5);
				inData = false;
				reply('250 2.0.0 queued');
			}
			let newline;
			while (!inData && (newline = pending.indexOf('\r\n')) >= 0) {
				const line = pending.slice(0, newline);
				pending = pending.slice(newline + 2);
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO') reply('250 localhost');
				else if (verb === 'HELO') reply('250 localhost');
				else if (verb === 'MAIL') {
					mail.from = /<([^>]*)>/.exec(line)?.[1] ?? '';
					reply('250 2.1.0 ok');
				} else if (verb === 'RCPT') {
					mail.to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
					reply('250 2.1.5 ok');
				} else if (verb === 'DATA') {
					inData = true;
					reply('354 end with <CRLF>.<CRLF>');
				} else if (verb === 'QUIT') {
					reply('221 bye');
					socket.end();
				} else if (verb === 'RSET' || verb === 'NOOP') reply('250 ok');
				else reply('502 5.5.2 not implemented');
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		close: () =>
			new Promise((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			})
	};
}
