import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diagnosticAt } from '../diagnostics/positions.ts';
import type { ParityModel } from '../model/parity-model.ts';
import { canonicalKey } from '../model/setting-key.ts';
import { displayValue, sameValue } from '../model/settings.ts';

/** Stalled changes, out-of-order hotfixes, and applied changes that the environment files do not reflect. */
export function checkPropagation(model: ParityModel): Diagnostic[] {
	const diagnostics: Diagnostic[] = [];
	for (const change of model.changes) {
		const propagation = model.propagation.get(change.id)!;
		const listed = change.data.propagation ?? {};
		const pathFor = (envId: string): (string | number)[] =>
			envId in listed ? ['propagation', envId] : listed && Object.keys(listed).length > 0 ? ['propagation'] : ['title'];
		for (const stall of propagation.stalledIn) {
			diagnostics.push(
				diagnosticAt(
					change.source,
					pathFor(stall.environment),
					'warning',
					'change-stalled',
					`"${change.data.title}" has been pending in ${stall.environment} for ${stall.days} days (since ${stall.since}), more than pending_after_days (${model.config.pending_after_days}); apply it there, or mark it skipped with a note.`,
					'key',
				),
			);
		}
		if (propagation.outOfOrder) {
			const ahead = [...new Set(propagation.outOfOrderIn.map((step) => step.applied))];
			const behind = [...new Set(propagation.outOfOrderIn.map((step) => step.behind))];
			const states = behind.map((id) => `${id} (${propagation.steps[id]!.status})`).join(', ');
			diagnostics.push(
				diagnosticAt(
					change.source,
					pathFor(ahead[0]!),
					'warning',
					'change-out-of-order',
					`"${change.data.title}" is applied in ${ahead.join(', ')} ahead of earlier stages: ${states}; carry the hotfix back so the next promotion does not undo it.`,
					'key',
				),
			);
		}
	}
	diagnostics.push(...checkChangesAgainstReality(model));
	return diagnostics;
}

/** Where a change is applied and no later applied change sets the same key, the environment must hold its value. */
function checkChangesAgainstReality(model: ParityModel): Diagnostic[] {
	const diagnostics: Diagnostic[] = [];
	const changes = new Map(model.changes.map((c) => [c.id, c]));
	// Each change's settings with canonical keys, computed once rather than once per environment.
	const settingsOf = new Map(
		model.changes.map((c) => [
			c.id,
			Object.entries(c.data.settings ?? {}).map(([rawKey, value]) => ({ rawKey, key: canonicalKey(rawKey), value })),
		]),
	);
	for (const env of model.environments) {
		// Latest applied change per key, ordered by applied date, then change date, then id.
		const latest = new Map<string, { changeId: string; order: string; value: unknown; rawKey: string }>();
		for (const change of model.changes) {
			const step = model.propagation.get(change.id)!.steps[env.id];
			if (step?.status !== 'applied') continue;
			const order = `${step.date ?? change.data.date}|${change.data.date}|${change.id}`;
			for (const { rawKey, key, value } of settingsOf.get(change.id)!) {
				const current = latest.get(key);
				if (!current || order > current.order) latest.set(key, { changeId: change.id, order, value, rawKey });
			}
		}
		for (const [key, applied] of latest) {
			const setting = env.settings.get(key);
			if (setting && sameValue(setting.value, applied.value)) continue;
			const change = changes.get(applied.changeId)!;
			const actual = setting ? displayValue(setting.value) : 'no value';
			diagnostics.push(
				diagnosticAt(
					change.source,
					['settings', applied.rawKey],
					'warning',
					'change-not-reflected',
					`"${change.id}" is applied in ${env.id} and sets ${key} to ${displayValue(applied.value)}, but ${setting?.origin ? `${setting.origin.file}:${setting.origin.span.line}` : env.file} has ${actual}; update ${setting?.origin ? 'that file' : 'the environment file'} or the change's propagation.`,
				),
			);
		}
	}
	return diagnostics;
}
