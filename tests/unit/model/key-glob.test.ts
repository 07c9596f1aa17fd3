import { describe, it, expect } from 'vitest';
import { compileKeyGlob, matchesAny, type KeyGlob } from '../../../src/lib/model/key-glob.ts';
import { parseKey } from '../../../src/lib/model/setting-key.ts';

/** Compiles a glob that must parse. */
function glob(source: string): KeyGlob {
	const compiled = compileKeyGlob(source);
	if (!compiled) throw new Error(`glob ${source} did not compile`);
	return compiled;
}

/** Whether the glob matches the dotted key (parsed into segments as the matrix does). */
function matches(source: string, key: string): boolean {
	const segments = parseKey(key);
	if (!segments) throw new Error(`key ${key} did not parse`);
	return glob(source).matches(segments);
}

describe('compileKeyGlob', () => {
	it('keeps the glob as written in `source`', () => {
		expect(glob('payments.*.mode').source).toBe('payments.*.mode');
	});

	it.each(['', 'payments..mode', '.version', 'runtime.', 'labels[eks]'])('returns null for the malformed glob %j', (source) => {
		expect(compileKeyGlob(source)).toBeNull();
	});

	describe('a glob without wildcards', () => {
		it('matches exactly its own key', () => {
			expect(matches('database.engine', 'database.engine')).toBe(true);
		});

		it('does not match a longer key', () => {
			expect(matches('database', 'database.engine')).toBe(false);
		});

		it('does not match a shorter key', () => {
			expect(matches('database.engine.name', 'database.engine')).toBe(false);
		});

		it('treats a dot inside a bracket segment literally, not as any character', () => {
			expect(matches('labels["a.b"]', 'labels["a.b"]')).toBe(true);
			expect(matches('labels["a.b"]', 'labels.axb')).toBe(false);
		});

		it.each(['(', '+', '?', '$', '^', '|', '{1}', '\\d'])('treats the regular-expression character %s literally', (special) => {
			const key = `labels[${JSON.stringify(`a${special}b`)}]`;
			expect(matches(key, key)).toBe(true);
		});
	});

	describe('`*`', () => {
		it('matches one segment (runtime.*)', () => {
			expect(matches('runtime.*', 'runtime.node')).toBe(true);
		});

		it('does not match zero segments (runtime.*)', () => {
			expect(matches('runtime.*', 'runtime')).toBe(false);
		});

		it('does not match two segments (runtime.*)', () => {
			expect(matches('runtime.*', 'runtime.node.version')).toBe(false);
		});

		it('does not match under another prefix (runtime.*)', () => {
			expect(matches('runtime.*', 'database.node')).toBe(false);
		});

		it('matches the middle segment of payments.*.mode', () => {
			expect(matches('payments.*.mode', 'payments.stripe.mode')).toBe(true);
		});

		it('does not let the middle `*` of payments.*.mode span two segments', () => {
			expect(matches('payments.*.mode', 'payments.stripe.live.mode')).toBe(false);
		});

		it('does not let the middle `*` of payments.*.mode match nothing', () => {
			expect(matches('payments.*.mode', 'payments.mode')).toBe(false);
		});

		it('requires the last segment of payments.*.mode', () => {
			expect(matches('payments.*.mode', 'payments.stripe.key')).toBe(false);
		});

		it('matches a bracket-quoted segment containing dots as one segment', () => {
			expect(matches('master.nodeSelector.*', 'master.nodeSelector["eks.amazonaws.com/capacityType"]')).toBe(true);
		});

		it('matches a bracket-quoted segment in the middle of a key', () => {
			expect(matches('labels.*.value', 'labels["app.kubernetes.io/name"].value')).toBe(true);
		});

		it('matches within a segment when combined with text', () => {
			expect(matches('redis.pool_*', 'redis.pool_size')).toBe(true);
			expect(matches('redis.pool_*', 'redis.timeout')).toBe(false);
		});
	});

	describe('`**`', () => {
		it('matches one leading segment (**.version)', () => {
			expect(matches('**.version', 'database.version')).toBe(true);
		});

		it('matches several leading segments (**.version)', () => {
			expect(matches('**.version', 'services.cache.redis.version')).toBe(true);
		});

		it('matches zero leading segments (**.version)', () => {
			expect(matches('**.version', 'version')).toBe(true);
		});

		it('still requires the segments after it (**.version)', () => {
			expect(matches('**.version', 'database.engine')).toBe(false);
			expect(matches('**.version', 'database.version.major')).toBe(false);
		});

		it('does not match a segment that only ends with the text (**.version)', () => {
			expect(matches('**.version', 'database.min_version')).toBe(false);
		});

		it('matches any number of middle segments, zero included (a.**.b)', () => {
			expect(matches('a.**.b', 'a.b')).toBe(true);
			expect(matches('a.**.b', 'a.x.b')).toBe(true);
			expect(matches('a.**.b', 'a.x.y.b')).toBe(true);
			expect(matches('a.**.b', 'x.a.b')).toBe(false);
		});

		it('matches every key on its own', () => {
			expect(matches('**', 'a')).toBe(true);
			expect(matches('**', 'a.b.c')).toBe(true);
		});

		it('matches a trailing run of segments, bracket segments included (**.url)', () => {
			expect(matches('**.url', 'services["api.internal"].url')).toBe(true);
		});
	});

	describe('`**_version`', () => {
		it('matches a top-level key ending in _version', () => {
			expect(matches('**_version', 'node_version')).toBe(true);
		});

		it('matches a nested key ending in _version', () => {
			expect(matches('**_version', 'runtime.node_version')).toBe(true);
			expect(matches('**_version', 'a.b.c.postgres_version')).toBe(true);
		});

		it('does not match a last segment that does not end in _version', () => {
			expect(matches('**_version', 'runtime.node_version_pin')).toBe(false);
			expect(matches('**_version', 'runtime.version')).toBe(false);
		});

		it('does not match when _version ends an earlier segment only', () => {
			expect(matches('**_version', 'node_version.major')).toBe(false);
		});
	});
});

describe('matchesAny', () => {
	const globs = [glob('**.version'), glob('runtime.*')];

	it('is true when one of the globs matches', () => {
		expect(matchesAny(globs, ['runtime', 'node'])).toBe(true);
	});

	it('is false when none of the globs matches', () => {
		expect(matchesAny(globs, ['database', 'engine'])).toBe(false);
	});

	it('is false for no globs', () => {
		expect(matchesAny([], ['database', 'version'])).toBe(false);
	});
});
