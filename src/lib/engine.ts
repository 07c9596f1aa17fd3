import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Document } from 'yaml';
import { sortDiagnostics } from './diagnostics/diagnostic.ts';
import { isParsedObservations, parseObservationsFile, isObservationsPath } from './load/observations.ts';
import { readRepository, readRepositoryPath } from './load/read-repository.ts';
import { parseRepositoryFile, type ParsedPath } from './load/repository-files.ts';
import { releasedSource, releaseSyntaxTree, sourceSpanOf, type SourceSpan } from './load/yaml-source.ts';
import { readValueHistory, type ValueHistory } from './load/value-history.ts';
import { sourcePatterns } from './load/sources/patterns.ts';
import { ENTITY_FOLDERS, fileKindOf, type FileKind, type ParsedFile, type RawFile } from './schema/content-files.ts';
import type { Analysis } from './model/analysis.ts';
import { computeModel } from './model/parity-model.ts';
import { computeTimelines, type Timelines } from './model/timeline.ts';
import { buildProject } from './validate/build-project.ts';
import { checkFreshness } from './validate/freshness.ts';
import { checkHistory } from './validate/history.ts';
import { checkAliases } from './validate/identity.ts';
import { checkLinks } from './validate/links.ts';
import { checkMdx } from './validate/mdx.ts';
import { buildObservations, checkObservations, checkObserveTargets } from './validate/observations.ts';
import { checkParity } from './validate/parity.ts';
import { checkPlaceholders } from './validate/placeholder-text.ts';
import { checkPropagation } from './validate/propagation.ts';
import { checkReferences } from './validate/references.ts';
import { checkSecrets, checkSourceSecrets, checkTextSecrets } from './validate/secret-scan.ts';
import { createSourceFile } from './diagnostics/source-file.ts';
import { createSourceReader } from './load/sources/reader.ts';

export type { Analysis } from './model/analysis.ts';

/**
 * Analyses a repository's files in layers — syntax, schema, then cross-file rules — and collects
 * every problem instead of stopping at the first, so one run reports them all.
 */
export function analyze(files: readonly RawFile[], options: { now: Date }): Analysis {
	return analyzeRepository(parseRepository(files), options);
}

/**
 * The content files of a repository by path, each classified and parsed on its own, with the problems
 * found in it alone (syntax, secrets, links, MDX): what an analysis starts from. The dev server keeps
 * it between edits, so that an edit re-parses and re-checks only its file.
 */
export type ParsedRepository = ReadonlyMap<string, ParsedPath>;

/** Classifies and parses every content file of a repository; other files are left out. */
export function parseRepository(
	files: readonly RawFile[],
	parsedElsewhere?: ReadonlyMap<RawFile, ParsedPath | undefined>,
): ParsedRepository {
	const repository = new Map<string, ParsedPath>();
	for (const raw of files) {
		const known = repository.get(raw.path);
		if (raw.source) {
			// A source is read for the settings it yields, when an environment resolves its sources.
			repository.set(raw.path, { ...(known ?? { path: raw.path, diagnostics: [] }), source: raw });
			continue;
		}
		const parsed = parsedElsewhere?.has(raw) ? parsedElsewhere.get(raw) : parseFile(raw);
		if (parsed) repository.set(raw.path, known?.source ? { ...parsed, source: known.source } : parsed);
	}
	return repository;
}

/**
 * How many Markdown entities (changes, issues, runbooks) a repository has before `parseRepositoryInThreads` parses half
 * of them in a second thread: below, starting the thread (about 0.1 s) costs about what it saves.
 */
export const THREADED_PARSE_MIN_FILES = 2000;

/**
 * `parseRepository`, with half of the Markdown entities parsed in a worker thread (engine-worker.ts) while this thread
 * parses the rest, on a machine with more than one core: parsing the YAML is most of a large repository's check. The
 * thread sends each file's data, problems and text back; a syntax tree is parsed again here where a problem needs a
 * position, as for the trees `parseFile` releases. The result is the same, whichever thread parsed a file; if the
 * thread cannot run, this one parses its files.
 */
export async function parseRepositoryInThreads(
	files: readonly RawFile[],
	options: {
		/** Fewer Markdown entities than this are parsed here alone (THREADED_PARSE_MIN_FILES). */
		minFiles?: number;
		/** The module of the parsing thread (engine-worker.ts beside this one). */
		worker?: URL;
		/** Told how many files the other thread parsed (none when it could not run). */
		parsedElsewhere?: (count: number) => void;
	} = {},
): Promise<ParsedRepository> {
	const markdown = files.filter((raw) => !raw.source && RELEASED_KINDS.has(fileKindOf(raw.path)));
	if (markdown.length < (options.minFiles ?? THREADED_PARSE_MIN_FILES) || availableParallelism() < 2) return parseRepository(files);
	// Every other file, so that each thread gets as many of each kind (a change's YAML is three times an issue's).
	const away = markdown.filter((_, i) => i % 2 === 1);
	const elsewhere = parseInWorker(options.worker ?? workerModule(), away);
	const awaySet = new Set(away);
	const parsed = new Map<RawFile, ParsedPath | undefined>();
	for (const raw of files) if (!raw.source && !awaySet.has(raw)) parsed.set(raw, parseFile(raw));
	const results = await elsewhere;
	options.parsedElsewhere?.(results ? away.length : 0);
	away.forEach((raw, i) => parsed.set(raw, results ? reviveParsedPath(results[i]) : parseFile(raw)));
	return parseRepository(files, parsed);
}

/** The kinds of file with a Markdown body (changes, issues, runbooks): their syntax trees are released once parsed. */
const RELEASED_KINDS = new Set<FileKind | undefined>(['change', 'issue', 'runbook']);

/** The module of the parsing thread, beside this one (a source file, or the command's bundle); none where this module is not a file. */
function workerModule(): URL | undefined {
	try {
		return new URL(`./engine-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
	} catch {
		return undefined;
	}
}

/** Parses files in a worker thread: their parsed paths made fit to cross threads, in order; undefined if the thread failed. */
function parseInWorker(module: URL | undefined, files: readonly RawFile[]): Promise<(PortableParsedPath | undefined)[] | undefined> {
	return new Promise((resolve) => {
		let worker: Worker;
		try {
			if (!module) return resolve(undefined);
			worker = new Worker(module, { workerData: { envparityParse: files } });
		} catch {
			return resolve(undefined);
		}
		worker.once('message', (parsed: (PortableParsedPath | undefined)[]) => {
			resolve(parsed.length === files.length ? parsed : undefined);
			void worker.terminate();
		});
		worker.once('error', () => resolve(undefined));
		worker.once('exit', () => resolve(undefined));
	});
}

/** A parsed path without its YAML source (which holds functions): where its YAML lies in the file's text instead. */
export interface PortableParsedPath extends Omit<ParsedPath, 'parsed'> {
	parsed?: Omit<ParsedFile, 'source'> & { span: SourceSpan };
}

/** Parses one file, fit to cross threads (`reviveParsedPath` puts its source back): the parsing thread's side. */
export function parsePortable(raw: RawFile): PortableParsedPath | undefined {
	const one = parseFile(raw);
	if (!one?.parsed) return one && { path: one.path, diagnostics: one.diagnostics };
	const { source, ...parsed } = one.parsed;
	const span = sourceSpanOf(source);
	if (!span) throw new Error(`${raw.path}: its YAML source cannot cross threads`);
	return { ...one, parsed: { ...parsed, span } };
}

/** A parsed path from another thread, with a source whose syntax tree is parsed again on first use. */
function reviveParsedPath(portable: PortableParsedPath | undefined): ParsedPath | undefined {
	if (!portable?.parsed) return portable as ParsedPath | undefined;
	const { span, ...parsed } = portable.parsed;
	return { ...portable, parsed: { ...parsed, source: releasedSource(parsed.file, span) } };
}

/** Parses one file and runs the rules that read that file alone (secrets, links, MDX, placeholders), so that an edit re-runs them only for its file. */
function parseFile(raw: RawFile): ParsedPath | undefined {
	if (isObservationsPath(raw.path)) {
		const observations = parseObservationsFile(raw);
		if (!raw.unread) {
			const text = typeof raw.content === 'string' ? raw.content : new TextDecoder().decode(raw.content);
			observations.diagnostics.push(...checkTextSecrets(createSourceFile(raw.path, text)));
		}
		return observations;
	}
	const one = parseRepositoryFile(raw);
	if (one?.parsed)
		one.diagnostics.push(
			...checkSecrets([one.parsed]),
			...checkLinks([one.parsed]),
			...checkMdx([one.parsed]),
			...checkPlaceholders([one.parsed]),
		);
	// Changes, issues and runbooks are thousands of small files: their trees are parsed again only where a problem needs a position.
	if (one?.parsed?.body) releaseSyntaxTree(one.parsed.source);
	return one;
}

/**
 * The repository with some files replaced, added (new content) or deleted (no content); only those are
 * parsed again. The repository given is left as it was, and comes back as it is when none of the
 * paths is content, before or after.
 */
export function updateRepository(
	repository: ParsedRepository,
	changes: readonly { path: string; content?: RawFile['content']; unread?: RawFile['unread']; source?: true }[],
): ParsedRepository {
	let updated: Map<string, ParsedPath> | undefined;
	for (const { path, content, unread, source } of changes) {
		const known = repository.get(path);
		if (source) {
			// A source file changed, appeared or went away: the environments read it again when analysed.
			if (content === undefined && !known?.source) continue;
			updated ??= new Map(repository);
			const rest = { ...(known ?? { path, diagnostics: [] }) };
			delete rest.source;
			if (content !== undefined) updated.set(path, { ...rest, source: { path, content, unread, source } });
			else if (rest.parsed || rest.diagnostics.length > 0) updated.set(path, rest);
			else updated.delete(path);
			continue;
		}
		const parsed = content === undefined ? undefined : parseFile({ path, content, unread });
		if (!parsed && !known) continue;
		updated ??= new Map(repository);
		if (parsed) updated.set(path, known?.source ? { ...parsed, source: known.source } : parsed);
		else if (known?.source) updated.set(path, { path, diagnostics: [], source: known.source });
		else updated.delete(path);
	}
	return updated ?? repository;
}

/**
 * Analyses parsed files: validates them into a project, computes the model and runs the cross-file
 * rules. The parsed files are only read, so that they can be analysed again after an edit.
 */
export function analyzeRepository(repository: ParsedRepository, options: { now: Date }): Analysis {
	// In path order, whatever order the files came in: which of two files with one id is the duplicate depends on it.
	const files = [...repository.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
	const parsed = files.flatMap((f) => (f.parsed ? [f.parsed] : []));
	const fileProblems = files.flatMap((f) => f.diagnostics);
	const sources = createSourceReader(files.flatMap((f) => (f.source ? [f.source] : [])));
	const { project, diagnostics: schemaProblems } = buildProject(parsed, { sources });
	const decoded = sources.decoded();
	const observationSources = files.flatMap((f) => (isParsedObservations(f) && f.observations ? [f.observations] : []));
	const { observations, diagnostics: observationProblems } = buildObservations(observationSources, project);
	const model = computeModel(project, options.now, observations);
	const problems = [
		...fileProblems,
		...schemaProblems,
		...checkSourceSecrets(decoded),
		...observationProblems,
		...checkObserveTargets(project),
		...checkObservations(model),
		...checkAliases(project),
		...checkReferences(project),
		...checkFreshness(model),
		...checkParity(model),
		...checkPropagation(model),
	];
	return {
		project,
		model,
		problems: sortDiagnostics(problems),
		fileCount: files.length,
		sources: new Map([
			...decoded.map((d) => [d.path, d.file] as const),
			...parsed.map((p) => [p.file.path, p.file] as const),
			...observationSources.map((o) => [o.source.file.path, o.source.file] as const),
		]),
	};
}

/** Reads a content repository from disk (`root`) and analyses it, with the rules that read its git history: the one entry for the CLI and the site. */
export async function analyzeRoot(root: string, options: { now: Date }): Promise<Analysis> {
	return (await analyzeRootWithHistory(root, options)).analysis;
}

/**
 * `analyzeRoot`, with the history of the environment files and of the source files they read, and every setting's
 * timeline. Git is read (one `git log`, one `git cat-file`) while the files are: the environment files (a few small
 * files) are read again beside the content, for the source paths and globs they name, so that the history is read
 * beside the rest of the content and its analysis. Outside a git repository the history is empty with a note, and no
 * rule reads it. `oneThread`: parse in this thread alone, for a caller whose other threads have work of their own.
 */
export async function analyzeRootWithHistory(
	root: string,
	options: { now: Date; oneThread?: boolean },
): Promise<{ analysis: Analysis; history: ValueHistory; timelines: Timelines }> {
	const files = readRepository(root);
	// Awaited below; meanwhile a failure must not go unhandled.
	files.catch(() => undefined);
	const sources = sourcePatterns(await readRepositoryPath(root, ENTITY_FOLDERS.environment));
	const reading = readValueHistory(root, undefined, { sources });
	const parsed = options.oneThread ? parseRepository(await files) : await parseRepositoryInThreads(await files);
	const analysis = analyzeRepository(parsed, options);
	const history = await reading;
	const timelines = computeTimelines(history, analysis.model.environments);
	if (history.commits.length > 0)
		analysis.problems = sortDiagnostics([...analysis.problems, ...checkHistory(analysis.model, timelines, history, analysis.problems)]);
	return { analysis, history, timelines };
}

/**
 * Drops what only diagnostics need (YAML syntax trees and file texts) once the problems are known,
 * so that a site build of thousands of files keeps only the model in memory (a documented difference
 * keeps its line).
 */
export function releaseSources(analysis: Analysis): void {
	const { project } = analysis;
	for (const entity of [...project.environments, ...project.changes, ...project.issues, ...project.runbooks, ...project.differences]) {
		entity.source = { file: { path: entity.file, text: '', lineStarts: [0] }, doc: EMPTY_DOCUMENT, offset: 0 };
	}
	analysis.sources.clear();
}

const EMPTY_DOCUMENT = new Document();
