// Renders Mermaid diagrams. Loaded only by pages that have one. Mermaid itself is served from its
// own prebuilt modules (vendor/mermaid/<version>/, see src/lib/build/vendor-assets.ts), not bundled,
// under .js names: a host that does not know .mjs would send them with a type browsers refuse to run.
import type MermaidApi from 'mermaid';

/** Mermaid's entry module, relative to the base path (vendor/mermaid/<version>/mermaid.esm.min.js): set by astro.config.mjs. */
declare const __ENVPARITY_MERMAID__: string;

const nodes = [...document.querySelectorAll<HTMLElement>('pre.mermaid')];
if (nodes.length > 0) {
	for (const node of nodes) node.dataset.source ??= node.textContent ?? '';
	const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
	const { default: mermaid } = (await import(/* @vite-ignore */ `${base}${__ENVPARITY_MERMAID__}`)) as { default: typeof MermaidApi };
	const render = async (): Promise<void> => {
		const dark = document.documentElement.dataset.theme === 'dark';
		mermaid.initialize({ startOnLoad: false, layout: 'dagre', securityLevel: 'strict', theme: dark ? 'dark' : 'default' });
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
