import { parse, stringify } from 'yaml';
import { createSourceFile } from '../../src/lib/diagnostics/source-file.ts';
import { locate, type YamlSource } from '../../src/lib/diagnostics/positions.ts';
import { parseYamlSource } from '../../src/lib/load/yaml-source.ts';
import { compileKeyGlob } from '../../src/lib/model/key-glob.ts';
import type { Change, Difference, Environment, Issue } from '../../src/lib/model/project.ts';
import { flattenSettings } from '../../src/lib/model/settings.ts';
import type { ChangeData } from '../../src/lib/schema/change.ts';
import type { IssueData } from '../../src/lib/schema/issue.ts';
import { dedent } from './dedent.ts';

/** The default pipeline, in promotion order. */
export const PIPELINE = ['dev', 'staging', 'production'] as const;

export { dedent };

/** Parses inline YAML (dedented) to a plain value, as the loader reads a file. */
export function yaml(text: string): Record<string, unknown> {
	return parse(dedent(text)) as Record<string, unknown>;
}

/** A real YAML source for an entity, holding its data as a file would. */
export function yamlSource(path: string, data: unknown): YamlSource {
	const text = stringify(data);
	return parseYamlSource(createSourceFile(path, text), text, 0).source;
}

/** A validated environment with its settings flattened. */
export function env(id: string, stage: string, stageIndex: number, settings: Record<string, unknown> = {}): Environment {
	const data = { name: id, stage, settings };
	return {
		id,
		file: `environments/${id}.yaml`,
		source: yamlSource(`environments/${id}.yaml`, data),
		data,
		settings: flattenSettings(settings),
		stageIndex,
	};
}

/** A documented difference at `index` in `differences.yaml`, with its key compiled as a glob. */
export function difference(index: number, key: string, values?: Record<string, unknown>): Difference {
	const data = { key, rationale: 'Intentional.', risk: 'low' as const, ...(values ? { values } : {}) };
	const source = yamlSource('environments/differences.yaml', [data]);
	return {
		index,
		file: 'environments/differences.yaml',
		source,
		data,
		line: locate(source, [index]).line,
		glob: compileKeyGlob(key),
	};
}

/** A validated change made on `date`, with its propagation as written in front matter. */
export function change(id: string, date: string, propagation?: ChangeData['propagation']): Change {
	const data: ChangeData = { title: id, date, reason: 'Because.', rollback: 'Revert it.', ...(propagation ? { propagation } : {}) };
	return { id, file: `changes/${id}.md`, source: yamlSource(`changes/${id}.md`, data), data, body: { text: '', offset: 0, mdx: false } };
}

/** A validated issue observed in `environments`, with optional reproduction attempts. */
export function issue(id: string, environments: string[], reproduced?: Record<string, boolean>): Issue {
	const data: IssueData = {
		title: id,
		status: 'open',
		severity: 'high',
		environments,
		opened: '2024-02-01',
		...(reproduced ? { reproduced } : {}),
	};
	return { id, file: `issues/${id}.md`, source: yamlSource(`issues/${id}.md`, data), data, body: { text: '', offset: 0, mdx: false } };
}
