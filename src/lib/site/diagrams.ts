import type { ParityModel } from '../model/parity-model.ts';
import type { Environment } from '../model/project.ts';
import type { Propagation } from '../model/propagation.ts';

/** Quotes a Mermaid label, escaping what would end it. */
function label(text: string): string {
	return `"${text.replace(/"/g, '#quot;').replace(/[<>]/g, (c) => (c === '<' ? '#lt;' : '#gt;'))}"`;
}

/** A quoted Mermaid label of two lines, each escaped as `label` does. */
function twoLines(first: string, second: string): string {
	return `${label(first).slice(0, -1)}<br>${label(second).slice(1)}`;
}

/** A Mermaid-safe node id for an environment or stage id. */
function nodeId(prefix: string, id: string): string {
	return `${prefix}_${id.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/** The pipeline as a flowchart: stages with their environments, adjacent stages linked by parity score and drift count. */
export function pipelineDiagram(model: ParityModel): string {
	const lines = ['flowchart LR'];
	for (const stage of model.config.pipeline) {
		lines.push(`  subgraph ${nodeId('stage', stage)} [${label(stage)}]`);
		for (const env of model.environments.filter((e) => e.data.stage === stage))
			lines.push(`    ${nodeId('env', env.id)}[${label(env.data.name)}]`);
		lines.push('  end');
	}
	for (const pair of model.scores.stages) {
		lines.push(
			`  ${nodeId('stage', pair.from)} -->|${label(`${Math.round(pair.score * 100)}% parity · ${pair.drift} drift`)}| ${nodeId('stage', pair.to)}`,
		);
	}
	return lines.join('\n');
}

/**
 * Each status is a class of its own; its colours are the site's palette, per theme (global.css,
 * `pre.mermaid .node.<status>`), so the diagram only marks the class. A pending or skipped node has
 * a dashed border, so the status does not rest on colour alone (the label says it too).
 */
const STATUS_STYLE: Record<string, string> = {
	applied: 'stroke-width:2px',
	pending: 'stroke-width:2px,stroke-dasharray:5',
	skipped: 'stroke-width:1px,stroke-dasharray:2',
	failed: 'stroke-width:2px',
	'rolled-back': 'stroke-width:2px',
};

/** A change's propagation: stages in order, each environment coloured by status with its date. */
export function propagationDiagram(propagation: Propagation, environments: readonly Environment[], pipeline: readonly string[]): string {
	const lines = ['flowchart LR'];
	const used = new Set<string>();
	for (const stage of pipeline) {
		const members = environments.filter((e) => e.data.stage === stage);
		lines.push(`  subgraph ${nodeId('stage', stage)} [${label(stage)}]`);
		for (const env of members) {
			const step = propagation.steps[env.id]!;
			// The name and the step on two lines, so that a date never wraps inside itself ("2024-/01-22").
			const detail = step.date ? `${step.status} ${step.date}` : step.status;
			lines.push(`    ${nodeId('env', env.id)}[${twoLines(env.data.name, detail)}]:::${step.status.replace('-', '_')}`);
			used.add(step.status);
		}
		lines.push('  end');
	}
	for (let i = 0; i + 1 < pipeline.length; i++) lines.push(`  ${nodeId('stage', pipeline[i]!)} --> ${nodeId('stage', pipeline[i + 1]!)}`);
	for (const status of used) lines.push(`  classDef ${status.replace('-', '_')} ${STATUS_STYLE[status]}`);
	return lines.join('\n');
}
