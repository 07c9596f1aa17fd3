/** Removes the common indentation of a template literal, so YAML can be written inline in tests; ends with one newline. */
export function dedent(text: string): string {
	const lines = text
		.replace(/^\n/, '')
		.replace(/\n[ \t]*$/, '')
		.split('\n');
	const indents = lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)![0].length);
	const common = indents.length > 0 ? Math.min(...indents) : 0;
	return lines.map((line) => line.slice(common)).join('\n') + '\n';
}
