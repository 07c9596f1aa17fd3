// The bench judges content at 2025-10-20 (ENVPARITY_NOW); dates are spread over 2024 and 2025 before it.
// `npm run generate -- --environments 20 --settings 500 --changes 5000 --issues 5000 --runbooks 200 --out DIR [--seed N] [--history N] [--sources]`
// Writes a realistic synthetic content repository, the same for the same arguments, that validates without errors.
// With --history N, the folder is also a git repository whose history has N dated commits touching the environment files
// (with --sources, the values files the environments read).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';

/** The size and shape of a synthetic repository. */
export interface GenerateOptions {
	environments: number;
	settings: number;
	changes: number;
	issues: number;
	runbooks: number;
	seed: number;
	/** Each environment reads its settings from a Helm-style values file, deploy/values-<id>.yaml, named as its source. */
	sources?: boolean;
}

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const WORDS = (
	'request timeout pool connection replica upstream gateway latency retry queue worker cache eviction memory heap thread ' +
	'certificate rotation handshake proxy ingress egress throttle burst quota lease failover primary standby index migration ' +
	'schema deploy rollout canary region zone node cluster shard partition consumer producer offset backlog saturation ' +
	'checkout payment refund ledger invoice webhook signature token session cookie header payload serializer encoding'
).split(' ');
const STAGES = ['dev', 'staging', 'production'];
const GROUPS = ['api', 'worker', 'checkout', 'ledger', 'search', 'gateway', 'notifications', 'billing', 'auth', 'reports'];
const LEAVES = [
	'replicas',
	'timeout_ms',
	'pool_size',
	'log_level',
	'feature_enabled',
	'max_retries',
	'queue',
	'cpu_limit',
	'memory_limit',
	'version',
];

/** Generates the files of a repository: path → text. */
export function generateRepository(options: GenerateOptions): Map<string, string> {
	const rand = random(options.seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
	const int = (min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));
	const day = (offset: number): string => new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
	const words = (n: number): string => Array.from({ length: n }, () => pick(WORDS)).join(' ');
	const sentence = (n: number): string => {
		const text = words(n);
		return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
	};
	const files = new Map<string, string>();

	// Environments over the pipeline: a quarter dev, a quarter staging, the rest production.
	const envs = Array.from({ length: options.environments }, (_, i) => {
		const stage =
			i < Math.max(1, Math.floor(options.environments / 4))
				? 'dev'
				: i < Math.max(2, Math.floor(options.environments / 2))
					? 'staging'
					: 'production';
		return { id: `${stage}-${String(i + 1).padStart(2, '0')}`, stage };
	});
	const stageIndex = (stage: string): number => STAGES.indexOf(stage);

	// Settings: group.service-N.leaf; versions are quoted strings; about 3% drift per environment.
	const keys = Array.from({ length: options.settings }, (_, i) => ({
		group: GROUPS[i % GROUPS.length]!,
		service: `svc-${String(Math.floor(i / GROUPS.length)).padStart(3, '0')}`,
		leaf: LEAVES[(i * 7) % LEAVES.length]!,
	}));
	const baseValue = (leaf: string, i: number): unknown =>
		leaf === 'version'
			? `${1 + (i % 4)}.${i % 10}.${i % 7}`
			: leaf === 'feature_enabled'
				? i % 2 === 0
				: leaf === 'log_level'
					? 'info'
					: leaf === 'queue'
						? `q-${i}`
						: (i % 50) + 1;
	const drifted = (value: unknown, leaf: string): unknown =>
		leaf === 'version'
			? String(value).replace(/\.(\d+)$/, (_, p) => `.${Number(p) + 1}`)
			: typeof value === 'number'
				? value * 2
				: typeof value === 'boolean'
					? !value
					: `${value}-alt`;
	// A few percent of the keys drift in one environment.
	const driftIn = keys.map(() => (rand() < 0.04 ? pick(envs).id : null));
	const settingsOf = new Map<string, Record<string, Record<string, Record<string, unknown>>>>();
	for (const env of envs) {
		const settings: Record<string, Record<string, Record<string, unknown>>> = {};
		keys.forEach((k, i) => {
			let value = baseValue(k.leaf, i);
			if (driftIn[i] === env.id) value = drifted(value, k.leaf);
			((settings[k.group] ??= {})[k.service] ??= {})[k.leaf] = value;
		});
		settings.endpoints = { public: { url: `https://${env.id}.example.com` } };
		settings.database = { engine: env.stage === 'dev' ? 'sqlite' : 'postgresql', version: '15.2', password: '${DB_PASSWORD}' } as never;
		settingsOf.set(env.id, settings);
		const values = `deploy/values-${env.id}.yaml`;
		if (options.sources) files.set(values, stringify(settings, { lineWidth: 0 }));
		files.set(
			`environments/${env.id}.yaml`,
			stringify(
				{
					name: env.id.replace(/-/g, ' ').toUpperCase(),
					stage: env.stage,
					owner: `@team-${env.stage}`,
					url: `https://${env.id}.example.com`,
					verified: { date: day(int(600, 655)), by: '@platform' },
					...(options.sources ? { sources: [{ file: values }] } : { settings }),
				},
				{ lineWidth: 0 },
			),
		);
	}
	files.set(
		'environments/differences.yaml',
		stringify(
			[
				{ key: '**.url', rationale: 'Every environment has its own address.', risk: 'low' },
				{
					key: 'database.engine',
					values: { dev: 'sqlite', staging: 'postgresql', production: 'postgresql' },
					rationale: 'Zero-setup local development.',
					risk: 'medium',
					mitigation: 'CI runs against PostgreSQL.',
					review_by: '2027-06-01',
				},
			],
			{ lineWidth: 0 },
		),
	);
	files.set(
		'envparity.config.yaml',
		stringify({ title: 'Synthetic parity wiki', repository: 'https://github.com/acme/synthetic', pipeline: STAGES }),
	);

	// Runbooks.
	const runbookIds = Array.from({ length: options.runbooks }, (_, i) => `runbook-${String(i + 1).padStart(4, '0')}`);
	runbookIds.forEach((id, i) => {
		files.set(
			`runbooks/${id}.md`,
			`---\n${stringify({ title: `Recover ${pick(WORDS)} ${pick(WORDS)} ${i + 1}`, owner: '@oncall', environments: [pick(envs).id], aliases: [`RB-${i + 1}`] }, { lineWidth: 0 })}---\n\n## When to use it\n\n${sentence(40)}\n\n## Procedure\n\n${Array.from({ length: 5 }, (_, s) => `${s + 1}. ${sentence(15)}`).join('\n')}\n\n\`\`\`sh\nkubectl rollout restart deployment/${pick(GROUPS)}\n\`\`\`\n`,
		);
	});

	// Changes in every propagation state; each sets a key to the value all environments hold, so applied steps match reality.
	const changeIds = Array.from({ length: options.changes }, (_, i) => `change-${String(i + 1).padStart(5, '0')}`);
	changeIds.forEach((id, i) => {
		const k = keys[i % keys.length]!;
		const key = `${k.group}.${k.service}.${k.leaf}`;
		const values = envs.map((e) => settingsOf.get(e.id)![k.group]![k.service]![k.leaf]);
		const roll = rand();
		// Most changes are old and done; the ones still moving are recent.
		const date = roll < 0.6 ? int(0, 600) : int(625, 650);
		const propagation: Record<string, unknown> = {};
		for (const env of envs) {
			const applied = { status: 'applied', date: day(date + stageIndex(env.stage) * 2 + int(0, 2)) };
			if (roll < 0.6) propagation[env.id] = applied;
			else if (roll < 0.8) propagation[env.id] = env.stage === 'production' ? 'pending' : applied;
			else if (roll < 0.88) propagation[env.id] = 'pending';
			else if (roll < 0.92) propagation[env.id] = env.stage === 'production' ? { status: 'failed', date: day(date + 5) } : applied;
			else if (roll < 0.95)
				propagation[env.id] =
					env.stage === 'staging' ? { status: 'rolled-back', date: day(date + 3) } : env.stage === 'dev' ? applied : 'pending';
			else propagation[env.id] = env.stage === 'dev' ? { status: 'skipped', note: 'Not used in dev.' } : applied;
		}
		const consistent = values.every((v) => JSON.stringify(v) === JSON.stringify(values[0]));
		files.set(
			`changes/${id}.md`,
			`---\n${stringify(
				{
					title: `Tune ${k.leaf.replace(/_/g, ' ')} of ${k.service} (${k.group})`,
					date: day(date),
					author: `@engineer-${int(1, 40)}`,
					reason: sentence(8),
					...(consistent ? { settings: { [key]: values[0] } } : {}),
					rollback: sentence(6),
					verification: sentence(6),
					propagation,
				},
				{ lineWidth: 0 },
			)}---\n\n## Why\n\n${sentence(60)}\n\n## Rollout\n\n- ${sentence(12)}\n- ${sentence(12)}\n\n\`\`\`yaml\n${k.group}:\n  ${k.service}:\n    ${k.leaf}: ${JSON.stringify(values[0])}\n\`\`\`\n`,
		);
	});

	// Issues: bodies of a few hundred words, headings, a list and a YAML block.
	const production = envs.filter((e) => e.stage === 'production');
	const earlier = envs.filter((e) => e.stage !== 'production');
	Array.from({ length: options.issues }, (_, i) => {
		const id = `issue-${String(i + 1).padStart(5, '0')}`;
		const prodOnly = rand() < 0.5;
		const observed = prodOnly ? [pick(production).id] : [pick(envs).id];
		const status = pick(['open', 'investigating', 'resolved', 'resolved', 'resolved', 'wont-fix'] as const);
		const opened = int(0, 640);
		const k = pick(keys);
		const data = {
			title: `${sentence(4).slice(0, -1)} in ${observed[0]}`,
			status,
			severity: pick(['low', 'medium', 'high', 'critical']),
			environments: observed,
			reproduced: prodOnly && earlier.length > 0 ? { [pick(earlier).id]: false } : {},
			opened: day(opened),
			...(status === 'resolved' ? { resolved: day(opened + int(1, 20)) } : {}),
			root_cause: sentence(20),
			resolution: sentence(12),
			settings: [`${k.group}.${k.service}.${k.leaf}`],
			changes: [pick(changeIds)],
			runbooks: runbookIds.length > 0 ? [pick(runbookIds)] : [],
			aliases: [`INC-${10000 + i}`],
		};
		files.set(
			`issues/${id}.md`,
			`---\n${stringify(data, { lineWidth: 0 })}---\n\n## Symptoms\n\n${sentence(80)}\n\n## Investigation\n\n${sentence(90)}\n\n- ${sentence(15)}\n- ${sentence(15)}\n- ${sentence(15)}\n\n\`\`\`yaml\n${k.group}:\n  ${k.service}:\n    ${k.leaf}: 30\n\`\`\`\n\n## Resolution\n\n${sentence(80)}\n`,
		);
	});
	return files;
}

/** Writes a generated repository to a folder, replacing what was there. */
export function writeRepository(out: string, files: Map<string, string>): void {
	rmSync(out, { recursive: true, force: true });
	for (const folder of ['environments', 'changes', 'issues', 'runbooks']) mkdirSync(join(out, folder), { recursive: true });
	for (const [path, text] of files) {
		mkdirSync(dirname(join(out, path)), { recursive: true });
		writeFileSync(join(out, path), text);
	}
}

/**
 * Makes `out` (a repository written by `writeRepository`) a git repository whose history ends with the files as written:
 * a first commit holding everything, with `commits` (environment, key) pairs set to an older value, then one dated commit
 * per pair that sets it to today's value on the day a change applied it there (most of them; one in ten on the day a
 * change still pending there would have, so that the history rules have something to find). The commits edit the
 * environment files, or, in a repository written with --sources, the values files the environments read. Written with
 * one `git fast-import`, the same for the same arguments.
 */
export function writeHistory(out: string, files: Map<string, string>, commits: number, seed: number): void {
	const rand = random(seed + 7);
	const environments = [...files.keys()].filter((path) => /^environments\/(?!differences\.)[^/]+\.yaml$/.test(path)).sort();
	// With --sources, each environment's settings live in its values file, and the history is written there.
	const valuesOf = (env: string): string => `deploy/values-${env}.yaml`;
	const sourced = environments.length > 0 && environments.every((path) => files.has(valuesOf(path.slice(13, -5))));
	const targetOf = (env: string): string => (sourced ? valuesOf(env) : `environments/${env}.yaml`);
	const targets = environments.map((path) => targetOf(path.slice(13, -5)));
	type Tree = Record<string, Record<string, Record<string, unknown>>>;
	const state = new Map(targets.map((path) => [path, parse(files.get(path)!) as Tree | { settings: Tree }]));
	const settingsOf = (path: string): Tree => (sourced ? (state.get(path) as Tree) : (state.get(path) as { settings: Tree }).settings);
	// Every (environment, key, day) a change puts a value in, from the changes' propagation.
	const steps: { path: string; env: string; key: string; day: string; pending: boolean }[] = [];
	for (const [path, text] of files) {
		if (!path.startsWith('changes/')) continue;
		const data = parse(text.split('\n---\n')[0]!.replace(/^---\n/, '')) as {
			date: string;
			settings?: Record<string, unknown>;
			propagation: Record<string, unknown>;
		};
		const key = Object.keys(data.settings ?? {})[0];
		if (!key) continue;
		for (const [env, step] of Object.entries(data.propagation)) {
			const applied = typeof step === 'object' && step !== null && (step as { status: string }).status === 'applied';
			if (applied) steps.push({ path: targetOf(env), env, key, day: (step as { date: string }).date, pending: false });
			else if (step === 'pending') steps.push({ path: targetOf(env), env, key, day: data.date, pending: true });
		}
	}
	steps.sort((a, b) => (a.path + a.key < b.path + b.key ? -1 : 1));
	// One commit per (environment, key), on the day of its latest step; nine in ten from applied steps.
	const chosen = new Map<string, (typeof steps)[number]>();
	let guard = 0;
	while (chosen.size < commits && steps.length > 0 && guard++ < commits * 50) {
		const step = steps[Math.floor(rand() * steps.length)]!;
		if (step.pending !== rand() < 0.1) continue;
		const id = `${step.path}|${step.key}`;
		const seen = chosen.get(id);
		if (!seen || seen.day < step.day) chosen.set(id, step);
	}
	const history = [...chosen.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.path < b.path ? -1 : 1));
	const older = (value: unknown): unknown =>
		typeof value === 'number' ? value + 1 : typeof value === 'boolean' ? !value : typeof value === 'string' ? `${value}-old` : value;
	const setAt = (path: string, key: string, value: unknown): void => {
		const [group, service, leaf] = key.split('.') as [string, string, string];
		settingsOf(path)[group]![service]![leaf] = value;
	};
	const finals = history.map((step) => {
		const [group, service, leaf] = step.key.split('.') as [string, string, string];
		return settingsOf(step.path)[group]![service]![leaf];
	});
	history.forEach((step, i) => setAt(step.path, step.key, older(finals[i])));
	// The first commit is dated after every applied date of the content, as when a team adopts envparity and writes its
	// past changes down: a value a file holds from its first commit does not contradict an earlier applied date. The
	// commits after it carry the days the changes applied their values, so their dates run back in time; the rules read
	// commits in order, and only their days.
	const latest = [...steps.map((step) => step.day)].sort().at(-1) ?? '2024-01-01';
	const start = new Date(Date.parse(`${latest}T00:00:00Z`) + 86_400_000);
	let stream = '';
	let mark = 0;
	const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;
	const commit = (when: Date, message: string, changed: [string, string][]): void => {
		const seconds = Math.floor(when.getTime() / 1000);
		const who = `Bench <bench@example.com> ${seconds} +0000`;
		stream += `commit refs/heads/main\nmark :${++mark}\nauthor ${who}\ncommitter ${who}\n${data(message)}`;
		if (mark > 1) stream += `from :${mark - 1}\n`;
		for (const [path, text] of changed) stream += `M 100644 inline ${path}\n${data(text)}`;
	};
	const textOf = (path: string): string => stringify(state.get(path), { lineWidth: 0 });
	commit(
		start,
		'Start the wiki',
		[...files].map(([path, text]) => [path, state.has(path) ? textOf(path) : text]),
	);
	history.forEach((step, i) => {
		setAt(step.path, step.key, finals[i]);
		commit(new Date(`${step.day}T12:00:00Z`), `Set ${step.key} in ${step.env}`, [[step.path, textOf(step.path)]]);
	});
	// The last commit holds the files exactly as written.
	const differing = targets.filter((path) => textOf(path) !== files.get(path));
	if (differing.length > 0)
		commit(
			new Date(start.getTime() + 3_600_000),
			sourced ? 'Tidy the values files' : 'Tidy the environment files',
			differing.map((path) => [path, files.get(path)!]),
		);
	const git = (args: string[], input?: string): void => {
		execFileSync('git', args, {
			cwd: out,
			input,
			stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'inherit'],
			maxBuffer: 1 << 30,
		});
	};
	git(['init', '-q', '-b', 'main']);
	git(['fast-import', '--quiet'], stream);
	// The index as HEAD's tree, which is the working tree: a clean checkout.
	git(['read-tree', 'HEAD']);
	git(['update-index', '-q', '--refresh']);
}

if (import.meta.main) {
	const { values } = parseArgs({
		options: {
			environments: { type: 'string', default: '20' },
			settings: { type: 'string', default: '500' },
			changes: { type: 'string', default: '5000' },
			issues: { type: 'string', default: '5000' },
			runbooks: { type: 'string', default: '200' },
			seed: { type: 'string', default: '1' },
			history: { type: 'string', default: '0' },
			sources: { type: 'boolean', default: false },
			out: { type: 'string' },
		},
	});
	if (!values.out) {
		process.stderr.write('generate: --out DIR is required.\n');
		process.exit(2);
	}
	const options = {
		environments: Number(values.environments),
		settings: Number(values.settings),
		changes: Number(values.changes),
		issues: Number(values.issues),
		runbooks: Number(values.runbooks),
		seed: Number(values.seed),
		sources: values.sources,
	};
	const files = generateRepository(options);
	writeRepository(resolve(values.out), files);
	const commits = Number(values.history);
	if (commits > 0) writeHistory(resolve(values.out), files, commits, options.seed);
	process.stdout.write(
		`generate: wrote ${files.size} files to ${values.out}${commits > 0 ? `, with a git history of ${commits} commits touching the ${options.sources ? 'values' : 'environment'} files` : ''}\n`,
	);
}
