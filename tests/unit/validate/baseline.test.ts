import { describe, expect, it } from 'vitest';
import { analyzeFiles, baseline } from '../../helpers/repo.ts';

describe('the test baseline', () => {
	it('has no problems at all, so each test can break exactly one thing', () => {
		expect(analyzeFiles(baseline()).problems).toEqual([]);
	});
});
