import type { ParityModel } from '../model/parity-model.ts';
import type { Issue } from '../model/project.ts';

/** The facets the issue index filters by. */
export const ISSUE_FACETS = ['environment', 'status', 'severity', 'production-only'] as const;

/** An issue facet. */
export type IssueFacet = (typeof ISSUE_FACETS)[number];

/** An issue's values for each facet. */
export function issueFacets(model: ParityModel, issue: Issue): Record<IssueFacet, string[]> {
	return {
		environment: issue.data.environments,
		status: [issue.data.status],
		severity: [issue.data.severity],
		'production-only': [model.productionOnly.get(issue.id) ? 'yes' : 'no'],
	};
}

const valuesCache = new WeakMap<ParityModel, Record<IssueFacet, string[]>>();
const matchingCache = new WeakMap<ParityModel, Map<string, Issue[]>>();

/** Every value of every facet that some issue has, in a stable order; computed once per model. */
export function facetValues(model: ParityModel): Record<IssueFacet, string[]> {
	let values = valuesCache.get(model);
	if (!values) valuesCache.set(model, (values = computeFacetValues(model)));
	return values;
}

function computeFacetValues(model: ParityModel): Record<IssueFacet, string[]> {
	const order: Record<IssueFacet, string[]> = {
		environment: model.environments.map((e) => e.id),
		status: ['open', 'investigating', 'resolved', 'wont-fix'],
		severity: ['critical', 'high', 'medium', 'low'],
		'production-only': ['yes', 'no'],
	};
	const present = {
		environment: new Set<string>(),
		status: new Set<string>(),
		severity: new Set<string>(),
		'production-only': new Set<string>(),
	};
	for (const issue of model.issues)
		for (const [facet, values] of Object.entries(issueFacets(model, issue))) for (const v of values) present[facet as IssueFacet].add(v);
	return Object.fromEntries(ISSUE_FACETS.map((f) => [f, order[f].filter((v) => present[f].has(v))])) as Record<IssueFacet, string[]>;
}

/** The issues with a facet value (all of them without a facet), newest first; every index page of a facet shares one list. */
export function issuesMatching(model: ParityModel, facet?: IssueFacet, value?: string): Issue[] {
	const cache = matchingCache.get(model) ?? matchingCache.set(model, new Map()).get(model)!;
	const key = `${facet ?? ''}\0${value ?? ''}`;
	let list = cache.get(key);
	if (!list) cache.set(key, (list = sortedMatching(model, facet, value)));
	return list;
}

function sortedMatching(model: ParityModel, facet?: IssueFacet, value?: string): Issue[] {
	return model.issues
		.filter((issue) => !facet || issueFacets(model, issue)[facet].includes(value!))
		.sort((a, b) => (a.data.opened < b.data.opened ? 1 : a.data.opened > b.data.opened ? -1 : a.id < b.id ? -1 : 1));
}
