import { describe, expect, it } from 'vitest';
import { createSourceFile } from '../../../src/lib/diagnostics/source-file.ts';
import { decodeSource, sourceFormatOf } from '../../../src/lib/load/sources/decode.ts';
import { splitImage } from '../../../src/lib/load/sources/kubernetes.ts';
import type { SourceFormat } from '../../../src/lib/schema/source.ts';
import { dedent } from '../../helpers/dedent.ts';

/** Each entry of a decoded file as `key=value@line:column`. */
function decoded(path: string, text: string, format: SourceFormat): string[] | { line: number; column: number; message: string } {
	const result = decodeSource(createSourceFile(path, text), format);
	if (result.problem) return result.problem;
	return result.entries.map((e) => `${e.segments.join('|')}=${JSON.stringify(e.value)}@${e.span.line}:${e.span.column}`);
}

describe('source formats', () => {
	it('tells the format from the name', () => {
		expect(
			[
				'a/values.yaml',
				'b.yml',
				'c.json',
				'prod.tfvars.json',
				'app.toml',
				'prod.tfvars',
				'.env',
				'deploy/.env.production',
				'prod.env',
				'app.conf',
			].map(sourceFormatOf),
		).toEqual(['yaml', 'yaml', 'json', 'json', 'toml', 'tfvars', 'dotenv', 'dotenv', 'dotenv', undefined]);
	});

	it('reads YAML values with every value at its node, and a number written for a version', () => {
		const text = dedent(`
			api:
			  replicaCount: 3
			  labels:
			    app.kubernetes.io/name: pay
			  hosts: [a, b]
			  version: 15.10
		`);
		expect(decoded('v.yaml', text, 'yaml')).toEqual([
			'api|replicaCount=3@2:17',
			'api|labels|app.kubernetes.io/name="pay"@4:29',
			'api|hosts=["a","b"]@5:3',
			'api|version=15.1@6:12',
		]);
		expect(decodeSource(createSourceFile('v.yaml', text), 'yaml').entries.at(-1)!.numberText).toBe('15.10');
		expect(decoded('v.yaml', 'a: 1\na: 2\n', 'yaml')).toMatchObject({
			line: 2,
			column: 1,
			message: expect.stringContaining('Map keys must be unique'),
		});
	});

	it('reads JSON as YAML, with positions', () => {
		expect(decoded('v.json', '{\n  "pool": { "size": 20 }\n}\n', 'json')).toEqual(['pool|size=20@2:21']);
	});

	it('reads TOML tables, dotted and quoted keys, arrays of tables and dates', () => {
		const text = dedent(`
			title = "pay"
			[server]
			port = 8080
			http.timeout = 30
			"key.prefix" = "pay:"
			[[workers]]
			name = "a"
			[dates]
			day = 2024-05-01
		`);
		expect(decoded('a.toml', text, 'toml')).toEqual([
			'title="pay"@1:9',
			'server|port=8080@3:8',
			'server|http|timeout=30@4:16',
			'server|key.prefix="pay:"@5:16',
			'workers=[{"name":"a"}]@6:1',
			'dates|day="2024-05-01"@9:7',
		]);
		expect(decoded('a.toml', 'a = 1\nb = \n', 'toml')).toMatchObject({ line: 2, column: 5 });
	});

	it('reads dotenv variables as strings, the last of a name written twice, and refuses a line that is not an assignment', () => {
		const text = 'A=1\n# note\nexport B="two words"\nA=3\nC: x\nMULTI="line one\nline two"\nD=4\n';
		expect(decoded('.env', text, 'dotenv')).toEqual([
			'A="3"@4:3',
			'B="two words"@3:10',
			'C="x"@5:4',
			'MULTI="line one\\nline two"@6:7',
			'D="4"@8:3',
		]);
		expect(decoded('.env', 'A=1\nnot an assignment\n', 'dotenv')).toMatchObject({ line: 2, column: 1 });
	});

	it('reads .tfvars with nested maps at their lines, and reports HCL errors at the parser line and column', () => {
		const text = dedent(`
			region = "eu-west-1"
			# a comment
			tags = {
			  team = "payments"
			  "cost.center" = "42"
			}
			zones = ["a", "b"]
			name = "\${var.prefix}-api"
		`);
		expect(decoded('p.tfvars', text, 'tfvars')).toEqual([
			'region="eu-west-1"@1:10',
			'tags|team="payments"@4:10',
			'tags|cost.center="42"@5:19',
			'zones=["a","b"]@7:9',
			'name="${var.prefix}-api"@8:8',
		]);
		expect(decoded('p.tfvars', 'a = 1\nb = \n', 'tfvars')).toMatchObject({ line: 2, column: 5 });
	});

	it('reads workloads, init containers, CronJobs, Lists and ConfigMaps from manifests, and never a Secret', () => {
		const text = dedent(`
			apiVersion: batch/v1
			kind: CronJob
			metadata: { name: nightly }
			spec:
			  jobTemplate:
			    spec:
			      template:
			        spec:
			          containers:
			            - name: report
			              image: ghcr.io/acme/report@sha256:abc
			---
			apiVersion: v1
			kind: List
			items:
			  - apiVersion: v1
			    kind: ConfigMap
			    metadata: { name: app }
			    data: { MODE: live }
			  - kind: Secret
			    metadata: { name: s }
			    data: { token: c2VjcmV0 }
		`);
		expect(decoded('k.yaml', text, 'kubernetes')).toEqual([
			'images|report|repository="ghcr.io/acme/report"@11:22',
			'images|report|digest="sha256:abc"@11:22',
			'configmaps|app|MODE="live"@19:19',
		]);
	});

	it('splits an image reference into repository, tag and digest', () => {
		expect(splitImage('nginx')).toEqual({ repository: 'nginx', tag: 'latest' });
		expect(splitImage('registry:5000/team/app:1.4.2')).toEqual({ repository: 'registry:5000/team/app', tag: '1.4.2' });
		expect(splitImage('app:1.2@sha256:ff')).toEqual({ repository: 'app', tag: '1.2', digest: 'sha256:ff' });
	});

	it('reports a binary-looking or empty file without failing', () => {
		expect(decoded('empty.yaml', '', 'yaml')).toEqual([]);
		expect(decoded('empty.env', '', 'dotenv')).toEqual([]);
	});
});
