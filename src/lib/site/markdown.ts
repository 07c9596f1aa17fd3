// Sätteri hast plugins for content bodies, used by astro.config.mjs. Plain objects, so that this file
// needs neither Astro nor Sätteri types.

import {
	isPublishedElement,
	isSafeImageSource,
	jsxAttributeProblem,
	jsxElementProblem,
	propertyProblem,
	type JsxAttributeLike,
} from '../schema/safe-html.ts';

export { isSafeUrl } from '../schema/safe-html.ts';

interface HastElement {
	type: 'element';
	tagName: string;
	properties?: Record<string, unknown>;
	children?: { type: string; tagName?: string; properties?: Record<string, unknown> }[];
}

/** An MDX JSX element in the hast tree (`<details open>`), as Sätteri gives it. */
interface HastJsxElement {
	type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
	name: string | null;
	attributes: JsxAttributeLike[];
	children?: unknown[];
	data?: unknown;
}

interface VisitContext {
	/** `mdx` while an MDX file compiles, `markdown` otherwise; absent in tests that do not care. */
	sourceFormat?: 'markdown' | 'mdx';
	removeNode(node: unknown): void;
	setProperty(node: unknown, key: string, value: unknown): void;
	textContent(node: unknown): string;
}

/**
 * Removes what could run script in a reader's browser: script-like elements, event handlers, unsafe
 * URLs (the rules of schema/safe-html.ts). In MDX, which compiles to code, it also removes what would
 * run on the build machine or bypass those rules: import and export statements, {expressions},
 * components, spread and expression attributes, and local images that are not image files. The MDX
 * rule (validate/mdx.ts) rejects all of these before the build; this keeps them out of the page even
 * when the check did not run (a dev server on content with errors).
 */
export const sanitizeHtml = {
	name: 'envparity-sanitize',
	raw(node: unknown, ctx: VisitContext): void {
		ctx.removeNode(node);
	},
	comment(node: unknown, ctx: VisitContext): void {
		ctx.removeNode(node);
	},
	element: {
		filter: [] as string[],
		visit(node: HastElement, ctx: VisitContext): void {
			if (!isPublishedElement(node.tagName)) return ctx.removeNode(node);
			for (const [key, value] of Object.entries(node.properties ?? {})) {
				if (propertyProblem(key, value)) ctx.setProperty(node, key, null);
			}
			// MDX imports a local image as a module when it builds: only an image file may be imported.
			const src = node.properties?.src;
			if (ctx.sourceFormat === 'mdx' && node.tagName === 'img' && typeof src === 'string' && !isSafeImageSource(src)) {
				ctx.setProperty(node, 'src', null);
			}
		},
	},
	mdxjsEsm(node: unknown, ctx: VisitContext): void {
		ctx.removeNode(node);
	},
	mdxFlowExpression(node: unknown, ctx: VisitContext): void {
		ctx.removeNode(node);
	},
	mdxTextExpression(node: unknown, ctx: VisitContext): void {
		ctx.removeNode(node);
	},
	mdxJsxFlowElement: { filter: [] as string[], visit: sanitizeJsxElement },
	mdxJsxTextElement: { filter: [] as string[], visit: sanitizeJsxElement },
};

/** Removes an MDX element that is not plain HTML, or returns it without the attributes the rules drop. */
function sanitizeJsxElement(node: HastJsxElement, ctx: VisitContext): HastJsxElement | undefined {
	if (jsxElementProblem(node.name)) {
		ctx.removeNode(node);
		return undefined;
	}
	const kept = node.attributes.filter((attribute) => !jsxAttributeProblem(attribute));
	if (kept.length === node.attributes.length) return undefined;
	// Attributes cannot be removed one by one (setProperty(…, null) leaves a bare attribute): replace the element.
	return { type: node.type, name: node.name, attributes: kept, children: node.children, data: node.data };
}

/** Turns ```mermaid code blocks into `<pre class="mermaid">` for the diagram script. */
export const mermaidBlocks = {
	name: 'envparity-mermaid',
	element: {
		filter: ['pre'],
		visit(node: HastElement, ctx: VisitContext): HastElement | undefined {
			const code = node.children?.find((child) => child.type === 'element' && child.tagName === 'code');
			const className = code?.properties?.className;
			if (!Array.isArray(className) || !className.includes('language-mermaid')) return undefined;
			// The diagram's source is markup, not prose: search leaves it out.
			return {
				type: 'element',
				tagName: 'pre',
				properties: { className: ['mermaid'], dataPagefindIgnore: '' },
				children: [{ type: 'text', value: ctx.textContent(code) } as never],
			};
		},
	},
};

/** Appends a self-link to every heading that has an id (`<h2 id="x">` → anchor `#x`), for linking sections. */
export function addHeadingAnchors(html: string): string {
	return html.replace(
		/<(h[2-6]) id="([^"]+)">([\s\S]*?)<\/\1>/g,
		(_, tag: string, id: string, inner: string) =>
			`<${tag} id="${id}">${inner}<a class="heading-anchor" href="#${id}" aria-label="Link to this section">#</a></${tag}>`,
	);
}

/** Whether rendered HTML holds a Mermaid diagram, so the page loads the diagram script. */
export function hasMermaid(html: string): boolean {
	return html.includes('class="mermaid"');
}

/**
 * Rendered HTML with its highlighted code blocks reduced to plain `<pre><code>` text, for search:
 * the words stay, the per-token markup of the highlighter (most of a code block's bytes) goes.
 */
export function plainCodeBlocks(html: string): string {
	return html.replace(
		/<pre class="astro-code[^"]*"[^>]*>([\s\S]*?)<\/pre>/g,
		(_, inner: string) => `<pre><code>${inner.replace(/<[^>]*>/g, '')}</code></pre>`,
	);
}
