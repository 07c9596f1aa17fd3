import type { ParityModel } from '../../../../src/lib/model/parity-model.ts';
import { createLinks } from '../../../../src/lib/site/links.ts';
import { analyzeFiles, baseline } from '../../../helpers/repo.ts';

/** The route table of a site served at the root. */
export const rootLinks = createLinks('/');

/** The route table of a project site served under a base path, as on GitHub Pages. */
export const wikiLinks = createLinks('/infra-wiki/');

/** A config file that names the repository, which turns on Edit, History and file links. */
export const REPOSITORY = { 'envparity.config.yaml': 'repository: https://github.com/acme/infra-wiki\n' };

/**
 * The model of the baseline with extra or replaced files. Throws on any error, so that a test whose
 * input is invalid (and so silently left out of the model) fails loudly instead of passing vacuously;
 * warnings such as a stalled change or a review due are what some tests are about, and are allowed.
 */
export function modelWith(extra: Record<string, string> = {}, files: Record<string, string> = baseline()): ParityModel {
	const analysis = analyzeFiles({ ...files, ...extra });
	const errors = analysis.problems.filter((p) => p.severity === 'error');
	if (errors.length > 0)
		throw new Error(`invalid test repository: ${errors.map((p) => `${p.file}:${p.line} ${p.code}: ${p.message}`).join('; ')}`);
	return analysis.model;
}

/** `count` files named `<folder>/<prefix>-01.md`, `-02.md`…, each with the text `text(n)` (n from 1). */
export function numbered(count: number, folder: string, prefix: string, text: (n: number) => string): Record<string, string> {
	return Object.fromEntries(
		Array.from({ length: count }, (_, i) => [`${folder}/${prefix}-${String(i + 1).padStart(3, '0')}.md`, text(i + 1)]),
	);
}
