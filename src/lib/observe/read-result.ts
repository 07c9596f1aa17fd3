/** A JSON value as an observation stores it. */
export type ObservedValue = string | number | boolean | null | ObservedValue[] | { [key: string]: ObservedValue };

/** What one target gave: each setting key's value, or why that key could not be read. */
export interface ReadResult {
	values: Record<string, ObservedValue>;
	errors: Record<string, string>;
}

/** An empty result to fill. */
export function emptyResult(): ReadResult {
	return { values: {}, errors: {} };
}
