/** A parsed version: one to three numeric parts and an optional pre-release. */
export interface Version {
	parts: number[];
	prerelease?: string;
}

/** How far apart two versions are. */
export type Skew = 'major' | 'minor' | 'patch';

const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** Parses `v1.2.3`, `15.2`, `18`, `7.0.11-rc.1`; null for anything else. */
export function parseVersion(value: unknown): Version | null {
	if (typeof value !== 'string' && typeof value !== 'number') return null;
	const match = VERSION.exec(String(value).trim());
	if (!match) return null;
	const parts = [match[1], match[2], match[3]].filter((p) => p !== undefined).map(Number);
	return match[4] ? { parts, prerelease: match[4] } : { parts };
}

/** The grade of the gap between two versions, or null when they agree on major, minor and patch. */
export function versionGap(a: Version, b: Version): Skew | null {
	const grades: Skew[] = ['major', 'minor', 'patch'];
	for (let i = 0; i < 3; i++) if ((a.parts[i] ?? 0) !== (b.parts[i] ?? 0)) return grades[i]!;
	return null;
}

/** How large a skew is, for ranking: major 3, minor 2, patch 1, none 0. */
export function skewRank(skew: Skew | null): number {
	return skew ? SKEW_RANK[skew] : 0;
}

const SKEW_RANK: Record<Skew, number> = { major: 3, minor: 2, patch: 1 };

/** The largest gap between any two of the values that parse as versions, or null. */
export function largestSkew(values: readonly unknown[]): Skew | null {
	const versions = values.map(parseVersion).filter((v): v is Version => v !== null);
	let worst: Skew | null = null;
	for (let i = 0; i < versions.length; i++) {
		for (let j = i + 1; j < versions.length; j++) {
			const gap = versionGap(versions[i]!, versions[j]!);
			if (skewRank(gap) > skewRank(worst)) worst = gap;
		}
	}
	return worst;
}
