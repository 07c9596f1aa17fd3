import { createSourceFile } from '../../diagnostics/source-file.ts';
import type { RawFile } from '../../schema/content-files.ts';
import type { DecodedSource, SourceFormat, SourceReader } from '../../schema/source.ts';
import { decodeSource } from './decode.ts';

/** A source reader over the source files read (those marked `source`), decoding each file once per format, on demand. */
export function createSourceReader(files: readonly RawFile[]): SourceReader & { decoded(): DecodedSource[] } {
	const byPath = new Map(files.filter((file) => file.source).map((file) => [file.path, file]));
	const cache = new Map<string, DecodedSource>();
	return {
		paths: [...byPath.keys()].filter((path) => !byPath.get(path)!.unread).sort(),
		unread: (path) => byPath.get(path)?.unread,
		decode(path, format) {
			const raw = byPath.get(path);
			if (!raw || raw.unread) return undefined;
			const cached = cache.get(`${format}\0${path}`);
			if (cached) return cached;
			const decoded = decodeRaw(raw, format);
			cache.set(`${format}\0${path}`, decoded);
			return decoded;
		},
		decoded: () => [...cache.values()],
	};
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeRaw(raw: RawFile, format: SourceFormat): DecodedSource {
	let text: string | undefined;
	try {
		text = typeof raw.content === 'string' ? raw.content : utf8.decode(raw.content);
	} catch {
		text = undefined;
	}
	if (text === undefined || text.includes('\0')) {
		const file = createSourceFile(raw.path, '');
		return { path: raw.path, format, file, entries: [], problem: { line: 1, column: 1, message: 'it is a binary file, not text' } };
	}
	return decodeSource(createSourceFile(raw.path, text.replace(/^\uFEFF/, '')), format);
}
