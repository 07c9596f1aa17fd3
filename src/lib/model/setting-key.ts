/** A segment written plainly in a dotted key; any other segment is written `["…"]`. */
const PLAIN_SEGMENT = /^[A-Za-z0-9_-]+$/;

/** Formats key segments as the canonical dotted key, e.g. `master.nodeSelector["eks.amazonaws.com/capacityType"]`. */
export function formatKey(segments: readonly string[]): string {
	let out = '';
	for (const segment of segments) {
		if (PLAIN_SEGMENT.test(segment)) out += out === '' ? segment : `.${segment}`;
		else out += `[${JSON.stringify(segment)}]`;
	}
	return out;
}

/** Parses a dotted key (or key glob) into segments; null when it is malformed. Accepts `["…"]` and `['…']` segments. */
export function parseKey(key: string): string[] | null {
	const segments: string[] = [];
	let i = 0;
	const n = key.length;
	if (n === 0) return null;
	while (i < n) {
		if (key[i] === '[') {
			const quote = key[i + 1];
			if (quote !== '"' && quote !== "'") return null;
			let j = i + 2;
			while (j < n && key[j] !== quote) j += key[j] === '\\' ? 2 : 1;
			if (j >= n || key[j + 1] !== ']') return null;
			const segment = decodeQuoted(key.slice(i + 1, j + 1));
			if (segment === null) return null;
			segments.push(segment);
			i = j + 2;
			// After `]` comes the end, another `[`, or a dot and a segment.
			if (i < n && key[i] !== '.' && key[i] !== '[') return null;
			if (key[i] === '.') {
				i++;
				if (i >= n) return null;
			}
		} else {
			let j = i;
			while (j < n && key[j] !== '.' && key[j] !== '[') j++;
			const segment = key.slice(i, j).trim();
			if (segment === '') return null;
			segments.push(segment);
			i = j;
			if (key[i] === '.') {
				i++;
				if (i >= n) return null;
			}
		}
	}
	return segments;
}

/** Normalises a key to its canonical form; the input unchanged when it does not parse. */
export function canonicalKey(key: string): string {
	const segments = parseKey(key);
	return segments ? formatKey(segments) : key;
}

/** Decodes a quoted bracket segment: JSON escapes in double quotes, `\'` in single quotes. */
function decodeQuoted(quoted: string): string | null {
	if (quoted.startsWith('"')) {
		try {
			return JSON.parse(quoted) as string;
		} catch {
			return null;
		}
	}
	return quoted.slice(1, -1).replace(/\\(.)/g, '$1');
}
