import { describe, expect, it } from 'vitest';
import { toExportDocument } from '../../../src/lib/model/export-document.ts';
import { analyzeFiles, baseline } from '../../helpers/repo.ts';

describe('the export document', () => {
	it('marks an environment whose header has an error as invalid, keeping its values in the matrix', () => {
		const files = baseline();
		files['environments/staging.yaml'] = files['environments/staging.yaml']!.replace('verified:', 'verifed:');
		const { model, problems } = analyzeFiles(files);
		const doc = toExportDocument(model, problems);
		expect(doc.environments.map((e) => [e.id, e.invalid])).toEqual([
			['dev', false],
			['staging', true],
			['production', false],
		]);
		expect(doc.matrix.find((row) => row.key === 'redis.version')?.values).toHaveProperty('staging');
	});
});
