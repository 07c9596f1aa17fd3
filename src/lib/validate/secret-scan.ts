import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { ParsedFile } from '../schema/content-files.ts';
import type { DecodedSource } from '../schema/source.ts';
import { positionAt, type SourceFile } from '../diagnostics/source-file.ts';
import { spanOf, type YamlSource } from '../diagnostics/positions.ts';
import { maskSecret } from '../diagnostics/secret-mask.ts';
import { findSecrets, isCredentialKey, isSecretReference } from './secrets.ts';

const ADVICE =
	'never commit credentials: keep them in a secret manager and write a reference such as ${STRIPE_SECRET_KEY} or vault:secret/payments#stripe, then rotate the exposed value';

/** Credentials in any YAML value or Markdown body, and literals under keys named like credentials; each diagnostic carries the secret it found, for masking. */
export function checkSecrets(files: readonly ParsedFile[]): Diagnostic[] {
	const diagnostics: Diagnostic[] = [];
	for (const file of files) {
		walk(file.source, file.source.doc.contents as Node | null, diagnostics);
		if (file.body) {
			diagnostics.push(...secretsInText(file.file, file.body.offset, file.body.text));
		}
	}
	return diagnostics;
}

function walk(source: YamlSource, node: Node | null, diagnostics: Diagnostic[]): void {
	if (isMap(node)) {
		for (const pair of node.items) {
			const key = isScalar(pair.key) ? String(pair.key.value) : '';
			const value = pair.value as Node | null;
			if (key && isCredentialKey(key) && isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number')) {
				const text = String(value.value).trim();
				if (text !== '' && !isSecretReference(text) && value.range) {
					diagnostics.push({
						file: source.file.path,
						...spanOf(source, value.range[0], value.range[1]),
						severity: 'error',
						code: 'secret-literal',
						sensitive: true,
						secret: text,
						message: `"${key}" holds a literal value (${maskSecret(text)}), and keys named like credentials may only hold references; ${ADVICE}.`,
					});
					continue;
				}
			}
			walk(source, value, diagnostics);
		}
	} else if (isSeq(node)) {
		for (const item of node.items) walk(source, item as Node, diagnostics);
	} else if (isScalar(node) && typeof node.value === 'string' && node.range) {
		for (const match of findSecrets(node.value)) {
			const found = node.value.slice(match.start, match.end);
			// Locate the match in the source text; quoting and folding can shift it within the node.
			const raw = source.file.text.slice(source.offset + node.range[0], source.offset + node.range[1]);
			const at = raw.indexOf(found);
			const start = node.range[0] + (at >= 0 ? at : 0);
			const end = at >= 0 ? start + found.length : node.range[1];
			diagnostics.push({
				file: source.file.path,
				...spanOf(source, start, end),
				severity: 'error',
				code: 'secret-value',
				sensitive: true,
				secret: found,
				message: `this looks like a ${match.kind} (${maskSecret(found)}); ${ADVICE}.`,
			});
		}
	}
}

/**
 * Credentials in the source files that environments read (Helm values, `.env`, TOML, `.tfvars`, manifests): a
 * committed file is as public as the content, so any credential in its text is an error (comments included), and
 * so is a literal under a key named like a credential, as in an environment file.
 */
export function checkSourceSecrets(sources: readonly DecodedSource[]): Diagnostic[] {
	const diagnostics: Diagnostic[] = [];
	const seen = new Set<string>();
	for (const source of sources) {
		// A file decoded in two formats is checked once.
		if (seen.has(source.path)) continue;
		seen.add(source.path);
		const literalLines = new Set<number>();
		for (const entry of source.entries) {
			const key = entry.segments.at(-1) ?? '';
			if (!isCredentialKey(key) || (typeof entry.value !== 'string' && typeof entry.value !== 'number')) continue;
			const text = String(entry.value).trim();
			if (text === '' || isSecretReference(text)) continue;
			literalLines.add(entry.span.line);
			diagnostics.push({
				file: source.path,
				...entry.span,
				severity: 'error',
				code: 'secret-literal',
				sensitive: true,
				secret: text,
				message: `"${key}" holds a literal value (${maskSecret(text)}), and keys named like credentials may only hold references; ${ADVICE}.`,
			});
		}
		diagnostics.push(...secretsInText(source.file, 0, source.file.text).filter((d) => !literalLines.has(d.line)));
	}
	return diagnostics;
}

/**
 * Credentials anywhere in a file's text: for the files envparity writes (observations), which a person could still
 * edit, so that a credential put there is an error (and so masked, and no site is built) like anywhere else.
 */
export function checkTextSecrets(file: SourceFile): Diagnostic[] {
	return secretsInText(file, 0, file.text);
}

/** A `secret-value` error for each credential found in a text that stands at `offset` in its file. */
function secretsInText(file: SourceFile, offset: number, text: string): Diagnostic[] {
	return findSecrets(text).map((match) => {
		const a = positionAt(file, offset + match.start);
		const b = positionAt(file, offset + match.end);
		const found = text.slice(match.start, match.end);
		return {
			file: file.path,
			line: a.line,
			column: a.column,
			endLine: b.line,
			endColumn: b.column,
			severity: 'error',
			code: 'secret-value',
			sensitive: true,
			secret: found,
			message: `this looks like a ${match.kind} (${maskSecret(found)}); ${ADVICE}.`,
		};
	});
}
