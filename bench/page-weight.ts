import { readFileSync, existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

/** What one page transfers: its HTML and the CSS and JS it loads up front (lazy chunks and search excluded). */
export interface PageWeight {
	page: string;
	html: number;
	css: number;
	js: number;
	/** Gzip-compressed total in bytes. */
	total: number;
	files: string[];
}

const gz = (buffer: Buffer): number => gzipSync(buffer, { level: 9 }).length;

/** Measures a built page's compressed weight, following stylesheets, module scripts and their static imports. */
export function measurePage(outDir: string, page: string, base = '/'): PageWeight {
	const htmlPath = join(outDir, page, page.endsWith('.html') ? '' : 'index.html');
	const html = readFileSync(htmlPath);
	const text = html.toString('utf8');
	const toFile = (url: string): string | null => {
		if (!url.startsWith(base) || url.includes('/pagefind/')) return null;
		const file = join(outDir, url.slice(base.length).split(/[?#]/)[0]!);
		return existsSync(file) ? file : null;
	};
	const css = new Set<string>();
	const js = new Set<string>();
	for (const match of text.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)) {
		const file = toFile(match[1]!);
		if (file) css.add(file);
	}
	const queue: string[] = [];
	for (const match of text.matchAll(/<script[^>]+src="([^"]+)"/g)) {
		const file = toFile(match[1]!);
		if (file) queue.push(file);
	}
	while (queue.length > 0) {
		const file = queue.pop()!;
		if (js.has(file)) continue;
		js.add(file);
		// Static imports load with the page; dynamic import() chunks (Mermaid) load only when needed.
		for (const match of readFileSync(file, 'utf8').matchAll(/(?:^|[;\s}])import\s*(?:[\w${}*,\s]+from\s*)?["']([^"']+)["']/g)) {
			const target = posix.join(posix.dirname(file), match[1]!);
			if (existsSync(target)) queue.push(target);
		}
	}
	const cssBytes = [...css].reduce((sum, f) => sum + gz(readFileSync(f)), 0);
	const jsBytes = [...js].reduce((sum, f) => sum + gz(readFileSync(f)), 0);
	const htmlBytes = gz(html);
	return {
		page,
		html: htmlBytes,
		css: cssBytes,
		js: jsBytes,
		total: htmlBytes + cssBytes + jsBytes,
		files: [...css, ...js].map((f) => f.slice(outDir.length)),
	};
}
