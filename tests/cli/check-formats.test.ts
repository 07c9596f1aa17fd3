import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BitbucketInsights } from '../../src/lib/report/code-insights.ts';
import type { CodeQualityIssue } from '../../src/lib/report/code-quality.ts';
import { cli, fixture } from '../helpers/cli.ts';
import { fake } from '../helpers/fake-secrets.ts';
import { baseline } from '../helpers/repo.ts';
import { stalledFiles, writeRepository } from '../helpers/stalled-repository.ts';

const gitlab = async (args: string[] = [], env: Record<string, string> = {}) => {
	const result = await cli(['check', '--format', 'gitlab', ...args], env);
	return { ...result, issues: JSON.parse(result.stdout) as CodeQualityIssue[] };
};

const bitbucket = async (args: string[] = [], env: Record<string, string> = {}) => {
	const result = await cli(['check', '--format', 'bitbucket', ...args], env);
	return { ...result, insights: JSON.parse(result.stdout) as BitbucketInsights };
};

describe('envparity check --format gitlab', () => {
	it('prints the Code Quality report of the example content', async () => {
		const { code, stdout, stderr } = await cli(['check', '--format', 'gitlab']);
		expect(code).toBe(0);
		expect(stdout).toMatchSnapshot();
		expect(stderr).toMatch(/^0 errors, \d+ warnings in \d+ files\n$/);
	});

	it('has every field GitLab reads, with an error as major and a warning as minor', async () => {
		const { code, issues } = await gitlab(['--root', fixture('six-errors')]);
		expect(code).toBe(1);
		expect(issues.length).toBeGreaterThan(6);
		for (const issue of issues) {
			expect(Object.keys(issue).sort()).toEqual(['check_name', 'description', 'fingerprint', 'location', 'severity']);
			expect(issue.fingerprint).toMatch(/^[0-9a-f]{32}$/);
			expect(issue.location.lines.begin).toBeGreaterThan(0);
			expect(issue.location.path).not.toMatch(/^\/|\\/);
		}
		const json = JSON.parse((await cli(['check', '--format', 'json', '--root', fixture('six-errors')])).stdout) as {
			problems: { file: string; line: number; severity: string; code: string; message: string }[];
		};
		expect(issues.map((i) => [i.location.path, i.location.lines.begin, i.severity, i.check_name, i.description])).toEqual(
			json.problems.map((p) => [p.file, p.line, p.severity === 'error' ? 'major' : 'minor', p.code, p.message]),
		);
	});

	it('exits as the other formats do: 0 with warnings, 1 with errors or with --strict and warnings', async () => {
		expect((await gitlab()).code).toBe(0);
		expect((await gitlab(['--strict'])).code).toBe(1);
		expect((await gitlab(['--root', fixture('six-errors')])).code).toBe(1);
	});

	it('gives each problem its own fingerprint', async () => {
		for (const root of [fixture('six-errors'), writeRepository(stalledFiles(300))]) {
			const { issues } = await gitlab(['--root', root]);
			expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
		}
	});

	it('keeps the fingerprints from run to run, day to day, and when lines move', async () => {
		const files = stalledFiles(20);
		files['environments/staging.yaml'] = files['environments/staging.yaml']!.replace('timeout_seconds: 120', 'timeout_seconds: 30');
		const root = writeRepository(files);
		const first = await gitlab(['--root', root]);
		const again = await gitlab(['--root', root]);
		expect(again.stdout).toBe(first.stdout);
		// A week later the messages count more days; the problems are the same.
		const later = await gitlab(['--root', root], { ENVPARITY_NOW: '2024-06-08' });
		expect(later.issues.map((i) => i.description)).not.toEqual(first.issues.map((i) => i.description));
		expect(later.issues.map((i) => i.fingerprint)).toEqual(first.issues.map((i) => i.fingerprint));
		// Lines added above the problems move them, and change nothing else.
		for (const file of ['environments/staging.yaml', 'changes/stalled-0007.md']) {
			const text = readFileSync(join(root, file), 'utf8');
			writeFileSync(
				join(root, file),
				file.endsWith('.yaml') ? `# Staging.\n# Owned by the platform team.\n${text}` : text.replace('---\n', '---\nauthor: "@ana"\n'),
			);
		}
		const moved = await gitlab(['--root', root]);
		const lines = (r: typeof first) =>
			r.issues.filter((i) => /staging\.yaml|stalled-0007/.test(i.location.path)).map((i) => i.location.lines.begin);
		expect(lines(moved)).not.toEqual(lines(first));
		expect(moved.issues.map((i) => i.fingerprint).sort()).toEqual(first.issues.map((i) => i.fingerprint).sort());
	});

	it('gives a new fingerprint when the problem changes', async () => {
		const files = baseline();
		const drift = (value: number) =>
			writeRepository({
				...files,
				'environments/staging.yaml': files['environments/staging.yaml']!.replace('timeout_seconds: 120', `timeout_seconds: ${value}`),
			});
		const a = (await gitlab(['--root', drift(30)])).issues.filter((i) => i.check_name === 'undocumented-drift');
		const b = (await gitlab(['--root', drift(60)])).issues.filter((i) => i.check_name === 'undocumented-drift');
		expect(a).toHaveLength(1);
		expect(b[0]!.fingerprint).not.toBe(a[0]!.fingerprint);
	});

	it('masks secrets as the other formats do', async () => {
		const files = baseline();
		files['environments/production.yaml'] +=
			`  payments: { stripe_key: ${fake.stripeSecret} }\n  db: { password: "Tr0ub4dor-and-3-horses" }\n`;
		const root = writeRepository(files);
		const { stdout, issues } = await gitlab(['--root', root]);
		expect(issues.some((i) => i.location.path === 'environments/production.yaml')).toBe(true);
		expect(stdout).not.toContain(fake.stripeSecret);
		expect(stdout).not.toContain('Tr0ub4dor-and-3-horses');
		const bb = await bitbucket(['--root', root]);
		expect(bb.stdout).not.toContain(fake.stripeSecret);
		expect(bb.stdout).not.toContain('Tr0ub4dor-and-3-horses');
	});
});

describe('envparity check --format bitbucket', () => {
	it('prints the Code Insights report of the example content, linked to the wiki', async () => {
		const { code, stdout } = await cli(['check', '--format', 'bitbucket'], {
			ENVPARITY_SITE: 'https://acme.github.io',
			ENVPARITY_BASE: '/payments-infra/',
		});
		expect(code).toBe(0);
		expect(stdout).toMatchSnapshot();
		expect(JSON.parse(stdout).report.link).toBe('https://acme.github.io/payments-infra/problems/');
	});

	it('fails the report when there are errors, or warnings under --strict, as check exits', async () => {
		const errors = await bitbucket(['--root', fixture('six-errors')]);
		expect(errors.code).toBe(1);
		expect(errors.insights.report.result).toBe('FAILED');
		expect(errors.insights.report).not.toHaveProperty('link');
		const warnings = await bitbucket();
		expect([warnings.code, warnings.insights.report.result]).toEqual([0, 'PASSED']);
		const strict = await bitbucket(['--strict']);
		expect([strict.code, strict.insights.report.result]).toEqual([1, 'FAILED']);
		const annotations = errors.insights.annotationBatches.flat();
		expect(annotations.filter((a) => a.annotation_type === 'BUG').every((a) => a.severity === 'HIGH')).toBe(true);
		expect(annotations.filter((a) => a.annotation_type === 'CODE_SMELL').every((a) => a.severity === 'MEDIUM')).toBe(true);
		expect(errors.insights.report.data).toContainEqual({
			title: 'Errors',
			type: 'NUMBER',
			value: annotations.filter((a) => a.annotation_type === 'BUG').length,
		});
	});

	it('respects the API limits: 1000 annotations, 100 a request, a summary of 450 characters, errors first', async () => {
		const files = stalledFiles(600);
		files['runbooks/zz-broken.md'] = '---\ntitle: Broken\nenvironments: [nowhere]\n---\n\n1. Look.\n';
		const { code, insights } = await bitbucket(['--root', writeRepository(files)]);
		expect(code).toBe(1);
		expect(insights.annotationBatches).toHaveLength(10);
		for (const batch of insights.annotationBatches) expect(batch).toHaveLength(100);
		const annotations = insights.annotationBatches.flat();
		expect(new Set(annotations.map((a) => a.external_id)).size).toBe(1000);
		expect(annotations[0]).toMatchObject({ annotation_type: 'BUG', path: 'runbooks/zz-broken.md' });
		for (const a of annotations) expect(a.summary.length).toBeLessThanOrEqual(450);
		expect(annotations.some((a) => a.summary.endsWith('…') && a.details !== undefined)).toBe(true);
		expect(insights.report.details).toMatch(
			/The first 1000 are annotated \(errors first\); run "npx envparity check" to see the other \d+\./,
		);
	});

	it('refuses an ENVPARITY_SITE that is not an http(s) address, with exit 2', async () => {
		const { code, stdout, stderr } = await cli(['check', '--format', 'bitbucket'], { ENVPARITY_SITE: 'javascript:alert(1)' });
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toContain('ENVPARITY_SITE="javascript:alert(1)" is not an http(s) address');
	});
});
