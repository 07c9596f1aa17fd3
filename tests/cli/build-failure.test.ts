import { describe, expect, it } from 'vitest';
import { failureReason } from '../../src/cli/build.ts';

describe('the one line that says why the site build failed', () => {
	it("is the error's first line", () => {
		expect(failureReason(new Error('Cannot read properties of undefined\n    at render (page.mjs:3:1)'))).toBe(
			'Cannot read properties of undefined',
		);
	});

	it('takes the next line when the first only announces it, without terminal colours', () => {
		const bundler = new Error(
			'Build failed with 1 error:\n\n\u001b[31m[UNRESOLVED_IMPORT] Could not resolve "./gone.mdx"\u001b[39m\n    at x',
		);
		expect(failureReason(bundler)).toBe('Build failed with 1 error: [UNRESOLVED_IMPORT] Could not resolve "./gone.mdx"');
	});

	it('says what was thrown when it is not an Error', () => {
		expect(failureReason('the disk is full')).toBe('the disk is full');
	});
});
