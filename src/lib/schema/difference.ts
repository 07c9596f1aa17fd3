import { z } from 'zod';
import { isoDate, person, risk, text } from './shared.ts';

/** One documented, intentional difference between environments. */
export const differenceSchema = z.strictObject({
	/** A setting key or a glob, e.g. `database.engine` or `payments.*.mode`. */
	key: text,
	/** The values this difference expects, by environment id or stage, e.g. `{ dev: sqlite, production: postgresql }`. */
	values: z.record(z.string(), z.unknown()).optional(),
	/** Why the environments differ, e.g. `Zero-setup local development.` */
	rationale: text,
	/** `low`, `medium` or `high`. */
	risk,
	/** What limits the risk, e.g. `CI runs the test suite against PostgreSQL.` */
	mitigation: z.string().optional(),
	/** Who answers for it, e.g. `"@platform"`. */
	owner: person.optional(),
	/** When to review it again, e.g. `2025-06-01`; past it, a warning asks for a review. */
	review_by: isoDate.optional(),
});

/** `environments/differences.yaml`: the list of documented differences. */
export const differencesSchema = z.array(differenceSchema, { error: 'expected a list of differences, each starting with "- key:"' });

/** A documented difference's validated data. */
export type DifferenceData = z.infer<typeof differenceSchema>;
