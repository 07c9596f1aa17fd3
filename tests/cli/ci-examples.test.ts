import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { baseline } from '../helpers/repo.ts';
import { stalledFiles, writeRepository } from '../helpers/stalled-repository.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** An example CI file from docs/, parsed. */
function example(file: string): Record<string, unknown> {
	const doc = parseDocument(readFileSync(join(ROOT, 'docs', file), 'utf8'));
	expect(doc.errors.map(String), file).toEqual([]);
	const data = doc.toJS() as Record<string, unknown>;
	// A shell line with ": " in it (a curl header) reads as a map unless it is quoted or a block: each line must be a string.
	const scripts = (value: unknown): unknown[] =>
		Array.isArray(value)
			? value.flatMap(scripts)
			: value !== null && typeof value === 'object'
				? Object.entries(value).flatMap(([key, v]) => (key === 'script' && Array.isArray(v) ? v : scripts(v)))
				: [];
	const lines = scripts(data);
	expect(lines.length).toBeGreaterThan(0);
	for (const line of lines) expect(typeof line, JSON.stringify(line)).toBe('string');
	return data;
}

type Job = {
	script: string[];
	rules?: { if: string }[];
	artifacts?: Record<string, unknown>;
	variables?: Record<string, string>;
	extends?: string;
};

/** The `node -e '…'` programs of a script, as the shell passes them to node. */
function nodePrograms(script: string): string[] {
	return [...script.matchAll(/node -e '([^']*)'/g)].map((m) => m[1]!);
}

/** Runs a program of an example with the pinned Node, in a folder, as the CI runner would. */
function runNode(program: string, cwd: string, env: Record<string, string> = {}): string {
	return execFileSync(process.execPath, ['-e', program], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('docs/gitlab-ci.yml', () => {
	const ci = example('gitlab-ci.yml');
	const job = (name: string) => ci[name] as Job;

	it('checks with a Code Quality report that is kept when check fails', () => {
		expect(job('check').script).toEqual(['npx envparity check --format gitlab > gl-code-quality-report.json']);
		expect(job('check').artifacts).toEqual({ when: 'always', reports: { codequality: 'gl-code-quality-report.json' } });
	});

	it('posts the pr-report of a merge request as one note, with a token from a CI/CD variable only', () => {
		const report = job('parity-report');
		expect(report.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
		expect(report.variables?.GIT_DEPTH).toBe('0');
		const script = report.script.join('\n');
		expect(script).toContain('npx envparity pr-report --base "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" --head "$CI_COMMIT_SHA"');
		expect(script).toContain('<!-- envparity-pr-report -->');
		expect(script).toMatch(/-X PUT[^\n]*\\\n[^\n]*"\$NOTES_URL\/\$NOTE_ID"/);
		// The token is read from the variable, never written into the file, and sent to GitLab's API only.
		expect(script.match(/ENVPARITY_GITLAB_TOKEN/g)!.length).toBeGreaterThan(1);
		for (const line of script.split('\n').filter((l) => l.includes('PRIVATE-TOKEN')))
			expect(line).toContain('"PRIVATE-TOKEN: $ENVPARITY_GITLAB_TOKEN"');
		for (const other of ['check', 'build', 'pages']) expect(JSON.stringify(ci[other])).not.toContain('TOKEN');
	});

	it('finds its own note by the marker and writes the note body as JSON', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'envparity-gitlab-'));
		const { stdout } = await cli(['pr-report', '--help']);
		expect(stdout).toContain('pr-report');
		writeFileSync(join(dir, 'parity-report.md'), '<!-- envparity-pr-report -->\n**envparity:** No change to parity.\n');
		const [findNote, writeBody] = nodePrograms(job('parity-report').script.join('\n'));
		writeFileSync(
			join(dir, 'notes.json'),
			JSON.stringify([
				{ id: 3, body: 'Looks good' },
				{ id: 7, body: '<!-- envparity-pr-report -->\nold' },
			]),
		);
		expect(runNode(findNote!, dir)).toBe('7');
		writeFileSync(join(dir, 'notes.json'), JSON.stringify([{ id: 3, body: 'Looks good' }]));
		expect(runNode(findNote!, dir)).toBe('');
		expect(JSON.parse(runNode(writeBody!, dir))).toEqual({ body: '<!-- envparity-pr-report -->\n**envparity:** No change to parity.\n' });
	});

	it('builds the wiki on merge requests and publishes dist/ with Pages from the default branch only, under its Pages address', () => {
		expect(job('build').extends).toBe('.build-wiki');
		expect(job('build').rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
		expect(job('pages').extends).toBe('.build-wiki');
		expect(job('pages').rules).toEqual([{ if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' }]);
		expect((ci.pages as { pages: unknown }).pages).toEqual({ publish: 'dist' });
		const script = job('.build-wiki').script;
		expect(script.at(-1)).toBe('npm run build');
		const [site, base] = nodePrograms(script.join('\n'));
		expect(runNode(site!, ROOT, { CI_PAGES_URL: 'https://acme.gitlab.io/payments-infra' }).trim()).toBe('https://acme.gitlab.io');
		expect(runNode(base!, ROOT, { CI_PAGES_URL: 'https://acme.gitlab.io/payments-infra' }).trim()).toBe('/payments-infra/');
		expect(runNode(base!, ROOT, { CI_PAGES_URL: 'https://payments.example.com' }).trim()).toBe('/');
	});
});

describe('docs/bitbucket-pipelines.yml', () => {
	const ci = example('bitbucket-pipelines.yml');
	const pipelines = ci.pipelines as {
		'pull-requests': Record<string, { step: { script: string[]; clone: unknown } }[]>;
		branches: Record<string, { step: { script: string[] } }[]>;
	};
	const step = pipelines['pull-requests']['**']![0]!.step;
	const script = step.script.join('\n');

	it('runs the same step on pull requests and on main, with the full history', () => {
		expect(pipelines.branches.main![0]!.step).toEqual(step);
		expect(step.clone).toEqual({ depth: 'full' });
		expect(step.script.at(-2)).toBe('npm run build');
		expect(step.script.at(-1)).toBe('exit "${CHECK_STATUS:-0}"');
	});

	it('posts the report, then each batch of annotations, through the Pipelines proxy', () => {
		expect(script).toContain('npx envparity check --format bitbucket > insights.json || CHECK_STATUS=$?');
		expect(script).toMatch(/curl --proxy http:\/\/localhost:29418 [^\n]*-X PUT [^\n]*--data-binary @report\.json "\$REPORT_URL"/);
		expect(script).toMatch(
			/for batch in annotations-\*\.json; do\n[^\n]*\n\s*curl --proxy http:\/\/localhost:29418 [^\n]*-X POST [^\n]*--data-binary @"\$batch" "\$REPORT_URL\/annotations"\n\s*done/,
		);
	});

	it('splits what check prints into the report and one request body per batch of 100', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'envparity-bitbucket-'));
		const root = writeRepository(stalledFiles(260));
		const { stdout } = await cli(['check', '--format', 'bitbucket', '--root', root]);
		writeFileSync(join(dir, 'insights.json'), stdout);
		const [split] = nodePrograms(script);
		runNode(split!, dir);
		const batches = readdirSync(dir)
			.filter((f) => /^annotations-\d+\.json$/.test(f))
			.sort();
		expect(batches).toEqual([
			'annotations-00.json',
			'annotations-01.json',
			'annotations-02.json',
			'annotations-03.json',
			'annotations-04.json',
			'annotations-05.json',
		]);
		const problems = JSON.parse((await cli(['check', '--format', 'json', '--root', root])).stdout).problems.length;
		expect(problems).toBeGreaterThan(500);
		expect(batches.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).length)).toEqual([100, 100, 100, 100, 100, problems - 500]);
		expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))).toMatchObject({ title: 'envparity', result: 'PASSED' });
	});

	it('writes no annotation file when there is no problem', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'envparity-bitbucket-'));
		const { stdout } = await cli(['check', '--format', 'bitbucket', '--root', writeRepository(baseline())], {
			ENVPARITY_NOW: '2024-03-01',
		});
		expect(JSON.parse(stdout).annotationBatches).toEqual([]);
		writeFileSync(join(dir, 'insights.json'), stdout);
		runNode(nodePrograms(script)[0]!, dir);
		expect(existsSync(join(dir, 'report.json'))).toBe(true);
		expect(readdirSync(dir).filter((f) => f.startsWith('annotations-'))).toEqual([]);
	});

	it("posts pr-report as one comment, in Bitbucket's Markdown, found again by its marker", () => {
		const dir = mkdtempSync(join(tmpdir(), 'envparity-bitbucket-'));
		const [, toComment, findComment] = nodePrograms(script);
		writeFileSync(
			join(dir, 'parity-report.md'),
			'<!-- envparity-pr-report -->\n**envparity:** Resolves 1 undocumented difference.\n\n<sub>Compared a with b.</sub>\n\n<details>\n<summary>Settings changed (1)</summary>\n\n| a | b |\n\n</details>\n',
		);
		runNode(toComment!, dir);
		const raw = JSON.parse(readFileSync(join(dir, 'comment.json'), 'utf8')).content.raw as string;
		expect(raw).toBe(
			'[//]: # (envparity-pr-report)\n**envparity:** Resolves 1 undocumented difference.\n\n_Compared a with b._\n\n**Settings changed (1)**\n\n| a | b |\n\n',
		);
		writeFileSync(
			join(dir, 'comments.json'),
			JSON.stringify({
				values: [
					{ id: 1, deleted: false, content: { raw: 'LGTM' } },
					{ id: 4, deleted: false, content: { raw } },
				],
			}),
		);
		expect(runNode(findComment!, dir)).toBe('4');
		expect(script).toContain('-H "Authorization: Bearer $ENVPARITY_BITBUCKET_TOKEN"');
	});
});
