import { describe, expect, it } from 'vitest';
import { PALETTE, PALETTE_CSS } from '../../../src/lib/site/palette.ts';

describe('the palette', () => {
	it('names the same colours in both themes', () => {
		expect(Object.keys(PALETTE.dark)).toEqual(Object.keys(PALETTE.light));
		for (const theme of [PALETTE.light, PALETTE.dark]) for (const value of Object.values(theme)) expect(value).toMatch(/^#[0-9a-f]{6}$/);
	});

	it('is light by default, dark under data-theme="dark", and dark for a page without the theme script whose reader prefers it', () => {
		expect(PALETTE_CSS).toContain(`:root{--bg:${PALETTE.light.bg};`);
		expect(PALETTE_CSS).toContain(`:root[data-theme='dark']{--bg:${PALETTE.dark.bg};`);
		expect(PALETTE_CSS).toContain(`@media (prefers-color-scheme:dark){:root:not([data-theme]){--bg:${PALETTE.dark.bg};`);
	});
});
