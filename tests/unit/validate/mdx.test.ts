import { describe, expect, it } from 'vitest';
import { analyzeFiles, baseline, dedent } from '../../helpers/repo.ts';

const FRONT_MATTER = '---\ntitle: Failover\nenvironments: [production]\n---\n';

/** An ordinary MDX runbook: Markdown, plain HTML, and code that only looks like script. Its body starts on line 5. */
const ORDINARY = dedent(`
	# Failover

	1. Check the **replica** lag on the [dashboard](https://grafana.example.com/d/redis).
	2. Read the [payment runbook](../runbooks/payment-timeout/) and <kbd>Ctrl</kbd>+<kbd>C</kbd>.

	| Step | Who |
	| --- | --- |
	| Promote | <abbr title="On call">OC</abbr> |

	<details open>
	<summary>Rollback</summary>

	Revert the \\{pool\\} change, see <a href="#rollback" title="Rollback" class="internal">below</a>.

	</details>

	<img src="diagram.png" alt="Failover diagram" width="320" />

	![Topology](./topology.svg) and ![Remote](https://example.com/a.png)

	<p style="color: darkred">Never fail over twice within an hour.</p>

	~~~html
	<script>alert(1)</script> <img src=x onerror="alert(1)"> {process.env.HOME}
	~~~

	Inline \`<iframe srcdoc="x">\` and \`{who}\` stay code.

	> Note: pages that need code are .astro files.
`);

/** The baseline repository with a runbook at runbooks/failover.mdx whose body is `body`. */
function withRunbook(body: string, frontMatter = FRONT_MATTER): Record<string, string> {
	return { ...baseline(), 'runbooks/failover.mdx': frontMatter + body };
}

/** The `unsafe-mdx` errors of a runbook body, as `line:col message`. */
function unsafe(body: string, frontMatter?: string): string[] {
	return analyzeFiles(withRunbook(body, frontMatter))
		.problems.filter((p) => p.code === 'unsafe-mdx')
		.map((p) => `${p.line}:${p.column} ${p.message}`);
}

/** The positions of the `unsafe-mdx` errors of a runbook body, as `line:col`. */
function places(body: string, frontMatter?: string): string[] {
	return unsafe(body, frontMatter).map((problem) => problem.split(' ')[0]!);
}

describe('MDX bodies: the baseline', () => {
	it('accepts an ordinary MDX body: headings, lists, links, tables, plain HTML, images and code', () => {
		expect(analyzeFiles(withRunbook(ORDINARY)).problems).toEqual([]);
	});

	it('leaves Markdown bodies to the sanitiser: braces and JSX-like text in a .md file are not MDX', () => {
		const files = { ...baseline(), 'runbooks/failover.md': `${FRONT_MATTER}Run by {who}.\n\n<Callout>x</Callout>\n` };
		expect(analyzeFiles(files).problems).toEqual([]);
	});
});

describe('MDX bodies: the payloads that ran before', () => {
	it.each([
		['a spread that adds an event handler', '<img src="x" {...{onerror: "alert(1)"}} />', '5:14', 'the spread attribute {...} on <img>'],
		['an iframe with a built srcdoc', `<iframe srcdoc={'<img src=x o' + 'nerror=parent.alert(1)>'} />`, '5:1', '<iframe> could run script'],
		['Fragment with set:html', `<Fragment set:html={'<img src=x onerror=alert(1)>'} />`, '5:1', '<Fragment> is a component'],
		[
			'an href built from an expression',
			`See <a href={'java' + 'script:alert(1)'}>this</a>.`,
			'5:8',
			'the value of "href" on <a> is an expression',
		],
		[
			'a javascript: href hidden behind a character reference',
			'See <a href="javascript&#x3A;alert(1)">this</a>.',
			'5:8',
			'"href" on <a> is a "javascript:" address',
		],
	])('rejects %s, where it stands', (_, body, place, message) => {
		const problems = unsafe(`${body}\n`);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(new RegExp(`^${place} `));
		expect(problems[0]).toContain(message);
	});

	it('rejects an export that runs a command on the build machine, and the expression that publishes its output', () => {
		const body = "export const who = (await import('node:child_process')).execSync('id -un')\n\nBuilt by {who}.\n";
		expect(unsafe(body)).toEqual([
			'5:1 an export statement runs code when the site is built, so content MDX may not have one; remove it (pages that need code are .astro files under src/pages/, reviewed as code).',
			'7:10 the expression {…} runs JavaScript when the site is built, so content MDX may not have one; write its text instead, or \\{ for a literal brace.',
		]);
	});
});

describe('MDX bodies: each construct outside the safe subset', () => {
	it('rejects an import statement', () => {
		expect(unsafe("import Chart from '../components/Chart.astro'\n\n# Failover\n")).toEqual([
			'5:1 an import statement runs code when the site is built, so content MDX may not have one; remove it (pages that need code are .astro files under src/pages/, reviewed as code).',
		]);
	});

	it('rejects an expression on a line of its own', () => {
		expect(places('# Failover\n\n{1 + 1}\n')).toEqual(['7:1']);
	});

	it('rejects an MDX comment, which is an expression too', () => {
		expect(unsafe('Text {/* a note */} here.\n')).toEqual([
			'5:6 the MDX comment {/* … */} is an expression, which content MDX may not have; remove it.',
		]);
	});

	it('rejects an attribute whose value is an expression', () => {
		expect(places('<abbr title={"On call"}>OC</abbr>\n')).toEqual(['5:7']);
	});

	it('rejects a component the wiki does not offer, a dotted component and a fragment', () => {
		expect(unsafe('<Callout>Careful.</Callout>\n\n<ui.Note>x</ui.Note>\n\n<>x</>\n')).toEqual([
			'5:1 <Callout> is a component, and content MDX offers none (Markdown and plain HTML only); remove it, or write an .astro page under src/pages/ (reviewed as code) for what needs components.',
			'7:1 <ui.Note> is a component, and content MDX offers none (Markdown and plain HTML only); remove it, or write an .astro page under src/pages/ (reviewed as code) for what needs components.',
			'9:1 a fragment <>…</> is JSX that content MDX does not need; remove the <> and </>.',
		]);
	});

	it.each(['script', 'style', 'iframe', 'object', 'embed', 'form', 'input', 'button', 'meta', 'link', 'base', 'template', 'noscript'])(
		'rejects <%s>, which the sanitiser drops',
		(tag) => {
			expect(unsafe(`Text.\n\n<${tag}></${tag}>\n`)).toEqual([
				`7:1 <${tag}> could run script, embed another page or take input in readers' browsers, so the wiki does not publish it; remove it.`,
			]);
		},
	);

	it('rejects a dropped element whatever the case of its name', () => {
		expect(places('<sCrIpT>alert(1)</sCrIpT>\n')).toEqual(['5:1']);
	});

	it('rejects an SVG animation that could rewrite a link', () => {
		expect(places('<svg><a href="#x"><animate attributeName="href" values="javascript:alert(1)" /></a></svg>\n')).toEqual(['5:19']);
	});

	it('rejects a custom element and a namespaced element', () => {
		expect(places('<my-widget>x</my-widget>\n\n<svg:rect />\n')).toEqual(['5:1', '7:1']);
	});

	it('rejects an event handler, whatever its case', () => {
		expect(unsafe('<details onToggle="alert(1)">\n<summary>x</summary>\n</details>\n')).toEqual([
			`5:10 "onToggle" on <details> is an event handler, which runs script in readers' browsers; remove it.`,
		]);
	});

	it('rejects an Astro directive, even with a literal value', () => {
		expect(unsafe('<div set:html="<img src=x onerror=alert(1)>" />\n')).toEqual([
			'5:6 "set:html" on <div> is an Astro directive, not an HTML attribute; content MDX takes plain HTML attributes only, so remove it.',
		]);
	});

	it('rejects srcdoc and srcset, which the sanitiser drops whatever they hold', () => {
		expect(places('<img src="a.png" srcset="a.png 1x, b.png 2x" />\n\n<div srcdoc="<p>x</p>" />\n')).toEqual(['5:18', '7:6']);
	});

	it.each([
		['data:', '<img src="data:text/html,<script>alert(1)</script>" />', '"src" on <img> is a "data:" address'],
		['vbscript:', '<a href="vbscript:msgbox(1)">x</a>', '"href" on <a> is a "vbscript:" address'],
		[
			'a tab inside the scheme, as a character reference',
			'<a href="java&#9;script:alert(1)">x</a>',
			'"href" on <a> is a "javascript:" address',
		],
		[
			'javascript: in an SVG link',
			'<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
			'"xlink:href" on <a> is a "javascript:" address',
		],
	])('rejects an unsafe URL: %s', (_, body, message) => {
		const problems = unsafe(`${body}\n`);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toContain(message);
	});

	it('rejects a local image that is not an image file, which the build would import and run', () => {
		expect(unsafe('![Diagram](../tools/build.mjs)\n')).toEqual([
			'5:1 the image "../tools/build.mjs" is not an image file, and the build imports a local image in an .mdx body as a module, which would run it; use a .png, .jpg, .gif, .webp, .avif or .svg file, or an https:// address.',
		]);
	});

	it('rejects a local image with a query, which changes what the import loads', () => {
		expect(places('Text.\n\n![Diagram](diagram.png?raw)\n')).toEqual(['7:1']);
	});

	it('rejects an image reference whose definition is not an image file', () => {
		expect(places('See ![the diagram][d].\n\n[d]: ../tools/build.mjs\n')).toEqual(['5:5']);
	});

	it('reports a rejected element once, not its attributes, and still checks what it holds', () => {
		expect(places('<Callout kind={"x"} onClick="y">\n\n<img src="x.png" onerror="alert(1)" />\n\n</Callout>\n')).toEqual(['5:1', '7:18']);
	});
});

describe('MDX bodies that do not parse', () => {
	it('rejects an unclosed element where it opens', () => {
		const [problem] = unsafe('# Failover\n\n<div>\n\nText.\n');
		expect(problem).toMatch(/^7:1 this \.mdx body does not parse as MDX \(Expected a closing tag for `<div>` \(7:1-7:6\)\); correct it/);
	});

	it('rejects an HTML comment without pointing at MDX comments, which are rejected too', () => {
		const [problem] = unsafe('Text.\n\n<!-- a note -->\n');
		expect(problem).toMatch(/^7:2 this \.mdx body does not parse as MDX \(Unexpected character `!`/);
		expect(problem).not.toContain('{/*');
	});

	it('rejects an import that is not JavaScript', () => {
		expect(places('Text.\n\nexport const = 1\n')).toEqual(['7:14']);
	});
});

describe('MDX front matter', () => {
	it('rejects front matter that ends with "...", which the MDX compiler would compile as MDX', () => {
		const problems = unsafe('Text.\n', '---\ntitle: Failover\nenvironments: [production]\n...\n');
		expect(problems).toEqual([
			'4:1 the front matter of an .mdx file must end with "---": the MDX compiler does not take "..." as its end and would compile the front matter as MDX; write "---".',
		]);
	});

	it('rejects a line inside the front matter that the MDX compiler would take for its end', () => {
		const frontMatter = "---\ntitle: 'Failover\n---x\n<img src=x onerror=alert(1) />'\nenvironments: [production]\n---\n";
		expect(places('Text.\n', frontMatter)).toEqual(['3:1']);
	});
});
