import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, fixture } from '../helpers/cli.ts';
import { fake } from '../helpers/fake-secrets.ts';
import { GitRepo } from '../helpers/git-repo.ts';
import { baseline } from '../helpers/repo.ts';

interface Problem {
	file: string;
	line: number;
	column: number;
	severity: string;
	code: string;
	message: string;
}

/** The problems `check --format json` reports for a content root. */
async function problems(root: string): Promise<Problem[]> {
	const { stdout } = await cli(['check', '--root', root, '--format', 'json']);
	const parsed = JSON.parse(stdout) as { problems: Problem[] };
	return parsed.problems;
}

const at = (p: Problem) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.code}`;

/** A copy of the sources fixture in a temporary folder, to break one thing in. */
function copy(): string {
	const root = mkdtempSync(join(tmpdir(), 'envparity-sources-'));
	cpSync(fixture('sources'), root, { recursive: true });
	return root;
}

/** Appends lines to a file of a root. */
function append(root: string, path: string, text: string): void {
	writeFileSync(join(root, path), readFileSync(join(root, path), 'utf8') + text);
}

describe('settings read from sources', () => {
	it('reports drift in a sourced value at its line and column in the source file, for every format', async () => {
		const found = (await problems(fixture('sources'))).map(at);
		expect(found).toEqual(
			expect.arrayContaining([
				'deploy/helm/values-production.yaml:7:8 warning undocumented-drift',
				'deploy/env/.env.production:4:22 warning undocumented-drift',
				'deploy/app/production.toml:4:19 warning undocumented-drift',
				'deploy/terraform/staging.tfvars:2:18 warning undocumented-drift',
				'deploy/k8s/production/api.yaml:13:18 warning undocumented-drift',
				'deploy/k8s/production/config.yaml:7:20 warning undocumented-drift',
			]),
		);
		// Documented differences cover sourced keys as they cover inline ones; the fixture has no error.
		expect(found.filter((p) => p.includes(' error '))).toEqual([]);
		expect(found.some((p) => p.includes('helm.ingress.hosts'))).toBe(false);
	});

	it('shows the source file in the text output, with its excerpt and caret', async () => {
		const { stdout } = await cli(['check', '--root', fixture('sources')]);
		expect(stdout).toContain(
			'deploy/helm/values-production.yaml:7:8 warning undocumented-drift: "helm.image.tag" differs between environments with no documented difference (dev=1.4.2, staging=1.4.2, production=1.4.1)',
		);
		expect(stdout).toContain('  7 |   tag: "1.4.1"\n    |        ^^^^^^^');
	});

	it('exports each sourced value with the file and line it comes from, and what each format yields', async () => {
		const { stdout } = await cli(['export', '--root', fixture('sources')]);
		const doc = JSON.parse(stdout) as { matrix: { key: string; values: Record<string, unknown>; sources: Record<string, unknown> }[] };
		const row = (key: string) => doc.matrix.find((r) => r.key === key);
		expect(row('helm.image.tag')).toMatchObject({
			values: { dev: '1.4.2', staging: '1.4.2', production: '1.4.1' },
			sources: {
				dev: { file: 'deploy/helm/values-dev.yaml', line: 7 },
				staging: { file: 'deploy/helm/values-staging.yaml', line: 7 },
				production: { file: 'deploy/helm/values-production.yaml', line: 7 },
			},
		});
		// Inline values carry no source.
		expect(row('redis.pool_size')?.sources).toEqual({});
		const keys = doc.matrix.map((r) => r.key);
		expect(keys).toEqual(
			expect.arrayContaining([
				'helm.podLabels["app.kubernetes.io/part-of"]',
				'helm.ingress.hosts',
				'env.HTTP_TIMEOUT_SECONDS',
				'app.redis["key.prefix"]',
				'terraform.tags.team',
				'terraform.availability_zones',
				'k8s.images.api.repository',
				'k8s.images.api.tag',
				'k8s.images.migrate.tag',
				'k8s.resources.api.requests.cpu',
				'k8s.replicas.payments-api',
				'k8s.configmaps.payments-config.TIMEOUT_SECONDS',
			]),
		);
		expect(row('terraform.availability_zones')?.values.production).toEqual(['eu-west-1a', 'eu-west-1b']);
		expect(row('app.features.new_checkout')?.values).toEqual({ dev: true, staging: true, production: false });
		// ignore leaves out a map and everything in it; a Secret's data is never read.
		expect(keys.filter((k) => k.includes('podAnnotations') || k.includes('payments-secret') || k.includes('token'))).toEqual([]);
	});

	it('reports a bad source at its entry, and reads the others', async () => {
		const root = copy();
		symlinkSync('/etc/hostname', join(root, 'deploy', 'linked.yaml'));
		writeFileSync(join(root, 'deploy', 'settings.conf'), 'a = 1\n');
		append(
			root,
			'environments/production.yaml',
			[
				'  - file: deploy/missing.yaml',
				'  - file: deploy/nothing/*.yaml',
				'  - file: ../outside.yaml',
				'  - file: deploy/linked.yaml',
				'  - file: deploy/settings.conf',
				'  - file: deploy/helm/values-production.yaml',
				'    select: api.nowhere',
				'  - file: .git/config',
				'    format: dotenv',
				'',
			].join('\n'),
		);
		const found = (await problems(root)).filter((p) => p.severity === 'error');
		expect(found.map(at)).toEqual([
			'environments/production.yaml:21:11 error source-missing',
			'environments/production.yaml:22:11 error source-missing',
			'environments/production.yaml:23:11 error source-outside-root',
			'environments/production.yaml:24:11 error source-outside-root',
			'environments/production.yaml:25:11 error source-format',
			'environments/production.yaml:27:13 error source-select-missing',
			'environments/production.yaml:28:11 error source-outside-root',
		]);
		expect(found[1]!.message).toContain('no file matches "deploy/nothing/*.yaml"');
		expect(found[4]!.message).toContain('add format: with one of yaml, json, toml, dotenv, tfvars, kubernetes');
		expect(found[5]!.message).toContain('its top-level keys are replicaCount, image');
		// The sources that could be read still count.
		const { stdout } = await cli(['export', '--root', root]);
		expect(JSON.parse(stdout).matrix.find((r: { key: string }) => r.key === 'helm.image.tag').values.production).toBe('1.4.1');
	});

	it('reports a source that does not parse at the parser line and column, in every format', async () => {
		const root = copy();
		writeFileSync(join(root, 'deploy/helm/values-production.yaml'), 'replicaCount: 6\nimage:\n  tag: [unclosed\n');
		writeFileSync(join(root, 'deploy/app/production.toml'), '[server]\nport = 8080\nrequest_timeout = \n');
		writeFileSync(join(root, 'deploy/terraform/production.tfvars'), 'region = "eu-west-1"\ninstance_type = \n');
		writeFileSync(join(root, 'deploy/env/.env.production'), 'NODE_ENV=production\nthis line is wrong\n');
		writeFileSync(
			join(root, 'deploy/k8s/production/config.yaml'),
			'kind: ConfigMap\nmetadata: { name: x }\n---\nkind: Deployment\n  bad: indent\n',
		);
		const found = (await problems(root)).filter((p) => p.code === 'source-syntax');
		expect(found.map(at)).toEqual([
			'deploy/app/production.toml:3:19 error source-syntax',
			'deploy/env/.env.production:2:1 error source-syntax',
			'deploy/helm/values-production.yaml:4:1 error source-syntax',
			'deploy/k8s/production/config.yaml:4:7 error source-syntax',
			'deploy/terraform/production.tfvars:2:17 error source-syntax',
		]);
		expect(found.map((p) => p.message.split(':')[0])).toEqual([
			'deploy/app/production.toml cannot be read as TOML',
			'deploy/env/.env.production cannot be read as a dotenv file',
			'deploy/helm/values-production.yaml cannot be read as YAML',
			'deploy/k8s/production/config.yaml cannot be read as Kubernetes manifests (YAML)',
			'deploy/terraform/production.tfvars cannot be read as Terraform variables (HCL)',
		]);
	});

	it('keeps one truth per key: a key set inline and by a source, or by two sources, is an error at both places', async () => {
		const root = copy();
		append(root, 'environments/staging.yaml', '  - file: deploy/helm/values-dev.yaml\n    at: helm.image\n    select: image\n');
		writeFileSync(
			join(root, 'environments/dev.yaml'),
			readFileSync(join(root, 'environments/dev.yaml'), 'utf8').replace('settings:\n', 'settings:\n  env: { LOG_LEVEL: warn }\n'),
		);
		const found = (await problems(root)).filter((p) => p.code === 'setting-conflict');
		expect(found.map(at)).toEqual(
			expect.arrayContaining([
				'deploy/env/.env.dev:3:1 error setting-conflict',
				'environments/dev.yaml:5:10 error setting-conflict',
				'deploy/helm/values-staging.yaml:7:3 error setting-conflict',
				'deploy/helm/values-dev.yaml:7:3 error setting-conflict',
			]),
		);
		expect(found.find((p) => p.file === 'environments/dev.yaml')!.message).toBe(
			'"env.LOG_LEVEL" is set twice in dev: in environments/dev.yaml (settings) and in deploy/env/.env.dev:3; one truth per key: keep one, or leave the key out of a source with ignore.',
		);
	});

	it('treats a credential in a source file as in an environment file, and never prints it', async () => {
		const root = copy();
		const token = fake.stripeSecret;
		append(root, 'deploy/helm/values-production.yaml', `\ndatabase:\n  password: hunter2-literal\n  note: "rotate ${token}"\n`);
		const { stdout, code } = await cli(['check', '--root', root]);
		expect(code).toBe(1);
		expect(stdout).toMatch(/deploy\/helm\/values-production\.yaml:57:13 error secret-literal: "password" holds a literal value/);
		expect(stdout).toMatch(/deploy\/helm\/values-production\.yaml:58:17 error secret-value: this looks like a Stripe secret key/);
		const exported = await cli(['export', '--root', root]);
		for (const output of [stdout, exported.stdout]) {
			expect(output).not.toContain('hunter2-literal');
			expect(output).not.toContain(token);
		}
	});

	it('reports a version written as a YAML number in a values file at its line', async () => {
		const root = copy();
		writeFileSync(join(root, 'envparity.config.yaml'), 'pipeline: [dev, staging, production]\nversion_keys: ["**.version"]\n');
		append(root, 'deploy/helm/values-production.yaml', '\npostgresql:\n  version: 15.10\n');
		const found = (await problems(root)).filter((p) => p.code === 'version-as-number');
		expect(found.map(at)).toEqual(['deploy/helm/values-production.yaml:57:12 warning version-as-number']);
		expect(found[0]!.message).toContain('the version 15.10 is written as a YAML number and read as 15.1');
	});

	it('reports the parity impact of a pull request that edits only a values file', async () => {
		const repo = new GitRepo();
		const files: Record<string, string | null> = baseline();
		const values = (timeout: number) => `api:\n  timeout_seconds: ${timeout}\n`;
		for (const env of ['dev', 'staging', 'production']) {
			files[`environments/${env}.yaml`] += `sources:\n  - file: deploy/values-${env}.yaml\n    at: payments\n`;
			files[`deploy/values-${env}.yaml`] = values(120);
		}
		repo.commit('Baseline', files);
		repo.git('checkout', '-q', '-b', 'pr');
		repo.commit('Lower the production timeout', { 'deploy/values-production.yaml': values(30) });
		const { code, stdout } = await cli(['pr-report', '--root', repo.root, '--base', 'main'], { ENVPARITY_NOW: '2024-03-01' });
		expect(code).toBe(0);
		expect(stdout.split('\n')[1]).toBe('**envparity:** Introduces 1 undocumented difference between staging and production.');
		expect(stdout).toContain('| production | `payments.api.timeout_seconds` | `120` | `30` |');
	});
});
