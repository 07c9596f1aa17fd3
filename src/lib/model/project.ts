import type { YamlSource } from '../diagnostics/positions.ts';
import type { ChangeData } from '../schema/change.ts';
import type { Config } from '../schema/config.ts';
import type { DifferenceData } from '../schema/difference.ts';
import type { EnvironmentData } from '../schema/environment.ts';
import type { IssueData } from '../schema/issue.ts';
import type { RunbookData } from '../schema/runbook.ts';
import type { KeyGlob } from './key-glob.ts';
import type { FlatSetting } from './settings.ts';

/** What every entity read from a file carries: its id and where it came from. */
export interface Located {
	id: string;
	/** Path relative to the content root. */
	file: string;
	source: YamlSource;
}

/** A Markdown body and its offset in the file. */
export interface Body {
	text: string;
	offset: number;
	mdx: boolean;
}

/** A validated environment with its flattened settings. */
export interface Environment extends Located {
	data: EnvironmentData;
	settings: Map<string, FlatSetting>;
	/** Position of its stage in the pipeline. */
	stageIndex: number;
	/**
	 * Set when the file has schema errors outside its stage and settings: the environment stays in the model, so that the
	 * matrix, its stage and the parity rules see its values, with the fields in error left out of `data` (a name in error
	 * reads as the id). Its errors fail check and the build.
	 */
	invalid?: true;
}

/** A validated documented difference; `index` is its position in `differences.yaml`. */
export interface Difference {
	index: number;
	file: string;
	source: YamlSource;
	data: DifferenceData;
	/** The line of its list item in `differences.yaml` (1-based), so that it is located without the syntax tree. */
	line: number;
	/** The compiled key glob; null when the key does not parse. */
	glob: KeyGlob | null;
}

/** A validated change. */
export interface Change extends Located {
	data: ChangeData;
	body: Body;
}

/** A validated issue. */
export interface Issue extends Located {
	data: IssueData;
	body: Body;
}

/** A validated runbook. */
export interface Runbook extends Located {
	data: RunbookData;
	body: Body;
}

/** Every validated entity of a repository: the input of the computed model. */
export interface Project {
	config: Config;
	/** The config file's source, when the repository has one. */
	configSource?: YamlSource;
	/** In pipeline order, then by id. */
	environments: Environment[];
	differences: Difference[];
	changes: Change[];
	issues: Issue[];
	runbooks: Runbook[];
	/**
	 * Ids of files that exist but failed validation and are left out of the project, by kind (an environment kept
	 * with `invalid` is not among them). References to them are not reported again as unknown, so one mistake
	 * yields one diagnostic rather than a cascade.
	 */
	invalidIds: Record<'environment' | 'change' | 'issue' | 'runbook', Set<string>>;
}
