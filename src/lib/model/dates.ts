/** The variables the engine's clock reads, in order of precedence. */
export interface ClockEnvironment {
	ENVPARITY_NOW?: string;
	SOURCE_DATE_EPOCH?: string;
}

/**
 * "Now" for everything date-dependent (stale, stalled, review due): `ENVPARITY_NOW` (an ISO date
 * or date-time) when set, else `SOURCE_DATE_EPOCH` (seconds), else the system clock.
 * Throws a plain message when a variable is set but unreadable.
 */
export function resolveNow(env: ClockEnvironment, clock: () => Date = () => new Date()): Date {
	const fixed = env.ENVPARITY_NOW?.trim();
	if (fixed) {
		const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(fixed) ? `${fixed}T00:00:00Z` : fixed);
		if (Number.isNaN(date.getTime())) throw new Error(`ENVPARITY_NOW="${fixed}" is not a date; set it to an ISO date such as 2024-06-01.`);
		return date;
	}
	const epoch = env.SOURCE_DATE_EPOCH?.trim();
	if (epoch) {
		if (!/^\d+$/.test(epoch)) throw new Error(`SOURCE_DATE_EPOCH="${epoch}" is not a number of seconds since 1970; unset it or fix it.`);
		return new Date(Number(epoch) * 1000);
	}
	return clock();
}

/** Days between two dates written YYYY-MM-DD (b − a). */
export function daysBetween(a: string, b: string): number {
	return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** A date as YYYY-MM-DD, in UTC. */
export function isoDay(date: Date): string {
	return date.toISOString().slice(0, 10);
}
