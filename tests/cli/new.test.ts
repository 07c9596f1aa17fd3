import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRoot } from '../../src/lib/engine.ts';
import { cli, fixture } from '../helpers/cli.ts';

/** A writable copy of the valid fixture. */
function copy(): string {
	const dir = mkdtempSync(join(tmpdir(), 'envparity-new-'));
	cpSync(fixture('valid-minimal'), dir, { recursive: true });
	return dir;
}

const errorsIn = async (root: string, file: string) =>
	(await analyzeRoot(root, { now: new Date('2024-06-01T00:00:00Z') })).problems.filter((p) => p.file === file && p.severity === 'error');

describe('envparity new', () => {
	it("starts a change with today's date and every environment pending, and it validates", async () => {
		const root = copy();
		const { code, stdout } = await cli(['new', 'change', 'raise-timeouts', '--title', 'Raise timeouts: LB and Stripe', '--root', root]);
		expect(code).toBe(0);
		expect(stdout).toContain('changes/raise-timeouts.md');
		const text = readFileSync(join(root, 'changes/raise-timeouts.md'), 'utf8');
		expect(text).toContain('title: "Raise timeouts: LB and Stripe"');
		expect(text).toContain('date: 2024-06-01');
		expect(text).toContain('propagation:\n  dev: pending\n  staging: pending\n  production: pending\n');
		expect(await errorsIn(root, 'changes/raise-timeouts.md')).toEqual([]);
	});

	for (const [kind, file] of [
		['environment', 'environments/qa.yaml'],
		['issue', 'issues/qa.md'],
		['runbook', 'runbooks/qa.md'],
	] as const) {
		it(`starts a valid ${kind}`, async () => {
			const root = copy();
			expect((await cli(['new', kind, 'qa', '--root', root])).code).toBe(0);
			expect(readFileSync(join(root, file), 'utf8')).toMatchSnapshot();
			expect(await errorsIn(root, file)).toEqual([]);
		});
	}

	it('puts a new environment in the stage it is given', async () => {
		const root = copy();
		await cli(['new', 'environment', 'qa', '--stage', 'staging', '--root', root]);
		expect(readFileSync(join(root, 'environments/qa.yaml'), 'utf8')).toContain('stage: staging');
		expect((await cli(['new', 'environment', 'qa2', '--stage', 'stagin', '--root', root])).stderr).toContain('(did you mean "staging"?)');
	});

	it('refuses an id that exists, also as an alias', async () => {
		const root = copy();
		const existing = await cli(['new', 'change', 'redis-pool', '--root', root]);
		expect(existing.code).toBe(2);
		expect(existing.stderr).toContain('the change "redis-pool" exists already');
		const issue = join(root, 'issues/payment-timeout.md');
		writeFileSync(issue, readFileSync(issue, 'utf8').replace('aliases: [INC-2041]', 'aliases: [INC-2041, checkout-timeout]'));
		const alias = await cli(['new', 'issue', 'checkout-timeout', '--root', root]);
		expect(alias.code).toBe(2);
		expect(alias.stderr).toContain('exists already (as an alias of payment-timeout)');
		const otherKind = await cli(['new', 'runbook', 'inc-2041', '--root', root]);
		expect(otherKind.code).toBe(2);
		expect(otherKind.stderr).toContain('"inc-2041" is already an alias of issues/payment-timeout.md');
	});

	it('refuses an invalid id and an unknown kind', async () => {
		const root = copy();
		expect((await cli(['new', 'change', 'Redis_Pool', '--root', root])).stderr).toContain('"Redis_Pool" is not a valid id');
		expect((await cli(['new', 'chnage', 'x', '--root', root])).stderr).toContain('(did you mean "change"?)');
	});
});
