import { describe, expect, it } from 'vitest';
import {
	commitIndexAt,
	commitIndexOf,
	computeTimelines,
	heldSince,
	keyTimelines,
	matrixStatusAt,
	settingsAt,
	timelineKeys,
	type HistoryInput,
} from '../../../src/lib/model/timeline.ts';
import { analyzeFiles, baseline } from '../../helpers/repo.ts';

const commit = (date: string, subject: string) => ({
	hash: `${subject.replace(/\W/g, '').toLowerCase().padEnd(40, '0')}`,
	date,
	author: 'Ana',
	subject,
});

/**
 * The payment-timeout story: production and staging start at 30 s and 120 s; production is raised to 120 s; later
 * staging's Redis pool is raised.
 */
const history: HistoryInput = {
	commits: [commit('2024-01-10', 'Start'), commit('2024-02-03', 'Raise the LB timeout'), commit('2024-03-01', 'Raise the pool')],
	versions: [
		{ commit: 0, path: 'environments/production.yaml', settings: { lb: { timeout: 30 }, redis: { pool: 10 } }, aliases: [] },
		{ commit: 0, path: 'environments/staging.yaml', settings: { lb: { timeout: 120 }, redis: { pool: 10 } }, aliases: [] },
		{ commit: 1, path: 'environments/production.yaml', settings: { lb: { timeout: 120 }, redis: { pool: 10 } }, aliases: [] },
		{ commit: 2, path: 'environments/staging.yaml', settings: { lb: { timeout: 120 }, redis: { pool: 20 } }, aliases: [] },
	],
	shallow: false,
};

const environments = [
	{ id: 'staging', file: 'environments/staging.yaml', data: {} },
	{ id: 'production', file: 'environments/production.yaml', data: {} },
];

describe('timelines', () => {
	it("gives each key's timeline per environment, in today's environment order", () => {
		const timelines = computeTimelines(history, environments);
		expect(timelineKeys(timelines)).toEqual(['lb.timeout', 'redis.pool']);
		expect(keyTimelines(timelines, 'lb.timeout').map((t) => [t.key, t.entries.map((e) => [e.date, e.event, e.value])])).toEqual([
			['lb.timeout', [['2024-01-10', 'added', 120]]],
			[
				'lb.timeout',
				[
					['2024-01-10', 'added', 30],
					['2024-02-03', 'changed', 120],
				],
			],
		]);
		expect(keyTimelines(timelines, 'lb.timeout', 'production')).toHaveLength(1);
	});

	it('knows since which commit a value has been held, and only when the history ends with it', () => {
		const timelines = computeTimelines(history, environments);
		expect(heldSince(timelines, 'production', 'lb.timeout', 120)).toMatchObject({ date: '2024-02-03', subject: 'Raise the LB timeout' });
		expect(heldSince(timelines, 'production', 'lb.timeout', '120')?.date).toBe('2024-02-03');
		expect(heldSince(timelines, 'production', 'lb.timeout', 30)).toBeUndefined();
		expect(heldSince(timelines, 'production', 'no.such.key', 30)).toBeUndefined();
	});

	it('finds the last commit on or before a day', () => {
		expect(commitIndexAt(history, '2024-01-09')).toBe(-1);
		expect(commitIndexAt(history, '2024-01-10')).toBe(0);
		expect(commitIndexAt(history, '2024-02-02')).toBe(0);
		expect(commitIndexAt(history, '2024-02-03')).toBe(1);
		expect(commitIndexAt(history, '2030-01-01')).toBe(2);
	});

	it('finds a commit by its hash or a prefix of it', () => {
		expect(commitIndexOf(history, history.commits[1]!.hash)).toBe(1);
		expect(commitIndexOf(history, history.commits[1]!.hash.slice(0, 7).toUpperCase())).toBe(1);
		expect(commitIndexOf(history, 'abc')).toBe(-1);
		expect(commitIndexOf(history, 'ffffffff')).toBe(-1);
	});

	it('gives the settings of every environment at a commit: then and now for a bug opened on 2024-02-01', () => {
		const then = settingsAt(history, environments, commitIndexAt(history, '2024-02-01'));
		expect(then.get('production')!.get('lb.timeout')!.value).toBe(30);
		expect(then.get('staging')!.get('lb.timeout')!.value).toBe(120);
		const now = settingsAt(history, environments, history.commits.length - 1);
		expect(now.get('production')!.get('lb.timeout')!.value).toBe(120);
		expect(settingsAt(history, environments, -1).size).toBe(0);
	});

	it('gives the status of each matrix row at an earlier point, and the rows whose status changed since', () => {
		const files = baseline();
		const { model } = analyzeFiles(files);
		// The baseline today: every environment at 120 s and a pool of 20. Thirty days earlier, production was at 30 s.
		const earlier: HistoryInput = {
			commits: [commit('2024-01-10', 'Start'), commit('2024-02-03', 'Today')],
			versions: [
				...model.environments.map((env) => ({
					commit: 0,
					path: env.file,
					settings: {
						runtime: { node: '18.17.1' },
						redis: { version: '7.0.11', pool_size: 20 },
						database: { engine: env.id === 'dev' ? 'sqlite' : 'postgresql' },
						load_balancer: { timeout_seconds: env.id === 'production' ? 30 : 120 },
						...(env.id === 'dev' ? { debug: true } : {}),
					},
					aliases: [],
				})),
			],
			shallow: false,
		};
		const { then, changed } = matrixStatusAt(earlier, model, model.config, 0);
		expect(then.get('load_balancer.timeout_seconds')).toBe('drift');
		expect(then.get('database.engine')).toBe('documented');
		expect(changed).toEqual([
			{ key: 'debug', then: 'missing' },
			{ key: 'load_balancer.timeout_seconds', then: 'drift', now: 'same' },
		]);
	});
});
