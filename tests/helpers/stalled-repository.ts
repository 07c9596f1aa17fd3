import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { baseline } from './repo.ts';

/**
 * The baseline repository with `count` changes applied in dev early in 2024 and pending in staging
 * and production (each stalled in both: two warnings a change), `bugs` open production-only bugs, and
 * long titles with characters that chat formats must escape: the load that digests and CI reports
 * must truncate rather than send a payload their platform rejects.
 */
export function stalledFiles(count: number, bugs = 0): Record<string, string> {
	const files: Record<string, string> = baseline();
	const pad = (n: number): string => String(n).padStart(4, '0');
	for (let i = 1; i <= count; i++) {
		const day = String((i % 28) + 1).padStart(2, '0');
		files[`changes/stalled-${pad(i)}.md`] = [
			'---',
			`title: "Stalled change ${i} <b>of</b> [${count}] *rolling* `,
			`  the ${'connection pool '.repeat(20)}& _more_ | slowly"`,
			`date: 2024-01-${day}`,
			'reason: Load tests showed the pool running dry.',
			'rollback: Set it back.',
			'propagation:',
			`  dev: { status: applied, date: 2024-01-${day} }`,
			'  staging: pending',
			'  production: pending',
			'---',
			'',
			'Rolled out slowly.',
			'',
		].join('\n');
	}
	for (let i = 1; i <= bugs; i++) {
		files[`issues/bug-${pad(i)}.md`] = [
			'---',
			`title: "Checkout fails in production <script>alert(${i})</script> @everyone"`,
			'status: open',
			'severity: high',
			'environments: [production]',
			'reproduced: { staging: false }',
			`opened: 2024-02-${String((i % 28) + 1).padStart(2, '0')}`,
			'---',
			'',
			'It fails.',
			'',
		].join('\n');
	}
	return files;
}

/** Writes a repository of files into a new temporary folder and returns the folder. */
export function writeRepository(files: Record<string, string>): string {
	const root = mkdtempSync(join(tmpdir(), 'envparity-repo-'));
	for (const [path, text] of Object.entries(files)) {
		mkdirSync(dirname(join(root, path)), { recursive: true });
		writeFileSync(join(root, path), text);
	}
	return root;
}
