import { observeKindOf, type ObserveKind, type ObservedTarget, type ObserveTargetData } from '../schema/observe.ts';
import { credentialsOf, describeAddress, describeServer, maskMessage, resolveReference } from './connection.ts';
import { readHttp } from './http.ts';
import { readPostgres } from './postgres.ts';
import type { ReadResult } from './read-result.ts';
import { readRedis } from './redis.ts';

/** How many targets are read at once, each over its own connection. */
export const MAX_OPEN_CONNECTIONS = 16;

/** The seconds a target may take when neither it nor `--timeout` says otherwise. */
export const DEFAULT_TIMEOUT_SECONDS = 5;

/** What observing needs from its surroundings: the variables references resolve from, and the default time per target. */
export interface ObserveOptions {
	env: Record<string, string | undefined>;
	/** Seconds per target without its own `timeout`. */
	timeoutSeconds?: number;
}

const READERS: Record<ObserveKind, (connection: string, settings: Record<string, string>, timeoutMs: number) => Promise<ReadResult>> = {
	postgres: readPostgres,
	redis: readRedis,
	http: readHttp,
};

const DEFAULT_PORTS: Record<ObserveKind, number> = { postgres: 5432, redis: 6379, http: 443 };

/**
 * Reads the targets in parallel (up to MAX_OPEN_CONNECTIONS at once), one connection each, and describes each result without credentials:
 * a target that cannot be read records why (unreachable, refused, timed out, not JSON) instead of
 * failing the others. Never throws for a target.
 */
export async function observeTargets(targets: readonly ObserveTargetData[], options: ObserveOptions): Promise<ObservedTarget[]> {
	const results: ObservedTarget[] = new Array(targets.length);
	let next = 0;
	// At most MAX_OPEN_CONNECTIONS at once: a repository with hundreds of targets must not open hundreds of sockets together.
	const worker = async (): Promise<void> => {
		while (next < targets.length) {
			const index = next++;
			results[index] = await observeTarget(targets[index]!, options);
		}
	};
	await Promise.all(Array.from({ length: Math.min(MAX_OPEN_CONNECTIONS, targets.length) }, worker));
	return results;
}

async function observeTarget(target: ObserveTargetData, options: ObserveOptions): Promise<ObservedTarget> {
	const kind = observeKindOf(target);
	const written = (target as unknown as Record<ObserveKind, string>)[kind];
	const observed: ObservedTarget = { kind, target: written, values: {} };
	const resolved = resolveReference(written, options.env, kind === 'http');
	if (!resolved.ok) return { ...observed, error: resolved.reason };
	const connection = resolved.value;
	const server = kind === 'http' ? describeAddress(connection) : describeServer(connection, DEFAULT_PORTS[kind]);
	if (server) observed.server = server;
	const credentials = credentialsOf(connection);
	const timeoutMs = Math.round((target.timeout ?? options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000);
	try {
		const { values, errors } = await READERS[kind](connection, target.settings, timeoutMs);
		observed.values = values;
		if (Object.keys(errors).length > 0)
			observed.errors = Object.fromEntries(Object.entries(errors).map(([key, why]) => [key, maskMessage(why, credentials)]));
	} catch (error) {
		observed.error = maskMessage(describeError(error), credentials);
	}
	return observed;
}

/** A driver's error in one line: its message, and its cause's (fetch says only "fetch failed"). */
function describeError(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	const parts = [error.message || error.name];
	if (error instanceof AggregateError) for (const inner of error.errors) parts.push(describeError(inner));
	if (error.cause) parts.push(describeError(error.cause));
	return [...new Set(parts.filter(Boolean))].join(': ');
}
