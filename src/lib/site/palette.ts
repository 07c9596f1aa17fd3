/**
 * The wiki's one palette, light and dark, as CSS custom properties: the pages (global.css reads
 * them), the diagrams (Mermaid's theme variables are read from them in the browser, and a change's
 * status nodes use them), the badges and the `/go/` pages all draw from it.
 */
export const PALETTE = {
	light: {
		bg: '#ffffff',
		fg: '#1f2328',
		muted: '#59636e',
		border: '#d1d9e0',
		'border-strong': '#818b98',
		surface: '#f6f8fa',
		accent: '#0969da',
		focus: '#0969da',
		same: '#1a7f37',
		'same-bg': '#dafbe1',
		documented: '#0969da',
		'documented-bg': '#ddf4ff',
		drift: '#cf222e',
		'drift-bg': '#ffebe9',
		missing: '#7d4e00',
		'missing-bg': '#fff8c5',
		skew: '#8250df',
		'skew-bg': '#fbefff',
	},
	dark: {
		bg: '#0d1117',
		fg: '#e6edf3',
		muted: '#9198a1',
		border: '#3d444d',
		'border-strong': '#656c76',
		surface: '#151b23',
		accent: '#4493f8',
		focus: '#4493f8',
		same: '#3fb950',
		'same-bg': '#0f2a1a',
		documented: '#4493f8',
		'documented-bg': '#0c2341',
		drift: '#f85149',
		'drift-bg': '#3a1417',
		missing: '#d29922',
		'missing-bg': '#33270a',
		skew: '#ab7df8',
		'skew-bg': '#2a1d45',
	},
} as const;

/** The palette's colour names, the same in both themes. */
export type PaletteColor = keyof (typeof PALETTE)['light'];

function declarations(theme: keyof typeof PALETTE): string {
	return Object.entries(PALETTE[theme])
		.map(([name, value]) => `--${name}:${value}`)
		.join(';');
}

/**
 * The palette as a style sheet: light by default, dark under `data-theme="dark"` (set before the
 * page paints from the reader's choice or preference), and dark for a page without the theme script
 * whose reader prefers it (the `/go/` pages).
 */
export const PALETTE_CSS =
	`:root{${declarations('light')};color-scheme:light}` +
	`:root[data-theme='dark']{${declarations('dark')};color-scheme:dark}` +
	`@media (prefers-color-scheme:dark){:root:not([data-theme]){${declarations('dark')};color-scheme:dark}}`;
