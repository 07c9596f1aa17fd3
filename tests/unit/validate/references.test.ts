import { describe, expect, it } from 'vitest';
import { analyzeFiles, baseline, dedent } from '../../helpers/repo.ts';

function edit(path: string, from: string, to: string) {
	const files = baseline();
	if (!files[path]!.includes(from)) throw new Error(`${path} has no ${from}`);
	files[path] = files[path]!.replace(from, to);
	return analyzeFiles(files).problems;
}

describe('references', () => {
	it('rejects a propagation step for an unknown environment, with a suggestion, at the key', () => {
		const problem = edit('changes/redis-pool.md', 'production: { status: applied, date: 2024-02-22 }', 'prod: pending').find(
			(p) => p.code === 'unknown-environment',
		)!;
		expect(problem).toMatchObject({ file: 'changes/redis-pool.md', line: 10, column: 3, severity: 'error' });
		expect(problem.message).toBe(
			'"prod" is not an environment (did you mean "production"?); check the spelling or add environments/prod.yaml.',
		);
	});

	it('rejects an issue observed in an unknown environment', () => {
		const problem = edit('issues/payment-timeout.md', 'environments: [production]', 'environments: [producton]').find(
			(p) => p.code === 'unknown-environment',
		)!;
		expect(problem).toMatchObject({ line: 5, column: 16 });
	});

	it('rejects an unknown environment in reproduced', () => {
		expect(edit('issues/payment-timeout.md', '{ staging: false }', '{ stagin: false }').map((p) => p.code)).toContain(
			'unknown-environment',
		);
	});

	it('rejects a reference to an unknown change', () => {
		const problem = edit('issues/payment-timeout.md', 'changes: [redis-pool]', 'changes: [redis-pol]').find(
			(p) => p.code === 'unknown-change',
		)!;
		expect(problem.message).toContain('(did you mean "redis-pool"?)');
	});

	it('rejects a reference to an unknown runbook', () => {
		expect(edit('issues/payment-timeout.md', 'runbooks: [payment-timeout]', 'runbooks: [payment-timeouts]').map((p) => p.code)).toContain(
			'unknown-runbook',
		);
	});

	it('rejects a runbook that names an unknown issue', () => {
		expect(edit('runbooks/payment-timeout.md', 'issues: [payment-timeout]', 'issues: [payment-timout]').map((p) => p.code)).toContain(
			'unknown-issue',
		);
	});

	it('accepts a reference by alias', () => {
		expect(edit('runbooks/payment-timeout.md', 'issues: [payment-timeout]', 'issues: [INC-2041]')).toEqual([]);
	});

	it('rejects a setting key that no environment has, with a suggestion', () => {
		const problem = edit(
			'issues/payment-timeout.md',
			'settings: [load_balancer.timeout_seconds]',
			'settings: [load_balancer.timeout]',
		).find((p) => p.code === 'unknown-setting')!;
		expect(problem).toMatchObject({ line: 9, column: 12 });
		expect(problem.message).toContain('(did you mean "load_balancer.timeout_seconds"?)');
	});

	it('rejects a difference whose glob matches no setting', () => {
		const problem = edit('environments/differences.yaml', 'key: database.engine', 'key: databse.*').find(
			(p) => p.code === 'unknown-setting',
		)!;
		expect(problem).toMatchObject({ file: 'environments/differences.yaml', line: 1, column: 8 });
	});

	it('rejects expected values for an environment or stage that does not exist', () => {
		const problem = edit('environments/differences.yaml', 'production: postgresql }', 'prod: postgresql }').find(
			(p) => p.code === 'unknown-environment',
		)!;
		expect(problem.message).toContain('"prod" is neither an environment nor a stage');
	});

	it('lets a change introduce a key that no environment has yet', () => {
		expect(edit('changes/redis-pool.md', 'settings: { redis.pool_size: 20 }', 'settings: { redis.pool_size: 20 }').length).toBe(0);
	});
});

describe('aliases', () => {
	it('rejects an alias that collides with another entity id', () => {
		const problem = edit('issues/payment-timeout.md', 'aliases: [INC-2041]', 'aliases: [redis-pool]').find(
			(p) => p.code === 'alias-collision',
		)!;
		expect(problem).toMatchObject({ file: 'issues/payment-timeout.md', line: 12, column: 11 });
		expect(problem.message).toContain('collides with the id of changes/redis-pool.md');
	});

	it('rejects an alias used twice, ignoring case', () => {
		const files = baseline();
		files['runbooks/payment-timeout.md'] = files['runbooks/payment-timeout.md']!.replace(
			'issues: [payment-timeout]',
			'issues: [payment-timeout]\naliases: [inc-2041]',
		);
		expect(analyzeFiles(files).problems.map((p) => p.code)).toContain('alias-collision');
	});

	it('rejects an alias with characters that cannot be part of a URL path', () => {
		expect(edit('issues/payment-timeout.md', 'aliases: [INC-2041]', 'aliases: ["INC 2041/x"]').map((p) => p.code)).toContain(
			'invalid-value',
		);
	});
});

describe('files', () => {
	it('reports a YAML syntax error at its line and column', () => {
		const files = { ...baseline(), 'environments/qa.yaml': 'name: QA\nstage: staging\nsettings:\n  a: [1, 2\n' };
		const problem = analyzeFiles(files).problems.find((p) => p.code === 'yaml-syntax')!;
		expect(problem.file).toBe('environments/qa.yaml');
		expect(problem.line).toBeGreaterThanOrEqual(4);
	});

	it('reports a bad indentation in front matter at the line in the Markdown file', () => {
		const files = baseline();
		files['changes/redis-pool.md'] = files['changes/redis-pool.md']!.replace(
			'reason: Memory optimisation',
			'  reason: Memory optimisation',
		);
		const problem = analyzeFiles(files).problems.find((p) => p.code === 'yaml-syntax')!;
		// The over-indented line continues the value above it, which is where YAML reports it.
		expect(problem).toMatchObject({ file: 'changes/redis-pool.md', line: 3, column: 7 });
	});

	it('reports a duplicate key', () => {
		const files = baseline();
		files['environments/dev.yaml'] = files['environments/dev.yaml']!.replace('stage: dev', 'stage: dev\nname: Dev again');
		const problem = analyzeFiles(files).problems.find((p) => p.code === 'duplicate-key')!;
		expect(problem).toMatchObject({ file: 'environments/dev.yaml', line: 3, column: 1 });
	});

	it('reports an empty file', () => {
		expect(analyzeFiles({ ...baseline(), 'changes/empty.md': '\n' }).problems.map((p) => `${p.file} ${p.code}`)).toContain(
			'changes/empty.md empty-file',
		);
	});

	it('reports a Markdown entity without front matter', () => {
		expect(analyzeFiles({ ...baseline(), 'issues/note.md': '# Just a note\n' }).problems.map((p) => p.code)).toContain(
			'front-matter-missing',
		);
	});

	it('reports a file of another type in a content folder', () => {
		const problem = analyzeFiles({ ...baseline(), 'environments/prod.json': '{}' }).problems.find((p) => p.code === 'unexpected-file')!;
		expect(problem.message).toContain('prod.json is not a .yaml file');
	});

	it('reports a binary file', () => {
		const problems = analyzeFiles({ ...baseline(), 'runbooks/diagram.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]) }).problems;
		expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.code}`)).toContain('runbooks/diagram.md:1:1 binary-file');
	});

	it('skips README files and dot-files in content folders', () => {
		expect(analyzeFiles({ ...baseline(), 'changes/README.md': '# Changes\n', 'issues/.gitkeep': '' }).problems).toEqual([]);
	});

	it('reports a relative link that leaves the repository, and not one inside it', () => {
		const files = baseline();
		files['runbooks/payment-timeout.md'] += dedent(`
			See [the issue](../issues/payment-timeout.md) and [secrets](../../etc/shadow).
			\`\`\`md
			[in code](../../../ignored)
			\`\`\`
		`);
		const problems = analyzeFiles(files).problems.filter((p) => p.code === 'link-outside-root');
		expect(problems.map((p) => [p.file, p.line, p.column])).toEqual([['runbooks/payment-timeout.md', 7, 61]]);
	});

	it('reports a config file path outside the repository', () => {
		const files = baseline();
		files['issues/payment-timeout.md'] = files['issues/payment-timeout.md']!.replace(
			'aliases:',
			'config_files: [nginx/timeout.conf, ../secrets.env]\naliases:',
		);
		const problems = analyzeFiles(files).problems.filter((p) => p.code === 'link-outside-root');
		expect(problems.map((p) => [p.line, p.column])).toEqual([[12, 36]]);
	});
});

describe('MDX bodies', () => {
	it('rejects script in an MDX body (the rule: tests/unit/validate/mdx.test.ts)', () => {
		const files = { ...baseline(), 'runbooks/failover.mdx': '---\ntitle: Failover\n---\nSteps.\n<button onClick="steal()">Go</button>\n' };
		const problem = analyzeFiles(files).problems.find((p) => p.code === 'unsafe-mdx')!;
		expect(problem).toMatchObject({ file: 'runbooks/failover.mdx', line: 5, column: 1, severity: 'error' });
	});

	it('accepts script-like text inside code in an MDX body', () => {
		const files = { ...baseline(), 'runbooks/failover.mdx': '---\ntitle: Failover\n---\n```html\n<script>x()</script>\n```\n' };
		expect(analyzeFiles(files).problems).toEqual([]);
	});
});

describe('environments named by alias', () => {
	function renamed() {
		const files = baseline();
		files['environments/production.yaml'] = files['environments/production.yaml']!.replace(
			'name: Production',
			'name: Production\naliases: [prod]',
		);
		return files;
	}

	it('counts a propagation step recorded under an alias for the environment', () => {
		const files = renamed();
		files['changes/redis-pool.md'] = files['changes/redis-pool.md']!.replace('production: { status: applied', 'prod: { status: applied');
		const { problems, model } = analyzeFiles(files);
		expect(problems).toEqual([]);
		expect(model.propagation.get('redis-pool')).toMatchObject({ state: 'complete', pending: [] });
	});

	it('treats a bug observed in an environment named by alias as observed there', () => {
		const files = renamed();
		files['issues/payment-timeout.md'] = files['issues/payment-timeout.md']!.replace('environments: [production]', 'environments: [prod]');
		const { problems, model } = analyzeFiles(files);
		expect(problems).toEqual([]);
		expect(model.productionOnly.get('payment-timeout')).toBe(true);
		expect(model.issues[0]!.data.environments).toEqual(['production']);
	});
});
