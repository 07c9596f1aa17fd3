import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP server on a loopback port that answers each path with its handler. */
export interface TestHttpServer {
	/** The address of a path on it: `http://127.0.0.1:<port>/version`. */
	url(path: string): string;
	close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** Starts an HTTP server on a free loopback port; a path without a handler answers 404. */
export async function startHttpServer(routes: Record<string, Handler>): Promise<TestHttpServer> {
	const server = createServer((request, response) => {
		const handler = routes[new URL(request.url ?? '/', 'http://localhost').pathname];
		if (handler) handler(request, response);
		else response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: (path) => `http://127.0.0.1:${port}${path}`,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** A handler that answers JSON. */
export const json =
	(data: unknown): Handler =>
	(_, response) =>
		response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(data));

/** A handler that answers an HTML page, as a proxy's error page or a login page does. */
export const html =
	(text: string): Handler =>
	(_, response) =>
		response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(text);

/** A handler that never answers (until the server closes): a target that must time out. */
export const silent: Handler = () => {};
