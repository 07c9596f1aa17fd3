/**
 * Connection references and what may be said about a connection: `envparity observe` resolves a
 * target's reference from the process environment, and describes the server it reached without user,
 * password or query, so that neither an observations file nor a message ever holds a credential.
 */

/** A reference resolved, or why it could not be. */
export type Resolved = { ok: true; value: string } | { ok: false; reason: string };

const BRACED = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;
const BARE = /^\$([A-Za-z_][A-Za-z0-9_]*)$/;
const ENV_PREFIX = /^env:([A-Za-z_][A-Za-z0-9_]*)$/;

/**
 * Resolves `${VAR}`, `$VAR` or `env:VAR` from the process environment. Other reference forms (vault:,
 * ssm:, op://, `{{ … }}`) name a secret store that `observe` does not read: the workflow resolves them
 * into a variable first. With `literalAllowed` (http targets), a value that is no reference is used as is.
 */
export function resolveReference(written: string, env: Record<string, string | undefined>, literalAllowed = false): Resolved {
	const text = written.trim();
	const name = BRACED.exec(text)?.[1] ?? BARE.exec(text)?.[1] ?? ENV_PREFIX.exec(text)?.[1];
	if (name !== undefined) {
		const value = env[name];
		if (value === undefined || value.trim() === '')
			return { ok: false, reason: `${name} is not set in the environment of envparity observe; set it to the connection string` };
		return { ok: true, value: value.trim() };
	}
	if (literalAllowed && /^https?:\/\//i.test(text)) return { ok: true, value: text };
	return {
		ok: false,
		reason: `"${text}" is not a reference envparity observe can resolve; write \${VAR} and set VAR in the environment of envparity observe (resolve vault:, ssm: or op:// references into a variable first)`,
	};
}

/** The server of a connection string as host:port (and /database), without user, password or query; undefined when it does not parse. */
export function describeServer(connection: string, defaultPort: number): string | undefined {
	let url: URL;
	try {
		url = new URL(connection);
	} catch {
		return undefined;
	}
	if (!url.hostname) return undefined;
	const port = url.port || String(defaultPort);
	const path = url.pathname.replace(/^\/+/, '');
	return `${url.hostname}:${port}${path ? `/${decodeSafely(path)}` : ''}`;
}

/** An http(s) address without user, password, query or fragment: what an observations file says about an http target. */
export function describeAddress(address: string): string | undefined {
	try {
		const url = new URL(address);
		return `${url.protocol}//${url.host}${url.pathname}`;
	} catch {
		return undefined;
	}
}

const CREDENTIAL_PARAMETER = /pass|secret|token|key|auth|cred/i;

/**
 * The texts a message about a connection must never show: the connection string itself, its password
 * (as written and decoded) and the values of query parameters named like credentials (`?password=`).
 */
export function credentialsOf(connection: string): string[] {
	const found = new Set<string>([connection]);
	try {
		const url = new URL(connection);
		if (url.password) {
			found.add(url.password);
			found.add(decodeSafely(url.password));
		}
		for (const [name, value] of url.searchParams) if (CREDENTIAL_PARAMETER.test(name) && value) found.add(value);
	} catch {
		// A connection string that is no URL is masked whole.
	}
	return [...found].filter((text) => text.length > 0);
}

/** A driver's message with every credential of the connection replaced by `***`, on one line. */
export function maskMessage(message: string, credentials: readonly string[]): string {
	let masked = message;
	// Longest first, so that the connection string goes before the password inside it.
	for (const secret of [...credentials].sort((a, b) => b.length - a.length)) masked = masked.split(secret).join('***');
	return masked.replace(/\s+/g, ' ').trim();
}

function decodeSafely(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}
