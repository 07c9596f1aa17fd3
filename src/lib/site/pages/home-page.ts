import type { ParityModel } from '../../model/parity-model.ts';
import { pipelineDiagram } from '../diagrams.ts';
import type { SiteLinks } from '../links.ts';
import { computeOverview, isOpen } from '../overview.ts';
import { shortList, type ShortList } from './entity-list.ts';
import { layoutView, type LayoutView } from './layout.ts';

/** How far one environment drifts from production. */
export interface DriftRow {
	name: string;
	/** Its comparison with production, key by key. */
	href: string;
	drift: number;
	missing: number;
	documented: number;
	/** Same or documented, in percent. */
	score: number;
}

/** Everything the home page shows. */
export interface HomePage {
	layout: LayoutView;
	title: string;
	/** The first screen answers three questions: which environments drift from production and how much… */
	drift: { reference: { name: string; href: string } | null; rows: DriftRow[]; empty: string; matrix: string };
	/** …what waits to be propagated, and since when… */
	waiting: ShortList;
	/** …and which production-only bugs are open. */
	productionOnly: ShortList;
	stats: { href: string; value: number; label: string; note?: string }[];
	diagram: { code: string; label: string };
	stages: { title: string; href: string; score: number; summary: string; badge: { src: string; alt: string } }[];
	stale: ShortList;
}

// How many entries each of the first screen's lists shows, so that the three fit on a laptop's screen.
const FIRST_SCREEN = 5;

/** A date `days` days before `today` (YYYY-MM-DD). */
function daysBefore(today: string, days: number): string {
	return new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** The home page: drift from production, changes waiting, open production-only bugs; then counts, the pipeline, stages, stale verifications. */
export function homePage(model: ParityModel, links: SiteLinks): HomePage {
	const o = computeOverview(model);
	const title = model.config.title;
	const lastStage = model.config.pipeline.at(-1);
	const production = model.environments.find((e) => e.data.stage === lastStage);
	const allProductionOnly = o.productionOnly;
	const openProductionOnly = allProductionOnly.filter(isOpen);
	return {
		layout: layoutView(model, links, { title, description: 'The state of parity between environments at a glance.' }),
		title,
		drift: {
			reference: production ? { name: production.data.name, href: links.environment(production.id) } : null,
			rows: production
				? model.environments
						.filter((env) => env !== production)
						.map((env) => {
							const s = model.scores.pairs.find(
								(p) => (p.a === env.id && p.b === production.id) || (p.a === production.id && p.b === env.id),
							)!;
							return {
								name: env.data.name,
								href: links.compare(env.id, production.id),
								drift: s.drift,
								missing: s.missing,
								documented: s.documented,
								score: Math.round(s.score * 100),
							};
						})
				: [],
			empty: production ? `${production.data.name} is the only environment.` : `No environment in the ${lastStage} stage.`,
			matrix: links.matrix({ status: 'drift' }),
		},
		waiting: shortList(
			o.waiting.map(({ change, propagation }) => {
				const failed = Object.entries(propagation.steps)
					.filter(([, step]) => step.status === 'failed')
					.map(([env]) => env);
				const waits = `${propagation.stalled ? 'stalled' : 'pending'} in ${propagation.pending.join(', ')}`;
				return {
					href: links.change(change.id),
					title: change.data.title,
					note: `${failed.length > 0 ? `failed in ${failed.join(', ')}; ` : ''}${waits} since ${daysBefore(model.today, propagation.pendingDays)} (${propagation.pendingDays} days)`,
				};
			}),
			FIRST_SCREEN,
			'Every change has reached every environment.',
			{ href: links.changes(), label: (n) => `All ${n} changes waiting, on the board →` },
		),
		productionOnly: shortList(
			openProductionOnly.map((issue) => ({
				href: links.issue(issue.id),
				title: issue.data.title,
				note: `${issue.data.status} · ${issue.data.severity} · opened ${issue.data.opened}`,
			})),
			FIRST_SCREEN,
			allProductionOnly.length > 0
				? `No production-only bug is open (${allProductionOnly.length} resolved or closed).`
				: 'No production-only bug recorded.',
			{ href: links.issues({ facet: 'production-only', value: 'yes' }), label: (n) => `All ${n} open, and the closed ones →` },
		),
		stats: [
			{ href: links.matrix({ status: 'drift' }), value: o.counts.drift, label: 'undocumented drift' },
			{ href: links.matrix({ status: 'missing' }), value: o.counts.missing, label: 'missing settings' },
			{
				href: links.matrix(),
				value: o.skews.major + o.skews.minor + o.skews.patch,
				label: 'version skews',
				note: `(${o.skews.major} major, ${o.skews.minor} minor, ${o.skews.patch} patch)`,
			},
			{
				href: links.changes(),
				value: o.waiting.length,
				label: 'changes not everywhere',
				note: `(${o.waiting.filter((w) => w.propagation.stalled).length} stalled)`,
			},
		],
		diagram: {
			code: pipelineDiagram(model),
			label: `The pipeline ${model.config.pipeline.join(' → ')} with the parity score between adjacent stages`,
		},
		stages: model.scores.stages.map((s) => ({
			title: `${s.from} → ${s.to}`,
			href: links.matrix(),
			score: Math.round(s.score * 100),
			summary: `${s.drift} drift · ${s.missing} missing · ${s.documented} documented`,
			badge: { src: links.badge(s.from, s.to), alt: `Badge: ${s.from} → ${s.to} parity` },
		})),
		stale: shortList(
			o.stale.map(({ env, ageDays }) => ({
				href: links.environment(env.id),
				title: env.data.name,
				note: ageDays === null ? 'never verified' : `verified ${ageDays} days ago`,
			})),
			Infinity,
			`Every environment was verified in the last ${model.config.stale_after_days} days.`,
		),
	};
}
