import { environmentHistories, type FileHistory } from '../load/git-history.ts';
import type { ParityModel } from '../model/parity-model.ts';
import { siteRoot } from './site-analysis.ts';

/** The git history of every environment file of the site's content, read with one `git log` per build. */
export function loadEnvironmentHistories(model: ParityModel): Promise<Map<string, FileHistory>> {
	return environmentHistories(siteRoot(), model);
}
