import { describe, it, expect } from 'vitest';
import { displayValue, flattenSettings, sameValue } from '../../../src/lib/model/settings.ts';
import { yaml } from '../../helpers/model.ts';

/** The flattened settings as key → value, for compact assertions. */
function flat(settings: Record<string, unknown> | null | undefined): Record<string, unknown> {
	return Object.fromEntries([...flattenSettings(settings)].map(([key, setting]) => [key, setting.value]));
}

describe('flattenSettings', () => {
	const baseline = yaml(`
		runtime:
		  node: 18.17.1
		database:
		  engine: postgresql
		  version: "15.2"
	`);

	it('flattens nested maps to dotted keys', () => {
		expect(flat(baseline)).toEqual({ 'runtime.node': '18.17.1', 'database.engine': 'postgresql', 'database.version': '15.2' });
	});

	it("keeps each setting's segments, the YAML path under `settings`", () => {
		expect(flattenSettings(baseline).get('database.version')).toEqual({
			key: 'database.version',
			segments: ['database', 'version'],
			value: '15.2',
		});
	});

	it('flattens several levels deep', () => {
		expect(
			flat(
				yaml(`
			a:
			  b:
			    c:
			      d: 1
		`),
			),
		).toEqual({ 'a.b.c.d': 1 });
	});

	it('keeps a top-level scalar as a one-segment key', () => {
		expect(flat(yaml('debug: false'))).toEqual({ debug: false });
	});

	it('keeps a list of scalars as one value', () => {
		expect(
			flat(
				yaml(`
			server:
			  ports: [80, 443]
		`),
			),
		).toEqual({ 'server.ports': [80, 443] });
	});

	it('keeps a list of maps as one value, without flattening into it', () => {
		expect(
			flat(
				yaml(`
			ingress:
			  hosts:
			    - host: app.example.com
			      paths: [/]
			    - host: api.example.com
			      paths: [/v1]
		`),
			),
		).toEqual({
			'ingress.hosts': [
				{ host: 'app.example.com', paths: ['/'] },
				{ host: 'api.example.com', paths: ['/v1'] },
			],
		});
	});

	it('keeps an empty list as one value', () => {
		expect(flat(yaml('tolerations: []'))).toEqual({ tolerations: [] });
	});

	it('keeps an empty map as one value', () => {
		expect(
			flat(
				yaml(`
			master:
			  nodeSelector: {}
			  replicas: 3
		`),
			),
		).toEqual({ 'master.nodeSelector': {}, 'master.replicas': 3 });
	});

	it('keeps a null value as a setting', () => {
		const settings = flattenSettings(
			yaml(`
			cache:
			  ttl: null
		`),
		);
		expect(settings.has('cache.ttl')).toBe(true);
		expect(settings.get('cache.ttl')!.value).toBeNull();
	});

	it('keeps a key with an empty YAML value as a null setting', () => {
		expect(flat(yaml('cache:\n  ttl:\n'))).toEqual({ 'cache.ttl': null });
	});

	it('keeps a multi-line string whole', () => {
		expect(
			flat(
				yaml(`
			nginx:
			  snippet: |
			    proxy_read_timeout 30s;
			    proxy_send_timeout 30s;
		`),
			),
		).toEqual({ 'nginx.snippet': 'proxy_read_timeout 30s;\nproxy_send_timeout 30s;\n' });
	});

	it('keeps numbers and booleans with their YAML types', () => {
		expect(
			flat(
				yaml(`
			redis:
			  pool_size: 20
			  tls: true
			  ratio: 0.5
		`),
			),
		).toEqual({ 'redis.pool_size': 20, 'redis.tls': true, 'redis.ratio': 0.5 });
	});

	it('writes a segment containing dots and slashes in brackets', () => {
		const settings = flattenSettings(
			yaml(`
			master:
			  nodeSelector:
			    eks.amazonaws.com/capacityType: ON_DEMAND
		`),
		);
		expect([...settings.keys()]).toEqual(['master.nodeSelector["eks.amazonaws.com/capacityType"]']);
		expect(settings.get('master.nodeSelector["eks.amazonaws.com/capacityType"]')).toEqual({
			key: 'master.nodeSelector["eks.amazonaws.com/capacityType"]',
			segments: ['master', 'nodeSelector', 'eks.amazonaws.com/capacityType'],
			value: 'ON_DEMAND',
		});
	});

	it('writes a top-level key containing a dot in brackets', () => {
		expect(flat({ 'app.kubernetes.io/name': 'web' })).toEqual({ '["app.kubernetes.io/name"]': 'web' });
	});

	it('keeps a dotted YAML key apart from the nested key with the same text', () => {
		const settings = flattenSettings({ redis: { pool_size: 10 }, 'redis.pool_size': 20 });
		expect(settings.get('redis.pool_size')!.value).toBe(10);
		expect(settings.get('["redis.pool_size"]')!.value).toBe(20);
	});

	it('returns no settings for null', () => {
		expect(flattenSettings(null).size).toBe(0);
	});

	it('returns no settings for undefined', () => {
		expect(flattenSettings(undefined).size).toBe(0);
	});

	it('returns no settings for an empty map', () => {
		expect(flattenSettings({}).size).toBe(0);
	});
});

describe('sameValue', () => {
	it('is true for equal strings', () => {
		expect(sameValue('postgresql', 'postgresql')).toBe(true);
	});

	it('is false for different strings', () => {
		expect(sameValue('postgresql', 'sqlite')).toBe(false);
	});

	it('treats a number and a string with the same text as the same value', () => {
		expect(sameValue(20, '20')).toBe(true);
		expect(sameValue('20', 20)).toBe(true);
	});

	it('treats a decimal number and its string text as the same value', () => {
		expect(sameValue(15.1, '15.1')).toBe(true);
	});

	it('treats a number and a string with different text as different', () => {
		// `15.10` unquoted is the number 15.1, whose text is not "15.10".
		expect(sameValue(15.1, '15.10')).toBe(false);
		expect(sameValue(20, '20.0')).toBe(false);
	});

	it('treats a boolean and the string "true" as different', () => {
		expect(sameValue(true, 'true')).toBe(false);
	});

	it('treats true and false as different', () => {
		expect(sameValue(true, false)).toBe(false);
	});

	it('treats null and the string "null" as different', () => {
		expect(sameValue(null, 'null')).toBe(false);
	});

	it('treats null and an empty string as different', () => {
		expect(sameValue(null, '')).toBe(false);
	});

	it('treats two nulls as the same', () => {
		expect(sameValue(null, null)).toBe(true);
	});

	it('treats lists with the same items in the same order as the same', () => {
		expect(sameValue([80, 443], [80, 443])).toBe(true);
	});

	it('treats lists in a different order as different', () => {
		expect(sameValue([80, 443], [443, 80])).toBe(false);
	});

	it('treats a shorter list as different', () => {
		expect(sameValue([80, 443], [80])).toBe(false);
	});

	it('treats numbers and strings with the same text inside lists as the same', () => {
		expect(sameValue([80, 443], ['80', '443'])).toBe(true);
	});

	it('treats maps with the same entries in another key order as the same', () => {
		expect(sameValue({ host: 'a', port: 1 }, { port: 1, host: 'a' })).toBe(true);
	});

	it('treats maps in lists with another key order as the same', () => {
		expect(sameValue([{ host: 'a', port: 1 }], [{ port: 1, host: 'a' }])).toBe(true);
	});

	it('treats maps with a different value as different', () => {
		expect(sameValue({ host: 'a', port: 1 }, { host: 'a', port: 2 })).toBe(false);
	});

	it('treats maps with an extra key as different', () => {
		expect(sameValue({ host: 'a' }, { host: 'a', port: 1 })).toBe(false);
	});

	it('treats an empty map and an empty list as different', () => {
		expect(sameValue({}, [])).toBe(false);
	});

	it('treats a list and its text as different', () => {
		expect(sameValue([80], '80')).toBe(false);
	});
});

describe('displayValue', () => {
	it('shows a missing value as (missing)', () => {
		expect(displayValue(undefined)).toBe('(missing)');
	});

	it('shows a one-line string as it is', () => {
		expect(displayValue('postgresql')).toBe('postgresql');
	});

	it('quotes a multi-line string so it fits on one line', () => {
		expect(displayValue('a\nb')).toBe('"a\\nb"');
	});

	it('shows numbers, booleans, null and lists as JSON', () => {
		expect(displayValue(20)).toBe('20');
		expect(displayValue(true)).toBe('true');
		expect(displayValue(null)).toBe('null');
		expect(displayValue([80, 443])).toBe('[80,443]');
	});
});
