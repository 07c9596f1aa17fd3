/** Days between two dates written YYYY-MM-DD (b − a). */
export function daysBetween(a: string, b: string): number {
	return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** A date as YYYY-MM-DD, in UTC. */
export function isoDay(date: Date): string {
	return date.toISOString().slice(0, 10);
}
