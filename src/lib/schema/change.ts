import { z } from 'zod';
import { aliases, isoDate, person, text } from './shared.ts';

/** Where a change stands in one environment. */
export const propagationStatus = z.enum(['pending', 'applied', 'skipped', 'failed', 'rolled-back']);

/** A propagation status. */
export type PropagationStatus = z.infer<typeof propagationStatus>;

/** A propagation step in full form, e.g. `{ status: applied, date: 2024-01-23, by: "@ana" }`. */
export const propagationStepSchema = z
	.strictObject({
		status: propagationStatus,
		/** When it happened, e.g. `2024-01-23`; required for `applied`. */
		date: isoDate.optional(),
		/** Who did it, e.g. `"@ana"`. */
		by: person.optional(),
		/** Why, e.g. the reason a step was skipped; required for `skipped`. */
		note: z.string().optional(),
	})
	.superRefine((step, ctx) => {
		if (step.status === 'applied' && !step.date) {
			ctx.addIssue({ code: 'custom', path: ['date'], message: 'an applied step needs the date it was applied, e.g. date: 2024-01-23', params: { code: 'missing-field' } });
		}
		if (step.status === 'skipped' && !step.note?.trim()) {
			ctx.addIssue({ code: 'custom', path: ['note'], message: 'a skipped step needs a note saying why it was skipped', params: { code: 'missing-field' } });
		}
	});

/** The front matter of `changes/<id>.md`: one configuration change and its propagation. */
export const changeSchema = z.strictObject({
	/** e.g. `Increase Redis connection pool` */
	title: text,
	/** When the change was made, e.g. `2024-01-22`. */
	date: isoDate,
	/** e.g. `"@devops-lead"` */
	author: person.optional(),
	/** Why, e.g. `Memory optimisation`. */
	reason: text,
	/** Dotted setting key → the value the change sets, e.g. `{ redis.pool_size: 20 }`. */
	settings: z.record(z.string(), z.unknown()).optional(),
	/** How to undo it, e.g. `Revert to 10 connections`. */
	rollback: text,
	/** How to check it worked, e.g. `Connection count in the metrics dashboard`. */
	verification: z.string().optional(),
	/** Environment id → status, or `{ status, date, by, note }`; an unlisted environment counts as pending. */
	propagation: z.record(z.string(), z.union([propagationStatus, propagationStepSchema])).optional(),
	/** Old ids that must keep resolving. */
	aliases: aliases.optional(),
});

/** A change's validated front matter. */
export type ChangeData = z.infer<typeof changeSchema>;
