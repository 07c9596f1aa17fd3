import { describe, expect, it } from 'vitest';
import { analyzeFiles, baseline, dedent, problemKeys } from '../../helpers/repo.ts';

function withFile(path: string, text: string) {
	return analyzeFiles({ ...baseline(), [path]: dedent(text) });
}

describe('schema validation', () => {
	it('rejects an unknown field with a did-you-mean suggestion, pointing at the key', () => {
		const files = baseline();
		files['changes/redis-pool.md'] = files['changes/redis-pool.md']!.replace('reason:', 'reasn:');
		const { problems } = analyzeFiles(files);
		const unknown = problems.find((p) => p.code === 'unknown-field')!;
		expect(unknown).toMatchObject({ file: 'changes/redis-pool.md', line: 4, column: 1, severity: 'error' });
		expect(unknown.message).toContain('"reasn" is not a field of a change (did you mean "reason"?)');
	});

	it('reports a missing required field at the parent', () => {
		const { problems } = withFile(
			'environments/qa.yaml',
			`
			stage: staging
			verified: { date: 2024-02-20 }
		`,
		);
		expect(problems.filter((p) => p.file === 'environments/qa.yaml').map((p) => [p.code, p.line, p.column])).toContainEqual([
			'missing-field',
			1,
			1,
		]);
		expect(problems.find((p) => p.code === 'missing-field')!.message).toContain('"name" is required');
	});

	it('rejects a wrong type at the value', () => {
		const files = baseline();
		files['issues/payment-timeout.md'] = files['issues/payment-timeout.md']!.replace(
			'environments: [production]',
			'environments: production',
		);
		const problem = analyzeFiles(files).problems.find((p) => p.code === 'invalid-type')!;
		expect(problem).toMatchObject({ file: 'issues/payment-timeout.md', line: 5, column: 15 });
		expect(problem.message).toContain('"environments" must be a list, not the text "production"');
	});

	it('rejects an invalid enum value with a suggestion', () => {
		const files = baseline();
		files['issues/payment-timeout.md'] = files['issues/payment-timeout.md']!.replace('severity: high', 'severity: hihg');
		const problem = analyzeFiles(files).problems.find((p) => p.code === 'invalid-value')!;
		expect(problem).toMatchObject({ line: 4, column: 11 });
		expect(problem.message).toBe('"hihg" is not a valid "severity" (did you mean "high"?); use one of: low, medium, high, critical.');
	});

	it('points at a misspelt propagation status inside the short form', () => {
		const files = baseline();
		files['changes/redis-pool.md'] = files['changes/redis-pool.md']!.replace(
			'production: { status: applied, date: 2024-02-22 }',
			'production: aplied',
		);
		const problem = analyzeFiles(files).problems.find((p) => p.code === 'invalid-value')!;
		expect(problem).toMatchObject({ file: 'changes/redis-pool.md', line: 10, column: 15 });
		expect(problem.message).toContain('(did you mean "applied"?)');
	});

	it('requires a date on an applied step and a note on a skipped one', () => {
		const files = baseline();
		files['changes/redis-pool.md'] = files['changes/redis-pool.md']!.replace(
			'staging: { status: applied, date: 2024-02-21 }',
			'staging: { status: applied }',
		).replace('production: { status: applied, date: 2024-02-22 }', 'production: { status: skipped }');
		const problems = analyzeFiles(files).problems.filter((p) => p.code === 'missing-field');
		expect(problems.map((p) => [p.line, p.message])).toEqual([
			[9, 'An applied step needs the date it was applied, e.g. date: 2024-01-23.'],
			[10, 'A skipped step needs a note saying why it was skipped.'],
		]);
	});

	describe('the short form of a propagation step', () => {
		const withStep = (step: string) => {
			const files = baseline();
			files['changes/redis-pool.md'] = files['changes/redis-pool.md']!.replace('staging: { status: applied, date: 2024-02-21 }', step);
			return analyzeFiles(files);
		};

		it('rejects a bare "applied" as a missing date at its line, showing the full form', () => {
			const { problems } = withStep('staging: applied');
			expect(problems.map((p) => [p.file, p.line, p.column, p.severity, p.code, p.message])).toEqual([
				[
					'changes/redis-pool.md',
					9,
					12,
					'error',
					'missing-field',
					'An applied step needs the date it was applied; write it in full, e.g. staging: { status: applied, date: 2024-02-20 }.',
				],
			]);
		});

		it('rejects a bare "skipped" as a missing note at its line, showing the full form', () => {
			const { problems } = withStep('staging: skipped');
			expect(problems.map((p) => [p.line, p.column, p.code, p.message])).toEqual([
				[
					9,
					12,
					'missing-field',
					'A skipped step needs a note saying why it was skipped; write it in full, e.g. staging: { status: skipped, note: "Not used there." }.',
				],
			]);
		});

		it.each(['pending', 'failed', 'rolled-back'])('accepts a bare "%s", which needs no date nor note', (status) => {
			const files = baseline();
			files['changes/redis-pool.md'] = files['changes/redis-pool.md']!.replace(
				'production: { status: applied, date: 2024-02-22 }',
				`production: ${status}`,
			);
			expect(problemKeys(analyzeFiles(files))).toEqual([]);
		});
	});

	it('requires a resolution date on a resolved issue', () => {
		const files = baseline();
		files['issues/payment-timeout.md'] = files['issues/payment-timeout.md']!.replace('resolved: 2024-02-03\n', '');
		expect(problemKeys(analyzeFiles(files))).toContain('issues/payment-timeout.md:2:1 error missing-field');
	});

	describe('invalid dates', () => {
		const withDate = (path: string, from: string, to: string) => {
			const files = baseline();
			expect(files[path]).toContain(from);
			files[path] = files[path]!.replace(from, to);
			return analyzeFiles(files).problems.filter((p) => p.code === 'invalid-date');
		};

		it.each([
			{ field: 'verified.date', path: 'environments/staging.yaml', from: 'date: 2024-02-20', to: 'date: 2024-02-30', at: [3, 19] },
			{ field: 'date', path: 'changes/redis-pool.md', from: 'date: 2024-02-20\n', to: 'date: 2024-02-30\n', at: [3, 7] },
			{
				field: 'propagation.staging.date',
				path: 'changes/redis-pool.md',
				from: 'date: 2024-02-21 }',
				to: 'date: 2024-02-30 }',
				at: [9, 37],
			},
			{ field: 'opened', path: 'issues/payment-timeout.md', from: 'opened: 2024-02-01', to: 'opened: 2024-02-30', at: [7, 9] },
			{ field: 'resolved', path: 'issues/payment-timeout.md', from: 'resolved: 2024-02-03', to: 'resolved: 2024-02-30', at: [8, 11] },
			{
				field: 'review_by',
				path: 'runbooks/payment-timeout.md',
				from: 'title: Payment timeout',
				to: 'title: Payment timeout\nreview_by: 2024-02-30',
				at: [3, 12],
			},
			{
				field: 'review_by',
				named: '"review_by" in difference 1',
				path: 'environments/differences.yaml',
				from: 'risk: medium',
				to: 'risk: medium\n  review_by: 2024-02-30',
				at: [5, 14],
			},
		] as { field: string; named?: string; path: string; from: string; to: string; at: number[] }[])(
			'names the field $field and the value of an impossible date in $path',
			({ field, named, path, from, to, at }) => {
				const problems = withDate(path, from, to);
				expect(problems.map((p) => [p.file, p.line, p.column, p.message])).toEqual([
					[path, ...at, `${named ?? `"${field}"`} is "2024-02-30", which is not a real date; check the month and the day.`],
				]);
			},
		);

		it('quotes a date written in another order and says how to write it', () => {
			const [problem, ...others] = withDate('environments/staging.yaml', 'date: 2024-02-20', 'date: 20/02/2024');
			expect(others).toEqual([]);
			expect(problem!.message).toBe(
				'"verified.date" is "20/02/2024", which is not written YYYY-MM-DD; write the year, the month and the day, e.g. 2024-01-22.',
			);
		});

		it('does not quote a value of a date field that is not written as a date', () => {
			const [problem, ...others] = withDate('issues/payment-timeout.md', 'opened: 2024-02-01', 'opened: hunter2-in-march');
			expect(others).toEqual([]);
			expect(problem!.message).toBe('"opened" is not a date written YYYY-MM-DD; write the year, the month and the day, e.g. 2024-01-22.');
		});
	});

	it('rejects an id that is not lowercase letters, digits and hyphens', () => {
		const { problems } = withFile(
			'runbooks/Redis_Failover.md',
			`
			---
			title: Redis failover
			---
			Steps.
		`,
		);
		expect(problems.find((p) => p.code === 'invalid-id')?.message).toContain('"redis-failover"');
	});

	it('rejects a duplicate id within a kind, even in a subfolder', () => {
		const { problems } = withFile(
			'changes/2024/redis-pool.md',
			`
			---
			title: Again
			date: 2024-02-20
			reason: r
			rollback: r
			propagation: { dev: { status: applied, date: 2024-02-20 }, staging: { status: applied, date: 2024-02-20 }, production: { status: applied, date: 2024-02-20 } }
			---
		`,
		);
		const duplicate = problems.find((p) => p.code === 'duplicate-id')!;
		expect(duplicate).toMatchObject({ file: 'changes/redis-pool.md', line: 1, column: 1, severity: 'error' });
		expect(duplicate.message).toContain('already used by changes/2024/redis-pool.md');
	});

	it('validates each documented difference on its own and locates it', () => {
		const files = baseline();
		files['environments/differences.yaml'] += dedent(`
			- key: redis.version
			  rationale: Testing the next version.
			  risk: severe
		`);
		const problem = analyzeFiles(files).problems.find((p) => p.code === 'invalid-value')!;
		expect(problem).toMatchObject({ file: 'environments/differences.yaml', line: 7, column: 9 });
	});

	it('rejects a stage that is not in the pipeline, with a suggestion', () => {
		const files = baseline();
		files['environments/staging.yaml'] = files['environments/staging.yaml']!.replace('stage: staging', 'stage: stagin');
		const problem = analyzeFiles(files).problems.find((p) => p.code === 'unknown-stage')!;
		expect(problem).toMatchObject({ file: 'environments/staging.yaml', line: 2, column: 8 });
		expect(problem.message).toContain('(did you mean "staging"?)');
	});

	it('reads the pipeline from the config file and rejects unknown config fields', () => {
		const { problems } = withFile(
			'envparity.config.yaml',
			`
			pipeline: [dev, staging, production]
			stale_after_dayz: 10
		`,
		);
		expect(problems.find((p) => p.code === 'unknown-field')?.message).toContain('did you mean "stale_after_days"?');
	});

	it('rejects a config pipeline that names a stage twice', () => {
		const { problems } = withFile(
			'envparity.config.yaml',
			`
			pipeline: [dev, staging, staging, production]
		`,
		);
		expect(problems.find((p) => p.file === 'envparity.config.yaml')?.message).toBe(
			'"pipeline" names a stage twice; each stage appears once.',
		);
	});

	it('reads release_tags as a glob, and rejects an empty one at its value', () => {
		expect(withFile('envparity.config.yaml', 'release_tags: "v*"\n').model.config.release_tags).toBe('v*');
		expect(withFile('envparity.config.yaml', 'title: Wiki\n').model.config.release_tags).toBeNull();
		const problem = withFile('envparity.config.yaml', 'release_tags: ""\n').problems.find((p) => p.file === 'envparity.config.yaml');
		expect(problem).toMatchObject({ code: 'invalid-value', line: 1, column: 15, message: '"release_tags" must not be empty.' });
	});

	describe('web addresses', () => {
		const withUrl = (url: string) => {
			const files = baseline();
			files['environments/staging.yaml'] = files['environments/staging.yaml']!.replace('stage: staging', `stage: staging\nurl: ${url}`);
			return analyzeFiles(files);
		};
		const withRepository = (repository: string) => analyzeFiles({ ...baseline(), 'envparity.config.yaml': `repository: ${repository}\n` });

		it.each(['https://pay.staging.acme.com', 'http://localhost:3000', 'HTTPS://PAY.ACME.COM/status?region=eu#top'])(
			'accepts the http(s) environment url %s',
			(url) => {
				expect(problemKeys(withUrl(url))).toEqual([]);
			},
		);

		it('rejects a javascript: environment url as an invalid value at the value, saying what to write', () => {
			const problem = withUrl('"javascript:alert(1)"').problems.find((p) => p.file === 'environments/staging.yaml')!;
			expect(problem).toMatchObject({ line: 3, column: 6, severity: 'error', code: 'invalid-value' });
			expect(problem.message).toBe(
				'"url" must be a web address starting with https:// or http://, not a "javascript:" address; write it in full, e.g. https://app.example.com.',
			);
		});

		it.each([
			['data:', 'data:text/html,<script>alert(1)</script>'],
			['vbscript:', 'vbscript:msgbox(1)'],
			['javascript:', '"  JavaScript:alert(1)"'],
			['javascript:', '"java\tscript:alert(1)"'],
			['file:', 'file:///etc/passwd'],
			['ftp:', 'ftp://files.acme.com/'],
		])('rejects an environment url with the %s scheme', (scheme, url) => {
			const problem = withUrl(url).problems.find((p) => p.file === 'environments/staging.yaml')!;
			expect([problem.line, problem.column, problem.code]).toEqual([3, 6, 'invalid-value']);
			expect(problem.message).toContain(`not a "${scheme}" address`);
		});

		it.each(['pay.staging.acme.com', 'localhost:3000', 'http:pay.staging.acme.com'])(
			'rejects the environment url %s, which is not written in full, without naming a scheme',
			(url) => {
				const problem = withUrl(url).problems.find((p) => p.file === 'environments/staging.yaml')!;
				expect([problem.line, problem.column, problem.code]).toEqual([3, 6, 'invalid-value']);
				expect(problem.message).toBe(
					'"url" must be a web address starting with https:// or http://; write it in full, e.g. https://app.example.com.',
				);
			},
		);

		it('keeps invalid-type for an environment url that is not a text', () => {
			const problem = withUrl('42').problems.find((p) => p.file === 'environments/staging.yaml')!;
			expect([problem.line, problem.column, problem.code, problem.message]).toEqual([
				3,
				6,
				'invalid-type',
				'"url" must be a text, not the number 42.',
			]);
		});

		it('rejects a javascript: repository address that looks like a GitHub one, at the value', () => {
			const problem = withRepository('"javascript:alert(document.domain)//github.com/acme/x"').problems.find(
				(p) => p.file === 'envparity.config.yaml',
			)!;
			expect(problem).toMatchObject({ line: 1, column: 13, severity: 'error', code: 'invalid-value' });
			expect(problem.message).toBe(
				'"repository" must be a web address starting with https:// or http://, not a "javascript:" address; write it in full, e.g. https://github.com/acme/infra-wiki.',
			);
		});

		it('accepts an http(s) repository address', () => {
			expect(problemKeys(withRepository('https://gitlab.acme.internal/ops/wiki.git'))).toEqual([]);
		});
	});

	it('reserves the environment id "differences"', () => {
		const { problems } = withFile(
			'environments/old/differences.yaml',
			`
			name: Differences
			stage: dev
		`,
		);
		expect(problems.map((p) => p.code)).toContain('reserved-id');
	});
});
