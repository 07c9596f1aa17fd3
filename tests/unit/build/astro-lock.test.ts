import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { holdAstroLock } from '../../../src/lib/build/astro-lock.ts';

const folder = (): string => mkdtempSync(join(tmpdir(), 'envparity-astro-lock-'));
/** The pid of a process that has ended. */
const endedPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid!;

describe("the project's Astro lock", () => {
	it('lets one build hold it at a time: the next takes it once the first releases it', async () => {
		const dir = folder();
		const release = await holdAstroLock(dir);
		const order: string[] = [];
		let waitedFor: number | undefined;
		const next = holdAstroLock(dir, { pollMs: 10, waiting: (owner) => (waitedFor = owner) }).then((releaseNext) => {
			order.push('second holds it');
			return releaseNext;
		});
		await new Promise((resolve) => setTimeout(resolve, 80));
		order.push('first releases it');
		expect(waitedFor).toBe(process.pid);
		await release();
		await release();
		await (
			await next
		)();
		expect(order).toEqual(['first releases it', 'second holds it']);
		expect(existsSync(join(dir, 'astro.lock'))).toBe(false);
	});

	it('takes over a lock whose process ended, or that a process made long ago without saying who it was', async () => {
		const dir = folder();
		mkdirSync(join(dir, 'astro.lock'));
		writeFileSync(join(dir, 'astro.lock', 'pid'), String(endedPid()));
		await (
			await holdAstroLock(dir, { pollMs: 10 })
		)();

		mkdirSync(join(dir, 'astro.lock'));
		const old = new Date(Date.now() - 60_000);
		const { utimesSync } = await import('node:fs');
		utimesSync(join(dir, 'astro.lock'), old, old);
		await (
			await holdAstroLock(dir, { pollMs: 10 })
		)();
		expect(existsSync(join(dir, 'astro.lock'))).toBe(false);
	});
});
