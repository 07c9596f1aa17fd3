import { parse } from 'dotenv';
import type { SourceFile } from '../../diagnostics/source-file.ts';
import type { DecodedSource, SourceEntry } from '../../schema/source.ts';
import { lineSpan } from './text-positions.ts';

/** An assignment line: `KEY=value`, `export KEY=value` or `KEY: value`, as dotenv reads them. */
const ASSIGNMENT = /^(\s*(?:export\s+)?)([\w.-]+)(\s*=\s*|:\s+)(.*)$/;

/**
 * A dotenv file (`.env`, `.env.production`): each variable is a key of its own (`DATABASE_URL`, not split at dots
 * or underscores), its value a string as dotenv reads it. A line that is neither blank, a comment nor an assignment
 * is a syntax error, where dotenv would skip it silently.
 */
export function decodeDotenv(file: SourceFile): DecodedSource {
	const values = parse(file.text);
	const where = new Map<string, Pick<SourceEntry, 'span' | 'keySpan'>>();
	const lines = file.text.split('\n');
	let quote: string | undefined;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!.replace(/\r$/, '');
		if (quote) {
			// Inside a quoted value that spans lines, until its closing quote.
			if (line.includes(quote)) quote = undefined;
			continue;
		}
		if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
		const match = ASSIGNMENT.exec(line);
		if (!match) {
			const column = line.length - line.trimStart().length + 1;
			return {
				path: file.path,
				format: 'dotenv',
				file,
				entries: [],
				problem: {
					line: i + 1,
					column,
					message: `this line is not a variable assignment; write NAME=value, or start the line with # to make it a comment`,
				},
			};
		}
		const [, lead, name, separator, rest] = match as unknown as [string, string, string, string, string];
		const opening = rest.trimStart()[0];
		if ((opening === '"' || opening === "'" || opening === '`') && rest.trimStart().slice(1).indexOf(opening) < 0) quote = opening;
		const keyColumn = lead.length + 1;
		const valueColumn = keyColumn + name.length + separator.length;
		// A variable written twice takes its last value, as dotenv does.
		where.set(name, { keySpan: lineSpan(i + 1, keyColumn, name.length), span: lineSpan(i + 1, valueColumn, rest.trimEnd().length) });
	}
	const entries = Object.entries(values).map(([name, value]) => ({
		segments: [name],
		value,
		...(where.get(name) ?? { span: lineSpan(1, 1, 1) }),
	}));
	return { path: file.path, format: 'dotenv', file, entries };
}
