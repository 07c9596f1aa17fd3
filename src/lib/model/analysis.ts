import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { SourceFile } from '../diagnostics/source-file.ts';
import type { ParityModel } from './parity-model.ts';
import type { Project } from './project.ts';

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
