import type { EntityKind } from '../schema/content-files.ts';
import type { Project } from './project.ts';

/** Resolves ids and aliases of every kind to canonical ids. */
export interface IdIndex {
	/** The canonical id that an id or alias of a kind names, or undefined. */
	resolve(kind: EntityKind, ref: string): string | undefined;
	/** Every id and alias of a kind, for did-you-mean suggestions. */
	names(kind: EntityKind): string[];
}

/** Indexes every entity's id and aliases by kind. */
export function buildIdIndex(project: Project): IdIndex {
	const maps: Record<EntityKind, Map<string, string>> = { environment: new Map(), change: new Map(), issue: new Map(), runbook: new Map() };
	const add = (kind: EntityKind, entities: readonly { id: string; data: { aliases?: string[] } }[]): void => {
		for (const entity of entities) maps[kind].set(entity.id, entity.id);
		for (const entity of entities)
			for (const alias of entity.data.aliases ?? []) if (!maps[kind].has(alias)) maps[kind].set(alias, entity.id);
	};
	add('environment', project.environments);
	add('change', project.changes);
	add('issue', project.issues);
	add('runbook', project.runbooks);
	for (const kind of Object.keys(maps) as EntityKind[])
		for (const id of project.invalidIds[kind]) if (!maps[kind].has(id)) maps[kind].set(id, id);
	return {
		resolve: (kind, ref) => maps[kind].get(ref),
		names: (kind) => [...maps[kind].keys()],
	};
}
