/**
 * Every diagnostic code the engine emits. Codes are permanent: once published they are never
 * renamed or reused, so that CI scripts and editor integrations can rely on them.
 */
export const DIAGNOSTIC_CODES = {
	// Files
	'read-error': 'A file could not be read.',
	'yaml-syntax': 'YAML that does not parse.',
	'duplicate-key': 'A mapping that names the same key twice.',
	'empty-file': 'A content file with nothing in it.',
	'unexpected-file': 'A file of another type in a content folder.',
	'binary-file': 'A binary file in a content folder.',
	'front-matter-missing': 'A Markdown entity without a `---` front matter block.',
	'link-outside-root': 'A link or path that points outside the repository.',
	'unsafe-html': 'Script in an MDX body, which the wiki cannot sanitise.',
	'unsafe-mdx': 'An MDX construct outside the safe subset: ESM, an expression, a spread attribute or an unknown component.',
	'symlink-outside-root': 'A symbolic link that resolves outside the content root, which is never followed.',
	'file-too-large': 'A content file larger than the size limit, which is not parsed.',
	// Schema
	'unknown-field': 'A field the format does not define.',
	'missing-field': 'A required field that is absent.',
	'invalid-type': 'A field whose value has the wrong type.',
	'invalid-value': 'A field whose value is not one of the allowed values.',
	'invalid-date': 'A date that is not a real YYYY-MM-DD date.',
	'invalid-id': 'A file name that is not a valid id.',
	'invalid-key': 'A setting key or key glob that does not parse.',
	// Identity and references
	'duplicate-id': 'Two files of one kind with the same id.',
	'alias-collision': 'An alias that collides with an id or another alias.',
	'reserved-id': 'An id the format reserves.',
	'unknown-stage': 'A stage that is not in the pipeline.',
	'unknown-environment': 'A reference to an environment that does not exist.',
	'unknown-change': 'A reference to a change that does not exist.',
	'unknown-issue': 'A reference to an issue that does not exist.',
	'unknown-runbook': 'A reference to a runbook that does not exist.',
	'unknown-setting': 'A setting key that no environment defines.',
	'stage-empty': 'A pipeline stage with no environment.',
	// Parity
	'undocumented-drift': 'A setting whose values differ with no documented difference.',
	'missing-setting': 'A setting that some environments lack, with no documented difference.',
	'difference-outdated': 'A documented difference whose expected values no longer match reality.',
	'difference-review-due': 'A documented difference past its review date.',
	'version-as-number': 'A version written as a YAML number, which loses digits.',
	// Changes and issues
	'change-stalled': 'A change pending for longer than `pending_after_days`.',
	'change-out-of-order': 'A change applied in a later stage while an earlier one is pending or failed.',
	'change-not-reflected': 'An applied change whose value the environment file does not hold.',
	'resolved-before-opened': 'An issue resolved before it was opened.',
	'date-in-future': 'A date after today.',
	'runbook-review-due': 'A runbook past its review date.',
	// Freshness
	'verification-stale': 'An environment never verified, or verified too long ago.',
	'verification-future': 'A verification date in the future.',
	// Secrets
	'secret-value': 'A value that looks like a credential.',
	'secret-literal': 'A literal value under a key named like a credential.',
} as const;

/** A permanent diagnostic code. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
