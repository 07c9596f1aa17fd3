import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isScalar, parseDocument, visit, type Document } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WORKFLOWS = ['pr.yml', 'deploy.yml', 'observe.yml', 'digest.yml'];

type Permissions = string | Record<string, string>;

interface Step {
	name?: string;
	run?: string;
	uses?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}

interface Workflow {
	on?: Record<string, unknown>;
	permissions?: Permissions;
	jobs: Record<string, { permissions?: Permissions; needs?: string; steps: Step[] }>;
}

/** A workflow file, parsed: its document (for comments) and its data. */
function workflow(file: string): { doc: Document; data: Workflow } {
	const doc = parseDocument(readFileSync(join(ROOT, '.github/workflows', file), 'utf8'));
	expect(doc.errors, file).toEqual([]);
	return { doc, data: doc.toJS() as Workflow };
}

const steps = (file: string): Step[] => Object.values(workflow(file).data.jobs).flatMap((job) => job.steps);

/** Every `uses:` of a workflow, with the comment that follows it on its line. */
function usesOf(doc: Document): { uses: string; comment: string }[] {
	const found: { uses: string; comment: string }[] = [];
	visit(doc, {
		Pair(_, pair) {
			if (isScalar(pair.key) && pair.key.value === 'uses' && isScalar(pair.value))
				found.push({ uses: String(pair.value.value), comment: (pair.value.comment ?? '').trim() });
		},
	});
	return found;
}

/** The permissions a job's token gets, as a map: its own block replaces the workflow's; `read-all` and `write-all` become `*`. */
function effectivePermissions(wf: Workflow, job: string): Record<string, string> {
	const permissions = wf.jobs[job]!.permissions ?? wf.permissions;
	// With no block at all, the token gets the repository's default, which may be write: every workflow here sets one.
	if (permissions === undefined) return { '*': 'default' };
	if (typeof permissions === 'string') return { '*': permissions.replace(/-all$/, '') };
	return permissions;
}

const writes = (permissions: Record<string, string>): string[] =>
	Object.entries(permissions)
		.filter(([, access]) => access !== 'read' && access !== 'none')
		.map(([scope]) => scope)
		.sort();

describe('the workflows the template ships', () => {
	it('checks with annotations, reports the parity impact and builds on every pull request', () => {
		const all = steps('pr.yml');
		const runs = all.map((s) => s.run ?? '').join('\n');
		expect(runs).toContain('npm ci');
		expect(runs).toContain('npx envparity check --format github');
		expect(runs).toContain('npm run build');
		const report = all.find((s) => s.run?.includes('npx envparity pr-report'))!;
		expect(report.run).toBe('npx envparity pr-report --base "origin/$BASE_REF" --head "$HEAD_SHA" > parity-report.md');
		expect(report.env).toEqual({ BASE_REF: '${{ github.base_ref }}', HEAD_SHA: '${{ github.event.pull_request.head.sha }}' });
		expect(all.find((s) => s.uses?.startsWith('actions/checkout@'))?.with).toEqual({ 'fetch-depth': 0, 'persist-credentials': false });
		expect(JSON.stringify(all)).toContain('<!-- envparity-pr-report -->');
	});

	it('builds with the Pages base path and deploys on pushes to the default branch', () => {
		const all = steps('deploy.yml');
		const build = all.find((s) => s.run === 'npm run build')!;
		expect(build.env?.ENVPARITY_BASE).toContain('steps.pages.outputs.base_path');
		expect(all.find((s) => s.uses?.startsWith('actions/checkout@'))?.with).toEqual({ 'fetch-depth': 0, 'persist-credentials': false });
		expect(all.some((s) => s.uses?.startsWith('actions/deploy-pages@'))).toBe(true);
	});

	it('posts the digest weekly and on demand, from a webhook URL kept in the secrets, with a read-only token', () => {
		const { data } = workflow('digest.yml');
		const on = (data as unknown as { on: { schedule: { cron: string }[]; workflow_dispatch: unknown } }).on;
		expect(on.schedule).toHaveLength(1);
		expect(on.schedule[0]!.cron).toMatch(/^\S+ \S+ \* \* [0-6]$/);
		expect(on).toHaveProperty('workflow_dispatch');
		const all = steps('digest.yml');
		const write = all.find((s) => s.run?.includes('npx envparity digest'))!;
		expect(write.run).toBe('npx envparity digest --format "${DIGEST_FORMAT:-slack}" --since 7 > digest.json');
		expect(write.env).toMatchObject({ ENVPARITY_SITE: '${{ vars.ENVPARITY_SITE }}', ENVPARITY_BASE: '${{ vars.ENVPARITY_BASE }}' });
		const post = all.find((s) => s.run?.includes('curl'))!;
		expect(post.env).toEqual({ WEBHOOK_URL: '${{ secrets.ENVPARITY_WEBHOOK_URL }}' });
		expect(post.run).toContain('--data-binary @digest.json "$WEBHOOK_URL"');
		expect(writes(effectivePermissions(data, 'digest'))).toEqual([]);
		expect(all.find((s) => s.uses?.startsWith('actions/checkout@'))?.with).toEqual({ 'fetch-depth': 0, 'persist-credentials': false });
	});

	it.each(WORKFLOWS)('%s writes no ${{ }} expression into a script: values from the event reach it through env:', (file) => {
		const all = steps(file);
		const scripts = [
			...all.flatMap((s) => (s.run ? [s.run] : [])),
			...all.flatMap((s) => (typeof s.with?.script === 'string' ? [s.with.script] : [])),
		];
		expect(scripts.length).toBeGreaterThan(0);
		for (const script of scripts) expect(script).not.toContain('${{');
	});

	it.each(WORKFLOWS)('%s pins every action by its full commit SHA, with the version in a comment', (file) => {
		const uses = usesOf(workflow(file).doc);
		expect(uses.length).toBeGreaterThan(0);
		for (const { uses: ref, comment } of uses) {
			expect(ref, ref).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
			expect(comment, `${ref} has no "# v…" comment`).toMatch(/^v\d+(\.\d+){0,2}$/);
		}
	});

	it('pins each action to one commit and one version in every workflow', () => {
		const pins = new Map<string, Set<string>>();
		for (const file of WORKFLOWS) {
			for (const { uses, comment } of usesOf(workflow(file).doc)) {
				const [action, sha] = uses.split('@') as [string, string];
				pins.set(action, (pins.get(action) ?? new Set()).add(`${sha} # ${comment}`));
			}
		}
		expect(pins.get('actions/checkout')?.size).toBe(1);
		for (const [action, pinned] of pins) expect([...pinned], action).toHaveLength(1);
	});

	it.each(WORKFLOWS)('%s checks out without leaving the token in .git/config', (file) => {
		const checkouts = steps(file).filter((s) => s.uses?.startsWith('actions/checkout@'));
		expect(checkouts.length).toBeGreaterThan(0);
		for (const checkout of checkouts) expect(checkout.with?.['persist-credentials']).toBe(false);
	});

	it.each(WORKFLOWS)('%s sets read-only permissions for the whole workflow', (file) => {
		const { permissions } = workflow(file).data;
		expect(permissions, 'no workflow-level permissions: the token would get the repository default').toBeDefined();
		expect(permissions).not.toBe('write-all');
		if (typeof permissions === 'object') for (const access of Object.values(permissions)) expect(['read', 'none']).toContain(access);
	});

	it('gives pages: write and id-token: write to the deploy job only, and each other write to the one job that needs it', () => {
		const granted: Record<string, string[]> = {};
		for (const file of WORKFLOWS) {
			const { data } = workflow(file);
			for (const job of Object.keys(data.jobs)) {
				const jobWrites = writes(effectivePermissions(data, job));
				if (jobWrites.length > 0) granted[`${file} ${job}`] = jobWrites;
			}
		}
		expect(granted).toEqual({
			'pr.yml parity': ['pull-requests'],
			'deploy.yml deploy': ['id-token', 'pages'],
			'observe.yml propose': ['contents', 'pull-requests'],
		});
	});

	it('observes on a schedule with the connection strings from secrets, and proposes the observations from a job that runs no repository code', () => {
		const { data } = workflow('observe.yml');
		expect(Object.keys(data.on ?? {}).sort()).toEqual(['schedule', 'workflow_dispatch']);
		const observe = data.jobs.observe!.steps.find((s) => s.run?.includes('npx envparity observe'))!;
		expect(observe.run).toBe('npx envparity observe || test $? -eq 1');
		expect(Object.values(observe.env ?? {}).length).toBeGreaterThan(0);
		for (const value of Object.values(observe.env ?? {})) expect(value).toMatch(/^\$\{\{ secrets\.[A-Z_]+ \}\}$/);
		// The secrets reach the one step that observes, and no job that can write.
		const withSecrets = Object.entries(data.jobs).flatMap(([job, { steps }]) =>
			steps.filter((s) => JSON.stringify(s).includes('secrets.')).map((s) => `${job}: ${s.name ?? s.uses ?? s.run}`),
		);
		expect(withSecrets).toEqual(['observe: Observe the running services']);
		const propose = data.jobs.propose!;
		expect(propose.needs).toBe('observe');
		const proposeRuns = propose.steps.map((s) => s.run ?? '').join('\n');
		expect(proposeRuns).not.toMatch(/\bnpm\b|\bnpx\b|\bnode\b/);
		expect(proposeRuns).toContain('gh pr create');
		expect(propose.steps.some((s) => s.uses?.startsWith('actions/download-artifact@'))).toBe(true);
	});

	it.each(WORKFLOWS)("%s never runs on pull_request_target, which gives a fork's code the repository token", (file) => {
		const { doc, data } = workflow(file);
		expect(Object.keys(data.on ?? {})).not.toContain('pull_request_target');
		expect(String(doc)).not.toContain('pull_request_target');
	});

	it('points VS Code at schemas that exist', () => {
		const settings = JSON.parse(readFileSync(join(ROOT, '.vscode/settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string[]> };
		for (const schema of Object.keys(settings['yaml.schemas'])) expect(existsSync(join(ROOT, schema)), schema).toBe(true);
	});
});
