import { z } from 'zod';
import { aliases, isoDate, referenceList, severity, text } from './shared.ts';

/** Where an environment-specific bug stands. */
export const issueStatus = z.enum(['open', 'investigating', 'resolved', 'wont-fix']);

/** Whether an issue in this status still needs work (`open` or `investigating`). */
export function isOpenStatus(status: z.infer<typeof issueStatus>): boolean {
	return status === 'open' || status === 'investigating';
}

/** The front matter of `issues/<id>.md`: an environment-specific bug. */
export const issueSchema = z
	.strictObject({
		title: text.meta({ description: 'What goes wrong, and where.', examples: ['Payment timeout in production'] }),
		status: issueStatus.meta({ description: 'Where the bug stands.', examples: ['resolved'] }),
		severity: severity.meta({ description: 'How severe the bug is.', examples: ['high'] }),
		environments: referenceList
			.min(1, { message: 'must name at least one environment where the bug was observed' })
			.meta({ description: 'Environment ids where it was observed.', examples: [['production']] }),
		reproduced: z
			.record(z.string(), z.boolean({ error: 'expected true or false' }))
			.optional()
			.meta({ description: 'Reproduction attempts elsewhere: environment id → reproduced or not.', examples: [{ staging: false }] }),
		opened: isoDate.meta({ description: 'When it was opened.', examples: ['2024-02-01'] }),
		resolved: isoDate
			.optional()
			.meta({ description: 'When it was resolved; required when the status is resolved.', examples: ['2024-02-03'] }),
		root_cause: z
			.string()
			.optional()
			.meta({ description: 'Why it happened.', examples: ['Production LB timeout (30s) shorter than staging (120s)'] }),
		resolution: z
			.string()
			.optional()
			.meta({ description: 'What fixed it.', examples: ['Raise the LB timeout'] }),
		settings: z
			.array(z.string())
			.optional()
			.meta({ description: 'Related setting keys.', examples: [['load_balancer.timeout_seconds']] }),
		config_files: z
			.array(z.string())
			.optional()
			.meta({ description: 'Related configuration files, relative to the repository root.', examples: [['nginx/timeout.conf']] }),
		changes: referenceList.optional().meta({ description: 'Related change ids.', examples: [['raise-lb-timeout']] }),
		runbooks: referenceList.optional().meta({ description: 'Runbook ids.', examples: [['payment-timeout']] }),
		aliases: aliases.optional(),
	})
	.superRefine((issue, ctx) => {
		if (issue.status === 'resolved' && !issue.resolved) {
			ctx.addIssue({
				code: 'custom',
				path: ['resolved'],
				message: 'a resolved issue needs the date it was resolved, e.g. resolved: 2024-02-03',
				params: { code: 'missing-field' },
			});
		}
	})
	.meta({ title: 'envparity issue', description: 'The front matter of issues/<id>.md.' });

/** An issue's validated front matter. */
export type IssueData = z.infer<typeof issueSchema>;
