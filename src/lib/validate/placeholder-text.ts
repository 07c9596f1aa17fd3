import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diagnosticAt } from '../diagnostics/positions.ts';
import { positionAt } from '../diagnostics/source-file.ts';
import type { FileKind, ParsedFile } from '../schema/content-files.ts';

/** A text that `envparity new` writes for the author to replace, and what to write instead. */
export interface Placeholder {
	text: string;
	/** What the author should write there, for the warning. */
	instead: string;
}

/** The placeholders `envparity new` writes in a change's front matter, by field. */
export const CHANGE_FIELD_PLACEHOLDERS = {
	reason: { text: 'Why this change is needed.', instead: 'why the change was made, e.g. "checkout timed out under peak load"' },
	rollback: { text: 'How to undo it.', instead: 'how to undo the change, e.g. "set redis.pool_size back to 10 and redeploy"' },
	verification: {
		text: 'How to check that it worked.',
		instead: 'how to check that the change worked, e.g. "connection count below 80% in the Redis dashboard"',
	},
} as const satisfies Record<string, Placeholder>;

/** The placeholder paragraphs `envparity new` writes in a body, by kind. */
export const BODY_PLACEHOLDERS = {
	change: {
		text: 'What changes, and what to watch while it rolls out.',
		instead: 'what changes and what to watch while it rolls out, or delete the line',
	},
	runbook: { text: '1. First step.', instead: 'the first step of the procedure, e.g. "1. Check the replica lag in Grafana."' },
} as const satisfies Partial<Record<FileKind, Placeholder>>;

/**
 * Placeholder text that `envparity new` wrote and nobody replaced: a change's reason, rollback or
 * verification, or the placeholder line of a change's or runbook's body, left as written. A warning
 * at the placeholder, saying what to write instead: the file validates, but a reader learns nothing.
 */
export function checkPlaceholders(files: readonly ParsedFile[]): Diagnostic[] {
	const diagnostics: Diagnostic[] = [];
	for (const file of files) {
		if (file.kind === 'change' && isRecord(file.data)) {
			for (const [field, placeholder] of Object.entries(CHANGE_FIELD_PLACEHOLDERS)) {
				const value = file.data[field];
				if (typeof value !== 'string' || value.trim() !== placeholder.text) continue;
				diagnostics.push(
					diagnosticAt(
						file.source,
						[field],
						'warning',
						'placeholder-text',
						`${field} is still the placeholder "${placeholder.text}" that envparity new wrote; replace it with ${placeholder.instead}.`,
					),
				);
			}
		}
		const body = (BODY_PLACEHOLDERS as Partial<Record<FileKind, Placeholder>>)[file.kind];
		if (body && file.body) {
			for (const match of file.body.text.matchAll(/^[ \t]*(.*?)[ \t]*$/gm)) {
				if (match[1] !== body.text) continue;
				const start = file.body.offset + match.index + match[0].indexOf(body.text);
				const from = positionAt(file.file, start);
				const to = positionAt(file.file, start + body.text.length);
				diagnostics.push({
					file: file.file.path,
					...from,
					endLine: to.line,
					endColumn: to.column,
					severity: 'warning',
					code: 'placeholder-text',
					message: `the body still holds the placeholder "${body.text}" that envparity new wrote; replace it with ${body.instead}.`,
				});
			}
		}
	}
	return diagnostics;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}
