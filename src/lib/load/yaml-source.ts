import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Alias, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { spanOf, type YamlSource } from '../diagnostics/positions.ts';
import type { SourceFile } from '../diagnostics/source-file.ts';

/**
 * How many values a YAML document may hold with every alias written out. An alias (`*defaults`) stands
 * for a copy of its anchored node, so a few lines of aliases of aliases can stand for billions of
 * values (an "alias bomb"). A million is about what the largest file allowed holds written out.
 */
export const MAX_YAML_VALUES = 1_000_000;

/**
 * Parses YAML text found at `offset` in a file, reporting syntax errors, duplicate keys and aliases
 * that cannot be expanded (a bomb, a loop, a merge of something that is not a map), located in the file.
 */
export function parseYamlSource(file: SourceFile, yamlText: string, offset: number): { source: YamlSource; diagnostics: Diagnostic[] } {
	// `merge` resolves `<<: *defaults`, common in pasted Helm values. Duplicate keys are found below, in
	// one pass: `uniqueKeys` compares each key with every key before it, which takes minutes on a large map.
	const doc = parseDocument(yamlText, PARSE_OPTIONS);
	const source = releasableSource(file, offset, yamlText.length, () => yamlText, doc);
	const diagnostics: Diagnostic[] = [];
	const problem = (code: 'yaml-syntax' | 'duplicate-key', [start, end]: readonly [number, number], message: string): void => {
		diagnostics.push({ ...spanOf(source, start, end), file: file.path, severity: 'error', code, message });
	};
	// After the first syntax error the parser's view of the rest is unreliable: report that one.
	const syntaxError = doc.errors[0];
	if (syntaxError) {
		const firstLine = syntaxError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
		problem('yaml-syntax', syntaxError.pos, `${firstLine.replace(/\.$/, '')}; fix the YAML syntax (check indentation, quotes and colons).`);
	}
	const shape = readShape(doc);
	for (const key of shape.duplicateKeys) {
		problem('duplicate-key', rangeOf(key), 'Map keys must be unique; keep one of the entries and remove the other.');
	}
	if (syntaxError) return { source, diagnostics };
	if (shape.unknownAlias) {
		const name = shape.unknownAlias.source;
		problem(
			'yaml-syntax',
			rangeOf(shape.unknownAlias),
			`the alias *${name} refers to no anchor: no node above it is marked &${name}; add the anchor to the value it stands for, or write the value out.`,
		);
	} else if (shape.loop) {
		const name = shape.loop.source;
		problem(
			'yaml-syntax',
			rangeOf(shape.loop),
			`the alias *${name} stands inside the node anchored as &${name}, so its value would never end; write the nested value out instead of the alias.`,
		);
	} else if (shape.values > MAX_YAML_VALUES) {
		problem(
			'yaml-syntax',
			rangeOf(shape.widestAlias),
			`with its aliases written out, this YAML holds more than ${MAX_YAML_VALUES.toLocaleString('en')} values, so it is not read (aliases of aliases multiply, as in an "alias bomb"); write the values out, or refer to each anchor fewer times.`,
		);
	} else if (shape.badMerge) {
		problem(
			'yaml-syntax',
			rangeOf(shape.badMerge),
			'a "<<" merge key takes a map, an alias of a map (<<: *defaults) or a list of them; write one of those, or rename the key.',
		);
	}
	return { source, diagnostics };
}

const PARSE_OPTIONS = { uniqueKeys: false, prettyErrors: false, strict: true, merge: true } as const;

/** How to drop each releasable source's syntax tree, and the length of the YAML text it is parsed from. */
const releasers = new WeakMap<YamlSource, { release: () => void; length: number }>();

/** A source whose syntax tree can be dropped and is parsed again, from the same text, when it is next asked for. */
function releasableSource(file: SourceFile, offset: number, length: number, yamlText: () => string, parsed?: Document): YamlSource {
	let kept: Document | undefined = parsed;
	const source: YamlSource = {
		file,
		offset,
		get doc(): Document {
			return (kept ??= parseDocument(yamlText(), PARSE_OPTIONS));
		},
	};
	releasers.set(source, { release: () => (kept = undefined), length });
	return source;
}

/** Where a parsed source's YAML text lies in its file, to send it to another thread without its syntax tree (see `releasedSource`). */
export interface SourceSpan {
	offset: number;
	length: number;
}

/** The span of a source's YAML text in its file; undefined for a source that `parseYamlSource` did not make. */
export function sourceSpanOf(source: YamlSource): SourceSpan | undefined {
	const released = releasers.get(source);
	return released && { offset: source.offset, length: released.length };
}

/**
 * A source parsed elsewhere (another thread), whose syntax tree stayed there: the tree is parsed again from the file's
 * text at `span` when a problem first needs a position in it, as for a released tree.
 */
export function releasedSource(file: SourceFile, span: SourceSpan): YamlSource {
	return releasableSource(file, span.offset, span.length, () => file.text.slice(span.offset, span.offset + span.length));
}

/**
 * Drops a parsed file's syntax tree once its data is read and its own rules have run: ten thousand trees hold about
 * 185 MB that the collector would walk again and again. The tree comes back, parsed again from its text, for the
 * files whose problems need positions.
 */
export function releaseSyntaxTree(source: YamlSource): void {
	releasers.get(source)?.release();
}

/**
 * The YAML as plain data, or the reason it cannot be: `yaml` throws on what `parseYamlSource` did not
 * report (it reports what it knows of), and a file must never end in an internal error.
 */
export function readYamlData(source: YamlSource): { data: unknown } | { problem: Diagnostic } {
	try {
		// The size of every alias was checked by parseYamlSource; the library's own count would also
		// refuse a harmless file that uses one anchor a hundred times.
		return { data: source.doc.toJS({ maxAliasCount: -1 }) };
	} catch (error) {
		const reason = (error as Error).message.split('\n')[0]!.replace(/\.$/, '');
		return {
			problem: {
				...spanOf(source, 0, 0),
				file: source.file.path,
				severity: 'error',
				code: 'yaml-syntax',
				message: `this YAML parses but cannot be read as data (${reason}); check its aliases (*name) and merge keys (<<).`,
			},
		};
	}
}

/** What one pass over a document finds: keys written twice in a map, and what its aliases expand to. */
interface Shape {
	/** Each key that repeats an earlier key of its map. */
	duplicateKeys: Node[];
	/** How many values the document holds with every alias written out. */
	values: number;
	/** The alias that stands for the most values: where an alias bomb is reported. */
	widestAlias?: Alias;
	/** An alias with no anchor of its name before it. */
	unknownAlias?: Alias;
	/** An alias inside the node it refers to. */
	loop?: Alias;
	/** The value of a `<<` merge key that is not a map, an alias of one, or a list of them. */
	badMerge?: Node;
}

/** A node being walked: its children, the next one to walk, and the values counted under it so far. */
interface Frame {
	node: unknown;
	children: readonly unknown[];
	next: number;
	values: number;
	/** Indexes of the children that are the values of `<<` merge keys. */
	merges?: Set<number>;
}

/**
 * Walks a document once, without recursion (a deeply nested file must not overflow the stack), counting
 * each node once per alias that refers to it, as `toJS` would copy it.
 */
function readShape(doc: Document): Shape {
	const shape: Shape = { duplicateKeys: [], values: 0 };
	// An alias refers to the latest node anchored with its name before it.
	const anchored = new Map<string, unknown>();
	const anchoredValues = new Map<unknown, number>();
	const open = new Set<unknown>();
	const resolve = (node: unknown): unknown => (isAlias(node) ? anchored.get(node.source) : node);
	// A merge key's value, checked when it is reached, so that its aliases resolve as `yaml` resolves them.
	const checkMerge = (value: unknown): void => {
		const target = resolve(value);
		if (isMap(target) || (isSeq(target) && target.items.every((item) => isMap(resolve(item))))) return;
		shape.badMerge ??= value as Node;
	};
	let widest = 0;
	const stack: Frame[] = [];
	const count = (values: number): void => {
		if (stack.length > 0) stack.at(-1)!.values += values;
		else shape.values += values;
	};
	const enter = (node: unknown): void => {
		if (isAlias(node)) {
			const target = anchored.get(node.source);
			if (target === undefined) shape.unknownAlias ??= node;
			else if (open.has(target)) shape.loop ??= node;
			const values = anchoredValues.get(target) ?? 1;
			if (values > widest) [widest, shape.widestAlias] = [values, node];
			return count(values);
		}
		if (isScalar(node) || !node || typeof node !== 'object') {
			if (isScalar(node) && node.anchor) {
				anchored.set(node.anchor, node);
				anchoredValues.set(node, 1);
			}
			return count(node == null ? 0 : 1);
		}
		const anchor = (node as { anchor?: string }).anchor;
		if (anchor) {
			anchored.set(anchor, node);
			open.add(node);
		}
		if (isMap(node)) {
			const keys = new Set<unknown>();
			const children: unknown[] = [];
			const merges = new Set<number>();
			for (const pair of node.items) {
				if (isScalar(pair.key)) {
					const key = pair.key.value;
					// As `yaml` compares keys: by value, and NaN is no value's duplicate.
					if (keys.has(key)) shape.duplicateKeys.push(pair.key);
					else if (!Number.isNaN(key)) keys.add(key);
					if (typeof key === 'symbol' && key.description === '<<') merges.add(children.length + 1);
				}
				children.push(pair.key, pair.value);
			}
			stack.push({ node, children, next: 0, values: 0, merges });
		} else if (isSeq(node)) {
			stack.push({ node, children: node.items, next: 0, values: 0 });
		} else if (isPair(node)) {
			// A pair in a flow sequence ([a: 1]) is a map of one key.
			stack.push({ node, children: [node.key, node.value], next: 0, values: 0 });
		}
	};
	enter(doc.contents);
	while (stack.length > 0) {
		const frame = stack.at(-1)!;
		if (frame.next < frame.children.length) {
			if (frame.merges?.has(frame.next)) checkMerge(frame.children[frame.next]);
			enter(frame.children[frame.next++]);
			continue;
		}
		stack.pop();
		const values = frame.values + 1;
		if (open.delete(frame.node)) anchoredValues.set(frame.node, values);
		count(values);
	}
	return shape;
}

/** The offsets of a node within the YAML text; the start of the text for none. */
function rangeOf(node: Node | undefined): [number, number] {
	const [start, end] = node?.range ?? [0, 0];
	return [start, end];
}
