import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { SecretMask } from '../diagnostics/secret-mask.ts';
import { lineText, type SourceFile } from '../diagnostics/source-file.ts';

/**
 * A fingerprint per problem, in the order given: the same problem keeps its fingerprint from run to
 * run, and no two problems of one run share one. GitLab's Code Quality widget and Bitbucket's
 * annotations tell new problems from old ones by it.
 *
 * The identity hashed (SHA-256, 32 hex digits) is position-independent: the code, the file, the text
 * of the problem's line (trimmed, secrets masked) and the message with its numbers left out. A line
 * added or removed elsewhere in the file moves the problem without changing it; a count of days that
 * grows every day ("last verified 31 days ago") does not make it a new problem either. Two problems
 * with the same identity (the same line twice in one file, such as a repeated `version: "14"`) are
 * told apart by their order in the file.
 */
export function problemFingerprints(problems: readonly Diagnostic[], sources: ReadonlyMap<string, SourceFile>, mask: SecretMask): string[] {
	const seen = new Map<string, number>();
	return problems.map((d) => {
		const source = sources.get(d.file);
		const line = source ? mask.line(d.file, d.line, lineText(source, d.line)).trim() : '';
		const message = mask.text(d.message).replace(/\d+/g, '#');
		const identity = [d.code, d.file, line, message].join('\0');
		const occurrence = seen.get(identity) ?? 0;
		seen.set(identity, occurrence + 1);
		return createHash('sha256')
			.update(occurrence === 0 ? identity : `${identity}\0${occurrence}`)
			.digest('hex')
			.slice(0, 32);
	});
}
