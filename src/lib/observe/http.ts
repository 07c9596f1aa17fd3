import { TargetTimeout } from './deadline.ts';
import { formatSeconds } from './deadline.ts';
import { emptyResult, type ObservedValue, type ReadResult } from './read-result.ts';

/** The most of a response `observe` reads: a version endpoint answers in bytes, not megabytes. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

/** Why an http target gave no JSON: a status, a content type, a body that does not parse. */
export class NotJson extends Error {}

/**
 * Reads JSON pointers from one GET of an http(s) address that answers JSON. Throws a `NotJson` for an
 * answer that is not JSON (an HTML error page, a 503), a `TargetTimeout` after `timeoutMs`, and the
 * fetch error when the address cannot be reached.
 */
export async function readHttp(address: string, settings: Record<string, string>, timeoutMs: number): Promise<ReadResult> {
	const refused = refusedAddress(address);
	if (refused) throw new NotJson(refused);
	const signal = AbortSignal.timeout(timeoutMs);
	let body: string;
	let contentType: string;
	try {
		// Redirects are not followed: a target says where it reads, and a redirect cannot lead it elsewhere.
		const response = await fetch(address, { signal, headers: { accept: 'application/json' }, redirect: 'manual' });
		contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
		if (response.status >= 300 && response.status < 400) {
			await response.body?.cancel();
			throw new NotJson(`answered a redirect (HTTP ${response.status}); point the target at the address that answers JSON`);
		}
		if (!response.ok) {
			await response.body?.cancel();
			throw new NotJson(`answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}, not JSON`);
		}
		body = await readLimited(response);
	} catch (error) {
		if (signal.aborted) throw new TargetTimeout(`did not answer within ${formatSeconds(timeoutMs)}`);
		throw error;
	}
	// JSON types (application/json, application/vnd.…+json); text/plain or none, as small servers send, when the body parses.
	if (contentType && !/^application\/(?:[\w.+-]+\+)?json$/.test(contentType) && contentType !== 'text/plain')
		throw new NotJson(`answered ${contentType}, not JSON; point the target at an address that answers application/json`);
	let data: ObservedValue;
	try {
		data = JSON.parse(body) as ObservedValue;
	} catch {
		throw new NotJson('answered a body that is not valid JSON');
	}
	const result = emptyResult();
	for (const [key, pointer] of Object.entries(settings)) {
		const found = resolvePointer(data, pointer);
		if ('value' in found) result.values[key] = found.value;
		else result.errors[key] = found.reason;
	}
	return result;
}

// Cloud instance metadata services, which hand out the machine's credentials: never read, whoever names them.
const METADATA_HOSTS = new Set(['169.254.169.254', '[fd00:ec2::254]', 'metadata.google.internal', 'metadata', '100.100.100.200']);

/** Why an address is never read (a cloud metadata service, or a link-local address), or undefined. */
function refusedAddress(address: string): string | undefined {
	let url: URL;
	try {
		url = new URL(address);
	} catch {
		return 'the address is not an http(s) address';
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		return `the address is a ${url.protocol.slice(0, -1)} address; observe reads http and https only`;
	const host = url.hostname.toLowerCase();
	if (METADATA_HOSTS.has(host) || /^169\.254\./.test(host) || /^\[fe[89ab][0-9a-f]:/.test(host))
		return `${host} is a link-local or cloud metadata address, which hands out the machine's credentials; observe never reads it`;
	return undefined;
}

async function readLimited(response: Response): Promise<string> {
	const reader = response.body?.getReader();
	if (!reader) return '';
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > MAX_RESPONSE_BYTES) {
			await reader.cancel();
			throw new NotJson(`answered more than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB, more than a version endpoint should`);
		}
		chunks.push(value);
	}
	return new TextDecoder().decode(Buffer.concat(chunks));
}

/** The value at a JSON pointer (RFC 6901: `/runtime/node`, `~1` for `/`, `~0` for `~`), or why there is none. */
export function resolvePointer(data: ObservedValue, pointer: string): { value: ObservedValue } | { reason: string } {
	if (pointer === '') return { value: data };
	if (!pointer.startsWith('/')) return { reason: `"${pointer}" is not a JSON pointer; start it with "/", such as "/version"` };
	let node: ObservedValue | undefined = data;
	for (const raw of pointer.slice(1).split('/')) {
		const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
		if (Array.isArray(node) && /^(?:0|[1-9]\d*)$/.test(token)) node = node[Number(token)];
		else if (node !== null && typeof node === 'object' && !Array.isArray(node) && Object.hasOwn(node, token)) node = node[token];
		else node = undefined;
		if (node === undefined) return { reason: `the response has no value at the JSON pointer ${pointer}` };
	}
	return { value: node };
}
