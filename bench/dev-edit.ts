// `node bench/dev-edit.ts <content root> [--edits 3]`: the "dev edit" figure. Starts `astro dev` over a
// content repository, times its first environment page, then changes one setting of that environment's
// file (or of the values file it reads as its first source) and times until the page served shows the new
// value, several times. Prints JSON (--log: the
// server's output too).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isMap, isScalar, parse, parseDocument, type Node } from 'yaml';
import { startDevServer } from './dev-server.ts';

/** What the dev server took, in seconds, and its peak memory. */
export interface DevEditResult {
	/** From starting the server to the first environment page served. */
	firstPage: number;
	/** The median, over the edits, of the time from writing the file to the page showing the new value. */
	editVisible: number;
	/** Each edit's time. */
	edits: number[];
	peakMiB: number;
}

/** The first scalar setting of an environment file (or, `whole`, of a values file): its text range, for replacing the value in place. */
function firstSetting(text: string, whole = false): { key: string; range: [number, number] } {
	const doc = parseDocument(text);
	const path: string[] = [];
	const walk = (node: unknown): [number, number] | undefined => {
		if (isScalar(node)) return [node.range![0], node.range![1]];
		if (!isMap(node)) return undefined;
		for (const pair of node.items) {
			path.push(String((pair.key as Node & { value: unknown }).value));
			const found = walk(pair.value);
			if (found) return found;
			path.pop();
		}
		return undefined;
	};
	const range = walk(whole ? doc.contents : doc.get('settings', true));
	if (!range) throw new Error('dev-edit: the environment file has no scalar setting to change');
	return { key: ['settings', ...path].join('.'), range };
}

/** Measures the dev server over `root`: its first environment page, then `edits` edits of one setting. */
export async function measureDevEdit(
	root: string,
	options: { edits?: number; now?: string; env?: Record<string, string>; log?: (output: string) => void } = {},
): Promise<DevEditResult> {
	const name = readdirSync(join(root, 'environments'))
		.filter((f) => /\.ya?ml$/.test(f) && !/^differences\./.test(f))
		.sort()[0];
	if (!name) throw new Error(`dev-edit: ${root} has no environment file`);
	const environmentFile = join(root, 'environments', name);
	const page = `/environments/${name.replace(/\.ya?ml$/, '')}/`;
	// An environment that reads its settings from a values file (sources): the edit is to that file.
	const source = (parse(readFileSync(environmentFile, 'utf8')) as { sources?: { file: string }[] }).sources?.[0]?.file;
	const file = source ? join(root, source) : environmentFile;
	const original = readFileSync(file, 'utf8');
	// Put the file back however this ends, interrupted included.
	const restore = (): void => writeFileSync(file, original);
	process.on('exit', restore);
	const started = performance.now();
	const server = await startDevServer(root, { ...(options.now ? { ENVPARITY_NOW: options.now } : {}), ...options.env });
	try {
		await server.waitForPage(page, ({ status, text }) => status === 200 && text.includes('<h1'));
		const firstPage = (performance.now() - started) / 1000;
		const { range } = firstSetting(original, source !== undefined);
		const edits: number[] = [];
		for (let i = 1; i <= (options.edits ?? 3); i++) {
			// A value that appears nowhere else, so that the page shows it only once the edit is in.
			const marker = `dev-edit-${i}-${Date.now().toString(36)}`;
			const before = performance.now();
			writeFileSync(file, `${original.slice(0, range[0])}"${marker}"${original.slice(range[1])}`);
			await server.waitForPage(page, ({ status, text }) => status === 200 && text.includes(marker));
			edits.push((performance.now() - before) / 1000);
			// Let the server finish what the edit started (the data store write) before the next one.
			await new Promise((resolve) => setTimeout(resolve, 2_000));
		}
		const sorted = [...edits].sort((a, b) => a - b);
		return { firstPage, editVisible: sorted[Math.floor(sorted.length / 2)]!, edits, peakMiB: server.peakMiB() };
	} finally {
		options.log?.(server.output());
		await server.stop();
		process.off('exit', restore);
		restore();
	}
}

if (import.meta.main) {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: {
			edits: { type: 'string', default: '3' },
			now: { type: 'string', default: '2025-10-20' },
			log: { type: 'boolean', default: false },
		},
	});
	if (!positionals[0]) {
		process.stderr.write('dev-edit: give the content root, e.g. node bench/dev-edit.ts /tmp/content\n');
		process.exit(2);
	}
	const result = await measureDevEdit(positionals[0], {
		edits: Number(values.edits),
		now: values.now,
		log: values.log ? (output) => process.stderr.write(output) : undefined,
	});
	process.stdout.write(`${JSON.stringify(result)}\n`);
}
