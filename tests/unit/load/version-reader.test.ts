import { describe, expect, it } from 'vitest';
import { readVersion } from '../../../src/lib/load/version-reader.ts';
import { dedent } from '../../helpers/dedent.ts';

const FILE = dedent(`
	name: Production
	stage: production
	verified: { date: 2024-01-20, by: "@ana" }
	settings:
	  redis:
	    pool_size: 10   # per pod
	    url: "rediss://cache:6379"
	  nodeSelector:
	    "eks.amazonaws.com/capacityType": ON_DEMAND
	  pre_stop: |
	    sleep 10
	  list: [a, b]
	  lb: { timeout: 30 }
`);

/** The next version read from the previous one, beside the same text read whole: they must always agree. */
function both(before: string, after: string) {
	const previous = readVersion(before);
	return { patched: readVersion(after, previous), whole: readVersion(after), previous };
}

describe('reading a version from the one before', () => {
	it('replaces only the values whose lines changed, sharing the rest of the settings', () => {
		const { patched, whole, previous } = both(
			FILE,
			FILE.replace('pool_size: 10   # per pod', 'pool_size: 20   # per pod').replace('ON_DEMAND', 'SPOT'),
		);
		expect(patched.settings).toEqual(whole.settings);
		expect(patched.settings).toMatchObject({ redis: { pool_size: 20 }, nodeSelector: { 'eks.amazonaws.com/capacityType': 'SPOT' } });
		expect(patched.settings!.pre_stop).toBe(previous.settings!.pre_stop);
		expect(patched.index).toBe(previous.index);
	});

	it('keeps the same settings when only a field outside them changed', () => {
		const { patched, previous } = both(FILE, FILE.replace('date: 2024-01-20', 'date: 2024-02-20'));
		expect(patched.settings).toBe(previous.settings);
	});

	it.each([
		['a line inside a block scalar', (t: string) => t.replace('    sleep 10', '    sleep 20')],
		['a value inside a flow map', (t: string) => t.replace('{ timeout: 30 }', '{ timeout: 120 }')],
		['a value turned into a flow list', (t: string) => t.replace('pool_size: 10   # per pod', 'pool_size: [10, 20]')],
		['a value turned into a block scalar', (t: string) => t.replace('pool_size: 10   # per pod', 'pool_size: |')],
		['a quoted value left open', (t: string) => t.replace('"rediss://cache:6379"', '"rediss://cache')],
		['a key renamed', (t: string) => t.replace('pool_size: 10', 'pool: 10')],
		['a line added', (t: string) => t.replace('  list: [a, b]\n', '  list: [a, b]\n  extra: 1\n')],
		['a comment changed', (t: string) => t.replace('# per pod', '# per pod, see the runbook')],
		['settings emptied', (t: string) => t.replace(/settings:[^]*$/, 'settings: {}\n')],
	])('reads the file whole (and right) after %s', (_, edit) => {
		const { patched, whole } = both(FILE, edit(FILE));
		expect(patched.settings).toEqual(whole.settings);
	});

	it('reads a file that uses aliases whole, so that a change to an anchored value reaches every alias', () => {
		const aliased = dedent(`
			settings:
			  base: &base
			    timeout: 30
			  api: *base
		`);
		const { patched } = both(aliased, aliased.replace('timeout: 30', 'timeout: 60'));
		expect(patched.settings).toEqual({ base: { timeout: 60 }, api: { timeout: 60 } });
	});

	it('reads a map of 40,000 settings, and a change to one of them, in a few seconds at most', () => {
		const big = `settings:\n${Array.from({ length: 40_000 }, (_, i) => `  key_${i}: ${i}`).join('\n')}\n`;
		const started = performance.now();
		const { patched } = both(big, big.replace('  key_20000: 20000\n', '  key_20000: 1\n'));
		expect(patched.settings!.key_20000).toBe(1);
		expect(performance.now() - started).toBeLessThan(20_000);
	});

	it('leaves a key written twice in a map to a whole reading', () => {
		const twice = 'settings:\n  a: 1\n  a: 2\n  b: 3\n';
		const { patched, whole } = both(twice, twice.replace('a: 1', 'a: 5'));
		expect(patched.settings).toEqual(whole.settings);
	});

	it('keeps a key named __proto__ as data', () => {
		const text = dedent(`
			settings:
			  __proto__:
			    polluted: 1
			  other: 2
		`);
		const { patched, whole } = both(text, text.replace('polluted: 1', 'polluted: 2'));
		expect(patched.settings).toEqual(whole.settings);
		expect(Object.getPrototypeOf(patched.settings)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('reads a text that is not YAML as having no settings, and the next valid version whole', () => {
		const broken = readVersion('settings: [\n');
		expect(broken.settings).toBeUndefined();
		expect(readVersion(FILE, broken).settings).toEqual(readVersion(FILE).settings);
	});
});
