import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diagnosticAt } from '../diagnostics/positions.ts';
import type { Located, Project } from '../model/project.ts';

/** Aliases may not collide with any id or alias of any kind (compared case-insensitively, as URLs on some hosts are). */
export function checkAliases(project: Project): Diagnostic[] {
	const diagnostics: Diagnostic[] = [];
	const owners = new Map<string, string>();
	const entities: (Located & { data: { aliases?: string[] } })[] = [
		...project.environments,
		...project.changes,
		...project.issues,
		...project.runbooks,
	];
	for (const entity of entities) if (!owners.has(entity.id)) owners.set(entity.id, `the id of ${entity.file}`);
	for (const entity of entities) {
		(entity.data.aliases ?? []).forEach((alias, index) => {
			const key = alias.toLowerCase();
			const owner = owners.get(key);
			if (owner !== undefined) {
				diagnostics.push(
					diagnosticAt(
						entity.source,
						['aliases', index],
						'error',
						'alias-collision',
						`the alias "${alias}" collides with ${owner}; every id and alias resolves under /go/, so choose another alias or remove it.`,
					),
				);
			} else owners.set(key, `an alias of ${entity.file}`);
		});
	}
	return diagnostics;
}
