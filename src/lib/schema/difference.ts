import { z } from 'zod';
import { isoDate, person, risk, text } from './shared.ts';

/** One documented, intentional difference between environments. */
export const differenceSchema = z.strictObject({
	key: text.meta({
		description: 'A setting key or a glob: * matches one segment, ** any number.',
		examples: ['database.engine', 'payments.*.mode'],
	}),
	values: z
		.record(z.string(), z.unknown())
		.optional()
		.meta({
			description: 'The values this difference expects, by environment id or stage name; null means the environment does not set the key.',
			examples: [{ dev: 'sqlite', staging: 'postgresql', production: 'postgresql' }],
		}),
	rationale: text.meta({ description: 'Why the environments differ.', examples: ['Zero-setup local development.'] }),
	risk: risk.meta({ description: 'How risky the difference is.', examples: ['medium'] }),
	mitigation: z
		.string()
		.optional()
		.meta({ description: 'What limits the risk.', examples: ['CI runs the test suite against PostgreSQL.'] }),
	owner: person.optional().meta({ description: 'Who answers for it.', examples: ['@platform'] }),
	review_by: isoDate
		.optional()
		.meta({ description: 'When to review it again; past it, a warning asks for a review.', examples: ['2025-06-01'] }),
});

/** `environments/differences.yaml`: the list of documented differences. */
export const differencesSchema = z.array(differenceSchema, { error: 'expected a list of differences, each starting with "- key:"' }).meta({
	title: 'envparity documented differences',
	description: 'The documented, intentional differences between environments: environments/differences.yaml.',
});

/** A documented difference's validated data. */
export type DifferenceData = z.infer<typeof differenceSchema>;
