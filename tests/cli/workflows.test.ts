import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const steps = (file: string): { run?: string; uses?: string; with?: Record<string, unknown> }[] =>
	Object.values(
		(parse(readFileSync(join(ROOT, '.github/workflows', file), 'utf8')) as { jobs: Record<string, { steps: never[] }> }).jobs,
	).flatMap((job) => job.steps);

describe('the workflows the template ships', () => {
	it('checks with annotations, reports the parity impact and builds on every pull request', () => {
		const runs = steps('pr.yml')
			.map((s) => s.run ?? '')
			.join('\n');
		expect(runs).toContain('npm ci');
		expect(runs).toContain('npx envparity check --format github');
		expect(runs).toMatch(/npx envparity pr-report --base "origin\/\$\{\{ github\.base_ref \}\}"/);
		expect(runs).toContain('npm run build');
		expect(steps('pr.yml').find((s) => s.uses?.startsWith('actions/checkout'))?.with).toEqual({ 'fetch-depth': 0 });
		expect(JSON.stringify(steps('pr.yml'))).toContain('<!-- envparity-pr-report -->');
	});

	it('builds with the Pages base path and deploys on pushes to the default branch', () => {
		const all = steps('deploy.yml');
		const build = all.find((s) => s.run === 'npm run build') as { env?: Record<string, string> };
		expect(build.env?.ENVPARITY_BASE).toContain('steps.pages.outputs.base_path');
		expect(all.some((s) => s.uses?.startsWith('actions/deploy-pages'))).toBe(true);
	});

	it('points VS Code at schemas that exist', () => {
		const settings = JSON.parse(readFileSync(join(ROOT, '.vscode/settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string[]> };
		for (const schema of Object.keys(settings['yaml.schemas'])) expect(existsSync(join(ROOT, schema)), schema).toBe(true);
	});
});
