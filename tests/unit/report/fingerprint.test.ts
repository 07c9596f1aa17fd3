import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/lib/diagnostics/diagnostic.ts';
import { secretMask } from '../../../src/lib/diagnostics/secret-mask.ts';
import { createSourceFile } from '../../../src/lib/diagnostics/source-file.ts';
import { cutText } from '../../../src/lib/report/cut-text.ts';
import { problemFingerprints } from '../../../src/lib/report/fingerprint.ts';

const problem = (line: number, message = 'runtime.version is a number'): Diagnostic => ({
	file: 'environments/dev.yaml',
	line,
	column: 3,
	severity: 'warning',
	code: 'version-as-number',
	message,
});

const fingerprints = (text: string, problems: Diagnostic[]) =>
	problemFingerprints(
		problems,
		new Map([['environments/dev.yaml', createSourceFile('environments/dev.yaml', text)]]),
		secretMask(problems),
	);

describe('problem fingerprints', () => {
	it('tells apart two problems on identical lines of one file, by their order, and keeps both when lines move', () => {
		const text = 'api:\n  version: 14\nworker:\n  version: 14\n';
		const [a, b] = fingerprints(text, [problem(2), problem(4)]);
		expect(a).not.toBe(b);
		expect(fingerprints(`# Dev.\n\n${text}`, [problem(4), problem(6)])).toEqual([a, b]);
	});

	it('changes with the line, the code or the message, not with a number in the message', () => {
		const text = 'api:\n  version: 14\n  version_b: 15\n';
		const [base] = fingerprints(text, [problem(2, 'pending for 12 days')]);
		expect(fingerprints(text, [problem(2, 'pending for 13 days')])).toEqual([base]);
		expect(fingerprints(text, [problem(3, 'pending for 12 days')])).not.toEqual([base]);
		expect(fingerprints(text, [problem(2, 'pending in staging')])).not.toEqual([base]);
		expect(fingerprints(text, [{ ...problem(2, 'pending for 12 days'), code: 'undocumented-drift' }])).not.toEqual([base]);
	});

	it('hashes a secret only masked: the fingerprint is the same whatever the secret was', () => {
		const secret = (value: string): Diagnostic => ({
			...problem(2, 'a password'),
			code: 'secret-literal',
			severity: 'error',
			sensitive: true,
			endLine: 2,
			endColumn: 13 + value.length,
			secret: value,
		});
		// Two secrets of one length: masked, their lines read the same.
		const one = fingerprints('db:\n  password: hunter2-and-more\n', [secret('hunter2-and-more')]);
		const other = fingerprints('db:\n  password: swordfish-xyz123\n', [secret('swordfish-xyz123')]);
		expect(one).toEqual(other);
	});
});

describe('cutting text to a limit', () => {
	it('keeps a text that fits, and cuts a longer one with … within the limit, never inside a surrogate pair', () => {
		expect(cutText('short', 10)).toBe('short');
		expect(cutText('abcdefghijk', 10)).toBe('abcdefghi…');
		const cut = cutText('abcdefgh😀😀', 10);
		expect(cut).toBe('abcdefgh…');
		expect(cut.length).toBeLessThanOrEqual(10);
	});
});
