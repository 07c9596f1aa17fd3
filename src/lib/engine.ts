import { Document } from 'yaml';
import { sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.ts';
import { parseRepositoryFiles } from './load/repository-files.ts';
import type { RawFile } from './schema/content-files.ts';
import type { SourceFile } from './diagnostics/source-file.ts';
import { computeModel, type ParityModel } from './model/parity-model.ts';
import type { Project } from './model/project.ts';
import { buildProject } from './validate/build-project.ts';
import { checkFreshness } from './validate/freshness.ts';
import { checkAliases } from './validate/identity.ts';
import { checkLinks } from './validate/links.ts';
import { checkParity } from './validate/parity.ts';
import { checkPropagation } from './validate/propagation.ts';
import { checkReferences } from './validate/references.ts';
import { checkSecrets } from './validate/secret-scan.ts';

/** The result of analysing a repository: the computed model and every problem, sorted by file and line. */
export interface Analysis {
	project: Project;
	model: ParityModel;
	problems: Diagnostic[];
	/** How many content files were read. */
	fileCount: number;
	/** The parsed text files by path, for source excerpts. */
	sources: Map<string, SourceFile>;
}

/**
 * Analyses a repository's files in layers — syntax, schema, then cross-file rules — and collects
 * every problem instead of stopping at the first, so one run reports them all.
 */
export function analyze(files: readonly RawFile[], options: { now: Date }): Analysis {
	const { parsed, diagnostics: fileProblems, fileCount } = parseRepositoryFiles(files);
	const { project, diagnostics: schemaProblems } = buildProject(parsed);
	const model = computeModel(project, options.now);
	const problems = [
		...fileProblems,
		...schemaProblems,
		...checkSecrets(parsed),
		...checkLinks(parsed),
		...checkAliases(project),
		...checkReferences(project),
		...checkFreshness(model),
		...checkParity(model),
		...checkPropagation(model),
	];
	return { project, model, problems: sortDiagnostics(problems), fileCount, sources: new Map(parsed.map((p) => [p.file.path, p.file])) };
}

/**
 * Drops what only diagnostics need (YAML syntax trees and file texts) once the problems are known,
 * so that a site build of thousands of files keeps only the model in memory. Documented
 * differences keep theirs: the export document locates them.
 */
export function releaseSources(analysis: Analysis): void {
	const { project } = analysis;
	for (const entity of [...project.environments, ...project.changes, ...project.issues, ...project.runbooks]) {
		entity.source = { file: { path: entity.file, text: '', lineStarts: [0] }, doc: EMPTY_DOCUMENT, offset: 0 };
	}
	analysis.sources.clear();
}

const EMPTY_DOCUMENT = new Document();
