import { z } from 'zod';

/** The formats a source file can be read as; without `format`, the file name tells (see `sourceFormatOf` in load/sources). */
export const SOURCE_FORMATS = ['yaml', 'json', 'toml', 'dotenv', 'tfvars', 'kubernetes'] as const;

/** A source file's format. */
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** One entry of an environment's `sources`: a configuration file (or a glob of them) whose keys join the environment's settings. */
export const sourceSchema = z
	.strictObject({
		file: z
			.string({ error: 'expected a path relative to the content root, such as "deploy/values-production.yaml"' })
			.min(1, { message: 'expected a path relative to the content root, such as "deploy/values-production.yaml"' })
			.meta({
				description:
					'A path or glob relative to the content root, which must stay inside it: deploy/payments/values-production.yaml, deploy/k8s/production/*.yaml.',
				examples: ['deploy/payments/values-production.yaml'],
			}),
		format: z
			.enum(SOURCE_FORMATS)
			.optional()
			.meta({
				description:
					'How to read the file: yaml, json, toml, dotenv, tfvars or kubernetes (manifests). Without it, the name tells: .yaml/.yml, .json, .toml, .env and .env.*, .tfvars.',
				examples: ['kubernetes'],
			}),
		at: z
			.string({ error: 'expected a setting key prefix such as "payments"' })
			.min(1, { message: 'expected a setting key prefix such as "payments"' })
			.optional()
			.meta({ description: "Mount the file's keys under this key prefix.", examples: ['payments'] }),
		select: z
			.string({ error: 'expected a dotted path into the file, such as "api"' })
			.min(1, { message: 'expected a dotted path into the file, such as "api"' })
			.optional()
			.meta({ description: 'Take only this subtree of the file (a dotted path).', examples: ['api'] }),
		ignore: z
			.array(z.string({ error: 'expected a key glob such as "**.podAnnotations"' }))
			.optional()
			.meta({ description: "Key globs, relative to the file's keys, to leave out.", examples: [['**.podAnnotations']] }),
	})
	.meta({
		description: "A configuration file the environment is deployed from; its keys join the environment's settings.",
		examples: [{ file: 'deploy/payments/values-production.yaml', at: 'payments', select: 'api' }],
	});

/** One validated source entry. */
export type SourceData = z.infer<typeof sourceSchema>;
