import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diagnosticAt } from '../diagnostics/positions.ts';
import { maskSecret } from '../diagnostics/secret-mask.ts';
import { daysBetween } from '../model/dates.ts';
import type { ParityModel } from '../model/parity-model.ts';
import { canonicalKey } from '../model/setting-key.ts';
import { displayValue, sameValue } from '../model/settings.ts';
import { heldSince, type TimelineEntry, type Timelines } from '../model/timeline.ts';
import { parse } from 'yaml';
import { findSecrets, isCredentialKey, isSecretReference } from './secrets.ts';

/** The texts of the environment files' earlier versions, for the secret rule (the shape `load/value-history.ts` reads). */
export interface HistoryTexts {
	commits: readonly { hash: string; date: string; author: string; subject: string }[];
	versions: readonly { commit: number; path: string; text: string }[];
	/** Earlier versions of the other content files (changes, issues, runbooks), which later commits replaced. */
	superseded?: readonly { commit: number; path: string; text: string }[];
	/** Every version of the source files the environments read: the text, and the values decoded in each format. */
	sourceVersions?: readonly {
		commit: number;
		path: string;
		text: string;
		values: Partial<Record<string, readonly { segments: readonly string[]; value: unknown }[] | null>> | null;
	}[];
}

/** Every rule that reads the history: propagation against the commits, and credentials that earlier commits held. */
export function checkHistory(model: ParityModel, timelines: Timelines, texts: HistoryTexts, problems: readonly Diagnostic[]): Diagnostic[] {
	return [...checkPropagationHistory(model, timelines), ...checkSecretsInHistory(model, timelines, texts, problems)];
}

/** The first 7 characters of a commit hash, as git shows it. */
function short(hash: string): string {
	return hash.slice(0, 7);
}

/**
 * For each change that sets keys, when each environment's file took the change's values: a change recorded pending where
 * the file has held them since a commit (change-applied-not-recorded), and an applied date more than
 * `applied_date_tolerance_days` from that commit (change-applied-date-mismatch).
 */
export function checkPropagationHistory(model: ParityModel, timelines: Timelines): Diagnostic[] {
	if (timelines.commits.length === 0) return [];
	const diagnostics: Diagnostic[] = [];
	const tolerance = model.config.applied_date_tolerance_days;
	for (const change of model.changes) {
		const settings = Object.entries(change.data.settings ?? {}).map(([raw, value]) => ({ key: canonicalKey(raw), value }));
		if (settings.length === 0) continue;
		const propagation = model.propagation.get(change.id)!;
		const listed = change.data.propagation ?? {};
		for (const env of model.environments) {
			const step = propagation.steps[env.id]!;
			if (step.status !== 'pending' && step.status !== 'applied') continue;
			// The environment took the change with the last of the commits that put its values in the file.
			let since: TimelineEntry | undefined;
			for (const { key, value } of settings) {
				const today = env.settings.get(key);
				const held =
					today && (today.value === value || sameValue(today.value, value)) ? heldSince(timelines, env.id, key, value) : undefined;
				if (!held) {
					since = undefined;
					break;
				}
				if (!since || held.index > since.index) since = held;
			}
			if (!since) continue;
			const held: TimelineEntry = since;
			// The file that took the values: a source file, when the last of them was read from one.
			const file = held.source ?? env.file;
			const keys = (): string => settings.map(({ key, value }) => `${key} = ${displayValue(value)}`).join(', ');
			const commit = (): string => `commit ${short(held.hash)} on ${held.date} ("${held.subject}", by ${held.author})`;
			if (step.status === 'pending') {
				// A value held since the file's first commit says nothing of when, or whether, the change was applied there.
				if (since.initial) continue;
				const before =
					since.date < change.data.date
						? ` (before the change's own date, ${change.data.date}: if it needed no change there, record it as skipped with a note)`
						: '';
				const path = env.id in listed ? ['propagation', env.id] : Object.keys(listed).length > 0 ? ['propagation'] : ['title'];
				diagnostics.push(
					diagnosticAt(
						change.source,
						path,
						'warning',
						'change-applied-not-recorded',
						`"${change.data.title}" is recorded as pending in ${env.id}${step.implicit ? ' (it is not listed, so it counts as pending)' : ''}, but ${file} has held ${keys()} since ${commit()}${before}; record it as ${env.id}: { status: applied, date: ${since.date} }.`,
						'key',
					),
				);
			} else if (step.date && !since.boundary) {
				const days = daysBetween(since.date, step.date);
				// A value the file held from its first commit may have been deployed long before anyone committed it: only a
				// later applied date contradicts that commit.
				if (Math.abs(days) <= tolerance || (since.initial && days < 0)) continue;
				diagnostics.push(
					diagnosticAt(
						change.source,
						['propagation', env.id, 'date'],
						'warning',
						'change-applied-date-mismatch',
						`"${change.data.title}" is recorded as applied in ${env.id} on ${step.date}, but ${file} took ${keys()} with ${commit()}, ${Math.abs(days)} days ${days > 0 ? 'earlier' : 'later'} (more than applied_date_tolerance_days, ${tolerance}); correct the date, or raise applied_date_tolerance_days in envparity.config.yaml if the file is committed long before or after a deployment.`,
					),
				);
			}
		}
	}
	return diagnostics;
}

/** One credential an earlier version held, where it was first committed. */
interface HistorySecret {
	secret: string;
	kind: string;
	path: string;
	commit: number;
	key?: { environment: string; key: string; segments: string[] };
}

/**
 * Credentials that an earlier commit of an environment file held and today's files no longer do (today's are errors
 * already): git keeps every commit, so each is a warning (secret-in-history) naming the file and the commit, telling the
 * team to rotate it. The diagnostic carries the secret, so that every output masks it, even where a reference replaced it.
 */
export function checkSecretsInHistory(
	model: ParityModel,
	timelines: Timelines,
	texts: HistoryTexts,
	problems: readonly Diagnostic[],
): Diagnostic[] {
	// A secret is the same whatever its indentation and line breaks: a private key in a block scalar reads indented in
	// the file's text and unindented as a value.
	const same = (text: string): string => text.replace(/\s+/g, '');
	const known = new Set(problems.flatMap((p) => (p.secret === undefined ? [] : [same(p.secret)])));
	const found = new Map<string, HistorySecret>();
	const add = (secret: HistorySecret): void => {
		const id = same(secret.secret);
		if (id === '' || known.has(id)) return;
		const seen = found.get(id);
		// Report each secret once, at its first commit; a value under a key says more than the text alone.
		if (!seen || secret.commit < seen.commit || (secret.commit === seen.commit && secret.key && !seen.key)) found.set(id, secret);
	};
	// Credentials by their shape anywhere in a file's text (settings, description, comments, a Markdown body); most
	// texts have none.
	const scanned = new Set<string>();
	for (const version of [...texts.versions, ...(texts.superseded ?? []), ...(texts.sourceVersions ?? [])]) {
		if (version.text === '' || scanned.has(version.text)) continue;
		scanned.add(version.text);
		for (const match of findSecrets(version.text))
			add({ secret: version.text.slice(match.start, match.end), kind: match.kind, path: version.path, commit: version.commit });
	}
	// Literals under keys named like credentials in the front matter of earlier changes, issues and runbooks.
	for (const version of texts.superseded ?? []) {
		for (const { name, value } of credentialLiterals(frontMatterOf(version.text)))
			add({ secret: value, kind: `literal under "${name}"`, path: version.path, commit: version.commit });
	}
	// Literals under keys named like credentials in earlier versions of source files, whatever select and ignore keep, as
	// today's source files are checked (a Kubernetes Secret yields no value, so it is never read).
	const decodedSeen = new Set<object>();
	for (const version of texts.sourceVersions ?? []) {
		for (const values of Object.values(version.values ?? {})) {
			if (!values || decodedSeen.has(values)) continue;
			decodedSeen.add(values);
			for (const { segments, value } of values) {
				const name = segments.at(-1) ?? '';
				if (!isCredentialKey(name) || (typeof value !== 'string' && typeof value !== 'number')) continue;
				const literal = String(value).trim();
				if (literal !== '' && !isSecretReference(literal))
					add({ secret: literal, kind: `literal under "${name}"`, path: version.path, commit: version.commit });
			}
		}
	}
	// Literals under keys named like credentials, and credential shapes inside values, by key.
	for (const [environment, timeline] of timelines.environments) {
		for (const { key, segments, entries } of timeline.keys.values()) {
			const credential = isCredentialKey(segments.at(-1)!);
			for (const entry of entries) {
				const where = { environment, key, segments };
				// A value read from a source file is reported as that file's.
				const path = entry.source ?? entry.file;
				for (const text of stringsOf(entry.value)) {
					for (const match of findSecrets(text))
						add({ secret: text.slice(match.start, match.end), kind: match.kind, path, commit: entry.index, key: where });
				}
				if (credential && (typeof entry.value === 'string' || typeof entry.value === 'number')) {
					const literal = String(entry.value).trim();
					if (literal !== '' && !isSecretReference(literal))
						add({ secret: literal, kind: `literal under "${segments.at(-1)}"`, path, commit: entry.index, key: where });
				}
			}
		}
	}
	const diagnostics: Diagnostic[] = [];
	for (const secret of found.values()) {
		const commit = texts.commits[secret.commit]!;
		const env = model.environments.find((e) => e.id === secret.key?.environment) ?? model.environments.find((e) => e.file === secret.path);
		const at = secret.key ? ` at ${secret.key.key}` : '';
		const message = `${secret.path} held a ${secret.kind} (${maskSecret(secret.secret.trim())})${at} in commit ${short(commit.hash)} on ${commit.date} ("${commit.subject}", by ${commit.author}); git keeps every commit, so anyone with the repository can read it: rotate it now, and keep only a reference such as \${SECRET_NAME} in the file.`;
		let diagnostic: Diagnostic;
		const sourced = secret.key ? env?.settings.get(secret.key.key)?.origin : undefined;
		if (sourced && env?.id === secret.key?.environment) {
			// Today's value is read from a source file: the warning sits at its key there.
			diagnostic = { file: sourced.file, ...(sourced.keySpan ?? sourced.span), severity: 'warning', code: 'secret-in-history', message };
		} else if (env) {
			const path =
				secret.key && env.id === secret.key.environment && env.settings.has(secret.key.key)
					? ['settings', ...secret.key.segments]
					: ['settings'];
			diagnostic = diagnosticAt(env.source, path, 'warning', 'secret-in-history', message, 'key');
		} else diagnostic = { file: secret.path, line: 1, column: 1, severity: 'warning', code: 'secret-in-history', message };
		diagnostics.push({ ...diagnostic, secret: secret.secret });
	}
	return diagnostics;
}

/** A Markdown file's front matter as data; undefined when it has none or it does not parse. */
function frontMatterOf(text: string): unknown {
	const match = /^---\r?\n([^]*?)\r?\n---(?:\r?\n|$)/.exec(text);
	if (!match) return undefined;
	try {
		return parse(match[1]!, { uniqueKeys: false, prettyErrors: false, maxAliasCount: 10_000 });
	} catch {
		return undefined;
	}
}

/** Every non-reference literal under a key named like a credential, at any depth (as the secret-literal rule finds them). */
function credentialLiterals(data: unknown, found: { name: string; value: string }[] = []): { name: string; value: string }[] {
	if (Array.isArray(data)) for (const item of data) credentialLiterals(item, found);
	else if (data !== null && typeof data === 'object') {
		for (const [name, value] of Object.entries(data)) {
			// A change's settings are written as dotted keys: the last segment names the value.
			const leaf = name.split('.').at(-1)!;
			if ((typeof value === 'string' || typeof value === 'number') && isCredentialKey(leaf)) {
				const literal = String(value).trim();
				if (literal !== '' && !isSecretReference(literal)) found.push({ name: leaf, value: literal });
			} else credentialLiterals(value, found);
		}
	}
	return found;
}

/** The strings in a setting's value (a scalar, or inside a list or map). */
function stringsOf(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(stringsOf);
	if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
	return [];
}
