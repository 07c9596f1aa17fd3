import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import {
	addHeadingAnchors,
	hasMermaid,
	isSafeUrl,
	mdxProse,
	mermaidBlocks,
	plainCodeBlocks,
	sanitizeHtml,
} from '../../../src/lib/site/markdown.ts';

type Call = ['removeNode', unknown] | ['setProperty', unknown, string, unknown] | ['textContent', unknown];

/** A visit context that records what a plugin asks of it; `textContent` answers `text`. */
function fakeContext(text = '') {
	const calls: Call[] = [];
	const ctx = {
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

describe('mdxProse', () => {
	it('drops import and export statements, one-line and multi-line, and keeps the prose', () => {
		const mdx = [
			"import Chart from '../components/Chart.astro';",
			'import {',
			'  a,',
			'  b,',
			"} from './x.ts';",
			'export const steps = 3;',
			'',
			'## Procedure',
			'',
			'Run {steps} steps; import nothing.',
		].join('\n');
		const prose = mdxProse(mdx);
		expect(prose).not.toMatch(/^(import|export)\b/m);
		expect(prose).not.toContain('from');
		expect(prose).toContain('## Procedure');
		expect(prose).toContain('Run {steps} steps; import nothing.');
	});
});

describe('plainCodeBlocks', () => {
	it('reduces a highlighted code block to its text, entities kept, and leaves the rest of the HTML alone', () => {
		const html =
			'<p>Set <code>a</code>:</p><pre class="astro-code github-light" style="x" tabindex="0" data-language="yaml"><code><span class="line"><span style="color:#116329">key</span><span>: &lt;v&gt;</span></span>\n<span class="line">b: 2</span></code></pre><p>After.</p>';
		expect(plainCodeBlocks(html)).toBe('<p>Set <code>a</code>:</p><pre><code>key: &lt;v&gt;\nb: 2</code></pre><p>After.</p>');
	});
});

describe('mdxProse and code', () => {
	it('keeps import and export lines inside code fences, and prose that merely starts with "import"', () => {
		const mdx = [
			"import Chart from './Chart.astro';",
			'',
			'export const meta = {',
			'  owner: "@ops",',
			'};',
			'',
			'Check the replica lag, then promote it.',
			'',
			'```python',
			'import redis',
			'r.set("role", "primary")',
			'```',
			'',
			'~~~sh',
			'export KUBECONFIG=/tmp/kube',
			'~~~',
			'',
			'Set role to "primary".',
			'import is a word here, mid-paragraph.',
		].join('\n');
		const prose = mdxProse(mdx);
		expect(prose).not.toContain('Chart');
		expect(prose).not.toContain('owner');
		for (const kept of [
			'Check the replica lag, then promote it.',
			'import redis',
			'r.set("role", "primary")',
			'export KUBECONFIG=/tmp/kube',
			'Set role to "primary".',
			'import is a word here, mid-paragraph.',
		]) {
			expect(prose).toContain(kept);
		}
		expect(prose.match(/^```/gm)).toHaveLength(2);
	});
});
