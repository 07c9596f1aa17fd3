/** A text file of the content repository, with the offsets of its line starts for locating. */
export interface SourceFile {
	/** Path relative to the content root, with forward slashes. */
	path: string;
	text: string;
	lineStarts: number[];
}

/** Wraps a file's text for locating offsets as lines and columns. */
export function createSourceFile(path: string, text: string): SourceFile {
	const lineStarts = [0];
	for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
	return { path, text, lineStarts };
}

/** The 1-based line and column of an offset in a file. */
export function positionAt(file: SourceFile, offset: number): { line: number; column: number } {
	const clamped = Math.max(0, Math.min(offset, file.text.length));
	let lo = 0;
	let hi = file.lineStarts.length - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (file.lineStarts[mid]! <= clamped) lo = mid;
		else hi = mid - 1;
	}
	return { line: lo + 1, column: clamped - file.lineStarts[lo]! + 1 };
}

/** The text of a 1-based line, without its line break. */
export function lineText(file: SourceFile, line: number): string {
	const start = file.lineStarts[line - 1];
	if (start === undefined) return '';
	const end = file.lineStarts[line] ?? file.text.length + 1;
	return file.text.slice(start, end - 1).replace(/\r$/, '');
}
