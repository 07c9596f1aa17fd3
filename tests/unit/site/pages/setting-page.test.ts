import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeRootWithHistory } from '../../../../src/lib/engine.ts';
import { keyOfSettingSlug, settingSlug } from '../../../../src/lib/site/links.ts';
import { settingKeys, settingPage, TIMELINE_PER_ENVIRONMENT, TIMELINE_ROWS } from '../../../../src/lib/site/pages/setting-page.ts';
import { matrixSincePage, sincePoints } from '../../../../src/lib/site/pages/matrix-since-page.ts';
import { thenAndNow } from '../../../../src/lib/site/pages/then-and-now.ts';
import { computeTimelines } from '../../../../src/lib/model/timeline.ts';
import { GitRepo } from '../../../helpers/git-repo.ts';
import { baseline, NOW } from '../../../helpers/repo.ts';
import { REPOSITORY, wikiLinks } from './page-repo.ts';

const repos: GitRepo[] = [];
afterAll(() => repos.forEach((repo) => rmSync(repo.root, { recursive: true, force: true })));

/** The baseline in git: production's timeout 30 on 2024-01-10, raised to 120 on 2024-02-03 (after the bug opened on 2024-02-01). */
function timeoutHistory(): { repo: GitRepo; fix: string } {
	const repo = new GitRepo();
	repos.push(repo);
	const files: Record<string, string> = { ...baseline(), ...REPOSITORY };
	const production = files['environments/production.yaml']!;
	repo.commit(
		'Start the wiki',
		{ ...files, 'environments/production.yaml': production.replace('timeout_seconds: 120', 'timeout_seconds: 30') },
		'2024-01-10',
	);
	const fix = repo.commit('production: timeout 30 → 120', { 'environments/production.yaml': production }, '2024-02-03');
	return { repo, fix };
}

describe('settingSlug', () => {
	it('keeps letters, digits, dots, dashes and underscores, and writes every other byte as ~XX', () => {
		expect(settingSlug('load_balancer.timeout-seconds')).toBe('load_balancer.timeout-seconds');
		expect(settingSlug('servers[0].host')).toBe('servers~5B0~5D.host');
		expect(settingSlug('a/b c~d')).toBe('a~2Fb~20c~7Ed');
		expect(settingSlug('.env')).toBe('~2Eenv');
		expect(settingSlug('é')).toBe('~C3~A9');
	});

	it('is reversible', () => {
		for (const key of ['servers[0].host', 'a/b c~d', '.env', 'labels["app.kubernetes.io/name"]', 'é.ü'])
			expect(keyOfSettingSlug(settingSlug(key))).toBe(key);
	});

	it('gives the page a path under the base', () => {
		expect(wikiLinks.setting('servers[0].host')).toBe('/infra-wiki/settings/servers~5B0~5D.host/');
	});
});

describe('settingPage', () => {
	it('has a page for every row of the matrix', async () => {
		const { repo } = timeoutHistory();
		const { analysis } = await analyzeRootWithHistory(repo.root, { now: NOW });
		expect(settingKeys(analysis.model)).toEqual(analysis.model.matrix.map((row) => row.key));
	});

	it('shows the value in every environment, the bugs that name it, and its timeline newest first with linked commits', async () => {
		const { repo, fix } = timeoutHistory();
		const { analysis, timelines } = await analyzeRootWithHistory(repo.root, { now: NOW });
		const view = settingPage(analysis.model, wikiLinks, timelines, analysis.problems, 'load_balancer.timeout_seconds');
		expect(view.status).toBe('same');
		expect(view.values.map((v) => [v.name, v.text, v.href])).toEqual([
			['Development', '120', '/infra-wiki/environments/dev/'],
			['Staging', '120', '/infra-wiki/environments/staging/'],
			['Production', '120', '/infra-wiki/environments/production/'],
		]);
		expect(view.columns).toEqual({ source: false, observed: false });
		expect(view.issues.items).toEqual([{ href: '/infra-wiki/issues/payment-timeout/', title: 'Payment timeout in production' }]);
		expect(view.difference).toBeNull();
		// One table: the first commit gave dev and staging the same value, one row that lists them.
		const rows = view.timeline.rows;
		expect(rows.map((r) => [r.date, r.environments, r.event, r.text, r.commit.label])).toEqual([
			['2024-02-03', ['Production'], 'changed', '120', fix.slice(0, 7)],
			['2024-01-10', ['Development', 'Staging'], 'added', '120', expect.any(String)],
			['2024-01-10', ['Production'], 'added', '30', rows[1]!.commit.label],
		]);
		expect(rows[0]!.commit.href).toBe(`https://github.com/acme/infra-wiki/commit/${fix}`);
		expect(rows[0]!.author).toBe('Ana');
		expect(rows[2]!.note).toMatch(/first commit/);
		expect([view.timeline.note, view.timeline.partial]).toEqual([null, null]);
	});

	it('shows the difference that documents a key, and the changes that set it with their propagation', async () => {
		const { repo } = timeoutHistory();
		const { analysis, timelines } = await analyzeRootWithHistory(repo.root, { now: NOW });
		expect(settingPage(analysis.model, wikiLinks, timelines, analysis.problems, 'database.engine').difference).toMatchObject({
			href: '/infra-wiki/differences/#difference-1',
			rationale: 'Zero-setup local development.',
			risk: 'medium',
		});
		const pool = settingPage(analysis.model, wikiLinks, timelines, analysis.problems, 'redis.pool_size');
		expect(pool.changes).toEqual([
			{
				href: '/infra-wiki/changes/redis-pool/',
				title: 'Increase Redis connection pool',
				value: '20',
				state: expect.any(String),
				steps: [
					{ env: 'Development', status: 'applied 2024-02-20' },
					{ env: 'Staging', status: 'applied 2024-02-21' },
					{ env: 'Production', status: 'applied 2024-02-22' },
				],
			},
		]);
	});

	it('masks a secret that a commit held, in the timeline and in the commit subjects', async () => {
		const repo = new GitRepo();
		repos.push(repo);
		const files = baseline();
		const secret = 'Zq8rT2vLx9Wm4Kp7';
		const withPassword = (value: string) =>
			Object.fromEntries(
				['dev', 'staging', 'production'].map((env) => [
					`environments/${env}.yaml`,
					files[`environments/${env}.yaml`]!.replace('database: { engine:', `database: { password: "${value}", engine:`),
				]),
			);
		repo.commit('Start', files, '2024-01-01');
		repo.commit(`add the password ${secret}`, withPassword(secret), '2024-01-02');
		repo.commit('use a reference', withPassword('${DB_PASSWORD}'), '2024-01-03');
		const { analysis, timelines } = await analyzeRootWithHistory(repo.root, { now: NOW });
		expect(analysis.problems.some((p) => p.code === 'secret-in-history')).toBe(true);
		const view = settingPage(analysis.model, wikiLinks, timelines, analysis.problems, 'database.password');
		const text = JSON.stringify(view);
		expect(text).not.toContain(secret);
		expect(view.timeline.rows.map((r) => [r.environments, r.text])).toEqual([
			[['Development', 'Staging', 'Production'], '${DB_PASSWORD}'],
			[['Development', 'Staging', 'Production'], 'Zq8r… (16 characters)'],
		]);
	});

	it('caps a long timeline and says how many commits it leaves out', async () => {
		const repo = new GitRepo();
		repos.push(repo);
		const files = baseline();
		const devFile = files['environments/dev.yaml']!;
		repo.commit('Start', files, '2024-01-01');
		for (let i = 1; i <= 11; i++)
			repo.commit(
				`pool ${i}`,
				{ 'environments/dev.yaml': devFile.replace('pool_size: 20', `pool_size: ${20 + i}`) },
				`2024-01-${String(i + 1).padStart(2, '0')}`,
			);
		repo.commit('pool back', { 'environments/dev.yaml': devFile }, '2024-01-20');
		const { analysis, timelines } = await analyzeRootWithHistory(repo.root, { now: NOW });
		const view = settingPage(analysis.model, wikiLinks, timelines, analysis.problems, 'redis.pool_size');
		const dev = view.timeline.rows.filter((r) => r.environments.includes('Development'));
		expect(dev).toHaveLength(TIMELINE_PER_ENVIRONMENT);
		expect(dev.every((r) => r.environments.length === 1)).toBe(true);
		expect(dev[0]!.text).toBe('20');
		expect(view.timeline.rows.at(-1)).toMatchObject({ date: '2024-01-01', environments: ['Staging', 'Production'], text: '20' });
		expect(view.timeline.capped).toBe(
			'5 earlier changes of its value are not shown here (at most 8 per environment, 60 in all); npx envparity history redis.pool_size prints them all.',
		);
	});

	it('shows at most 60 changes of the value in all, newest first', async () => {
		const { repo } = timeoutHistory();
		const { analysis } = await analyzeRootWithHistory(repo.root, { now: NOW });
		// Nine former environments, each with its value changed on eight days: 72 changes.
		const commits = Array.from({ length: 8 }, (_, day) => ({
			hash: `${String(day + 1).padStart(2, '0')}${'a'.repeat(38)}`,
			date: `2024-01-${String(day + 1).padStart(2, '0')}`,
			author: 'Ana',
			subject: `day ${day + 1}`,
		}));
		const versions = commits.flatMap((_, commit) =>
			Array.from({ length: 9 }, (__, env) => ({
				commit,
				path: `environments/old-${env + 1}.yaml`,
				settings: { redis: { pool_size: 100 * (env + 1) + commit } },
				aliases: [],
			})),
		);
		const timelines = computeTimelines({ commits, versions, shallow: false }, analysis.model.environments);
		const view = settingPage(analysis.model, wikiLinks, timelines, analysis.problems, 'redis.pool_size');
		expect(view.timeline.rows).toHaveLength(TIMELINE_ROWS);
		expect(view.timeline.rows[0]).toMatchObject({ date: '2024-01-08', environments: ['old-1 (no longer an environment)'], text: '107' });
		expect(view.timeline.rows.map((r) => r.date)).toEqual([...view.timeline.rows.map((r) => r.date)].sort().reverse());
		expect(view.timeline.capped).toMatch(/^12 earlier changes of its value are not shown here/);
	});

	it('says why there is no timeline outside git', async () => {
		const repo = new GitRepo();
		repos.push(repo);
		rmSync(`${repo.root}/.git`, { recursive: true, force: true });
		for (const [path, text] of Object.entries(baseline())) {
			mkdirSync(`${repo.root}/${path.slice(0, path.lastIndexOf('/'))}`, { recursive: true });
			writeFileSync(`${repo.root}/${path}`, text);
		}
		const { analysis, timelines } = await analyzeRootWithHistory(repo.root, { now: NOW });
		const view = settingPage(analysis.model, wikiLinks, timelines, analysis.problems, 'redis.pool_size');
		expect(view.timeline.rows).toEqual([]);
		expect(view.timeline.note).toMatch(/git/);
	});
});

describe('settingPage in a shallow clone', () => {
	it('shows the timeline it has, and says it may start late', async () => {
		const { repo, fix } = timeoutHistory();
		const clone = repo.shallowClone(1);
		try {
			const { analysis, timelines } = await analyzeRootWithHistory(clone, { now: NOW });
			const view = settingPage(analysis.model, wikiLinks, timelines, analysis.problems, 'load_balancer.timeout_seconds');
			expect(view.timeline.note).toBeNull();
			expect(view.timeline.partial).toMatch(/shallow/);
			const production = view.timeline.rows.filter((r) => r.environments.includes('Production'));
			expect(production.map((r) => [r.commit.label, r.text, r.note])).toEqual([
				[fix.slice(0, 7), '120', 'the first commit of a shallow clone: the value may be older'],
			]);
		} finally {
			rmSync(clone, { recursive: true, force: true });
		}
	});
});

describe('thenAndNow', () => {
	it("shows a bug's settings on its opened day beside today's, marks the difference then, and names the commit that changed it", async () => {
		const { repo, fix } = timeoutHistory();
		const { analysis, timelines } = await analyzeRootWithHistory(repo.root, { now: NOW });
		const view = thenAndNow(analysis.model, wikiLinks, timelines, analysis.problems, 'payment-timeout')!;
		expect(view.opened).toBe('2024-02-01');
		expect(view.at?.date).toBe('2024-01-10');
		expect(view.rows).toEqual([
			{
				key: 'load_balancer.timeout_seconds',
				href: '/infra-wiki/settings/load_balancer.timeout_seconds/',
				then: [
					{ text: '120', changed: false, odd: false },
					{ text: '120', changed: false, odd: false },
					{ text: '30', changed: true, odd: true },
				],
				now: [
					{ text: '120', changed: false, odd: false },
					{ text: '120', changed: false, odd: false },
					{ text: '120', changed: false, odd: false },
				],
				differedThen: true,
				differsNow: false,
				changes: [
					{
						env: 'Production',
						date: '2024-02-03',
						commit: fix.slice(0, 7),
						href: `https://github.com/acme/infra-wiki/commit/${fix}`,
						subject: 'production: timeout 30 → 120',
					},
				],
			},
		]);
	});

	it('says so when every commit is later than the day the bug was opened', async () => {
		const repo = new GitRepo();
		repos.push(repo);
		repo.commit('Start', baseline(), '2024-02-10');
		const { analysis, timelines } = await analyzeRootWithHistory(repo.root, { now: NOW });
		const view = thenAndNow(analysis.model, wikiLinks, timelines, analysis.problems, 'payment-timeout')!;
		expect([view.rows, view.note]).toEqual([[], 'Every commit of the environment files is later than 2024-02-01.']);
	});
});

describe('matrixSincePage', () => {
	it('offers 30 and 90 days ago by the one clock, and lists the rows whose status changed since', async () => {
		const { repo } = timeoutHistory();
		const { analysis, timelines } = await analyzeRootWithHistory(repo.root, { now: NOW });
		expect(sincePoints(analysis.model, wikiLinks, timelines)).toEqual([
			{ id: '30-days', label: '30 days ago', date: '2024-01-31', href: '/infra-wiki/matrix/since/30-days/' },
			{ id: '90-days', label: '90 days ago', date: '2023-12-02', href: '/infra-wiki/matrix/since/90-days/' },
		]);
		const view = matrixSincePage(analysis.model, wikiLinks, timelines, '30-days');
		expect(view.at?.date).toBe('2024-01-10');
		expect(view.rows).toEqual([
			{ key: 'load_balancer.timeout_seconds', href: '/infra-wiki/settings/load_balancer.timeout_seconds/', then: 'drift', now: 'same' },
		]);
		expect(matrixSincePage(analysis.model, wikiLinks, timelines, '90-days')).toMatchObject({
			rows: [],
			note: 'Every commit of the environment files is later than 2023-12-02.',
		});
	});

	it('offers no point without a history', async () => {
		const { repo } = timeoutHistory();
		const { analysis } = await analyzeRootWithHistory(repo.root, { now: NOW });
		const empty = computeTimelines({ commits: [], versions: [], shallow: false, note: 'no git' }, analysis.model.environments);
		expect(sincePoints(analysis.model, wikiLinks, empty)).toEqual([]);
	});
});
