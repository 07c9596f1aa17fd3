import { TargetTimeout, withDeadline } from './deadline.ts';
import { emptyResult, type ReadResult } from './read-result.ts';

// CONFIG parameters that hold credentials: never read, whatever key they are observed under.
const CREDENTIAL_PARAMETERS = /pass|auth|user|secret|key-file/i;
const PARAMETER_NAME = /^[a-z0-9][a-z0-9_-]*$/i;

/**
 * Reads settings from a Redis server over one connection: a name that `INFO` reports (redis_version,
 * maxmemory_human) comes from INFO, any other from `CONFIG GET` (maxmemory-policy). Throws when the
 * server cannot be reached or refuses the connection.
 */
export async function readRedis(connection: string, settings: Record<string, string>, timeoutMs: number): Promise<ReadResult> {
	const result = emptyResult();
	// Loaded only when a Redis target is read: every other command starts without the client.
	const { createClient } = await import('redis');
	const client = createClient({
		url: connection,
		socket: { connectTimeout: timeoutMs, socketTimeout: timeoutMs, reconnectStrategy: false },
		disableClientInfo: true,
	});
	let failure: Error | undefined;
	client.on('error', (error: Error) => {
		failure ??= error;
	});
	const abandon = () => {
		// destroy() closes the socket in every state, also while the client is still connecting.
		try {
			client.destroy();
		} catch {
			// Closed already.
		}
	};
	try {
		await withDeadline(
			timeoutMs,
			async () => {
				await client.connect();
				const info = parseInfo(await client.info());
				for (const [key, name] of Object.entries(settings)) {
					if (!PARAMETER_NAME.test(name)) {
						result.errors[key] = `"${name}" is not a Redis INFO field or CONFIG parameter`;
					} else if (CREDENTIAL_PARAMETERS.test(name)) {
						result.errors[key] = `"${name}" holds a credential, which envparity never reads`;
					} else if (info.has(name)) {
						result.values[key] = info.get(name)!;
					} else {
						const value = await configGet((parameter) => client.configGet(parameter), name, result, key);
						if (value !== undefined) result.values[key] = value;
					}
				}
			},
			abandon,
		);
	} catch (error) {
		// The client's own error event says more than the rejected connect ("Socket closed unexpectedly").
		throw failure && !(error instanceof TargetTimeout) ? failure : error;
	} finally {
		abandon();
	}
	return result;
}

async function configGet(
	get: (parameter: string) => Promise<unknown>,
	name: string,
	result: ReadResult,
	key: string,
): Promise<string | undefined> {
	try {
		const answer = (await get(name)) as Record<string, string>;
		const value = answer[name];
		if (value === undefined) result.errors[key] = `Redis has no INFO field or CONFIG parameter "${name}"`;
		return value;
	} catch (error) {
		// Managed services often rename or disable CONFIG: that key is not read, the others are.
		result.errors[key] = `CONFIG GET ${name} failed: ${(error as Error).message}`;
		return undefined;
	}
}

/** The fields of an INFO answer: `name:value` lines, sections and comments left out. */
function parseInfo(text: string): Map<string, string> {
	const fields = new Map<string, string>();
	for (const line of text.split(/\r?\n/)) {
		const at = line.indexOf(':');
		if (at > 0 && !line.startsWith('#')) fields.set(line.slice(0, at), line.slice(at + 1).trim());
	}
	return fields;
}
