import { describe, expect, it } from 'vitest';
import type { ParityModel } from '../../../src/lib/model/parity-model.ts';
import { changeFilters, environmentFilters, issueFilters, runbookFilters } from '../../../src/lib/site/search-filters.ts';
import { baseline } from '../../helpers/repo.ts';
import { changeFile, edited, issueFile, modelOf, runbookFile } from './site-repo.ts';

function withFiles(extra: Record<string, string>): ParityModel {
	return modelOf({ ...baseline(), ...extra });
}

function changeOf(model: ParityModel, id: string) {
	return changeFilters(
		model,
		model.changes.find((c) => c.id === id)!,
	);
}

function issueOf(model: ParityModel, id: string) {
	return issueFilters(
		model,
		model.issues.find((i) => i.id === id)!,
	);
}

describe('environmentFilters', () => {
	it('files an environment under its kind, id and stage', () => {
		const model = modelOf();
		expect(environmentFilters(model.environments[1]!)).toEqual({ kind: ['environment'], environment: ['staging'], stage: ['staging'] });
	});

	it('uses the stage, not the id, for the stage filter', () => {
		const model = modelOf({
			...baseline(),
			'environments/production-us.yaml': baseline()['environments/production.yaml']!.replace('name: Production', 'name: Production US'),
		});
		expect(environmentFilters(model.environments.find((e) => e.id === 'production-us')!)).toEqual({
			kind: ['environment'],
			environment: ['production-us'],
			stage: ['production'],
		});
	});
});

describe('changeFilters', () => {
	it('files a complete change under no environment, as it waits on none, with its state (the baseline)', () => {
		expect(changeOf(modelOf(), 'redis-pool')).toEqual({ kind: ['change'], environment: [], stage: [], status: ['complete'] });
	});

	it('files a change under the environments it still waits on, listing a shared stage once', () => {
		const model = modelOf({
			...baseline(),
			'environments/production-us.yaml': baseline()['environments/production.yaml']!.replace('name: Production', 'name: Production US'),
		});
		expect(changeOf(model, 'redis-pool')).toMatchObject({ environment: ['production-us'], stage: ['production'] });
		const failed = withFiles({
			'changes/x.md': changeFile({ propagation: '{ dev: { status: applied, date: 2024-02-25 }, staging: failed }' }),
		});
		expect(changeOf(failed, 'x')).toMatchObject({ environment: ['staging', 'production'], stage: ['staging', 'production'] });
	});

	it.each([
		['in-progress', changeFile({ propagation: '{ dev: { status: applied, date: 2024-02-25 } }' })],
		['not-started', changeFile({ date: '2024-02-25' })],
		['rolled-back', changeFile({ propagation: '{ dev: rolled-back }' })],
		['failed', changeFile({ propagation: '{ dev: failed }' })],
	])('files a change by its state: %s', (state, file) => {
		expect(changeOf(withFiles({ 'changes/x.md': file }), 'x').status).toEqual([state]);
	});

	it('files a change pending too long as stalled rather than by its state', () => {
		const model = withFiles({
			'changes/x.md': changeFile({ date: '2024-01-01', propagation: '{ dev: { status: applied, date: 2024-01-02 } }' }),
		});
		expect(model.propagation.get('x')!.state).toBe('in-progress');
		expect(changeOf(model, 'x').status).toEqual(['stalled']);
	});
});

describe('issueFilters', () => {
	it('files the baseline bug under where it was seen, its stage, status, severity and production-only', () => {
		expect(issueOf(modelOf(), 'payment-timeout')).toEqual({
			kind: ['issue'],
			environment: ['production'],
			stage: ['production'],
			status: ['resolved'],
			severity: ['high'],
			production_only: ['yes'],
		});
	});

	it('files a bug seen in several environments under each, with each stage once', () => {
		const model = modelOf({
			...baseline(),
			'environments/production-us.yaml': baseline()['environments/production.yaml']!.replace('name: Production', 'name: Production US'),
			'issues/x.md': issueFile({ environments: '[staging, production, production-us]' }),
		});
		expect(issueOf(model, 'x')).toMatchObject({
			environment: ['staging', 'production', 'production-us'],
			stage: ['staging', 'production'],
			production_only: ['no'],
		});
	});

	it('files a production bug reproduced in staging as not production-only', () => {
		expect(
			issueOf(
				modelOf(edited('issues/payment-timeout.md', 'reproduced: { staging: false }', 'reproduced: { staging: true }')),
				'payment-timeout',
			).production_only,
		).toEqual(['no']);
	});

	it('leaves an unknown environment out of the stages', () => {
		expect(issueOf(withFiles({ 'issues/x.md': issueFile({ environments: '[qa, dev]' }) }), 'x')).toMatchObject({
			environment: ['qa', 'dev'],
			stage: ['dev'],
		});
	});

	it('files by status and severity', () => {
		expect(issueOf(withFiles({ 'issues/x.md': issueFile({ status: 'investigating', severity: 'critical' }) }), 'x')).toMatchObject({
			status: ['investigating'],
			severity: ['critical'],
		});
	});
});

describe('runbookFilters', () => {
	it('files the baseline runbook under its environments and their stages', () => {
		const model = modelOf();
		expect(runbookFilters(model, model.runbooks[0]!)).toEqual({ kind: ['runbook'], environment: ['production'], stage: ['production'] });
	});

	it('files a runbook that names no environment under its kind alone', () => {
		const model = withFiles({ 'runbooks/general.md': runbookFile() });
		expect(
			runbookFilters(
				model,
				model.runbooks.find((r) => r.id === 'general')!,
			),
		).toEqual({ kind: ['runbook'], environment: [], stage: [] });
	});

	it('lists each stage once and leaves out unknown environments', () => {
		const model = withFiles({ 'runbooks/general.md': runbookFile({ extra: ['environments: [dev, staging, qa, production]'] }) });
		expect(
			runbookFilters(
				model,
				model.runbooks.find((r) => r.id === 'general')!,
			),
		).toEqual({ kind: ['runbook'], environment: ['dev', 'staging', 'qa', 'production'], stage: ['dev', 'staging', 'production'] });
	});
});
