import { describe, it, expect } from 'vitest';
import { largestSkew, parseVersion, versionGap, type Version } from '../../../src/lib/model/version.ts';

/** Parses a version that must parse. */
function v(text: string): Version {
	const version = parseVersion(text);
	if (!version) throw new Error(`${text} did not parse as a version`);
	return version;
}

describe('parseVersion', () => {
	it('reads three numeric parts', () => {
		expect(parseVersion('18.17.1')).toEqual({ parts: [18, 17, 1] });
	});

	it('reads two numeric parts', () => {
		expect(parseVersion('15.2')).toEqual({ parts: [15, 2] });
	});

	it('reads one numeric part', () => {
		expect(parseVersion('18')).toEqual({ parts: [18] });
	});

	it('accepts a leading v', () => {
		expect(parseVersion('v1.2.3')).toEqual({ parts: [1, 2, 3] });
	});

	it('reads a pre-release', () => {
		expect(parseVersion('7.0.11-rc.1')).toEqual({ parts: [7, 0, 11], prerelease: 'rc.1' });
	});

	it('reads a pre-release after a v and fewer parts', () => {
		expect(parseVersion('v2.0-beta')).toEqual({ parts: [2, 0], prerelease: 'beta' });
	});

	it('ignores build metadata', () => {
		expect(parseVersion('1.2.3+build.5')).toEqual({ parts: [1, 2, 3] });
	});

	it('reads multi-digit parts as numbers, not text', () => {
		expect(parseVersion('1.10.0')).toEqual({ parts: [1, 10, 0] });
	});

	it('ignores surrounding whitespace', () => {
		expect(parseVersion(' 7.0.11 ')).toEqual({ parts: [7, 0, 11] });
	});

	it('reads a YAML number as the text it became', () => {
		// `version: 15.10` in YAML is the number 15.1.
		expect(parseVersion(15.1)).toEqual({ parts: [15, 1] });
		expect(parseVersion(18)).toEqual({ parts: [18] });
	});

	it.each([
		['four parts', '1.2.3.4'],
		['a word', 'latest'],
		['an empty string', ''],
		['a trailing dot', '15.'],
		['a leading dot', '.15'],
		['a word before the number', 'node18'],
		['an empty pre-release', '1.2.3-'],
		['an uppercase V', 'V1.2.3'],
		['a double v', 'vv1.2'],
	])('returns null for %s', (_name, text) => {
		expect(parseVersion(text)).toBeNull();
	});

	it.each([
		['null', null],
		['undefined', undefined],
		['a boolean', true],
		['a list', ['1', '2']],
		['a map', { major: 1 }],
	])('returns null for %s', (_name, value) => {
		expect(parseVersion(value)).toBeNull();
	});
});

describe('versionGap', () => {
	it('grades a different major part as major', () => {
		expect(versionGap(v('18.17.1'), v('20.17.1'))).toBe('major');
	});

	it('grades a different minor part as minor', () => {
		expect(versionGap(v('7.0.11'), v('7.2.11'))).toBe('minor');
	});

	it('grades a different patch part as patch', () => {
		expect(versionGap(v('15.2.0'), v('15.2.1'))).toBe('patch');
	});

	it('grades by the first part that differs', () => {
		expect(versionGap(v('1.9.9'), v('2.0.0'))).toBe('major');
	});

	it('is null for equal versions', () => {
		expect(versionGap(v('7.0.11'), v('7.0.11'))).toBeNull();
	});
});

describe('largestSkew', () => {
	it('is null when every version is the same', () => {
		expect(largestSkew(['7.0.11', '7.0.11', '7.0.11'])).toBeNull();
	});

	it('is major when the major parts differ', () => {
		expect(largestSkew(['18.17.1', '18.17.1', '20.11.0'])).toBe('major');
	});

	it('is minor when only the minor parts differ', () => {
		expect(largestSkew(['7.2.4', '7.0.11', '7.0.11'])).toBe('minor');
	});

	it('is patch when only the patch parts differ', () => {
		expect(largestSkew(['15.2.0', '15.2.1', '15.2.0'])).toBe('patch');
	});

	it('reports the largest gap among the values wherever it appears', () => {
		expect(largestSkew(['1.9.0', '1.9.1', '2.0.0'])).toBe('major');
		expect(largestSkew(['2.0.0', '1.9.0', '1.9.1'])).toBe('major');
		expect(largestSkew(['1.9.1', '2.0.0', '1.9.0'])).toBe('major');
	});

	it('counts a missing part as 0', () => {
		expect(largestSkew(['15', '15.0', '15.0.0'])).toBeNull();
	});

	it('finds a minor gap when one side omits the minor part', () => {
		expect(largestSkew(['15', '15.1'])).toBe('minor');
	});

	it('finds a patch gap when one side omits the patch part', () => {
		expect(largestSkew(['15.2', '15.2.1'])).toBe('patch');
	});

	it('treats a v-prefixed version as the same version', () => {
		expect(largestSkew(['v1.2.3', '1.2.3'])).toBeNull();
	});

	it('does not grade a difference in pre-release alone', () => {
		expect(largestSkew(['7.0.11-rc.1', '7.0.11'])).toBeNull();
	});

	it('ignores values that are not versions', () => {
		expect(largestSkew(['latest', '7.0.11', '7.0.11'])).toBeNull();
		expect(largestSkew(['latest', '7.0.11', '7.0.12'])).toBe('patch');
	});

	it('ignores missing values', () => {
		expect(largestSkew([undefined, null, '7.0.11', '8.0.0'])).toBe('major');
	});

	it('is null with fewer than two versions', () => {
		expect(largestSkew(['7.0.11'])).toBeNull();
		expect(largestSkew([])).toBeNull();
		expect(largestSkew(['latest', 'stable'])).toBeNull();
	});

	it('compares a version written as a YAML number by its text', () => {
		// `15.10` unquoted is read as 15.1, so it looks like a minor gap from 15.2.
		expect(largestSkew([15.1, '15.2'])).toBe('minor');
		expect(largestSkew([15.2, '15.2'])).toBeNull();
	});
});
