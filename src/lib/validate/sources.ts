import { posix } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diagnosticAt, locate } from '../diagnostics/positions.ts';
import type { ParsedFile } from '../schema/content-files.ts';
import { compileKeyGlob, type KeyGlob } from '../model/key-glob.ts';
import { formatKey, parseKey } from '../model/setting-key.ts';
import { isIgnoredKey, KeyHolders, selectEntries } from '../model/source-settings.ts';
import type { FlatSetting } from '../model/settings.ts';
import { SOURCE_FORMATS, sourceFormatOf, type SourceData, type SourceFormat, type SourceReader } from '../schema/source.ts';

/** What each format is called in messages. */
const FORMAT_NAMES: Record<SourceFormat, string> = {
	yaml: 'YAML',
	json: 'JSON',
	toml: 'TOML',
	dotenv: 'a dotenv file',
	tfvars: 'Terraform variables (HCL)',
	kubernetes: 'Kubernetes manifests (YAML)',
};

/**
 * An environment's settings: its inline `settings`, then the values each of its `sources` yields, each value
 * keeping where it is written (`origin`). One truth per key: a key set twice (inline and by a source, or by two
 * sources), or set where another key is a map above or below it, is an error at both places, and the first
 * place keeps it. A source that cannot be read is reported at its entry and yields nothing.
 */
export function resolveSources(
	inline: ReadonlyMap<string, FlatSetting>,
	sources: readonly SourceData[],
	file: ParsedFile,
	reader: SourceReader,
	diagnostics: Diagnostic[],
): Map<string, FlatSetting> {
	const settings = new Map(inline);
	const holders = new KeyHolders<FlatSetting>();
	for (const setting of inline.values()) holders.add(setting);
	sources.forEach((source, index) => {
		for (const setting of settingsOfSource(source, index, file, reader, diagnostics)) {
			const holder = holders.conflict(setting.segments);
			if (holder) {
				diagnostics.push(...conflict(file, holder, setting));
				continue;
			}
			holders.add(setting);
			settings.set(setting.key, setting);
		}
	});
	return settings;
}

/** The settings one source yields, with `select`, `ignore` and `at` applied; none when it cannot be read (reported). */
function settingsOfSource(
	source: SourceData,
	index: number,
	file: ParsedFile,
	reader: SourceReader,
	diagnostics: Diagnostic[],
): FlatSetting[] {
	const report = (
		field: string | (string | number)[],
		code: Diagnostic['code'],
		message: string,
		severity: Diagnostic['severity'] = 'error',
	) =>
		diagnostics.push(diagnosticAt(file.source, ['sources', index, ...(Array.isArray(field) ? field : [field])], severity, code, message));
	const path = normalPath(source.file);
	if (path === undefined) {
		report(
			'file',
			'source-outside-root',
			`"${source.file}" leaves the content root, and a source must be a file inside the repository; write its path relative to the folder that holds envparity.config.yaml.`,
		);
		return [];
	}
	if (path.split('/').includes('.git')) {
		report(
			'file',
			'source-outside-root',
			`"${source.file}" is inside .git/, git's own folder, which envparity never reads (it can hold credentials); name a configuration file of the repository.`,
		);
		return [];
	}
	const at = source.at === undefined ? [] : parseKey(source.at);
	if (at === null) {
		report('at', 'invalid-key', `"${source.at}" is not a valid key prefix; write dotted segments such as payments or payments.api.`);
		return [];
	}
	const select = source.select === undefined ? [] : parseKey(source.select);
	if (select === null) {
		report(
			'select',
			'invalid-key',
			`"${source.select}" is not a valid path into the file; write dotted segments such as api or api.resources.`,
		);
		return [];
	}
	const ignore: KeyGlob[] = [];
	(source.ignore ?? []).forEach((glob, i) => {
		const compiled = compileKeyGlob(glob);
		if (compiled) ignore.push(compiled);
		else
			report(
				['ignore', i],
				'invalid-key',
				`"${glob}" is not a valid key glob; write dotted segments with * and **, such as **.podAnnotations.`,
			);
	});
	const glob = /[*?[{]/.test(path);
	const paths = glob ? reader.paths.filter((candidate) => posix.matchesGlob(candidate, path)) : [path];
	if (paths.length === 0) {
		report(
			'file',
			'source-missing',
			`no file matches "${path}"; check the glob (relative to the content root; * does not match a leading dot or a slash, ** matches folders).`,
		);
		return [];
	}
	const settings: FlatSetting[] = [];
	for (const one of paths) {
		const unread = reader.unread(one);
		if (unread?.reason === 'too-large') {
			report(
				'file',
				'file-too-large',
				`${one} is ${unread.bytes.toLocaleString('en')} bytes, more than a source may hold, so it is not read; point the source at a smaller file or select what matters.`,
			);
			continue;
		}
		if (unread) {
			report(
				'file',
				'source-outside-root',
				`${one} is a symbolic link that leads outside the content root (or to nothing), so it is not followed; put the file itself in the repository.`,
			);
			continue;
		}
		const format = source.format ?? sourceFormatOf(one);
		if (format === undefined) {
			report(
				'file',
				'source-format',
				`the name ${posix.basename(one)} does not tell its format; add format: with one of ${SOURCE_FORMATS.join(', ')}.`,
			);
			continue;
		}
		const decoded = reader.decode(one, format);
		if (!decoded) {
			if (!glob) {
				report(
					'file',
					'source-missing',
					`${one} does not exist; check the path, which is relative to the content root (the folder that holds envparity.config.yaml).`,
				);
			}
			continue;
		}
		if (decoded.problem) {
			const { line, column, message } = decoded.problem;
			diagnostics.push({
				file: one,
				line,
				column,
				endLine: line,
				endColumn: column + 1,
				severity: 'error',
				code: 'source-syntax',
				message: `${one} cannot be read as ${FORMAT_NAMES[format]}: ${message.replace(/\.$/, '')}.`,
			});
			continue;
		}
		const chosen = selectEntries(decoded.entries, select);
		if (chosen.length === 0 && select.length > 0) {
			const tops = [...new Set(decoded.entries.map((entry) => entry.segments[0]!))].slice(0, 8);
			report(
				'select',
				'source-select-missing',
				`${one} has nothing at "${source.select}"${tops.length > 0 ? `; its top-level keys are ${tops.join(', ')}` : ''}; fix select, or leave it out to take the whole file.`,
			);
			continue;
		}
		for (const entry of chosen) {
			if (isIgnoredKey(entry.segments, ignore)) continue;
			const segments = [...at, ...entry.segments];
			settings.push({
				key: formatKey(segments),
				segments,
				value: entry.value,
				origin: {
					file: one,
					span: entry.span,
					...(entry.keySpan && { keySpan: entry.keySpan }),
					...(entry.numberText !== undefined && { numberText: entry.numberText }),
				},
			});
		}
	}
	return settings;
}

function normalPath(file: string): string | undefined {
	if (file.includes('\\') || file.includes('\0') || posix.isAbsolute(file)) return undefined;
	const normal = posix.normalize(file).replace(/\/$/, '');
	if (normal === '..' || normal.startsWith('../') || normal === '.') return undefined;
	return normal;
}

/** The two diagnostics of a key set in two places: one at each. */
function conflict(file: ParsedFile, first: FlatSetting, second: FlatSetting): Diagnostic[] {
	const where = (setting: FlatSetting): string =>
		setting.origin ? `${setting.origin.file}:${setting.origin.span.line}` : `${file.file.path} (settings)`;
	const same = first.key === second.key;
	const what = same ? `"${second.key}" is set twice` : `"${second.key}" and "${first.key}" overlap (one is a map that holds the other)`;
	const message = `${what} in ${file.id}: in ${where(first)} and in ${where(second)}; one truth per key: keep one, or leave the key out of a source with ignore.`;
	return [first, second].map((setting) => {
		if (setting.origin) {
			const span = setting.origin.keySpan ?? setting.origin.span;
			return { file: setting.origin.file, ...span, severity: 'error' as const, code: 'setting-conflict' as const, message };
		}
		return {
			file: file.file.path,
			...locate(file.source, ['settings', ...setting.segments], 'key'),
			severity: 'error' as const,
			code: 'setting-conflict' as const,
			message,
		};
	});
}
