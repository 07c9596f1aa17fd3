import type { ParityModel } from '../model/parity-model.ts';

/** The filters the search page offers, with every value the index can hold, in a stable order. */
export function searchOptions(model: ParityModel): { name: string; label: string; values: string[] }[] {
	return [
		{ name: 'kind', label: 'Kind', values: ['environment', 'change', 'issue', 'runbook', 'difference', 'setting'] },
		{ name: 'environment', label: 'Environment', values: model.environments.map((e) => e.id) },
		{ name: 'stage', label: 'Stage', values: [...model.config.pipeline] },
		{
			name: 'status',
			label: 'Status',
			values: [
				'open',
				'investigating',
				'resolved',
				'wont-fix',
				'not-started',
				'in-progress',
				'stalled',
				'complete',
				'failed',
				'rolled-back',
			],
		},
		{ name: 'severity', label: 'Severity or risk', values: ['critical', 'high', 'medium', 'low'] },
		{ name: 'production_only', label: 'Production only', values: ['yes', 'no'] },
	];
}
