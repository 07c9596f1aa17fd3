/** The parts of a Markdown file with front matter, as offsets into the file. */
export interface FrontMatterParts {
	yaml: string;
	yamlOffset: number;
	body: string;
	bodyOffset: number;
}

const OPEN = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

/** Splits `---` front matter from a Markdown body; null when the file does not open with front matter. */
export function splitFrontMatter(text: string): FrontMatterParts | null {
	const open = OPEN.exec(text);
	if (!open) return null;
	const yamlOffset = open[0].length;
	const rest = text.slice(yamlOffset);
	const close = CLOSE.exec(rest);
	if (!close) return null;
	const yaml = rest.slice(0, close.index);
	const bodyOffset = yamlOffset + close.index + close[0].length;
	return { yaml, yamlOffset, body: text.slice(bodyOffset), bodyOffset };
}
