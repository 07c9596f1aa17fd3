// The search page: Pagefind's JavaScript API behind a plain form. Filter values are rendered with the
// page, so a query loads only what it needs (no filter index is fetched until a filter is chosen).
interface PagefindResult {
	data(): Promise<{ url: string; excerpt: string; meta: { title?: string }; filters?: Record<string, string[]> }>;
}

/** The tone of a status badge: the site's pill colours, whose text always says what the colour does. */
const TONES: Record<string, string> = {
	open: 'bad',
	investigating: 'warn',
	resolved: 'good',
	'wont-fix': 'neutral',
	complete: 'good',
	stalled: 'warn',
	'in-progress': 'info',
	'not-started': 'info',
	failed: 'bad',
	'rolled-back': 'bad',
};

/** A small labelled pill, as the site's pages show them. */
function pill(text: string, tone: string): HTMLSpanElement {
	const span = document.createElement('span');
	span.className = `pill ${tone}`;
	span.textContent = text;
	return span;
}
interface Pagefind {
	search(term: string | null, options?: { filters?: Record<string, string> }): Promise<{ results: PagefindResult[] } | null>;
}

const form = document.querySelector<HTMLFormElement>('[data-search]');
const list = document.querySelector<HTMLOListElement>('[data-search-results]');
const status = document.querySelector<HTMLElement>('[data-search-status]');
const more = document.querySelector<HTMLButtonElement>('[data-search-more]');
const PAGE = 10;
const NO_INDEX =
	'Search needs a full build: the search index is written by "npm run build" (see it with "npm run preview"); "npm run dev" has none.';

if (form && list && status && more) {
	let pagefind: Promise<Pagefind> | undefined;
	let results: PagefindResult[] = [];
	let shown = 0;
	let generation = 0;
	const load = (): Promise<Pagefind> => (pagefind ??= import(/* @vite-ignore */ `${form.dataset.bundle}pagefind.js`) as Promise<Pagefind>);
	const fields = (): { q: string; filters: Record<string, string> } => {
		const data = new FormData(form);
		const filters: Record<string, string> = {};
		for (const [name, value] of data) if (name !== 'q' && typeof value === 'string' && value) filters[name] = value;
		return { q: String(data.get('q') ?? '').trim(), filters };
	};
	const showMore = async (): Promise<void> => {
		const mine = generation;
		const batch = await Promise.all(results.slice(shown, shown + PAGE).map((r) => r.data()));
		if (mine !== generation) return;
		for (const item of batch) {
			const li = document.createElement('li');
			const link = document.createElement('a');
			link.href = item.url;
			link.textContent = item.meta.title ?? item.url;
			// What the result is and where it stands, from the filters each record carries.
			const badges = document.createElement('span');
			badges.className = 'result-badges';
			const filters = item.filters ?? {};
			for (const kind of filters.kind ?? []) badges.append(pill(kind, 'neutral'));
			for (const state of filters.status ?? []) badges.append(pill(state.replace('-', ' '), TONES[state] ?? 'neutral'));
			if (filters.production_only?.includes('yes')) badges.append(pill('production only', 'bad'));
			const excerpt = document.createElement('p');
			excerpt.className = 'snippet';
			// Pagefind's excerpt is escaped text with <mark> around the matches.
			excerpt.innerHTML = item.excerpt;
			li.append(link, badges, excerpt);
			list.append(li);
		}
		shown += batch.length;
		more.hidden = shown >= results.length;
	};
	const run = async (): Promise<void> => {
		const { q, filters } = fields();
		const url = new URL(location.href);
		url.search = new URLSearchParams(Object.entries({ q, ...filters }).filter(([, v]) => v)).toString();
		history.replaceState(null, '', url);
		const mine = ++generation;
		list.replaceChildren();
		shown = 0;
		results = [];
		more.hidden = true;
		if (!q && Object.keys(filters).length === 0) {
			status.textContent = '';
			return;
		}
		status.textContent = 'Searching…';
		let search: Awaited<ReturnType<Pagefind['search']>>;
		try {
			search = await (await load()).search(q || null, { filters });
		} catch {
			// No index: the dev server has none (search is built by npm run build), or it failed to load.
			if (mine === generation) status.textContent = NO_INDEX;
			pagefind = undefined;
			return;
		}
		if (mine !== generation) return;
		results = search?.results ?? [];
		status.textContent = `${results.length} result${results.length === 1 ? '' : 's'}${q ? ` for "${q}"` : ''}.`;
		await showMore();
	};
	// Fill the form from the address, as the header's search box and shared links pass it.
	const params = new URLSearchParams(location.search);
	for (const element of form.elements) {
		const field = element as HTMLInputElement | HTMLSelectElement;
		const value = field.name ? params.get(field.name) : null;
		if (value !== null) field.value = value;
	}
	let timer: ReturnType<typeof setTimeout> | undefined;
	form.addEventListener('input', () => {
		clearTimeout(timer);
		timer = setTimeout(() => void run(), 200);
	});
	form.addEventListener('submit', (event) => {
		event.preventDefault();
		void run();
	});
	more.addEventListener('click', () => void showMore());
	void run();
}

export {};
