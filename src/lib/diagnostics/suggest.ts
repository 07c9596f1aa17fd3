import { distance } from 'fastest-levenshtein';

/** The closest candidate to a misspelt name, when one is close enough to be a likely typo. */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
	const needle = input.toLowerCase();
	const list = [...candidates];
	// An abbreviation ("prod" for "production") is a likelier intent than a short unrelated name.
	if (needle.length >= 3) {
		const prefixed = list.filter((c) => c.toLowerCase().startsWith(needle)).sort((a, b) => a.length - b.length);
		if (prefixed[0] !== undefined && prefixed[0].toLowerCase() !== needle) return prefixed[0];
	}
	let best: string | undefined;
	let bestScore = Infinity;
	for (const candidate of list) {
		const score = distance(needle, candidate.toLowerCase());
		if (score < bestScore) {
			best = candidate;
			bestScore = score;
		}
	}
	if (best === undefined) return undefined;
	const limit = Math.max(2, Math.floor(Math.max(input.length, best.length) / 3));
	const prefixHit = best.toLowerCase().startsWith(needle) || needle.startsWith(best.toLowerCase());
	return bestScore <= limit || (prefixHit && needle.length >= 3) ? best : undefined;
}

/** ` (did you mean "x"?)` when a candidate is close, else an empty string. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
	const match = closestMatch(input, candidates);
	return match === undefined ? '' : ` (did you mean "${match}"?)`;
}
