// Renders Mermaid diagrams. Loaded only by pages that have one; Mermaid itself is a separate chunk.
const nodes = [...document.querySelectorAll<HTMLElement>('pre.mermaid')];
if (nodes.length > 0) {
	for (const node of nodes) node.dataset.source ??= node.textContent ?? '';
	const { default: mermaid } = await import('mermaid');
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
