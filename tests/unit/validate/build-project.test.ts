import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../../src/lib/engine.ts';
import { DEFAULT_CONFIG } from '../../../src/lib/schema/config.ts';
import { analyzeFiles, baseline, dedent, problemKeys } from '../../helpers/repo.ts';

function edited(path: string, from: string, to: string): Record<string, string> {
	const files = baseline();
	expect(files[path]).toContain(from);
	files[path] = files[path]!.replace(from, to);
	return files;
}

describe('building the project', () => {
	describe('resolves an environment alias to the id', () => {
		const cases: { where: string; path: string; from: string; to: string; read: (a: Analysis) => unknown; expected: unknown }[] = [
			{
				where: "an issue's reproduced",
				path: 'issues/payment-timeout.md',
				from: 'reproduced: { staging: false }',
				to: 'reproduced: { prod: false }',
				read: (a) => a.project.issues[0]!.data.reproduced,
				expected: { production: false },
			},
			{
				where: "a runbook's environments",
				path: 'runbooks/payment-timeout.md',
				from: 'environments: [production]',
				to: 'environments: [prod]',
				read: (a) => a.project.runbooks[0]!.data.environments,
				expected: ['production'],
			},
			{
				where: "a difference's values",
				path: 'environments/differences.yaml',
				from: 'production: postgresql',
				to: 'prod: postgresql',
				read: (a) => a.project.differences[0]!.data.values,
				expected: { dev: 'sqlite', staging: 'postgresql', production: 'postgresql' },
			},
		];
		it.each(cases)('in $where', ({ path, from, to, read, expected }) => {
			const files = edited(path, from, to);
			files['environments/production.yaml'] = files['environments/production.yaml']!.replace(
				'name: Production',
				'name: Production\naliases: [prod]',
			);
			const analysis = analyzeFiles(files);
			expect(analysis.problems).toEqual([]);
			expect(read(analysis)).toEqual(expected);
		});
	});

	it('does not rewrite an alias that is also an environment id, and reports only the collision', () => {
		const analysis = analyzeFiles(edited('environments/production.yaml', 'name: Production', 'name: Production\naliases: [staging]'));
		expect(problemKeys(analysis)).toEqual(['environments/production.yaml:2:11 error alias-collision']);
		expect(Object.keys(analysis.project.changes[0]!.data.propagation!)).toEqual(['dev', 'staging', 'production']);
		expect(analysis.project.issues[0]!.data.reproduced).toEqual({ staging: false });
		expect(analysis.project.differences[0]!.data.values).toEqual({ dev: 'sqlite', staging: 'postgresql', production: 'postgresql' });
	});

	it('leaves out an environment with an unknown stage, records its id in invalidIds and reports nothing else', () => {
		const analysis = analyzeFiles(edited('environments/staging.yaml', 'stage: staging', 'stage: qa'));
		expect(problemKeys(analysis)).toEqual(['environments/staging.yaml:2:8 error unknown-stage']);
		expect(analysis.project.environments.map((e) => e.id)).toEqual(['dev', 'production']);
		expect([...analysis.project.invalidIds.environment]).toEqual(['staging']);
	});

	describe('keeps an environment whose header has an error, marked invalid, so one typo is one error', () => {
		// With a config, a stage left without environments would be a stage-empty warning.
		const withConfig = (files: Record<string, string>) => ({ ...files, 'envparity.config.yaml': 'pipeline: [dev, staging, production]\n' });

		it('reports a typo in the header alone: no stage-empty, no drift, no missing setting', () => {
			const analysis = analyzeFiles(withConfig(edited('environments/staging.yaml', 'stage: staging', 'stage: staging\nownr: "@bob"')));
			expect(problemKeys(analysis)).toEqual(['environments/staging.yaml:3:1 error unknown-field']);
			const staging = analysis.project.environments.find((e) => e.id === 'staging')!;
			expect(staging.invalid).toBe(true);
			expect(staging.data).toMatchObject({ name: 'Staging', stage: 'staging', verified: { date: '2024-02-20', by: '@ana' } });
			expect(staging.data).not.toHaveProperty('ownr');
			expect(analysis.project.invalidIds.environment.size).toBe(0);
			expect(analysis.project.environments.filter((e) => e.invalid).map((e) => e.id)).toEqual(['staging']);
		});

		it("names the environment's values in a drift message", () => {
			const files = edited('environments/staging.yaml', 'timeout_seconds: 120', 'timeout_seconds: 30');
			files['environments/staging.yaml'] = files['environments/staging.yaml']!.replace('stage: staging', 'stage: staging\nownr: "@bob"');
			const analysis = analyzeFiles(withConfig(files));
			expect(problemKeys(analysis)).toEqual([
				'environments/staging.yaml:3:1 error unknown-field',
				'environments/staging.yaml:9:37 warning undocumented-drift',
			]);
			expect(analysis.problems[1]!.message).toContain('(dev=120, staging=30, production=120)');
			expect(analysis.model.matrix.find((r) => r.key === 'load_balancer.timeout_seconds')!.values).toEqual({
				dev: 120,
				staging: 30,
				production: 120,
			});
		});

		it('reports an impossible verified.date alone, without calling the environment never verified', () => {
			const analysis = analyzeFiles(edited('environments/staging.yaml', 'date: 2024-02-20', 'date: 2024-02-30'));
			expect(problemKeys(analysis)).toEqual(['environments/staging.yaml:3:19 error invalid-date']);
			const staging = analysis.project.environments.find((e) => e.id === 'staging')!;
			expect(staging.invalid).toBe(true);
			expect(staging.data.verified).toBeUndefined();
		});

		it('reads a name in error as the id', () => {
			const analysis = analyzeFiles(edited('environments/staging.yaml', 'name: Staging', 'name: ""'));
			expect(problemKeys(analysis)).toEqual(['environments/staging.yaml:1:7 error invalid-value']);
			expect(analysis.project.environments.find((e) => e.id === 'staging')!.data.name).toBe('staging');
		});

		it('keeps the valid aliases of an environment with a bad alias, so references through them resolve', () => {
			const files = edited('environments/staging.yaml', 'name: Staging', 'name: Staging\naliases: [old-staging, "not an alias"]');
			files['runbooks/payment-timeout.md'] = files['runbooks/payment-timeout.md']!.replace(
				'environments: [production]',
				'environments: [old-staging, production]',
			);
			const analysis = analyzeFiles(files);
			expect(problemKeys(analysis)).toEqual(['environments/staging.yaml:2:24 error invalid-value']);
			expect(analysis.project.environments.find((e) => e.id === 'staging')!.data.aliases).toEqual(['old-staging']);
			expect(analysis.project.runbooks[0]!.data.environments).toEqual(['staging', 'production']);
		});
	});

	describe('leaves out an environment whose stage or settings are unusable, as before, with its errors alone', () => {
		it.each([
			{
				what: 'settings that are not a map',
				from: /settings:[^]*/,
				to: 'settings: production-like\n',
				expected: 'environments/staging.yaml:4:11 error invalid-type',
			},
			{ what: 'no stage', from: 'stage: staging\n', to: '', expected: 'environments/staging.yaml:1:1 error missing-field' },
		])('$what', ({ from, to, expected }) => {
			const files = baseline();
			files['environments/staging.yaml'] = files['environments/staging.yaml']!.replace(from, to);
			const analysis = analyzeFiles(files);
			expect(problemKeys(analysis).filter((key) => key.includes(' error '))).toEqual([expected]);
			expect(analysis.project.environments.map((e) => e.id)).toEqual(['dev', 'production']);
			expect([...analysis.project.invalidIds.environment]).toEqual(['staging']);
		});

		it('reports both a header error and an unknown stage', () => {
			const files = edited('environments/staging.yaml', 'stage: staging', 'stage: qa\nownr: "@bob"');
			const analysis = analyzeFiles(files);
			expect(problemKeys(analysis)).toEqual([
				'environments/staging.yaml:2:8 error unknown-stage',
				'environments/staging.yaml:3:1 error unknown-field',
			]);
			expect([...analysis.project.invalidIds.environment]).toEqual(['staging']);
		});
	});

	it('sorts environments by pipeline stage, then by id', () => {
		const files = baseline();
		files['environments/canary.yaml'] = files['environments/production.yaml']!.replace('name: Production', 'name: Canary');
		expect(analyzeFiles(files).project.environments.map((e) => e.id)).toEqual(['dev', 'staging', 'canary', 'production']);
	});

	it('yields one diagnostic per problem for one bad entity of each kind, naming the kind, and builds the others', () => {
		const files = baseline();
		files['environments/qa.yaml'] = files['environments/staging.yaml']!.replace('name: Staging', 'name: QA\ncolour: blue');
		files['changes/cache.md'] = files['changes/redis-pool.md']!.replace('reason:', 'colour: blue\nreason:');
		files['issues/cache-miss.md'] = files['issues/payment-timeout.md']!.replace('aliases: [INC-2041]', 'colour: blue');
		files['runbooks/cache.md'] = files['runbooks/payment-timeout.md']!.replace('issues:', 'colour: blue\nissues:');
		// qa stays in the model: the change reaches it too, or it would be out of order there.
		files['changes/redis-pool.md'] = files['changes/redis-pool.md']!.replace(
			'  production:',
			'  qa: { status: applied, date: 2024-02-21 }\n  production:',
		);
		files['environments/differences.yaml'] += dedent(`
			- key: redis.version
			  colour: blue
			  rationale: Testing the next version.
			  risk: low
		`);
		const analysis = analyzeFiles(files);
		expect(problemKeys(analysis)).toEqual([
			'changes/cache.md:4:1 error unknown-field',
			'environments/differences.yaml:6:3 error unknown-field',
			'environments/qa.yaml:2:1 error unknown-field',
			'issues/cache-miss.md:12:1 error unknown-field',
			'runbooks/cache.md:4:1 error unknown-field',
		]);
		expect(analysis.problems.map((p) => /is not a field of ([^;]+);/.exec(p.message)?.[1])).toEqual([
			'a change',
			'difference 2',
			'an environment',
			'an issue',
			'a runbook',
		]);
		const { project } = analysis;
		expect(project.invalidIds).toEqual({
			environment: new Set(),
			change: new Set(['cache']),
			issue: new Set(['cache-miss']),
			runbook: new Set(['cache']),
		});
		// The environment is kept, marked invalid, since its stage and settings are usable.
		expect(project.environments.filter((e) => e.invalid).map((e) => e.id)).toEqual(['qa']);
		expect([project.environments, project.changes, project.issues, project.runbooks].map((list) => list.map((e) => e.id))).toEqual([
			['dev', 'qa', 'staging', 'production'],
			['redis-pool'],
			['payment-timeout'],
			['payment-timeout'],
		]);
		expect(project.differences.map((d) => d.index)).toEqual([0]);
	});

	it('records a change whose front matter does not parse in invalidIds without validating it', () => {
		const analysis = analyzeFiles({ ...baseline(), 'changes/cache.md': '---\ntitle: [\n---\nBody.\n' });
		expect(problemKeys(analysis)).toEqual(['changes/cache.md:3:1 error yaml-syntax']);
		expect([...analysis.project.invalidIds.change]).toEqual(['cache']);
		expect(analysis.project.changes.map((c) => c.id)).toEqual(['redis-pool']);
	});

	it('builds the first file of a duplicate id and does not mark the id invalid', () => {
		const files = baseline();
		files['changes/2024/redis-pool.md'] = files['changes/redis-pool.md']!.replace('title: Increase Redis connection pool', 'title: Again');
		const { project } = analyzeFiles(files);
		expect(project.changes.map((c) => [c.file, c.data.title])).toEqual([['changes/2024/redis-pool.md', 'Again']]);
		expect(project.invalidIds.change.size).toBe(0);
	});

	it('falls back to the default config when the config is invalid, so environments are still built', () => {
		const analysis = analyzeFiles({ ...baseline(), 'envparity.config.yaml': 'pipeline: dev\n' });
		expect(problemKeys(analysis)).toEqual(['envparity.config.yaml:1:11 error invalid-type']);
		expect(analysis.project.config).toEqual(DEFAULT_CONFIG);
		expect(analysis.project.environments.map((e) => e.id)).toEqual(['dev', 'staging', 'production']);
	});
});
