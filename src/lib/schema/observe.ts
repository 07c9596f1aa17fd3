import type { YamlSource } from '../diagnostics/positions.ts';
import { z } from 'zod';

/** The keys an observation target reads: setting key → what to read (a server setting's name, or a JSON pointer for http). */
const observedSettings = (what: string, example: Record<string, string>) =>
	z
		.record(z.string(), z.string({ error: `expected ${what}` }), { error: 'expected a map of setting keys to what to read' })
		.refine((map) => Object.keys(map).length > 0, { message: 'expected at least one setting to observe' })
		.meta({ description: `Setting key → ${what}.`, examples: [example] });

const connection = (example: string) =>
	z
		.string({ error: `expected a reference to a connection string, such as "${example}"` })
		.min(1, { message: `expected a reference to a connection string, such as "${example}"` })
		.meta({
			description: 'A reference resolved from the process environment when `envparity observe` runs; never a literal with a password.',
			examples: [example],
		});

const timeout = z
	.number({ error: 'expected a number of seconds' })
	.positive({ message: 'expected a positive number of seconds' })
	.max(120, { message: 'expected at most 120 seconds' })
	.optional()
	.meta({ description: 'Seconds to wait for this target before recording a timeout.', examples: [5] });

/** A PostgreSQL server: each key reads a setting (`SHOW name`, or `server_version`). */
export const postgresTargetSchema = z.strictObject({
	postgres: connection('${PAYMENTS_DB_URL}'),
	settings: observedSettings('a PostgreSQL setting name such as "max_connections"', {
		'database.version': 'server_version',
		'database.max_connections': 'max_connections',
	}),
	timeout,
});

/** A Redis server: each key reads an INFO field or a CONFIG GET parameter. */
export const redisTargetSchema = z.strictObject({
	redis: connection('${REDIS_URL}'),
	settings: observedSettings('an INFO field or CONFIG parameter such as "maxmemory-policy"', {
		'redis.version': 'redis_version',
		'redis.maxmemory_policy': 'maxmemory-policy',
	}),
	timeout,
});

/** An HTTP endpoint answering JSON: each key reads a JSON pointer into the response. */
export const httpTargetSchema = z.strictObject({
	http: z
		.string({ error: 'expected an http(s) address or a reference to one' })
		.min(1)
		.meta({
			description: 'An https:// or http:// address answering JSON, or a reference to one.',
			examples: ['https://pay.example.com/version'],
		}),
	settings: observedSettings('a JSON pointer such as "/version"', { 'app.version': '/version', 'runtime.node': '/runtime/node' }),
	timeout,
});

/** One entry of an environment's `observe`: a running service and the settings to read from it. */
export const observeTargetSchema = z
	.union([postgresTargetSchema, redisTargetSchema, httpTargetSchema], {
		error: 'expected a target with one of postgres, redis or http, and its settings',
	})
	.meta({ description: 'A running service to observe: postgres, redis or http, with the settings to read.' });

/** One validated observation target. */
export type ObserveTargetData = z.infer<typeof observeTargetSchema>;

/** The kinds of service `envparity observe` reads. */
export const OBSERVE_KINDS = ['postgres', 'redis', 'http'] as const;

/** A kind of observed service. */
export type ObserveKind = (typeof OBSERVE_KINDS)[number];

/** The kind of a validated target, from the one field that names its service. */
export function observeKindOf(target: ObserveTargetData): ObserveKind {
	return 'postgres' in target ? 'postgres' : 'redis' in target ? 'redis' : 'http';
}

/** The folder of observations at the content root: `observations/<environment id>.json`. */
export const OBSERVATIONS_FOLDER = 'observations';

/** One target's result in an observations file, described without credentials. */
export const observedTargetSchema = z
	.strictObject({
		kind: z.enum(OBSERVE_KINDS, { error: 'expected "postgres", "redis" or "http"' }),
		target: z.string({ error: 'expected the target as the environment file writes it, such as "${PAYMENTS_DB_URL}"' }).min(1),
		server: z
			.string({ error: 'expected the server as host:port, without user or password' })
			.optional()
			.meta({ description: 'Where the target answered: host:port (and /database), or an address without user, password or query.' }),
		values: z
			.record(z.string(), z.json(), { error: 'expected a map of setting keys to observed values' })
			.meta({ description: 'Each setting key that was read, with the value the service reported.' }),
		errors: z
			.record(z.string(), z.string({ error: 'expected why the key could not be read' }), {
				error: 'expected a map of setting keys to why they could not be read',
			})
			.optional()
			.meta({ description: 'Each setting key that could not be read (a missing JSON pointer, an unknown setting), with why.' }),
		error: z
			.string({ error: 'expected why the target could not be read' })
			.optional()
			.meta({ description: 'Why the whole target could not be read: unreachable, refused, timed out, not JSON.' }),
	})
	.meta({ description: 'One observed target.' });

/** `observations/<env>.json`: what `envparity observe` last read from an environment's running services. */
export const observationsFileSchema = z
	.strictObject({
		observed_at: z.iso
			.datetime({ offset: true, error: 'expected an ISO date-time such as "2026-11-30T06:00:00.000Z"' })
			.meta({ description: 'When the services were read, from the engine clock (ENVPARITY_NOW).' }),
		targets: z.array(observedTargetSchema, { error: 'expected a list of observed targets' }),
	})
	.meta({ title: 'envparity observations', description: 'What envparity observe read from an environment: observations/<env>.json.' });

/** One target's validated result. */
export type ObservedTarget = z.infer<typeof observedTargetSchema>;

/** A validated observations file. */
export type ObservationsData = z.infer<typeof observationsFileSchema>;

/** An observations file parsed with positions: its environment id (from the file name) and its JSON as data, not yet validated. */
export interface ObservationsSource {
	/** The environment id, from `observations/<id>.json`. */
	envId: string;
	source: YamlSource;
	data: unknown;
}
