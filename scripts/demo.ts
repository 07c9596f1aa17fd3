/**
 * npm run demo: the example wiki with a history. Copies the example content (environments/, changes/, issues/,
 * runbooks/, envparity.config.yaml and the demo clock) into a new git repository in a temporary folder, with dated
 * commits made from the content's own dates: each change recorded on its date, and each environment's setting set on
 * the day the change says it was applied there (so the payment-timeout fix raises production from 30 s to 120 s on
 * 2024-02-03, and the Redis pool change reaches dev and staging but not production). Two releases are tagged on the
 * way (`RELEASES`). The last commit holds the example exactly as it is. Then it builds the wiki from that repository
 * and says how to open it.
 *
 * Usage: npm run demo [-- --out DIR] [-- --no-build]
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isScalar, parse, parseDocument, stringify } from 'yaml';

const PROJECT = fileURLToPath(new URL('..', import.meta.url));

/** What the example's content holds, copied into the demo: the content folders, the source files its environments read, the config and the demo clock. */
const CONTENT = ['environments', 'changes', 'issues', 'runbooks', 'deploy', 'envparity.config.yaml', 'example-clock'];

/**
 * The value each setting had before a change whose earlier value no environment file shows any more: the example's
 * raise-lb-timeout fixed production's 30 s, and every environment holds 120 s today. Other earlier values are read from
 * the content (an environment where the change is still pending); a change whose earlier value is unknown leaves no
 * trace in the history (its value is there from the first commit).
 */
const EARLIER_VALUES: Record<string, Record<string, unknown>> = {
	'raise-lb-timeout': { 'load_balancer.timeout_seconds': 30 },
	// Their rollback fields name the values they replaced.
	'stripe-api-2022-11-15': { 'payments.stripe.apiVersion': '2022-08-01' },
	'stripe-network-retries': { 'payments.stripe.max_network_retries': 0 },
};

/**
 * The releases the demo tags (annotated, dated that day): each on the last commit on or before its date, so that the
 * wiki's matrix can be compared with the previous release (v1.4.0, before the Stripe API upgrade reached production).
 */
export const RELEASES = [
	{ name: 'v1.3.0', date: '2024-03-20' },
	{ name: 'v1.4.0', date: '2024-05-13' },
] as const;

/** One dated commit of the demo's history. */
interface Commit {
	date: string;
	author: string;
	message: string;
	/** Path → text. */
	files: Map<string, string>;
}

/** A change's front matter, as far as the history needs it. */
interface ChangeData {
	title: string;
	date: string;
	author?: string;
	settings?: Record<string, unknown>;
	propagation?: Record<string, string | { status: string; date?: string; by?: string }>;
}

/** The front matter of a Markdown file as data (an empty object when it has none). */
function frontMatter(text: string): Record<string, unknown> {
	const match = /^---\r?\n([^]*?)\r?\n---/.exec(text);
	return match ? ((parse(match[1]!) as Record<string, unknown>) ?? {}) : {};
}

/** A person as git records them: "@ana" → Ana <ana@example.com>. */
function person(handle: string | undefined): string {
	const name = (handle ?? '@platform').replace(/^@/, '');
	return `${name} <${name}@example.com>`;
}

/** Every file under the content entries of a folder, by path relative to it (plain files only, never links). */
function contentFiles(root: string): Map<string, string> {
	const files = new Map<string, string>();
	const walk = (path: string): void => {
		const full = join(root, path);
		if (!existsSync(full)) return;
		const stat = lstatSync(full);
		if (stat.isDirectory()) for (const name of readdirSync(full).sort()) walk(join(path, name));
		else if (stat.isFile()) files.set(path.split('\\').join('/'), readFileSync(full, 'utf8'));
	};
	for (const entry of CONTENT) walk(entry);
	return files;
}

/**
 * The demo's history over the example's files: a first commit with the configuration, the runbooks and the environment
 * files as they were before the first change, then one commit per change recorded, per environment a change was applied
 * in (on its applied date), and per bug opened, in date order, and a last commit that holds every file as it is.
 */
export function planHistory(files: ReadonlyMap<string, string>): Commit[] {
	const changes = [...files]
		.filter(([path]) => path.startsWith('changes/') && /\.mdx?$/.test(path))
		.map(([path, text]) => ({ path, id: path.slice(8).replace(/\.mdx?$/, ''), data: frontMatter(text) as unknown as ChangeData }));
	const environments = new Map(
		[...files]
			.filter(([path]) => /^environments\/(?!differences\.)[^/]+\.ya?ml$/.test(path))
			.map(([path, text]) => [path.slice(13).replace(/\.ya?ml$/, ''), { path, text, doc: parseDocument(text) }]),
	);
	// Each (environment, setting) that changes applied, in date order; kept when the last of them left the value the file
	// holds today, and when the value before the first is known. The history sets each on the day it was applied.
	type Step = { env: string; key: string; segments: string[]; value: unknown; date: string; by: string; change: string };
	const byPair = new Map<string, Step[]>();
	for (const change of [...changes].sort((a, b) => (a.data.date < b.data.date ? -1 : 1))) {
		for (const [key, value] of Object.entries(change.data.settings ?? {})) {
			for (const [env, step] of Object.entries(change.data.propagation ?? {})) {
				if (typeof step !== 'object' || step.status !== 'applied' || !step.date || !environments.has(env)) continue;
				const pair = `${env}\0${key}`;
				byPair.set(pair, [
					...(byPair.get(pair) ?? []),
					{
						env,
						key,
						segments: key.split('.'),
						value,
						date: step.date,
						by: step.by ?? change.data.author ?? '@platform',
						change: change.id,
					},
				]);
			}
		}
	}
	const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
	const steps: Step[] = [];
	/** The value each kept (environment, setting) had before its first change. */
	const initial = new Map<string, unknown>();
	for (const [pair, list] of byPair) {
		list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
		const first = list[0]!;
		const today = environments.get(first.env)!.doc.getIn(['settings', ...first.segments]);
		if (!same(list.at(-1)!.value, today)) continue;
		const change = changes.find((c) => c.id === first.change)!;
		const earlier =
			// The earliest change of this setting that names what it replaced.
			changes
				.filter((c) => c.data.settings && Object.hasOwn(c.data.settings, first.key) && EARLIER_VALUES[c.id]?.[first.key] !== undefined)
				.sort((a, b) => (a.data.date < b.data.date ? -1 : 1))
				.map((c) => EARLIER_VALUES[c.id]![first.key])[0] ??
			[...environments]
				.map(([id, env]) => ({ id, held: env.doc.getIn(['settings', ...first.segments]) }))
				.find(({ id, held }) => {
					const step = change.data.propagation?.[id];
					const status = typeof step === 'string' ? step : (step?.status ?? 'pending');
					return status !== 'applied' && status !== 'skipped' && held !== undefined && !same(held, first.value);
				})?.held;
		if (earlier === undefined || same(earlier, first.value)) continue;
		initial.set(pair, earlier);
		steps.push(...list);
	}
	// An environment file as it was once the steps in `done` were applied: each kept setting at the value of its last
	// step done (or its earlier value), written as YAML in place of today's value, so that the file comes back exactly as
	// it is once every step is done.
	const renderEnvironment = (env: string, done: ReadonlySet<Step>): string => {
		const { text, doc } = environments.get(env)!;
		const edits: { start: number; end: number; text: string }[] = [];
		for (const [pair, earlier] of initial) {
			if (!pair.startsWith(`${env}\0`)) continue;
			const list = byPair.get(pair)!;
			const last = list.filter((step) => done.has(step)).at(-1);
			if (last === list.at(-1)) continue;
			const node = doc.getIn(['settings', ...list[0]!.segments], true);
			if (isScalar(node) && node.range)
				edits.push({ start: node.range[0], end: node.range[1], text: stringify(last ? last.value : earlier).trim() });
		}
		let out = text;
		for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
		return out;
	};
	const issues = [...files]
		.filter(([path]) => path.startsWith('issues/') && /\.mdx?$/.test(path))
		.map(([path, text]) => ({ path, text, data: frontMatter(text) as { title?: string; opened?: string } }));
	const dated = [
		...changes.map((c) => c.data.date),
		...steps.map((s) => s.date),
		...issues.flatMap((i) => (i.data.opened ? [i.data.opened] : [])),
	].sort();
	const first = dated[0] ?? '2024-01-01';
	const start = new Date(Date.parse(`${first}T00:00:00Z`) - 14 * 86_400_000).toISOString().slice(0, 10);

	const done = new Set<Step>();
	const commits: Commit[] = [];
	const startFiles = new Map<string, string>();
	for (const [path, text] of files) if (!path.startsWith('changes/') && !path.startsWith('issues/')) startFiles.set(path, text);
	for (const env of environments.keys()) startFiles.set(environments.get(env)!.path, renderEnvironment(env, done));
	commits.push({
		date: start,
		author: person('@platform'),
		message: 'Start the parity wiki: environments, differences and runbooks',
		files: startFiles,
	});

	type Event = { date: string; order: number; commit: () => Commit };
	const events: Event[] = [];
	for (const change of changes)
		events.push({
			date: change.data.date,
			order: 0,
			commit: () => ({
				date: change.data.date,
				author: person(change.data.author),
				message: `Record the change "${change.data.title}"`,
				files: new Map([[change.path, files.get(change.path)!]]),
			}),
		});
	for (const step of steps)
		events.push({
			date: step.date,
			order: 1,
			commit: () => {
				const before =
					[...done].filter((d) => d.env === step.env && d.key === step.key).at(-1)?.value ?? initial.get(`${step.env}\0${step.key}`);
				done.add(step);
				const path = environments.get(step.env)!.path;
				return {
					date: step.date,
					author: person(step.by),
					message: `${step.env}: ${step.key} ${JSON.stringify(before)} → ${JSON.stringify(step.value)} (${step.change})`,
					files: new Map([[path, renderEnvironment(step.env, done)]]),
				};
			},
		});
	for (const issue of issues)
		if (issue.data.opened)
			events.push({
				date: issue.data.opened,
				order: 2,
				commit: () => ({
					date: issue.data.opened!,
					author: person('@oncall'),
					message: `Record the bug "${issue.data.title ?? issue.path}"`,
					files: new Map([[issue.path, issue.text]]),
				}),
			});
	events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order));
	for (const event of events) commits.push(event.commit());

	// The last commit holds every file exactly as the example has it (resolved bugs, later edits, verifications).
	const last = commits.at(-1)!.date;
	const state = new Map<string, string>();
	for (const commit of commits) for (const [path, text] of commit.files) state.set(path, text);
	const rest = new Map([...files].filter(([path, text]) => state.get(path) !== text));
	if (rest.size > 0) commits.push({ date: last, author: person('@platform'), message: 'Bring the wiki up to date', files: rest });
	return commits;
}

/** Writes the example content as a git repository with the planned history into `dir` (which must not exist or be empty). */
export function writeDemoRepository(dir: string, files: ReadonlyMap<string, string> = contentFiles(PROJECT)): Commit[] {
	const commits = planHistory(files);
	mkdirSync(dir, { recursive: true });
	const git = (args: string[], env: Record<string, string> = {}): void => {
		execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
	};
	git(['init', '-q', '-b', 'main']);
	const releases = [...RELEASES];
	/** Tags the last commit made (HEAD) with every release dated before `day`. */
	const tagReleases = (day: string): void => {
		while (releases.length > 0 && releases[0]!.date < day) {
			const release = releases.shift()!;
			const when = `${release.date}T12:00:00Z`;
			git(['-c', 'tag.gpgsign=false', 'tag', '-a', '-m', `Release ${release.name}`, release.name], {
				GIT_COMMITTER_NAME: 'Platform',
				GIT_COMMITTER_EMAIL: 'platform@example.com',
				GIT_COMMITTER_DATE: when,
			});
		}
	};
	for (const [i, commit] of commits.entries()) {
		if (i > 0) tagReleases(commit.date);
		for (const [path, text] of commit.files) {
			mkdirSync(dirname(join(dir, path)), { recursive: true });
			writeFileSync(join(dir, path), text);
		}
		git(['add', '-A']);
		const [, name = 'Platform', email = 'platform@example.com'] = /^(.*) <(.*)>$/.exec(commit.author) ?? [];
		const when = `${commit.date}T12:00:00Z`;
		git(['-c', 'commit.gpgsign=false', 'commit', '-q', '--allow-empty', '-m', commit.message], {
			GIT_AUTHOR_NAME: name,
			GIT_AUTHOR_EMAIL: email,
			GIT_COMMITTER_NAME: name,
			GIT_COMMITTER_EMAIL: email,
			GIT_AUTHOR_DATE: when,
			GIT_COMMITTER_DATE: when,
		});
	}
	return commits;
}

if (import.meta.main) {
	const { values } = parseArgs({ options: { out: { type: 'string' }, 'no-build': { type: 'boolean' } } });
	const base = values.out ? resolve(values.out) : mkdtempSync(join(tmpdir(), 'envparity-demo-'));
	if (values.out && existsSync(base) && readdirSync(base).length > 0) {
		console.error(`demo: ${values.out} is not empty; choose an empty or new folder, or leave out --out.`);
		process.exit(2);
	}
	const content = join(base, 'content');
	const site = join(base, 'site');
	const commits = writeDemoRepository(content);
	// A folder under the current one by its relative path, any other by its absolute path.
	const shown = (path: string): string => {
		const near = relative(process.cwd(), path);
		return near === '' ? '.' : near.startsWith('..') ? path : near;
	};
	console.log(
		`demo: wrote the example content to ${shown(content)}, a git repository of ${commits.length} dated commits and ` +
			`the release tags ${RELEASES.map((r) => r.name).join(' and ')}.`,
	);
	const tryThese = [
		`npx envparity history load_balancer.timeout_seconds --root ${shown(content)}`,
		`npx envparity diff staging production --at 2024-02-01 --root ${shown(content)}`,
		`npx envparity history redis.pool_size --root ${shown(content)}`,
	];
	if (values['no-build']) {
		console.log(`\nTry:\n${tryThese.map((line) => `  ${line}`).join('\n')}`);
		process.exit(0);
	}
	console.log('demo: building the wiki from it (about a minute)…');
	const build = spawn(process.execPath, [join(PROJECT, 'scripts/example-clock.ts'), 'node', join(PROJECT, 'bin/build.mjs')], {
		cwd: PROJECT,
		stdio: 'inherit',
		env: { ...process.env, ENVPARITY_ROOT: content, ENVPARITY_OUT_DIR: site, ASTRO_TELEMETRY_DISABLED: '1' },
	});
	build.on('exit', (code) => {
		if (code !== 0) {
			console.error(`demo: the build failed (exit ${code}); the content is still in ${shown(content)}.`);
			rmSync(site, { recursive: true, force: true });
			process.exit(code ?? 1);
		}
		console.log(
			[
				'',
				`demo: the wiki is in ${shown(site)}. Open it with:`,
				'',
				`  npm run preview -- --outDir ${shown(site)}`,
				'',
				'then go to the address it prints (http://localhost:4321/). See the payment-timeout bug and the',
				'load_balancer.timeout_seconds history; on the parity matrix, "Compare with" the previous release',
				`(${RELEASES.at(-1)!.name}) lists the settings whose status changed since. From the command line, try:`,
				'',
				...tryThese.map((line) => `  ${line}`),
				'',
				`Remove ${shown(base)} when you are done.`,
			].join('\n'),
		);
	});
}
