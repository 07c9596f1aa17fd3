// The bench judges content at 2025-10-20 (ENVPARITY_NOW); dates are spread over 2024 and 2025 before it.
// `npm run generate -- --environments 20 --settings 500 --changes 5000 --issues 5000 --runbooks 200 --out DIR [--seed N]`
// Writes a realistic synthetic content repository, the same for the same arguments, that validates without errors.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';

/** The size and shape of a synthetic repository. */
export interface GenerateOptions {
	environments: number;
	settings: number;
	changes: number;
	issues: number;
	runbooks: number;
	seed: number;
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
		files.set(
			`environments/${env.id}.yaml`,
			stringify(
				{
					name: env.id.replace(/-/g, ' ').toUpperCase(),
					stage: env.stage,
					owner: `@team-${env.stage}`,
					url: `https://${env.id}.example.com`,
					verified: { date: day(int(600, 655)), by: '@platform' },
					settings,
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
	for (const [path, text] of files) writeFileSync(join(out, path), text);
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
	};
	const files = generateRepository(options);
	writeRepository(resolve(values.out), files);
	process.stdout.write(`generate: wrote ${files.size} files to ${values.out}\n`);
}
