import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRootWithHistory } from '../../../src/lib/engine.ts';
import { createSourceReader } from '../../../src/lib/load/sources/reader.ts';
import { pathspecOf, readValueHistory } from '../../../src/lib/load/value-history.ts';
import {
	computeTimelines,
	keyTimelines,
	matrixStatusAt,
	commitIndexAt,
	settingsAt,
	timelineKeys as timelineKeysOf,
} from '../../../src/lib/model/timeline.ts';
import { createLinks } from '../../../src/lib/site/links.ts';
import { matrixSincePage } from '../../../src/lib/site/pages/matrix-since-page.ts';
import { settingPage } from '../../../src/lib/site/pages/setting-page.ts';
import { thenAndNow } from '../../../src/lib/site/pages/then-and-now.ts';
import { dedent } from '../../helpers/dedent.ts';
import { GitRepo } from '../../helpers/git-repo.ts';

/** An environment file that reads its settings from sources (written as YAML lines under `sources:`), with inline settings. */
function environment(stage: string, sources: string, settings = ''): string {
	const indent = (text: string): string =>
		text
			.trim()
			.split('\n')
			.map((line) => `  ${line}`)
			.join('\n');
	return `name: ${stage}\nstage: ${stage}\nverified: { date: 2024-02-20, by: "@ana" }\nsources:\n${indent(sources)}\n${settings ? `settings:\n${indent(settings)}\n` : ''}`;
}

/** A Helm chart's values, in the shape of a public chart's (nested maps, a list, a dotted label key). */
/** A repository whose staging and production read lb.timeout from their values files (120 and 30), with `more` files, on 2024-01-10. */
function timeoutsRepo(more: Record<string, string> = {}): GitRepo {
	const repo = new GitRepo();
	const env = (stage: string) => environment(stage, `- file: deploy/values-${stage}.yaml\n  at: lb`);
	repo.commit(
		'Start the wiki',
		{
			'environments/staging.yaml': env('staging'),
			'environments/production.yaml': env('production'),
			'deploy/values-staging.yaml': 'timeout: 120\n',
			'deploy/values-production.yaml': 'timeout: 30\n',
			...more,
		},
		'2024-01-10',
	);
	return repo;
}

function values(replicas: number, tag: string, extra = ''): string {
	return dedent(`
		replicaCount: ${replicas}
		image:
		  repository: ghcr.io/acme/payments
		  tag: "${tag}"
		podLabels:
		  app.kubernetes.io/part-of: payments
		service:
		  ports: [80, 443]
	`).concat(extra);
}

const NOW = { now: new Date('2024-06-01T00:00:00Z') };

/** A key's timeline in every environment as [environment, date, event, value, file, source]. */
async function rowsOf(root: string, key: string) {
	const { analysis, history, timelines } = await analyzeRootWithHistory(root, NOW);
	const rows = keyTimelines(timelines, key).flatMap((t) =>
		t.entries.map((e) => [t.environment, e.date, e.event, e.value, e.file, e.source]),
	);
	return { analysis, history, timelines, rows };
}

describe('timelines of source files', () => {
	it('gives a key of a Helm values file changed three times one entry per change, naming the values file', async () => {
		const repo = new GitRepo();
		const entry = '- file: deploy/payments/values-production.yaml\n  at: payments';
		const first = repo.commit(
			'Add production',
			{ 'environments/production.yaml': environment('production', entry), 'deploy/payments/values-production.yaml': values(2, '1.4.0') },
			'2024-01-10',
		);
		repo.commit('Three replicas', { 'deploy/payments/values-production.yaml': values(3, '1.4.0') }, '2024-01-20');
		repo.commit('Only the tag', { 'deploy/payments/values-production.yaml': values(3, '1.5.0') }, '2024-01-25');
		const last = repo.commit('Five replicas', { 'deploy/payments/values-production.yaml': values(5, '1.5.0') }, '2024-02-03');
		const { rows, timelines, analysis } = await rowsOf(repo.root, 'payments.replicaCount');
		const file = 'environments/production.yaml';
		const source = 'deploy/payments/values-production.yaml';
		expect(rows).toEqual([
			['production', '2024-01-10', 'added', 2, file, source],
			['production', '2024-01-20', 'changed', 3, file, source],
			['production', '2024-02-03', 'changed', 5, file, source],
		]);
		const entries = timelines.environments.get('production')!.keys.get('payments.replicaCount')!.entries;
		expect(entries[0]).toMatchObject({ hash: first, author: 'Ana', subject: 'Add production', initial: true });
		expect(entries[2]).toMatchObject({ hash: last, subject: 'Five replicas' });
		// The other keys of the file, the list and the dotted label key included.
		expect((await rowsOf(repo.root, 'payments.image.tag')).rows.map((r) => [r[1], r[3]])).toEqual([
			['2024-01-10', '1.4.0'],
			['2024-01-25', '1.5.0'],
		]);
		expect(keyTimelines(timelines, 'payments.service.ports')[0]!.entries.map((e) => e.value)).toEqual([[80, 443]]);
		expect(keyTimelines(timelines, 'payments.podLabels["app.kubernetes.io/part-of"]')[0]!.entries).toHaveLength(1);
		expect(analysis.problems.filter((p) => p.severity === 'error')).toEqual([]);
	});

	it('reads a dotenv and a TOML source at each commit with their own decoders, beside inline settings', async () => {
		const repo = new GitRepo();
		const entries = '- file: deploy/.env.production\n  at: env\n- file: deploy/app.toml';
		repo.commit(
			'Add production',
			{
				'environments/production.yaml': environment('production', entries, 'runtime: { node: "20.11.0" }'),
				'deploy/.env.production': 'POOL_SIZE=10\nLOG_LEVEL=info\n',
				'deploy/app.toml': '[database]\npool = 20\n',
			},
			'2024-01-10',
		);
		repo.commit('A bigger pool', { 'deploy/.env.production': 'POOL_SIZE=25\nLOG_LEVEL=info\n' }, '2024-01-20');
		repo.commit('A bigger database pool', { 'deploy/app.toml': '[database]\npool = 40\n' }, '2024-01-22');
		expect((await rowsOf(repo.root, 'env.POOL_SIZE')).rows.map((r) => [r[1], r[2], r[3], r[5]])).toEqual([
			['2024-01-10', 'added', '10', 'deploy/.env.production'],
			['2024-01-20', 'changed', '25', 'deploy/.env.production'],
		]);
		expect((await rowsOf(repo.root, 'database.pool')).rows.map((r) => [r[1], r[3], r[5]])).toEqual([
			['2024-01-10', 20, 'deploy/app.toml'],
			['2024-01-22', 40, 'deploy/app.toml'],
		]);
		// An inline setting keeps its environment file, and no source.
		expect((await rowsOf(repo.root, 'runtime.node')).rows).toEqual([
			['production', '2024-01-10', 'added', '20.11.0', 'environments/production.yaml', undefined],
		]);
	});

	it('follows a glob: a file that appears at a later commit adds its keys there, and * keeps to one folder', async () => {
		const repo = new GitRepo();
		repo.commit(
			'Add production',
			{
				'environments/production.yaml': environment('production', '- file: deploy/config/*.yaml'),
				'deploy/config/api.yaml': 'api: { timeout: 30 }\n',
				'deploy/config/nested/deep.yaml': 'deep: { a: 1 }\n',
			},
			'2024-01-10',
		);
		const added = repo.commit('Add the worker', { 'deploy/config/worker.yaml': 'worker: { threads: 4 }\n' }, '2024-02-01');
		const { rows, timelines } = await rowsOf(repo.root, 'worker.threads');
		expect(rows).toEqual([['production', '2024-02-01', 'added', 4, 'environments/production.yaml', 'deploy/config/worker.yaml']]);
		expect(timelines.environments.get('production')!.keys.get('worker.threads')!.entries[0]!.hash).toBe(added);
		expect((await rowsOf(repo.root, 'api.timeout')).rows.map((r) => r[5])).toEqual(['deploy/config/api.yaml']);
		// As today's reading: * does not cross a folder.
		expect(keyTimelines(timelines, 'deep.a')).toEqual([]);
	});

	it("reads each commit's sources entry as that version of the environment file declares it (select and at changed)", async () => {
		const repo = new GitRepo();
		const file = 'deploy/values.yaml';
		repo.commit(
			'Add production',
			{
				'environments/production.yaml': environment('production', `- file: ${file}\n  select: api`),
				[file]: 'api: { replicas: 2 }\nworker: { replicas: 5 }\n',
			},
			'2024-01-10',
		);
		repo.commit(
			'Mount it under payments',
			{ 'environments/production.yaml': environment('production', `- file: ${file}\n  select: api\n  at: payments`) },
			'2024-01-20',
		);
		repo.commit(
			'Read the worker instead',
			{ 'environments/production.yaml': environment('production', `- file: ${file}\n  select: worker\n  at: payments`) },
			'2024-01-30',
		);
		const { timelines } = await rowsOf(repo.root, 'replicas');
		const rows = (key: string) => keyTimelines(timelines, key).flatMap((t) => t.entries.map((e) => [e.date, e.event, e.value, e.source]));
		expect(rows('replicas')).toEqual([
			['2024-01-10', 'added', 2, file],
			['2024-01-20', 'removed', undefined, file],
		]);
		expect(rows('payments.replicas')).toEqual([
			['2024-01-20', 'added', 2, file],
			['2024-01-30', 'changed', 5, file],
		]);
	});

	it('keeps the values a source file had over a commit where it does not parse', async () => {
		const repo = new GitRepo();
		repo.commit(
			'Add production',
			{ 'environments/production.yaml': environment('production', '- file: deploy/app.toml'), 'deploy/app.toml': 'pool = 10\n' },
			'2024-01-10',
		);
		repo.commit('Break it', { 'deploy/app.toml': 'pool = = 20\n' }, '2024-01-15');
		repo.commit('Fix it', { 'deploy/app.toml': 'pool = 20\n' }, '2024-01-20');
		const { rows, history } = await rowsOf(repo.root, 'pool');
		expect(rows.map((r) => [r[1], r[2], r[3]])).toEqual([
			['2024-01-10', 'added', 10],
			['2024-01-20', 'changed', 20],
		]);
		expect(history.sourceVersions!.map((v) => v.values?.toml?.length ?? null)).toEqual([1, null, 1]);
	});

	it('warns of a change applied by editing a values file but recorded as pending, naming the values file and the commit', async () => {
		const repo = new GitRepo();
		const env = (stage: string) => environment(stage, `- file: deploy/values-${stage}.yaml\n  at: redis`);
		repo.commit(
			'Start the wiki',
			{
				'environments/staging.yaml': env('staging'),
				'environments/production.yaml': env('production'),
				'deploy/values-staging.yaml': 'pool_size: 20\n',
				'deploy/values-production.yaml': 'pool_size: 10\n',
				'changes/redis-pool.md': dedent(`
					---
					title: Increase Redis connection pool
					date: 2024-02-20
					reason: Memory optimisation
					settings: { redis.pool_size: 20 }
					rollback: Revert to 10 connections
					propagation:
					  staging: { status: applied, date: 2024-02-20 }
					  production: pending
					---
					The pool was too small.
				`),
			},
			'2024-02-20',
		);
		const applied = repo.commit('Pool of 20 in production', { 'deploy/values-production.yaml': 'pool_size: 20\n' }, '2024-02-25');
		const { analysis } = await analyzeRootWithHistory(repo.root, NOW);
		const found = analysis.problems.filter((p) => p.code === 'change-applied-not-recorded');
		expect(found.map((p) => `${p.file}:${p.line}`)).toEqual(['changes/redis-pool.md:9']);
		expect(found[0]!.message).toContain(
			`but deploy/values-production.yaml has held redis.pool_size = 20 since commit ${applied.slice(0, 7)} on 2024-02-25 ("Pool of 20 in production", by Ana)`,
		);
	});

	it("counts a sourced key's old value in the matrix since a date, and in the settings at a commit", async () => {
		const repo = timeoutsRepo();
		repo.commit('The same timeout', { 'deploy/values-production.yaml': 'timeout: 120\n' }, '2024-04-01');
		const { analysis, history, timelines } = await analyzeRootWithHistory(repo.root, NOW);
		const at = commitIndexAt(history, '2024-03-01');
		expect(settingsAt(history, analysis.model.environments, at).get('production')!.get('lb.timeout')!.value).toBe(30);
		const { changed } = matrixStatusAt(history, analysis.model, analysis.model.config, at);
		expect(changed).toEqual([{ key: 'lb.timeout', then: 'drift', now: 'same' }]);
		const page = matrixSincePage(analysis.model, createLinks('/'), timelines, '30-days');
		expect(page.rows).toEqual([]);
		const ninety = matrixSincePage(analysis.model, createLinks('/'), timelines, '90-days');
		expect(ninety.rows.map((r) => [r.key, r.then, r.now])).toEqual([['lb.timeout', 'drift', 'same']]);
	});

	it('shows one timeline row for a commit that gave two environments the same value in their values files, naming both', async () => {
		const repo = timeoutsRepo();
		repo.commit(
			'Both at 60',
			{ 'deploy/values-staging.yaml': 'timeout: 60\n', 'deploy/values-production.yaml': 'timeout: 60\n' },
			'2024-03-01',
		);
		const { analysis, timelines } = await analyzeRootWithHistory(repo.root, NOW);
		const [row] = settingPage(analysis.model, createLinks('/'), timelines, analysis.problems, 'lb.timeout').timeline.rows;
		expect([row!.date, row!.environments, row!.text, row!.sources?.map((f) => f.name)]).toEqual([
			'2024-03-01',
			['staging', 'production'],
			'60',
			['values-staging.yaml', 'values-production.yaml'],
		]);
	});

	it("shows a bug's sourced setting then and now, with the commit to the values file that changed it", async () => {
		const repo = timeoutsRepo({
			'issues/payment-timeout.md': dedent(`
					---
					title: Payment timeout in production
					status: resolved
					severity: high
					environments: [production]
					opened: 2024-02-01
					resolved: 2024-02-03
					settings: [lb.timeout]
					---
					Payments timed out.
				`),
		});
		const fix = repo.commit('Raise the production timeout', { 'deploy/values-production.yaml': 'timeout: 120\n' }, '2024-02-03');
		const { analysis, timelines } = await analyzeRootWithHistory(repo.root, NOW);
		const view = thenAndNow(analysis.model, createLinks('/'), timelines, analysis.problems, 'payment-timeout')!;
		expect(view.rows.map((r) => [r.key, r.then.map((c) => c.text), r.now.map((c) => c.text), r.differedThen, r.differsNow])).toEqual([
			['lb.timeout', ['120', '30'], ['120', '120'], true, false],
		]);
		expect(view.rows[0]!.changes).toMatchObject([{ env: 'production', date: '2024-02-03', commit: fix.slice(0, 7) }]);
		// The setting's page names the values file on each row of its timeline; one commit that gave several environments
		// the same value is one row, naming each file.
		const page = settingPage(analysis.model, createLinks('/'), timelines, analysis.problems, 'lb.timeout');
		expect(page.timeline.rows.map((r) => [r.date, r.environments, r.text, r.sources?.map((f) => f.path)])).toEqual([
			['2024-02-03', ['production'], '120', ['deploy/values-production.yaml']],
			['2024-01-10', ['staging'], '120', ['deploy/values-staging.yaml']],
			['2024-01-10', ['production'], '30', ['deploy/values-production.yaml']],
		]);
		expect(page.timeline.rows[0]!.sources).toEqual([{ path: 'deploy/values-production.yaml', name: 'values-production.yaml' }]);
	});

	it('reads the same history in a worker thread, and from a content root that is a subfolder of the repository', async () => {
		const repo = new GitRepo();
		repo.commit(
			'Add production',
			{
				'wiki/environments/production.yaml': environment('production', '- file: deploy/*.env\n  format: dotenv'),
				'wiki/deploy/app.env': 'A=1\n',
				'deploy/app.env': 'A=9\n',
			},
			'2024-01-10',
		);
		repo.commit('A is 2', { 'wiki/deploy/app.env': 'A=2\n', 'deploy/app.env': 'A=8\n' }, '2024-01-20');
		const root = join(repo.root, 'wiki');
		const here = await readValueHistory(root, undefined, { sources: ['deploy/*.env'] });
		const worker = await readValueHistory(root, undefined, { sources: ['deploy/*.env'], workerAbove: 0 });
		expect(worker).toEqual(here);
		expect(here.sourceVersions!.map((v) => [v.path, v.values])).toEqual([
			['deploy/app.env', { dotenv: [{ segments: ['A'], value: '1' }] }],
			['deploy/app.env', { dotenv: [{ segments: ['A'], value: '2' }] }],
		]);
		const timelines = computeTimelines(here, [{ id: 'production', file: 'environments/production.yaml', data: {} }]);
		expect(keyTimelines(timelines, 'A')[0]!.entries.map((e) => e.value)).toEqual(['1', '2']);
	});

	it('reads no source file, and adds nothing to the history, for a repository without sources', async () => {
		const repo = new GitRepo();
		repo.commit(
			'Add production',
			{
				'environments/production.yaml': 'name: production\nstage: production\nsettings:\n  a: 1\n',
				'deploy/values.yaml': 'a: 2\n',
			},
			'2024-01-10',
		);
		const { history, timelines } = await analyzeRootWithHistory(repo.root, NOW);
		expect(history.sourceVersions).toBeUndefined();
		expect(history.versions.map((v) => Object.keys(v).sort())).toEqual([['aliases', 'commit', 'path', 'settings', 'text']]);
		expect(Object.keys(timelines.environments.get('production')!.keys.get('a')!.entries[0]!).sort()).toEqual(
			['author', 'date', 'event', 'file', 'hash', 'index', 'initial', 'subject', 'value'].sort(),
		);
	});

	it('reads a version that only replaced one-line values from the one before, with the values decoding it whole gives', async () => {
		const repo = new GitRepo();
		const texts = [
			values(2, '1.4.0'),
			values(3, '1.4.0'),
			values(3, '1.5.0', 'extra: { a: 1 }\n'),
			values(3, '1.5.0', 'extra: { a: 2 }\n'),
			values(4, '1.6.0', 'extra: { a: 2 }\n'),
			'replicaCount: 4\nimage: { tag: "2.0.0" }\n',
			'replicaCount: 5\nimage: { tag: "2.0.0" }\n',
			'replicaCount: 5 # five\nimage: { tag: "2.0.1" }\n',
			'replicaCount: "5"\nimage: { tag: "2.0.1" }\n',
		];
		texts.forEach((text, i) => {
			repo.commit(
				`Version ${i}`,
				{
					'environments/production.yaml': environment('production', '- file: deploy/values.yaml'),
					'deploy/values.yaml': text,
				},
				`2024-01-${String(10 + i).padStart(2, '0')}`,
			);
		});
		const history = await readValueHistory(repo.root, undefined, { sources: ['deploy/values.yaml'] });
		const sorted = (list: readonly { segments: string[]; value: unknown }[]) =>
			list.map((v) => [v.segments.join('.'), v.value]).sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
		const whole = texts.map((text) => {
			const decoded = createSourceReader([{ path: 'deploy/values.yaml', content: text, source: true }]).decode(
				'deploy/values.yaml',
				'yaml',
			)!;
			return sorted(decoded.entries);
		});
		expect(history.sourceVersions!.map((v) => sorted(v.values!.yaml!))).toEqual(whole);
	});

	it('names each source to git as today reads it: a path literally, a glob with :(glob), a glob with braces by its folder', () => {
		expect(pathspecOf('deploy/values[1].yaml')).toBe(':(glob)deploy/values[1].yaml');
		expect(pathspecOf('deploy/values-production.yaml')).toBe(':(literal)deploy/values-production.yaml');
		expect(pathspecOf('deploy/**/*.yaml')).toBe(':(glob)deploy/**/*.yaml');
		expect(pathspecOf('deploy/{a,b}/values.yaml')).toBe(':(literal)deploy/');
		expect(pathspecOf('{a,b}.env')).toBe(':(glob)**');
	});

	it('follows a literal path, a ** glob and a glob with braces from a content root in a subfolder, and nothing outside it', async () => {
		const repo = new GitRepo();
		const entries = [
			'- file: deploy/app.toml',
			'- file: deploy/k8s/**/*.json',
			'  at: k8s',
			'- file: deploy/{blue,green}.env',
			'  format: dotenv',
			'  at: env',
		].join('\n');
		repo.commit(
			'Add production',
			{
				'wiki/environments/production.yaml': environment('production', entries),
				'wiki/deploy/app.toml': 'pool = 1\n',
				'wiki/deploy/k8s/a/b/c.json': '{ "replicas": 2 }\n',
				'wiki/deploy/blue.env': 'BLUE=1\n',
				'wiki/deploy/red.env': 'RED=1\n',
				'deploy/app.toml': 'outside = 1\n',
			},
			'2024-01-10',
		);
		repo.commit(
			'Change all of them',
			{
				'wiki/deploy/app.toml': 'pool = 2\n',
				'wiki/deploy/k8s/a/b/c.json': '{ "replicas": 3 }\n',
				'wiki/deploy/green.env': 'GREEN=1\n',
				'wiki/deploy/red.env': 'RED=2\n',
				'deploy/app.toml': 'outside = 2\n',
			},
			'2024-01-20',
		);
		const { timelines, history } = await rowsOf(join(repo.root, 'wiki'), 'pool');
		const rows = (key: string) => keyTimelines(timelines, key).flatMap((t) => t.entries.map((e) => [e.date, e.value, e.source]));
		expect(rows('pool')).toEqual([
			['2024-01-10', 1, 'deploy/app.toml'],
			['2024-01-20', 2, 'deploy/app.toml'],
		]);
		expect(rows('k8s.replicas')).toEqual([
			['2024-01-10', 2, 'deploy/k8s/a/b/c.json'],
			['2024-01-20', 3, 'deploy/k8s/a/b/c.json'],
		]);
		expect(rows('env.GREEN')).toEqual([['2024-01-20', '1', 'deploy/green.env']]);
		expect(rows('env.BLUE')).toEqual([['2024-01-10', '1', 'deploy/blue.env']]);
		expect([...new Set(history.sourceVersions!.map((v) => v.path))].sort()).toEqual([
			'deploy/app.toml',
			'deploy/blue.env',
			'deploy/green.env',
			'deploy/k8s/a/b/c.json',
		]);
		expect(timelineKeysOf(timelines)).not.toContain('outside');
	});

	it("follows Kubernetes manifests through a glob, and never reads a Secret's data, now or in the history", async () => {
		const repo = new GitRepo();
		const manifests = (replicas: number, level: string, password: string) =>
			dedent(`
				apiVersion: apps/v1
				kind: Deployment
				metadata: { name: api }
				spec:
				  replicas: ${replicas}
				  template:
				    spec:
				      containers:
				        - name: api
				          image: ghcr.io/acme/api:1.2.0
				---
				apiVersion: v1
				kind: ConfigMap
				metadata: { name: api-config }
				data:
				  LOG_LEVEL: ${level}
				---
				apiVersion: v1
				kind: Secret
				metadata: { name: api-secret }
				stringData:
				  password: ${password}
			`);
		repo.commit(
			'Add production',
			{
				'environments/production.yaml': environment('production', '- file: deploy/k8s/*.yaml\n  format: kubernetes'),
				'deploy/k8s/api.yaml': manifests(2, 'info', 'hunter2-first'),
			},
			'2024-01-10',
		);
		repo.commit('Scale up and debug', { 'deploy/k8s/api.yaml': manifests(4, 'debug', 'hunter2-second') }, '2024-01-20');
		repo.commit('Back to info', { 'deploy/k8s/api.yaml': manifests(4, 'info', 'hunter2-third') }, '2024-01-25');
		const { timelines, analysis } = await analyzeRootWithHistory(repo.root, NOW);
		const rows = (key: string) => keyTimelines(timelines, key).flatMap((t) => t.entries.map((e) => [e.date, e.value, e.source]));
		expect(rows('replicas.api')).toEqual([
			['2024-01-10', 2, 'deploy/k8s/api.yaml'],
			['2024-01-20', 4, 'deploy/k8s/api.yaml'],
		]);
		expect(rows('configmaps.api-config.LOG_LEVEL').map((r) => r[1])).toEqual(['info', 'debug', 'info']);
		expect(timelineKeysOf(timelines).filter((key) => key.includes('password') || key.includes('secret'))).toEqual([]);
		expect(analysis.problems.filter((p) => p.code === 'secret-in-history')).toEqual([]);
	});
});
