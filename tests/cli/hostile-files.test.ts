import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSite } from '../helpers/build.ts';
import { cli } from '../helpers/cli.ts';
import { GitRepo } from '../helpers/git-repo.ts';
import { baseline, dedent } from '../helpers/repo.ts';

/** Text that must never be printed: it stands for /etc/passwd, beside the content root. */
const OUTSIDE_TEXT = 'root:x:0:0:root:/root:/bin/bash';

const folders: string[] = [];
afterEach(() => {
	for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A content root holding the valid baseline plus `files`, beside a folder `outside/` that holds OUTSIDE_TEXT. */
function contentRoot(files: Record<string, string> = {}): { root: string; outside: string } {
	const folder = mkdtempSync(join(tmpdir(), 'envparity-hostile-'));
	folders.push(folder);
	const root = join(folder, 'content');
	const outside = join(folder, 'outside');
	for (const [path, text] of Object.entries({
		...baseline(),
		...files,
		'../outside/passwd': OUTSIDE_TEXT,
		'../outside/qa.yaml': `name: QA\nstage: ${OUTSIDE_TEXT}\n`,
	})) {
		mkdirSync(dirname(join(root, path)), { recursive: true });
		writeFileSync(join(root, path), text);
	}
	return { root, outside };
}

/** check at the tests' date, when the baseline has no warning. */
const check = (root: string, ...args: string[]) => cli(['check', '--root', root, ...args], { ENVPARITY_NOW: '2024-03-01' });

/** The problem lines of check's text output (without excerpts and summary). */
const problemLines = (stdout: string): string[] => stdout.split('\n').filter((line) => /^\S+:\d+:\d+ (error|warning) /.test(line));

/** An environment with `count` settings, one line each: about 110 bytes a key. */
function bigEnvironment(count: number): string {
	const lines = ['name: Big', 'stage: staging', 'verified: { date: 2024-02-20, by: "@ana" }', 'settings:'];
	const padding = 'x'.repeat(66);
	for (let i = 0; i < count; i++) lines.push(`  service_setting_${String(i).padStart(7, '0')}: "value-${i}-${padding}"`);
	return `${lines.join('\n')}\n`;
}

const ALIAS_BOMB = dedent(`
	name: QA
	stage: staging
	settings:
	  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
	  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
	  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
	  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
	  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
	  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
	  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
	  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
	  i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`);

describe('the baseline', () => {
	it('checks with no error', async () => {
		const { root } = contentRoot();
		const { code, stdout } = await check(root);
		expect(code).toBe(0);
		expect(problemLines(stdout)).toEqual([]);
	});
});

describe('symbolic links', () => {
	it('reports a config file linked outside the root at the link, without reading or quoting its target', async () => {
		const { root, outside } = contentRoot();
		symlinkSync(join(outside, 'passwd'), join(root, 'envparity.config.yaml'));
		const { code, stdout, stderr } = await check(root);
		expect(code).toBe(1);
		expect(problemLines(stdout)).toEqual([
			'envparity.config.yaml:1:1 error symlink-outside-root: envparity.config.yaml is a symbolic link that leads outside the content root, so it is not followed and not read; put the file or folder itself in the repository instead of the link, or remove it.',
		]);
		expect(stdout + stderr).not.toContain('root:x:0:0');
	});

	it('reports a content folder linked outside the root, and reads none of its files, in every format', async () => {
		const { root } = contentRoot();
		symlinkSync('../../outside', join(root, 'environments', 'shared'));
		for (const format of ['text', 'json', 'github']) {
			const { code, stdout } = await check(root, '--format', format);
			expect(code).toBe(1);
			expect(stdout).toContain('symlink-outside-root');
			expect(stdout).toContain('environments/shared');
			expect(stdout).not.toContain('root:x:0:0');
		}
	});

	it('reads a file linked inside the root as that file, and reports a link to nothing', async () => {
		const { root } = contentRoot();
		symlinkSync('staging.yaml', join(root, 'environments', 'qa.yaml'));
		symlinkSync('gone.md', join(root, 'changes', 'old.md'));
		const { stdout } = await check(root);
		expect(problemLines(stdout).filter((line) => line.includes(' error '))).toEqual([
			'changes/old.md:1:1 error read-error: old.md is a symbolic link to "changes/gone.md", which does not exist, so there is nothing to read; point the link at an existing file or remove it.',
		]);
		// qa.yaml is read as staging.yaml's content, under its own id.
		const exported = JSON.parse((await cli(['export', '--root', root], { ENVPARITY_NOW: '2024-03-01' })).stdout);
		expect(exported.environments.find((e: { id: string }) => e.id === 'qa')).toMatchObject({
			name: 'Staging',
			stage: 'staging',
			file: 'environments/qa.yaml',
		});
	});

	it('refuses to build a site with a content folder linked outside the root, and publishes nothing', () => {
		const { root } = contentRoot();
		symlinkSync('../../outside', join(root, 'runbooks', 'shared'));
		const { status, stdout, stderr, outDir } = buildSite(root);
		expect(status).toBe(1);
		expect(stdout + stderr).toContain('runbooks/shared:1:1 error symlink-outside-root');
		expect(stdout + stderr).not.toContain('root:x:0:0');
		expect(existsSync(outDir)).toBe(false);
	});

	it('pr-report reports a config file linked outside the root in the head, and exits 1', async () => {
		const repo = new GitRepo();
		folders.push(repo.root);
		repo.commit('Baseline', baseline());
		repo.git('checkout', '-q', '-b', 'pr');
		symlinkSync('/etc/passwd', join(repo.root, 'envparity.config.yaml'));
		repo.commit('A link', {});
		const { code, stdout } = await cli(['pr-report', '--root', repo.root, '--base', 'main', '--format', 'json'], {
			ENVPARITY_NOW: '2024-03-01',
		});
		expect(code).toBe(1);
		const json = JSON.parse(stdout);
		expect(json.headErrors.map((p: { file: string; line: number; code: string }) => `${p.file}:${p.line} ${p.code}`)).toEqual([
			'envparity.config.yaml:1 symlink-outside-root',
		]);
		expect(json.files.added).toEqual(['envparity.config.yaml']);
	});
});

describe('large files', () => {
	it('answers at once on a 50 MB environment file: a file-too-large error at its first line, exit 1', async () => {
		const { root } = contentRoot({ 'environments/big.yaml': bigEnvironment(455_903) });
		const { code, stdout } = await check(root);
		expect(code).toBe(1);
		expect(problemLines(stdout)).toEqual([
			'environments/big.yaml:1:1 error file-too-large: big.yaml is 47.3 MB, more than the 5 MB a content file may hold, so it is not parsed; keep the settings that matter for parity in it and leave generated data out.',
		]);
	});

	it('checks a 4 MB environment file of 40,000 keys (it took a minute: duplicate keys and locating were quadratic)', async () => {
		const { root } = contentRoot({ 'environments/big.yaml': bigEnvironment(40_000) });
		const { code, stdout } = await check(root, '--format', 'json');
		expect(code).toBe(0);
		const { problems } = JSON.parse(stdout) as { problems: { file: string; line: number; code: string }[] };
		// Each key the other environments lack is a warning located at its own line.
		const missing = problems.filter((p) => p.code === 'missing-setting' && p.file === 'environments/big.yaml');
		expect(missing).toHaveLength(40_000);
		expect(missing.at(-1)!.line).toBe(40_004);
	});
});

describe('YAML alias bombs', () => {
	it('check reports an alias bomb as a located YAML error, exit 1, not an internal error', async () => {
		const { root } = contentRoot({ 'environments/qa.yaml': ALIAS_BOMB });
		const { code, stdout, stderr } = await check(root);
		expect(code).toBe(1);
		expect(stderr).toBe('');
		expect(problemLines(stdout)).toEqual([
			'environments/qa.yaml:12:10 error yaml-syntax: with its aliases written out, this YAML holds more than 1,000,000 values, so it is not read (aliases of aliases multiply, as in an "alias bomb"); write the values out, or refer to each anchor fewer times.',
		]);
	});

	it('the build refuses an alias bomb with the located error, and prints no stack', () => {
		const { root } = contentRoot({ 'environments/qa.yaml': ALIAS_BOMB });
		const { status, stdout, stderr, outDir } = buildSite(root);
		expect(status).toBe(1);
		expect(stdout + stderr).toContain('environments/qa.yaml:12:10 error yaml-syntax');
		expect(stdout + stderr).not.toMatch(/\n\s+at /);
		expect(existsSync(outDir)).toBe(false);
	});
});
