import type { Diagnostic } from './diagnostic.ts';

/**
 * Keeps the secrets an analysis detected out of an output. Every output boundary (text excerpts,
 * messages, `export`, `diff`, `pr-report`, the site's data) passes what it prints through one.
 */
export interface SecretMask {
	/** Whether the analysis detected no secret, so that there is nothing to mask. */
	readonly empty: boolean;
	/**
	 * A text with every occurrence of a secret replaced by its masked form (`maskSecret`): the secret
	 * whole, JSON-escaped, one line of a multi-line secret, or a secret cut short and marked with `…`.
	 */
	text(text: string): string;
	/** A setting's value (a scalar, a list or a map): strings masked as text, and a number or boolean that is a secret replaced by its masked form. */
	value(value: unknown): unknown;
	/** A JSON-like document with every string in it masked as text; numbers and the shape are kept. */
	strings<T>(data: T): T;
	/**
	 * One line of a source file, for an excerpt: the spans of the secret diagnostics on it, and every
	 * occurrence of a secret, become asterisks of the same length, so that the caret keeps its column.
	 */
	line(file: string, line: number, text: string): string;
}

/** A redacted rendering of a secret for messages: never the whole value. */
export function maskSecret(value: string): string {
	// Count code points, so that a surrogate pair is neither split nor counted twice.
	const characters = Array.from(value);
	const length = `(${characters.length} ${characters.length === 1 ? 'character' : 'characters'})`;
	if (characters.length <= 8) return `… ${length}`;
	return `${characters.slice(0, 4).join('')}… ${length}`;
}

/**
 * A secret shorter than this is masked only where it stands as a whole word, so that a short literal
 * (`pwd: dev`) does not cut up every word that contains it; from this length on it is masked wherever
 * it occurs, and also where an output cut it short.
 */
const WHOLE_WORD_BELOW = 8;

/** One text to look for: a secret or a form of it, and what replaces it. */
interface Form {
	text: string;
	masked: string;
	wholeWord: boolean;
}

/** The secrets that the diagnostics of an analysis detected (their `secret`), and the spans of the sensitive ones. */
export function secretMask(problems: readonly Diagnostic[]): SecretMask {
	const secrets = new Set<string>();
	const spans = new Map<string, Diagnostic[]>();
	for (const d of problems) {
		if (d.secret !== undefined && d.secret.trim() !== '') secrets.add(d.secret);
		if (d.sensitive) spans.set(d.file, [...(spans.get(d.file) ?? []), d]);
	}
	const forms = formsOf(secrets);
	const scalars = new Set([...secrets].map((s) => s.trim()));

	const text = (input: string): string => {
		if (forms.length === 0 || input === '') return input;
		let out = '';
		let at = 0;
		for (const hit of occurrences(input, forms)) {
			out += input.slice(at, hit.start) + hit.form.masked;
			at = hit.end;
		}
		return out + input.slice(at);
	};

	// Masks every string of a JSON-like value; with `scalars`, also a number or boolean that is a secret.
	const walk = (input: unknown, maskScalars: boolean): unknown => {
		if (typeof input === 'string') return text(input);
		if (maskScalars && (typeof input === 'number' || typeof input === 'bigint' || typeof input === 'boolean')) {
			const literal = String(input);
			return scalars.has(literal) ? maskSecret(literal) : input;
		}
		if (Array.isArray(input)) return input.map((item) => walk(item, maskScalars));
		if (isPlainObject(input)) return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, walk(v, maskScalars)]));
		return input;
	};
	const value = (input: unknown): unknown => (forms.length === 0 ? input : walk(input, true));
	const strings = <T>(data: T): T => (forms.length === 0 ? data : (walk(data, false) as T));

	const line = (file: string, lineNumber: number, input: string): string => {
		// Work in UTF-16 units, as columns do: index i is column i + 1.
		const masked = input.split('');
		const star = (from: number, to: number): void => {
			for (let i = Math.max(0, from); i < Math.min(to, masked.length); i++) masked[i] = '*';
		};
		for (const d of spans.get(file) ?? []) {
			const endLine = d.endLine ?? d.line;
			if (lineNumber < d.line || lineNumber > endLine) continue;
			// A line inside a multi-line span keeps its indentation, so that the excerpt still reads as YAML.
			const from = lineNumber === d.line ? d.column - 1 : input.length - input.trimStart().length;
			const to = lineNumber === endLine && d.endLine !== undefined && d.endColumn !== undefined ? d.endColumn - 1 : input.length;
			star(from, to);
		}
		for (const hit of occurrences(input, forms)) star(hit.start, hit.end);
		return masked.join('');
	};

	return { empty: secrets.size === 0, text, value, strings, line };
}

/** Each secret, its JSON-escaped form and, for a multi-line secret, each of its lines: longest first. */
function formsOf(secrets: ReadonlySet<string>): Form[] {
	const forms = new Map<string, Form>();
	const add = (text: string, masked: string): void => {
		if (text === '' || forms.has(text)) return;
		forms.set(text, { text, masked, wholeWord: text.length < WHOLE_WORD_BELOW });
	};
	for (const secret of secrets) {
		const masked = maskSecret(secret.trim());
		add(secret, masked);
		add(secret.trim(), masked);
		add(JSON.stringify(secret).slice(1, -1), masked);
		if (/[\r\n]/.test(secret)) {
			// A line of a private key on its own (an excerpt, a table cell) is still the secret.
			for (const part of secret.split(/\r?\n|\r/)) {
				const piece = part.trim();
				if (piece.length >= WHOLE_WORD_BELOW) add(piece, maskSecret(piece));
			}
		}
	}
	return [...forms.values()].sort((a, b) => b.text.length - a.text.length);
}

/** The occurrences of the forms in a text, left to right, none overlapping: at one place the longest form wins. */
function occurrences(text: string, forms: readonly Form[]): { start: number; end: number; form: Form }[] {
	const hits: { start: number; end: number; form: Form }[] = [];
	for (const form of forms) {
		if (form.wholeWord) {
			for (let i = text.indexOf(form.text); i >= 0; i = text.indexOf(form.text, i + 1)) {
				const end = i + form.text.length;
				if (isWordChar(text, i - 1) && isWordChar(text, i)) continue;
				if (isWordChar(text, end) && isWordChar(text, end - 1)) continue;
				hits.push({ start: i, end, form });
			}
			continue;
		}
		// Outputs cut long values to a width and end them with `…` (a table cell, a drift message):
		// the part that is left is still the secret.
		const head = form.text.slice(0, WHOLE_WORD_BELOW);
		for (let i = text.indexOf(head); i >= 0; i = text.indexOf(head, i + 1)) {
			let k = head.length;
			while (k < form.text.length && i + k < text.length && text[i + k] === form.text[k]) k++;
			if (k === form.text.length) hits.push({ start: i, end: i + k, form });
			else if (text[i + k] === '…') hits.push({ start: i, end: i + k + 1, form });
		}
	}
	hits.sort((a, b) => a.start - b.start || b.end - a.end);
	const kept: typeof hits = [];
	for (const hit of hits) {
		const last = kept.at(-1);
		if (last && hit.start < last.end) {
			// An overlap: keep one span that covers both, so that no part of either is left.
			if (hit.end > last.end) last.end = hit.end;
			continue;
		}
		kept.push({ ...hit });
	}
	return kept;
}

function isWordChar(text: string, index: number): boolean {
	if (index < 0 || index >= text.length) return false;
	return /[\p{L}\p{N}_]/u.test(text[index]!);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object') return false;
	const proto = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}
