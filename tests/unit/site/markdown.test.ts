import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { addHeadingAnchors, hasMermaid, isSafeUrl, mermaidBlocks, plainCodeBlocks, sanitizeHtml } from '../../../src/lib/site/markdown.ts';

type Call = ['removeNode', unknown] | ['setProperty', unknown, string, unknown] | ['textContent', unknown];

/** A visit context that records what a plugin asks of it; `textContent` answers `text`. */
function fakeContext(text = '', sourceFormat?: 'markdown' | 'mdx') {
	const calls: Call[] = [];
	const ctx = {
		sourceFormat,
		removeNode: (node: unknown) => void calls.push(['removeNode', node]),
		setProperty: (node: unknown, key: string, value: unknown) => void calls.push(['setProperty', node, key, value]),
		textContent: (node: unknown) => (calls.push(['textContent', node]), text),
	};
	return { ctx, calls };
}

function element(
	tagName: string,
	properties: Record<string, unknown> = {},
	children: { type: string; tagName?: string; properties?: Record<string, unknown> }[] = [],
) {
	return { type: 'element' as const, tagName, properties, children };
}

/** The calls the sanitiser makes for one element. */
function sanitize(node: ReturnType<typeof element>): Call[] {
	const { ctx, calls } = fakeContext();
	sanitizeHtml.element.visit(node, ctx);
	return calls;
}

describe('isSafeUrl', () => {
	it.each([
		['a relative page', 'runbooks/payment-timeout/'],
		['a bare file name', 'diagram.png'],
		['a ./ path', './notes.md'],
		['a ../ path', '../changes/redis-pool/'],
		['an anchor', '#rollback'],
		['a root path', '/matrix/#redis.version'],
		['a query', '?status=open'],
		['an empty link', ''],
		['http', 'http://example.com/a'],
		['https', 'https://example.com/a?b=c#d'],
		['HTTPS in capitals', 'HTTPS://EXAMPLE.COM/'],
		['mailto', 'mailto:oncall@example.com'],
		['a relative path with a colon after a slash', 'docs/a:b'],
	])('accepts %s', (_, url) => {
		expect(isSafeUrl(url)).toBe(true);
	});

	it.each([
		['javascript:', 'javascript:alert(1)'],
		['JavaScript: in mixed case', 'JavaScript:alert(1)'],
		['a tab inside the scheme', 'java\tscript:alert(1)'],
		['a newline inside the scheme', 'java\nscript:alert(1)'],
		['leading spaces and control characters', ' \u0001 javascript:alert(1)'],
		['data:', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
		['vbscript:', 'vbscript:msgbox(1)'],
		['an unknown scheme', 'file:///etc/passwd'],
	])('rejects %s', (_, url) => {
		expect(isSafeUrl(url)).toBe(false);
	});
});

describe('sanitizeHtml', () => {
	it('visits every element', () => {
		expect(sanitizeHtml.element.filter).toEqual([]);
	});

	it.each([
		'script',
		'iframe',
		'style',
		'object',
		'embed',
		'form',
		'input',
		'button',
		'link',
		'meta',
		'base',
		'template',
		'noscript',
		'frame',
		'frameset',
		'applet',
	])('removes <%s>', (tag) => {
		const node = element(tag, { src: 'https://evil.example/x.js' });
		expect(sanitize(node)).toEqual([['removeNode', node]]);
	});

	it('leaves a plain element with safe properties alone', () => {
		expect(sanitize(element('a', { href: 'https://example.com/', className: ['external'], title: 'Example' }))).toEqual([]);
		expect(sanitize(element('img', { src: '/diagram.png', alt: 'Diagram' }))).toEqual([]);
		expect(sanitize(element('p'))).toEqual([]);
		expect(sanitize({ type: 'element', tagName: 'p' } as ReturnType<typeof element>)).toEqual([]);
	});

	it('nulls every event handler, whatever its case', () => {
		const node = element('img', { src: '/x.png', onError: 'alert(1)', onclick: 'alert(2)', ONMOUSEOVER: 'alert(3)' });
		expect(sanitize(node)).toEqual([
			['setProperty', node, 'onError', null],
			['setProperty', node, 'onclick', null],
			['setProperty', node, 'ONMOUSEOVER', null],
		]);
	});

	it.each([
		'javascript:alert(1)',
		'JavaScript:alert(1)',
		'java\tscript:alert(1)',
		'data:text/html,<script>alert(1)</script>',
		'vbscript:msgbox(1)',
	])('nulls an href of %j', (href) => {
		const node = element('a', { href });
		expect(sanitize(node)).toEqual([['setProperty', node, 'href', null]]);
	});

	it.each(['src', 'xLinkHref', 'action', 'formAction', 'poster', 'cite', 'data', 'background', 'lowsrc', 'ping'])(
		'nulls an unsafe %s',
		(key) => {
			const node = element('x-any', { [key]: 'javascript:alert(1)' });
			expect(sanitize(node)).toEqual([['setProperty', node, key, null]]);
		},
	);

	it('nulls srcset and srcdoc whatever they hold', () => {
		const node = element('img', { src: '/a.png', srcSet: '/a.png 1x, /b.png 2x', srcDoc: '<p>hi</p>' });
		expect(sanitize(node)).toEqual([
			['setProperty', node, 'srcSet', null],
			['setProperty', node, 'srcDoc', null],
		]);
	});

	it('leaves a property that is not a URL alone even when it looks like one', () => {
		expect(sanitize(element('p', { title: 'javascript:alert(1)', dataNote: 'javascript:x' }))).toEqual([]);
	});

	// Classic bypass: SVG animation sets an <a>'s href to javascript: when the reader clicks, without
	// any href property in the source. DOMPurify drops <animate> and <set> for this reason.
	it('neutralises SVG <animate> and <set> that write a javascript: href', () => {
		for (const node of [
			element('animate', { attributeName: 'href', values: 'javascript:alert(1)' }),
			element('set', { attributeName: 'href', to: 'javascript:alert(1)' }),
		]) {
			const calls = sanitize(node);
			const removed = calls.some((c) => c[0] === 'removeNode');
			const cleared = calls.some(
				(c) => c[0] === 'setProperty' && (c[2] === 'values' || c[2] === 'to' || c[2] === 'attributeName') && c[3] === null,
			);
			expect(removed || cleared).toBe(true);
		}
	});

	it('removes raw HTML and comments', () => {
		const { ctx, calls } = fakeContext();
		const raw = { type: 'raw', value: '<script>alert(1)</script>' };
		const comment = { type: 'comment', value: ' secret ' };
		sanitizeHtml.raw(raw, ctx);
		sanitizeHtml.comment(comment, ctx);
		expect(calls).toEqual([
			['removeNode', raw],
			['removeNode', comment],
		]);
	});
});

/** An MDX JSX element of the hast tree, as Sätteri gives it. */
function jsx(name: string | null, attributes: { type: string; name?: string; value?: unknown }[] = [], children: unknown[] = []) {
	return { type: 'mdxJsxFlowElement' as const, name, attributes, children, data: { _mdxExplicitJsx: true } };
}

const attribute = (name: string, value: unknown = null) => ({ type: 'mdxJsxAttribute', name, value });

describe('sanitizeHtml in MDX', () => {
	it('visits every MDX element, in flow and in text', () => {
		expect(sanitizeHtml.mdxJsxFlowElement.filter).toEqual([]);
		expect(sanitizeHtml.mdxJsxTextElement.filter).toEqual([]);
	});

	it('removes import and export statements and {expressions}, which would run as code', () => {
		const { ctx, calls } = fakeContext('', 'mdx');
		const esm = { type: 'mdxjsEsm', value: "export const who = (await import('node:child_process')).execSync('id -un')" };
		const flow = { type: 'mdxFlowExpression', value: 'who' };
		const text = { type: 'mdxTextExpression', value: 'who' };
		sanitizeHtml.mdxjsEsm(esm, ctx);
		sanitizeHtml.mdxFlowExpression(flow, ctx);
		sanitizeHtml.mdxTextExpression(text, ctx);
		expect(calls).toEqual([
			['removeNode', esm],
			['removeNode', flow],
			['removeNode', text],
		]);
	});

	it.each([
		['a component', 'Fragment'],
		['a fragment', null],
		['a dropped element', 'iframe'],
		['a dropped element in mixed case', 'sCript'],
		['a custom element', 'x-widget'],
	])('removes %s', (_, name) => {
		const { ctx, calls } = fakeContext('', 'mdx');
		const node = jsx(name, [attribute('set:html', { type: 'mdxJsxAttributeValueExpression', value: 'x' })]);
		expect(sanitizeHtml.mdxJsxFlowElement.visit(node, ctx)).toBeUndefined();
		expect(calls).toEqual([['removeNode', node]]);
	});

	it('leaves a plain HTML element with literal, safe attributes as it is', () => {
		const { ctx, calls } = fakeContext('', 'mdx');
		const node = jsx('a', [attribute('href', 'https://example.com/'), attribute('title', 'Example'), attribute('download')]);
		expect(sanitizeHtml.mdxJsxTextElement.visit({ ...node, type: 'mdxJsxTextElement' }, ctx)).toBeUndefined();
		expect(calls).toEqual([]);
	});

	it('returns the element, children and all, without the attributes the rules drop', () => {
		const { ctx, calls } = fakeContext('', 'mdx');
		const children = [{ type: 'text', value: 'Rollback' }];
		const node = jsx(
			'a',
			[
				attribute('class', 'internal'),
				{ type: 'mdxJsxExpressionAttribute', value: '...{onerror: "alert(1)"}' },
				attribute('title', { type: 'mdxJsxAttributeValueExpression', value: "'t'" }),
				attribute('set:html', '<b>x</b>'),
				attribute('onClick', 'alert(1)'),
				attribute('href', 'javascript:alert(1)'),
				attribute('xlink:href', 'java\tscript:alert(1)'),
				attribute('srcdoc', '<p>x</p>'),
				attribute('lang', 'en'),
			],
			children,
		);
		expect(sanitizeHtml.mdxJsxFlowElement.visit(node, ctx)).toEqual({
			type: 'mdxJsxFlowElement',
			name: 'a',
			attributes: [attribute('class', 'internal'), attribute('lang', 'en')],
			children,
			data: { _mdxExplicitJsx: true },
		});
		expect(calls).toEqual([]);
	});

	it('nulls a local image that is not an image file in MDX, where the build would import it as a module', () => {
		for (const src of ['../tools/build.mjs', 'diagram.png?raw', 'evil%2Emjs']) {
			const node = element('img', { src, alt: 'x' });
			const { ctx, calls } = fakeContext('', 'mdx');
			sanitizeHtml.element.visit(node, ctx);
			expect(calls).toEqual([['setProperty', node, 'src', null]]);
		}
	});

	it('keeps local image files in MDX, and any local image in Markdown, which imports nothing', () => {
		for (const [src, format] of [
			['diagram.png', 'mdx'],
			['./topology.svg', 'mdx'],
			['/images/a.webp', 'mdx'],
			['https://example.com/a', 'mdx'],
			['../tools/build.mjs', 'markdown'],
		] as const) {
			const { ctx, calls } = fakeContext('', format);
			sanitizeHtml.element.visit(element('img', { src }), ctx);
			expect(calls).toEqual([]);
		}
	});
});

describe("the site's MDX pipeline (astro.config.mjs)", () => {
	/** Compiles an MDX body as the site's build does, with the processor and plugins of astro.config.mjs. */
	async function compileMdx(body: string): Promise<string> {
		const { default: config } = await import('../../../astro.config.mjs');
		const processor = config.markdown!.processor as unknown as {
			createMdxRenderer(
				shared: object,
				mdx: object,
			): Promise<{ process(content: string, file: string, frontmatter: object): Promise<{ code: string }> }>;
		};
		const renderer = await processor.createMdxRenderer(
			{ syntaxHighlight: false },
			{ optimize: false, srcDir: new URL('../../../src/', import.meta.url) },
		);
		return (await renderer.process(body, '/content/runbooks/failover.mdx', { title: 'Failover' })).code;
	}

	it.each([
		['a spread that adds an event handler', '<img src="x.png" {...{onerror: "alert(1)"}} />', ['onerror', 'alert']],
		['an iframe with a built srcdoc', "<iframe srcdoc={'<img src=x o' + 'nerror=parent.alert(1)>'} />", ['iframe', 'srcdoc', 'alert']],
		['Fragment with set:html', "<Fragment set:html={'<img src=x onerror=alert(1)>'} />", ['set:html', 'onerror']],
		['an href built from an expression', "See <a href={'java' + 'script:alert(1)'}>this</a>.", ['script:alert']],
		['a javascript: href behind a character reference', 'See <a href="javascript&#x3A;alert(1)">this</a>.', ['javascript']],
		['an event handler', '<details ontoggle="alert(1)">\n<summary>x</summary>\n</details>', ['ontoggle', 'alert']],
		['a javascript: Markdown link', '[this](javascript:alert(1))', ['javascript']],
		[
			'an export that runs a command, and its output',
			"export const who = (await import('node:child_process')).execSync('id -un')\n\nBuilt by {who}.",
			['child_process', 'execSync', 'who'],
		],
		['a local image that is a script', '![x](../tools/build.mjs)', ['build.mjs']],
	])('compiles %s to a module without it', async (_, body, gone) => {
		const code = await compileMdx(`${body}\n`);
		for (const text of gone) expect(code).not.toContain(text);
	});

	it('keeps safe MDX: plain HTML, links and image files', async () => {
		const code = await compileMdx(
			'<details open>\n<summary>Rollback</summary>\n\nSee [the runbook](https://example.com/rb) and ![d](diagram.png).\n\n</details>\n',
		);
		for (const text of ['"details"', 'open: true', 'Rollback', 'https://example.com/rb', 'diagram.png']) expect(code).toContain(text);
	});
});

describe('mermaidBlocks', () => {
	it('visits only <pre>', () => {
		expect(mermaidBlocks.element.filter).toEqual(['pre']);
	});

	it('turns a mermaid code block into <pre class="mermaid"> holding the diagram text', () => {
		const code = { type: 'element', tagName: 'code', properties: { className: ['language-mermaid'] } };
		const { ctx, calls } = fakeContext('flowchart LR\n  a --> b\n');
		const result = mermaidBlocks.element.visit(element('pre', {}, [code]), ctx);
		expect(result).toEqual({
			type: 'element',
			tagName: 'pre',
			properties: { className: ['mermaid'], dataPagefindIgnore: '' },
			children: [{ type: 'text', value: 'flowchart LR\n  a --> b\n' }],
		});
		expect(calls).toEqual([['textContent', code]]);
	});

	it('finds the code element among other children', () => {
		const code = { type: 'element', tagName: 'code', properties: { className: ['language-mermaid', 'other'] } };
		const result = mermaidBlocks.element.visit(element('pre', {}, [{ type: 'text' }, code]), fakeContext('graph TD').ctx);
		expect(result?.properties).toEqual({ className: ['mermaid'], dataPagefindIgnore: '' });
	});

	it.each([
		['another language', [{ type: 'element', tagName: 'code', properties: { className: ['language-yaml'] } }]],
		['a code block without a language', [{ type: 'element', tagName: 'code', properties: {} }]],
		['a class named like mermaid in a string', [{ type: 'element', tagName: 'code', properties: { className: 'language-mermaid' } }]],
		['no code element', [{ type: 'element', tagName: 'span', properties: { className: ['language-mermaid'] } }]],
		['no children', []],
	])('leaves a <pre> with %s alone', (_, children) => {
		const { ctx, calls } = fakeContext('x');
		expect(mermaidBlocks.element.visit(element('pre', {}, children), ctx)).toBeUndefined();
		expect(calls).toEqual([]);
	});
});

describe('addHeadingAnchors', () => {
	it('appends a self-link to a heading with an id', () => {
		expect(addHeadingAnchors('<h2 id="rollback">Rollback</h2>')).toBe(
			'<h2 id="rollback">Rollback<a class="heading-anchor" href="#rollback" aria-label="Link to this section">#</a></h2>',
		);
	});

	it('links every heading level from h2 to h6, and keeps markup inside the heading', () => {
		const html = addHeadingAnchors(
			'<h2 id="a">A</h2><p>x</p><h3 id="b">Use <code>redis</code></h3><h4 id="c">C</h4><h5 id="d">D</h5><h6 id="e">E</h6>',
		);
		const $ = load(html);
		expect(
			$('a.heading-anchor')
				.map((_, el) => $(el).attr('href'))
				.get(),
		).toEqual(['#a', '#b', '#c', '#d', '#e']);
		expect($('h3 code').text()).toBe('redis');
		expect($('h3 > a.heading-anchor').attr('aria-label')).toBe('Link to this section');
		expect($('p').text()).toBe('x');
	});

	it('links a heading that spans lines', () => {
		expect(load(addHeadingAnchors('<h2 id="long">A long\nheading</h2>'))('h2 > a').attr('href')).toBe('#long');
	});

	it('leaves the page title (h1) and headings without an id alone', () => {
		const html = '<h1 id="title">Title</h1><h2>No id</h2>';
		expect(addHeadingAnchors(html)).toBe(html);
	});
});

describe('hasMermaid', () => {
	it('finds a rendered diagram block', () => {
		expect(hasMermaid('<p>x</p><pre class="mermaid">flowchart LR</pre>')).toBe(true);
	});

	it('does not mistake a mermaid code block that was not turned into a diagram', () => {
		expect(hasMermaid('<pre><code class="language-mermaid">flowchart LR</code></pre>')).toBe(false);
		expect(hasMermaid('<p>No diagrams here.</p>')).toBe(false);
	});
});

describe('plainCodeBlocks', () => {
	it('reduces a highlighted code block to its text, entities kept, and leaves the rest of the HTML alone', () => {
		const html =
			'<p>Set <code>a</code>:</p><pre class="astro-code github-light" style="x" tabindex="0" data-language="yaml"><code><span class="line"><span style="color:#116329">key</span><span>: &lt;v&gt;</span></span>\n<span class="line">b: 2</span></code></pre><p>After.</p>';
		expect(plainCodeBlocks(html)).toBe('<p>Set <code>a</code>:</p><pre><code>key: &lt;v&gt;\nb: 2</code></pre><p>After.</p>');
	});
});
