// An HTTP proxy on 127.0.0.1 that records what reaches it and forwards nothing: a request that
// n8n sends through it to any host shows up here, so a test can tell "refused before sending"
// from "sent", while every byte stays on this machine.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ProxyRecord {
	/** `CONNECT` for an https URL (the tunnel n8n asks for), else the method of a plain request. */
	method: string;
	/** `host:port` of a CONNECT, the absolute URL of a plain request. */
	target: string;
	/** A plain request's headers (a CONNECT's carry nothing of the request inside the tunnel). */
	headers?: Record<string, string | string[] | undefined>;
}

export interface RecordingProxy {
	/** `http://127.0.0.1:<port>`, for the HTTP Request node's Proxy option. */
	url: string;
	/** TCP connections accepted, whether or not a request followed. */
	connections(): number;
	records(): ProxyRecord[];
	reset(): void;
	stop(): Promise<void>;
}

/**
 * Starts the proxy; each CONNECT is answered 403 and closed. A plain request is answered 502, or,
 * with `redirectTo`, 302 to that URL: the proxy then plays a server that redirects elsewhere.
 */
export async function startRecordingProxy(options: { redirectTo?: string } = {}): Promise<RecordingProxy> {
	let records: ProxyRecord[] = [];
	let connections = 0;
	const sockets = new Set<Socket>();
	const server: Server = createServer((request, response) => {
		records.push({ method: request.method ?? '', target: request.url ?? '', headers: request.headers });
		if (options.redirectTo) response.writeHead(302, { location: options.redirectTo }).end();
		else response.writeHead(502, { 'content-type': 'text/plain' }).end('recording proxy: nothing is forwarded');
	});
	server.on('connection', (socket: Socket) => {
		connections++;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	server.on('connect', (request, socket: Socket) => {
		records.push({ method: 'CONNECT', target: request.url ?? '' });
		socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		connections: () => connections,
		records: () => [...records],
		reset() {
			records = [];
			connections = 0;
		},
		async stop() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
