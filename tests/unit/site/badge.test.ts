import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { parityBadge } from '../../../src/lib/site/badge.ts';

const GREEN = '#1a7f37';
const AMBER = '#9a6700';
const RED = '#cf222e';

function parse(svg: string) {
	return load(svg, { xml: true });
}

/** The fill of the value half of a badge. */
function colour(score: number): string | undefined {
	const $ = parse(parityBadge('staging → production', score, 0));
	return $('rect').eq(1).attr('fill');
}

describe('parityBadge', () => {
	it('is an SVG image with an accessible name of label and value', () => {
		const $ = parse(parityBadge('staging → production', 0.92, 3));
		const svg = $('svg');
		expect(svg.attr('xmlns')).toBe('http://www.w3.org/2000/svg');
		expect(svg.attr('role')).toBe('img');
		expect(svg.attr('aria-label')).toBe('staging → production: 92% parity · 3 drift');
		expect($('svg > title').text()).toBe('staging → production: 92% parity · 3 drift');
	});

	it('shows the label on the left and the value on the right', () => {
		const $ = parse(parityBadge('dev → staging', 1, 0));
		expect(
			$('text')
				.map((_, el) => $(el).text())
				.get(),
		).toEqual(['dev → staging', '100% parity']);
	});

	it('leaves out the drift count when there is no drift', () => {
		const $ = parse(parityBadge('dev → staging', 0.9, 0));
		expect($('svg').attr('aria-label')).toBe('dev → staging: 90% parity');
		expect($('text').eq(1).text()).toBe('90% parity');
	});

	it('rounds the score to a whole percentage', () => {
		expect(
			parse(parityBadge('a', 0.876, 1))('text')
				.eq(1)
				.text(),
		).toBe('88% parity · 1 drift');
		expect(
			parse(parityBadge('a', 0, 5))('text')
				.eq(1)
				.text(),
		).toBe('0% parity · 5 drift');
	});

	it.each([
		[1, GREEN],
		[0.95, GREEN],
		[0.94, AMBER],
		[0.8, AMBER],
		[0.79, RED],
		[0, RED],
	])('colours a score of %s %s', (score, expected) => {
		expect(colour(score)).toBe(expected);
	});

	// A badge reading "95% parity" in amber, beside another "95% parity" in green, contradicts the
	// threshold it shows; the colour should follow the percentage the reader sees.
	it('colours a badge by the percentage it shows (0.949 reads 95% and should be green; 0.795 reads 80% and should be amber)', () => {
		expect(colour(0.949)).toBe(GREEN);
		expect(colour(0.795)).toBe(AMBER);
	});

	it('keeps the label half grey', () => {
		expect(
			parse(parityBadge('a', 0.5, 1))('rect')
				.eq(0)
				.attr('fill'),
		).toBe('#555');
	});

	it('sizes the halves by their text and the whole badge as their sum', () => {
		const $ = parse(parityBadge('dev → staging', 0.9, 0));
		const left = Number($('rect').eq(0).attr('width'));
		const right = Number($('rect').eq(1).attr('width'));
		expect(left).toBe(Math.round('dev → staging'.length * 6.5) + 12);
		expect(right).toBe(Math.round('90% parity'.length * 6.5) + 12);
		expect($('rect').eq(1).attr('x')).toBe(String(left));
		expect($('svg').attr('width')).toBe(String(left + right));
	});

	it('grows with a longer label', () => {
		const short = Number(parse(parityBadge('a', 1, 0))('svg').attr('width'));
		const long = Number(parse(parityBadge('a much longer label', 1, 0))('svg').attr('width'));
		expect(long).toBeGreaterThan(short);
	});

	it('escapes markup and quotes in the label, so the SVG stays well-formed', () => {
		const label = `<b>"qa" & 'uat'</b>`;
		const svg = parityBadge(label, 1, 0);
		const $ = parse(svg);
		expect($('b')).toHaveLength(0);
		expect($('svg').attr('aria-label')).toBe(`${label}: 100% parity`);
		expect($('text').eq(0).text()).toBe(label);
		expect(svg).not.toContain('<b>');
	});
});
