/** A credential-looking span found in a text. */
export interface SecretMatch {
	/** Offset of the first character, as a UTF-16 index usable with `String.prototype.slice`. */
	start: number;
	/** Offset just past the last character (exclusive). */
	end: number;
	/** A human label for what was found, e.g. `Stripe secret key`. */
	kind: string;
}

interface SecretRule {
	pattern: RegExp;
	label: (match: RegExpExecArray) => string;
	/** Rejects a match that has the shape of a secret but is not one. */
	accept?: (match: RegExpExecArray) => boolean;
}

const GITHUB_TOKEN_KINDS: Record<string, string> = {
	p: 'GitHub personal access token',
	o: 'GitHub OAuth token',
	u: 'GitHub user-to-server token',
	s: 'GitHub server-to-server token',
	r: 'GitHub refresh token',
};

// Order is priority: where two matches overlap, the earlier rule wins, so a token inside a URL
// is reported as that token rather than as a URL with a password.
const SECRET_RULES: SecretRule[] = [
	{
		pattern: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----(?:[\s\S]*?-----END \1PRIVATE KEY\2-----)?/g,
		label: () => 'private key',
	},
	{
		pattern: /\b([sr])k_(?:live|test)_[0-9A-Za-z]{20,}/g,
		label: (match) => (match[1] === 's' ? 'Stripe secret key' : 'Stripe restricted key'),
	},
	{
		pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Za-z])/g,
		label: () => 'AWS access key ID',
	},
	{
		pattern: /\bgh([pousr])_[0-9A-Za-z]{36,}/g,
		label: (match) => GITHUB_TOKEN_KINDS[match[1] ?? 'p'] ?? 'GitHub token',
	},
	{
		pattern: /\bgithub_pat_[0-9A-Za-z_]{22,}/g,
		label: () => 'GitHub personal access token',
	},
	{
		pattern: /(?:https?:\/\/)?\bhooks\.slack\.com\/services\/T[0-9A-Za-z]+\/B[0-9A-Za-z]+\/[0-9A-Za-z]+/g,
		label: () => 'Slack webhook URL',
	},
	{
		// Real Slack tokens always carry numeric ids; requiring a digit spares placeholders such as
		// `xoxb-your-bot-token-here` in runbooks.
		pattern: /\bxox[abprs]-(?=[0-9A-Za-z-]{20,})(?=[A-Za-z-]*[0-9])[0-9A-Za-z]+(?:-[0-9A-Za-z]+)*/g,
		label: () => 'Slack token',
	},
	{
		pattern: /\beyJ[0-9A-Za-z_-]+\.eyJ[0-9A-Za-z_-]+\.[0-9A-Za-z_-]+/g,
		label: () => 'JSON Web Token',
	},
	{
		// The password may contain an unencoded `@`: the greedy run backtracks to the last one.
		pattern:
			/\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s:/?#@]*:([^\s/?#]+)@(?:\[[0-9A-Fa-f:.]+\]|[0-9A-Za-z_-]+(?:\.[0-9A-Za-z_-]+)*)(?::[0-9]+)?/g,
		label: () => 'URL with a password',
		accept: (match) => !isSecretReference(match[1] ?? ''),
	},
];

// Every rule's match contains one of these; most texts contain none, and skip the rules entirely.
const TRIGGER = /[sr]k_|AKIA|ASIA|gh[pousr]_|github_pat_|xox|hooks\.slack|PRIVATE KEY|eyJ|:\/\//;

/** Finds every credential-looking span in a text (a YAML string value or a Markdown body). */
export function findSecrets(text: string): SecretMatch[] {
	if (!TRIGGER.test(text)) return [];
	const found: SecretMatch[] = [];
	for (const rule of SECRET_RULES) {
		for (const match of text.matchAll(rule.pattern)) {
			if (rule.accept && !rule.accept(match)) continue;
			const start = match.index;
			const end = start + match[0].length;
			if (found.some((kept) => start < kept.end && kept.start < end)) continue;
			found.push({ start, end, kind: rule.label(match) });
		}
	}
	return found.sort((a, b) => a.start - b.start);
}

// A key is a credential when its snake_case form is one of these words or ends in `_` + one of
// them. `secret_key` and `secret_access_key` extend the brief's list so that Django's
// `SECRET_KEY` and AWS's `aws_secret_access_key` are caught by name, as the spec expects; `pass`,
// `pwd` and `passphrase` so that `db_pass` and `DB_PWD` are.
const CREDENTIAL_WORDS = [
	'password',
	'passwd',
	'pass',
	'pwd',
	'passphrase',
	'secret',
	'token',
	'api_key',
	'apikey',
	'private_key',
	'secret_key',
	'secret_access_key',
	'credential',
	'credentials',
];

// Credentials only as the whole key: `auth: "Basic dXNlcjpwYXNz"` holds one, but `oauth` and
// `basic_auth` are more often switches or maps than secrets.
const WHOLE_KEY_CREDENTIAL_WORDS = ['auth'];

// Keys that name a secret stored elsewhere rather than hold one, as Kubernetes manifests and Helm
// charts do: `existingSecret: redis-auth` and `existingSecretPasswordKey: redis-password` (every
// Bitnami chart), `extraEnvVarsSecret`, `initdb.scriptsSecret`, `tlsSecret`. Their values are names,
// not credentials (a value that looks like a credential is still found by its shape). `secretName`,
// `tokenSecretRef` and `secretKeyRef` need no rule: they do not end in a credential word.
const SECRET_NAME = /^existing_|(?:^|_)(?:vars|scripts|certificates|certs|tls)_secret$/;

const credentialKeys = new Map<string, boolean>();

/** Whether a setting-key segment is named like a credential (and not like the name of a secret stored elsewhere). */
export function isCredentialKey(segment: string): boolean {
	let known = credentialKeys.get(segment);
	if (known === undefined) {
		const key = toSnakeCase(segment);
		known =
			!namesSecret(key) &&
			(WHOLE_KEY_CREDENTIAL_WORDS.includes(key) || CREDENTIAL_WORDS.some((word) => key === word || key.endsWith(`_${word}`)));
		// Repositories reuse the same few hundred key names thousands of times.
		if (credentialKeys.size < 100_000) credentialKeys.set(segment, known);
	}
	return known;
}

/** Whether a snake_case key names a secret, a key within one, or a reference to one. */
function namesSecret(key: string): boolean {
	return SECRET_NAME.test(key);
}

function toSnakeCase(segment: string): string {
	return segment
		.trim()
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
		.replace(/([a-z0-9])([A-Z])/g, '$1_$2')
		.replace(/[-.\s]+/g, '_')
		.replace(/_+/g, '_')
		.replace(/^_|_$/g, '')
		.toLowerCase();
}

const SECRET_REFERENCE_PATTERNS: RegExp[] = [
	/^\$\{[A-Za-z_][A-Za-z0-9_.]*\}$/, // ${DB_PASSWORD}, ${secrets.db}
	/^\$[A-Z_][A-Z0-9_]*$/, // $DB_PASSWORD
	/^\$?\{\{[\s\S]*\S[\s\S]*\}\}$/, // {{ vault "db" }}, GitHub Actions' ${{ secrets.DB }}
	/^(?:vault|ssm|env|secretsmanager|sops):\S/,
	/^arn:aws[a-z-]*:(?:secretsmanager|ssm):\S/,
	/^op:\/\/\S/, // 1Password
	/^ENC\[[A-Z0-9_]+,data:[\s\S]*\]$/, // a value sops encrypted in place
];

/** Whether a value is a reference to a secret stored elsewhere rather than the secret itself. */
export function isSecretReference(value: string): boolean {
	const trimmed = value.trim();
	return SECRET_REFERENCE_PATTERNS.some((pattern) => pattern.test(trimmed));
}
