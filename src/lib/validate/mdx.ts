import type { Nodes } from 'mdast';
import { createRequire } from 'node:module';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { positionAt } from '../diagnostics/source-file.ts';
import type { ParsedFile } from '../schema/content-files.ts';
import {
	isSafeImageSource,
	jsxAttributeProblem,
	jsxElementProblem,
	urlScheme,
	type JsxAttributeProblem,
	type JsxElementProblem,
} from '../schema/safe-html.ts';

/**
 * `.mdx` bodies outside the safe subset: MDX compiles to code, which runs on the build machine and
 * in readers' browsers, so content MDX is Markdown and plain HTML only. Each body is parsed with
 * the MDX parser and its syntax tree walked: ESM, {expressions}, components, spread and expression
 * attributes, attributes and elements the sanitiser drops, and local images that are not image files
 * are each an `unsafe-mdx` error where they stand.
 */
export function checkMdx(files: readonly ParsedFile[]): Diagnostic[] {
	return files.flatMap((file) => (file.body?.mdx ? checkMdxFile(file, file.body.offset) : []));
}

type Report = (offset: number, message: string) => void;

/** The MDX parser: about a quarter of a second to load, so only the first `.mdx` body loads it, and a repository without one never does. */
interface MdxParser {
	fromMarkdown: typeof import('mdast-util-from-markdown').fromMarkdown;
	gfmFromMarkdown: typeof import('mdast-util-gfm').gfmFromMarkdown;
	mdxFromMarkdown: typeof import('mdast-util-mdx').mdxFromMarkdown;
	gfm: typeof import('micromark-extension-gfm').gfm;
	mdxjs: typeof import('micromark-extension-mdxjs').mdxjs;
}

let mdxParser: MdxParser | undefined;

function loadMdxParser(): MdxParser {
	// Node loads these ES modules synchronously through require, so the check stays synchronous.
	const require = createRequire(import.meta.url);
	return (mdxParser ??= {
		...(require('mdast-util-from-markdown') as Pick<MdxParser, 'fromMarkdown'>),
		...(require('mdast-util-gfm') as Pick<MdxParser, 'gfmFromMarkdown'>),
		...(require('mdast-util-mdx') as Pick<MdxParser, 'mdxFromMarkdown'>),
		...(require('micromark-extension-gfm') as Pick<MdxParser, 'gfm'>),
		...(require('micromark-extension-mdxjs') as Pick<MdxParser, 'mdxjs'>),
	});
}

function checkMdxFile(file: ParsedFile, bodyOffset: number): Diagnostic[] {
	const problems: Diagnostic[] = [];
	const report: Report = (offset, message) =>
		problems.push({ file: file.file.path, ...positionAt(file.file, offset), severity: 'error', code: 'unsafe-mdx', message });
	const { text } = file.file;
	checkFrontMatterEnd(text, bodyOffset, report);
	// The file as the build compiles it, its front matter blanked (Astro's "empty-with-spaces"): the tree's offsets are the file's.
	const source = text.slice(0, bodyOffset).replace(/[^\r\n]/g, ' ') + text.slice(bodyOffset);
	let tree: Nodes;
	try {
		const { fromMarkdown, gfm, gfmFromMarkdown, mdxFromMarkdown, mdxjs } = loadMdxParser();
		tree = fromMarkdown(source, { extensions: [mdxjs(), gfm()], mdastExtensions: [mdxFromMarkdown(), gfmFromMarkdown()] });
	} catch (error) {
		const reason = String((error as Error).message ?? error)
			// The parser's hint points at {/* comments */}, which content MDX may not have either.
			.replace(/\s*\(note: to create a comment in MDX, use `[^`]*`\)/, '');
		report(
			errorOffset(error, file, bodyOffset),
			`this .mdx body does not parse as MDX (${reason}); correct it, or rename the file to .md if it needs no MDX: Markdown takes HTML and braces as they are.`,
		);
		return problems;
	}
	const definitions = new Map<string, string>();
	const imageReferences: { identifier: string; offset: number }[] = [];
	walk(tree, (node) => {
		const offset = node.position?.start.offset ?? bodyOffset;
		switch (node.type) {
			case 'mdxjsEsm': {
				const keyword = node.value.trimStart().startsWith('import') ? 'import' : 'export';
				report(
					offset,
					`an ${keyword} statement runs code when the site is built, so content MDX may not have one; remove it (pages that need code are .astro files under src/pages/, reviewed as code).`,
				);
				return false;
			}
			case 'mdxFlowExpression':
			case 'mdxTextExpression':
				report(
					offset,
					(node.data as { estree?: { body: unknown[] } } | undefined)?.estree?.body.length === 0
						? 'the MDX comment {/* … */} is an expression, which content MDX may not have; remove it.'
						: 'the expression {…} runs JavaScript when the site is built, so content MDX may not have one; write its text instead, or \\{ for a literal brace.',
				);
				return false;
			case 'mdxJsxFlowElement':
			case 'mdxJsxTextElement':
				checkElement(node, offset, report);
				return true;
			case 'image':
				if (!isSafeImageSource(node.url)) report(offset, imageMessage(node.url));
				return true;
			case 'imageReference':
				imageReferences.push({ identifier: node.identifier, offset });
				return true;
			case 'definition':
				definitions.set(node.identifier, node.url);
				return true;
			default:
				return true;
		}
	});
	for (const { identifier, offset } of imageReferences) {
		const url = definitions.get(identifier);
		if (url !== undefined && !isSafeImageSource(url)) report(offset, imageMessage(url));
	}
	return problems;
}

/** Visits every node, depth first; a visitor that returns false skips the node's children. */
function walk(node: Nodes, visit: (node: Nodes) => boolean): void {
	if (!visit(node)) return;
	if ('children' in node) for (const child of node.children) walk(child, visit);
}

function checkElement(node: MdxJsxFlowElement | MdxJsxTextElement, offset: number, report: Report): void {
	const problem = jsxElementProblem(node.name);
	if (problem) {
		// The whole element goes, so its attributes need no word of their own; its children are still checked.
		report(offset, elementMessage(node.name ?? '', problem));
		return;
	}
	for (const attribute of node.attributes) {
		const attributeProblem = jsxAttributeProblem(attribute);
		if (!attributeProblem) continue;
		const name = attribute.type === 'mdxJsxAttribute' ? attribute.name : '';
		const value = attribute.type === 'mdxJsxAttribute' && typeof attribute.value === 'string' ? attribute.value : '';
		report(attribute.position?.start.offset ?? offset, attributeMessage(`<${node.name}>`, name, value, attributeProblem));
	}
}

function elementMessage(name: string, problem: JsxElementProblem): string {
	switch (problem) {
		case 'fragment':
			return 'a fragment <>…</> is JSX that content MDX does not need; remove the <> and </>.';
		case 'component':
			return `<${name}> is a component, and content MDX offers none (Markdown and plain HTML only); remove it, or write an .astro page under src/pages/ (reviewed as code) for what needs components.`;
		case 'not-html':
			return `<${name}> is not a plain HTML element (custom elements and namespaced names render as components); use an HTML element such as <div> or <span>.`;
		case 'dropped':
			return `<${name}> could run script, embed another page or take input in readers' browsers, so the wiki does not publish it; remove it.`;
	}
}

function attributeMessage(element: string, name: string, value: string, problem: JsxAttributeProblem): string {
	switch (problem) {
		case 'spread':
			return `the spread attribute {...} on ${element} runs JavaScript when the site is built and can add any attribute, so content MDX may not have one; write each attribute as name="value".`;
		case 'directive':
			return `"${name}" on ${element} is an Astro directive, not an HTML attribute; content MDX takes plain HTML attributes only, so remove it.`;
		case 'expression':
			return `the value of "${name}" on ${element} is an expression {…}, which runs JavaScript when the site is built; write it as a plain string: ${name}="…".`;
		case 'event-handler':
			return `"${name}" on ${element} is an event handler, which runs script in readers' browsers; remove it.`;
		case 'embedded-document':
			return `"${name}" on ${element} embeds a whole HTML document, which could run script in readers' browsers; remove it.`;
		case 'image-set':
			return `"${name}" on ${element} lists image addresses that the wiki does not check; use src with one address instead.`;
		case 'unsafe-url': {
			const scheme = urlScheme(value);
			return `"${name}" on ${element} is ${scheme ? `a "${scheme}" address` : 'not a web address'}, which could run script in readers' browsers; use an https:, mailto: or relative address.`;
		}
	}
}

function imageMessage(url: string): string {
	return `the image "${url}" is not an image file, and the build imports a local image in an .mdx body as a module, which would run it; use a .png, .jpg, .gif, .webp, .avif or .svg file, or an https:// address.`;
}

/**
 * The MDX compiler ends front matter at the first line that starts with "---" or "+++" and does not
 * take "..." as its end; where that differs from the front matter that was read, it would compile
 * part of the front matter as MDX, unchecked.
 */
function checkFrontMatterEnd(text: string, bodyOffset: number, report: Report): void {
	let start = text.indexOf('\n') + 1;
	while (start > 0 && start < bodyOffset) {
		const end = text.indexOf('\n', start);
		const next = end === -1 || end >= bodyOffset ? bodyOffset : end + 1;
		const isClose = next >= bodyOffset;
		const line = text.slice(start, next);
		if (isClose && line.startsWith('...')) {
			report(
				start,
				`the front matter of an .mdx file must end with "---": the MDX compiler does not take "..." as its end and would compile the front matter as MDX; write "---".`,
			);
		} else if (!isClose && /^(?:---|\+\+\+)/.test(line)) {
			report(
				start,
				`the MDX compiler would end the front matter at this line, which starts with "${line.slice(0, 3)}", and compile the rest of it as MDX; reword the line so that it does not start with "---" or "+++".`,
			);
		}
		start = next;
	}
}

interface Point {
	line?: number;
	column?: number;
	offset?: number;
}

/** Where a parse error of the MDX parser stands, as an offset in the file (its positions are the file's). */
function errorOffset(error: unknown, file: ParsedFile, bodyOffset: number): number {
	const place = (error as { place?: Point | { start: Point } } | undefined)?.place;
	const point = place && 'start' in place ? place.start : place;
	if (point?.offset !== undefined) return point.offset;
	// Some errors carry their position only in their text: "Expected a closing tag for `<div>` (3:1-3:6)".
	const match = /\((\d+):(\d+)/.exec(String((error as Error | undefined)?.message));
	const line = point?.line ?? Number(match?.[1]);
	const column = point?.column ?? Number(match?.[2] ?? 1);
	const lineStart = file.file.lineStarts[line - 1];
	return lineStart === undefined ? bodyOffset : lineStart + column - 1;
}
