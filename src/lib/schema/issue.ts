import { z } from 'zod';
import { aliases, isoDate, referenceList, severity, text } from './shared.ts';

/** Where an environment-specific bug stands. */
export const issueStatus = z.enum(['open', 'investigating', 'resolved', 'wont-fix']);

/** The front matter of `issues/<id>.md`: an environment-specific bug. */
export const issueSchema = z
	.strictObject({
		/** e.g. `Payment timeout in production` */
		title: text,
		/** `open`, `investigating`, `resolved` or `wont-fix`. */
		status: issueStatus,
		/** `low`, `medium`, `high` or `critical`. */
		severity,
		/** Environment ids where it was observed, e.g. `[production]`. */
		environments: referenceList.min(1, { message: 'must name at least one environment where the bug was observed' }),
		/** Reproduction attempts elsewhere: environment id → reproduced or not, e.g. `{ staging: false }`. */
		reproduced: z.record(z.string(), z.boolean({ error: 'expected true or false' })).optional(),
		/** e.g. `2024-02-01` */
		opened: isoDate,
		/** Required when the status is `resolved`, e.g. `2024-02-03`. */
		resolved: isoDate.optional(),
		/** e.g. `Production LB timeout (30s) shorter than staging (120s)` */
		root_cause: z.string().optional(),
		/** e.g. `Raise the LB timeout` */
		resolution: z.string().optional(),
		/** Related setting keys, e.g. `[load_balancer.timeout_seconds]`. */
		settings: z.array(z.string()).optional(),
		/** Related configuration files, relative to the repository root, e.g. `[nginx/timeout.conf]`. */
		config_files: z.array(z.string()).optional(),
		/** Related change ids, e.g. `[raise-lb-timeout]`. */
		changes: referenceList.optional(),
		/** Runbook ids, e.g. `[payment-timeout]`. */
		runbooks: referenceList.optional(),
		/** Incident ticket ids and old ids, e.g. `[INC-2041]`. */
		aliases: aliases.optional(),
	})
	.superRefine((issue, ctx) => {
		if (issue.status === 'resolved' && !issue.resolved) {
			ctx.addIssue({ code: 'custom', path: ['resolved'], message: 'a resolved issue needs the date it was resolved, e.g. resolved: 2024-02-03', params: { code: 'missing-field' } });
		}
	});

/** An issue's validated front matter. */
export type IssueData = z.infer<typeof issueSchema>;
