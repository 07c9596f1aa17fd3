import { z } from 'zod';
import { aliases, isoDate, person, text } from './shared.ts';

/** Where a change stands in one environment. */
export const propagationStatus = z.enum(['pending', 'applied', 'skipped', 'failed', 'rolled-back']);

/** A propagation status. */
export type PropagationStatus = z.infer<typeof propagationStatus>;

/**
 * A propagation step written as its bare status, e.g. `production: pending`. An applied step needs its date and a skipped
 * one its note, which the bare form cannot hold: each is a missing-field error whose message shows the full form.
 */
export const propagationShorthand = propagationStatus.superRefine((status, ctx) => {
	if (status === 'applied') {
		ctx.addIssue({
			code: 'custom',
			message: 'an applied step needs the date it was applied',
			params: { code: 'missing-field', fullForm: '{ status: applied, date: 2024-02-20 }' },
		});
	}
	if (status === 'skipped') {
		ctx.addIssue({
			code: 'custom',
			message: 'a skipped step needs a note saying why it was skipped',
			params: { code: 'missing-field', fullForm: '{ status: skipped, note: "Not used there." }' },
		});
	}
});

/** A propagation step in full form, e.g. `{ status: applied, date: 2024-01-23, by: "@ana" }`. */
export const propagationStepSchema = z
	.strictObject({
		status: propagationStatus,
		date: isoDate.optional().meta({ description: 'When it happened; required for applied.', examples: ['2024-01-23'] }),
		by: person.optional().meta({ description: 'Who did it.', examples: ['@ana'] }),
		note: z
			.string()
			.optional()
			.meta({ description: 'Why; required for skipped.', examples: ['Not used in dev.'] }),
	})
	.superRefine((step, ctx) => {
		if (step.status === 'applied' && !step.date) {
			ctx.addIssue({
				code: 'custom',
				path: ['date'],
				message: 'an applied step needs the date it was applied, e.g. date: 2024-01-23',
				params: { code: 'missing-field' },
			});
		}
		if (step.status === 'skipped' && !step.note?.trim()) {
			ctx.addIssue({
				code: 'custom',
				path: ['note'],
				message: 'a skipped step needs a note saying why it was skipped',
				params: { code: 'missing-field' },
			});
		}
	});

/** The front matter of `changes/<id>.md`: one configuration change and its propagation. */
export const changeSchema = z
	.strictObject({
		title: text.meta({ description: 'What the change does.', examples: ['Increase Redis connection pool'] }),
		date: isoDate.meta({ description: 'When the change was made.', examples: ['2024-01-22'] }),
		author: person.optional().meta({ description: 'Who made it.', examples: ['@devops-lead'] }),
		reason: text.meta({ description: 'Why it was made.', examples: ['Memory optimisation'] }),
		settings: z
			.record(z.string(), z.unknown())
			.optional()
			.meta({ description: 'Dotted setting key → the value the change sets.', examples: [{ 'redis.pool_size': 20 }] }),
		rollback: text.meta({ description: 'How to undo it.', examples: ['Revert to 10 connections'] }),
		verification: z
			.string()
			.optional()
			.meta({ description: 'How to check that it worked.', examples: ['Connection count in the metrics dashboard'] }),
		propagation: z
			.record(z.string(), z.union([propagationShorthand, propagationStepSchema]))
			.optional()
			.meta({
				description:
					'Environment id → { status, date, by, note }, or the bare status (pending, failed, rolled-back); applied needs a date and skipped a note, so they take the full form. An environment not listed counts as pending.',
				examples: [
					{
						dev: { status: 'applied', date: '2024-01-22' },
						staging: { status: 'applied', date: '2024-01-23', by: '@ana' },
						production: 'pending',
					},
				],
			}),
		aliases: aliases.optional(),
	})
	.meta({ title: 'envparity change', description: 'The front matter of changes/<id>.md.' });

/** A change's validated front matter. */
export type ChangeData = z.infer<typeof changeSchema>;
