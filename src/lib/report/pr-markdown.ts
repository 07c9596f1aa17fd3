import { formatLine } from '../diagnostics/format.ts';
import type { PublishedProblem } from '../model/export-document.ts';
import { isNeutral, type PrImpact } from '../model/pr-impact.ts';
import { displayValue } from '../model/settings.ts';
import { skewRank } from '../model/version.ts';

const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

/** The hidden marker that lets a workflow find and update its one sticky comment. */
export const REPORT_MARKER = '<!-- envparity-pr-report -->';

/** The one-line verdict that opens the report: what the pull request does to parity. */
export function verdict(impact: PrImpact): string {
	if (impact.withheld)
		return `Has ${plural(impact.errors.head, 'error')} (the build will fail); what it does to parity is reported once ${impact.errors.head === 1 ? 'it is' : 'they are'} fixed.`;
	if (isNeutral(impact)) return 'No change to parity.';
	const parts: string[] = [];
	for (const pair of impact.stagePairs) {
		if (pair.introduced.length > 0)
			parts.push(`introduces ${plural(pair.introduced.length, 'undocumented difference')} between ${pair.from} and ${pair.to}`);
	}
	for (const pair of impact.stagePairs) {
		const grew = pair.skews.filter((s) => skewRank(s.after) > skewRank(s.before));
		if (grew.length > 0)
			parts.push(`widens the version skew between ${pair.from} and ${pair.to} (${grew.map((s) => `${s.key}: ${s.after}`).join(', ')})`);
	}
	const resolved = impact.stagePairs.reduce((n, p) => n + p.resolved.length, 0);
	if (resolved > 0) parts.push(`resolves ${plural(resolved, 'undocumented difference')}`);
	const documented = impact.differences.added.length + impact.differences.changed.length;
	if (documented > 0) parts.push(`documents ${plural(documented, 'difference')}`);
	if (impact.differences.removed.length > 0) parts.push(`removes ${plural(impact.differences.removed.length, 'documented difference')}`);
	if (impact.propagation.length > 0) parts.push(`records ${plural(impact.propagation.length, 'propagation step')}`);
	const completed = impact.changes.filter((c) => c.after === 'complete' && c.before !== 'complete');
	if (completed.length > 0) parts.push(`completes ${completed.map((c) => `"${c.title}"`).join(', ')}`);
	if (impact.issues.opened.length > 0) parts.push(`opens ${plural(impact.issues.opened.length, 'bug')}`);
	if (impact.issues.resolved.length > 0) parts.push(`resolves ${plural(impact.issues.resolved.length, 'bug')}`);
	if (parts.length === 0) {
		const envs = new Set(impact.settings.map((s) => s.env));
		if (impact.settings.length > 0)
			parts.push(`changes ${plural(impact.settings.length, 'setting')} in ${[...envs].join(', ')} without changing parity`);
		else parts.push('changes content without changing parity');
	}
	const text = parts.join('; ');
	return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

const cell = (value: unknown): string =>
	value === undefined ? '—' : `\`${displayValue(value).replace(/\|/g, '\\|').replace(/`/g, "'")}\``;

function details(summary: string, body: string[]): string[] {
	return ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>', ''];
}

/** Problems as a fenced block, the fence longer than any run of backticks in them, so that no message can close it. */
function problemBlock(problems: readonly PublishedProblem[]): string[] {
	const text = problems.map(formatLine);
	const longest = Math.max(0, ...text.map((line) => Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length))));
	const fence = '`'.repeat(Math.max(3, longest + 1));
	return [fence, ...text, fence];
}

/** The changed files, for a report whose parity deltas are withheld. */
function fileList(files: PrImpact['files']): string[] {
	const code = (path: string): string => `\`${path.replace(/`/g, "'")}\``;
	return [
		...files.added.map((path) => `- added ${code(path)}`),
		...files.changed.map((path) => `- changed ${code(path)}`),
		...files.removed.map((path) => `- deleted ${code(path)}`),
	];
}

/**
 * The report as Markdown for a pull-request comment: the verdict, then collapsible detail. When the head
 * has errors, the report leads with them and lists the changed files instead of parity deltas.
 */
export function formatPrMarkdown(impact: PrImpact, refs: { base: string; head: string }): string {
	const lines = [REPORT_MARKER, `**envparity:** ${verdict(impact)}`, ''];
	if (isNeutral(impact)) return `${lines.join('\n')}\n`;
	lines.push(`<sub>Compared ${refs.base.slice(0, 12)} (merge base) with ${refs.head.slice(0, 12)}.</sub>`, '');
	if (impact.withheld) {
		lines.push(`**${impact.errors.head === 1 ? 'The error' : 'Errors'} in the head**`, '', ...problemBlock(impact.headErrors), '');
		lines.push(
			'> Parity changes are not shown while the head has errors: a file with an error can drop out of the model, and a comparison would then report its content as removed. Fix the errors and push again to see what this pull request does to parity.',
			'',
		);
		if (impact.errors.base > 0) lines.push(`> The base had ${plural(impact.errors.base, 'error')} too.`, '');
		const listed = fileList(impact.files);
		if (listed.length > 0) lines.push(...details(`Files changed (${listed.length})`, listed));
		return `${lines.join('\n').trimEnd()}\n`;
	}
	if (impact.errors.base > 0)
		lines.push(`> The base had ${plural(impact.errors.base, 'error')}; the comparison covers what validated there.`, '');
	const envs = impact.environments;
	if (envs.added.length + envs.removed.length + envs.renamed.length > 0) {
		lines.push(
			...details('Environments', [
				...envs.added.map((id) => `- added **${id}**`),
				...envs.removed.map((id) => `- removed **${id}**`),
				...envs.renamed.map((r) => `- renamed **${r.from}** → **${r.to}**`),
			]),
		);
	}
	if (impact.settings.length > 0) {
		lines.push(
			...details(`Settings changed (${impact.settings.length})`, [
				'| Environment | Setting | Before | After |',
				'| --- | --- | --- | --- |',
				...impact.settings.map((s) => `| ${s.env} | \`${s.key}\` | ${cell(s.before)} | ${cell(s.after)} |`),
			]),
		);
	}
	for (const pair of impact.stagePairs) {
		const body: string[] = [];
		for (const r of pair.introduced) body.push(`- ⚠️ \`${r.key}\` is now **${r.status}** (undocumented)`);
		for (const r of pair.resolved) body.push(`- ✅ \`${r.key}\` no longer ${r.status === 'missing' ? 'missing' : 'drifts'}`);
		for (const key of pair.documented) body.push(`- 📝 \`${key}\` is now documented`);
		for (const s of pair.skews)
			body.push(
				`- version skew of \`${s.key}\`: ${s.before ?? 'none'} → ${s.after ?? 'none'} (${skewRank(s.after) > skewRank(s.before) ? 'grew' : 'shrank'})`,
			);
		if (body.length > 0) lines.push(...details(`${pair.from} → ${pair.to}`, body));
	}
	const diff = impact.differences;
	if (diff.added.length + diff.changed.length + diff.removed.length > 0) {
		lines.push(
			...details('Documented differences', [
				...diff.added.map((k) => `- added \`${k}\``),
				...diff.changed.map((k) => `- changed \`${k}\``),
				...diff.removed.map((k) => `- removed \`${k}\``),
			]),
		);
	}
	if (impact.propagation.length + impact.changes.length > 0) {
		lines.push(
			...details('Changes and propagation', [
				...impact.propagation.map((p) => `- ${p.title}: ${p.env} ${p.before ?? 'new'} → **${p.after}**${p.date ? ` (${p.date})` : ''}`),
				...impact.changes.map((c) => `- ${c.title}: ${c.before ?? 'new'} → **${c.after ?? 'removed'}**`),
			]),
		);
	}
	const issues = impact.issues;
	if (issues.opened.length + issues.resolved.length + issues.reopened.length > 0) {
		lines.push(
			...details('Bugs', [
				...issues.opened.map((i) => `- opened ${i.title}${i.productionOnly ? ' (production only)' : ''}`),
				...issues.resolved.map((i) => `- resolved ${i.title}`),
				...issues.reopened.map((i) => `- reopened ${i.title}`),
			]),
		);
	}
	const { introduced, resolved, fixed } = impact.problems;
	if (introduced.length > 0 || fixed > 0) {
		const listed = [
			...(introduced.length > 0 ? ['New:', '', ...problemBlock(introduced)] : ['No new problem.']),
			...(resolved.length > 0 ? ['', 'Fixed (where the base had them):', '', ...problemBlock(resolved)] : []),
		];
		lines.push(...details(`Problems: ${introduced.length} new, ${fixed} fixed`, listed));
	}
	return `${lines.join('\n').trimEnd()}\n`;
}
