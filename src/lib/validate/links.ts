import { posix } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { ParsedFile } from '../schema/content-files.ts';
import { positionAt } from '../diagnostics/source-file.ts';
import { diagnosticAt } from '../diagnostics/positions.ts';

const LINK_PATTERNS = [
	/\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/g, // [text](target "title")
	/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm, // [label]: target
	/\b(?:href|src)\s*=\s*["']([^"']+)["']/g, // <a href="…">, <img src="…">
];

/** Links in Markdown bodies, and config file paths, that point outside the repository. */
export function checkLinks(files: readonly ParsedFile[]): Diagnostic[] {
	const diagnostics: Diagnostic[] = [];
	for (const file of files) {
		if (file.body) {
			const text = blankCode(file.body.text);
			for (const pattern of LINK_PATTERNS) {
				for (const match of text.matchAll(pattern)) {
					const target = match[1]!;
					if (!escapesRoot(file.file.path, target)) continue;
					const offset = file.body.offset + match.index! + match[0].indexOf(target);
					diagnostics.push({
						file: file.file.path,
						...positionAt(file.file, offset),
						severity: 'error',
						code: 'link-outside-root',
						message: `the link "${target}" points outside the repository, where the published wiki cannot follow it; link a file inside the repository or a full https:// address.`,
					});
				}
			}
		}
		if (file.kind === 'issue' && file.data && typeof file.data === 'object') {
			const paths = (file.data as { config_files?: unknown }).config_files;
			if (!Array.isArray(paths)) continue;
			paths.forEach((path, index) => {
				if (typeof path !== 'string') return;
				if (path.startsWith('/') || /^[a-z]:[\\/]/i.test(path) || escapesRoot('', path)) {
					diagnostics.push(
						diagnosticAt(
							file.source,
							['config_files', index],
							'error',
							'link-outside-root',
							`"${path}" is outside the repository; config_files are paths relative to the repository root, such as nginx/timeout.conf.`,
						),
					);
				}
			});
		}
	}
	return diagnostics;
}

/** Whether a link target, relative to the file that holds it, leaves the repository. */
function escapesRoot(fromFile: string, target: string): boolean {
	if (/^file:/i.test(target)) return true;
	if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('/') || target.startsWith('//')) return false;
	const path = decodeSafe(target.split(/[?#]/)[0]!);
	if (path === '') return false;
	const resolved = posix.normalize(posix.join(posix.dirname(fromFile || 'x'), path));
	return resolved === '..' || resolved.startsWith('../');
}

function decodeSafe(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** Replaces fenced and inline code with spaces, keeping offsets, so links in code samples are not checked. */
function blankCode(text: string): string {
	const blank = (m: string): string => m.replace(/[^\n]/g, ' ');
	return text.replace(/^(\s{0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^\1?\2[ \t]*$|(?![\s\S]))/gm, blank).replace(/`[^`\n]+`/g, blank);
}
