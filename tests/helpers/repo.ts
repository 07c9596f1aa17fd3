import { analyze, type Analysis } from '../../src/lib/engine.ts';
import type { RawFile } from '../../src/lib/schema/content-files.ts';

import { dedent } from './dedent.ts';

export { dedent };

/** The fixed "now" of the tests. */
export const NOW = new Date('2024-03-01T00:00:00Z');

/** A valid repository: every rule satisfied, so a test can break exactly one thing. */
export function baseline(): Record<string, string> {
	return {
		'environments/dev.yaml': dedent(`
			name: Development
			stage: dev
			verified: { date: 2024-02-20, by: "@ana" }
			settings:
			  runtime: { node: "18.17.1" }
			  redis: { version: "7.0.11", pool_size: 20 }
			  database: { engine: sqlite }
			  load_balancer: { timeout_seconds: 120 }
		`),
		'environments/staging.yaml': dedent(`
			name: Staging
			stage: staging
			verified: { date: 2024-02-20, by: "@ana" }
			settings:
			  runtime: { node: "18.17.1" }
			  redis: { version: "7.0.11", pool_size: 20 }
			  database: { engine: postgresql }
			  load_balancer: { timeout_seconds: 120 }
		`),
		'environments/production.yaml': dedent(`
			name: Production
			stage: production
			verified: { date: 2024-02-20, by: "@ana" }
			settings:
			  runtime: { node: "18.17.1" }
			  redis: { version: "7.0.11", pool_size: 20 }
			  database: { engine: postgresql }
			  load_balancer: { timeout_seconds: 120 }
		`),
		'environments/differences.yaml': dedent(`
			- key: database.engine
			  values: { dev: sqlite, staging: postgresql, production: postgresql }
			  rationale: Zero-setup local development.
			  risk: medium
		`),
		'changes/redis-pool.md': dedent(`
			---
			title: Increase Redis connection pool
			date: 2024-02-20
			reason: Memory optimisation
			settings: { redis.pool_size: 20 }
			rollback: Revert to 10 connections
			propagation:
			  dev: { status: applied, date: 2024-02-20 }
			  staging: { status: applied, date: 2024-02-21 }
			  production: { status: applied, date: 2024-02-22 }
			---
			The pool was too small.
		`),
		'issues/payment-timeout.md': dedent(`
			---
			title: Payment timeout in production
			status: resolved
			severity: high
			environments: [production]
			reproduced: { staging: false }
			opened: 2024-02-01
			resolved: 2024-02-03
			settings: [load_balancer.timeout_seconds]
			changes: [redis-pool]
			runbooks: [payment-timeout]
			aliases: [INC-2041]
			---
			Payments timed out.
		`),
		'runbooks/payment-timeout.md': dedent(`
			---
			title: Payment timeout
			environments: [production]
			issues: [payment-timeout]
			---
			1. Check the load balancer.
		`),
	};
}

/** Turns a map of path → text into raw files. */
export function rawFiles(files: Record<string, string | Uint8Array>): RawFile[] {
	return Object.entries(files).map(([path, content]) => ({ path, content }));
}

/** Analyses an in-memory repository at the tests' fixed date. */
export function analyzeFiles(files: Record<string, string | Uint8Array>, now: Date = NOW): Analysis {
	return analyze(rawFiles(files), { now });
}

/** The problems of an analysis as `file:line:col severity code` strings, for compact assertions. */
export function problemKeys(analysis: Analysis): string[] {
	return analysis.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.code}`);
}
