import { describe, expect, it } from 'vitest';
import { analyzeFiles, baseline, dedent } from '../../helpers/repo.ts';

function edit(path: string, from: string, to: string, now?: Date) {
	const files = baseline();
	if (!files[path]!.includes(from)) throw new Error(`${path} has no ${from}`);
	files[path] = files[path]!.replace(from, to);
	return analyzeFiles(files, now);
}

describe('parity rules', () => {
	it('warns about undocumented drift at the first environment that departs, naming every value', () => {
		const { problems, model } = edit('environments/staging.yaml', 'timeout_seconds: 120', 'timeout_seconds: 30');
		expect(model.matrix.find((r) => r.key === 'load_balancer.timeout_seconds')!.status).toBe('drift');
		const problem = problems.find((p) => p.code === 'undocumented-drift')!;
		expect(problem).toMatchObject({ file: 'environments/staging.yaml', line: 8, column: 37, severity: 'warning' });
		expect(problem.message).toContain('(dev=120, staging=30, production=120)');
	});

	it('treats a number and a string with the same text as the same value', () => {
		const { problems, model } = edit('environments/staging.yaml', 'timeout_seconds: 120', 'timeout_seconds: "120"');
		expect(model.matrix.find((r) => r.key === 'load_balancer.timeout_seconds')!.status).toBe('same');
		expect(problems).toEqual([]);
	});

	it('warns about a setting missing from some environments', () => {
		const problem = edit('environments/production.yaml', '  load_balancer: { timeout_seconds: 120 }\n', '').problems.find(
			(p) => p.code === 'missing-setting',
		)!;
		expect(problem.message).toBe(
			'"load_balancer.timeout_seconds" is set in dev, staging but missing from production; add it there or document the difference in environments/differences.yaml.',
		);
	});

	it('warns, at the difference, when its expected values no longer match reality, and marks the row drift', () => {
		const { problems, model } = edit('environments/staging.yaml', 'engine: postgresql', 'engine: mysql');
		expect(model.matrix.find((r) => r.key === 'database.engine')).toMatchObject({
			status: 'drift',
			difference: null,
			outdatedDifference: 0,
		});
		const problem = problems.find((p) => p.code === 'difference-outdated')!;
		expect(problem).toMatchObject({ file: 'environments/differences.yaml', line: 2, column: 3 });
	});

	it('warns when a version is written as a YAML number', () => {
		const problem = edit('environments/dev.yaml', 'version: "7.0.11"', 'version: 7.10').problems.find(
			(p) => p.code === 'version-as-number',
		)!;
		expect(problem).toMatchObject({ file: 'environments/dev.yaml', line: 6, column: 21 });
		expect(problem.message).toContain('the version 7.10 is written as a YAML number and read as 7.1; quote it ("7.10")');
	});

	it('does not warn about a number under a key that is not a version key', () => {
		expect(edit('environments/dev.yaml', 'pool_size: 20', 'pool_size: 20').problems).toEqual([]);
	});

	it('reports a version skew grade on the row', () => {
		const { model } = edit('environments/dev.yaml', 'node: "18.17.1"', 'node: "20.11.0"');
		expect(model.matrix.find((r) => r.key === 'runtime.node')).toMatchObject({ status: 'drift', skew: 'major' });
	});

	it('warns about a pipeline stage without environments, at the config file', () => {
		const files = { ...baseline(), 'envparity.config.yaml': 'pipeline: [dev, qa, staging, production]\n' };
		const problem = analyzeFiles(files).problems.find((p) => p.code === 'stage-empty')!;
		expect(problem).toMatchObject({ file: 'envparity.config.yaml', line: 1, column: 17 });
	});

	it('leaves ignored keys out of the matrix and out of the warnings', () => {
		const files = baseline();
		files['environments/staging.yaml'] = files['environments/staging.yaml']!.replace('timeout_seconds: 120', 'timeout_seconds: 30');
		files['envparity.config.yaml'] = 'ignore: ["load_balancer.*"]\n';
		const { problems, model } = analyzeFiles(files);
		expect(model.matrix.map((r) => r.key)).not.toContain('load_balancer.timeout_seconds');
		expect(problems).toEqual([]);
	});
});

describe('freshness rules', () => {
	it('warns about a verification older than stale_after_days', () => {
		const problem = analyzeFiles(baseline(), new Date('2024-04-01T00:00:00Z')).problems.find(
			(p) => p.file === 'environments/dev.yaml' && p.code === 'verification-stale',
		)!;
		expect(problem).toMatchObject({ line: 3, column: 19, severity: 'warning' });
		expect(problem.message).toContain('last verified 41 days ago (on 2024-02-20)');
	});

	it('warns about an environment never verified', () => {
		const problem = edit('environments/dev.yaml', 'verified: { date: 2024-02-20, by: "@ana" }\n', '').problems.find(
			(p) => p.code === 'verification-stale',
		)!;
		expect(problem.message).toContain('Development has never been verified');
	});

	it('rejects a verification date in the future', () => {
		const problem = edit('environments/dev.yaml', 'date: 2024-02-20', 'date: 2024-05-20').problems.find(
			(p) => p.code === 'verification-future',
		)!;
		expect(problem).toMatchObject({ severity: 'error', line: 3, column: 19 });
	});

	it('warns when a documented difference is past its review date', () => {
		const problem = edit('environments/differences.yaml', 'risk: medium', 'risk: medium\n  review_by: 2024-01-01').problems.find(
			(p) => p.code === 'difference-review-due',
		)!;
		expect(problem).toMatchObject({ line: 5, column: 14 });
	});

	it('warns when a runbook is past its review date', () => {
		expect(
			edit('runbooks/payment-timeout.md', 'environments: [production]', 'environments: [production]\nreview_by: 2023-12-31').problems.map(
				(p) => p.code,
			),
		).toEqual(['runbook-review-due']);
	});

	it('rejects an issue resolved before it was opened', () => {
		expect(edit('issues/payment-timeout.md', 'resolved: 2024-02-03', 'resolved: 2024-01-03').problems.map((p) => p.code)).toEqual([
			'resolved-before-opened',
		]);
	});
});

describe('propagation rules', () => {
	it('warns about a change pending longer than pending_after_days, with the days', () => {
		const { problems, model } = edit(
			'changes/redis-pool.md',
			'production: { status: applied, date: 2024-02-22 }',
			'production: pending',
			new Date('2024-03-16T00:00:00Z'),
		);
		expect(model.propagation.get('redis-pool')).toMatchObject({
			state: 'in-progress',
			pending: ['production'],
			stalled: true,
			pendingDays: 24,
			outOfOrder: false,
		});
		const problem = problems.find((p) => p.code === 'change-stalled')!;
		expect(problem).toMatchObject({ file: 'changes/redis-pool.md', line: 10, column: 3 });
		expect(problem.message).toContain('pending in production for 24 days (since 2024-02-21)');
	});

	it('does not call a change stalled within pending_after_days', () => {
		const { problems, model } = edit('changes/redis-pool.md', 'production: { status: applied, date: 2024-02-22 }', 'production: pending');
		expect(model.propagation.get('redis-pool')).toMatchObject({ stalled: false, pendingDays: 9 });
		expect(problems).toEqual([]);
	});

	it('treats an environment the change does not list as pending', () => {
		const { model } = edit('changes/redis-pool.md', '  production: { status: applied, date: 2024-02-22 }\n', '');
		expect(model.propagation.get('redis-pool')).toMatchObject({ state: 'in-progress', pending: ['production'] });
	});

	it('warns about a hotfix applied in production while staging is pending', () => {
		const { problems, model } = edit('changes/redis-pool.md', 'staging: { status: applied, date: 2024-02-21 }', 'staging: pending');
		expect(model.propagation.get('redis-pool')!.outOfOrder).toBe(true);
		const problem = problems.find((p) => p.code === 'change-out-of-order')!;
		expect(problem.message).toBe(
			'"Increase Redis connection pool" is applied in production ahead of earlier stages: staging (pending); carry the hotfix back so the next promotion does not undo it.',
		);
	});

	it('warns when an environment does not hold the value of an applied change', () => {
		const problem = edit('environments/staging.yaml', 'pool_size: 20', 'pool_size: 10').problems.find(
			(p) => p.code === 'change-not-reflected',
		)!;
		expect(problem).toMatchObject({ file: 'changes/redis-pool.md', line: 5, column: 30 });
		expect(problem.message).toBe(
			'"redis-pool" is applied in staging and sets redis.pool_size to 20, but environments/staging.yaml has 10; update the environment file or the change\'s propagation.',
		);
	});

	it('lets a later applied change that sets the same key win', () => {
		const files = baseline();
		files['environments/staging.yaml'] = files['environments/staging.yaml']!.replace('pool_size: 20', 'pool_size: 30');
		files['environments/dev.yaml'] = files['environments/dev.yaml']!.replace('pool_size: 20', 'pool_size: 30');
		files['environments/production.yaml'] = files['environments/production.yaml']!.replace('pool_size: 20', 'pool_size: 30');
		files['changes/redis-pool-30.md'] = dedent(`
			---
			title: Raise the pool again
			date: 2024-02-25
			reason: More traffic
			settings: { redis.pool_size: 30 }
			rollback: Back to 20
			propagation:
			  dev: { status: applied, date: 2024-02-25 }
			  staging: { status: applied, date: 2024-02-26 }
			  production: { status: applied, date: 2024-02-27 }
			---
		`);
		expect(analyzeFiles(files).problems).toEqual([]);
	});
});

describe('secrets', () => {
	const stripe = ['sk', 'live', '4eC39HqLyjWDarjtT1zdp7dc'].join('_');

	it('rejects a credential in a YAML value, locating it and never printing it', () => {
		const problem = edit('environments/dev.yaml', 'engine: sqlite', `engine: sqlite\n  stripe: { key: "${stripe}" }`).problems.find(
			(p) => p.code === 'secret-value',
		)!;
		expect(problem).toMatchObject({
			file: 'environments/dev.yaml',
			line: 8,
			column: 19,
			endColumn: 19 + stripe.length,
			severity: 'error',
			sensitive: true,
		});
		expect(problem.message).not.toContain(stripe);
		expect(problem.message).toContain('Stripe secret key');
	});

	it('rejects a credential in a Markdown body', () => {
		const problem = edit(
			'issues/payment-timeout.md',
			'Payments timed out.',
			`Payments timed out with key ${stripe} in the log.`,
		).problems.find((p) => p.code === 'secret-value')!;
		expect(problem).toMatchObject({ file: 'issues/payment-timeout.md', line: 14, column: 29 });
	});

	it('rejects a literal under a key named like a credential', () => {
		const problem = edit(
			'environments/dev.yaml',
			'{ timeout_seconds: 120 }',
			'{ timeout_seconds: 120 }\n  db: { password: hunter2hunter2 }',
		).problems.find((p) => p.code === 'secret-literal')!;
		expect(problem).toMatchObject({ line: 9, column: 19 });
		expect(problem.message).not.toContain('hunter2hunter2');
	});

	it('accepts a reference under a key named like a credential', () => {
		const { problems } = edit(
			'environments/dev.yaml',
			'{ timeout_seconds: 120 }',
			'{ timeout_seconds: 120 }\n  db: { password: "${DB_PASSWORD}" }',
		);
		expect(problems.filter((p) => p.code.startsWith('secret'))).toEqual([]);
	});

	it('accepts public look-alikes such as a Stripe publishable key', () => {
		const publishable = ['pk', 'live', '51H8aKLJdkfjsldkfjsldkfjsl'].join('_');
		const { problems } = edit(
			'issues/payment-timeout.md',
			'Payments timed out.',
			`Publishable key ${publishable}, commit 3f786850e387550fdab836ed7e6dc881de23001b.`,
		);
		expect(problems).toEqual([]);
	});
});

describe('settings as teams paste them', () => {
	it('accepts anchors and merge keys, lists, empty maps, nulls and bracket-quoted keys', () => {
		const files = baseline();
		const extra = indent(`
			  defaults: &defaults { replicas: 3, probes: { path: /healthz } }
			  api: { <<: *defaults, replicas: 5 }
			  nodeSelector: { "eks.amazonaws.com/capacityType": ON_DEMAND }
			  hosts: [a.example.com, b.example.com]
			  annotations: {}
			  proxy: null
			  banner: |
			    line one
			    line two
		`);
		for (const env of ['dev', 'staging', 'production']) files[`environments/${env}.yaml`] += extra;
		const { problems, model } = analyzeFiles(files);
		expect(problems).toEqual([]);
		const keys = model.matrix.map((r) => r.key);
		expect(keys).toEqual(
			expect.arrayContaining([
				'api.replicas',
				'api.probes.path',
				'nodeSelector["eks.amazonaws.com/capacityType"]',
				'hosts',
				'annotations',
				'proxy',
				'banner',
			]),
		);
		expect(model.matrix.find((r) => r.key === 'api.replicas')!.values.dev).toBe(5);
		expect(model.matrix.find((r) => r.key === 'hosts')!.values.dev).toEqual(['a.example.com', 'b.example.com']);
	});
});

/** Dedents a block, then indents it two spaces, to append under `settings:`. */
function indent(text: string): string {
	return dedent(text).replace(/^(?=.)/gm, '  ');
}
