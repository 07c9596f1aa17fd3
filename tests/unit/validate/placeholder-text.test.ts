import { describe, expect, it } from 'vitest';
import { scaffold } from '../../../src/cli/commands/new.ts';
import { analyzeFiles, baseline, problemKeys } from '../../helpers/repo.ts';
import { dedent } from '../../helpers/dedent.ts';

/** The baseline with one more file. */
function withFile(path: string, text: string): Record<string, string> {
	return { ...baseline(), [path]: text };
}

const change = (front: string, body = 'Raised the pool after the incident.\n'): string =>
	`---\ntitle: Raise the pool\ndate: 2024-02-20\n${front}propagation:\n  dev: { status: applied, date: 2024-02-20 }\n  staging: { status: applied, date: 2024-02-20 }\n  production: { status: applied, date: 2024-02-21 }\n---\n\n${body}`;

describe('placeholder text', () => {
	it('accepts a change whose fields and body say something', () => {
		const files = withFile('changes/pool.md', change('reason: Pool exhausted at peak.\nrollback: Set it back to 10.\n'));
		expect(problemKeys(analyzeFiles(files)).filter((p) => p.includes('placeholder-text'))).toEqual([]);
	});

	it('warns at a reason left as the placeholder, and says what to write instead', () => {
		const files = withFile('changes/pool.md', change('reason: Why this change is needed.\nrollback: Set it back to 10.\n'));
		const problems = analyzeFiles(files).problems.filter((p) => p.code === 'placeholder-text');
		expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity}`)).toEqual(['changes/pool.md:4:9 warning']);
		expect(problems[0]!.message).toBe(
			'reason is still the placeholder "Why this change is needed." that envparity new wrote; replace it with why the change was made, e.g. "checkout timed out under peak load".',
		);
	});

	it('warns at each placeholder field and at the placeholder line of the body', () => {
		const files = withFile(
			'changes/pool.md',
			change(
				'reason: Why this change is needed.\nrollback: How to undo it.\nverification: "How to check that it worked."\n',
				'What changes, and what to watch while it rolls out.\n',
			),
		);
		expect(problemKeys(analyzeFiles(files)).filter((p) => p.includes('placeholder-text'))).toEqual([
			'changes/pool.md:4:9 warning placeholder-text',
			'changes/pool.md:5:11 warning placeholder-text',
			'changes/pool.md:6:15 warning placeholder-text',
			'changes/pool.md:13:1 warning placeholder-text',
		]);
	});

	it("warns at a runbook's placeholder step, not at a step that only starts the same way", () => {
		const runbook = (step: string): string =>
			dedent(`
				---
				title: Fail over Redis
				environments: []
				---

				## Procedure

				${step}
			`);
		expect(problemKeys(analyzeFiles(withFile('runbooks/failover.md', runbook('1. First step.'))))).toContain(
			'runbooks/failover.md:8:1 warning placeholder-text',
		);
		const written = problemKeys(analyzeFiles(withFile('runbooks/failover.md', runbook('1. First step. Check the replica lag.'))));
		expect(written.filter((p) => p.includes('placeholder-text'))).toEqual([]);
	});

	it('warns at every placeholder of a change that envparity new wrote, which otherwise validates', () => {
		const files = baseline();
		const { model } = analyzeFiles(files);
		const text = scaffold('change', 'Raise The Pool', model, 'dev');
		const problems = analyzeFiles({ ...files, 'changes/raise-the-pool.md': text }).problems.filter(
			(p) => p.file === 'changes/raise-the-pool.md',
		);
		expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
		const lines = text.split('\n');
		const placeholders = problems.filter((p) => p.code === 'placeholder-text');
		expect(placeholders.map((p) => lines[p.line - 1]!.slice(p.column - 1))).toEqual([
			'Why this change is needed.',
			'How to undo it.',
			'How to check that it worked.',
			'What changes, and what to watch while it rolls out.',
		]);
	});
});
