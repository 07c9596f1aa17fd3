import type { ParityModel } from '../../model/parity-model.ts';
import { pipelineDiagram } from '../diagrams.ts';
import type { SiteLinks } from '../links.ts';
import { computeOverview } from '../overview.ts';
import { shortList, type ShortList } from './entity-list.ts';
import { layoutView, type LayoutView } from './layout.ts';

/** Everything the home page shows. */
export interface HomePage {
	layout: LayoutView;
	title: string;
	diagram: { code: string; label: string };
	stats: { href: string; value: number; label: string; note?: string }[];
	stages: { title: string; href: string; score: number; summary: string; badge: { src: string; alt: string } }[];
	waiting: ShortList;
	productionOnly: ShortList;
	stale: ShortList;
}

/** The home page: the pipeline, the headline counts, adjacent stages, changes waiting, production-only bugs, stale verifications. */
export function homePage(model: ParityModel, links: SiteLinks): HomePage {
	const o = computeOverview(model);
	const title = model.config.title;
	return {
		layout: layoutView(model, links, { title, description: 'The state of parity between environments at a glance.' }),
		title,
		diagram: {
			code: pipelineDiagram(model),
			label: `The pipeline ${model.config.pipeline.join(' → ')} with the parity score between adjacent stages`,
		},
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
		stages: model.scores.stages.map((s) => ({
			title: `${s.from} → ${s.to}`,
			href: links.matrix(),
			score: Math.round(s.score * 100),
			summary: `${s.drift} drift · ${s.missing} missing · ${s.documented} documented`,
			badge: { src: links.badge(s.from, s.to), alt: `Badge: ${s.from} → ${s.to} parity` },
		})),
		waiting: shortList(
			o.waiting.map(({ change, propagation }) => ({
				href: links.change(change.id),
				title: change.data.title,
				note: `${propagation.stalled ? 'stalled' : 'pending'} in ${propagation.pending.join(', ')} for ${propagation.pendingDays} days`,
			})),
			10,
			'Every change has reached every environment.',
			{ href: links.changes(), label: (n) => `All ${n} changes on the board →` },
		),
		productionOnly: shortList(
			o.productionOnly.map((issue) => ({
				href: links.issue(issue.id),
				title: issue.data.title,
				note: issue.data.status === 'resolved' && issue.data.resolved ? `resolved ${issue.data.resolved}` : issue.data.status,
			})),
			8,
			'No production-only bug recorded.',
		),
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
