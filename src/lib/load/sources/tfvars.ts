import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { SourceFile } from '../../diagnostics/source-file.ts';
import type { DecodedSource } from '../../schema/source.ts';
import { entriesOf } from './entries.ts';
import { lineSpan, pathKey, positionOf, type KeyPositions } from './text-positions.ts';

/**
 * A Terraform variables file (`.tfvars`), read with HashiCorp's own HCL parser (`@cdktf/hcl2json`, Go's `hclparse`
 * compiled to WebAssembly): each variable is a key, maps nest, a list is one value, and an interpolation stays the
 * text it is (`"${var.region}"`).
 */
export function decodeTfvars(file: SourceFile): DecodedSource {
	let data: unknown;
	try {
		data = JSON.parse(hclToJson(file.path, file.text));
	} catch (error) {
		const text = String((error as Error).message ?? error);
		// "parse config: [name:12,5-13,1: Invalid expression; Expected the start of an expression…]"
		const match = /:(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^\]]*)\]?$/.exec(text);
		const reason = (match?.[3] ?? text).replace(/\.$/, '').replace(/\.\s+/, ': ');
		return {
			path: file.path,
			format: 'tfvars',
			file,
			entries: [],
			problem: {
				line: match ? Number(match[1]) : 1,
				column: match ? Number(match[2]) : 1,
				message: `${reason}; fix the HCL syntax (each line is name = value)`,
			},
		};
	}
	const positions = hclPositions(file.text);
	return { path: file.path, format: 'tfvars', file, entries: entriesOf(data, (segments) => positionOf(positions, segments)) };
}

/**
 * The parser is a Go program compiled to WebAssembly; its package only offers it behind a promise, but the program
 * answers synchronously once it runs, so that the engine stays synchronous. It is started, once, the first time a
 * `.tfvars` file is read (about 80 ms), from the package's own files.
 */
let parseHcl: ((name: string, text: string) => string) | undefined;

function hclToJson(name: string, text: string): string {
	parseHcl ??= startHclParser();
	return parseHcl(name, text);
}

function startHclParser(): (name: string, text: string) => string {
	const require = createRequire(import.meta.url);
	const packageFolder = dirname(require.resolve('@cdktf/hcl2json/package.json'));
	const global = globalThis as {
		Go?: new () => { importObject: WebAssembly.Imports; run(instance: WebAssembly.Instance): Promise<void> };
	} & Record<string, unknown>;
	require(join(packageFolder, 'wasm', 'bridge_wasm_exec.js'));
	const module = new WebAssembly.Module(gunzipSync(readFileSync(join(packageFolder, 'main.wasm.gz'))));
	const go = new global.Go!();
	const instance = new WebAssembly.Instance(module, go.importObject);
	const exported: Record<string, (...args: unknown[]) => void> = {};
	global.__parse_terraform_config_wasm__ = exported;
	void go.run(instance);
	return (fileName, contents) => {
		let result: { error: unknown } | { json: string } | undefined;
		exported.parse!(fileName, contents, (error: unknown, json: string) => {
			result = error ? { error } : { json };
		});
		if (!result) throw new Error('the HCL parser did not answer');
		if ('error' in result) throw new Error(String(result.error));
		return result.json;
	};
}

/** Where each attribute is written, nested maps included: `name = value` and `"name" = value` (or `name: value` in a map). */
function hclPositions(text: string): KeyPositions {
	const positions: KeyPositions = new Map();
	const path: string[] = [];
	// The keys that opened each brace still open; a list's or an expression's bracket opens an unnamed level.
	const open: (string | undefined)[] = [];
	let pending: string | undefined;
	text.split('\n').forEach((raw, index) => {
		const line = raw.replace(/\r$/, '').replace(/(^|\s)(#|\/\/).*$/, '');
		const attribute = /^(\s*)([A-Za-z_][\w-]*|"(?:[^"\\]|\\.)*")(\s*[=:]\s*)(.*)$/.exec(line);
		let rest = line;
		if (attribute && open.every((key) => key !== undefined)) {
			const [, lead, written, separator, value] = attribute as unknown as [string, string, string, string, string];
			const name = written.startsWith('"') ? (JSON.parse(written) as string) : written;
			const column = lead.length + 1;
			positions.set(pathKey([...path, name]), {
				key: lineSpan(index + 1, column, written.length),
				value: lineSpan(index + 1, column + written.length + separator.length, value.trimEnd().length),
			});
			pending = name;
			rest = value;
		}
		for (const char of rest.replace(/"(?:[^"\\]|\\.)*"/g, '""')) {
			if (char === '{') {
				open.push(pending);
				if (pending !== undefined) path.push(pending);
				pending = undefined;
			} else if (char === '[' || char === '(') {
				open.push(undefined);
			} else if (char === '}' || char === ']' || char === ')') {
				if (open.pop() !== undefined) path.pop();
			}
		}
		pending = undefined;
	});
	return positions;
}
