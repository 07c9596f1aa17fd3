import { z } from 'zod';
import { aliases, isoDate, person, referenceList, text } from './shared.ts';

/** The front matter of `runbooks/<id>.md` (or `.mdx`): a procedure with a stable URL. */
export const runbookSchema = z.strictObject({
	/** e.g. `Payment timeout` */
	title: text,
	/** e.g. `"@payments-oncall"` */
	owner: person.optional(),
	/** Environment ids it applies to, e.g. `[production]`. */
	environments: referenceList.optional(),
	/** Related setting keys, e.g. `[load_balancer.timeout_seconds]`. */
	settings: z.array(z.string()).optional(),
	/** Issue ids it helps with, e.g. `[payment-timeout]`. */
	issues: referenceList.optional(),
	/** Incident ticket ids and old ids, e.g. `[RB-7]`. */
	aliases: aliases.optional(),
	/** When to review it again, e.g. `2025-06-01`. */
	review_by: isoDate.optional(),
});

/** A runbook's validated front matter. */
export type RunbookData = z.infer<typeof runbookSchema>;
