// Filters a list in place by facets: chips are links to pre-built filter pages, which keep working
// without JavaScript; with it, clicking a chip filters the rows here and facets combine.
for (const root of document.querySelectorAll<HTMLElement>('[data-facet-filter]')) {
	const rows = [...root.querySelectorAll<HTMLElement>('[data-facets]')];
	const active = new Map<string, string>();
	// A pre-built filter page lists only the issues of its filter: that facet stays as the page set it, and
	// its chips load their own pages; the other facets filter in place within it.
	const fixed = new Set<string>();
	for (const chip of root.querySelectorAll<HTMLAnchorElement>('a[data-facet][aria-current]'))
		if (chip.dataset.value) {
			active.set(chip.dataset.facet!, chip.dataset.value);
			fixed.add(chip.dataset.facet!);
		}
	const count = root.querySelector<HTMLElement>('[data-facet-count]');
	const nothing = root.querySelector<HTMLElement>('[data-facet-empty]');
	const apply = (): void => {
		let shown = 0;
		for (const row of rows) {
			const facets = JSON.parse(row.dataset.facets ?? '{}') as Record<string, string[]>;
			const show = [...active].every(([facet, value]) => facets[facet]?.includes(value));
			row.hidden = !show;
			if (show) shown++;
		}
		for (const chip of root.querySelectorAll<HTMLAnchorElement>('a[data-facet]')) {
			const on = chip.dataset.value === '' ? !active.has(chip.dataset.facet!) : active.get(chip.dataset.facet!) === chip.dataset.value;
			if (on) chip.setAttribute('aria-current', 'true');
			else chip.removeAttribute('aria-current');
		}
		if (count) count.textContent = `${shown} of ${rows.length}`;
		if (nothing) nothing.hidden = shown > 0;
	};
	root.addEventListener('click', (event) => {
		const chip = (event.target as HTMLElement).closest<HTMLAnchorElement>('a[data-facet]');
		if (!chip || event.metaKey || event.ctrlKey || fixed.has(chip.dataset.facet!)) return;
		event.preventDefault();
		const { facet, value } = chip.dataset as { facet: string; value: string };
		if (value === '' || active.get(facet) === value) active.delete(facet);
		else active.set(facet, value);
		apply();
	});
	apply();
}
