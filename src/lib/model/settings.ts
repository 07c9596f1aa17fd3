import type { Span } from '../diagnostics/positions.ts';
import { formatKey } from './setting-key.ts';

/** One flattened setting: its dotted key, the segments (the YAML path under `settings`) and its value. */
export interface FlatSetting {
	key: string;
	segments: string[];
	value: unknown;
	/** Where a value read from a source file is written; absent for a value written inline under `settings`. */
	origin?: SettingOrigin;
}

/** The source file (relative to the content root) and place that a setting's value comes from. */
export interface SettingOrigin {
	file: string;
	span: Span;
	/** Where its key is written, when the format tells. */
	keySpan?: Span;
	/** The text of a value written as a YAML number, so that a version written so can be reported. */
	numberText?: string;
}

/**
 * Flattens nested settings to dotted keys. Scalars, lists and empty maps are values; a list or an
 * empty map is one value, compared as a whole.
 */
export function flattenSettings(settings: Record<string, unknown> | null | undefined): Map<string, FlatSetting> {
	const out = new Map<string, FlatSetting>();
	const walk = (node: Record<string, unknown>, prefix: string[]): void => {
		for (const [name, value] of Object.entries(node)) {
			const segments = [...prefix, name];
			if (isNonEmptyMap(value)) walk(value, segments);
			else out.set(formatKey(segments), { key: formatKey(segments), segments, value });
		}
	};
	if (settings) walk(settings, []);
	return out;
}

function isNonEmptyMap(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0;
}

/**
 * A comparison key for a value: a number and a string with the same text are the same value;
 * lists and maps compare as a whole, map keys in any order.
 */
export function valueIdentity(value: unknown): string {
	return JSON.stringify(normalize(value));
}

function normalize(value: unknown): unknown {
	if (typeof value === 'number' || typeof value === 'bigint') return String(value);
	if (Array.isArray(value)) return value.map(normalize);
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(
			Object.keys(value)
				.sort()
				.map((k) => [k, normalize((value as Record<string, unknown>)[k])]),
		);
	}
	if (value === undefined) return null;
	return value;
}

/** Whether two setting values are the same. */
export function sameValue(a: unknown, b: unknown): boolean {
	// The common cases without building identities: one value, or two different strings or booleans.
	if (a === b) return true;
	if ((typeof a === 'string' || typeof a === 'boolean') && (typeof b === 'string' || typeof b === 'boolean')) return false;
	return valueIdentity(a) === valueIdentity(b);
}

/** A short human rendering of a value for messages and tables. */
export function displayValue(value: unknown): string {
	if (value === undefined) return '(missing)';
	if (typeof value === 'string') return value.includes('\n') ? JSON.stringify(value) : value;
	return JSON.stringify(value);
}
