import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { secretMask, type SecretMask } from '../diagnostics/secret-mask.ts';
import type { ParityModel } from '../model/parity-model.ts';
import { displayValue } from '../model/settings.ts';
import { repositoryLinks } from './links.ts';

/** A place a value was read from: a source file's line, linked to it in `repository` when one is set. */
export interface SourceLink {
	/** `deploy/helm/payments/values-production.yaml:12`. */
	label: string;
	/** The file's name and line only, for a narrow table cell: `values-production.yaml:12`. */
	short: string;
	href?: string;
}

/** What a service said about a key in one environment, beside the declared value. */
export interface ObservedView {
	text: string;
	agrees: boolean;
	/** "today", "1 day ago", "12 days ago". */
	age: string;
	/** "observed on 2026-11-28 (2 days ago)", with ", stale" when the observation is older than `stale_after_days`. */
	when: string;
	stale: boolean;
}

/** Where a value was read from, as a label and a link to the line in `repository` (plain text without one). */
export function sourceLink(model: ParityModel, source: { file: string; line: number } | undefined): SourceLink | null {
	if (!source) return null;
	const href = repositoryLinks(model.config, source.file)?.view(source.line);
	return {
		label: `${source.file}:${source.line}`,
		short: `${source.file.slice(source.file.lastIndexOf('/') + 1)}:${source.line}`,
		...(href ? { href } : {}),
	};
}

/** What the latest observation of an environment says about a key, or null when it did not observe the key. */
export function observedView(model: ParityModel, env: string, key: string, mask?: SecretMask): ObservedView | null {
	const observation = model.observations.get(env);
	const setting = observation?.settings.get(key);
	if (!observation || !setting) return null;
	const age = daysAgo(observation.ageDays);
	return {
		text: displayValue(mask ? mask.value(setting.observed) : setting.observed),
		agrees: setting.agrees,
		age,
		when: `observed on ${observation.observedOn} (${age}${observation.stale ? ', stale' : ''})`,
		stale: observation.stale,
	};
}

/** "today", "1 day ago", "12 days ago". */
export function daysAgo(days: number): string {
	return days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`;
}

const masks = new WeakMap<readonly Diagnostic[], SecretMask>();

/** One mask per analysis (the secrets its problems detected, today or in the history), shared by every page of a build. */
export function maskOf(problems: readonly Diagnostic[]): SecretMask {
	let mask = masks.get(problems);
	if (!mask) masks.set(problems, (mask = secretMask(problems)));
	return mask;
}
