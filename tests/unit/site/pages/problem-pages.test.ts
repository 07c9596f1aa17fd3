import { describe, expect, it } from 'vitest';
import type { DiagnosticCode } from '../../../../src/lib/diagnostics/codes.ts';
import type { Diagnostic } from '../../../../src/lib/diagnostics/diagnostic.ts';
import { laterProblemPages, problemGroupPage, problemsPage } from '../../../../src/lib/site/pages/problem-pages.ts';
import { analyzeFiles } from '../../../helpers/repo.ts';
import { edited } from '../site-repo.ts';
import { modelWith, REPOSITORY, rootLinks, wikiLinks } from './page-repo.ts';

function problem(code: DiagnosticCode, line = 3, severity: Diagnostic['severity'] = 'warning'): Diagnostic {
	return { file: 'environments/dev.yaml', line, column: 5, severity, code, message: `${code} here.` };
}

/** `count` drift problems on lines 1, 2, 3… */
function drift(count: number): Diagnostic[] {
	return Array.from({ length: count }, (_, i) => problem('undocumented-drift', i + 1));
}

describe('problemsPage', () => {
	it('says there is nothing to fix when there are no problems', () => {
		const view = problemsPage(modelWith(), rootLinks, []);
		expect([view.lede, view.groups]).toEqual([
			'No problems: every environment is verified, every change has propagated and every difference is documented.',
			[],
		]);
	});

	it('lists a problem of a real analysis in its group, with where it is and its message', () => {
		const analysis = analyzeFiles(edited('environments/production.yaml', 'timeout_seconds: 120', 'timeout_seconds: 30'));
		const view = problemsPage(analysis.model, rootLinks, analysis.problems);
		expect(view.groups.map((g) => [g.id, g.title, g.count, g.problems.map((p) => [p.code, p.tone, p.where])])).toEqual([
			['drift', 'Drift', 1, [['undocumented-drift', 'warn', 'environments/production.yaml:8:37']]],
		]);
	});

	it('counts the problems in the lede and points at the command that lists them', () => {
		expect(problemsPage(modelWith(), rootLinks, drift(2)).lede).toBe(
			'2 warnings. The same list, with codes, comes from npx envparity check.',
		);
	});

	it('says "1 warning" for one problem', () => {
		expect(problemsPage(modelWith(), rootLinks, drift(1)).lede).toBe(
			'1 warning. The same list, with codes, comes from npx envparity check.',
		);
	});

	it('groups problems in page order', () => {
		const view = problemsPage(modelWith(), rootLinks, [
			problem('yaml-syntax', 1, 'error'),
			problem('change-stalled'),
			problem('undocumented-drift'),
		]);
		expect(view.groups.map((g) => [g.id, g.count])).toEqual([
			['drift', 1],
			['changes', 1],
			['other', 1],
		]);
	});

	it('gives an error a bad tone and a warning a warn tone', () => {
		const view = problemsPage(modelWith(), rootLinks, [problem('yaml-syntax', 1, 'error'), problem('secret-value', 2)]);
		expect(view.groups[0]!.problems.map((p) => p.tone)).toEqual(['bad', 'warn']);
	});

	it('links a problem to its file at its line when the repository is set', () => {
		const [item] = problemsPage(modelWith(REPOSITORY), rootLinks, [problem('undocumented-drift', 7)]).groups[0]!.problems;
		expect(item).toEqual({
			code: 'undocumented-drift',
			tone: 'warn',
			where: 'environments/dev.yaml:7:5',
			href: 'https://github.com/acme/infra-wiki/blob/main/environments/dev.yaml#L7',
			page: { href: '/environments/dev/', label: 'Development' },
			message: 'undocumented-drift here.',
		});
	});

	it('links a problem to the wiki page of the entity it is about, without a repository too', () => {
		const model = modelWith();
		const at = (file: string) => problemsPage(model, wikiLinks, [{ ...problem('undocumented-drift'), file }]).groups[0]!.problems[0]!.page;
		expect(at('changes/redis-pool.md')).toEqual({ href: '/infra-wiki/changes/redis-pool/', label: 'Increase Redis connection pool' });
		expect(at('issues/payment-timeout.md')).toEqual({
			href: '/infra-wiki/issues/payment-timeout/',
			label: 'Payment timeout in production',
		});
		expect(at('environments/differences.yaml')).toEqual({ href: '/infra-wiki/differences/', label: 'Documented differences' });
		expect(at('envparity.config.yaml')).toBeUndefined();
	});

	it('does not link a problem without a repository', () => {
		expect(problemsPage(modelWith(), rootLinks, [problem('undocumented-drift')]).groups[0]!.problems[0]).not.toHaveProperty('href');
	});

	it('shows a group of 50 in full', () => {
		const [group] = problemsPage(modelWith(), rootLinks, drift(50)).groups;
		expect([group!.count, group!.problems.length]).toEqual([50, 50]);
		expect(group).not.toHaveProperty('more');
	});

	it('previews the first 50 problems of a larger group and links to its own pages', () => {
		const [group] = problemsPage(modelWith(), wikiLinks, drift(51)).groups;
		expect([group!.count, group!.problems.length, group!.problems.at(-1)!.where]).toEqual([51, 50, 'environments/dev.yaml:50:5']);
		expect(group!.more).toEqual({ href: '/infra-wiki/problems/drift/', label: 'All 51 problems in drift →' });
	});
});

describe('problemGroupPage', () => {
	it('lists one group on one page of up to 200, with a link back to all problems', () => {
		const view = problemGroupPage(modelWith(), wikiLinks, [...drift(200), problem('change-stalled')], 'drift');
		expect([view.title, view.layout.title, view.lede, view.all]).toEqual([
			'Problems: Drift',
			'Problems: Drift · Environment Parity',
			'200 problems, sorted by file and line.',
			'/infra-wiki/problems/',
		]);
		expect([view.page.items.length, view.page.lastPage, view.page.url]).toEqual([200, 1, {}]);
	});

	it('pages a group of more than 200 under the base path', () => {
		const problems = drift(201);
		const first = problemGroupPage(modelWith(), wikiLinks, problems, 'drift');
		expect([first.page.items.length, first.page.url]).toEqual([200, { next: '/infra-wiki/problems/drift/page/2/' }]);
		const second = problemGroupPage(modelWith(), wikiLinks, problems, 'drift', 2);
		expect([second.layout.title, second.page.items.map((p) => p.where), second.page.url]).toEqual([
			'Problems: Drift (page 2) · Environment Parity',
			['environments/dev.yaml:201:5'],
			{ prev: '/infra-wiki/problems/drift/' },
		]);
	});

	it('links each problem of a group page into the repository', () => {
		const view = problemGroupPage(modelWith(REPOSITORY), rootLinks, [problem('change-stalled', 12)], 'changes');
		expect(view.page.items[0]!.href).toBe('https://github.com/acme/infra-wiki/blob/main/environments/dev.yaml#L12');
	});
});

describe('laterProblemPages', () => {
	it('names the pages after the first of each group that needs them', () => {
		expect(laterProblemPages([...drift(401), problem('change-stalled')])).toEqual([
			{ group: 'drift', page: 2 },
			{ group: 'drift', page: 3 },
		]);
	});

	it('names none when every group fits on one page', () => {
		expect(laterProblemPages(drift(200))).toEqual([]);
	});
});
