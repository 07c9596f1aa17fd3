import type { ParityModel } from '../model/parity-model.ts';
import type { EntityFolder } from '../schema/content-files.ts';
import { displayValue } from '../model/settings.ts';
import { escapeXml } from './feeds.ts';
import { byline, changeStateLabel } from './entity-views.ts';
import { createLinks } from './links.ts';
import { changeFilters, environmentFilters, issueFilters, runbookFilters, type SearchFilters } from './search-filters.ts';
import { siteIndex } from './site-index.ts';

/** What Pagefind indexes for one entity page: its root-relative URL and a small HTML document. */
export interface SearchDocument {
	url: string;
	html: string;
}

/**
 * The search record of an entity page, built from the model and the entity's rendered Markdown
 * rather than from the built page. Search gets the words a reader looks for (title, facts, body,
 * configuration files) and the filters, without the page's tables, navigation and lists of other
 * entities; and the index can be filled while Astro is still rendering the pages.
 */
export function searchDocument(model: ParityModel, kind: EntityFolder, id: string, bodyHtml: string): SearchDocument | undefined {
	const links = createLinks('/');
	const index = siteIndex(model);
	switch (kind) {
		case 'environments': {
			const env = model.environments.find((e) => e.id === id);
			if (!env) return undefined;
			const fresh = model.freshness.get(env.id);
			const observation = model.observations.get(env.id);
			const verified =
				fresh?.byObservation && observation
					? `by observation on ${observation.observedOn}`
					: env.data.verified
						? `${byline(env.data.verified.date, env.data.verified.by)}${fresh?.stale ? ', stale' : ''}`
						: 'never';
			return document(
				links.environment(env.id),
				env.data.name,
				[
					['Stage', env.data.stage],
					['Owner', env.data.owner],
					['URL', env.data.url],
					['Verified', verified],
					['Aliases', env.data.aliases?.join(' ')],
				],
				bodyHtml,
				[],
				environmentFilters(env),
			);
		}
		case 'changes': {
			const change = index.changeByRef.get(id);
			if (!change || change.id !== id) return undefined;
			const settings = Object.entries(change.data.settings ?? {}).map(([key, value]) => `${key}: ${displayValue(value)}`);
			return document(
				links.change(change.id),
				change.data.title,
				[
					['State', changeStateLabel(model.propagation.get(change.id)!)],
					['Date', byline(change.data.date, change.data.author)],
					['Reason', change.data.reason],
					['Rollback', change.data.rollback],
					['Verification', change.data.verification],
					['Sets', settings.join(', ') || undefined],
					['Aliases', change.data.aliases?.join(' ')],
				],
				bodyHtml,
				[],
				changeFilters(model, change),
			);
		}
		case 'issues': {
			const issue = index.issueByRef.get(id);
			if (!issue || issue.id !== id) return undefined;
			return document(
				links.issue(issue.id),
				issue.data.title,
				[
					['Status', issue.data.status],
					['Severity', issue.data.severity],
					['Scope', model.productionOnly.get(issue.id) ? 'production only' : undefined],
					['Environments', issue.data.environments.join(' ')],
					['Aliases', issue.data.aliases?.join(' ')],
					['Opened', issue.data.opened],
					['Resolved', issue.data.resolved],
					['Root cause', issue.data.root_cause],
					['Resolution', issue.data.resolution],
					['Settings', issue.data.settings?.join(' ')],
				],
				bodyHtml,
				issue.data.config_files ?? [],
				issueFilters(model, issue),
			);
		}
		case 'runbooks': {
			const runbook = index.runbookByRef.get(id);
			if (!runbook || runbook.id !== id) return undefined;
			return document(
				links.runbook(runbook.id),
				runbook.data.title,
				[
					['Owner', runbook.data.owner],
					['Environments', runbook.data.environments?.join(' ')],
					['Review by', runbook.data.review_by],
					['Stable link', [runbook.id, ...(runbook.data.aliases ?? [])].map((ref) => links.go(ref)).join(' ')],
					['Settings', runbook.data.settings?.join(' ')],
				],
				bodyHtml,
				[],
				runbookFilters(model, runbook),
			);
		}
	}
}

function document(
	url: string,
	title: string,
	facts: [string, string | undefined][],
	bodyHtml: string,
	files: string[],
	filters: SearchFilters,
): SearchDocument {
	const e = escapeXml;
	// Each fact is a paragraph of its own, so that search never runs one fact's words into the next.
	const factHtml = facts
		.filter(([, value]) => value)
		.map(([label, value]) => `<p>${e(label)}: ${e(value!)}</p>`)
		.join('');
	const fileHtml = files.length > 0 ? `<h2>Configuration files</h2><ul>${files.map((f) => `<li>${e(f)}</li>`).join('')}</ul>` : '';
	const filterHtml = Object.entries(filters)
		.flatMap(([name, values]) => values.map((v) => `<span data-pagefind-filter="${e(name)}">${e(v)}</span>`))
		.join('');
	return {
		url,
		html: `<!doctype html><html lang="en"><head><title>${e(title)}</title></head><body><main data-pagefind-body><h1>${e(title)}</h1>${factHtml}${bodyHtml}${fileHtml}<div hidden data-pagefind-ignore="index">${filterHtml}</div></main></body></html>`,
	};
}
