import { describe, expect, it } from 'vitest';
import type { ParityModel } from '../../../src/lib/model/parity-model.ts';
import { pipelineDiagram, propagationDiagram } from '../../../src/lib/site/diagrams.ts';
import { baseline, dedent } from '../../helpers/repo.ts';
import { changeFile, edited, modelOf } from './site-repo.ts';

/** A quoted Mermaid label: no raw quote or angle bracket inside, but for the line break between an environment and its step. */
const LABEL = '"(?:[^"<>]|<br>)*"';
const ID = '[A-Za-z][A-Za-z0-9_]*';
const LINE_FORMS = [
	new RegExp(`^  subgraph ${ID} \\[${LABEL}\\]$`),
	new RegExp(`^    ${ID}\\[${LABEL}\\](?::::${ID})?$`),
	/^ {2}end$/,
	new RegExp(`^  ${ID} -->(?:\\|${LABEL}\\|)? ${ID}$`),
	new RegExp(`^  classDef ${ID} [a-z-]+:[^\\s,]+(?:,[a-z-]+:[^\\s,]+)*$`),
];

/**
 * The lines of a flowchart that are not in one of the forms these diagrams use, plus unbalanced
 * subgraphs. A structural check: Mermaid itself needs a DOM to parse.
 */
function flowchartProblems(text: string): string[] {
	const [header, ...lines] = text.split('\n');
	const problems = header === 'flowchart LR' ? [] : [`header: ${header}`];
	let depth = 0;
	for (const line of lines) {
		if (!LINE_FORMS.some((form) => form.test(line))) problems.push(line);
		if (line.trimStart().startsWith('subgraph ')) depth++;
		if (line.trim() === 'end' && --depth < 0) problems.push('end without subgraph');
	}
	if (depth !== 0) problems.push('unclosed subgraph');
	return problems;
}

/** The ids of the stage subgraphs, in order. */
function subgraphs(text: string): string[] {
	return [...text.matchAll(/^ {2}subgraph (\S+)/gm)].map((m) => m[1]!);
}

/** The environment nodes, each as the id of its subgraph, its own id, label and class. */
function nodes(text: string): { stage: string; id: string; label: string; cls?: string }[] {
	const out: { stage: string; id: string; label: string; cls?: string }[] = [];
	let stage = '';
	for (const line of text.split('\n')) {
		const sub = /^ {2}subgraph (\S+)/.exec(line);
		if (sub) stage = sub[1]!;
		const node = /^ {4}(\S+?)\["(.*)"\](?::::(\S+))?$/.exec(line);
		if (node) out.push({ stage, id: node[1]!, label: node[2]!, ...(node[3] ? { cls: node[3] } : {}) });
	}
	return out;
}

/** The classes a diagram defines. */
function classDefs(text: string): string[] {
	return [...text.matchAll(/^ {2}classDef (\S+)/gm)].map((m) => m[1]!);
}

function changeDiagram(model: ParityModel, id: string): string {
	return propagationDiagram(model.propagation.get(id)!, model.environments, model.config.pipeline);
}

describe("flowchartProblems (the test's own checker)", () => {
	it('flags an unescaped quote, a bad id and an unclosed subgraph', () => {
		expect(flowchartProblems('flowchart LR\n  subgraph stage_a ["a"]\n    env_a["say "hi""]')).toEqual([
			'    env_a["say "hi""]',
			'unclosed subgraph',
		]);
		expect(flowchartProblems('flowchart LR\n  a-b --> c')).toEqual(['  a-b --> c']);
	});
});

describe('pipelineDiagram', () => {
	it('draws the baseline pipeline: stages with their environments, linked by parity and drift', () => {
		expect(pipelineDiagram(modelOf())).toMatchInlineSnapshot(`
			"flowchart LR
			  subgraph stage_dev ["dev"]
			    env_dev["Development"]
			  end
			  subgraph stage_staging ["staging"]
			    env_staging["Staging"]
			  end
			  subgraph stage_production ["production"]
			    env_production["Production"]
			  end
			  stage_dev -->|"100% parity · 0 drift"| stage_staging
			  stage_staging -->|"100% parity · 0 drift"| stage_production"
		`);
	});

	it('is valid flowchart text', () => {
		expect(flowchartProblems(pipelineDiagram(modelOf()))).toEqual([]);
	});

	it('shows the drift count and rounded score of a pair of stages that drift', () => {
		const model = modelOf(edited('environments/production.yaml', 'timeout_seconds: 120', 'timeout_seconds: 30'));
		const pair = model.scores.stages.find((s) => s.from === 'staging')!;
		const text = pipelineDiagram(model);
		expect(text).toContain(`stage_staging -->|"${Math.round(pair.score * 100)}% parity · 1 drift"| stage_production`);
		expect(pair.score).toBeLessThan(1);
		expect(flowchartProblems(text)).toEqual([]);
	});

	it('draws the stages in pipeline order, with a hyphenated stage id made safe', () => {
		const files = {
			...edited('environments/staging.yaml', 'stage: staging', 'stage: pre-prod'),
			'envparity.config.yaml': 'pipeline: [dev, pre-prod, production]\n',
		};
		const text = pipelineDiagram(modelOf(files));
		expect(subgraphs(text)).toEqual(['stage_dev', 'stage_pre_prod', 'stage_production']);
		expect(text).toContain('  subgraph stage_pre_prod ["pre-prod"]');
		expect(text).toContain('  stage_dev -->|"100% parity · 0 drift"| stage_pre_prod');
		expect(flowchartProblems(text)).toEqual([]);
	});

	it('puts every environment in its stage, with a hyphenated environment id made safe', () => {
		const files = {
			...baseline(),
			'environments/production-us.yaml': baseline()['environments/production.yaml']!.replace('name: Production', 'name: Production US'),
		};
		const text = pipelineDiagram(modelOf(files));
		expect(nodes(text)).toEqual([
			{ stage: 'stage_dev', id: 'env_dev', label: 'Development' },
			{ stage: 'stage_staging', id: 'env_staging', label: 'Staging' },
			{ stage: 'stage_production', id: 'env_production', label: 'Production' },
			{ stage: 'stage_production', id: 'env_production_us', label: 'Production US' },
		]);
		expect(flowchartProblems(text)).toEqual([]);
	});

	it('escapes quotes and angle brackets in an environment name', () => {
		const text = pipelineDiagram(modelOf(edited('environments/production.yaml', 'name: Production', `name: 'Prod "EU" <primary>'`)));
		expect(text).toContain('    env_production["Prod #quot;EU#quot; #lt;primary#gt;"]');
		expect(flowchartProblems(text)).toEqual([]);
	});
});

describe('propagationDiagram', () => {
	it('shows each environment with its status and date in its stage, coloured by status', () => {
		const text = changeDiagram(modelOf(), 'redis-pool');
		expect(nodes(text)).toEqual([
			{ stage: 'stage_dev', id: 'env_dev', label: 'Development<br>applied 2024-02-20', cls: 'applied' },
			{ stage: 'stage_staging', id: 'env_staging', label: 'Staging<br>applied 2024-02-21', cls: 'applied' },
			{ stage: 'stage_production', id: 'env_production', label: 'Production<br>applied 2024-02-22', cls: 'applied' },
		]);
		expect(text).toContain('  stage_dev --> stage_staging\n  stage_staging --> stage_production');
		expect(flowchartProblems(text)).toEqual([]);
	});

	it('defines a class only for the statuses it uses', () => {
		expect(classDefs(changeDiagram(modelOf(), 'redis-pool'))).toEqual(['applied']);
	});

	it('shows a status without a date as the status alone, and an unlisted environment as pending', () => {
		const model = modelOf({
			...baseline(),
			'changes/hotfix.md': changeFile({ propagation: '{ dev: { status: applied, date: 2024-02-25 }, staging: pending }' }),
		});
		const text = changeDiagram(model, 'hotfix');
		expect(nodes(text).map((n) => [n.label, n.cls])).toEqual([
			['Development<br>applied 2024-02-25', 'applied'],
			['Staging<br>pending', 'pending'],
			['Production<br>pending', 'pending'],
		]);
		expect(classDefs(text)).toEqual(['applied', 'pending']);
		expect(flowchartProblems(text)).toEqual([]);
	});

	it('makes the rolled-back status a safe class name and styles it', () => {
		const propagation =
			'{ dev: { status: applied, date: 2024-02-25 }, staging: { status: skipped, note: Not used there }, production: { status: rolled-back, date: 2024-02-27 } }';
		const text = changeDiagram(modelOf({ ...baseline(), 'changes/hotfix.md': changeFile({ propagation }) }), 'hotfix');
		expect(nodes(text).map((n) => [n.label, n.cls])).toEqual([
			['Development<br>applied 2024-02-25', 'applied'],
			['Staging<br>skipped', 'skipped'],
			['Production<br>rolled-back 2024-02-27', 'rolled_back'],
		]);
		expect(classDefs(text)).toEqual(['applied', 'skipped', 'rolled_back']);
		// Its colours come from the site's palette (global.css), per theme; the diagram marks the class only.
		expect(text).toMatch(/^ {2}classDef rolled_back stroke-width:2px$/m);
		expect(flowchartProblems(text)).toEqual([]);
	});

	it('styles a failed environment', () => {
		const text = changeDiagram(modelOf({ ...baseline(), 'changes/hotfix.md': changeFile({ propagation: '{ dev: failed }' }) }), 'hotfix');
		expect(nodes(text)[0]).toMatchObject({ label: 'Development<br>failed', cls: 'failed' });
		expect(classDefs(text)).toEqual(['failed', 'pending']);
	});

	it('escapes quotes and angle brackets in an environment name', () => {
		const text = changeDiagram(modelOf(edited('environments/dev.yaml', 'name: Development', `name: 'Dev "local" <laptop>'`)), 'redis-pool');
		expect(text).toContain('    env_dev["Dev #quot;local#quot; #lt;laptop#gt;<br>applied 2024-02-20"]:::applied');
		expect(flowchartProblems(text)).toEqual([]);
	});

	it('draws the stages in pipeline order with hyphenated ids made safe', () => {
		const files = {
			...edited('environments/staging.yaml', 'stage: staging', 'stage: pre-prod'),
			'environments/production-us.yaml': dedent(`
				name: Production US
				stage: production
				settings:
				  runtime: { node: "18.17.1" }
				  redis: { version: "7.0.11", pool_size: 20 }
				  database: { engine: postgresql }
				  load_balancer: { timeout_seconds: 120 }
			`),
			'envparity.config.yaml': 'pipeline: [dev, pre-prod, production]\n',
		};
		const text = changeDiagram(modelOf(files), 'redis-pool');
		expect(subgraphs(text)).toEqual(['stage_dev', 'stage_pre_prod', 'stage_production']);
		expect(nodes(text).map((n) => `${n.stage} ${n.id}`)).toEqual([
			'stage_dev env_dev',
			'stage_pre_prod env_staging',
			'stage_production env_production',
			'stage_production env_production_us',
		]);
		expect(text).toContain('  stage_dev --> stage_pre_prod\n  stage_pre_prod --> stage_production');
		expect(flowchartProblems(text)).toEqual([]);
	});
});
