// The HTML a content body may hold: one policy, which the sanitiser applies when Markdown and MDX
// render (site/markdown.ts) and the MDX rule checks before the build (validate/mdx.ts).
import { find, html } from 'property-information';

/** Elements that never reach a page: they run script, embed other documents, take input, or (SVG animation) rewrite links. */
const DROPPED_ELEMENTS = new Set(
	[
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
	].map((name) => name.toLowerCase()),
);

/** The hast properties that hold an address. */
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

/** Whether an element may reach a page: every element but those that run script, embed documents or take input. */
export function isPublishedElement(tagName: string): boolean {
	// Browsers read HTML tag names in any case: <sCript> is <script>.
	return !DROPPED_ELEMENTS.has(tagName.toLowerCase());
}

/** Whether a URL from content may reach the page: relative, http(s) or mailto, never `javascript:` or `data:`. */
export function isSafeUrl(url: string): boolean {
	// Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
	return SAFE_URL.test(url.replace(/[\u0000-\u0020]/g, ''));
}

/** The scheme of a URL as a browser reads it (`javascript:`), for messages; undefined when it has none. */
export function urlScheme(url: string): string | undefined {
	return /^[^:/?#]*:/.exec(url.replace(/[\u0000-\u0020]/g, ''))?.[0].toLowerCase();
}

/** Why the sanitiser drops a property. */
export type PropertyProblem = 'event-handler' | 'embedded-document' | 'image-set' | 'unsafe-url';

/** Why the sanitiser drops a hast property (`onClick`, `srcDoc`, an unsafe `href`), or undefined when it keeps it. */
export function propertyProblem(property: string, value: unknown): PropertyProblem | undefined {
	if (/^on/i.test(property)) return 'event-handler';
	if (property === 'srcDoc') return 'embedded-document';
	// Each address in a srcset would need checking; src does the same job.
	if (property === 'srcSet') return 'image-set';
	if (URL_PROPERTIES.has(property) && typeof value === 'string' && !isSafeUrl(value)) return 'unsafe-url';
	return undefined;
}

const IMAGE_FILE = /\.(?:png|jpe?g|gif|webp|avif|svg|tiff?)$/i;

/**
 * Whether an image's address is safe in MDX, where the build imports a local image (an address that
 * is neither a URL nor absolute, as `diagram.png`) as a module: a local one must name an image file,
 * with no query, or the import would run the file it names (`../tools/x.mjs`).
 */
export function isSafeImageSource(url: string): boolean {
	let path: string;
	try {
		// As Astro reads it before importing it.
		path = decodeURI(url);
	} catch {
		return false;
	}
	if (path === '' || path.startsWith('/') || URL.canParse(path)) return true;
	return !/[?#]/.test(path) && IMAGE_FILE.test(path);
}

/** Why an MDX JSX element may not reach a page. */
export type JsxElementProblem = 'fragment' | 'component' | 'not-html' | 'dropped';

/**
 * Why an MDX JSX element (`<details>`, `<Fragment>`) may not reach a page, or undefined when it may:
 * content MDX has plain HTML elements only (the wiki offers no components), and not those the
 * sanitiser drops.
 */
export function jsxElementProblem(name: string | null | undefined): JsxElementProblem | undefined {
	if (!name) return 'fragment';
	// In MDX, a capitalised or dotted name is a component; a lower-case one is an HTML element.
	if (/^[A-Z]/.test(name) || name.includes('.')) return 'component';
	// Custom elements (x-y) and namespaced names (svg:rect) render through Astro's component path, not as HTML.
	if (!/^[a-z][a-zA-Z0-9]*$/.test(name)) return 'not-html';
	return isPublishedElement(name) ? undefined : 'dropped';
}

/** An MDX JSX attribute, as the MDX parsers give it: `name="value"`, `name={…}`, `name` alone, or a spread `{...…}`. */
export interface JsxAttributeLike {
	type: string;
	name?: string;
	value?: unknown;
}

/** Why an MDX JSX attribute may not reach a page. */
export type JsxAttributeProblem = 'spread' | 'directive' | 'expression' | PropertyProblem;

/**
 * Why an MDX JSX attribute may not reach a page, or undefined when it may: a plain HTML attribute
 * with a literal value (or none) that the sanitiser would keep. Character references in the value
 * (`javascript&#x3A;`) are decoded by the parser before this sees it.
 */
export function jsxAttributeProblem(attribute: JsxAttributeLike): JsxAttributeProblem | undefined {
	if (attribute.type !== 'mdxJsxAttribute' || typeof attribute.name !== 'string') return 'spread';
	const info = find(html, attribute.name);
	// set:html, class:list, is:raw…: Astro directives. xlink:href and xml:lang are HTML attributes.
	if (attribute.name.includes(':') && !info.space) return 'directive';
	// A name the sanitiser drops whatever its value (onerror, srcdoc) first: a literal value would not help.
	const byName = propertyProblem(info.property, undefined);
	if (byName) return byName;
	const value = attribute.value;
	if (value !== null && value !== undefined && typeof value !== 'string') return 'expression';
	return propertyProblem(info.property, value);
}
