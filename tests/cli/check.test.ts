import { describe, expect, it } from 'vitest';
import { cli, fixture } from '../helpers/cli.ts';

describe('envparity check', () => {
	it('reports an error in each of six files in one run, sorted by file and line, with exit 1', async () => {
		const { code, stdout } = await cli(['check', '--root', fixture('six-errors')]);
		expect(code).toBe(1);
		const errors = stdout.split('\n').filter((line) => / error [a-z-]+: /.test(line));
		expect(errors.map((line) => line.split(' ')[0]!.split(':')[0])).toEqual([
			'changes/redis-pool.md',
			'environments/dev.yaml',
			'environments/differences.yaml',
			'environments/staging.yaml',
			'issues/payment-timeout.md',
			'runbooks/payment-timeout.md',
		]);
		expect(stdout).toMatchSnapshot();
	});

	it('prints JSON with problems and a summary', async () => {
		const { code, stdout } = await cli(['check', '--root', fixture('six-errors'), '--format', 'json']);
		expect(code).toBe(1);
		const parsed = JSON.parse(stdout);
		expect(parsed.summary).toEqual({ errors: 6, warnings: 3, files: 7 });
		expect(parsed.problems[0]).toMatchObject({
			file: 'changes/redis-pool.md',
			line: 8,
			column: 1,
			severity: 'warning',
			code: 'change-stalled',
		});
		expect(stdout).toMatchSnapshot();
	});

	it('prints GitHub workflow annotations', async () => {
		const { stdout } = await cli(['check', '--root', fixture('six-errors'), '--format', 'github']);
		expect(stdout).toContain(
			'::error file=changes/redis-pool.md,line=11,col=3,endColumn=7,title=envparity unknown-environment::"prod" is not an environment (did you mean "production"?)',
		);
		expect(stdout).toMatchSnapshot();
	});

	it('exits 0 with warnings, and 1 with --strict', async () => {
		expect((await cli(['check', '--root', fixture('valid-minimal')])).code).toBe(0);
		expect((await cli(['check', '--root', fixture('valid-minimal'), '--strict'])).code).toBe(1);
	});

	it('reports warnings of the valid fixture as text with excerpts', async () => {
		const { stdout } = await cli(['check', '--root', fixture('valid-minimal')]);
		expect(stdout).toMatchSnapshot();
	});

	it('uses the clock from ENVPARITY_NOW', async () => {
		const early = await cli(['check', '--root', fixture('valid-minimal'), '--format', 'json'], { ENVPARITY_NOW: '2024-05-03' });
		expect(JSON.parse(early.stdout).problems.map((p: { code: string }) => p.code)).not.toContain('change-stalled');
		const late = await cli(['check', '--root', fixture('valid-minimal'), '--format', 'json'], { ENVPARITY_NOW: '2024-06-01' });
		expect(JSON.parse(late.stdout).problems.map((p: { code: string }) => p.code)).toContain('change-stalled');
	});

	it('falls back to SOURCE_DATE_EPOCH', async () => {
		const { stdout } = await cli(['export', '--root', fixture('valid-minimal')], { ENVPARITY_NOW: '', SOURCE_DATE_EPOCH: '1717200000' });
		expect(JSON.parse(stdout).generatedAt).toBe('2024-06-01T00:00:00.000Z');
	});
});

describe('usage errors', () => {
	it('exits 2 for an unknown command, suggesting the closest', async () => {
		const { code, stderr } = await cli(['chek']);
		expect(code).toBe(2);
		expect(stderr).toContain('unknown command "chek" (did you mean "check"?)');
	});

	it('exits 2 for an unknown format', async () => {
		expect((await cli(['check', '--root', fixture('valid-minimal'), '--format', 'xml'])).code).toBe(2);
	});

	it('exits 2 when the root is missing or not a content repository', async () => {
		const missing = await cli(['check', '--root', 'no/such/folder']);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('does not exist');
		const notContent = await cli(['check', '--root', 'src']);
		expect(notContent.code).toBe(2);
		expect(notContent.stderr).toContain('has no environments/ folder');
	});

	it('exits 2 for an unreadable ENVPARITY_NOW', async () => {
		const { code, stderr } = await cli(['check', '--root', fixture('valid-minimal')], { ENVPARITY_NOW: 'yesterday' });
		expect(code).toBe(2);
		expect(stderr).toContain('ENVPARITY_NOW="yesterday" is not a date');
	});

	it('prints help for every command with exit 0', async () => {
		for (const command of ['check', 'export', 'diff']) {
			const { code, stdout } = await cli([command, '--help']);
			expect(code).toBe(0);
			expect(stdout).toContain(`Usage: envparity ${command}`);
		}
		expect((await cli(['--help'])).stdout).toContain('Commands:');
	});
});
