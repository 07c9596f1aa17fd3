import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../helpers/build.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/hostile-urls', import.meta.url));

/** A copy of the hostile-urls fixture with one file's text replaced. */
function copyWith(file: string, from: string, to: string): string {
	const root = join(mkdtempSync(join(tmpdir(), 'envparity-hostile-')), 'content');
	cpSync(FIXTURE, root, { recursive: true });
	const text = readFileSync(join(root, file), 'utf8');
	expect(text).toContain(from);
	writeFileSync(join(root, file), text.replace(from, to));
	return root;
}

describe('the build of a repository with a javascript: address', () => {
	it('builds the fixture itself, whose addresses are odd but http(s)', () => {
		const built = buildSite(FIXTURE);
		expect(built.status, built.stderr).toBe(0);
		expect(existsSync(join(built.outDir, 'environments', 'dev', 'index.html'))).toBe(true);
	}, 240_000);

	it('stops on a javascript: environment url, at the value, and writes no site', () => {
		const root = copyWith(
			'environments/dev.yaml',
			`url: 'https://dev.acme.test/"onmouseover="alert(3)"x="'`,
			'url: javascript:alert(document.domain)',
		);
		const built = buildSite(root);
		expect(built.status).toBe(1);
		expect(built.stdout + built.stderr).toContain(
			'environments/dev.yaml:3:6 error invalid-value: "url" must be a web address starting with https:// or http://, not a "javascript:" address',
		);
		expect(existsSync(built.outDir)).toBe(false);
	}, 240_000);

	it('stops on a javascript: repository address dressed as a GitHub one, and writes no site', () => {
		const root = copyWith(
			'envparity.config.yaml',
			`repository: 'https://github.com/acme/wiki"onmouseover="alert(1)'`,
			`repository: "javascript:alert(document.domain)//github.com/acme/x"`,
		);
		const built = buildSite(root);
		expect(built.status).toBe(1);
		expect(built.stdout + built.stderr).toContain(
			'envparity.config.yaml:3:13 error invalid-value: "repository" must be a web address starting with https:// or http://, not a "javascript:" address',
		);
		expect(existsSync(built.outDir)).toBe(false);
	}, 240_000);
});
