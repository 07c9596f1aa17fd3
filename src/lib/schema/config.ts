import { z } from 'zod';
import { ID_PATTERN, text } from './shared.ts';

/** `envparity.config.yaml` at the root of the content repository; every field is optional. */
export const configSchema = z.strictObject({
	/** The wiki's title, e.g. `Environment Parity`. */
	title: text.default('Environment Parity'),
	/** The repository's web address, used for edit and history links, e.g. `https://github.com/acme/infra-wiki`. */
	repository: z.url({ message: 'must be a web address such as https://github.com/acme/infra-wiki' }).nullable().default(null),
	/** The branch that edit and history links point at, e.g. `main`. */
	branch: text.default('main'),
	/** Stage names in promotion order, e.g. `[dev, staging, production]`. */
	pipeline: z
		.array(z.string().regex(ID_PATTERN, { message: 'must be lowercase letters, digits and hyphens' }))
		.min(1, { message: 'must name at least one stage' })
		.refine((stages) => new Set(stages).size === stages.length, { message: 'names a stage twice; each stage appears once' })
		.default(['dev', 'staging', 'production']),
	/** A verification older than this many days is stale, e.g. `30`. */
	stale_after_days: z.int().nonnegative().default(30),
	/** A change pending this many days after the previous stage applied it is stalled, e.g. `14`. */
	pending_after_days: z.int().nonnegative().default(14),
	/** Setting-key globs whose values are compared as versions, e.g. `["**.version"]`. */
	version_keys: z.array(z.string()).default(['**.version', '**_version', 'runtime.*']),
	/** Setting-key globs left out of the matrix, e.g. `["**.url"]`. */
	ignore: z.array(z.string()).default([]),
});

/** The validated configuration, with defaults filled in. */
export type Config = z.infer<typeof configSchema>;

/** The configuration used when the repository has no config file. */
export const DEFAULT_CONFIG: Config = configSchema.parse({});
