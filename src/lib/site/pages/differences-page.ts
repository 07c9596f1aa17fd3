import type { ParityModel } from '../../model/parity-model.ts';
import { displayValue } from '../../model/settings.ts';
import type { SiteLinks } from '../links.ts';
import { layoutView, type LayoutView } from './layout.ts';
import { coveredSettingsTable, type SettingsTableView } from './settings-table.ts';

const RISK_ORDER = { high: 0, medium: 1, low: 2 } as const;
const RISK_TONE = { high: 'bad', medium: 'warn', low: 'good' } as const;

/** Everything the page of documented differences shows. */
export interface DifferencesPage {
	layout: LayoutView;
	differences: {
		/** The anchor that `links.difference(index)` points at. */
		anchor: string;
		key: string;
		risk: { label: string; tone: 'bad' | 'warn' | 'good' };
		rationale: string;
		mitigation?: string;
		owner?: string;
		review?: { date: string; due: boolean };
		expects?: string;
		table: SettingsTableView;
	}[];
}

/** The documented differences, riskiest first, each with the current values of the settings it covers. */
export function differencesPage(model: ParityModel, links: SiteLinks): DifferencesPage {
	const differences = [...model.differences].sort((x, y) => RISK_ORDER[x.data.risk] - RISK_ORDER[y.data.risk] || x.index - y.index);
	return {
		layout: layoutView(model, links, {
			title: 'Documented differences',
			description: 'Every intentional difference between environments, with rationale, risk and current values.',
		}),
		differences: differences.map((d) => ({
			anchor: `difference-${d.index + 1}`,
			key: d.data.key,
			risk: { label: `${d.data.risk} risk`, tone: RISK_TONE[d.data.risk] },
			rationale: d.data.rationale,
			...(d.data.mitigation ? { mitigation: d.data.mitigation } : {}),
			...(d.data.owner ? { owner: d.data.owner } : {}),
			...(d.data.review_by ? { review: { date: d.data.review_by, due: d.data.review_by < model.today } } : {}),
			...(d.data.values
				? {
						expects: Object.entries(d.data.values)
							.map(([k, v]) => `${k}: ${displayValue(v)}`)
							.join(' · '),
					}
				: {}),
			table: coveredSettingsTable(
				model,
				links,
				model.matrix.filter((row) => d.glob?.matches(row.segments)),
			),
		})),
	};
}
