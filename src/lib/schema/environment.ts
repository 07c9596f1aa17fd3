import { z } from 'zod';
import { observeTargetSchema } from './observe.ts';
import { aliases, isoDate, person, text, webUrl } from './shared.ts';
import { sourceSchema } from './source.ts';

/** When and by whom an environment's configuration was last checked against reality. */
export const verificationSchema = z
	.strictObject({
		date: isoDate.meta({ description: 'The day the configuration was checked against the running environment.', examples: ['2024-01-20'] }),
		by: person.optional().meta({ description: 'Who checked it.', examples: ['@devops-lead'] }),
	})
	.meta({
		description: 'Configuration last verified; older than stale_after_days is stale.',
		examples: [{ date: '2024-01-20', by: '@devops-lead' }],
	});

/** `environments/<id>.yaml`: one deployment environment and its settings. */
export const environmentSchema = z
	.strictObject({
		name: text.meta({ description: 'Display name.', examples: ['Production'] }),
		stage: text.meta({
			description: "One of the pipeline's stages (envparity.config.yaml); several environments may share a stage.",
			examples: ['production'],
		}),
		description: z
			.string()
			.optional()
			.meta({ description: 'Optional Markdown describing the environment.', examples: ['Customer-facing, two regions.'] }),
		owner: person.optional().meta({ description: 'Who owns it.', examples: ['@devops-lead'] }),
		url: webUrl('https://app.example.com')
			.optional()
			.meta({ description: 'Where it runs: a web address starting with https:// or http://.', examples: ['https://app.example.com'] }),
		verified: verificationSchema.optional(),
		aliases: aliases.optional(),
		sources: z
			.array(sourceSchema, { error: 'expected a list of sources' })
			.optional()
			.meta({
				description: 'Configuration files whose keys join the settings: Helm values, .env, TOML, .tfvars, JSON or Kubernetes manifests.',
				examples: [[{ file: 'deploy/payments/values-production.yaml', at: 'payments' }]],
			}),
		observe: z
			.array(observeTargetSchema, { error: 'expected a list of observation targets' })
			.optional()
			.meta({
				description: 'Running services that `envparity observe` reads: PostgreSQL, Redis or an HTTP endpoint answering JSON.',
				examples: [[{ postgres: '${PAYMENTS_DB_URL}', settings: { 'database.max_connections': 'max_connections' } }]],
			}),
		settings: z
			.record(z.string(), z.unknown(), { error: 'expected a map of settings' })
			.nullable()
			.default({})
			.meta({
				description:
					'Free-form nested settings, as real configuration files are; flattened to dotted keys such as database.version. Quote versions.',
				examples: [{ runtime: { node: '18.17.1' }, database: { engine: 'postgresql', version: '15.2' } }],
			}),
	})
	.meta({ title: 'envparity environment', description: 'One deployment environment: environments/<id>.yaml.' });

/** An environment file's validated data. */
export type EnvironmentData = z.infer<typeof environmentSchema>;
