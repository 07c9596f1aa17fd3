import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diagnosticAt } from '../diagnostics/positions.ts';
import { daysBetween } from '../model/dates.ts';
import type { ParityModel } from '../model/parity-model.ts';

/** Verification freshness (by a person, or by a fresh observation that matches), review dates, and dates that cannot be right (in the future, or resolved before opened). */
export function checkFreshness(model: ParityModel): Diagnostic[] {
	const diagnostics: Diagnostic[] = [];
	const { today, config } = model;
	for (const env of model.environments) {
		const verified = env.data.verified;
		// An invalid environment may lack `verified` because the field is in error, which is reported already.
		if (!verified && env.invalid) continue;
		// A fresh observation that matches every observed key verifies the environment; a future date is still wrong.
		const byObservation = model.freshness.get(env.id)?.byObservation === true;
		if (!verified) {
			if (byObservation) continue;
			diagnostics.push(
				diagnosticAt(
					env.source,
					['name'],
					'warning',
					'verification-stale',
					`${env.data.name} has never been verified; check its settings against the running environment and add verified: { date: ${today}, by: "@you" }.`,
					'key',
				),
			);
		} else if (verified.date > today) {
			diagnostics.push(
				diagnosticAt(
					env.source,
					['verified', 'date'],
					'error',
					'verification-future',
					`the verification date ${verified.date} is after today (${today}); use the date the configuration was actually checked.`,
				),
			);
		} else if (!byObservation) {
			const age = daysBetween(verified.date, today);
			if (age > config.stale_after_days) {
				diagnostics.push(
					diagnosticAt(
						env.source,
						['verified', 'date'],
						'warning',
						'verification-stale',
						`${env.data.name} was last verified ${age} days ago (on ${verified.date}), more than stale_after_days (${config.stale_after_days}); check its settings and update verified.date.`,
					),
				);
			}
		}
	}
	for (const difference of model.differences) {
		const due = difference.data.review_by;
		if (due && due < today) {
			diagnostics.push(
				diagnosticAt(
					difference.source,
					[difference.index, 'review_by'],
					'warning',
					'difference-review-due',
					`the difference for "${difference.data.key}" was due for review on ${due}; confirm it is still intended and move review_by forward, or remove it.`,
				),
			);
		}
	}
	for (const runbook of model.runbooks) {
		const due = runbook.data.review_by;
		if (due && due < today) {
			diagnostics.push(
				diagnosticAt(
					runbook.source,
					['review_by'],
					'warning',
					'runbook-review-due',
					`the runbook "${runbook.data.title}" was due for review on ${due}; walk through the procedure and move review_by forward.`,
				),
			);
		}
	}
	for (const change of model.changes) {
		if (change.data.date > today) {
			diagnostics.push(
				diagnosticAt(
					change.source,
					['date'],
					'warning',
					'date-in-future',
					`the change date ${change.data.date} is after today (${today}); use the date the change was made.`,
				),
			);
		}
		for (const [envId, entry] of Object.entries(change.data.propagation ?? {})) {
			if (typeof entry !== 'string' && entry.date && entry.date > today) {
				diagnostics.push(
					diagnosticAt(
						change.source,
						['propagation', envId, 'date'],
						'warning',
						'date-in-future',
						`the ${entry.status} date ${entry.date} for ${envId} is after today (${today}); record steps once they have happened.`,
					),
				);
			}
		}
	}
	for (const issue of model.issues) {
		const { opened, resolved } = issue.data;
		if (opened > today) {
			diagnostics.push(
				diagnosticAt(issue.source, ['opened'], 'warning', 'date-in-future', `the opened date ${opened} is after today (${today}).`),
			);
		}
		if (resolved && resolved < opened) {
			diagnostics.push(
				diagnosticAt(
					issue.source,
					['resolved'],
					'error',
					'resolved-before-opened',
					`the issue is resolved on ${resolved}, before it was opened on ${opened}; correct one of the dates.`,
				),
			);
		}
	}
	return diagnostics;
}
