import { escapeXml } from './feeds.ts';

/** A shields-style SVG badge: "staging → production | 92% parity", coloured by score. */
export function parityBadge(label: string, score: number, drift: number): string {
	const percent = Math.round(score * 100);
	const value = `${percent}% parity${drift > 0 ? ` · ${drift} drift` : ''}`;
	// The colour follows the percentage shown, so that "95%" is never amber.
	const colour = percent >= 95 ? '#1a7f37' : percent >= 80 ? '#9a6700' : '#cf222e';
	// Verdana 11px averages about 6.5px a character, as shields.io assumes.
	const width = (text: string): number => Math.round(text.length * 6.5) + 12;
	const left = width(label);
	const right = width(value);
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${left + right}" height="20" role="img" aria-label="${escapeXml(`${label}: ${value}`)}">
  <title>${escapeXml(`${label}: ${value}`)}</title>
  <rect width="${left}" height="20" fill="#555"/>
  <rect x="${left}" width="${right}" height="20" fill="${colour}"/>
  <g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">
    <text x="${left / 2}" y="14">${escapeXml(label)}</text>
    <text x="${left + right / 2}" y="14">${escapeXml(value)}</text>
  </g>
</svg>
`;
}
