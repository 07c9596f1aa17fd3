import { describe, expect, it } from 'vitest';
import {
	isPublishedElement,
	isSafeImageSource,
	jsxAttributeProblem,
	jsxElementProblem,
	urlScheme,
} from '../../../src/lib/schema/safe-html.ts';

const attribute = (name: string, value: unknown = null) => ({ type: 'mdxJsxAttribute', name, value });

describe('isPublishedElement', () => {
	it('keeps ordinary elements and drops script-like ones, whatever the case', () => {
		expect(['p', 'details', 'summary', 'kbd', 'img', 'svg', 'foreignObject'].filter(isPublishedElement)).toHaveLength(7);
		expect(['script', 'SCRIPT', 'iframe', 'animateMotion', 'animatemotion', 'set'].some(isPublishedElement)).toBe(false);
	});
});

describe('urlScheme', () => {
	it('reads the scheme as a browser does, for messages', () => {
		expect(urlScheme('JavaScript:alert(1)')).toBe('javascript:');
		expect(urlScheme('java\tscript:alert(1)')).toBe('javascript:');
		expect(urlScheme('docs/a:b')).toBeUndefined();
	});
});

describe('isSafeImageSource', () => {
	it.each(['diagram.png', './img/topology.SVG', '../shared/photo.jpeg', '/images/a.exe', 'https://example.com/x.mjs', ''])(
		'accepts %j: an image file, or an address the build does not import',
		(src) => {
			expect(isSafeImageSource(src)).toBe(true);
		},
	);

	it.each(['../tools/build.mjs', 'evil.js', 'diagram.png?raw', 'x.mjs?.png', 'x.png#y', 'evil%2Emjs', '%E0%A4%A'])(
		'rejects %j: a local file the build would import as a module',
		(src) => {
			expect(isSafeImageSource(src)).toBe(false);
		},
	);
});

describe('jsxElementProblem', () => {
	it.each([
		['details', undefined],
		['linearGradient', undefined],
		['Fragment', 'component'],
		['ui.Note', 'component'],
		[null, 'fragment'],
		['x-widget', 'not-html'],
		['svg:rect', 'not-html'],
		['iframe', 'dropped'],
		['sCript', 'dropped'],
	] as const)('%s: %s', (name, problem) => {
		expect(jsxElementProblem(name)).toBe(problem);
	});
});

describe('jsxAttributeProblem', () => {
	it.each([
		['a plain attribute', attribute('title', 'Rollback'), undefined],
		['an attribute without a value', attribute('open'), undefined],
		['a style attribute, which Markdown keeps too', attribute('style', 'color: red'), undefined],
		['an xlink:href with a safe address', attribute('xlink:href', '#icon'), undefined],
		['a spread', { type: 'mdxJsxExpressionAttribute', value: '...props' }, 'spread'],
		['an Astro directive', attribute('set:html', '<b>x</b>'), 'directive'],
		['an expression value', attribute('title', { type: 'mdxJsxAttributeValueExpression', value: "'t'" }), 'expression'],
		[
			'an event handler, before its expression value',
			attribute('onClick', { type: 'mdxJsxAttributeValueExpression', value: 'f' }),
			'event-handler',
		],
		[
			'srcdoc, before its expression value',
			attribute('srcdoc', { type: 'mdxJsxAttributeValueExpression', value: 'x' }),
			'embedded-document',
		],
		['srcset', attribute('srcset', 'a.png 1x'), 'image-set'],
		['a javascript: href', attribute('href', 'javascript:alert(1)'), 'unsafe-url'],
		['a data: src in capitals', attribute('SRC', 'data:text/html,x'), 'unsafe-url'],
	] as const)('%s', (_, value, problem) => {
		expect(jsxAttributeProblem(value)).toBe(problem);
	});
});
