import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createSourceFile } from '../../../src/lib/diagnostics/source-file.ts';
import { MAX_YAML_VALUES, parseYamlSource, readYamlData } from '../../../src/lib/load/yaml-source.ts';
import { dedent } from '../../helpers/repo.ts';

/** Parses YAML as the loader does, and returns what a reader sees: each problem as `line:col code`, and the data. */
function load(text: string): { problems: string[]; messages: string[]; data?: unknown } {
	const { source, diagnostics } = parseYamlSource(createSourceFile('environments/qa.yaml', text), text, 0);
	const problems = diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`);
	const messages = diagnostics.map((d) => d.message);
	if (diagnostics.some((d) => d.code === 'yaml-syntax')) return { problems, messages };
	const read = readYamlData(source);
	return 'data' in read
		? { problems, messages, data: read.data }
		: {
				problems: [...problems, `${read.problem.line}:${read.problem.column} ${read.problem.code}`],
				messages: [...messages, read.problem.message],
			};
}

const VALID = dedent(`
	name: QA
	stage: staging
	settings:
	  defaults: &defaults { pool: 10, timeout: 30 }
	  api:
	    <<: *defaults
	    pool: 20
`);

/** The classic "billion laughs": nine levels of nine aliases, 387,420,489 strings once written out, in 600 bytes. */
const ALIAS_BOMB = dedent(`
	name: QA
	stage: staging
	settings:
	  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
	  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
	  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
	  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
	  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
	  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
	  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
	  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
	  i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`);

describe('the baseline', () => {
	it('reads valid YAML with a merge key, with no problem', () => {
		expect(load(VALID)).toEqual({
			problems: [],
			messages: [],
			data: { name: 'QA', stage: 'staging', settings: { defaults: { pool: 10, timeout: 30 }, api: { pool: 20, timeout: 30 } } },
		});
	});
});

describe('duplicate keys', () => {
	it('reports a key written twice at the second key, with the message of before', () => {
		const { problems, messages } = load(VALID.replace('stage: staging', 'stage: staging\nname: QA again'));
		expect(problems).toEqual(['3:1 duplicate-key']);
		expect(messages).toEqual(['Map keys must be unique; keep one of the entries and remove the other.']);
	});

	it('reports each repeat in a nested map and in a flow map', () => {
		const text = VALID.replace('pool: 20', 'pool: 20\n    pool: 30').replace(
			'{ pool: 10, timeout: 30 }',
			'{ pool: 10, pool: 11, timeout: 30 }',
		);
		expect(load(text).problems).toEqual(['4:35 duplicate-key', '8:5 duplicate-key']);
	});

	it('reports the keys that yaml compares equal, and only those', () => {
		// `true` and `True` are one boolean, `~` and `null` one null; 1 and "1" differ, as do repeated merge keys.
		const text = dedent(`
			true: 1
			True: 2
			~: 3
			null: 4
			1: 5
			"1": 6
			<<: { a: 1 }
			<<: { b: 2 }
		`);
		expect(load(text).problems).toEqual(['2:1 duplicate-key', '4:1 duplicate-key']);
	});

	it('finds the keys at the positions where yaml’s own check put them', () => {
		const texts = [
			'a: 1\na: 2\n',
			'{a: 1, a: 2}\n',
			'? a\n: 1\na: 2\n',
			'&x a: 1\n&y a: 2\n',
			'x:\n  - a: 1\n    a: 2\n',
			'a: |\n  x\na: >\n  y\n',
		];
		for (const text of texts) {
			const expected = parseDocument(text, { uniqueKeys: true })
				.errors.filter((e) => e.code === 'DUPLICATE_KEY')
				.map((e) => e.linePos![0])
				.map(({ line, col }) => `${line}:${col} duplicate-key`);
			expect(load(text).problems, text).toEqual(expected);
		}
	});
});

describe('aliases', () => {
	it('reports an alias bomb at its widest alias as a YAML error, and reads no data', () => {
		const { problems, messages, data } = load(ALIAS_BOMB);
		expect(problems).toEqual(['12:10 yaml-syntax']);
		expect(messages[0]).toBe(
			`with its aliases written out, this YAML holds more than ${MAX_YAML_VALUES.toLocaleString('en')} values, so it is not read (aliases of aliases multiply, as in an "alias bomb"); write the values out, or refer to each anchor fewer times.`,
		);
		expect(data).toBeUndefined();
	});

	it('reads a file that uses one anchor many times, which yaml’s own alias count would refuse', () => {
		const uses = Array.from({ length: 500 }, (_, i) => `  service${i}: *timeout`).join('\n');
		const { problems, data } = load(`timeouts:\n  default: &timeout 30\n${uses}\n`);
		expect(problems).toEqual([]);
		expect((data as { timeouts: Record<string, number> }).timeouts.service499).toBe(30);
	});

	it('reports an alias inside the node it refers to, whose value would never end', () => {
		const { problems, messages } = load(VALID.replace('api:', 'api: &api\n    self: *api'));
		expect(problems).toEqual(['6:11 yaml-syntax']);
		expect(messages[0]).toContain('the alias *api stands inside the node anchored as &api');
	});

	it('reports an alias with no anchor at the alias', () => {
		const { problems, messages } = load(VALID.replace('<<: *defaults', '<<: *default'));
		expect(problems).toEqual(['6:9 yaml-syntax']);
		expect(messages[0]).toContain('the alias *default refers to no anchor');
	});

	it('reports a merge key whose value is not a map at the value', () => {
		const { problems, messages } = load(VALID.replace('<<: *defaults', '<<: 5'));
		expect(problems).toEqual(['6:9 yaml-syntax']);
		expect(messages[0]).toBe(
			'a "<<" merge key takes a map, an alias of a map (<<: *defaults) or a list of them; write one of those, or rename the key.',
		);
	});

	it('turns an error of the YAML library into a located YAML error instead of throwing', () => {
		// A document that parseYamlSource did not see: yaml throws on its merge of a number.
		const text = 'a: 1\n<<: 5\n';
		const source = { file: createSourceFile('environments/qa.yaml', text), doc: parseDocument(text, { merge: true }), offset: 0 };
		const read = readYamlData(source);
		expect('problem' in read && read.problem).toMatchObject({
			file: 'environments/qa.yaml',
			line: 1,
			column: 1,
			code: 'yaml-syntax',
			severity: 'error',
		});
		expect('problem' in read && read.problem.message).toBe(
			'this YAML parses but cannot be read as data (Merge sources must be maps or map aliases); check its aliases (*name) and merge keys (<<).',
		);
	});
});

describe('large files', () => {
	it('parses a map of 50,000 keys and finds its one duplicate (yaml’s own check compared every pair of keys, for a minute)', () => {
		const lines = Array.from({ length: 50_000 }, (_, i) => `k${i}: ${i}`);
		lines.push('k5: again');
		expect(load(lines.join('\n')).problems).toEqual(['50001:1 duplicate-key']);
	});
});

describe('syntax errors', () => {
	it('reports the first syntax error and every duplicate key, and reads no data', () => {
		const { problems, data } = load('a: 1\na: 2\nb: [1, 2\nc: [3\n');
		expect(problems).toEqual(['4:1 yaml-syntax', '2:1 duplicate-key']);
		expect(data).toBeUndefined();
	});
});
