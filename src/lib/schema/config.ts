import { z } from 'zod';
import { ID_PATTERN, text, webUrl } from './shared.ts';

/** `envparity.config.yaml` at the root of the content repository; every field is optional. */
export const configSchema = z
	.strictObject({
		title: text.default('Environment Parity').meta({ description: "The wiki's title.", examples: ['Environment Parity'] }),
		repository: webUrl('https://github.com/acme/infra-wiki')
			.nullable()
			.default(null)
			.meta({
				description: "The repository's web address, starting with https:// or http://, for Edit and History links.",
				examples: ['https://github.com/acme/infra-wiki'],
			}),
		branch: text.default('main').meta({ description: 'The branch that Edit and History links point at.', examples: ['main'] }),
		pipeline: z
			.array(z.string().regex(ID_PATTERN, { message: 'must be lowercase letters, digits and hyphens' }))
			.min(1, { message: 'must name at least one stage' })
			.refine((stages) => new Set(stages).size === stages.length, { message: 'names a stage twice; each stage appears once' })
			.default(['dev', 'staging', 'production'])
			.meta({ description: 'Stage names in promotion order.', examples: [['dev', 'staging', 'production']] }),
		stale_after_days: z
			.int()
			.nonnegative()
			.default(30)
			.meta({ description: 'A verification older than this many days is stale.', examples: [30] }),
		pending_after_days: z
			.int()
			.nonnegative()
			.default(14)
			.meta({ description: 'A change pending this many days after the previous stage applied it is stalled.', examples: [14] }),
		applied_date_tolerance_days: z
			.int()
			.nonnegative()
			.default(7)
			.meta({
				description:
					"How many days a change's applied date may lie from the commit that put its value in the environment file before check reports it (change-applied-date-mismatch).",
				examples: [7],
			}),
		version_keys: z
			.array(z.string())
			.default(['**.version', '**_version', 'runtime.*'])
			.meta({
				description: 'Setting-key globs whose values are compared as versions.',
				examples: [['**.version', '**_version', 'runtime.*']],
			}),
		ignore: z
			.array(z.string())
			.default([])
			.meta({ description: 'Setting-key globs left out of the matrix.', examples: [['**.url']] }),
		release_tags: text
			.nullable()
			.default(null)
			.meta({
				description:
					"The git tags that count as releases, as a glob over the tag's name (* stops at a slash, ** crosses it); null: every tag. The wiki's matrix compares with the previous release.",
				examples: ['v*', 'release/**'],
			}),
	})
	.meta({
		title: 'envparity configuration',
		description: 'envparity.config.yaml at the root of the content repository; every field is optional.',
	});

/** The validated configuration, with defaults filled in. */
export type Config = z.infer<typeof configSchema>;

/** The configuration used when the repository has no config file. */
export const DEFAULT_CONFIG: Config = configSchema.parse({});
