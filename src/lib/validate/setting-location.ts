import type { Diagnostic, Severity } from '../diagnostics/diagnostic.ts';
import type { DiagnosticCode } from '../diagnostics/codes.ts';
import { diagnosticAt } from '../diagnostics/positions.ts';
import type { Environment } from '../model/project.ts';
import { formatKey } from '../model/setting-key.ts';

/**
 * A diagnostic about one setting of an environment, where its value is written: under `settings` in the
 * environment's file, or, for a value read from a source, at its line and column in that file. `part: 'key'`
 * points at the key.
 */
export function settingDiagnostic(
	env: Environment,
	segments: readonly string[],
	severity: Severity,
	code: DiagnosticCode,
	message: string,
	part: 'key' | 'value' = 'value',
): Diagnostic {
	const origin = env.settings.get(formatKey(segments))?.origin;
	if (origin) {
		const span = part === 'key' ? (origin.keySpan ?? origin.span) : origin.span;
		return { file: origin.file, ...span, severity, code, message };
	}
	return diagnosticAt(env.source, ['settings', ...segments], severity, code, message, part);
}
