import { withDeadline } from './deadline.ts';
import { emptyResult, type ReadResult } from './read-result.ts';

// A setting name as PostgreSQL spells them (max_connections, pg_stat_statements.max); anything else is never sent.
// Settings that may hold a credential (ssl_passphrase_command, an extension's password): never read.
const CREDENTIAL_SETTING = /pass|secret|token|credential/i;
const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?$/;

/**
 * Reads settings from a PostgreSQL server over one connection, in one query: `current_setting(name)`
 * gives what `SHOW name` shows (`128MB`, `on`). `server_version` keeps its version number only
 * (`15.8`, not `15.8 (Debian 15.8-1.pgdg120+1)`), so that it compares with a declared version.
 * Throws when the server cannot be reached or refuses the connection.
 */
export async function readPostgres(connection: string, settings: Record<string, string>, timeoutMs: number): Promise<ReadResult> {
	const result = emptyResult();
	const names = new Map<string, string[]>();
	for (const [key, name] of Object.entries(settings)) {
		if (!SETTING_NAME.test(name)) result.errors[key] = `"${name}" is not a PostgreSQL setting name`;
		else if (CREDENTIAL_SETTING.test(name)) result.errors[key] = `"${name}" may hold a credential, which envparity never reads`;
		else names.set(name, [...(names.get(name) ?? []), key]);
	}
	// Loaded only when a PostgreSQL target is read: every other command starts without the driver.
	const { default: pg } = await import('pg');
	const client = new pg.Client({
		connectionString: connection,
		connectionTimeoutMillis: timeoutMs,
		query_timeout: timeoutMs,
		application_name: 'envparity observe',
	});
	// A connection that fails after connecting is reported by the query; the event must not crash the process.
	client.on('error', () => {});
	// end() waits for the server to acknowledge, which a silent server never does: the socket is destroyed too.
	const abandon = () => {
		void client.end().catch(() => {});
		client.connection.stream.destroy();
	};
	try {
		await withDeadline(
			timeoutMs,
			async () => {
				await client.connect();
				if (names.size === 0) return;
				const { rows } = await client.query<{ name: string; value: string | null }>(
					'SELECT name, current_setting(name, true) AS value FROM unnest($1::text[]) AS name',
					[[...names.keys()]],
				);
				for (const { name, value } of rows) {
					for (const key of names.get(name) ?? []) {
						if (value === null) result.errors[key] = `PostgreSQL has no setting "${name}"`;
						else result.values[key] = name === 'server_version' ? versionNumber(value) : value;
					}
				}
			},
			abandon,
		);
	} finally {
		abandon();
	}
	return result;
}

/** `15.8 (Debian 15.8-1.pgdg120+1)` → `15.8`; a version without a suffix is kept as it is. */
function versionNumber(version: string): string {
	return version.trim().split(/\s+/)[0] ?? version;
}
