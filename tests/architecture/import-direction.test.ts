import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { dedent } from '../helpers/dedent.ts';

const SRC = resolve(import.meta.dirname, '../../src');

/**
 * The rooms of the house and the rooms each may import from (besides itself). Data flows one way:
 * files → parsed documents → validated entities → model → view models → HTML, and no arrow runs back.
 */
export const ALLOWED: Record<string, readonly string[]> = {
	'lib/diagnostics': [],
	'lib/schema': ['lib/diagnostics'],
	'lib/load': ['lib/diagnostics', 'lib/schema'],
	// Live services, as load reads files: the clients of `envparity observe`.
	'lib/observe': ['lib/diagnostics', 'lib/schema'],
	'lib/model': ['lib/diagnostics', 'lib/schema'],
	'lib/validate': ['lib/diagnostics', 'lib/schema', 'lib/model'],
	'lib/engine': ['lib/diagnostics', 'lib/schema', 'lib/load', 'lib/model', 'lib/validate'],
	// The engine's parsing thread (started by its path, imported by no module).
	'lib/engine-worker': ['lib/schema', 'lib/engine'],
	'lib/site': ['lib/diagnostics', 'lib/schema', 'lib/model'],
	'lib/report': ['lib/diagnostics', 'lib/schema', 'lib/model', 'lib/site'],
	'lib/build': ['lib/diagnostics', 'lib/schema', 'lib/load', 'lib/model', 'lib/validate', 'lib/engine', 'lib/site', 'lib/report'],
	cli: [
		'lib/diagnostics',
		'lib/schema',
		'lib/load',
		'lib/observe',
		'lib/model',
		'lib/validate',
		'lib/engine',
		'lib/site',
		'lib/report',
		'lib/build',
	],
	// Astro: a page asks the build for the analysis and its view model for the data; components and layouts get props.
	pages: ['lib/diagnostics', 'lib/schema', 'lib/model', 'lib/site', 'lib/build', 'components', 'layouts', 'scripts', 'styles'],
	'content.config': ['lib/diagnostics', 'lib/schema', 'lib/model', 'lib/site', 'lib/build'],
	layouts: ['lib/diagnostics', 'lib/schema', 'lib/model', 'lib/site', 'components', 'styles', 'scripts'],
	components: ['lib/diagnostics', 'lib/schema', 'lib/model', 'lib/site', 'layouts', 'scripts', 'styles'],
	scripts: ['lib/site'],
	styles: [],
};

/**
 * The arrows allowed against the rooms' rules, each for a reason that outweighs the direction:
 * `layouts/Base.astro` is the README's layout for a team's own pages (`<Base title=…>`), so it
 * computes the frame that the wiki's own pages get from their view models.
 */
const EXCEPTIONS = new Set(['layouts/Base.astro → lib/build/site-analysis.ts']);

/** The room a file of `src/` belongs to: `lib/model` for `src/lib/model/x.ts`, `pages` for a page. */
export function roomOf(path: string): string {
	const parts = path.split('/');
	if (parts[0] === 'lib') return parts.length === 2 ? `lib/${parts[1]!.replace(/\.ts$/, '')}` : `lib/${parts[1]}`;
	return parts.length === 1 ? parts[0]!.replace(/\.ts$/, '') : parts[0]!;
}

/** The relative imports of a TypeScript or Astro file's code (`.astro`: the frontmatter and its scripts). */
export function importsOf(text: string, astro: boolean): string[] {
	const code = astro
		? [/^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '', ...[...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!)].join(
				'\n',
			)
		: text;
	return ts
		.preProcessFile(code, true, true)
		.importedFiles.map((f) => f.fileName)
		.filter((name) => name.startsWith('.'));
}

/** Every import against the direction of the house, as "from → to" with both paths relative to `src/`. */
export function backwardImports(files: readonly { path: string; text: string }[]): string[] {
	const wrong: string[] = [];
	for (const { path, text } of files) {
		const from = roomOf(path);
		const allowed = ALLOWED[from];
		for (const spec of importsOf(text, path.endsWith('.astro'))) {
			const target = relative(SRC, resolve(SRC, dirname(path), spec))
				.split('\\')
				.join('/');
			const to = roomOf(target);
			if (to === from) continue;
			if (!allowed?.includes(to) && !EXCEPTIONS.has(`${path} → ${target}`)) wrong.push(`${path} → ${target}`);
		}
	}
	return wrong;
}

function sourceFiles(dir: string): { path: string; text: string }[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile() && /\.(ts|astro|mjs)$/.test(e.name))
		.map((e) => {
			const abs = join(e.parentPath, e.name);
			return { path: relative(SRC, abs).split('\\').join('/'), text: readFileSync(abs, 'utf8') };
		});
}

describe('the direction of the house', () => {
	it('has no import that runs backwards in src/', () => {
		expect(backwardImports(sourceFiles(SRC))).toEqual([]);
	});

	it('puts every folder of src/ in a room', () => {
		const rooms = new Set(sourceFiles(SRC).map((f) => roomOf(f.path)));
		expect([...rooms].filter((room) => !(room in ALLOWED))).toEqual([]);
	});

	it('fails on a planted backwards import: the model reading files', () => {
		const planted = { path: 'lib/model/parity-model.ts', text: "import { readRepository } from '../load/read-repository.ts';\n" };
		expect(backwardImports([planted])).toEqual(['lib/model/parity-model.ts → lib/load/read-repository.ts']);
	});

	it('fails on a component that loads the analysis itself', () => {
		const planted = {
			path: 'components/Widget.astro',
			text: dedent(`
				---
				import { loadSiteAnalysis } from '../lib/build/site-analysis.ts';
				const { model } = await loadSiteAnalysis();
				---
				<p>{model.today}</p>
			`),
		};
		expect(backwardImports([planted])).toEqual(['components/Widget.astro → lib/build/site-analysis.ts']);
	});

	it('fails on a type-only import and a dynamic import against the direction', () => {
		const planted = {
			path: 'lib/diagnostics/format.ts',
			text: "import type { Analysis } from '../engine.ts';\nconst m = await import('../site/links.ts');\n",
		};
		expect(backwardImports([planted])).toEqual([
			'lib/diagnostics/format.ts → lib/engine.ts',
			'lib/diagnostics/format.ts → lib/site/links.ts',
		]);
	});

	it('lets the engine read through load/ and the build call the engine', () => {
		const files = [
			{ path: 'lib/engine.ts', text: "import { readRepository } from './load/read-repository.ts';\n" },
			{ path: 'lib/build/site-analysis.ts', text: "import { analyzeRoot } from '../engine.ts';\n" },
		];
		expect(backwardImports(files)).toEqual([]);
	});
});

describe('the one route table', () => {
	const RENDERING = ['pages', 'components', 'layouts'];
	const rendering = sourceFiles(SRC).filter((f) => RENDERING.includes(roomOf(f.path)));

	/** Where a file spells a route itself instead of asking SiteLinks: `links.path('…')`, a `BASE_URL` template, an absolute href. */
	function spelledRoutes(text: string): string[] {
		return [...text.matchAll(/links\.path\(|BASE_URL\}|BASE_URL\.replace|href=["']\/(?!\/)/g)].map((m) => m[0]);
	}

	it('has no page, component or layout that spells a route as a string', () => {
		expect(rendering.flatMap((f) => spelledRoutes(f.text).map((s) => `${f.path}: ${s}`))).toEqual([]);
	});

	it('finds a route spelled as a string', () => {
		expect(spelledRoutes("<a href={links.path('matrix/')}>")).toEqual(['links.path(']);
		expect(spelledRoutes('<a href={`${import.meta.env.BASE_URL}issues/`}>')).toEqual(['BASE_URL}']);
		expect(spelledRoutes('<a href="/issues/">')).toEqual(['href="/']);
	});

	it('has components and layouts take their links as props', () => {
		const building = rendering.filter(
			(f) => roomOf(f.path) !== 'pages' && f.path !== 'layouts/Base.astro' && f.text.includes('createLinks('),
		);
		expect(building.map((f) => f.path)).toEqual([]);
	});
});
