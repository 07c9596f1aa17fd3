import { readRepositoryPath } from '../load/read-repository.ts';
import { splitFrontMatter } from '../load/front-matter.ts';
import { decodeText } from '../load/repository-files.ts';
import { ENTITY_FOLDERS, MAX_FILE_BYTES } from '../schema/content-files.ts';

/** Markdown bodies rendered ahead, by their text: each taken once (`take`), or rendered by the caller when missing. */
export interface RenderedAhead<T> {
	take(text: string): Promise<T> | undefined;
}

/** The folders whose files have Markdown bodies. */
const BODY_FOLDERS = [ENTITY_FOLDERS.change, ENTITY_FOLDERS.issue, ENTITY_FOLDERS.runbook];

/**
 * Renders the Markdown bodies of the content root's changes, issues and runbooks one after another, until `until`
 * settles: the build's own thread does this while the content is read and checked in a worker, instead of waiting
 * idle, and its content loaders then take each body's HTML instead of rendering it. The files are read as the engine
 * reads them (inside the root, within the size limit); a body is keyed by its exact text, so a file that changed
 * meanwhile, or whose body the engine reads otherwise, is simply rendered again. `.mdx` bodies render with their page.
 */
export function renderAhead<T>(root: string, render: (text: string) => Promise<T>, until: Promise<unknown>): RenderedAhead<T> {
	const rendered = new Map<string, Promise<T>>();
	let stop = false;
	const halt = (): void => {
		stop = true;
	};
	until.then(halt, halt);
	void (async () => {
		for (const folder of BODY_FOLDERS) {
			if (stop) return;
			const files = await readRepositoryPath(root, folder).catch(() => []);
			for (const file of files) {
				if (stop) return;
				if (file.unread || file.path.endsWith('.mdx') || file.content.length > MAX_FILE_BYTES) continue;
				const text = decodeText(file.content);
				const body = text === null ? undefined : splitFrontMatter(text)?.body;
				if (body === undefined || rendered.has(body)) continue;
				const html = render(body);
				rendered.set(body, html);
				// One at a time, so that the thread notices the reading is done between two bodies.
				await html.catch(() => undefined);
			}
		}
	})();
	return {
		take(text) {
			const html = rendered.get(text);
			rendered.delete(text);
			return html;
		},
	};
}
