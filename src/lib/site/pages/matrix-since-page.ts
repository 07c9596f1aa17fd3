import { isoDay } from '../../model/dates.ts';
import type { RowStatus } from '../../model/parity-matrix.ts';
import type { ParityModel } from '../../model/parity-model.ts';
import { commitIndexAt, commitIndexOf, statusChangesSince, timelineSettingsAt, type Timelines } from '../../model/timeline.ts';
import { releasePointId, type SiteLinks } from '../links.ts';
import { layoutView, type LayoutView } from './layout.ts';

/** The fixed points the matrix can be compared with: days before today, by the one clock. */
export const SINCE_POINTS = [
	{ id: '30-days', days: 30, label: '30 days ago' },
	{ id: '90-days', days: 90, label: '90 days ago' },
] as const;

/**
 * The previous release tag, as the build read it (`load/git-tags.ts`): its name, the tagged commit and its day, and the
 * last commit of the environment files at or before it along the first parent (null when the history holds none).
 */
export interface ReleaseTagPoint {
	name: string;
	commit: string;
	date: string;
	base: string | null;
}

/** A point the matrix can be compared with, and its page. */
export interface SincePoint {
	id: string;
	label: string;
	/** The day, YYYY-MM-DD: of the point, or of a release's tagged commit. */
	date: string;
	href: string;
	/** For the previous release tag: its name and the commit of the environment files it shipped. */
	release?: { name: string; commit: string; base: string | null };
}

/** A matrix row whose status differs between the point and today. */
export interface SinceRow {
	key: string;
	href: string;
	/** null: no environment had the key then (or has it now). */
	then: RowStatus | null;
	now: RowStatus | null;
}

/** Everything a "compare with" page of the matrix shows. */
export interface MatrixSincePage {
	layout: LayoutView;
	title: string;
	point: SincePoint;
	points: SincePoint[];
	matrix: string;
	/** What "then" is: the environment files as of a day, or as a release tag's commit left them. */
	basis: string;
	/** The commit the point reads, or why there is none. */
	at: { commit: string; date: string } | null;
	note: string | null;
	rows: SinceRow[];
}

/**
 * The points the matrix can be compared with: 30 and 90 days ago, and the previous release tag when the build found one
 * (`release`); none without a git history (there is nothing to compare with).
 */
export function sincePoints(
	model: ParityModel,
	links: SiteLinks,
	timelines: Timelines,
	release: ReleaseTagPoint | null = null,
): SincePoint[] {
	if (timelines.commits.length === 0) return [];
	const today = Date.parse(`${model.today}T00:00:00Z`);
	const points: SincePoint[] = SINCE_POINTS.map((p) => ({
		id: p.id,
		label: p.label,
		date: isoDay(new Date(today - p.days * 86_400_000)),
		href: links.matrixSince(p.id),
	}));
	if (release) {
		const id = releasePointId(release.name);
		points.push({
			id,
			label: `release ${release.name}, ${release.date}`,
			date: release.date,
			href: links.matrixSince(id),
			release: { name: release.name, commit: release.commit, base: release.base },
		});
	}
	return points;
}

/**
 * The rows of the matrix whose status changed since a point: the environments' settings as the last commit on or before
 * its day left them, or for a release tag as the last commit of the environment files at or before the tagged one
 * (along the first parent) left them, from the timelines by commit index; classified with today's documented
 * differences and configuration.
 */
export function matrixSincePage(
	model: ParityModel,
	links: SiteLinks,
	timelines: Timelines,
	id: string,
	release: ReleaseTagPoint | null = null,
): MatrixSincePage {
	const points = sincePoints(model, links, timelines, release);
	const point = points.find((p) => p.id === id)!;
	const tag = point.release;
	const at = tag ? (tag.base === null ? -1 : commitIndexOf(timelines, tag.base)) : commitIndexAt(timelines, point.date);
	const title = `Parity matrix: changed since ${point.label}`;
	const base = {
		layout: layoutView(model, links, {
			title,
			description: `The settings whose parity status changed since ${tag ? `release ${tag.name} (${point.date})` : point.date}.`,
		}),
		title,
		point,
		points,
		matrix: links.matrix(),
		basis: !tag
			? `the environment and source files as of ${point.date}`
			: tag.base === null || tag.base === tag.commit
				? `the environment and source files as release ${tag.name} left them`
				: `the environment and source files as release ${tag.name} left them, that is as the last commit before its own (${tag.commit.slice(0, 7)}) that changed them left them`,
	};
	if (at < 0)
		return {
			...base,
			at: null,
			note: tag
				? `No commit of the environment files is as old as release ${tag.name} (commit ${tag.commit.slice(0, 7)} of ${point.date}).`
				: `Every commit of the environment files is later than ${point.date}.`,
			rows: [],
		};
	const { changed } = statusChangesSince(model, model.config, timelineSettingsAt(timelines, model.environments, at));
	const rows: SinceRow[] = changed.map(({ key, then, now }) => ({
		key,
		href: now ? links.setting(key) : links.matrixRow(key),
		then: then ?? null,
		now: now ?? null,
	}));
	const commit = timelines.commits[at]!;
	return { ...base, at: { commit: commit.hash.slice(0, 7), date: commit.date }, note: null, rows };
}
