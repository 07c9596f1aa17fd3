import type { PropagationStatus } from '../schema/change.ts';
import { daysBetween } from './dates.ts';
import type { Change, Environment } from './project.ts';

/** The overall state of a change across the registry. */
export type ChangeState = 'rolled-back' | 'failed' | 'complete' | 'not-started' | 'in-progress';

/** One environment's step, in full form. */
export interface PropagationStep {
	status: PropagationStatus;
	date?: string;
	by?: string;
	note?: string;
	/** True when the change does not list the environment (it then counts as pending). */
	implicit?: boolean;
}

/** Where a change stands everywhere. */
export interface Propagation {
	state: ChangeState;
	/** Environment id → step, for every environment of the registry, in pipeline order. */
	steps: Record<string, PropagationStep>;
	/** Environment ids where it is pending. */
	pending: string[];
	stalled: boolean;
	/** Environments pending for longer than `pending_after_days`, with how many days. */
	stalledIn: { environment: string; since: string; days: number }[];
	/** Days the longest-waiting pending environment has waited (0 when none). */
	pendingDays: number;
	outOfOrder: boolean;
	/** Later-stage environments applied while an earlier stage is pending or failed. */
	outOfOrderIn: { applied: string; behind: string }[];
}

/** Reads a change's propagation as full steps for every environment; unlisted ones are pending. */
export function propagationSteps(change: Change, environments: readonly Environment[]): Record<string, PropagationStep> {
	const listed = change.data.propagation ?? {};
	const steps: Record<string, PropagationStep> = {};
	for (const env of environments) {
		const entry = listed[env.id];
		if (entry === undefined) steps[env.id] = { status: 'pending', implicit: true };
		else steps[env.id] = typeof entry === 'string' ? { status: entry } : { ...entry };
	}
	return steps;
}

/** Computes a change's propagation state, pending environments, stall and out-of-order hotfixes. */
export function computePropagation(
	change: Change,
	environments: readonly Environment[],
	today: string,
	pendingAfterDays: number,
): Propagation {
	const steps = propagationSteps(change, environments);
	const statuses = environments.map((env) => steps[env.id]!.status);
	const pending = environments.filter((env) => steps[env.id]!.status === 'pending').map((env) => env.id);
	let state: ChangeState;
	if (statuses.includes('rolled-back')) state = 'rolled-back';
	else if (statuses.includes('failed')) state = 'failed';
	else if (statuses.length > 0 && statuses.every((s) => s === 'applied' || s === 'skipped') && statuses.includes('applied'))
		state = 'complete';
	else if (!statuses.includes('applied')) state = 'not-started';
	else state = 'in-progress';

	const stalledIn: Propagation['stalledIn'] = [];
	let pendingDays = 0;
	for (const id of pending) {
		const env = environments.find((e) => e.id === id)!;
		const since = latestAppliedBefore(env.stageIndex, environments, steps) ?? change.data.date;
		const days = Math.max(0, daysBetween(since, today));
		pendingDays = Math.max(pendingDays, days);
		// A rolled-back or failed change waits on a decision, not on propagation.
		if ((state === 'in-progress' || state === 'not-started') && days > pendingAfterDays) stalledIn.push({ environment: id, since, days });
	}

	const outOfOrderIn: Propagation['outOfOrderIn'] = [];
	for (const later of environments) {
		if (steps[later.id]!.status !== 'applied') continue;
		for (const earlier of environments) {
			const status = steps[earlier.id]!.status;
			if (earlier.stageIndex < later.stageIndex && (status === 'pending' || status === 'failed')) {
				outOfOrderIn.push({ applied: later.id, behind: earlier.id });
			}
		}
	}
	return {
		state,
		steps,
		pending,
		stalled: stalledIn.length > 0,
		stalledIn,
		pendingDays,
		outOfOrder: outOfOrderIn.length > 0,
		outOfOrderIn,
	};
}

/** The latest `applied` date among environments of earlier stages, or undefined when none applied. */
function latestAppliedBefore(
	stageIndex: number,
	environments: readonly Environment[],
	steps: Record<string, PropagationStep>,
): string | undefined {
	let latest: string | undefined;
	for (const env of environments) {
		const step = steps[env.id]!;
		if (env.stageIndex < stageIndex && step.status === 'applied' && step.date && (!latest || step.date > latest)) latest = step.date;
	}
	return latest;
}
