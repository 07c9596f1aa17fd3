import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { secretMask } from '../diagnostics/secret-mask.ts';
import type { RawFile } from '../schema/content-files.ts';
import type { Analysis } from './analysis.ts';
import { toProblem, type PublishedProblem } from './export-document.ts';
import { classifyRow, type RowStatus } from './parity-matrix.ts';
import type { ParityModel } from './parity-model.ts';
import type { Environment } from './project.ts';
import type { ChangeState, PropagationStep } from './propagation.ts';
import { sameValue } from './settings.ts';
import { largestSkew, type Skew } from './version.ts';
import { isOpenStatus } from '../schema/issue.ts';

/**
 * What a pull request does to parity: the difference between the analyses at its base and its head.
 * It holds no secret: every value either analysis detected as one is masked.
 */
export interface PrImpact {
	/**
	 * The head has errors, so the parity deltas below are left empty: a file with an error drops out of
	 * the head's model, and comparing that model with the base's would report its content as removed.
	 */
	withheld: boolean;
	/** The head's errors, in file and line order. */
	headErrors: PublishedProblem[];
	/** The content files the pull request adds, changes or deletes, by path. */
	files: { added: string[]; changed: string[]; removed: string[] };
	environments: { added: string[]; removed: string[]; renamed: { from: string; to: string }[] };
	/** Settings changed per environment: `before` or `after` is undefined when the key was added or removed. */
	settings: { env: string; key: string; before?: unknown; after?: unknown }[];
	/** Per adjacent pair of stages: keys that became undocumented drift or missing, keys that stopped, newly documented keys, skew changes. */
	stagePairs: {
		from: string;
		to: string;
		introduced: { key: string; status: RowStatus }[];
		resolved: { key: string; status: RowStatus }[];
		documented: string[];
		skews: { key: string; before: Skew | null; after: Skew | null }[];
	}[];
	differences: { added: string[]; changed: string[]; removed: string[] };
	propagation: {
		change: string;
		title: string;
		env: string;
		before: PropagationStep['status'] | null;
		after: PropagationStep['status'];
		date?: string;
	}[];
	changes: { id: string; title: string; before: ChangeState | null; after: ChangeState | null }[];
	issues: {
		opened: { id: string; title: string; productionOnly: boolean }[];
		resolved: { id: string; title: string }[];
		reopened: { id: string; title: string }[];
	};
	/** Problems the head adds, and those of the base it no longer has (`fixed`: how many; `resolved`: which, where the base had them). */
	problems: { introduced: PublishedProblem[]; fixed: number; resolved: PublishedProblem[] };
	errors: { base: number; head: number };
}

/** No files changed: for a comparison made without the files themselves. */
const NO_FILES: PrImpact['files'] = { added: [], changed: [], removed: [] };

/**
 * Compares the analyses of a pull request's base and head. When the head has errors, only the errors
 * and the changed files are reported (see `PrImpact.withheld`). Secrets found in either are masked.
 */
export function comparePr(base: Analysis, head: Analysis, files: PrImpact['files'] = NO_FILES): PrImpact {
	const mask = secretMask([...base.problems, ...head.problems]);
	const headErrors = head.problems.filter((p) => p.severity === 'error');
	const errors = { base: base.problems.filter((p) => p.severity === 'error').length, head: headErrors.length };
	if (headErrors.length > 0) {
		return mask.strings<PrImpact>({
			withheld: true,
			headErrors: headErrors.map(toProblem),
			files,
			environments: { added: [], removed: [], renamed: [] },
			settings: [],
			stagePairs: [],
			differences: { added: [], changed: [], removed: [] },
			propagation: [],
			changes: [],
			issues: { opened: [], resolved: [], reopened: [] },
			problems: { introduced: [], fixed: 0, resolved: [] },
			errors,
		});
	}
	const b = base.model;
	const h = head.model;
	const renamed = renamedEnvironments(b, h);
	const headIdOf = (id: string): string => renamed.find((r) => r.from === id)?.to ?? id;
	const baseEnvs = new Map(b.environments.map((e) => [headIdOf(e.id), e]));
	const headEnvs = new Map(h.environments.map((e) => [e.id, e]));

	const settings: PrImpact['settings'] = [];
	for (const [id, after] of headEnvs) {
		const before = baseEnvs.get(id);
		if (!before) continue;
		const keys = new Set([...before.settings.keys(), ...after.settings.keys()]);
		for (const key of [...keys].sort()) {
			const x = before.settings.get(key);
			const y = after.settings.get(key);
			if (x && y && sameValue(x.value, y.value)) continue;
			settings.push({ env: id, key, ...(x ? { before: mask.value(x.value) } : {}), ...(y ? { after: mask.value(y.value) } : {}) });
		}
	}

	return mask.strings<PrImpact>({
		withheld: false,
		headErrors: [],
		files,
		environments: {
			added: [...headEnvs.keys()].filter((id) => !baseEnvs.has(id)),
			removed: b.environments.map((e) => e.id).filter((id) => !headEnvs.has(headIdOf(id))),
			renamed,
		},
		settings,
		stagePairs: compareStagePairs(b, h, headIdOf),
		differences: compareDifferences(b, h),
		...comparePropagation(b, h),
		issues: compareIssues(b, h),
		problems: compareProblems(base.problems, head.problems),
		errors,
	});
}

/** The content files that differ between two revisions, by path. */
export function changedFiles(before: readonly RawFile[], after: readonly RawFile[]): PrImpact['files'] {
	const old = new Map(before.map((f) => [f.path, f.content]));
	const now = new Map(after.map((f) => [f.path, f.content]));
	const sorted = (paths: Iterable<string>): string[] => [...paths].sort();
	return {
		added: sorted([...now.keys()].filter((path) => !old.has(path))),
		changed: sorted([...now.keys()].filter((path) => old.has(path) && !sameContent(old.get(path)!, now.get(path)!))),
		removed: sorted([...old.keys()].filter((path) => !now.has(path))),
	};
}

function sameContent(a: RawFile['content'], b: RawFile['content']): boolean {
	const bytes = (content: RawFile['content']): Uint8Array => (typeof content === 'string' ? new TextEncoder().encode(content) : content);
	const x = bytes(a);
	const y = bytes(b);
	return x.length === y.length && x.every((byte, i) => byte === y[i]);
}

/** Environments whose file was renamed with the old id kept as an alias. */
function renamedEnvironments(b: ParityModel, h: ParityModel): { from: string; to: string }[] {
	const headIds = new Set(h.environments.map((e) => e.id));
	return b.environments
		.filter((e) => !headIds.has(e.id))
		.flatMap((e) => {
			const successor = h.environments.find((n) => n.data.aliases?.includes(e.id));
			return successor ? [{ from: e.id, to: successor.id }] : [];
		});
}

type PairRow = { status: RowStatus; skew: Skew | null };

/** Classifies every key over the environments of two adjacent stages. */
function pairRows(model: ParityModel, from: string, to: string, idOf: (id: string) => string): Map<string, PairRow> {
	const members: Environment[] = model.environments.filter((e) => e.data.stage === from || e.data.stage === to);
	const rows = new Map<string, PairRow>();
	for (const row of model.matrix) {
		if (!members.some((e) => e.id in row.values)) continue;
		const values = Object.fromEntries(Object.entries(row.values).map(([id, v]) => [idOf(id), v]));
		const renamedMembers = members.map((e) => ({ ...e, id: idOf(e.id) }));
		const { status } = classifyRow(row.segments, values, renamedMembers, model.differences, { pairwise: true });
		const present = renamedMembers.filter((e) => e.id in values).map((e) => values[e.id]);
		rows.set(row.key, { status, skew: row.isVersion ? largestSkew(present) : null });
	}
	return rows;
}

function compareStagePairs(b: ParityModel, h: ParityModel, headIdOf: (id: string) => string): PrImpact['stagePairs'] {
	const out: PrImpact['stagePairs'] = [];
	const pipeline = h.config.pipeline;
	const undocumented = (s: RowStatus | undefined): boolean => s === 'drift' || s === 'missing';
	for (let i = 0; i + 1 < pipeline.length; i++) {
		const from = pipeline[i]!;
		const to = pipeline[i + 1]!;
		const before = pairRows(b, from, to, headIdOf);
		const after = pairRows(h, from, to, (id) => id);
		const pair: PrImpact['stagePairs'][number] = { from, to, introduced: [], resolved: [], documented: [], skews: [] };
		for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
			const x = before.get(key);
			const y = after.get(key);
			if (undocumented(y?.status) && !undocumented(x?.status)) pair.introduced.push({ key, status: y!.status });
			if (undocumented(x?.status) && !undocumented(y?.status)) pair.resolved.push({ key, status: x!.status });
			if (y?.status === 'documented' && x?.status !== 'documented') pair.documented.push(key);
			const sx = x?.skew ?? null;
			const sy = y?.skew ?? null;
			if (sx !== sy) pair.skews.push({ key, before: sx, after: sy });
		}
		out.push(pair);
	}
	return out;
}

function compareDifferences(b: ParityModel, h: ParityModel): PrImpact['differences'] {
	const before = new Map(b.differences.map((d) => [d.data.key, JSON.stringify(d.data)]));
	const after = new Map(h.differences.map((d) => [d.data.key, JSON.stringify(d.data)]));
	return {
		added: [...after.keys()].filter((k) => !before.has(k)),
		changed: [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k)),
		removed: [...before.keys()].filter((k) => !after.has(k)),
	};
}

function comparePropagation(b: ParityModel, h: ParityModel): Pick<PrImpact, 'propagation' | 'changes'> {
	const propagation: PrImpact['propagation'] = [];
	const changes: PrImpact['changes'] = [];
	for (const change of h.changes) {
		const previous = b.changes.find((c) => c.id === change.id || change.data.aliases?.includes(c.id));
		const after = h.propagation.get(change.id)!;
		const before = previous ? b.propagation.get(previous.id)! : undefined;
		for (const [env, step] of Object.entries(after.steps)) {
			const old = before?.steps[env];
			// Only steps someone recorded: an unlisted environment is implicitly pending, not news.
			if (step.implicit && !old) continue;
			if (old?.status === step.status && (old.date ?? '') === (step.date ?? '')) continue;
			if (!old && step.status === 'pending') continue;
			propagation.push({
				change: change.id,
				title: change.data.title,
				env,
				before: old?.status ?? null,
				after: step.status,
				...(step.date ? { date: step.date } : {}),
			});
		}
		if (before?.state !== after.state)
			changes.push({ id: change.id, title: change.data.title, before: before?.state ?? null, after: after.state });
	}
	for (const change of b.changes) {
		if (!h.changes.some((c) => c.id === change.id || c.data.aliases?.includes(change.id)))
			changes.push({ id: change.id, title: change.data.title, before: b.propagation.get(change.id)!.state, after: null });
	}
	return { propagation, changes };
}

function compareIssues(b: ParityModel, h: ParityModel): PrImpact['issues'] {
	const out: PrImpact['issues'] = { opened: [], resolved: [], reopened: [] };
	for (const issue of h.issues) {
		const previous = b.issues.find((i) => i.id === issue.id || issue.data.aliases?.includes(i.id));
		if (!previous) out.opened.push({ id: issue.id, title: issue.data.title, productionOnly: h.productionOnly.get(issue.id) ?? false });
		else if (isOpenStatus(previous.data.status) && !isOpenStatus(issue.data.status))
			out.resolved.push({ id: issue.id, title: issue.data.title });
		else if (!isOpenStatus(previous.data.status) && isOpenStatus(issue.data.status))
			out.reopened.push({ id: issue.id, title: issue.data.title });
	}
	return out;
}

function compareProblems(base: readonly Diagnostic[], head: readonly Diagnostic[]): PrImpact['problems'] {
	// Lines move when files are edited: a problem is the same when its file, code and message are.
	const id = (d: Diagnostic): string => `${d.file}\0${d.code}\0${d.message}`;
	const before = new Set(base.map(id));
	const after = new Set(head.map(id));
	// One entry per fixed problem, as `fixed` counts them: the first place the base had it.
	const seen = new Set<string>();
	const resolved: PublishedProblem[] = [];
	for (const d of base) {
		if (after.has(id(d)) || seen.has(id(d))) continue;
		seen.add(id(d));
		resolved.push(toProblem(d));
	}
	return { introduced: head.filter((d) => !before.has(id(d))).map(toProblem), fixed: resolved.length, resolved };
}

/** Whether a pull request changes nothing about parity (and has no error). */
export function isNeutral(impact: PrImpact): boolean {
	return (
		!impact.withheld &&
		impact.environments.added.length + impact.environments.removed.length + impact.environments.renamed.length + impact.settings.length ===
			0 &&
		impact.stagePairs.every((p) => p.introduced.length + p.resolved.length + p.documented.length + p.skews.length === 0) &&
		impact.differences.added.length + impact.differences.changed.length + impact.differences.removed.length === 0 &&
		impact.propagation.length + impact.changes.length === 0 &&
		impact.issues.opened.length + impact.issues.resolved.length + impact.issues.reopened.length === 0 &&
		impact.problems.introduced.length === 0 &&
		impact.problems.fixed === 0 &&
		impact.errors.head === impact.errors.base
	);
}
