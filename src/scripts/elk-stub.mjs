// Stands in for Mermaid's ELK layout, which the wiki never uses (diagrams are laid out with dagre).
export default class ELK {
	layout() {
		return Promise.reject(new Error('The ELK layout is not bundled; use layout: dagre.'));
	}
}
