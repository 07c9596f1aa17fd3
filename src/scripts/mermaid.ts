// Renders Mermaid diagrams. Loaded only by pages that have one. Mermaid itself is served from its
// own prebuilt modules (vendor/mermaid/<version>/, see src/lib/build/vendor-assets.ts), not bundled,
// under .js names: a host that does not know .mjs would send them with a type browsers refuse to run.
// Its colours come from the site's palette (the CSS custom properties of global.css), read for the
// theme in force, so that diagrams match the pages in light and dark; status colours of a change's
// nodes are the palette's too (global.css, pre.mermaid .node.<status>).
import type MermaidApi from 'mermaid';

/** Mermaid's entry module, relative to the base path (vendor/mermaid/<version>/mermaid.esm.min.js): set by astro.config.mjs. */
declare const __ENVPARITY_MERMAID__: string;

/** Mermaid's theme variables from the palette in force. */
function themeVariables(dark: boolean): Record<string, string | boolean> {
	const css = getComputedStyle(document.documentElement);
	const v = (name: string): string => css.getPropertyValue(name).trim();
	return {
		darkMode: dark,
		background: v('--bg'),
		fontFamily: getComputedStyle(document.body).fontFamily,
		fontSize: '14px',
		primaryColor: v('--bg'),
		primaryTextColor: v('--fg'),
		primaryBorderColor: v('--border-strong'),
		secondaryColor: v('--surface'),
		tertiaryColor: v('--surface'),
		lineColor: v('--muted'),
		textColor: v('--fg'),
		mainBkg: v('--bg'),
		nodeBorder: v('--border-strong'),
		clusterBkg: v('--surface'),
		clusterBorder: v('--border'),
		titleColor: v('--fg'),
		edgeLabelBackground: v('--bg'),
		nodeTextColor: v('--fg'),
	};
}

const nodes = [...document.querySelectorAll<HTMLElement>('pre.mermaid')];
if (nodes.length > 0) {
	for (const node of nodes) node.dataset.source ??= node.textContent ?? '';
	const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
	const { default: mermaid } = (await import(/* @vite-ignore */ `${base}${__ENVPARITY_MERMAID__}`)) as { default: typeof MermaidApi };
	const render = async (): Promise<void> => {
		const dark = document.documentElement.dataset.theme === 'dark';
		mermaid.initialize({
			startOnLoad: false,
			layout: 'dagre',
			securityLevel: 'strict',
			theme: 'base',
			themeVariables: themeVariables(dark),
			// Natural size: on a narrow screen the figure scrolls sideways instead of shrinking the text.
			flowchart: { useMaxWidth: false, wrappingWidth: 320 },
		});
		for (const node of nodes) {
			node.removeAttribute('data-processed');
			node.textContent = node.dataset.source ?? '';
		}
		await mermaid.run({ nodes, suppressErrors: true });
	};
	await render();
	document.addEventListener('envparity:theme', () => void render());
}

export {};
