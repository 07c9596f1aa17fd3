import { describe, expect, it } from 'vitest';
import { fake } from '../../helpers/fake-secrets.ts';
import { analyzeFiles, baseline, problemKeys } from '../../helpers/repo.ts';

describe('credentials in observations', () => {
	it('are secret-value errors, whoever wrote them into an observations file', () => {
		const text = `{\n  "note": "${fake.stripeSecret}"\n}\n`;
		const analysis = analyzeFiles({ ...baseline(), 'observations/production.json': text });
		expect(problemKeys(analysis)).toContain('observations/production.json:2:12 error secret-value');
		const found = analysis.problems.find((p) => p.code === 'secret-value')!;
		expect(found.secret).toBe(fake.stripeSecret);
		expect(found.message).not.toContain(fake.stripeSecret);
	});
});
