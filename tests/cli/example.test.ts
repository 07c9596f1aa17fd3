import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeRoot } from '../../src/lib/engine.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe("the repository's own example content", async () => {
	// The example's dates are from 2024; judge it at a date shortly after, and at a much later one.
	const soon = await analyzeRoot(ROOT, { now: new Date('2024-06-01T00:00:00Z') });
	const later = await analyzeRoot(ROOT, { now: new Date('2026-11-26T00:00:00Z') });

	it('validates with no errors', () => {
		for (const analysis of [soon, later]) expect(analysis.problems.filter((p) => p.severity === 'error')).toEqual([]);
	});

	it('shows every rule at least once, as a reader learning the formats needs', () => {
		const { model, problems } = later;
		const codes = new Set(problems.map((p) => p.code));
		expect(codes).toContain('undocumented-drift');
		expect(new Set(model.matrix.map((r) => r.skew))).toEqual(new Set([null, 'major', 'minor', 'patch']));
		expect(new Set(model.matrix.map((r) => r.status))).toEqual(new Set(['same', 'documented', 'drift', 'missing']));
		const propagation = [...model.propagation.values()];
		expect(propagation.some((p) => p.stalled)).toBe(true);
		expect(propagation.some((p) => p.outOfOrder)).toBe(true);
		expect(new Set(propagation.map((p) => p.state))).toEqual(new Set(['complete', 'in-progress', 'failed', 'rolled-back']));
		const productionOnly = model.issues.filter((i) => model.productionOnly.get(i.id));
		expect(productionOnly.some((i) => i.data.status === 'open' || i.data.status === 'investigating')).toBe(true);
		expect(productionOnly.some((i) => i.data.status === 'resolved')).toBe(true);
		expect(model.runbooks.length).toBeGreaterThanOrEqual(2);
	});

	it('models the team the formats were designed for', () => {
		const { model } = later;
		const value = (key: string, env: string) => model.matrix.find((r) => r.key === key)?.values[env];
		expect(model.config.pipeline).toEqual(['dev', 'staging', 'production']);
		expect(value('runtime.node', 'production')).toBe('18.17.1');
		expect(value('database.version', 'production')).toBe('15.2');
		expect(value('redis.version', 'production')).toBe('7.0.11');
		const redisPool = model.propagation.get('redis-pool')!;
		expect(redisPool.steps.dev!.status).toBe('applied');
		expect(redisPool.steps.staging!.status).toBe('applied');
		expect(redisPool.pending).toContain('production');
		const timeout = model.issues.find((i) => i.id === 'payment-timeout')!;
		expect(timeout.data.config_files).toContain('nginx/timeout.conf');
		expect(model.productionOnly.get('payment-timeout')).toBe(true);
	});
});
