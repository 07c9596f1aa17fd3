import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLOCK_FILE, readDemoDate, withExampleClock } from '../../scripts/example-clock.ts';
import { analyzeRoot } from '../../src/lib/engine.ts';
import { resolveNow } from '../../src/lib/model/dates.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A content root holding an example-clock file with the given text. */
function rootWith(text: string): string {
	const root = mkdtempSync(join(tmpdir(), 'envparity-clock-'));
	writeFileSync(join(root, CLOCK_FILE), text);
	return root;
}

describe("the example's demo clock", () => {
	it('reads the first line that is not a comment as the date', () => {
		expect(readDemoDate('# why\n\n2024-06-01\n2025-01-01\n')).toBe('2024-06-01');
		expect(readDemoDate('# nothing\n')).toBeNull();
		expect(readDemoDate('June 1st\n')).toBeNull();
	});

	it('sets ENVPARITY_NOW for a content root that holds the file, and says so', () => {
		const root = rootWith('2024-06-01\n');
		const { env, note } = withExampleClock({ ENVPARITY_ROOT: root });
		expect(env.ENVPARITY_NOW).toBe('2024-06-01');
		expect(note).toContain('judged as of 2024-06-01');
		expect(resolveNow(env).toISOString()).toBe('2024-06-01T00:00:00.000Z');
	});

	it('leaves the clock alone when ENVPARITY_NOW or SOURCE_DATE_EPOCH is set, or there is no file', () => {
		const root = rootWith('2024-06-01\n');
		expect(withExampleClock({ ENVPARITY_ROOT: root, ENVPARITY_NOW: '2025-02-02' }).env.ENVPARITY_NOW).toBe('2025-02-02');
		expect(withExampleClock({ ENVPARITY_ROOT: root, SOURCE_DATE_EPOCH: '1700000000' }).env.ENVPARITY_NOW).toBeUndefined();
		const empty = mkdtempSync(join(tmpdir(), 'envparity-clock-'));
		expect(withExampleClock({ ENVPARITY_ROOT: empty })).toEqual({ env: { ENVPARITY_ROOT: empty }, note: null });
	});

	it('does not follow a link, and names a file without a date', () => {
		const outside = rootWith('2024-06-01\n');
		const root = mkdtempSync(join(tmpdir(), 'envparity-clock-'));
		mkdirSync(join(root, 'environments'));
		symlinkSync(join(outside, CLOCK_FILE), join(root, CLOCK_FILE));
		expect(withExampleClock({ ENVPARITY_ROOT: root }).env.ENVPARITY_NOW).toBeUndefined();
		const bad = withExampleClock({ ENVPARITY_ROOT: rootWith('soon\n') });
		expect(bad.env.ENVPARITY_NOW).toBeUndefined();
		expect(bad.note).toContain('names no date');
	});

	it('judges the example as its team saw it: after its last event, one stale environment, nothing from the future', async () => {
		const date = readDemoDate(readFileSync(join(ROOT, CLOCK_FILE), 'utf8'))!;
		const { model, problems } = await analyzeRoot(ROOT, { now: new Date(`${date}T00:00:00Z`) });
		expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
		expect(problems.filter((p) => p.code === 'date-in-future')).toEqual([]);
		expect(problems.filter((p) => p.code === 'verification-stale')).toHaveLength(1);
		const waiting = [...model.propagation.values()].filter((p) => p.pending.length > 0 && p.state !== 'complete');
		expect(waiting.length).toBeGreaterThan(0);
		for (const p of waiting) expect(p.pendingDays).toBeLessThan(200);
	});
});
