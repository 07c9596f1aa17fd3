import { afterEach, describe, expect, it, vi } from 'vitest';
import buildLog from '../../src/cli/build-log.ts';

/** What the log wrote to standard output and standard error while `write` ran. */
function captured(write: () => void): string {
	const out: string[] = [];
	const collect = (chunk: unknown) => (out.push(String(chunk)), true);
	vi.spyOn(process.stdout, 'write').mockImplementation(collect);
	vi.spyOn(process.stderr, 'write').mockImplementation(collect);
	write();
	vi.restoreAllMocks();
	return out.join('');
}

afterEach(() => vi.restoreAllMocks());

describe("Astro's log during the build", () => {
	const error = { label: 'build', level: 'error', message: 'Caught error rendering /x/', newLine: true } as const;
	const page = (note: string) =>
		({ label: 'SKIP_FORMAT', level: 'info', message: ` \u001b[2m(+3ms)\u001b[22m ${note}`, newLine: true }) as const;

	it("leaves out Astro's errors, which the build reports in one line, unless the whole log is asked for", () => {
		expect(captured(() => buildLog().write(error))).toBe('');
		expect(captured(() => buildLog({ errors: true }).write(error))).toContain('Caught error rendering /x/');
	});

	it("does not say that a page's file was not created: the build's page writer wrote it", () => {
		const note = '\u001b[33m(file not created, response body was empty)\u001b[39m';
		expect(captured(() => buildLog({ errors: true }).write(page(note)))).toBe(' \u001b[2m(+3ms)\u001b[22m\n');
		expect(captured(() => buildLog({ errors: true }).write(page('(file not created, response body was empty)')))).toBe(
			' \u001b[2m(+3ms)\u001b[22m\n',
		);
	});
});
