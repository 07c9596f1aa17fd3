import { distance } from 'fastest-levenshtein';

/** The closest candidate to a misspelt name, when one is close enough to be a likely typo. */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
	const needle = input.toLowerCase();
	let best: string | undefined;
	let bestScore = Infinity;
	for (const candidate of candidates) {
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
