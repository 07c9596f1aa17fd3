import { parse, TomlError } from 'smol-toml';
import type { SourceFile } from '../../diagnostics/source-file.ts';
import type { DecodedSource } from '../../schema/source.ts';
import { entriesOf } from './entries.ts';
import { lineSpan, pathKey, positionOf, type KeyPositions } from './text-positions.ts';

/**
 * A TOML file, read with smol-toml: tables become key prefixes (`[database]` then `pool = 20` is `database.pool`),
 * dotted keys split at their dots, an array (also an array of tables) is one value. Dates and times read as their
 * ISO text, so that they compare with the same value written elsewhere.
 */
export function decodeToml(file: SourceFile): DecodedSource {
	let data: unknown;
	try {
		data = parse(file.text);
	} catch (error) {
		if (!(error instanceof TomlError)) throw error;
		const reason = error.message
			.split('\n')[0]!
			.replace(/^Invalid TOML document: /, '')
			.replace(/\.$/, '');
		return {
			path: file.path,
			format: 'toml',
			file,
			entries: [],
			problem: { line: error.line, column: error.column, message: `${reason}; fix the TOML syntax (check quotes, brackets and "=")` },
		};
	}
	const positions = tomlPositions(file.text);
	return { path: file.path, format: 'toml', file, entries: entriesOf(plain(data), (segments) => positionOf(positions, segments)) };
}

/** TOML dates as their ISO text (a local date reads 1979-05-27, a local time 07:32:00.000): a value compares as what it says. */
function plain(value: unknown): unknown {
	if (value instanceof Date) return value.toISOString();
	if (Array.isArray(value)) return value.map(plain);
	if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
	return value;
}

/** Where each key is written: tables (`[a.b]`, `[[a]]`) and `key = value` lines, outside multi-line strings. */
function tomlPositions(text: string): KeyPositions {
	const positions: KeyPositions = new Map();
	let table: string[] = [];
	let inString: string | undefined;
	text.split('\n').forEach((raw, index) => {
		const line = raw.replace(/\r$/, '');
		const number = index + 1;
		if (inString) {
			if (line.split(inString).length % 2 === 0) inString = undefined;
			return;
		}
		const header = /^(\s*)\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$/.exec(line);
		if (header) {
			table = splitKey(header[2]!);
			const column = header[1]!.length + 1;
			positions.set(pathKey(table), {
				key: lineSpan(number, column, line.trim().length),
				value: lineSpan(number, column, line.trim().length),
			});
			return;
		}
		const assignment =
			/^(\s*)((?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*'))*)(\s*=\s*)(.*)$/.exec(
				line,
			);
		if (!assignment) return;
		const [, lead, key, equals, value] = assignment as unknown as [string, string, string, string, string];
		const segments = [...table, ...splitKey(key)];
		const keyColumn = lead.length + 1;
		positions.set(pathKey(segments), {
			key: lineSpan(number, keyColumn, key.length),
			value: lineSpan(number, keyColumn + key.length + equals.length, value.trimEnd().length),
		});
		for (const delimiter of ['"""', "'''"]) if (value.split(delimiter).length === 2) inString = delimiter;
	});
	return positions;
}

/** A TOML key's parts: `a."b.c".d` is a, b.c, d. */
function splitKey(key: string): string[] {
	const parts: string[] = [];
	for (const match of key.matchAll(/\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^.\s]+)\s*(?:\.|$)/g)) {
		const part = match[1]!;
		parts.push(part.startsWith('"') ? (JSON.parse(part) as string) : part.startsWith("'") ? part.slice(1, -1) : part);
	}
	return parts;
}
