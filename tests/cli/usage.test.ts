import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';

describe('unknown flags', () => {
	it('suggests the closest flag, names the command and the flags it takes, prints the usage and exits 2', async () => {
		const { code, stdout, stderr } = await cli(['check', '--fromat', 'json']);
		expect(code).toBe(2);
		expect(stdout).toBe('');
		const [message, ...usage] = stderr.split('\n');
		expect(message).toBe(
			'envparity check: unknown flag "--fromat" (did you mean "--format"?); check takes --format, --strict, --root and --help.',
		);
		expect(usage.join('\n')).toContain('Usage: envparity check [--root DIR] [--format text|json|github|gitlab|bitbucket] [--strict]');
	});

	it.each([
		{
			args: ['export', '--rot', '.'],
			expected: 'envparity export: unknown flag "--rot" (did you mean "--root"?); export takes --at, --root and --help.',
		},
		{
			args: ['diff', 'staging', 'production', '--al'],
			expected: 'envparity diff: unknown flag "--al" (did you mean "--all"?); diff takes --all, --format, --at, --root and --help.',
		},
		{
			args: ['new', 'change', 'cache', '--titel', 'Cache'],
			expected:
				'envparity new: unknown flag "--titel" (did you mean "--title"?); new takes --title, --stage, --from-history, --root and --help.',
		},
		{
			args: ['schema', '--outt', 'x'],
			expected: 'envparity schema: unknown flag "--outt" (did you mean "--out"?); schema takes --out, --root and --help.',
		},
		{
			args: ['pr-report', '--bse', 'origin/main'],
			expected:
				'envparity pr-report: unknown flag "--bse" (did you mean "--base"?); pr-report takes --base, --head, --format, --root and --help.',
		},
	])('suggests the closest flag of $args.0', async ({ args, expected }) => {
		const { code, stderr } = await cli(args);
		expect(code).toBe(2);
		expect(stderr.split('\n')[0]).toBe(expected);
	});

	it('reads the flag of a --flag=value argument', async () => {
		const { code, stderr } = await cli(['check', '--fromat=json']);
		expect(code).toBe(2);
		expect(stderr).toContain('unknown flag "--fromat" (did you mean "--format"?)');
	});

	it('names an unknown flag that is close to none without a suggestion', async () => {
		const { code, stderr } = await cli(['check', '-x']);
		expect(code).toBe(2);
		expect(stderr.split('\n')[0]).toBe('envparity check: unknown flag "-x"; check takes --format, --strict, --root and --help.');
	});

	it('suggests --version for a misspelt flag given before any command', async () => {
		const { code, stderr } = await cli(['--verison']);
		expect(code).toBe(2);
		expect(stderr.split('\n')[0]).toBe(
			'envparity: unknown flag "--verison" (did you mean "--version"?); before a command, envparity takes --help and --version.',
		);
		expect(stderr).toContain('Usage: envparity <command> [options]');
	});

	it('keeps the message of other argument errors, with exit 2', async () => {
		const { code, stderr } = await cli(['check', '--format']);
		expect(code).toBe(2);
		expect(stderr).toContain("envparity check: Option '--format <value>' argument missing");
	});
});
