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
	'secret-in-history': 'A credential that an earlier commit of a content or source file held, which history keeps public: rotate it.',
	// Sources: settings read from configuration files
	'source-missing': 'A source file that does not exist, or a source glob that matches no file.',
	'source-outside-root': 'A source path that leaves the content root, directly or through a symbolic link.',
	'source-syntax': 'A source file that its format cannot parse.',
	'source-format': 'A source whose format is unknown or cannot be told from its name.',
	'source-select-missing': 'A source `select` path that the file does not have.',
	'setting-conflict': 'A setting key set in two places of one environment: inline and by a source, or by two sources.',
	// Observation: what running services say
	'observation-mismatch': 'A declared value that differs from the latest observation of the running service.',
	'observation-stale': 'An observation older than `stale_after_days`.',
	'observation-failed': 'An observation target that could not be read: unreachable, refused, timed out or malformed.',
	'observation-invalid': 'An observations file that does not have the format `envparity observe` writes.',
	// History
	'change-applied-not-recorded': 'A change recorded pending in an environment whose file has held its value since an earlier commit.',
	'change-applied-date-mismatch': "A change's applied date far from the commit that put its value in the environment file.",
	'placeholder-text': 'Text that `envparity new` wrote as a placeholder and nobody replaced.',
} as const;

/** A permanent diagnostic code. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
