import * as pagefind from 'pagefind';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { secretMask, type SecretMask } from '../diagnostics/secret-mask.ts';
import type { ParityModel } from '../model/parity-model.ts';
import { displayValue } from '../model/settings.ts';
import { createLinks } from '../site/links.ts';
import type { SearchDocument } from '../site/search-document.ts';

/**
 * The Pagefind index of a site, filled while the site builds. The build opens it, the content
 * loader adds each entity's search document as it renders the entity's Markdown, and once every
 * entity is in, Pagefind (a process of its own) writes the index on the second core while Astro
 * is still rendering pages. The build then moves the written index into the site.
 */
export interface SearchIndex {
	/** Adds the search document of one entity page. */
	add(document: SearchDocument): void;
	/** Waits for the index to be written (writing it now if it has not started) and returns how many records it holds. */
	finish(): Promise<{ records: number }>;
	/** Stops Pagefind; safe to call more than once. */
	close(): Promise<void>;
}

// The build and the content loader live in separate module graphs of one process.
const ACTIVE = Symbol.for('envparity.search-index');
type Global = Record<symbol, SearchIndex | undefined>;

/** The index the running build is filling, if any (none in `npm run dev`). */
export function activeSearchIndex(): SearchIndex | undefined {
	return (globalThis as Global)[ACTIVE];
}

/**
 * Starts Pagefind and makes its index the active one. The index is written into `outputPath`
 * as soon as `expected` documents have been added, or when `finish` is called.
 */
export async function openSearchIndex(options: {
	model: ParityModel;
	expected: number;
	outputPath: string;
	/** The analysis's problems: the secrets they detected are masked in the setting records. */
	problems?: readonly Diagnostic[];
}): Promise<SearchIndex> {
	const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
	if (!index) throw new Error(`search index: ${errors.join('; ')}`);
	const pending: Promise<void>[] = [];
	const failures: string[] = [];
	let writing: Promise<{ records: number }> | undefined;
	let closed = false;

	const write = async (): Promise<{ records: number }> => {
		await Promise.all(pending);
		if (failures.length > 0) throw new Error(`search index: ${failures.slice(0, 5).join('; ')}`);
		if (pending.length !== options.expected) {
			throw new Error(`search index: ${pending.length} of ${options.expected} entity pages were indexed`);
		}
		await addDifferences(index, options.model);
		await addSettings(index, options.model, secretMask(options.problems ?? []));
		const written = await index.writeFiles({ outputPath: options.outputPath });
		if (written.errors.length > 0) throw new Error(`search index: ${written.errors.join('; ')}`);
		return { records: pending.length + options.model.differences.length + options.model.matrix.length };
	};
	const start = (): Promise<{ records: number }> => {
		writing ??= write();
		// Failures surface through finish(); until then, keep them from being unhandled.
		writing.catch(() => undefined);
		return writing;
	};

	const searchIndex: SearchIndex = {
		add({ url, html }) {
			if (closed || writing) return;
			pending.push(
				index.addHTMLFile({ url, content: html }).then(
					(added) => void failures.push(...added.errors.map((e) => `${url}: ${e}`)),
					(error: unknown) => void failures.push(`${url}: ${(error as Error).message}`),
				),
			);
			if (pending.length === options.expected) void start();
		},
		finish: start,
		async close() {
			if (closed) return;
			closed = true;
			if ((globalThis as Global)[ACTIVE] === searchIndex) (globalThis as Global)[ACTIVE] = undefined;
			await Promise.allSettled([...pending, ...(writing ? [writing] : [])]);
			await pagefind.close();
		},
	};
	(globalThis as Global)[ACTIVE] = searchIndex;
	return searchIndex;
}

/** One record per documented difference: they share a page, but search finds each on its own. */
async function addDifferences(index: pagefind.PagefindIndex, model: ParityModel): Promise<void> {
	// URLs are relative to the site's root: the search page adds the base path it is served under.
	const links = createLinks('/');
	const stages = [...new Set(model.environments.map((e) => e.data.stage))];
	const environments = model.environments.map((e) => e.id);
	const records = model.differences.map((difference) => {
		const rows = model.matrix.filter((row) => difference.glob?.matches(row.segments));
		const content = [
			difference.data.key,
			difference.data.rationale,
			difference.data.mitigation ?? '',
			difference.data.owner ?? '',
			...rows.map(
				(row) =>
					`${row.key}: ${Object.entries(row.values)
						.map(([env, v]) => `${env} ${displayValue(v)}`)
						.join(', ')}`,
			),
		].join('\n');
		return index.addCustomRecord({
			url: links.difference(difference.index),
			content,
			language: 'en',
			meta: { title: `Difference: ${difference.data.key}` },
			filters: { kind: ['difference'], environment: environments, stage: stages, severity: [difference.data.risk] },
		});
	});
	for (const record of await Promise.all(records)) {
		if (record.errors.length > 0) throw new Error(`search index: ${record.errors.join('; ')}`);
	}
}

/**
 * One record per setting page, with a kind of `setting`: its key (also as words, so that "timeout seconds" finds
 * `load_balancer.timeout_seconds`), its status and each environment's value, masked as every output is.
 */
async function addSettings(index: pagefind.PagefindIndex, model: ParityModel, mask: SecretMask): Promise<void> {
	const links = createLinks('/');
	const names = new Map(model.environments.map((e) => [e.id, e]));
	const records = model.matrix.map((row) => {
		const present = Object.keys(row.values).map((id) => names.get(id)!);
		return index.addCustomRecord({
			url: links.setting(row.key),
			content: [
				row.key,
				row.segments.join(' ').replace(/_/g, ' '),
				`Status: ${row.status}`,
				...present.map((env) => `${env.data.name}: ${displayValue(mask.value(row.values[env.id]))}`),
			].join('\n'),
			language: 'en',
			meta: { title: `Setting: ${row.key}` },
			filters: {
				kind: ['setting'],
				environment: present.map((env) => env.id),
				stage: [...new Set(present.map((env) => env.data.stage))],
			},
		});
	});
	for (const record of await Promise.all(records)) {
		if (record.errors.length > 0) throw new Error(`search index: ${record.errors.join('; ')}`);
	}
}
