import { randomBytes } from 'node:crypto';
import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { maskSecret, secretMask } from '../../lib/diagnostics/secret-mask.ts';
import { didYouMean } from '../../lib/diagnostics/suggest.ts';
import { analyzeRoot } from '../../lib/engine.ts';
import type { Environment } from '../../lib/model/project.ts';
import { DEFAULT_TIMEOUT_SECONDS, observeTargets } from '../../lib/observe/observe-targets.ts';
import { OBSERVATIONS_FOLDER, type ObservationsData, type ObservedTarget } from '../../lib/schema/observe.ts';
import { findSecrets, isCredentialKey } from '../../lib/validate/secrets.ts';
import { COMMON_OPTIONS, IoError, UsageError, type Command } from '../command.ts';

const MAX_TIMEOUT_SECONDS = 120;

/** `envparity observe [ENV…]`: reads the running services an environment lists and writes `observations/<env>.json`. */
export const observeCommand: Command = {
	name: 'observe',
	summary: 'Read the running services that environments list under observe, and record what they say',
	usage: `Usage: envparity observe [ENV…] [--root DIR] [--timeout SECONDS]

Connects to each observe target of the environments named (default: every environment that has
observe targets), reads the settings it lists, and writes observations/<env>.json: when, which
target (without user, password or query), each key's observed value, and why a target or a key
could not be read. Targets are read in parallel, one connection each. Connection strings are
references (\${VAR}, $VAR or env:VAR) resolved from this process's environment; they are never
written or printed, and a key named like a credential is never stored.

Options:
  --root DIR          The content repository (default: the current directory)
  --timeout SECONDS   Seconds per target without its own timeout (default: ${DEFAULT_TIMEOUT_SECONDS}, at most ${MAX_TIMEOUT_SECONDS})
  -h, --help          Show this help

Exit status: 0 when every target answered, 1 when a target or a key could not be read (the
observations are written all the same), 2 for a usage or I/O error.
`,
	options: { ...COMMON_OPTIONS, timeout: { type: 'string' } },
	positionals: true,
	needsContent: true,
	async run({ io, values, positionals, root, now }) {
		const timeoutSeconds = parseTimeout(values.timeout as string | undefined);
		const { model, problems } = await analyzeRoot(root, { now });
		const environments = chooseEnvironments(model.environments, positionals);
		const folder = await observationsFolder(root);
		const mask = secretMask(problems);
		const observedAt = now.toISOString();
		let failed = 0;
		// Every target of every environment in one batch, so that the limit on open connections holds for the whole run.
		const all = await observeTargets(
			environments.flatMap((env) => env.data.observe!),
			{ env: io.env, timeoutSeconds },
		);
		let taken = 0;
		const results = environments.map((env) => ({ env, targets: all.slice(taken, (taken += env.data.observe!.length)) }));
		await mkdir(folder, { recursive: true });
		for (const { env, targets } of results) {
			const document: ObservationsData = { observed_at: observedAt, targets: targets.map(keepOutCredentials).map((t) => mask.strings(t)) };
			const path = join(folder, `${env.id}.json`);
			// Written aside, then renamed: a reader never sees half a file. The new name is created, never
			// opened through a link put there, and the rename replaces a link at the path instead of following it.
			const aside = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
			try {
				await writeFile(aside, `${JSON.stringify(document, null, '\t')}\n`, { flag: 'wx' });
				await rename(aside, path);
			} finally {
				await rm(aside, { force: true });
			}
			io.stdout(`${OBSERVATIONS_FOLDER}/${env.id}.json\n`);
			for (const target of document.targets) {
				const keyErrors = Object.entries(target.errors ?? {});
				if (target.error || keyErrors.length > 0) failed++;
				const read = Object.keys(target.values).length;
				const status = target.error
					? `failed: ${target.error}`
					: `${read} ${read === 1 ? 'value' : 'values'}${keyErrors.length ? `, ${keyErrors.length} not read` : ''}`;
				io.stdout(`  ${describeTarget(target)}: ${status}\n`);
				for (const [key, why] of keyErrors) io.stdout(`    ${key}: ${why}\n`);
			}
		}
		if (failed > 0)
			io.stderr(
				`envparity observe: ${failed} ${failed === 1 ? 'target' : 'targets'} could not be read in full; the observations record why.\n`,
			);
		return failed > 0 ? 1 : 0;
	},
};

/** The observations folder of a root: a real folder, or none yet; a link or a file there is refused, so that nothing is written outside the root. */
async function observationsFolder(root: string): Promise<string> {
	const folder = join(root, OBSERVATIONS_FOLDER);
	const stats = await lstat(folder).catch(() => undefined);
	if (stats && !stats.isDirectory())
		throw new IoError(
			`${OBSERVATIONS_FOLDER} is ${stats.isSymbolicLink() ? 'a symbolic link' : 'not a folder'}, and observe writes only into a real ${OBSERVATIONS_FOLDER}/ folder of the content root; remove it, then run observe again.`,
		);
	return folder;
}

/** `--timeout`: a positive number of seconds, at most MAX_TIMEOUT_SECONDS. */
function parseTimeout(given: string | undefined): number | undefined {
	if (given === undefined) return undefined;
	const seconds = Number(given);
	if (given.trim() === '' || !Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS)
		throw new UsageError(`--timeout must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}, not "${given}".`);
	return seconds;
}

/** The environments named (by id or alias), or every environment with observe targets. */
function chooseEnvironments(all: readonly Environment[], names: readonly string[]): Environment[] {
	const ids = all.map((e) => e.id);
	if (names.length === 0) {
		const observed = all.filter((env) => env.data.observe?.length);
		if (observed.length === 0)
			throw new UsageError(
				'no environment lists observe targets; add observe: to an environment file (see the file format reference), then run observe again.',
			);
		return observed;
	}
	const chosen = new Map<string, Environment>();
	for (const name of names) {
		const env = all.find((e) => e.id === name || e.data.aliases?.includes(name));
		if (!env) throw new UsageError(`"${name}" is not an environment${didYouMean(name, ids)}; environments: ${ids.join(', ')}.`);
		if (!env.data.observe?.length)
			throw new UsageError(
				`${env.id} lists no observe targets${env.invalid ? ' (its file has errors: run envparity check)' : ''}; add observe: to environments/${env.id}.yaml or name another environment.`,
			);
		chosen.set(env.id, env);
	}
	return [...chosen.values()];
}

/**
 * A target's result without what must never be stored: a value under a key named like a credential,
 * and a value or message that looks like a credential (a token in a version endpoint's answer).
 */
function keepOutCredentials(target: ObservedTarget): ObservedTarget {
	const values: ObservedTarget['values'] = {};
	const errors: Record<string, string> = { ...target.errors };
	for (const [key, value] of Object.entries(target.values)) {
		if (key.split('.').some(isCredentialKey)) errors[key] = 'not stored: the key is named like a credential';
		else {
			const found = findSecrets(JSON.stringify(value))[0];
			if (found) errors[key] = `not stored: the value looks like a ${found.kind}`;
			else values[key] = value;
		}
	}
	const clean = (text: string) => {
		let out = text;
		for (const match of findSecrets(text).reverse())
			out = out.slice(0, match.start) + maskSecret(text.slice(match.start, match.end)) + out.slice(match.end);
		return out;
	};
	const kept: ObservedTarget = {
		kind: target.kind,
		target: clean(target.target),
		...(target.server ? { server: clean(target.server) } : {}),
		values,
	};
	if (Object.keys(errors).length > 0) kept.errors = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, clean(v)]));
	if (target.error) kept.error = clean(target.error);
	return kept;
}

/** A target as the summary names it: its kind, the reference as written, and the server it reached. */
function describeTarget(target: ObservedTarget): string {
	return `${target.kind} ${target.target}${target.server && target.server !== target.target ? ` (${target.server})` : ''}`;
}
