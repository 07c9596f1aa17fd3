// Sätteri hast plugins for content bodies, used by astro.config.mjs. Plain objects, so that this file
// needs neither Astro nor Sätteri types.

interface HastElement {
	type: 'element';
	tagName: string;
	properties?: Record<string, unknown>;
	children?: { type: string; tagName?: string; properties?: Record<string, unknown> }[];
}

interface VisitContext {
	removeNode(node: unknown): void;
	setProperty(node: unknown, key: string, value: unknown): void;
	textContent(node: unknown): string;
}

const DROPPED = new Set([
	'script',
	'style',
	'iframe',
	'frame',
	'frameset',
	'object',
	'embed',
	'applet',
	'form',
	'input',
	'button',
	'link',
	'meta',
	'base',
	'template',
	'noscript',
	'animate',
	'set',
	'animateMotion',
	'animateTransform',
]);
const URL_PROPERTIES = new Set([
	'href',
	'xLinkHref',
	'src',
	'action',
	'formAction',
	'poster',
	'cite',
	'data',
	'background',
	'lowsrc',
	'ping',
]);
const SAFE_URL = /^(?:https?:|mailto:|#|\/|\.{1,2}\/|[^:/?#]*(?:[/?#]|$))/i;

/** Whether a URL from content may reach the page: relative, http(s) or mailto, never `javascript:` or `data:`. */
export function isSafeUrl(url: string): boolean {
	// Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
	return SAFE_URL.test(url.replace(/[\u0000-\u0020]/g, ''));
}

/** Removes what could run script in a reader's browser: script-like elements, event handlers, unsafe URLs. */
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
			if (DROPPED.has(node.tagName)) return ctx.removeNode(node);
			for (const [key, value] of Object.entries(node.properties ?? {})) {
				if (/^on/i.test(key) || key === 'srcSet' || key === 'srcDoc') ctx.setProperty(node, key, null);
				else if (URL_PROPERTIES.has(key) && typeof value === 'string' && !isSafeUrl(value)) ctx.setProperty(node, key, null);
			}
		},
	},
};

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
 * The prose of an MDX body, for search: the body without its top-level `import` and `export`
 * statements. As in MDX, a statement starts a block (the first line, or after a blank line) outside
 * code fences; a multi-line one runs to its closing line.
 */
export function mdxProse(mdx: string): string {
	const kept: string[] = [];
	let fence: string | undefined;
	let statement: 'import' | 'export' | undefined;
	let depth = 0;
	let previousBlank = true;
	for (const line of mdx.split('\n')) {
		if (statement) {
			depth += bracketBalance(line);
			if (statement === 'import' ? /(['"])[^'"]*\1;?\s*$/.test(line) : depth <= 0) statement = undefined;
			continue;
		}
		const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
		if (fence) {
			if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
		} else if (marker) {
			fence = marker;
		} else if (previousBlank && /^(import|export)\s/.test(line)) {
			const kind = line.startsWith('import') ? 'import' : 'export';
			depth = bracketBalance(line);
			const done = kind === 'import' ? /(['"])[^'"]*\1;?\s*$/.test(line) : depth <= 0;
			if (!done) statement = kind;
			continue;
		}
		kept.push(line);
		previousBlank = line.trim() === '';
	}
	return kept.join('\n');
}

/** Opening minus closing brackets on a line (strings and comments are not told apart: good enough for ESM headers). */
function bracketBalance(line: string): number {
	let balance = 0;
	for (const c of line) {
		if (c === '{' || c === '[' || c === '(') balance++;
		else if (c === '}' || c === ']' || c === ')') balance--;
	}
	return balance;
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
