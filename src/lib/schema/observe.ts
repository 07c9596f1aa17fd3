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
