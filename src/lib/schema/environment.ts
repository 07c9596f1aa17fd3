import { z } from 'zod';
import { aliases, isoDate, person, text } from './shared.ts';

/** When and by whom an environment's configuration was last checked against reality. */
export const verificationSchema = z.strictObject({
	/** e.g. `2024-01-20` */
	date: isoDate,
	/** e.g. `"@devops-lead"` */
	by: person.optional(),
});

/** `environments/<id>.yaml`: one deployment environment and its settings. */
export const environmentSchema = z.strictObject({
	/** Display name, e.g. `Production`. */
	name: text,
	/** One of the pipeline's stages, e.g. `production`. */
	stage: text,
	/** Optional Markdown describing the environment. */
	description: z.string().optional(),
	/** Who owns it, e.g. `"@devops-lead"`. */
	owner: person.optional(),
	/** Where it runs, e.g. `https://app.example.com`. */
	url: z.string().optional(),
	/** Configuration last verified, e.g. `{ date: 2024-01-20, by: "@devops-lead" }`. */
	verified: verificationSchema.optional(),
	/** Old ids that must keep resolving. */
	aliases: aliases.optional(),
	/** Free-form nested settings, e.g. `{ runtime: { node: 18.17.1 } }`; flattened to dotted keys. */
	settings: z.record(z.string(), z.unknown(), { error: 'expected a map of settings' }).nullable().default({}),
});

/** An environment file's validated data. */
export type EnvironmentData = z.infer<typeof environmentSchema>;
